"""PCI/USB devices of nodes through the real client against the fake (``client.node_devices``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.node_devices import NodeDeviceBus
from maas_sdk.resources.script_results import HardwareType
from maas_sdk.testing import FakeMAAS

MAC = "52:54:00:c0:00:01"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=19, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def machines(client: MAASClient) -> Machines:
    return Machines(client.transport, clock=client.clock)


@pytest.fixture
def machine(fake: FakeMAAS, machines: Machines) -> Machine:
    created = machines.create(
        architecture="amd64/generic", mac_addresses=[MAC], hostname="pci", power_type="manual"
    )
    fake.advance(120)
    return created.refresh()


def test_a_commissioned_machine_lists_its_nic_disk_and_a_usb_hub(
    client: MAASClient, machine: Machine
) -> None:
    devices = client.node_devices.list(machine.system_id)
    assert [(d.bus, d.hardware_type) for d in devices] == [
        (NodeDeviceBus.PCIE, HardwareType.NETWORK),
        (NodeDeviceBus.PCIE, HardwareType.STORAGE),
        (NodeDeviceBus.USB, HardwareType.NODE),
    ]
    nic, disk, hub = devices
    assert nic.physical_interface is not None
    assert nic.physical_interface.mac_address == MAC
    assert nic.physical_blockdevice is None
    assert (nic.bus_name, nic.hardware_type_name, nic.commissioning_driver) == (
        "PCIE",
        "Network",
        "igb",
    )
    assert nic.pci_address == "0000:01:00.0"
    assert disk.physical_blockdevice is not None
    assert disk.physical_blockdevice.name == "sda"
    assert disk.commissioning_driver == "nvme"
    assert nic.system_id == machine.system_id
    assert nic.resource_uri == f"/MAAS/api/2.0/nodes/{machine.system_id}/devices/{nic.id}/"
    assert (hub.pci_address, hub.bus_number, hub.device_number) == (None, 1, 1)


def test_list_filters(client: MAASClient, machine: Machine) -> None:
    system_id = machine.system_id
    assert [d.bus_name for d in client.node_devices.list(system_id, bus="USB")] == ["USB"]
    assert len(client.node_devices.list(system_id, bus=NodeDeviceBus.PCIE)) == 2
    assert len(client.node_devices.list(system_id, hardware_type="network")) == 1
    assert len(client.node_devices.list(system_id, vendor_name="intel corporation")) == 1
    assert client.node_devices.list(system_id, commissioning_driver="e1000") == []
    with pytest.raises(BadRequestError) as caught:
        client.node_devices.list(system_id, bus="pci")
    assert caught.value.message == "Bus must be PCIE or USB!"
    with pytest.raises(BadRequestError) as numeric:
        client.node_devices.list(system_id, hardware_type=9)
    assert numeric.value.message == "Invalid hardware type numeric value."


def test_get_by_id_pci_address_or_bus_and_device(client: MAASClient, machine: Machine) -> None:
    nic, _, hub = client.node_devices.list(machine.system_id)
    assert client.node_devices.get(machine.system_id, nic.id) == nic
    assert client.node_devices.get(machine.system_id, "0000:01:00.0") == nic
    assert client.node_devices.get(machine.system_id, "1:1") == hub
    with pytest.raises(NotFoundError) as missing:
        client.node_devices.get(machine.system_id, 99999)
    assert missing.value.message == "No NodeDevice matches the given query."
    with pytest.raises(BadRequestError) as malformed:
        client.node_devices.get(machine.system_id, "x:y")
    assert malformed.value.message == "Invalid id format!"


def test_delete_is_admin_only_and_lasts_until_the_next_commissioning(
    fake: FakeMAAS, client: MAASClient, machines: Machines, machine: Machine
) -> None:
    nic, disk, hub = client.node_devices.list(machine.system_id)
    fake.add_user("bob")
    with fake.client(user="bob") as bob, pytest.raises(PermissionDeniedError):
        bob.node_devices.delete(machine.system_id, hub.id)
    client.node_devices.delete(machine.system_id, hub.id)
    assert client.node_devices.list(machine.system_id) == [nic, disk]
    machines.commission(machine.system_id)
    fake.advance(120)
    assert len(client.node_devices.list(machine.system_id)) == 3


def test_uncommissioned_nodes_and_unknown_nodes(client: MAASClient, machines: Machines) -> None:
    new = machines.create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:c0:00:02"],
        power_type="manual",
        commission=False,
    )
    assert client.node_devices.list(new.system_id) == []
    device = client.devices.create("52:54:00:c0:00:03")
    assert client.node_devices.list(device.system_id) == []
    with pytest.raises(NotFoundError) as caught:
        client.node_devices.list("nosuch")
    assert caught.value.message == "No Node matches the given query."
