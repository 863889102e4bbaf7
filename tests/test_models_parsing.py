"""Parsing MAAS answers into models: every example, version drift, unknown keys."""

from __future__ import annotations

import gc
import json
from datetime import datetime
from typing import Any

import pytest
from models_support import (
    EXAMPLES,
    ScriptedServer,
    example,
    example_file,
    example_machines,
    iter_objects,
    json_answer,
    machine_json,
    managers,
    scripted_client,
)
from pydantic import TypeAdapter

from maas_sdk.enums import (
    BlockDeviceType,
    InterfaceType,
    LinkMode,
    NodeStatus,
    NodeType,
    PowerState,
    RDNSMode,
    ScriptStatus,
)
from maas_sdk.resources import (
    VLAN,
    AddressRange,
    BlockDevice,
    Domain,
    Interface,
    Machine,
    Partition,
    ResourcePool,
    Subnet,
    SubnetIPAddress,
    SubnetStatistics,
    Zone,
)
from maas_sdk.resources._base import GC_PAUSE_THRESHOLD, MAASModel, gc_paused

MACHINES = example_machines()


def parse_machine(data: dict[str, Any]) -> Machine:
    return Machine.model_validate_json(json.dumps(data))


def test_the_examples_hold_machines_from_every_file_that_has_them() -> None:
    files = {name.split(":")[0] for name, _ in MACHINES}
    assert files == {"machines.json", "nodes.json", "tags.json"}
    assert len(MACHINES) >= 20


@pytest.mark.parametrize(("name", "data"), MACHINES, ids=[name for name, _ in MACHINES])
def test_every_example_machine_parses_with_every_key_kept(name: str, data: dict[str, Any]) -> None:
    machine = parse_machine(data)

    assert machine.system_id == data["system_id"]
    assert machine.status == data["status"]
    assert machine.zone.name == data["zone"]["name"]
    assert machine.model_extra == {}, f"{name}: keys the model does not declare"
    assert len(machine.interface_set) == len(data["interface_set"])
    assert len(machine.blockdevice_set) == len(data["blockdevice_set"])
    if data.get("boot_interface"):
        assert machine.boot_interface is not None
        assert machine.boot_interface.mac_address == data["boot_interface"]["mac_address"]
    if data.get("boot_disk"):
        assert machine.boot_disk is not None
        assert machine.boot_disk.name == data["boot_disk"]["name"]
    physical = [device["id"] for device in data["physicalblockdevice_set"]]
    assert [device.id for device in machine.physicalblockdevice_set] == physical


def test_a_machine_reads_as_typed_values() -> None:
    machine = parse_machine(machine_json())

    assert machine.status is NodeStatus.ALLOCATED
    assert machine.power_state is PowerState.ON
    assert machine.node_type is NodeType.MACHINE
    assert machine.commissioning_status is ScriptStatus.PASSED
    assert isinstance(machine.domain, Domain)
    assert isinstance(machine.pool, ResourcePool)
    assert isinstance(machine.zone, Zone)
    assert machine.zone.name == "zone-north"
    assert machine.owner == "admin"
    assert machine.storage == pytest.approx(9204.621312)
    assert machine.constraints_by_type == {}
    interface = machine.interface_set[0]
    assert interface.type is InterfaceType.PHYSICAL
    assert isinstance(interface.vlan, VLAN)
    link = interface.links[0]
    assert link.mode is LinkMode.AUTO
    assert isinstance(link.subnet, Subnet)
    assert link.subnet.cidr == "172.16.2.0/24"
    assert link.subnet.rdns_mode is RDNSMode.RFC2317
    assert link.ip_address is None
    disk = machine.blockdevice_set[0]
    assert disk.type is BlockDeviceType.PHYSICAL
    assert isinstance(disk.partitions[0], Partition)
    assert disk.partitions[0].filesystem is not None
    assert disk.partitions[0].filesystem.mount_point == "/"


def test_the_boot_interface_and_disk_are_the_objects_of_the_full_lists() -> None:
    machine = parse_machine(machine_json())

    assert machine.boot_interface is machine.interface_set[0]
    assert machine.boot_disk is machine.blockdevice_set[0]
    assert machine.virtualblockdevice_set == []


def test_dumping_a_machine_gives_back_the_keys_maas_sent() -> None:
    data = machine_json()
    machine = parse_machine(data)

    dumped = machine.model_dump(mode="json", exclude_unset=True)

    assert set(dumped) == set(data)
    assert dumped["boot_interface"]["id"] == data["boot_interface"]["id"]
    assert [d["id"] for d in dumped["physicalblockdevice_set"]] == [
        d["id"] for d in data["physicalblockdevice_set"]
    ]
    assert parse_machine(dumped) == machine


# --- version drift --------------------------------------------------------------------------


def test_keys_that_34_leaves_out_fall_back_to_defaults() -> None:
    data = machine_json(ip_addresses=None, error_description=None, is_dpu=None)
    del data["constraints_by_type"]

    machine = parse_machine(data)

    assert machine.ip_addresses == []
    assert machine.error_description == ""
    assert machine.is_dpu is False
    assert machine.constraints_by_type is None


def test_addresses_come_from_interface_links_when_ip_addresses_is_missing() -> None:
    interface = machine_json()["interface_set"][0]
    interface["links"] = [
        {"id": 1, "mode": "static", "ip_address": "10.0.0.50"},
        {"id": 2, "mode": "auto"},
    ]
    with_key = parse_machine(machine_json(interface_set=[interface]))
    without_key = parse_machine(machine_json(interface_set=[interface], ip_addresses=None))

    assert with_key.addresses == with_key.ip_addresses
    assert without_key.addresses == ["10.0.0.50"]


def test_new_fields_of_newer_versions_are_read() -> None:
    machine = parse_machine(
        machine_json(
            error_description="disk died",
            enable_kernel_crash_dump=True,
            is_dpu=True,
            last_sync="2026-11-27T11:06:41.117Z",
            next_sync="2026-11-27T11:06:41.117",
            sync_interval=900,
        )
    )

    assert machine.error_description == "disk died"
    assert machine.enable_kernel_crash_dump is True
    assert machine.is_dpu is True
    assert isinstance(machine.last_sync, datetime)
    assert machine.last_sync.tzinfo is not None
    assert machine.next_sync == datetime(2026, 11, 27, 11, 6, 41, 117000)
    assert machine.sync_interval == 900


def test_numbers_that_flip_between_int_and_float_are_accepted() -> None:
    machine = parse_machine(machine_json(storage=0, memory=2048.0, cpu_count=4.0, swap_size=1e9))

    assert machine.storage == 0.0
    assert isinstance(machine.storage, float)
    assert (machine.memory, machine.cpu_count, machine.swap_size) == (2048, 4, 1_000_000_000)


def test_incomplete_stubs_are_read_as_stubs() -> None:
    stub = {"system_id": "abc123", "id": 4, "__incomplete__": True}
    parent: dict[str, Any] = {
        "system_id": "p4r3nt",
        "resource_uri": "/MAAS/api/2.0/machines/p4r3nt/",
    }
    parent["__incomplete__"] = True

    machine = parse_machine(machine_json(volume_groups=[stub], raids=[stub], parent=parent))

    assert machine.volume_groups[0].id == 4
    assert machine.volume_groups[0].incomplete is True
    assert machine.parent is not None
    assert machine.parent.system_id == "p4r3nt"
    assert machine.parent.id is None


def test_interface_params_sent_as_empty_text_by_old_versions_become_a_dict() -> None:
    old, new = machine_json()["interface_set"][0], machine_json()["interface_set"][0]
    old["params"], new["params"] = "", {"mtu": 9000}

    assert Interface.model_validate(old).params == {}
    assert Interface.model_validate(new).params == {"mtu": 9000}
    assert Interface.model_validate({**old, "params": None}).params == {}


def test_the_anonymous_machine_object_parses() -> None:
    full = machine_json()
    keys = "system_id hostname domain fqdn architecture status power_type power_state zone"
    keys += " status_action status_message status_name node_type resource_uri"
    data = {key: full[key] for key in keys.split()}
    data["domain"] = {k: v for k, v in data["domain"].items() if k != "resource_uri"}
    data["zone"] = {"name": "default", "description": "", "id": 1}

    machine = parse_machine(data)

    assert machine.zone.resource_uri == ""
    assert machine.interface_set == []
    assert machine.pool is None
    assert machine.boot_interface is None


def test_unknown_keys_are_kept_in_model_extra() -> None:
    data = machine_json(brand_new_field={"a": 1})
    data["zone"]["colour"] = "blue"

    machine = parse_machine(data)

    assert machine.model_extra == {"brand_new_field": {"a": 1}}
    assert machine.zone.model_extra == {"colour": "blue"}
    assert machine.model_dump()["brand_new_field"] == {"a": 1}


def test_unknown_enum_values_become_pseudo_members() -> None:
    data = machine_json(status=42, power_state="hibernating", commissioning_status=99)
    data["interface_set"][0]["type"] = "tunnel"

    machine = parse_machine(data)

    assert machine.status == 42
    assert not machine.status.is_known
    assert machine.status.name == "UNKNOWN_42"
    assert machine.power_state == "hibernating"
    assert machine.commissioning_status == 99
    assert machine.interface_set[0].type == "tunnel"
    assert repr(machine).startswith("<Machine thr3am calm-cod ")


def test_a_datetime_in_maas_event_format_or_garbage_does_not_fail_the_parse() -> None:
    address = {"ip": "10.0.0.2", "alloc_type": 1, "created": "Thu, 27 Nov. 2025 10:28:00"}

    parsed = SubnetIPAddress.model_validate({**address, "updated": "not a date"})

    assert parsed.created == datetime(2025, 11, 27, 10, 28)
    assert parsed.updated is None


# --- subnets, zones and the nested objects of other examples --------------------------------


def test_every_example_subnet_parses() -> None:
    subnets = example_file("subnets.json")
    read = TypeAdapter(list[Subnet]).validate_python(subnets["subnets-read"])
    others = [Subnet.model_validate(subnets[key]) for key in ("subnets-create", "subnets-update")]

    assert len(read) == 7
    assert all(subnet.model_extra == {} for subnet in [*read, *others])
    assert read[0].vlan is not None
    assert read[0].vlan.fabric == "fabric-0"


def test_the_subnet_op_examples_parse() -> None:
    subnets = example_file("subnets.json")

    reserved = TypeAdapter(list[AddressRange]).validate_python(subnets["subnets-reserved-ips"])
    unreserved = TypeAdapter(list[AddressRange]).validate_python(subnets["subnets-unreserved-ips"])
    statistics = SubnetStatistics.model_validate(subnets["subnets-statistics"])
    addresses = TypeAdapter(list[SubnetIPAddress]).validate_python(subnets["subnets-ip-addresses"])

    assert reserved[0].purpose == ["gateway-ip"]
    assert unreserved[0].purpose == []
    assert statistics.usage == pytest.approx(0.0866, abs=1e-4)
    assert addresses[0].node_summary is not None
    assert addresses[0].node_summary.node_type is NodeType.RACK_CONTROLLER
    assert addresses[2].user == "user2"


NESTED: dict[str, tuple[type[MAASModel], set[str] | None]] = {
    "subnet": (Subnet, {"cidr", "vlan", "rdns_mode"}),
    "vlan": (VLAN, {"vid", "fabric_id", "dhcp_on"}),
    "interface": (Interface, {"mac_address", "links", "effective_mtu"}),
    "block device": (BlockDevice, {"block_size", "partitions", "used_for", "available_size"}),
    "partition": (Partition, {"bootable", "device_id"}),
    "zone": (Zone, None),
    "pool": (ResourcePool, None),
    "domain": (Domain, {"authoritative", "is_default"}),
}


def _shaped_like(obj: dict[str, Any], kind: str) -> bool:
    model, marker = NESTED[kind]
    if marker is not None:
        return marker <= obj.keys()
    uri = str(obj.get("resource_uri", ""))
    path = "/zones/" if model is Zone else "/resourcepool/"
    return path in uri and {"id", "name"} <= obj.keys()


@pytest.mark.parametrize("kind", list(NESTED))
def test_every_nested_object_of_every_example_parses(kind: str) -> None:
    model = NESTED[kind][0]
    count = 0
    for path in sorted(EXAMPLES.glob("*.json")):
        for obj in iter_objects(json.loads(path.read_text())):
            if _shaped_like(obj, kind):
                parsed = model.model_validate(obj)
                assert parsed.model_extra == {}, f"{path.name}: {parsed.model_extra}"
                count += 1
    assert count > 0


def test_the_allocate_example_keeps_constraints_by_type() -> None:
    answer = example("machines.json", "machines-allocate")

    assert parse_machine(answer).constraints_by_type == answer["constraints_by_type"]


def test_large_bodies_are_validated_with_the_collector_paused_then_restored() -> None:
    assert gc.isenabled()
    with gc_paused(GC_PAUSE_THRESHOLD - 1):
        assert gc.isenabled()
    with gc_paused(GC_PAUSE_THRESHOLD):
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused(GC_PAUSE_THRESHOLD):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_large_listing_decodes_and_leaves_the_collector_on() -> None:
    server = ScriptedServer().on("GET", "machines/", json_answer([machine_json()] * 200))

    machines = managers(scripted_client(server))[0].list()

    assert len(machines) == 200
    assert len(server.seen) == 1
    assert gc.isenabled()
