"""``nodes/{system_id}/vmfs-datastores/`` and ``…/vmfs-datastore/{id}/`` (REFERENCE.md §14.3).

Only machines whose storage layout is ``vmfs6`` or ``vmfs7`` take datastores. A datastore is made
of partitions carrying a ``vmfs6`` filesystem (a whole block device gets one partition filling
it first); its virtual device (1 KiB blocks) holds a ``vmfs6`` filesystem mounted at
``/vmfs/volumes/<name>``.
"""

from __future__ import annotations

from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_layout import new_uuid
from ._machine_model import Filesystem, Machine, Partition
from ._machine_table import Perm
from ._responses import FieldErrors, json_list_response, json_response, no_content, pretty_json
from ._router import RequestContext, routes
from ._storage_forms import (
    Errors,
    free_devices,
    free_partitions,
    group_partitions,
    pick_devices,
    pick_partitions,
)
from ._storage_groups import (
    Group,
    StorageTable,
    find_target,
    human_bytes,
    lookup,
    member_size,
    require_ready,
    storage_machine,
    storage_table,
    target_dict,
    uri,
    virtual_device,
)

__all__ = ["datastore_dict"]

_COLLECTION = "nodes/{system_id}/vmfs-datastores/"
_INSTANCE = "nodes/{system_id}/vmfs-datastore/{id}/"
_KINDS = ("vmfs6",)
_LAYOUT_ERROR = (
    "VMFS Datastores may only be created after the VMFS6 or VMFS7 storage layout has been applied."
)


def _size(machine: Machine, group: Group) -> int:
    return sum(member_size(machine, m) for m in group.members)


def datastore_dict(machine: Machine, group: Group) -> dict[str, Any]:
    """Render a datastore (VmfsDatastoreHandler fields)."""
    size = _size(machine, group)
    device = virtual_device(machine, group.volume_ids[0]) if group.volume_ids else None
    fs = device.filesystem if device is not None else None
    return {
        "id": group.id,
        "system_id": machine.system_id,
        "uuid": group.uuid,
        "name": group.name,
        "devices": [target_dict(machine, m) for m in group.members],
        "size": size,
        "human_size": human_bytes(size),
        "filesystem": (
            {"fstype": fs.fstype, "mount_point": fs.mount_point} if fs is not None else None
        ),
        "resource_uri": uri(machine, "vmfs-datastore", group.id),
    }


def _partitions(
    table: StorageTable, machine: Machine, devices: list[Any], partitions: list[Partition]
) -> list[Partition]:
    return [*partitions, *(table.partition_whole(machine, device) for device in devices)]


@routes.route("GET", _COLLECTION)
def list_datastores(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/vmfs-datastores/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/vmfs-datastores/
    """
    machine, storage = storage_machine(ctx, Perm.VIEW)
    groups = [g for g in storage.groups.values() if g.kind in _KINDS]
    return json_list_response(pretty_json(datastore_dict(machine, g)) for g in groups)


@routes.route("POST", _COLLECTION)
def create_datastore(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/vmfs-datastores/`` (admin, Ready, VMFS layout).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/vmfs-datastores/
    """
    machine, storage = storage_machine(ctx, Perm.ADMIN)
    require_ready(machine, "Cannot create VMFS group because the machine is not Ready.")
    data, errors = ctx.data, Errors()
    name = data.get("name") or ""
    if not name:
        errors["name"] = ["This field is required."]
    devices = pick_devices(data, "block_devices", free_devices(machine), errors)
    partitions = pick_partitions(data, "partitions", free_partitions(machine), errors)
    if name and not devices and not partitions and not errors:
        errors["__all__"] = ["At least one valid block device or partition is required."]
    if machine.storage_layout not in ("vmfs6", "vmfs7"):
        errors["VMFS"] = [_LAYOUT_ERROR]
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    group = Group(
        ctx.store.next_id("filesystemgroup"), "vmfs6", name, data.get("uuid") or new_uuid(ctx.store)
    )
    group.members = [
        table.claim(machine, p, "vmfs6") for p in _partitions(table, machine, devices, partitions)
    ]
    device = table.add_virtual(machine, name, _size(machine, group), 1024)
    device.filesystem = Filesystem(
        "vmfs6", new_uuid(ctx.store), mount_point=f"/vmfs/volumes/{name}"
    )
    group.volume_ids = [device.id]
    storage.groups[group.id] = group
    return json_response(datastore_dict(machine, group))


@routes.route("GET", _INSTANCE)
def read_datastore(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/vmfs-datastore/{id}/`` (id or name).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/vmfs-datastore/{id}/
    """
    machine, _, group = lookup(ctx, Perm.VIEW, _KINDS, "VMFS")
    return json_response(datastore_dict(machine, group))


@routes.route("PUT", _INSTANCE)
def update_datastore(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/vmfs-datastore/{id}/``: rename, add devices, remove partitions.

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/vmfs-datastore/{id}/
    """
    machine, _, group = lookup(ctx, Perm.ADMIN, _KINDS, "VMFS")
    require_ready(machine, "Cannot update the VMFS datastore because the machine is not Ready.")
    data, errors = ctx.data, Errors()
    devices = pick_devices(data, "add_block_devices", free_devices(machine), errors)
    added = pick_partitions(data, "add_partitions", free_partitions(machine), errors)
    own = group_partitions(machine, group, ("vmfs6",))
    removed = pick_partitions(data, "remove_partitions", own, errors)
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    gone = {id(p) for p in removed}
    for member in [m for m in group.members if id(find_target(machine, m)) in gone]:
        table.release(machine, member)
        group.members.remove(member)
    group.members += [
        table.claim(machine, p, "vmfs6") for p in _partitions(table, machine, devices, added)
    ]
    old_name = group.name
    group.name = data.get("name") or group.name
    group.uuid = data.get("uuid") or group.uuid
    device = virtual_device(machine, group.volume_ids[0]) if group.volume_ids else None
    if device is not None:
        device.name = group.name
        device.size = _size(machine, group)
        if device.filesystem is not None and old_name != group.name:
            device.filesystem.mount_point = f"/vmfs/volumes/{group.name}"
    machine.touch()
    return json_response(datastore_dict(machine, group))


@routes.route("DELETE", _INSTANCE)
def delete_datastore(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/vmfs-datastore/{id}/``: 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/vmfs-datastore/{id}/
    """
    machine, storage, group = lookup(ctx, Perm.ADMIN, _KINDS, "VMFS")
    require_ready(machine, "Cannot delete VMFS datastore because the machine is not Ready.")
    storage_table(ctx.store).remove_group(machine, storage, group)
    return no_content()
