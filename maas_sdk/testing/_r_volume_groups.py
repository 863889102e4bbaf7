"""``nodes/{system_id}/volume-groups/`` and ``…/volume-group/{id}/`` (REFERENCE.md §14.3).

A volume group's members carry an ``lvm-pv`` filesystem; its logical volumes are virtual block
devices named ``<vg>-<lv>`` (4096-byte blocks). Sizes follow MAAS: 4 MiB extents, one extent per
physical volume kept for LVM headers, logical volumes rounded down to 4 MiB.
"""

from __future__ import annotations

from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import require_param
from ._machine_model import Machine
from ._machine_render import block_device_dict
from ._machine_storage import device_response
from ._machine_table import Perm
from ._responses import (
    BadRequest,
    FakeAPIError,
    FieldErrors,
    json_list_response,
    json_response,
    no_content,
    pretty_json,
)
from ._router import RequestContext, routes
from ._storage_forms import (
    Errors,
    free_devices,
    free_partitions,
    group_devices,
    group_partitions,
    named_group_form,
    pick_devices,
    pick_partitions,
    whole_number,
)
from ._storage_groups import (
    LVM_PE_SIZE,
    MIN_BLOCK_DEVICE_SIZE,
    PARTITION_ALIGNMENT,
    Group,
    NodeStorage,
    Target,
    group_kinds,
    human_bytes,
    lookup,
    lookup_ready,
    member_size,
    new_group,
    ready_machine,
    replace_members,
    storage_table,
    target_dict,
    uri,
    virtual_device,
)

__all__ = ["volume_group_dict"]

_COLLECTION = "nodes/{system_id}/volume-groups/"
_INSTANCES = ("nodes/{system_id}/volume-group/{id}/", "nodes/{system_id}/volume-groups/{id}/")
_KINDS = ("lvm-vg",)


def _sizes(machine: Machine, group: Group) -> tuple[int, int]:
    sizes = [member_size(machine, m) for m in group.members]
    size = max(0, (sum(sizes) // LVM_PE_SIZE - len(sizes)) * LVM_PE_SIZE) if sizes else 0
    used = sum(
        device.size
        for device in (virtual_device(machine, v) for v in group.volume_ids)
        if device is not None
    )
    return size, used


def volume_group_dict(machine: Machine, group: Group) -> dict[str, Any]:
    """Render a volume group (VolumeGroupHandler fields)."""
    size, used = _sizes(machine, group)
    volumes = [virtual_device(machine, v) for v in group.volume_ids]
    return {
        "system_id": machine.system_id,
        "id": group.id,
        "uuid": group.uuid,
        "name": group.name,
        "devices": [target_dict(machine, m) for m in group.members],
        "size": size,
        "human_size": human_bytes(size),
        "available_size": size - used,
        "human_available_size": human_bytes(size - used),
        "used_size": used,
        "human_used_size": human_bytes(used),
        "logical_volumes": [
            block_device_dict(machine, device) for device in volumes if device is not None
        ],
        "resource_uri": uri(machine, "volume-group", group.id),
    }


@routes.route("GET", _COLLECTION)
def list_volume_groups(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/volume-groups/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/volume-groups/
    """
    machine, _, groups = group_kinds(ctx, _KINDS)
    return json_list_response(pretty_json(volume_group_dict(machine, g)) for g in groups)


@routes.route("POST", _COLLECTION)
def create_volume_group(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/volume-groups/`` (admin, Ready).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/volume-groups/
    """
    machine, storage = ready_machine(
        ctx, "Cannot create volume group because the machine is not Ready."
    )
    errors = Errors()
    name, devices, partitions = named_group_form(machine, ctx.data, errors)
    if errors:
        raise FieldErrors(errors)
    table = storage_table(ctx.store)
    group = new_group(ctx, "lvm-vg", name)
    targets: list[Target] = [*devices, *partitions]
    group.members = [table.claim(machine, t, "lvm-pv") for t in targets]
    storage.groups[group.id] = group
    return json_response(volume_group_dict(machine, group))


def _ready_group(ctx: RequestContext, action: str) -> tuple[Machine, NodeStorage, Group]:
    """The volume group of the path, for a change the machine must be Ready for."""
    not_ready = f"Cannot {action} because the machine is not Ready."
    return lookup_ready(ctx, _KINDS, "VolumeGroup", not_ready)


def _too_small(machine: Machine, group: Group) -> FakeAPIError | None:
    size, used = _sizes(machine, group)
    if size < used:
        return BadRequest("Volume group cannot be smaller than its logical volumes.")
    return None


for _pattern in _INSTANCES:

    @routes.route("GET", _pattern)
    def read_volume_group(ctx: RequestContext) -> WireResponse:
        """``GET …/volume-group/{id}/`` (id or name).

        MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/volume-group/{id}/
        """
        machine, _, group = lookup(ctx, Perm.VIEW, _KINDS, "VolumeGroup")
        return json_response(volume_group_dict(machine, group))

    @routes.route("PUT", _pattern)
    def update_volume_group(ctx: RequestContext) -> WireResponse:
        """``PUT …/volume-group/{id}/``: rename, add or remove physical volumes.

        MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/volume-group/{id}/
        """
        machine, _, group = _ready_group(ctx, "update volume group")
        data, errors = ctx.data, Errors()
        add_devices = pick_devices(data, "add_block_devices", free_devices(machine), errors)
        add_parts = pick_partitions(data, "add_partitions", free_partitions(machine), errors)
        own_devices = group_devices(machine, group, ("lvm-pv",))
        own_parts = group_partitions(machine, group, ("lvm-pv",))
        drop_devices = pick_devices(data, "remove_block_devices", own_devices, errors)
        drop_parts = pick_partitions(data, "remove_partitions", own_parts, errors)
        if errors:
            raise FieldErrors(errors)
        dropped: list[Target] = [*drop_devices, *drop_parts]
        targets: list[Target] = [*add_devices, *add_parts]
        added = [(target, "lvm-pv") for target in targets]
        replace_members(ctx.store, machine, group, dropped, added, _too_small)
        _rename(machine, group, data.get("name"))
        group.uuid = data.get("uuid") or group.uuid
        machine.touch()
        return json_response(volume_group_dict(machine, group))

    @routes.route("DELETE", _pattern)
    def delete_volume_group(ctx: RequestContext) -> WireResponse:
        """``DELETE …/volume-group/{id}/``: 204 (400 while it has logical volumes).

        MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/volume-group/{id}/
        """
        machine, storage, group = _ready_group(ctx, "delete volume group")
        if group.volume_ids:
            raise BadRequest("This volume group has logical volumes; it cannot be deleted.")
        storage_table(ctx.store).remove_group(machine, storage, group)
        return no_content()

    @routes.route("POST", _pattern, op="create_logical_volume")
    def create_logical_volume(ctx: RequestContext) -> WireResponse:
        """``op=create_logical_volume``: answers the new virtual block device.

        MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/volume-group/{id}/?op=create_logical_volume
        """
        machine, _, group = _ready_group(ctx, "create logical volume")
        data, errors = ctx.data, Errors()
        size, used = _sizes(machine, group)
        free = size - used
        if not data.get("name"):
            errors["name"] = ["This field is required."]
        wanted = whole_number(data, "size", errors)
        if wanted is not None and wanted < MIN_BLOCK_DEVICE_SIZE:
            errors["size"] = [
                f"Ensure this value is greater than or equal to {MIN_BLOCK_DEVICE_SIZE}."
            ]
        elif wanted is not None and wanted > free:
            errors["size"] = [f"Ensure this value is less than or equal to {free}."]
        if free < MIN_BLOCK_DEVICE_SIZE:
            errors.pop("size", None)
            errors["__all__"] = [
                f"Volume group ({group.name}) cannot hold any more logical volumes, because it "
                "doesn't have enough free space."
            ]
        if errors:
            raise FieldErrors(errors)
        volume_size = free if wanted is None else wanted
        volume_size -= volume_size % PARTITION_ALIGNMENT
        volume = storage_table(ctx.store).add_virtual(
            machine,
            f"{group.name}-{data.get('name')}",
            volume_size,
            4096,
            uuid=data.get("uuid") or None,
        )
        group.volume_ids.append(volume.id)
        return device_response(machine, volume)

    @routes.route("POST", _pattern, op="delete_logical_volume")
    def delete_logical_volume(ctx: RequestContext) -> WireResponse:
        """``op=delete_logical_volume``: 204, even for an unknown volume id.

        MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/volume-group/{id}/?op=delete_logical_volume
        """
        machine, _, group = _ready_group(ctx, "delete logical volume")
        volume_id = require_param(ctx.data, "id")
        if volume_id.isdigit() and int(volume_id) in group.volume_ids:
            group.volume_ids.remove(int(volume_id))
            machine.block_devices = [d for d in machine.block_devices if d.id != int(volume_id)]
            machine.touch()
        return no_content()


def _rename(machine: Machine, group: Group, name: str | None) -> None:
    if not name or name == group.name:
        return
    for volume_id in group.volume_ids:
        volume = virtual_device(machine, volume_id)
        if volume is not None and volume.name.startswith(f"{group.name}-"):
            volume.name = f"{name}-{volume.name[len(group.name) + 1 :]}"
    group.name = name
