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
from ._responses import FieldErrors, json_list_response, json_response, pretty_json
from ._router import RequestContext, routes
from ._storage_forms import (
    Errors,
    free_devices,
    free_partitions,
    group_partitions,
    named_group_form,
    pick_devices,
    pick_partitions,
)
from ._storage_groups import (
    Group,
    StorageTable,
    delete_group,
    first_volume,
    group_kinds,
    human_bytes,
    lookup,
    lookup_ready,
    member_size,
    new_group,
    ready_machine,
    replace_members,
    storage_table,
    sync_volume,
    target_dict,
    uri,
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
    device = first_volume(machine, group)
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
    machine, _, groups = group_kinds(ctx, _KINDS)
    return json_list_response(pretty_json(datastore_dict(machine, g)) for g in groups)


@routes.route("POST", _COLLECTION)
def create_datastore(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/vmfs-datastores/`` (admin, Ready, VMFS layout).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/vmfs-datastores/
    """
    machine, storage = ready_machine(
        ctx, "Cannot create VMFS group because the machine is not Ready."
    )
    errors = Errors()
    name, devices, partitions = named_group_form(machine, ctx.data, errors)
    if machine.storage_layout not in ("vmfs6", "vmfs7"):
        errors["VMFS"] = [_LAYOUT_ERROR]
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    group = new_group(ctx, "vmfs6", name)
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
    machine, _, group = lookup_ready(
        ctx,
        _KINDS,
        "VMFS",
        "Cannot update the VMFS datastore because the machine is not Ready.",
    )
    data, errors = ctx.data, Errors()
    devices = pick_devices(data, "add_block_devices", free_devices(machine), errors)
    added = pick_partitions(data, "add_partitions", free_partitions(machine), errors)
    own = group_partitions(machine, group, ("vmfs6",))
    removed = pick_partitions(data, "remove_partitions", own, errors)
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    new = [(p, "vmfs6") for p in _partitions(table, machine, devices, added)]
    replace_members(ctx.store, machine, group, removed, new)
    old_name = group.name
    group.name = data.get("name") or group.name
    group.uuid = data.get("uuid") or group.uuid
    device = sync_volume(machine, group, _size(machine, group))
    if device is not None and device.filesystem is not None and old_name != group.name:
        device.filesystem.mount_point = f"/vmfs/volumes/{group.name}"
    return json_response(datastore_dict(machine, group))


@routes.route("DELETE", _INSTANCE)
def delete_datastore(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/vmfs-datastore/{id}/``: 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/vmfs-datastore/{id}/
    """
    return delete_group(
        ctx, _KINDS, "VMFS", "Cannot delete VMFS datastore because the machine is not Ready."
    )
