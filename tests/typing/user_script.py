"""A user's script touching every public method of the object model, for ``mypy --strict``.

It is never run: the normal mypy run checks it, and every ``assert_type`` pins what mypy infers
(an inferred ``Any`` would fail it). ``tests/test_models_typing.py`` also runs mypy on it.
"""

from __future__ import annotations

from typing import Any, assert_type

from maas_sdk.client import MAASClient
from maas_sdk.enums import (
    CacheMode,
    NodeStatus,
    PowerState,
    PowerStopMode,
    SimpleStatus,
    StorageLayout,
)
from maas_sdk.errors import ActionFailedError, DeploymentFailedError, WaitTimeoutError
from maas_sdk.resources import (
    AddressRange,
    Interface,
    Machine,
    MachineDetails,
    Machines,
    MachineToken,
    Subnet,
    SubnetIPAddress,
    Subnets,
    SubnetStatistics,
    Zone,
    Zones,
)


def managers(client: MAASClient) -> tuple[Machines, Subnets, Zones]:
    """The managers, until ``client.machines`` and friends are wired into the client."""
    return (
        Machines(client.transport, clock=client.clock),
        Subnets(client.transport),
        Zones(client.transport),
    )


def on_progress(machine: Machine) -> None:
    print(machine.status_name)


def machines_collection(machines: Machines, zone: Zone) -> None:
    for m in machines.list(status=NodeStatus.READY, zone="rack-2", tags=["ssd"]):
        assert_type(m, Machine)
        assert_type(m.hostname, str)
        assert_type(m.cpu_count, int)
        assert_type(m.memory, int)
        assert_type(m.zone.name, str)
        assert_type(m.status, NodeStatus)
        assert_type(m.power_state, PowerState)
        assert_type(m.owner, str | None)
        assert_type(m.interface_set, list[Interface])
        assert_type(m.boot_interface, Interface | None)
        assert_type(m.addresses, list[str])
        assert_type(m.model_extra, dict[str, Any] | None)
    assert_type(
        machines.list(simple_status=SimpleStatus.FAILED, not_status="broken"), list[Machine]
    )
    assert_type(machines.get("abc123"), Machine)
    assert_type(machines.find_by_hostname("db-1"), Machine | None)
    assert_type(machines.find_by_mac_address("52:54:00:00:00:01"), Machine | None)
    created = machines.create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:00:00:01"],
        power_type="ipmi",
        power_parameters={"power_address": "10.0.0.9"},
        commission=True,
        wait=True,
        timeout=3600,
        on_progress=on_progress,
    )
    assert_type(created, Machine)
    assert_type(machines.update("abc123", zone=zone, cpu_count=8), Machine)
    assert_type(machines.delete("abc123", force=True), None)
    allocated = machines.allocate(cpu_count=8, mem=32768, tags=["ssd"], dry_run=False)
    assert_type(allocated, Machine)
    assert_type(allocated.constraints_by_type, dict[str, Any] | None)
    assert_type(machines.accept(["abc123"]), list[Machine])
    assert_type(machines.accept_all(), list[Machine])
    assert_type(machines.release_many(["abc123"], comment="done"), list[str])
    assert_type(machines.list_allocated(), list[Machine])
    assert_type(machines.is_registered("52:54:00:00:00:01"), bool)
    assert_type(machines.power_parameters_many(), dict[str, dict[str, Any]])
    assert_type(machines.set_zone(zone, ["abc123"]), None)
    assert_type(machines.clone("abc123", ["def456"], interfaces=True), None)
    assert_type(machines.add_chassis("virsh", "qemu+ssh://h/system"), str)


def machines_procedural(machines: Machines) -> None:
    sid = "abc123"
    assert_type(machines.deploy(sid, distro_series="jammy", user_data=b"#!", wait=True), Machine)
    assert_type(machines.release(sid, erase=True, wait=True, poll_interval=10), Machine)
    assert_type(machines.commission(sid, skip_storage=True, testing_scripts="none"), Machine)
    assert_type(machines.test(sid, testing_scripts=["smartctl-validate"]), Machine)
    assert_type(machines.abort(sid), Machine)
    assert_type(machines.power_on(sid, wait=True), Machine)
    assert_type(machines.power_off(sid, stop_mode=PowerStopMode.SOFT), Machine | None)
    assert_type(machines.query_power_state(sid), PowerState)
    assert_type(machines.rescue_mode(sid, wait=True), Machine)
    assert_type(machines.exit_rescue_mode(sid, wait=True), Machine)
    assert_type(machines.mark_broken(sid, comment="disk"), Machine)
    assert_type(machines.mark_fixed(sid), Machine)
    assert_type(machines.lock(sid), Machine)
    assert_type(machines.unlock(sid), Machine)
    assert_type(machines.override_failed_testing(sid), Machine)
    assert_type(machines.set_storage_layout(sid, StorageLayout.LVM, vg_name="vg"), Machine)
    assert_type(machines.mount_special(sid, "tmpfs", "/srv"), Machine)
    assert_type(machines.unmount_special(sid, "/srv"), Machine)
    assert_type(machines.clear_default_gateways(sid), Machine)
    assert_type(machines.restore_networking_configuration(sid), Machine)
    assert_type(machines.restore_storage_configuration(sid), Machine)
    assert_type(machines.restore_default_configuration(sid), Machine)
    assert_type(machines.set_workload_annotations(sid, {"app": "db", "old": None}), Machine)
    assert_type(machines.get_curtin_config(sid), str)
    assert_type(machines.details(sid), MachineDetails)
    assert_type(machines.power_parameters(sid), dict[str, Any])
    assert_type(machines.get_token(sid), MachineToken | None)


def machine_bound(m: Machine, zone: Zone) -> None:
    script = "#cloud-config\n"
    assert_type(m.deploy(distro_series="jammy", user_data=script, wait=True, timeout=1800), Machine)
    m.hostname = "db-1"
    m.zone = zone
    assert_type(m.changes, dict[str, Any])
    assert_type(m.save(), Machine)
    assert_type(m.discard_changes(), Machine)
    assert_type(m.refresh(), Machine)
    assert_type(m.release(erase=True, wait=True), Machine)
    assert_type(m.commission(enable_ssh=True, wait=True, on_progress=on_progress), Machine)
    assert_type(m.test(wait=True), Machine)
    assert_type(m.abort(comment="stop"), Machine)
    assert_type(m.power_on(wait=True), Machine)
    assert_type(m.power_off(stop_mode="soft", wait=True), Machine)
    assert_type(m.query_power_state(), PowerState)
    assert_type(m.mark_broken(), Machine)
    assert_type(m.mark_fixed(), Machine)
    assert_type(m.rescue_mode(wait=True), Machine)
    assert_type(m.exit_rescue_mode(wait=True), Machine)
    assert_type(m.lock(), Machine)
    assert_type(m.unlock(), Machine)
    assert_type(m.override_failed_testing(), Machine)
    assert_type(m.set_storage_layout("bcache", cache_mode=CacheMode.WRITEBACK), Machine)
    assert_type(m.mount_special("tmpfs", "/srv", mount_options="size=1G"), Machine)
    assert_type(m.unmount_special("/srv"), Machine)
    assert_type(m.clear_default_gateways(), Machine)
    assert_type(m.restore_networking_configuration(), Machine)
    assert_type(m.restore_storage_configuration(), Machine)
    assert_type(m.restore_default_configuration(), Machine)
    assert_type(m.set_workload_annotations({"app": "db"}), Machine)
    assert_type(m.get_curtin_config(), str)
    assert_type(m.details(), MachineDetails)
    assert_type(m.power_parameters(), dict[str, Any])
    assert_type(m.get_token(), MachineToken | None)
    assert_type(m.wait_for(NodeStatus.DEPLOYED, timeout=600, poll_interval=5), Machine)
    assert_type(m.wait_for([NodeStatus.READY, NodeStatus.NEW]), Machine)
    assert_type(m.delete(force=False), None)
    try:
        m.deploy(wait=True)
    except DeploymentFailedError as error:
        assert_type(error.machine, Machine)
        assert_type(error.status_message, str | None)
    except (ActionFailedError, WaitTimeoutError):
        pass


def subnets_and_zones(subnets: Subnets, zones: Zones) -> None:
    subnet = subnets.create("10.0.0.0/24", gateway_ip="10.0.0.1", dns_servers=["8.8.8.8"])
    assert_type(subnet, Subnet)
    assert_type(subnets.list(), list[Subnet])
    assert_type(subnets.get("10.0.0.0/24"), Subnet)
    assert_type(subnets.update(subnet.id, managed=False), Subnet)
    assert_type(subnets.ip_addresses(subnet.id, with_summary=True), list[SubnetIPAddress])
    assert_type(subnets.reserved_ip_ranges(subnet.id), list[AddressRange])
    assert_type(subnets.unreserved_ip_ranges(subnet.id), list[AddressRange])
    assert_type(subnets.statistics(subnet.id, include_ranges=True), SubnetStatistics)
    assert_type(subnets.delete(subnet.id), None)
    subnet.description = "lab"
    assert_type(subnet.save(), Subnet)
    assert_type(subnet.refresh(), Subnet)
    assert_type(subnet.ip_addresses(), list[SubnetIPAddress])
    assert_type(subnet.reserved_ip_ranges(), list[AddressRange])
    assert_type(subnet.unreserved_ip_ranges(), list[AddressRange])
    assert_type(subnet.statistics(), SubnetStatistics)
    assert_type(subnet.delete(force=True), None)

    zone = zones.create("rack-2", description="second rack")
    assert_type(zone, Zone)
    assert_type(zones.list(), list[Zone])
    assert_type(zones.get("rack-2"), Zone)
    assert_type(zones.update("rack-2", name="rack-3"), Zone)
    zone.description = "row B"
    assert_type(zone.save(), Zone)
    assert_type(zone.refresh(), Zone)
    assert_type(zone.delete(), None)
    assert_type(zones.delete("rack-3"), None)


def main(client: MAASClient) -> None:
    machines, subnets, zones = managers(client)
    zone = zones.get("default")
    machines_collection(machines, zone)
    machines_procedural(machines)
    machine_bound(machines.get("abc123"), zone)
    subnets_and_zones(subnets, zones)
