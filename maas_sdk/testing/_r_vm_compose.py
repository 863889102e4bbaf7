"""Composing VMs: ``POST vm-hosts/{id}/?op=compose`` (and ``pods/{id}/?op=compose``).

The new VM is a real machine of the machines table: it starts commissioning at once (New ->
Commissioning -> Testing -> Ready on the virtual clock) unless ``skip_commissioning`` is set,
and a :class:`~._vmhost_state.VirtualMachineRecord` links it to its host. REFERENCE.md §18.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from maas_sdk._wire import WireResponse

from . import _machine_lifecycle as life
from ._forms import FormData, django_bool
from ._machine_forms import validate_hostname
from ._machine_layout import discover_hardware
from ._machine_model import BlockDevice, NodeStatus
from ._machine_routes import create_machine_record, new_metadata_token
from ._machine_table import MachineTable, machine_table
from ._r_vm_hosts import find_host, on_both, pet_name
from ._render import API_PREFIX
from ._responses import BadRequest, FakeAPIError, FieldErrors, json_response
from ._router import RequestContext
from ._store import Store
from ._vmhost_state import VirtualMachineRecord, VMHostRecord, pool_used, used_resources
from ._vmhost_state import vmhost_tables as tables_of

_BAD_CHOICE = "Select a valid choice. That choice is not one of the available choices."
_STORAGE = re.compile(r"^(?:(?P<label>[\w-]+):)?(?P<size>\d+(?:\.\d+)?)(?:\((?P<tags>[^)]*)\))?$")
_DEFAULT_CORES = 1
_DEFAULT_MEMORY = 2048
_DEFAULT_STORAGE = "root:8(local)"


@on_both("POST", "{id}/", op="compose")
def compose(ctx: RequestContext) -> WireResponse:
    """Compose a VM on a host (admin) and answer ``{system_id, resource_uri}``.

    MAAS API: POST /MAAS/api/2.0/vm-hosts/{id}/?op=compose (also pods/{id}/)
    """
    user = ctx.require_admin()
    host = find_host(ctx)
    store, data = ctx.store, ctx.data
    tables = tables_of(store)
    table = machine_table(store)
    used = used_resources(tables, host)
    max_cores = int(host.cores * host.cpu_over_commit_ratio) - used["cores"]
    max_memory = int(host.memory * host.memory_over_commit_ratio) - used["memory"]
    errors: dict[str, list[str]] = {}
    cores = _bounded(data, "cores", 1, max_cores, errors)
    memory = _bounded(data, "memory", 1024, max_memory, errors)
    cpu_speed = _bounded(data, "cpu_speed", 300, host.cpu_speed, errors)
    architecture = data.get("architecture") or host.architectures[0]
    if architecture not in host.architectures:
        errors["architecture"] = [
            f"Select a valid choice. {architecture} is not one of the available choices."
        ]
    pinned = _pinned_cores(data, host, errors)
    hostname = data.get("hostname") or pet_name(store, table.by_hostname.__contains__)
    problem = validate_hostname(hostname)
    if problem is None and hostname in table.by_hostname:
        problem = f'Node with hostname "{hostname}" already exists'
    if problem is not None:
        errors["hostname"] = [problem]
    domain_id = _by_id(data, "domain", store.domains, store.default_domain_id, errors)
    zone_id = _by_id(data, "zone", store.zones, store.default_zone_id, errors)
    pool_id = _by_id(data, "pool", store.pools, host.pool_id, errors)
    disks = _storage(data.get("storage") or _DEFAULT_STORAGE, errors)
    if errors:
        raise FieldErrors(errors)
    if data.get("interfaces"):
        raise BadRequest("Pod must be on a known host if interfaces are specified.")
    needed = sum(size for _, size, _ in disks)
    pool = next(p for p in host.storage_pools if p.pool_id == host.default_storage_pool)
    if needed > pool.storage - pool_used(tables, host, pool.pool_id):
        raise FakeAPIError(
            503,
            f"Unable to compose KVM instance in '{host.name}'. "
            f"Not enough space in storage pool '{pool.name}'.",
        )
    machine = create_machine_record(
        table,
        hostname=hostname,
        architecture=architecture,
        macs=[_mac(store, table)],
        values={
            "power_type": host.type,
            "power_parameters": _power_parameters(host, hostname),
            "cpu_count": len(pinned) or (cores or _DEFAULT_CORES),
            "memory": memory or _DEFAULT_MEMORY,
            "cpu_speed": cpu_speed or host.cpu_speed,
            "domain_id": domain_id,
            "zone_id": zone_id,
            "pool_id": pool_id,
        },
    )
    _attach_hardware(store, host, machine_table(store), machine.system_id, disks)
    vm = VirtualMachineRecord(
        id=store.next_id("virtualmachine"),
        identifier=hostname,
        host_id=host.id,
        project=host.power_parameters.get("project"),
        unpinned_cores=0 if pinned else (cores or _DEFAULT_CORES),
        pinned_cores=pinned,
        memory=memory or _DEFAULT_MEMORY,
        hugepages_backed=django_bool(data.get("hugepages_backed")),
        storage=needed,
        storage_pool=pool.pool_id,
        machine_system_id=machine.system_id,
    )
    tables.vms[vm.id] = vm
    if django_bool(data.get("skip_commissioning")):
        discover_hardware(store, machine)
        machine.status = NodeStatus.READY
        machine.commissioned = True
        machine.touch()
    else:
        machine.metadata_token = new_metadata_token(store)
        life.start_commissioning(table, machine, user.username)
    return json_response(
        {
            "system_id": machine.system_id,
            "resource_uri": f"{API_PREFIX}machines/{machine.system_id}/",
        }
    )


def _bounded(
    data: FormData, key: str, low: int, high: int, errors: dict[str, list[str]]
) -> int | None:
    text = data.get(key)
    if text is None or text.strip() == "":
        return None
    try:
        value = int(text)
    except ValueError:
        errors[key] = ["Enter a whole number."]
        return None
    if value < low:
        errors[key] = [f"Ensure this value is greater than or equal to {low}."]
    elif value > high:
        errors[key] = [f"Ensure this value is less than or equal to {high}."]
    return value


def _pinned_cores(data: FormData, host: VMHostRecord, errors: dict[str, list[str]]) -> list[int]:
    pinned: list[int] = []
    for value in data.getlist("pinned_cores"):
        if not value.isdigit() or int(value) >= host.cores:
            errors["pinned_cores"] = [
                f"Select a valid choice. {value} is not one of the available choices."
            ]
        else:
            pinned.append(int(value))
    return sorted(pinned)


def _by_id(
    data: FormData,
    key: str,
    table: Mapping[int, object],
    default: int,
    errors: dict[str, list[str]],
) -> int:
    text = data.get(key)
    if not text:
        return default
    if not text.isdigit() or int(text) not in table:
        errors[key] = [_BAD_CHOICE]
        return default
    return int(text)


def _storage(text: str, errors: dict[str, list[str]]) -> list[tuple[str, int, list[str]]]:
    disks: list[tuple[str, int, list[str]]] = []
    for index, entry in enumerate(part.strip() for part in text.split(",")):
        matched = _STORAGE.match(entry)
        if matched is None:
            errors["storage"] = [f'Malformed storage constraint, "{entry}".']
            return []
        label = matched["label"] or f"disk{index}"
        tags = [tag for tag in (matched["tags"] or "").split(",") if tag]
        disks.append((label, int(float(matched["size"]) * 1000**3), tags))
    return disks


def _mac(store: Store, table: MachineTable) -> str:
    while True:
        tail = ":".join(f"{store.random.randrange(256):02x}" for _ in range(3))
        mac = f"00:16:3e:{tail}"
        if mac not in table.by_mac:
            return mac


def _power_parameters(host: VMHostRecord, hostname: str) -> dict[str, object]:
    parameters: dict[str, object] = {
        "power_address": host.power_parameters.get("power_address", ""),
        "instance_name": hostname,
    }
    if host.type == "lxd":
        parameters["project"] = host.power_parameters.get("project", "default")
    else:
        parameters["power_id"] = hostname
    return parameters


def _attach_hardware(
    store: Store,
    host: VMHostRecord,
    table: MachineTable,
    system_id: str,
    disks: list[tuple[str, int, list[str]]],
) -> None:
    machine = table.machines[system_id]
    vlans = store.fabric_vlans(store.default_fabric_id)
    if vlans and machine.interfaces:
        machine.interfaces[0].vlan_id = vlans[0].id
    for index, (label, size, tags) in enumerate(disks):
        machine.block_devices.append(
            BlockDevice(
                id=store.next_id("blockdevice"),
                name=f"sd{chr(ord('a') + index)}",
                size=size,
                model="QEMU HARDDISK",
                serial=f"{host.type}_{label}",
                tags=tags,
                storage_pool=host.default_storage_pool,
            )
        )
    machine.touch()
