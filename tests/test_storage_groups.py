"""Volume groups, logical volumes and RAIDs under a machine, through the fake (§14.3)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from models_support import example
from node_children_support import GB, add_disks, new_machine, ready_machine

from maas_sdk.client import MAASClient
from maas_sdk.enums import BlockDeviceType
from maas_sdk.errors import BadRequestError, ConflictError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.common import BlockDevice, Partition
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.raids import RAID, RaidLevel
from maas_sdk.resources.volume_groups import VolumeGroup
from maas_sdk.testing import FakeMAAS

MIB = 1024 * 1024


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def machine(client: MAASClient) -> Machine:
    return ready_machine(client)


@pytest.fixture
def disks(client: MAASClient, machine: Machine) -> list[NodeBlockDevice]:
    return add_disks(client, machine.system_id, "bcdef")


def lvm_size(*members: int) -> int:
    """MAAS's volume group size: 4 MiB extents, one per physical volume for the headers."""
    return (sum(members) // (4 * MIB) - len(members)) * 4 * MIB


# -- volume groups -----------------------------------------------------------------------------


def test_the_lvm_layout_gives_vgroot(client: MAASClient, machine: Machine) -> None:
    (vgroot,) = client.volume_groups.list(machine.system_id)
    assert vgroot.name == "vgroot"
    assert [lv.name for lv in vgroot.logical_volumes] == ["vgroot-lvroot"]
    assert [d.type for d in vgroot.devices] == ["partition"]


def test_create_read_and_sizes(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    groups = client.volume_groups.of(machine.system_id)
    sdb, sdc = disks[0], disks[1]
    part = sdc.create_partition(4 * GB)
    vg = groups.create("vg0", block_devices=[sdb], partitions=[part])
    assert isinstance(vg, VolumeGroup)
    assert [type(d) for d in vg.devices] == [BlockDevice, Partition]
    assert vg.size == lvm_size(10 * GB, 4 * GB)
    assert (vg.used_size, vg.available_size) == (0, vg.size)
    assert vg.human_size == "14.0 GB"
    assert vg.resource_uri == f"/MAAS/api/2.0/nodes/{machine.system_id}/volume-group/{vg.id}/"
    assert groups.get("vg0") == vg
    assert groups.get(vg.id) == vg
    pv = sdb.refresh().filesystem
    assert pv is not None
    assert pv.fstype == "lvm-pv"
    assert repr(vg) == f"<VolumeGroup {vg.id} vg0>"


def test_logical_volumes(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    vg = client.volume_groups.create(machine.system_id, "vg0", block_devices=disks[:2])
    lv = vg.create_logical_volume("data", 5 * GB + 1)
    assert isinstance(lv, NodeBlockDevice)
    assert (lv.name, lv.type, lv.block_size) == ("vg0-data", BlockDeviceType.VIRTUAL, 4096)
    assert lv.size == (5 * GB + 1) // (4 * MIB) * 4 * MIB
    rest = vg.create_logical_volume("rest")
    assert vg.refresh().available_size == 0
    assert vg.used_size == lv.size + rest.size
    assert lv.format("ext4").mount("/data").filesystem is not None

    vg.delete_logical_volume(rest)
    vg.delete_logical_volume(987654)  # MAAS answers 204 for an unknown volume too
    assert [v.name for v in vg.refresh().logical_volumes] == ["vg0-data"]

    vg.name = "big"
    vg.save()
    assert [v.name for v in vg.logical_volumes] == ["big-data"]


def test_update_adds_and_removes_physical_volumes(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    vg = client.volume_groups.create(machine.system_id, "vg0", block_devices=[disks[0]])
    vg.update(add_block_devices=["sdc", disks[2]])
    assert [d.id for d in vg.devices] == [disks[0].id, disks[1].id, disks[2].id]
    vg.update(remove_block_devices=disks[0])
    assert [d.id for d in vg.devices] == [disks[1].id, disks[2].id]
    assert disks[0].refresh().filesystem is None


def test_volume_group_refusals(
    fake: FakeMAAS, client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    groups = client.volume_groups.of(machine.system_id)
    with pytest.raises(BadRequestError) as empty:
        groups.create("vg0")
    assert empty.value.field_errors == {
        "__all__": ["At least one valid block device or partition is required."]
    }
    with pytest.raises(BadRequestError) as taken:
        groups.create("vg0", block_devices=["sda"])
    assert taken.value.field_errors == {
        "block_devices": ["Select a valid choice. sda is not one of the available choices."]
    }
    vg = groups.create("vg0", block_devices=[disks[0]])
    with pytest.raises(BadRequestError) as too_big:
        vg.create_logical_volume("lv", 20 * GB)
    assert too_big.value.field_errors == {
        "size": [f"Ensure this value is less than or equal to {vg.size}."]
    }
    vg.create_logical_volume("lv")
    with pytest.raises(BadRequestError) as full:
        vg.create_logical_volume("more")
    assert full.value.field_errors == {
        "__all__": [
            "Volume group (vg0) cannot hold any more logical volumes, because it doesn't have "
            "enough free space."
        ]
    }
    with pytest.raises(BadRequestError, match="This volume group has logical volumes"):
        vg.delete()
    with pytest.raises(NotFoundError, match="No VolumeGroup matches the given query"):
        groups.get("vg9")
    fake.add_user("bob")
    with fake.client(user="bob") as bob, pytest.raises(PermissionDeniedError):
        bob.volume_groups.delete(machine.system_id, vg.id)


def test_delete_frees_the_members(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    vg = client.volume_groups.create(machine.system_id, "vg0", block_devices=disks[:1])
    vg.delete()
    assert [g.name for g in client.volume_groups.list(machine.system_id)] == ["vgroot"]
    assert disks[0].refresh().filesystem is None


def test_not_ready_machines_refuse(client: MAASClient) -> None:
    new = new_machine(client)
    (sdb,) = add_disks(client, new.system_id, "b")
    with pytest.raises(ConflictError) as refused:
        client.volume_groups.create(new.system_id, "vg0", block_devices=[sdb])
    assert refused.value.message == "Cannot create volume group because the machine is not Ready."
    with pytest.raises(NotFoundError, match="No Machine matches the given query"):
        client.volume_groups.list("nosuch")


# -- RAID ----------------------------------------------------------------------------------------


def test_create_raid_5_with_a_spare(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    raids = client.raids.of(machine.system_id)
    raid = raids.create(RaidLevel.RAID_5, block_devices=disks[:3], spare_devices=[disks[3]])
    assert isinstance(raid, RAID)
    assert (raid.name, raid.level) == ("md0", RaidLevel.RAID_5)
    assert raid.size == 2 * 10 * GB - 128 * 1024
    assert len(raid.devices) == 3
    assert len(raid.spare_devices) == 1
    assert raid.virtual_device is not None
    assert raid.virtual_device.name == "md0"
    assert raid.virtual_device.size == raid.size
    assert raids.get("md0") == raid
    spare = disks[3].refresh().filesystem
    assert spare is not None
    assert spare.fstype == "raid-spare"
    assert raid.resource_uri == f"/MAAS/api/2.0/nodes/{machine.system_id}/raid/{raid.id}/"


def test_raid_members_change_and_the_array_is_a_disk(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    raid = client.raids.create(machine.system_id, "raid-1", block_devices=disks[:2], name="mirror")
    raid.update(add_spare_devices=[disks[2]], add_block_devices=[disks[3]])
    assert (len(raid.devices), len(raid.spare_devices)) == (3, 1)
    raid.update(remove_spare_devices=[disks[2]])
    assert raid.spare_devices == []
    raid.name = "md-data"
    raid.save()
    device = client.block_devices.get(machine.system_id, "md-data")
    assert device.format("ext4").mount("/srv").filesystem is not None


def test_raid_refusals(client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]) -> None:
    raids = client.raids.of(machine.system_id)
    with pytest.raises(BadRequestError) as level:
        raids.create("raid-7", block_devices=disks[:2])
    assert level.value.field_errors == {
        "level": ["Select a valid choice. raid-7 is not one of the available choices."]
    }
    with pytest.raises(BadRequestError) as empty:
        raids.create("raid-1")
    assert empty.value.field_errors == {
        "__all__": ["At least one block device or partition must be added to the array."]
    }
    with pytest.raises(BadRequestError) as few:
        raids.create("raid-6", block_devices=disks[:3])
    assert few.value.field_errors == {
        "__all__": ["RAID level 6 must have at least 4 raid devices and any number of spares."]
    }
    with pytest.raises(BadRequestError) as spares:
        raids.create("raid-0", block_devices=disks[:2], spare_devices=[disks[2]])
    assert spares.value.field_errors["__all__"] == [
        "RAID level 0 must have at least 2 raid devices and no spares."
    ]
    assert disks[0].refresh().filesystem is None
    raid = raids.create("raid-1", block_devices=disks[:2])
    with pytest.raises(BadRequestError):
        raid.update(remove_block_devices=[disks[0]])
    with pytest.raises(NotFoundError, match="No RAID matches the given query"):
        raids.get(raid.id + 100)


def test_deleting_the_array_disk_deletes_the_raid(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    raid = client.raids.create(machine.system_id, "raid-1", block_devices=disks[:2])
    assert raid.virtual_device is not None
    client.block_devices.delete(machine.system_id, raid.virtual_device.id)
    assert client.raids.list(machine.system_id) == []
    assert disks[0].refresh().filesystem is None


def test_delete_raid(client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]) -> None:
    raid = client.raids.create(machine.system_id, "raid-10", block_devices=disks[:4])
    assert raid.size == int(10 * GB * 4 / 2) - 128 * 1024
    raid.delete()
    assert client.raids.list(machine.system_id) == []
    assert "md0" not in [d.name for d in client.block_devices.list(machine.system_id)]


# -- parsing MAAS's own examples ---------------------------------------------------------------


@pytest.mark.parametrize("key", ["vol-groups-create", "vol-groups-read-by-id", "vol-groups-update"])
def test_volume_group_examples_parse(key: str) -> None:
    data: dict[str, Any] = example("nodes.json", key)
    vg = VolumeGroup.model_validate_json(json.dumps(data))
    assert (vg.id, vg.name, vg.size, vg.human_size) == (1, "my_volume_group", 7990149120, "8.0 GB")
    (device,) = vg.devices
    assert isinstance(device, Partition)
    assert device.device_id == 1
    assert device.filesystem is not None
    assert device.filesystem.fstype == "lvm-pv"


def test_the_volume_group_list_example_parses() -> None:
    (vg,) = [VolumeGroup.model_validate(v) for v in example("nodes.json", "vol-groups-read")]
    assert vg.logical_volumes == []
    assert vg.uuid == "36f9585d-3ae0-429c-abb7-9d584bc6f941"


def test_a_raid_10_float_size_parses_as_bytes() -> None:
    raid = RAID.model_validate({"id": 1, "name": "md0", "level": "raid-10", "size": 1.5e10})
    assert raid.size == 15_000_000_000
    assert isinstance(raid.size, int)
