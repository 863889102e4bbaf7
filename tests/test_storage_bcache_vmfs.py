"""Bcache cache sets, bcaches and VMFS datastores under a machine, through the fake (§14.3)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from node_children_support import GB, add_disks, machines_of, new_machine, ready_machine

from maas_sdk.client import MAASClient
from maas_sdk.enums import CacheMode, StorageLayout
from maas_sdk.errors import BadRequestError, ConflictError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.bcache_cache_sets import BcacheCacheSet
from maas_sdk.resources.bcaches import Bcache
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.common import BlockDevice, Partition
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.vmfs_datastores import VMFSDatastore
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
def disks(client: MAASClient, machine: Machine) -> list[NodeBlockDevice]:
    return add_disks(client, machine.system_id, "bcde")


# -- cache sets ----------------------------------------------------------------------------------


def test_cache_set_lifecycle(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    sets = client.bcache_cache_sets.of(machine.system_id)
    cache = sets.create(cache_device=disks[0])
    assert isinstance(cache, BcacheCacheSet)
    assert cache.name == "cache0"
    assert isinstance(cache.cache_device, BlockDevice)
    assert cache.cache_device.id == disks[0].id
    assert sets.get("cache0") == cache
    assert sets.list() == [cache]
    part = disks[1].create_partition(GB)
    cache.update(cache_partition=part)
    assert isinstance(cache.cache_device, Partition)
    assert cache.cache_device.id == part.id
    assert disks[0].refresh().filesystem is None
    assert repr(cache) == f"<BcacheCacheSet {cache.id} cache0>"
    cache.delete()
    assert sets.list() == []


def test_cache_set_refusals(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    sets = client.bcache_cache_sets.of(machine.system_id)
    with pytest.raises(BadRequestError) as neither:
        sets.create()
    assert neither.value.field_errors == {
        "__all__": ["Either cache_device or cache_partition must be specified."]
    }
    part = disks[1].create_partition(GB)
    with pytest.raises(BadRequestError) as both:
        sets.create(cache_device=disks[0], cache_partition=part)
    assert both.value.field_errors == {
        "__all__": ["Cannot set both cache_device and cache_partition."]
    }
    with pytest.raises(NotFoundError, match="No CacheSet matches the given query"):
        sets.get("cache7")


# -- bcaches -------------------------------------------------------------------------------------


def test_bcache_lifecycle(
    fake: FakeMAAS, client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    cache = client.bcache_cache_sets.create(machine.system_id, cache_device=disks[0])
    bcaches = client.bcaches.of(machine.system_id)
    bcache = bcaches.create("cache0", CacheMode.WRITEBACK, backing_device=disks[1])
    assert isinstance(bcache, Bcache)
    assert (bcache.name, bcache.cache_mode, bcache.size) == (
        "bcache0",
        CacheMode.WRITEBACK,
        10 * GB,
    )
    assert bcache.cache_set == cache
    assert isinstance(bcache.backing_device, BlockDevice)
    assert bcache.backing_device.id == disks[1].id
    assert bcache.virtual_device is not None
    assert bcache.virtual_device.name == "bcache0"
    assert bcaches.get("bcache0") == bcache
    assert bcaches.list() == [bcache]

    other = client.bcache_cache_sets.create(machine.system_id, cache_device=disks[3])
    bcache.cache_mode = CacheMode.WRITEAROUND
    bcache.name = "fast0"
    bcache.cache_set = other
    bcache.save()
    assert (bcache.cache_mode, bcache.name) == (CacheMode.WRITEAROUND, "fast0")
    assert bcache.cache_set == other
    assert fake.requests.last.params["cache_set"] == [str(other.id)]
    part = disks[2].create_partition(4 * GB)
    bcache.update(backing_partition=part)
    assert isinstance(bcache.backing_device, Partition)
    assert bcache.size == 4 * GB

    with pytest.raises(BadRequestError, match=r"Cannot delete cache set; it's currently in use\."):
        other.delete()
    cache.delete()
    bcache.delete()
    assert bcaches.list() == []
    other.delete()
    assert client.bcache_cache_sets.list(machine.system_id) == []


def test_bcache_cache_mode_is_sent_in_lower_case(
    fake: FakeMAAS, client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    cache = client.bcache_cache_sets.create(machine.system_id, cache_device=disks[0])
    client.bcaches.create(machine.system_id, cache, "WRITETHROUGH", backing_device="sdc")
    assert fake.requests.last.params["cache_mode"] == ["writethrough"]
    assert fake.requests.last.params["cache_set"] == [str(cache.id)]


def test_bcache_refusals(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    bcaches = client.bcaches.of(machine.system_id)
    client.bcache_cache_sets.create(machine.system_id, cache_device=disks[0])
    with pytest.raises(BadRequestError) as no_backing:
        bcaches.create("cache0", "writeback")
    assert no_backing.value.field_errors == {
        "__all__": ["Either backing_device or backing_partition must be specified."]
    }
    with pytest.raises(BadRequestError) as no_set:
        bcaches.create("cache5", "writeback", backing_device=disks[1])
    assert no_set.value.field_errors == {
        "cache_set": ["Select a valid choice. cache5 is not one of the available choices."],
        "__all__": ["Bcache requires a cache_set."],
    }
    with pytest.raises(NotFoundError, match="No Bcache matches the given query"):
        bcaches.get(99)


def test_storage_changes_need_an_admin_and_a_ready_machine(
    fake: FakeMAAS, client: MAASClient
) -> None:
    new = new_machine(client)
    (sdb,) = add_disks(client, new.system_id, "b")
    with pytest.raises(ConflictError) as refused:
        client.bcache_cache_sets.create(new.system_id, cache_device=sdb)
    assert refused.value.message == "Cannot create cache set because the node is not Ready."
    with pytest.raises(ConflictError, match="Cannot create RAID because the machine is not"):
        client.raids.create(new.system_id, "raid-1", block_devices=[sdb])
    fake.add_user("bob")
    with fake.client(user="bob") as bob:
        assert bob.bcaches.list(new.system_id) == []
        with pytest.raises(PermissionDeniedError):
            bob.bcaches.create(new.system_id, 1, "writeback", backing_device=sdb)


# -- VMFS datastores -------------------------------------------------------------------------------


def test_datastores_need_a_vmfs_layout(
    client: MAASClient, machine: Machine, disks: list[NodeBlockDevice]
) -> None:
    with pytest.raises(BadRequestError) as refused:
        client.vmfs_datastores.create(machine.system_id, "ds1", block_devices=[disks[0]])
    assert refused.value.field_errors == {
        "VMFS": [
            "VMFS Datastores may only be created after the VMFS6 or VMFS7 storage layout has "
            "been applied."
        ]
    }


def test_datastore_lifecycle(client: MAASClient, machine: Machine) -> None:
    machines_of(client).set_storage_layout(machine.system_id, StorageLayout.VMFS6)
    sdb, sdc = add_disks(client, machine.system_id, "bc")
    stores = client.vmfs_datastores.of(machine.system_id)
    store = stores.create("ds1", block_devices=[sdb])
    assert isinstance(store, VMFSDatastore)
    assert store.filesystem is not None
    assert (store.filesystem.fstype, store.filesystem.mount_point) == ("vmfs6", "/vmfs/volumes/ds1")
    (member,) = store.devices
    assert isinstance(member, Partition)
    assert member.device_id == sdb.id
    assert store.size == member.size
    assert stores.get("ds1") == store
    assert stores.list() == [store]

    part = sdc.create_partition(2 * GB)
    store.update(add_partitions=[part], name="ds2")
    assert (store.name, len(store.devices)) == ("ds2", 2)
    assert store.filesystem is not None
    assert store.filesystem.mount_point == "/vmfs/volumes/ds2"
    store.update(remove_partitions=[part])
    assert len(store.devices) == 1
    assert part.refresh().filesystem is None
    store.delete()
    assert stores.list() == []
    with pytest.raises(NotFoundError, match="No VMFS matches the given query"):
        stores.get("ds2")
