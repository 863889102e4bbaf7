"""``nodes/{system_id}/raids/`` and ``…/raid/{id}/`` (REFERENCE.md §14.3).

Active members carry a ``raid`` filesystem, spares ``raid-spare``; the array is a virtual block
device (``md0``..., 512-byte blocks) whose size follows MAAS's formulas (128 KiB of superblock
per array, per member for RAID 0).
"""

from __future__ import annotations

from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_model import Machine
from ._machine_render import block_device_dict
from ._machine_table import Perm
from ._responses import (
    FakeAPIError,
    FieldErrors,
    json_list_response,
    json_response,
    pretty_json,
)
from ._router import RequestContext, routes
from ._storage_forms import (
    Errors,
    free_devices,
    free_partitions,
    group_devices,
    group_partitions,
    pick_devices,
    pick_partitions,
)
from ._storage_groups import (
    RAID_LEVELS,
    RAID_SUPERBLOCK_OVERHEAD,
    Group,
    NodeStorage,
    Target,
    delete_group,
    first_volume,
    group_kinds,
    human_bytes,
    invalid_choice,
    lookup,
    lookup_ready,
    member_size,
    model_error,
    new_group,
    ready_machine,
    replace_members,
    storage_table,
    sync_volume,
    target_dict,
    uri,
)

__all__ = ["raid_dict", "raid_size"]

_COLLECTION = "nodes/{system_id}/raids/"
_INSTANCE = "nodes/{system_id}/raid/{id}/"
_MINIMUM = {"raid-0": 2, "raid-1": 2, "raid-5": 3, "raid-6": 4, "raid-10": 3}


def raid_size(machine: Machine, group: Group) -> int:
    """Usable size of an array (MAAS's ``get_raid_size``)."""
    sizes = [member_size(machine, m) for m in group.members]
    active = sum(1 for m in group.members if m.filesystem.fstype == "raid")
    smallest = min(sizes, default=0)
    if smallest <= 0:
        return 0
    if group.kind == "raid-0":
        return sum(sizes) - RAID_SUPERBLOCK_OVERHEAD * len(sizes)
    factor = {"raid-1": 1, "raid-5": active - 1, "raid-6": active - 2}.get(group.kind)
    if factor is None:
        return int(smallest * active / 2) - RAID_SUPERBLOCK_OVERHEAD
    return smallest * factor - RAID_SUPERBLOCK_OVERHEAD


def _count_error(machine: Machine, group: Group) -> FakeAPIError | None:
    """MAAS's error for an array with too few active members (or spares on RAID 0)."""
    active = sum(1 for m in group.members if m.filesystem.fstype == "raid")
    spares = len(group.members) - active
    level = group.kind.removeprefix("raid-")
    if group.kind == "raid-0" and (active < 2 or spares):
        return model_error("RAID level 0 must have at least 2 raid devices and no spares.")
    if group.kind != "raid-0" and active < _MINIMUM[group.kind]:
        return model_error(
            f"RAID level {level} must have at least {_MINIMUM[group.kind]} raid devices and "
            "any number of spares."
        )
    return None


def raid_dict(machine: Machine, group: Group) -> dict[str, Any]:
    """Render a RAID (RaidHandler fields)."""
    size = raid_size(machine, group)
    device = first_volume(machine, group)
    return {
        "system_id": machine.system_id,
        "id": group.id,
        "uuid": group.uuid,
        "name": group.name,
        "level": group.kind,
        "devices": [
            target_dict(machine, m) for m in group.members if m.filesystem.fstype == "raid"
        ],
        "spare_devices": [
            target_dict(machine, m) for m in group.members if m.filesystem.fstype == "raid-spare"
        ],
        "size": size,
        "human_size": human_bytes(size),
        "virtual_device": block_device_dict(machine, device) if device is not None else None,
        "resource_uri": uri(machine, "raid", group.id),
    }


def next_name(storage: NodeStorage, prefix: str) -> str:
    """The next free ``<prefix>N`` name among the machine's groups."""
    taken = {g.name for g in storage.groups.values()}
    return next(f"{prefix}{n}" for n in range(len(taken) + 1) if f"{prefix}{n}" not in taken)


@routes.route("GET", _COLLECTION)
def list_raids(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/raids/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/raids/
    """
    machine, _, groups = group_kinds(ctx, RAID_LEVELS)
    return json_list_response(pretty_json(raid_dict(machine, g)) for g in groups)


@routes.route("POST", _COLLECTION)
def create_raid(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/raids/`` (admin, Ready).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/raids/
    """
    machine, storage = ready_machine(ctx, "Cannot create RAID because the machine is not Ready.")
    data, errors = ctx.data, Errors()
    level = data.get("level") or ""
    if not level:
        errors["level"] = ["This field is required."]
    elif level not in RAID_LEVELS:
        errors["level"] = [invalid_choice(level)]
    devices, parts = free_devices(machine), free_partitions(machine)
    active: list[Target] = [
        *pick_devices(data, "block_devices", devices, errors),
        *pick_partitions(data, "partitions", parts, errors),
    ]
    spare: list[Target] = [
        *pick_devices(data, "spare_devices", devices, errors),
        *pick_partitions(data, "spare_partitions", parts, errors),
    ]
    if not active and not errors:
        errors["__all__"] = ["At least one block device or partition must be added to the array."]
    if errors:
        raise FieldErrors(errors)
    name = data.get("name") or next_name(storage, "md")
    group = new_group(ctx, level, name)
    members = [(t, "raid") for t in active] + [(t, "raid-spare") for t in spare]
    replace_members(ctx.store, machine, group, [], members, _count_error)
    device = storage_table(ctx.store).add_virtual(machine, name, raid_size(machine, group), 512)
    group.volume_ids = [device.id]
    storage.groups[group.id] = group
    return json_response(raid_dict(machine, group))


@routes.route("GET", _INSTANCE)
def read_raid(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/raid/{id}/`` (id or name).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/raid/{id}/
    """
    machine, _, group = lookup(ctx, Perm.VIEW, RAID_LEVELS, "RAID")
    return json_response(raid_dict(machine, group))


@routes.route("PUT", _INSTANCE)
def update_raid(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/raid/{id}/``: rename, add or remove members and spares.

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/raid/{id}/
    """
    machine, _, group = lookup_ready(
        ctx, RAID_LEVELS, "RAID", "Cannot update RAID because the machine is not Ready."
    )
    data, errors = ctx.data, Errors()
    devices, parts = free_devices(machine), free_partitions(machine)
    roles = ("raid", "raid-spare")
    own_devices = group_devices(machine, group, roles)
    own_parts = group_partitions(machine, group, roles)
    dropped: list[Target] = [
        *pick_devices(data, "remove_block_devices", own_devices, errors),
        *pick_devices(data, "remove_spare_devices", own_devices, errors),
        *pick_partitions(data, "remove_partitions", own_parts, errors),
        *pick_partitions(data, "remove_spare_partitions", own_parts, errors),
    ]
    added: list[tuple[Target, str]] = [
        *((t, "raid") for t in pick_devices(data, "add_block_devices", devices, errors)),
        *((t, "raid-spare") for t in pick_devices(data, "add_spare_devices", devices, errors)),
        *((t, "raid") for t in pick_partitions(data, "add_partitions", parts, errors)),
        *((t, "raid-spare") for t in pick_partitions(data, "add_spare_partitions", parts, errors)),
    ]
    if errors:
        raise FieldErrors(errors)
    replace_members(ctx.store, machine, group, dropped, added, _count_error)
    if data.get("name"):
        group.name = data.get("name") or group.name
    group.uuid = data.get("uuid") or group.uuid
    sync_volume(machine, group, raid_size(machine, group))
    return json_response(raid_dict(machine, group))


@routes.route("DELETE", _INSTANCE)
def delete_raid(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/raid/{id}/``: 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/raid/{id}/
    """
    return delete_group(
        ctx, RAID_LEVELS, "RAID", "Cannot delete RAID because the machine is not Ready."
    )
