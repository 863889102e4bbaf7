"""Devices through the real client against the fake (``client.devices``, REFERENCE.md §8)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeType
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
)
from maas_sdk.resources.devices import Device
from maas_sdk.resources.zones import Zones
from maas_sdk.testing import FakeMAAS

MAC = "52:54:00:d0:00:01"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=11, strict=True)


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
def device(client: MAASClient) -> Device:
    return client.devices.create(MAC, hostname="switch-1", description="top of rack")


def test_create_returns_the_device_owned_by_the_caller(device: Device) -> None:
    assert device.hostname == "switch-1"
    assert device.description == "top of rack"
    assert device.owner == "admin"
    assert device.node_type == NodeType.DEVICE
    assert device.node_type_name == "Device"
    assert device.parent is None
    assert device.fqdn == "switch-1.maas"
    assert device.zone is not None
    assert device.zone.name == "default"
    assert [i.mac_address for i in device.interface_set] == [MAC]
    assert device.resource_uri == f"/MAAS/api/2.0/devices/{device.system_id}/"
    assert repr(device) == f"<Device {device.system_id} switch-1>"


def test_create_with_several_macs_parent_zone_and_domain(
    client: MAASClient, device: Device
) -> None:
    zone = Zones(client.transport).create("rack-2")
    child = client.devices.create(
        ["52:54:00:d0:00:02", "52:54:00:d0:00:03"],
        hostname="vm-1",
        parent=device.system_id,
        zone=zone,
        domain=0,
    )
    assert child.parent == device.system_id
    assert [i.name for i in child.interface_set] == ["eth0", "eth1"]
    assert child.zone == zone
    assert child.domain is not None
    assert child.domain.name == "maas"


def test_create_without_hostname_generates_one(client: MAASClient) -> None:
    created = client.devices.create("52:54:00:d0:00:09")
    assert created.hostname
    assert client.devices.get(created.system_id).hostname == created.hostname


@pytest.mark.parametrize(
    ("macs", "message"),
    [
        ([], "This field is required."),
        (["zz"], "'zz' is not a valid MAC address."),
        ([MAC], f"MAC address {MAC} already in use on switch-1."),
    ],
)
def test_create_refuses_missing_invalid_and_used_macs(
    client: MAASClient, device: Device, macs: list[str], message: str
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.devices.create(macs)
    assert caught.value.field_errors == {"mac_addresses": [message]}


def test_create_refuses_a_taken_hostname_and_an_unknown_parent(
    client: MAASClient, device: Device
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.devices.create("52:54:00:d0:00:04", hostname="switch-1", parent="nosuch")
    assert caught.value.field_errors == {
        "hostname": ["Node with this Hostname already exists."],
        "parent": ["Select a valid choice. That choice is not one of the available choices."],
    }


def test_any_user_may_create_and_lists_only_unowned_and_own_devices(
    client: MAASClient, bob: MAASClient, device: Device
) -> None:
    mine = bob.devices.create("52:54:00:d0:00:05", hostname="bobs-box")
    assert mine.owner == "bob"
    assert [d.hostname for d in bob.devices.list()] == ["bobs-box"]
    assert [d.hostname for d in client.devices.list()] == ["switch-1", "bobs-box"]
    # A device is in no pool, so anyone may read it by id.
    assert bob.devices.get(device.system_id) == device


def test_list_filters_run_on_the_server(client: MAASClient, device: Device) -> None:
    other = client.devices.create("52:54:00:d0:00:06", hostname="printer")
    assert client.devices.list(hostname="printer") == [other]
    assert client.devices.list(mac_address=MAC) == [device]
    assert client.devices.list(not_hostname=["printer"]) == [device]
    assert client.devices.list(owner="admin", zone="default") == [device, other]
    assert client.devices.list(pool="default") == []
    assert client.devices.find_by_hostname("switch-1") == device
    assert client.devices.find_by_mac_address("52:54:00:d0:00:06") == other
    assert client.devices.find_by_hostname("nosuch") is None


def test_list_refuses_unknown_filters_and_names(client: MAASClient) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.devices.list(zone="nosuchzone")
    assert caught.value.field_errors == {"zone": ["No such zone(s): nosuchzone."]}
    with pytest.raises(TypeError, match="unknown node filter"):
        client.devices.list(colour="blue")  # type: ignore[call-arg]


def test_get_unknown_device_or_a_controller_is_not_found(client: MAASClient) -> None:
    rack = client.rack_controllers.list()[0]
    for system_id in ("nosuch", rack.system_id):
        with pytest.raises(NotFoundError) as caught:
            client.devices.get(system_id)
        assert caught.value.message == "No Device matches the given query."


def test_save_sends_the_changed_fields(client: MAASClient, device: Device) -> None:
    device.hostname = "switch-2"
    device.description = "moved"
    assert device.changes == {"hostname": "switch-2", "description": "moved"}
    assert device.save() is device
    assert device.changes == {}
    fresh = client.devices.get(device.system_id)
    assert (fresh.hostname, fresh.description, fresh.fqdn) == ("switch-2", "moved", "switch-2.maas")


def test_save_sets_and_clears_the_parent(client: MAASClient, device: Device) -> None:
    child = client.devices.create("52:54:00:d0:00:07", parent=device.system_id)
    child.parent = None
    child.save()
    assert child.parent is None
    assert client.devices.get(child.system_id).parent is None


def test_read_only_fields_cannot_be_assigned(device: Device) -> None:
    with pytest.raises(ReadOnlyFieldError):
        device.owner = "bob"


def test_update_refuses_an_unknown_zone(client: MAASClient, device: Device) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.devices.update(device.system_id, zone="nosuchzone")
    assert caught.value.field_errors == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."]
    }


def test_another_user_may_not_change_or_delete_my_device(bob: MAASClient, device: Device) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.devices.update(device.system_id, description="mine now")
    with pytest.raises(PermissionDeniedError):
        bob.devices.delete(device.system_id)


def test_delete_then_read_and_delete_again_are_not_found(
    client: MAASClient, device: Device
) -> None:
    device.delete()
    with pytest.raises(NotFoundError):
        device.refresh()
    with pytest.raises(NotFoundError):
        client.devices.delete(device.system_id)


def test_workload_annotations_are_set_and_deleted_by_the_owner(
    client: MAASClient, bob: MAASClient, device: Device
) -> None:
    device.set_workload_annotations({"rack": "r1", "row": "7"})
    assert device.workload_annotations == {"rack": "r1", "row": "7"}
    assert device.owner_data == device.workload_annotations
    device.set_workload_annotations({"row": None})
    assert device.workload_annotations == {"rack": "r1"}
    legacy = client.devices.set_owner_data(device.system_id, {"a": "b"})
    assert legacy.owner_data == {"rack": "r1", "a": "b"}
    unowned_by_bob = bob.devices.get(device.system_id)
    with pytest.raises(PermissionDeniedError):
        unowned_by_bob.set_workload_annotations({"x": "y"})


def test_workload_annotations_need_the_caller_to_own_the_device(
    fake: FakeMAAS, client: MAASClient
) -> None:
    from maas_sdk.testing._r_node_records import node_table

    device = client.devices.create("52:54:00:d0:00:08")
    with fake.store.lock:
        record = node_table(fake.store).get(device.system_id)
        assert record is not None
        record.owner = None
    with pytest.raises(ConflictError) as caught:
        device.set_workload_annotations({"k": "v"})
    assert caught.value.message == "Cannot set workload annotation: it hasn't been acquired."


def test_details_power_parameters_and_restore_ops(client: MAASClient, device: Device) -> None:
    details = device.details()
    assert (details.lshw, details.lldp) == (None, None)
    assert device.power_parameters() == {}
    assert device.restore_networking_configuration() is device
    assert device.restore_default_configuration() is device
    assert [i.links for i in device.interface_set] == [[]]


def test_admin_only_operations_refuse_other_users(bob: MAASClient, device: Device) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.devices.power_parameters(device.system_id)
    with pytest.raises(PermissionDeniedError):
        bob.devices.restore_default_configuration(device.system_id)
    with pytest.raises(PermissionDeniedError):
        bob.devices.restore_networking_configuration(device.system_id)


def test_is_registered_sees_nodes_of_every_kind(client: MAASClient, device: Device) -> None:
    assert client.devices.is_registered(MAC) is True
    assert client.devices.is_registered(MAC.upper()) is True
    assert client.devices.is_registered("52:54:00:ff:ff:ff") is False
    assert client.devices.is_registered("zz") is False
    rack_mac = client.rack_controllers.list()[0].interface_set[0].mac_address
    assert rack_mac is not None
    assert client.devices.is_registered(rack_mac) is True


def test_is_action_in_progress_is_asked_anonymously(client: MAASClient, device: Device) -> None:
    assert client.devices.is_action_in_progress(MAC) is False


def test_set_zone_moves_devices_and_refuses_unknown_ids(
    client: MAASClient, bob: MAASClient, device: Device
) -> None:
    zone = Zones(client.transport).create("zone-b")
    client.devices.set_zone(zone, [device.system_id])
    assert client.devices.get(device.system_id).zone == zone
    with pytest.raises(BadRequestError) as caught:
        client.devices.set_zone("default", ["nosuch"])
    assert caught.value.field_errors == {
        "system_id": ["Some of the given system ids are invalid system ids."]
    }
    with pytest.raises(BadRequestError):
        bob.devices.set_zone("default", [device.system_id])
