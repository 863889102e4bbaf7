"""Block devices and partitions under a machine: every operation through the fake (§14.1-2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from models_support import example
from node_children_support import GB, add_disks, machines_of, new_machine, ready_machine

from maas_sdk.client import MAASClient
from maas_sdk.enums import BlockDeviceType
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    UnboundResourceError,
)
from maas_sdk.resources.block_device_manager import BlockDevicesOfNode
from maas_sdk.resources.block_devices import NodeBlockDevice, NodePartition
from maas_sdk.resources.common import BlockDevice, Partition
from maas_sdk.resources.machines import Machine
from maas_sdk.testing import FakeMAAS


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
def disks(client: MAASClient, machine: Machine) -> BlockDevicesOfNode:
    return client.block_devices.of(machine.system_id)


# -- block devices -----------------------------------------------------------------------------


def test_list_get_and_create(client: MAASClient, machine: Machine) -> None:
    listed = client.block_devices.list(machine.system_id)
    assert [d.name for d in listed][:1] == ["sda"]
    sda = listed[0]
    assert isinstance(sda, NodeBlockDevice)
    assert isinstance(sda, BlockDevice)
    assert client.block_devices.get(machine.system_id, "sda") == sda
    sdb = client.block_devices.create(
        machine.system_id, "sdb", 10 * GB, 512, model="QEMU", serial="x1"
    )
    assert (sdb.name, sdb.size, sdb.type, sdb.used_for) == (
        "sdb",
        10 * GB,
        BlockDeviceType.PHYSICAL,
        "Unused",
    )
    assert repr(sdb) == f"<NodeBlockDevice {sdb.id} sdb physical {10 * GB}>"
    assert sdb.resource_uri == f"/MAAS/api/2.0/nodes/{machine.system_id}/blockdevices/{sdb.id}/"


def test_create_needs_size_block_size_and_identity(disks: BlockDevicesOfNode) -> None:
    with pytest.raises(BadRequestError) as missing:
        disks.create("sdb", "", 512)
    assert missing.value.field_errors == {
        "size": ["This field is required."],
        "__all__": ["serial/model are required if id_path is not provided."],
    }


def test_save_update_and_delete(disks: BlockDevicesOfNode) -> None:
    (sdb,) = add_disks_of(disks, "b")
    sdb.name = "data"
    sdb.model = "SSD 9000"
    assert sdb.save() is sdb
    assert (sdb.name, sdb.model) == ("data", "SSD 9000")
    assert disks.update("data", serial="abc").serial == "abc"
    sdb.delete()
    with pytest.raises(NotFoundError, match="No BlockDevice matches the given query"):
        disks.get(sdb.id)


def test_format_mount_unmount_unformat(disks: BlockDevicesOfNode) -> None:
    (sdb,) = add_disks_of(disks, "b")
    sdb.format("xfs", label="data")
    assert sdb.filesystem is not None
    assert (sdb.filesystem.fstype, sdb.filesystem.label) == ("xfs", "data")
    sdb.mount("/srv", mount_options="noatime")
    assert (sdb.filesystem.mount_point, sdb.filesystem.mount_options) == ("/srv", "noatime")
    assert sdb.used_for == "xfs formatted filesystem mounted at /srv"
    assert sdb.unmount().filesystem is not None
    assert sdb.filesystem.mount_point is None
    assert sdb.unformat().filesystem is None


def test_tags_and_boot_disk(client: MAASClient, machine: Machine) -> None:
    (sdb,) = add_disks(client, machine.system_id, "b")
    assert sdb.add_tag("ssd").tags == ["ssd"]
    assert sdb.remove_tag("ssd").tags == []
    sdb.set_boot_disk()
    boot = machines_of(client).get(machine.system_id).boot_disk
    assert boot is not None
    assert boot.name == "sdb"


def test_state_and_permission_refusals(fake: FakeMAAS, client: MAASClient) -> None:
    new = new_machine(client)
    (sdb,) = add_disks(client, new.system_id, "b")
    with pytest.raises(ConflictError) as not_ready:
        sdb.format("ext4")
    assert not_ready.value.message == (
        "Cannot format block device because the machine is not Ready or Allocated."
    )
    with pytest.raises(ConflictError, match="Cannot set as boot disk because the machine"):
        sdb.set_boot_disk()
    with pytest.raises(ConflictError, match="Cannot delete block device because the machine"):
        sdb.delete()
    fake.add_user("bob")
    with fake.client(user="bob") as bob, pytest.raises(PermissionDeniedError):
        bob.block_devices.add_tag(new.system_id, sdb.id, "ssd")


def test_unbound_models_say_so() -> None:
    device = NodeBlockDevice.model_validate(example("nodes.json", "block-devs-create"))
    with pytest.raises(UnboundResourceError):
        device.refresh()


# -- partitions ----------------------------------------------------------------------------------


def test_partition_lifecycle(client: MAASClient, disks: BlockDevicesOfNode) -> None:
    (sdb,) = add_disks_of(disks, "b")
    part = sdb.create_partition(2 * GB, bootable=True)
    assert isinstance(part, NodePartition)
    assert isinstance(part, Partition)
    assert (part.size, part.bootable, part.device_id) == (2 * GB, True, sdb.id)
    assert part.resource_uri.endswith(f"/blockdevices/{sdb.id}/partition/{part.id}")
    assert sdb.list_partitions() == [part]
    assert sdb.get_partition(part.id) == part
    assert sdb.refresh().partition_table_type == "GPT"

    part.format("ext4")
    part.mount("/var/lib", mount_options="noatime")
    assert part.filesystem is not None
    assert part.filesystem.mount_point == "/var/lib"
    assert part.unmount().filesystem is not None
    assert part.filesystem.mount_point is None
    assert part.unformat().filesystem is None
    assert part.add_tag("fast").tags == ["fast"]
    assert part.remove_tag("fast").tags == []
    assert part.refresh() == part

    part.delete()
    assert client.partitions.list(sdb.system_id or "", sdb.id) == []
    with pytest.raises(NotFoundError, match="No Partition matches the given query"):
        client.partitions.get(sdb.system_id or "", sdb.id, part.id)


def test_partitions_use_the_singular_path_without_slash(
    fake: FakeMAAS, client: MAASClient, disks: BlockDevicesOfNode, machine: Machine
) -> None:
    (sdb,) = add_disks_of(disks, "b")
    on_sdb = disks.partitions("sdb")
    part = on_sdb.create()
    assert part.size == 10 * GB - 8 * 1024 * 1024
    on_sdb.add_tag(part, "x")
    assert fake.requests.last.path == (
        f"/MAAS/api/2.0/nodes/{machine.system_id}/blockdevices/sdb/partition/{part.id}"
    )
    assert repr(on_sdb) == f"<Partitions of {machine.system_id}/sdb>"
    assert client.partitions.of(machine.system_id, sdb).list() == [part]


def test_partition_refusals(client: MAASClient) -> None:
    new = new_machine(client)
    (sdb,) = add_disks(client, new.system_id, "b")
    with pytest.raises(ConflictError) as refused:
        sdb.create_partition(GB)
    assert refused.value.message == "Cannot create partition because the node is not Ready."


# -- parsing MAAS's own examples ---------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "block-devs-create",
        "block-devs-read-by-id",
        "block-devs-update",
        "block-devs-add-tag",
        "block-devs-remove-tag",
        "block-devs-format",
        "block-devs-unformat",
        "block-devs-mount",
        "block-devs-unmount",
    ],
)
def test_block_device_examples_parse(key: str) -> None:
    data: dict[str, Any] = example("nodes.json", key)
    device = NodeBlockDevice.model_validate_json(json.dumps(data))
    assert (device.id, device.name, device.size) == (data["id"], data["name"], data["size"])
    assert [p.id for p in device.partitions] == [p["id"] for p in data["partitions"]]


def test_the_list_example_parses() -> None:
    data = example("nodes.json", "block-devs-read")
    devices = [NodeBlockDevice.model_validate(item) for item in data]
    assert [d.name for d in devices] == [item["name"] for item in data]


def add_disks_of(disks: BlockDevicesOfNode, names: str) -> list[NodeBlockDevice]:
    """Add disks through a view (same as :func:`add_disks`)."""
    return [disks.create(f"sd{n}", 10 * GB, 512, model="m", serial=f"s-{n}") for n in names]
