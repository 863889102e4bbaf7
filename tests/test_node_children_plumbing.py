"""What the node-scoped managers share: declared operations, wire shapes, views, identity."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from models_support import ScriptedServer, json_answer, scripted_client, text_answer

from maas_sdk._operations import Operation, declared_operations
from maas_sdk.errors import UnboundResourceError
from maas_sdk.resources._node_scoped import StorageDevice, bind_node, device_values, node_of
from maas_sdk.resources.bcache_cache_sets import BcacheCacheSet
from maas_sdk.resources.block_devices import NodePartition
from maas_sdk.resources.common import BlockDevice, Partition
from maas_sdk.resources.node_interfaces import NodeInterface
from maas_sdk.resources.raids import RAID
from maas_sdk.testing import FakeMAAS

OPERATIONS_TSV = Path(__file__).resolve().parent.parent / "docs" / "_data" / "operations.tsv"
HANDLERS = {
    "InterfacesHandler",
    "InterfaceHandler",
    "BlockDevicesHandler",
    "BlockDeviceHandler",
    "PartitionsHandler",
    "PartitionHandler",
    "VolumeGroupsHandler",
    "VolumeGroupHandler",
    "RaidsHandler",
    "RaidHandler",
    "BcachesHandler",
    "BcacheHandler",
    "BcacheCacheSetsHandler",
    "BcacheCacheSetHandler",
    "VmfsDatastoresHandler",
    "VmfsDatastoreHandler",
}
MODULES = (
    "interface_manager",
    "block_device_manager",
    "partition_manager",
    "volume_groups",
    "raids",
    "bcaches",
    "bcache_cache_sets",
    "vmfs_datastores",
)


def test_every_operation_of_the_group_is_declared_once() -> None:
    with OPERATIONS_TSV.open() as handle:
        rows = [
            row for row in csv.DictReader(handle, delimiter="\t") if row["resource"] in HANDLERS
        ]
    expected = {
        Operation(
            row["http_method"], row["url_pattern"].removeprefix("/MAAS/api/2.0/"), row["op"] or None
        )
        for row in rows
    }
    declared = [
        operation for name, operation in declared_operations() if name.split(".")[2] in MODULES
    ]
    assert len(expected) == 63
    assert sorted(declared) == sorted(expected)


def test_the_client_shares_its_managers() -> None:
    fake = FakeMAAS()
    with fake.client() as client:
        assert client.interfaces is client.interfaces
        assert client.block_devices.partitions is client.partitions
        assert client.volume_groups._block_devices is client.block_devices
        assert repr(client.raids) == "<Raids manager>"
        assert repr(client.interfaces) == "<Interfaces manager>"


def test_wire_shapes() -> None:
    server = ScriptedServer()
    iface = {"id": 7, "name": "bond0", "system_id": "abc", "type": "bond"}
    server.on("POST", "nodes/abc/interfaces/", json_answer(iface), op="create_bond")
    server.on("POST", "nodes/abc/interfaces/7/", json_answer(iface), op="link_subnet")
    vg = {"id": 3, "name": "vg0", "system_id": "abc"}
    server.on("PUT", "nodes/abc/volume-group/3/", json_answer(vg))
    lv = {"id": 9, "name": "vg0-lv", "system_id": "abc", "type": "virtual"}
    server.on("POST", "nodes/abc/volume-group/3/", json_answer(lv), op="create_logical_volume")
    server.on("POST", "nodes/abc/blockdevices/2/", text_answer("OK", 200), op="set_boot_disk")
    client = scripted_client(server)

    client.interfaces.create_bond("abc", "bond0", [1, 2], bond_miimon=50, accept_ra=False)
    assert server.last.form == [
        ("name", "bond0"),
        ("parents", "1"),
        ("parents", "2"),
        ("accept_ra", "false"),
        ("bond_miimon", "50"),
    ]
    client.interfaces.link_subnet("abc", 7, "STATIC", "10.0.0.0/24", ip_address="10.0.0.5")
    assert server.last.form_dict() == {
        "mode": "STATIC",
        "subnet": "10.0.0.0/24",
        "ip_address": "10.0.0.5",
    }
    client.volume_groups.update("abc", 3, add_block_devices=["sdb", 4], remove_partitions=5)
    assert server.last.form == [
        ("add_block_devices", "sdb"),
        ("add_block_devices", "4"),
        ("remove_partitions", "5"),
    ]
    volume = client.volume_groups.create_logical_volume("abc", 3, "lv", "10G")
    assert volume.name == "vg0-lv"
    assert server.last.form_dict() == {"name": "lv", "size": "10G"}
    client.block_devices.set_boot_disk("abc", 2)
    assert (server.last.path, server.last.op, server.last.form) == (
        "nodes/abc/blockdevices/2/",
        "set_boot_disk",
        [],
    )


def test_models_find_their_node_from_resource_uri() -> None:
    stub = BcacheCacheSet.model_validate(
        {"id": 1, "name": "cache0", "resource_uri": "/MAAS/api/2.0/nodes/xyz/bcache-cache-set/1/"}
    )
    assert node_of(stub) == "xyz"
    with pytest.raises(UnboundResourceError):
        node_of(RAID.model_validate({"id": 1}))
    partition = NodePartition.model_validate(
        {
            "id": 4,
            "system_id": "xyz",
            "resource_uri": "/MAAS/api/2.0/nodes/xyz/blockdevices/2/partition/4",
        }
    )
    assert partition._where() == ("xyz", 2)


def test_storage_devices_are_told_apart_by_type() -> None:
    raid = RAID.model_validate(
        {
            "id": 1,
            "devices": [
                {"id": 2, "type": "partition"},
                {"id": 3, "type": "physical", "name": "sdb"},
            ],
            "spare_devices": [{"id": 4, "type": "virtual", "name": "md1"}],
        }
    )
    assert [type(d) for d in raid.devices] == [Partition, BlockDevice]
    assert [type(d) for d in raid.spare_devices] == [BlockDevice]
    assert StorageDevice is not None


def test_device_values_accept_one_or_many() -> None:
    eth = NodeInterface.model_validate({"id": 5, "name": "eth0"})
    assert device_values(None) == []
    assert device_values("sdb") == ["sdb"]
    assert device_values(eth) == [5]
    assert device_values([1, "sdc", eth]) == [1, "sdc", 5]


def test_bind_node_fills_in_the_first_argument() -> None:
    def read(system_id: str, key: int, *, deep: bool = False) -> str:
        """Read something."""
        return f"{system_id}/{key}/{deep}"

    bound = bind_node(read, "abc")
    assert bound(3, deep=True) == "abc/3/True"
    assert (bound.__name__, bound.__doc__) == ("read", "Read something.")
