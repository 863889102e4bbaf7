"""Nodes of every kind through the real client against the fake (``client.nodes``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus, NodeType
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.devices import Device
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.zones import Zones
from maas_sdk.testing import FakeMAAS

MACHINE_MAC = "52:54:00:f0:00:01"
DEVICE_MAC = "52:54:00:f0:00:02"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=13, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


@pytest.fixture
def machines(client: MAASClient) -> Machines:
    return Machines(client.transport, clock=client.clock)


@pytest.fixture
def machine(machines: Machines) -> Machine:
    return machines.create(
        architecture="amd64/generic",
        mac_addresses=[MACHINE_MAC],
        hostname="node-m",
        power_type="manual",
        commission=False,
    )


@pytest.fixture
def device(client: MAASClient, machine: Machine) -> Device:
    return client.devices.create(DEVICE_MAC, hostname="node-d", parent=machine.system_id)


def test_list_groups_devices_machines_racks_regions(
    client: MAASClient, machine: Machine, device: Device
) -> None:
    nodes = client.nodes.list()
    assert [(n.hostname, n.node_type) for n in nodes] == [
        ("node-d", NodeType.DEVICE),
        ("node-m", NodeType.MACHINE),
        ("maas-rack", NodeType.RACK_CONTROLLER),
        ("maas-region", NodeType.REGION_CONTROLLER),
    ]
    by_name = {n.hostname: n for n in nodes}
    assert by_name["node-m"].status == NodeStatus.NEW
    assert by_name["node-m"].pool is not None
    assert by_name["node-m"].is_machine
    assert by_name["node-d"].owner == "admin"
    assert by_name["node-d"].status is None
    assert by_name["node-d"].is_device
    assert (by_name["node-d"].model_extra or {})["parent"] == machine.system_id
    assert by_name["maas-rack"].is_controller
    assert by_name["maas-rack"].architecture == "amd64/generic"


def test_list_filters_apply_to_every_kind(
    client: MAASClient, machine: Machine, device: Device
) -> None:
    assert [n.hostname for n in client.nodes.list(hostname=["node-m", "node-d"])] == [
        "node-d",
        "node-m",
    ]
    assert [n.hostname for n in client.nodes.list(mac_address=DEVICE_MAC)] == ["node-d"]
    assert [n.hostname for n in client.nodes.list(status="new")] == ["node-d", "node-m"]
    assert [n.hostname for n in client.nodes.list(arch="amd64")] == [
        "node-m",
        "maas-rack",
        "maas-region",
    ]
    with pytest.raises(BadRequestError) as caught:
        client.nodes.list(tags="nosuch")
    assert caught.value.field_errors == {"tags": ["No such tag(s): 'nosuch'."]}


def test_non_admins_see_no_controllers_and_only_unowned_or_own_nodes(
    bob: MAASClient, machine: Machine, device: Device
) -> None:
    own = bob.devices.create("52:54:00:f0:00:03", hostname="bobs")
    assert [n.hostname for n in bob.nodes.list()] == ["bobs", "node-m"]
    assert bob.nodes.get(own.system_id).owner == "bob"


def test_get_reads_any_kind_with_its_own_fields(
    client: MAASClient, machine: Machine, device: Device
) -> None:
    as_node = client.nodes.get(machine.system_id)
    assert as_node == client.nodes.get(machine.system_id)
    assert as_node.resource_uri == f"/MAAS/api/2.0/machines/{machine.system_id}/"
    assert as_node.model_extra is not None
    assert "bios_boot_method" in as_node.model_extra
    node_device = client.nodes.get(device.system_id)
    assert node_device.resource_uri == f"/MAAS/api/2.0/devices/{device.system_id}/"
    assert repr(node_device) == f"<Node {device.system_id} node-d Device>"
    with pytest.raises(NotFoundError) as caught:
        client.nodes.get("nosuch")
    assert caught.value.message == "No Node matches the given query."


def test_details_and_power_parameters_of_every_kind(
    client: MAASClient, bob: MAASClient, machine: Machine, device: Device
) -> None:
    for system_id in (machine.system_id, device.system_id):
        details = client.nodes.details(system_id)
        assert (details.lshw, details.lldp) == (None, None)
        assert client.nodes.power_parameters(system_id) == {}
    with pytest.raises(PermissionDeniedError):
        bob.nodes.power_parameters(machine.system_id)
    with pytest.raises(PermissionDeniedError):
        bob.nodes.power_parameters(device.system_id)


def test_delete_any_kind_as_admin_only(
    client: MAASClient, bob: MAASClient, machine: Machine, device: Device
) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.nodes.delete(device.system_id)
    client.nodes.get(device.system_id).delete()
    client.nodes.delete(machine.system_id)
    rack = client.rack_controllers.list()[0]
    client.nodes.delete(rack.system_id)
    assert [n.hostname for n in client.nodes.list()] == ["maas-region"]
    with pytest.raises(NotFoundError):
        machine.refresh()


def test_refresh_rereads(client: MAASClient, device: Device) -> None:
    node = client.nodes.get(device.system_id)
    device.description = "renamed"
    device.save()
    assert node.refresh().description == "renamed"


def test_is_registered_and_is_action_in_progress(
    client: MAASClient, machines: Machines, machine: Machine, device: Device
) -> None:
    assert client.nodes.is_registered(MACHINE_MAC) is True
    assert client.nodes.is_registered(DEVICE_MAC) is True
    assert client.nodes.is_registered("52:54:00:f0:00:99") is False
    assert client.nodes.is_action_in_progress(MACHINE_MAC) is False
    machines.create(
        architecture="amd64/generic", mac_addresses=["52:54:00:f0:00:04"], power_type="manual"
    )
    assert client.nodes.is_action_in_progress("52:54:00:f0:00:04") is True


def test_set_zone_moves_nodes_of_every_kind(
    client: MAASClient, machine: Machine, device: Device
) -> None:
    zone = Zones(client.transport).create("mixed")
    rack = client.rack_controllers.list()[0]
    client.nodes.set_zone(zone, [machine.system_id, device.system_id, rack.system_id])
    assert {n.hostname for n in client.nodes.list(zone="mixed")} == {
        "node-m",
        "node-d",
        "maas-rack",
    }
    assert machine.refresh().zone == zone


def test_set_zone_refuses_unknown_zone_and_ids(client: MAASClient, machine: Machine) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.nodes.set_zone("nosuch", [machine.system_id, "nosuch"])
    assert caught.value.field_errors == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."],
        "system_id": ["Some of the given system ids are invalid system ids."],
    }


def test_filters_are_sent_as_maas_spells_them(fake: FakeMAAS, client: MAASClient) -> None:
    client.nodes.list(system_id=["abc"], status=NodeStatus.READY, not_in_zone="default", mem=1024)
    assert fake.requests.last.query == (
        ("status", "ready"),
        ("id", "abc"),
        ("not_in_zone", "default"),
        ("mem", "1024"),
    )
    served = len(fake.requests)
    assert client.devices.list(status="ready", simple_status="deployed") == []
    assert len(fake.requests) == served
