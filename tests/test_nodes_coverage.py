"""The node managers declare exactly the operations of their MAAS handlers (operations.tsv)."""

from __future__ import annotations

import csv
from pathlib import Path

from maas_sdk._operations import Operation, declared_operations
from maas_sdk.client import MAASClient
from maas_sdk.resources.devices import Devices
from maas_sdk.resources.node_devices import NodeDevices
from maas_sdk.resources.node_results import NodeResults
from maas_sdk.resources.nodes import Nodes
from maas_sdk.resources.rack_controllers import RackControllers
from maas_sdk.resources.region_controllers import RegionControllers
from maas_sdk.resources.script_results import ScriptResults
from maas_sdk.testing import FakeMAAS

OPERATIONS = Path(__file__).resolve().parents[1] / "docs" / "_data" / "operations.tsv"
HANDLERS = {
    "DeviceHandler",
    "DevicesHandler",
    "RackControllerHandler",
    "RackControllersHandler",
    "RegionControllerHandler",
    "RegionControllersHandler",
    "NodeHandler",
    "NodesHandler",
    "NodeScriptResultHandler",
    "NodeScriptResultsHandler",
    "NodeDeviceHandler",
    "NodeDevicesHandler",
    "NodeResultsHandler",
}
MODULES = (
    "maas_sdk.resources.devices.",
    "maas_sdk.resources.rack_controllers.",
    "maas_sdk.resources.region_controllers.",
    "maas_sdk.resources.nodes.",
    "maas_sdk.resources.script_results.",
    "maas_sdk.resources.node_devices.",
    "maas_sdk.resources.node_results.",
)


def _expected() -> set[Operation]:
    with OPERATIONS.open(newline="") as table:
        rows = csv.DictReader(table, delimiter="\t")
        return {
            Operation(
                row["http_method"],
                row["url_pattern"].removeprefix("/MAAS/api/2.0/"),
                row["op"] or None,
            )
            for row in rows
            if row["resource"] in HANDLERS
        }


def test_every_operation_of_the_node_handlers_is_declared_once() -> None:
    declared = [op for name, op in declared_operations() if name.startswith(MODULES)]
    assert len(declared) == len(set(declared))
    assert set(declared) == _expected()
    assert len(declared) == 61


def test_the_client_exposes_the_managers() -> None:
    fake = FakeMAAS()
    with fake.client() as client:
        assert isinstance(client, MAASClient)
        assert isinstance(client.devices, Devices)
        assert isinstance(client.rack_controllers, RackControllers)
        assert isinstance(client.region_controllers, RegionControllers)
        assert isinstance(client.nodes, Nodes)
        assert isinstance(client.script_results, ScriptResults)
        assert isinstance(client.node_results, NodeResults)
        assert isinstance(client.node_devices, NodeDevices)
        assert client.devices is client.devices
        assert repr(client.nodes) == "<Nodes manager>"
