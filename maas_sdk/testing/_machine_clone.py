"""``POST machines/?op=clone``: copy one machine's interface and/or storage configuration.

Destinations must be Ready or Failed testing. Storage is copied disk by disk (same name, at
least as large); interfaces by name (VLAN and links; static addresses get new free addresses).
The answer is ``204`` with an empty body (REFERENCE.md §7.2). The validation texts are the fake's
own (MAAS's exact wording for clone errors was not observed).
"""

from __future__ import annotations

from dataclasses import replace

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool
from ._machine_ips import assign_address, free_address
from ._machine_layout import clear_storage, new_uuid
from ._machine_model import Filesystem, Link, Machine, NodeStatus, Partition
from ._machine_table import MachineTable, machine_table
from ._responses import FieldErrors, no_content
from ._router import RequestContext, routes
from ._store import Store

__all__ = ["clone_machines"]

_REQUIRED = "This field is required."
_INVALID = "Select a valid choice. That choice is not one of the available choices."


def _copy_filesystem(store: Store, fs: Filesystem | None) -> Filesystem | None:
    if fs is None:
        return None
    return Filesystem(fs.fstype, new_uuid(store), fs.label, fs.mount_point, fs.mount_options)


def _clone_storage(store: Store, source: Machine, target: Machine) -> str | None:
    physical = {d.name: d for d in target.block_devices if d.type == "physical"}
    for device in source.block_devices:
        if device.type != "physical":
            continue
        match = physical.get(device.name)
        if match is None or match.size < device.size:
            return f"{target.hostname} has no disk {device.name} of at least {device.size} bytes."
    clear_storage(target)
    for device in source.block_devices:
        if device.type != "physical":
            target.block_devices.append(
                replace(
                    device,
                    id=store.next_id("blockdevice"),
                    uuid=new_uuid(store),
                    filesystem=_copy_filesystem(store, device.filesystem),
                    tags=list(device.tags),
                )
            )
            continue
        match = physical[device.name]
        match.partition_table_type = device.partition_table_type
        match.filesystem = _copy_filesystem(store, device.filesystem)
        match.partitions = [
            Partition(
                store.next_id("partition"),
                new_uuid(store),
                p.size,
                p.bootable,
                _copy_filesystem(store, p.filesystem),
                list(p.tags),
            )
            for p in device.partitions
        ]
    target.storage_layout = source.storage_layout
    target.touch()
    return None


def _clone_interfaces(table: MachineTable, source: Machine, target: Machine) -> str | None:
    names = {i.name: i for i in target.interfaces}
    missing = [i.name for i in source.interfaces if i.name not in names]
    if missing:
        return f"{target.hostname} has no interface {missing[0]}."
    store = table.store
    for iface in source.interfaces:
        match = names[iface.name]
        match.vlan_id = iface.vlan_id
        match.links = []
        for link in iface.links:
            copy = Link(store.next_id("staticipaddress"), link.mode, link.subnet_id)
            match.links.append(copy)
            subnet = store.subnets.get(link.subnet_id) if link.subnet_id is not None else None
            if link.mode == "static" and subnet is not None:
                address = free_address(store, table, subnet)
                if address is not None:
                    assign_address(table, target, copy, address)
    target.touch()
    return None


def clone_machines(table: MachineTable, params: FormData) -> None:
    """Validate a clone request and apply it.

    Raises:
        FieldErrors: Missing or invalid ``source``/``destinations``/``interfaces``/``storage``.
    """
    errors: dict[str, list[str]] = {}
    source = table.get(params.get("source") or "")
    if not params.get("source"):
        errors["source"] = [_REQUIRED]
    elif source is None:
        errors["source"] = [_INVALID]
    destinations = params.getlist("destinations")
    if not destinations:
        errors["destinations"] = [_REQUIRED]
    targets = []
    for system_id in destinations:
        target = table.get(system_id)
        if target is None or target is source:
            errors.setdefault("destinations", []).append(_INVALID)
        elif target.status not in (NodeStatus.READY, NodeStatus.FAILED_TESTING):
            errors.setdefault("destinations", []).append(
                f"Machine {target.hostname} is invalid: destination node must be Ready or "
                "Failed testing."
            )
        else:
            targets.append(target)
    interfaces = django_bool(params.get("interfaces"))
    storage = django_bool(params.get("storage"))
    if not interfaces and not storage:
        errors["__all__"] = ["Either interfaces or storage must be True."]
    if errors:
        raise FieldErrors(errors)
    assert source is not None
    problems: list[str] = []
    for target in targets:
        if storage and (problem := _clone_storage(table.store, source, target)):
            problems.append(problem)
        if interfaces and (problem := _clone_interfaces(table, source, target)):
            problems.append(problem)
    if problems:
        raise FieldErrors({"destinations": problems})


@routes.route("POST", "machines/", op="clone")
def clone(ctx: RequestContext) -> WireResponse:
    """``op=clone``: copy a machine's configuration to other machines (admin); 204.

    MAAS API: POST /MAAS/api/2.0/machines/?op=clone
    """
    ctx.require_admin()
    clone_machines(machine_table(ctx.store), ctx.data)
    return no_content()
