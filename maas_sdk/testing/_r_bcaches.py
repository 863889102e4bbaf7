"""``nodes/{system_id}/bcache-cache-sets/``, ``…/bcaches/`` and their instances (§14.3).

A cache set is one device or partition with a ``bcache-cache`` filesystem, named ``cacheN`` by
its rank among the machine's cache sets. A bcache's backing device or partition carries a
``bcache-backing`` filesystem; the bcache is a virtual block device (``bcache0``...) of the
backing size and block size.
"""

from __future__ import annotations

from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_model import BlockDevice, Machine, Partition
from ._machine_render import block_device_dict
from ._machine_table import Perm, check_permission, machine_table
from ._r_raids import next_name
from ._responses import (
    BadRequest,
    FieldErrors,
    NotFound,
    json_list_response,
    json_response,
    no_content,
    pretty_json,
)
from ._router import RequestContext, routes
from ._storage_forms import Errors, free_devices, free_partitions, pick_devices, pick_partitions
from ._storage_groups import (
    CacheSet,
    Group,
    Member,
    NodeStorage,
    Target,
    delete_group,
    find_target,
    first_volume,
    group_kinds,
    human_bytes,
    invalid_choice,
    lookup,
    lookup_ready,
    member_size,
    new_group,
    ready_machine,
    require_ready,
    storage_machine,
    storage_table,
    sync_volume,
    target_dict,
    uri,
)

__all__ = ["bcache_dict", "cache_set_dict"]

_SETS = "nodes/{system_id}/bcache-cache-sets/"
_SET = "nodes/{system_id}/bcache-cache-set/{id}/"
_BCACHES = "nodes/{system_id}/bcaches/"
_BCACHE = "nodes/{system_id}/bcache/{id}/"
_MODES = ("writeback", "writethrough", "writearound")
_KINDS = ("bcache",)


def _set_name(storage: NodeStorage, cache_set: CacheSet) -> str:
    return f"cache{sorted(storage.cache_sets).index(cache_set.id)}"


def _find_set(storage: NodeStorage, key: str) -> CacheSet | None:
    """The cache set whose id or ``cacheN`` name is ``key``."""
    return next(
        (c for c in storage.cache_sets.values() if key in (str(c.id), _set_name(storage, c))),
        None,
    )


def cache_set_dict(machine: Machine, storage: NodeStorage, cache_set: CacheSet) -> dict[str, Any]:
    """Render a cache set (BcacheCacheSetHandler fields)."""
    return {
        "system_id": machine.system_id,
        "id": cache_set.id,
        "name": _set_name(storage, cache_set),
        "cache_device": target_dict(machine, cache_set.member),
        "resource_uri": uri(machine, "bcache-cache-set", cache_set.id),
    }


def bcache_dict(machine: Machine, storage: NodeStorage, group: Group) -> dict[str, Any]:
    """Render a bcache (BcacheHandler fields)."""
    size = member_size(machine, group.members[0]) if group.members else 0
    cache_set = storage.cache_sets.get(group.cache_set_id or -1)
    device = first_volume(machine, group)
    return {
        "system_id": machine.system_id,
        "id": group.id,
        "uuid": group.uuid,
        "name": group.name,
        "cache_set": cache_set_dict(machine, storage, cache_set) if cache_set else None,
        "backing_device": target_dict(machine, group.members[0]) if group.members else None,
        "size": size,
        "human_size": human_bytes(size),
        "virtual_device": block_device_dict(machine, device) if device is not None else None,
        "cache_mode": group.cache_mode,
        "resource_uri": uri(machine, "bcache", group.id),
    }


def _one_target(
    ctx: RequestContext,
    names: tuple[str, str],
    choices: tuple[list[BlockDevice], list[tuple[BlockDevice, Partition]]],
    errors: Errors,
) -> Target | None:
    """Resolve a device field and a partition field of which at most one may be given."""
    devices = pick_devices(ctx.data, names[0], choices[0], errors) if ctx.data.get(names[0]) else []
    parts = (
        pick_partitions(ctx.data, names[1], choices[1], errors) if ctx.data.get(names[1]) else []
    )
    if devices and parts:
        return None
    return devices[0] if devices else parts[0] if parts else None


# -- cache sets ------------------------------------------------------------------------------


def _cache_set(ctx: RequestContext, perm: Perm) -> tuple[Machine, NodeStorage, CacheSet]:
    machine = machine_table(ctx.store).get(ctx.args["system_id"])
    if machine is None:
        raise NotFound("CacheSet")
    storage = storage_table(ctx.store).storage(machine)
    cache_set = _find_set(storage, ctx.args["id"])
    if cache_set is None:
        raise NotFound("CacheSet")
    check_permission(ctx.require_user(), machine, perm)
    return machine, storage, cache_set


@routes.route("GET", _SETS)
def list_cache_sets(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/bcache-cache-sets/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/bcache-cache-sets/
    """
    machine, storage = storage_machine(ctx, Perm.VIEW)
    items = [cache_set_dict(machine, storage, c) for c in storage.cache_sets.values()]
    return json_list_response(pretty_json(item) for item in items)


@routes.route("POST", _SETS)
def create_cache_set(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/bcache-cache-sets/`` (admin, Ready).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/bcache-cache-sets/
    """
    machine, storage = ready_machine(ctx, "Cannot create cache set because the node is not Ready.")
    errors = Errors()
    names = ("cache_device", "cache_partition")
    choices = (free_devices(machine), free_partitions(machine))
    target = _one_target(ctx, names, choices, errors)
    if not errors and ctx.data.get(names[0]) and ctx.data.get(names[1]):
        errors["__all__"] = ["Cannot set both cache_device and cache_partition."]
    elif not errors and target is None:
        errors["__all__"] = ["Either cache_device or cache_partition must be specified."]
    if errors or target is None:
        raise FieldErrors(errors)
    member = storage_table(ctx.store).claim(machine, target, "bcache-cache")
    cache_set = CacheSet(ctx.store.next_id("cacheset"), member)
    storage.cache_sets[cache_set.id] = cache_set
    return json_response(cache_set_dict(machine, storage, cache_set))


@routes.route("GET", _SET)
def read_cache_set(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/bcache-cache-set/{id}/`` (id or ``cacheN``).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/bcache-cache-set/{id}/
    """
    machine, storage, cache_set = _cache_set(ctx, Perm.VIEW)
    return json_response(cache_set_dict(machine, storage, cache_set))


@routes.route("PUT", _SET)
def update_cache_set(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/bcache-cache-set/{id}/``: move it to another device.

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/bcache-cache-set/{id}/
    """
    machine, storage, cache_set = _cache_set(ctx, Perm.ADMIN)
    require_ready(machine, "Cannot update cache set because the machine is not Ready.")
    current = find_target(machine, cache_set.member)
    devices, parts = free_devices(machine), free_partitions(machine)
    if isinstance(current, Partition):
        parts.append((_device_of(machine, cache_set.member), current))
    elif current is not None:
        devices.append(current)
    errors = Errors()
    names = ("cache_device", "cache_partition")
    target = _one_target(ctx, names, (devices, parts), errors)
    if not errors and ctx.data.get(names[0]) and ctx.data.get(names[1]):
        message = "Cannot set both cache_device and cache_partition."
        errors.update({names[0]: [message], names[1]: [message]})
    if errors:
        raise FieldErrors(errors)
    if target is not None and target is not current:
        table = storage_table(ctx.store)
        table.release(machine, cache_set.member)
        cache_set.member = table.claim(machine, target, "bcache-cache")
    return json_response(cache_set_dict(machine, storage, cache_set))


@routes.route("DELETE", _SET)
def delete_cache_set(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/bcache-cache-set/{id}/``: 204 (400 while a bcache uses it).

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/bcache-cache-set/{id}/
    """
    machine, storage, cache_set = _cache_set(ctx, Perm.ADMIN)
    require_ready(machine, "Cannot delete cache set because the machine is not Ready.")
    if any(g.cache_set_id == cache_set.id for g in storage.groups.values()):
        raise BadRequest("Cannot delete cache set; it's currently in use.")
    storage_table(ctx.store).release(machine, cache_set.member)
    del storage.cache_sets[cache_set.id]
    return no_content()


def _device_of(machine: Machine, member: Member) -> BlockDevice:
    return next(d for d in machine.block_devices if d.id == member.device_id)


# -- bcaches ---------------------------------------------------------------------------------


def _pick_cache_set(
    ctx: RequestContext, storage: NodeStorage, errors: Errors, *, required: bool
) -> CacheSet | None:
    value = ctx.data.get("cache_set")
    if not value:
        if required:
            errors["cache_set"] = ["This field is required."]
        return None
    found = _find_set(storage, value)
    if found is None:
        errors["cache_set"] = [invalid_choice(value)]
    return found


def _pick_mode(ctx: RequestContext, errors: Errors, *, required: bool) -> str | None:
    mode = ctx.data.get("cache_mode")
    if not mode:
        if required:
            errors["cache_mode"] = ["This field is required."]
        return None
    if mode not in _MODES:
        errors["cache_mode"] = [invalid_choice(mode)]
        return None
    return mode


@routes.route("GET", _BCACHES)
def list_bcaches(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/bcaches/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/bcaches/
    """
    machine, storage, groups = group_kinds(ctx, _KINDS)
    return json_list_response(pretty_json(bcache_dict(machine, storage, g)) for g in groups)


@routes.route("POST", _BCACHES)
def create_bcache(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/bcaches/`` (admin, Ready).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/bcaches/
    """
    machine, storage = ready_machine(ctx, "Cannot create Bcache because the machine is not Ready.")
    errors = Errors()
    cache_set = _pick_cache_set(ctx, storage, errors, required=True)
    mode = _pick_mode(ctx, errors, required=True)
    names = ("backing_device", "backing_partition")
    choices = (free_devices(machine), free_partitions(machine))
    backing = _one_target(ctx, names, choices, errors)
    if cache_set is None:
        errors["__all__"] = ["Bcache requires a cache_set."]
    elif ctx.data.get(names[0]) and ctx.data.get(names[1]):
        errors["__all__"] = ["A Bcache can have either a backing device or partition."]
    elif backing is None and not any(n in errors for n in names):
        errors["__all__"] = ["Either backing_device or backing_partition must be specified."]
    if errors or cache_set is None or backing is None:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    name = ctx.data.get("name") or next_name(storage, "bcache")
    group = new_group(ctx, "bcache", name)
    group.cache_set_id, group.cache_mode = cache_set.id, mode
    group.members = [table.claim(machine, backing, "bcache-backing")]
    device = table.add_virtual(machine, name, backing.size, _block_size(machine, group))
    group.volume_ids = [device.id]
    storage.groups[group.id] = group
    return json_response(bcache_dict(machine, storage, group))


def _block_size(machine: Machine, group: Group) -> int:
    device = _device_of(machine, group.members[0])
    return device.block_size


@routes.route("GET", _BCACHE)
def read_bcache(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/bcache/{id}/`` (id or name).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/bcache/{id}/
    """
    machine, storage, group = lookup(ctx, Perm.VIEW, _KINDS, "Bcache")
    return json_response(bcache_dict(machine, storage, group))


@routes.route("PUT", _BCACHE)
def update_bcache(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/bcache/{id}/``: name, uuid, cache set, mode, backing device.

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/bcache/{id}/
    """
    machine, storage, group = lookup_ready(
        ctx, _KINDS, "Bcache", "Cannot update Bcache because the machine is not Ready."
    )
    errors = Errors()
    cache_set = _pick_cache_set(ctx, storage, errors, required=False)
    mode = _pick_mode(ctx, errors, required=False)
    names = ("backing_device", "backing_partition")
    choices = (free_devices(machine), free_partitions(machine))
    backing = _one_target(ctx, names, choices, errors)
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    if backing is not None:
        table.release(machine, group.members[0])
        group.members = [table.claim(machine, backing, "bcache-backing")]
    group.name = ctx.data.get("name") or group.name
    group.uuid = ctx.data.get("uuid") or group.uuid
    group.cache_mode = mode or group.cache_mode
    group.cache_set_id = cache_set.id if cache_set is not None else group.cache_set_id
    device = sync_volume(machine, group, member_size(machine, group.members[0]))
    if device is not None:
        device.block_size = _block_size(machine, group)
    return json_response(bcache_dict(machine, storage, group))


@routes.route("DELETE", _BCACHE)
def delete_bcache(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/bcache/{id}/``: 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/bcache/{id}/
    """
    return delete_group(
        ctx, _KINDS, "Bcache", "Cannot delete Bcache because the machine is not Ready."
    )
