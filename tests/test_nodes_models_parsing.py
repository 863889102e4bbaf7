"""MAAS's own example answers parse into the node models of this group (examples/*.json)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

import pytest
from models_support import example, example_machines
from pydantic import TypeAdapter

from maas_sdk.enums import NodeType, PowerState, ScriptStatus
from maas_sdk.resources.devices import Device
from maas_sdk.resources.node_devices import NodeDevice, NodeDeviceBus
from maas_sdk.resources.node_results import NodeResult
from maas_sdk.resources.nodes import Node
from maas_sdk.resources.rack_controllers import RackBootImages, RackController
from maas_sdk.resources.region_controllers import RegionController
from maas_sdk.resources.script_results import HardwareType, ScriptResultSet, ScriptResultType


def _parse(model: type[Any], value: Any) -> Any:
    return TypeAdapter(model).validate_json(json.dumps(value))


@pytest.mark.parametrize(
    "key",
    [
        "devices-create",
        "devices-update",
        "devices-restore-network-conf",
        "devices-restore-default-conf",
    ],
)
def test_device_examples(key: str) -> None:
    raw = example("devices.json", key)
    device: Device = _parse(Device, raw)
    assert device.system_id == raw["system_id"]
    assert device.node_type == NodeType.DEVICE
    assert device.domain is not None
    assert device.zone is not None
    assert device.workload_annotations == {}
    assert device.model_extra == {}


def test_devices_by_tag_lack_description_and_annotations() -> None:
    (device,) = _parse(list[Device], example("tags.json", "get-devices-by-tag"))
    assert device.description == ""
    assert device.workload_annotations == {}


@pytest.mark.parametrize(
    ("file", "key", "model"),
    [
        ("rackcontrollers.json", "update", RackController),
        ("regioncontrollers.json", "update", RegionController),
    ],
)
def test_controller_updates(file: str, key: str, model: type[Any]) -> None:
    raw = example(file, key)
    controller = _parse(model, raw)
    assert controller.system_id == raw["system_id"]
    assert controller.ip_addresses == raw["ip_addresses"]
    assert controller.hardware_info == raw["hardware_info"]
    assert controller.node_type == NodeType(raw["node_type"])
    assert controller.model_extra == {}


def test_rack_examples() -> None:
    (rack,) = _parse(list[RackController], example("rackcontrollers.json", "read-all"))
    assert rack.power_state == PowerState.ERROR
    assert rack.version is None
    assert {s.status for s in rack.service_set} == {"dead", "unknown"}
    assert rack.addresses == ["172.16.2.3", "172.16.1.3", "172.16.3.3"]
    assert rack.interface_set[0].params == {}
    images: RackBootImages = _parse(
        RackBootImages, example("rackcontrollers.json", "list-boot-images")
    )
    assert images.connected is True
    assert ("bootloader/uefi", "arm64") in {(i.name, i.architecture) for i in images.images}


@pytest.mark.parametrize(
    ("key", "model"),
    [("get-rackc-by-tag", RackController), ("get-regionc-by-tag", RegionController)],
)
def test_controllers_by_tag(key: str, model: type[Any]) -> None:
    (controller,) = _parse(list[model], example("tags.json", key))  # type: ignore[valid-type]
    assert controller.node_type == NodeType.REGION_AND_RACK_CONTROLLER


def test_every_node_shape_parses_as_a_node() -> None:
    nodes = _parse(list[Node], example("nodes.json", "read-visible-nodes"))
    nodes += _parse(list[Node], example("tags.json", "get-nodes-by-tag"))
    nodes.append(_parse(Node, example("nodes.json", "read-node")))
    nodes += [_parse(Node, machine) for _, machine in example_machines()]
    kinds = {node.node_type for node in nodes}
    assert kinds == {
        NodeType.MACHINE,
        NodeType.DEVICE,
        NodeType.REGION_AND_RACK_CONTROLLER,
    }
    machine = _parse(Node, example("nodes.json", "read-node"))
    assert machine.status is not None
    assert machine.pool is not None
    assert (machine.model_extra or {})["parent"]["__incomplete__"] is True


def test_script_result_sets() -> None:
    sets = _parse(list[ScriptResultSet], example("nodes.json", "script-results-read"))
    assert sets[0].type == ScriptResultType.COMMISSIONING
    assert sets[0].status == ScriptStatus.PASSED
    assert sets[0].suppressed is None
    assert sets[0].ended == datetime(2017, 11, 7, 15, 59, 57)
    suppressed = [r.name for r in sets[0].results if r.suppressed]
    assert suppressed[:2] == ["00-maas-02-virtuality", "00-maas-03-install-lldpd"]
    one: ScriptResultSet = _parse(
        ScriptResultSet, example("nodes.json", "script-results-read-by-id")
    )
    assert one.type == ScriptResultType.TESTING
    assert one.system_id == "thr3am"
    assert one.results[1].parameters["storage"]["type"] == "storage"
    assert one.results[0].starttime == 1489966381


def test_script_result_output_is_decoded_from_base64() -> None:
    raw = example("nodes.json", "script-results-read-by-id")
    raw["results"][0]["output"] = base64.b64encode(b"hello\n").decode()
    parsed: ScriptResultSet = _parse(ScriptResultSet, raw)
    assert parsed.results[0].output == b"hello\n"
    assert parsed.results[1].output is None


def test_node_device_example() -> None:
    device: NodeDevice = _parse(NodeDevice, example("nodes.json", "node-devices-read-by-id"))
    assert device.bus == NodeDeviceBus.PCIE
    assert device.hardware_type == HardwareType.NODE
    assert device.pci_address == "0000:00:06.0"
    assert device.physical_interface is None


def test_installation_results_example() -> None:
    results = _parse(list[NodeResult], example("installation-results.json", "installation-results"))
    assert [r.name for r in results][:2] == ["stress-ng-memory-short", "stress-ng-memory-short.err"]
    assert results[0].data == base64.b64decode("d2Y5SUZFb1RUYg==")
    assert results[0].result_type == ScriptResultType.TESTING
    assert results[0].node is not None
    assert results[0].node.system_id == "p3nbg8"
    assert results[0].created == datetime(2018, 12, 20, 18, 26, 14, 285000)


def test_unknown_enum_values_and_missing_keys_do_not_fail() -> None:
    node = _parse(Node, {"system_id": "abc123", "hostname": "x", "node_type": 9})
    assert node.node_type.is_known is False
    device_set = _parse(ScriptResultSet, {"id": 1, "type": 7, "status": 42, "last_ping": "garbage"})
    assert device_set.type.is_known is False
    assert device_set.last_ping is None
