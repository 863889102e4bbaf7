"""``nodes/{system_id}/blockdevices/`` and their partitions (REFERENCE.md §14.1-§14.2, §22.10).

Reads follow the machine's view permission. Format/mount ops work on Ready (admin) or Allocated
machines; create/delete/tag/boot-disk changes need an admin and a Ready machine, with MAAS's
literal 409 texts otherwise.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import apply_tag_op
from ._machine_interfaces import node_machine
from ._machine_json import pretty
from ._machine_layout import new_uuid
from ._machine_model import BlockDevice, Filesystem, Machine, NodeStatus, Partition
from ._machine_render import PARTITION_TABLE_RESERVE, block_device_dict, partition_dict
from ._machine_table import Perm
from ._responses import (
    TEXT_NO_CHARSET,
    BadRequest,
    Conflict,
    FieldErrors,
    Forbidden,
    NotFound,
    bytes_response,
    no_content,
    rendered_list_response,
    text_response,
)
from ._router import RequestContext, routes

__all__ = ["device_response"]

S = NodeStatus
_DEVICES = "nodes/{system_id}/blockdevices/"
_DEVICE = "nodes/{system_id}/blockdevices/{id}/"
_PARTITIONS = "nodes/{system_id}/blockdevices/{device_id}/partitions/"
_PARTITION_PATTERNS = (
    "nodes/{system_id}/blockdevices/{device_id}/partition/{id}",
    "nodes/{system_id}/blockdevices/{device_id}/partitions/{id}",
)
_FSTYPES = (
    "ext2", "ext4", "xfs", "fat32", "vfat", "lvm-pv", "raid", "raid-spare", "bcache-cache",
    "bcache-backing", "swap", "ramfs", "tmpfs", "btrfs", "zfsroot",
)  # fmt: skip


def _json(value: object) -> WireResponse:
    return bytes_response(pretty(value).encode("utf-8"))


def device_response(machine: Machine, device: BlockDevice) -> WireResponse:
    """Return ``200`` with the rendered block device."""
    return _json(block_device_dict(machine, device))


def _device(ctx: RequestContext, perm: Perm, key: str = "id") -> tuple[Machine, BlockDevice]:
    _, machine = node_machine(ctx, perm)
    device = machine.block_device(ctx.args[key])
    if device is None:
        raise NotFound("BlockDevice")
    return machine, device


def _ready(machine: Machine, message: str) -> None:
    if machine.status != S.READY:
        raise Conflict(message)


def _ready_or_allocated(ctx: RequestContext, machine: Machine, what: str, verb: str) -> None:
    if machine.status not in (S.READY, S.ALLOCATED):
        raise Conflict(f"Cannot {verb} {what} because the machine is not Ready or Allocated.")
    if machine.status == S.READY and not ctx.is_admin:
        raise Forbidden(
            f"Cannot {verb} {what} because you don't have the permissions on a Ready machine."
        )


@routes.route("GET", _DEVICES)
def list_block_devices(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/blockdevices/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/blockdevices/
    """
    _, machine = node_machine(ctx, Perm.VIEW)
    items = [pretty(block_device_dict(machine, d)).encode() for d in machine.block_devices]
    return rendered_list_response(items)


@routes.route("POST", _DEVICES)
def create_block_device(ctx: RequestContext) -> WireResponse:
    """``POST nodes/{system_id}/blockdevices/``: add a physical disk (admin, any status).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/
    """
    _, machine = node_machine(ctx, Perm.ADMIN)
    data = ctx.data
    errors: dict[str, list[str]] = {}
    for name in ("name", "size", "block_size"):
        if not data.get(name):
            errors[name] = ["This field is required."]
    for name in ("size", "block_size"):
        value = data.get(name)
        if value and not value.isdigit():
            errors[name] = ["Enter a whole number."]
    if not data.get("id_path") and not (data.get("serial") and data.get("model")):
        errors["__all__"] = ["serial/model are required if id_path is not provided."]
    if errors:
        raise FieldErrors(errors)
    device = BlockDevice(
        id=ctx.store.next_id("blockdevice"),
        name=data.get("name") or "",
        size=int(data.get("size") or 0),
        block_size=int(data.get("block_size") or 512),
        model=data.get("model") or "",
        serial=data.get("serial") or "",
        id_path=data.get("id_path") or "",
    )
    machine.block_devices.append(device)
    machine.touch()
    return device_response(machine, device)


@routes.route("GET", _DEVICE)
def read_block_device(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/blockdevices/{id}/`` (id or name).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/
    """
    machine, device = _device(ctx, Perm.VIEW)
    return device_response(machine, device)


@routes.route("PUT", _DEVICE)
def update_block_device(ctx: RequestContext) -> WireResponse:
    """``PUT …/blockdevices/{id}/`` (admin; Ready, or Deployed for names of physical disks).

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/
    """
    machine, device = _device(ctx, Perm.ADMIN)
    deployed_rename = machine.status == S.DEPLOYED and device.type == "physical"
    if machine.status != S.READY and not deployed_rename:
        raise Conflict("Cannot update block device because the machine is not Ready.")
    names = ("name", "model", "serial", "id_path")
    numbers = () if deployed_rename else ("size", "block_size")
    for name in names + numbers:
        value = ctx.data.get(name)
        if value is None:
            continue
        if name in numbers:
            if not value.isdigit():
                raise FieldErrors({name: "Enter a whole number."})
            setattr(device, name, int(value))
        else:
            setattr(device, name, value)
    machine.touch()
    return device_response(machine, device)


@routes.route("DELETE", _DEVICE)
def delete_block_device(ctx: RequestContext) -> WireResponse:
    """``DELETE …/blockdevices/{id}/`` (admin, Ready only): 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/
    """
    machine, device = _device(ctx, Perm.ADMIN)
    _ready(machine, "Cannot delete block device because the machine is not Ready.")
    machine.block_devices.remove(device)
    machine.touch()
    return no_content()


def _format(ctx: RequestContext, target: BlockDevice | Partition) -> None:
    fstype = ctx.data.get("fstype")
    if not fstype:
        raise FieldErrors({"fstype": "This field is required."})
    if fstype not in _FSTYPES:
        raise FieldErrors(
            {"fstype": f"Select a valid choice. {fstype} is not one of the available choices."}
        )
    target.filesystem = Filesystem(
        fstype, ctx.data.get("uuid") or new_uuid(ctx.store), ctx.data.get("label") or None
    )


def _filesystem_op(ctx: RequestContext, target: BlockDevice | Partition, op: str) -> None:
    if op == "format":
        if isinstance(target, BlockDevice) and target.partitions:
            raise BadRequest("Cannot format a block device that has partitions.")
        _format(ctx, target)
        return
    fs = target.filesystem
    if fs is None:
        raise BadRequest(f"Cannot {op} a device that is not formatted.")
    if op == "unformat":
        if fs.mount_point:
            raise BadRequest(
                "Filesystem is mounted and cannot be unformatted. Unmount the filesystem "
                "before unformatting the block device."
            )
        target.filesystem = None
    elif op == "mount":
        mount_point = ctx.data.get("mount_point")
        if not mount_point:
            raise FieldErrors({"mount_point": "This field is required."})
        fs.mount_point = mount_point
        fs.mount_options = ctx.data.get("mount_options") or None
    else:
        if not fs.mount_point:
            raise BadRequest("Filesystem is already unmounted.")
        fs.mount_point = None
        fs.mount_options = None


@routes.route("POST", _DEVICE, op="format")
@routes.route("POST", _DEVICE, op="unformat")
@routes.route("POST", _DEVICE, op="mount")
@routes.route("POST", _DEVICE, op="unmount")
def block_device_filesystem(ctx: RequestContext) -> WireResponse:
    """``op=format|unformat|mount|unmount`` on a block device (Ready as admin, or Allocated).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=format
        POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=unformat
        POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=mount
        POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=unmount
    """
    machine, device = _device(ctx, Perm.EDIT)
    op = ctx.op or ""
    _ready_or_allocated(ctx, machine, "block device", op)
    _filesystem_op(ctx, device, op)
    machine.touch()
    return device_response(machine, device)


@routes.route("POST", _DEVICE, op="set_boot_disk")
def set_boot_disk(ctx: RequestContext) -> WireResponse:
    """``op=set_boot_disk``: answers the text ``OK`` (admin, Ready only).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=set_boot_disk
    """
    machine, device = _device(ctx, Perm.ADMIN)
    _ready(machine, "Cannot set as boot disk because the machine is not Ready.")
    if device.type != "physical":
        raise BadRequest("Cannot set a virtual block device as the boot disk.")
    machine.boot_disk_id = device.id
    machine.touch()
    return text_response("OK", content_type=TEXT_NO_CHARSET)


@routes.route("POST", _DEVICE, op="add_tag")
@routes.route("POST", _DEVICE, op="remove_tag")
def block_device_tag(ctx: RequestContext) -> WireResponse:
    """``op=add_tag`` / ``op=remove_tag`` on a block device (admin, Ready only).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=add_tag
        POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{id}/?op=remove_tag
    """
    machine, device = _device(ctx, Perm.ADMIN)
    _ready(machine, "Cannot update block device because the machine is not Ready.")
    apply_tag_op(ctx.data, ctx.op, device.tags)
    machine.touch()
    return device_response(machine, device)


@routes.route("GET", _PARTITIONS)
def list_partitions(ctx: RequestContext) -> WireResponse:
    """``GET …/blockdevices/{device_id}/partitions/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partitions/
    """
    machine, device = _device(ctx, Perm.VIEW, "device_id")
    items = [pretty(partition_dict(machine, device, p)).encode() for p in device.partitions]
    return rendered_list_response(items)


@routes.route("POST", _PARTITIONS)
def create_partition(ctx: RequestContext) -> WireResponse:
    """``POST …/partitions/``: add a partition (admin, Ready only; default: all free space).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partitions/
    """
    machine, device = _device(ctx, Perm.ADMIN, "device_id")
    _ready(machine, "Cannot create partition because the node is not Ready.")
    free = device.size - PARTITION_TABLE_RESERVE - sum(p.size for p in device.partitions)
    value = ctx.data.get("size")
    if value is not None and not value.isdigit():
        raise FieldErrors({"size": "Enter a whole number."})
    size = int(value) if value else free
    if device.filesystem is not None or size <= 0 or size > free:
        raise FieldErrors({"size": f"Partition cannot be larger than {max(free, 0)} bytes."})
    partition = Partition(
        ctx.store.next_id("partition"),
        ctx.data.get("uuid") or new_uuid(ctx.store),
        size,
        bootable=(ctx.data.get("bootable") or "").lower() in ("true", "1", "on", "yes"),
    )
    device.partition_table_type = device.partition_table_type or "GPT"
    device.partitions.append(partition)
    machine.touch()
    return _json(partition_dict(machine, device, partition))


def _partition(ctx: RequestContext, perm: Perm) -> tuple[Machine, BlockDevice, Partition]:
    machine, device = _device(ctx, perm, "device_id")
    partition = next((p for p in device.partitions if str(p.id) == ctx.args["id"]), None)
    if partition is None:
        raise NotFound("Partition")
    return machine, device, partition


for _pattern in _PARTITION_PATTERNS:

    @routes.route("GET", _pattern)
    def read_partition(ctx: RequestContext) -> WireResponse:
        """``GET …/partition/{id}`` (no trailing slash).

        MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partition/{id}
        """
        machine, device, partition = _partition(ctx, Perm.VIEW)
        return _json(partition_dict(machine, device, partition))

    @routes.route("DELETE", _pattern)
    def delete_partition(ctx: RequestContext) -> WireResponse:
        """``DELETE …/partition/{id}`` (admin, Ready only): 204.

        MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partition/{id}
        """
        machine, device, partition = _partition(ctx, Perm.ADMIN)
        _ready(machine, "Cannot delete partition because the node is not Ready.")
        device.partitions.remove(partition)
        if not device.partitions:
            device.partition_table_type = None
        machine.touch()
        return no_content()

    @routes.route("POST", _pattern, op="format")
    @routes.route("POST", _pattern, op="unformat")
    @routes.route("POST", _pattern, op="mount")
    @routes.route("POST", _pattern, op="unmount")
    def partition_filesystem(ctx: RequestContext) -> WireResponse:
        """``op=format|unformat|mount|unmount`` on a partition.

        MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partition/{id}
            with ``op=format``, ``unformat``, ``mount`` or ``unmount``
        """
        machine, device, partition = _partition(ctx, Perm.EDIT)
        op = ctx.op or ""
        _ready_or_allocated(ctx, machine, "partition", op)
        _filesystem_op(ctx, partition, op)
        machine.touch()
        return _json(partition_dict(machine, device, partition))

    @routes.route("POST", _pattern, op="add_tag")
    @routes.route("POST", _pattern, op="remove_tag")
    def partition_tag(ctx: RequestContext) -> WireResponse:
        """``op=add_tag`` / ``op=remove_tag`` on a partition (admin, Ready only).

        MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/blockdevices/{device_id}/partition/{id}
            with ``op=add_tag`` or ``op=remove_tag``
        """
        machine, device, partition = _partition(ctx, Perm.ADMIN)
        _ready(machine, "Cannot update partition because the node is not Ready.")
        tag = ctx.data.get("tag")
        if not tag:
            raise FieldErrors({"tag": "This field is required."})
        if ctx.op == "add_tag" and tag not in partition.tags:
            partition.tags.append(tag)
        elif ctx.op == "remove_tag" and tag in partition.tags:
            partition.tags.remove(tag)
        machine.touch()
        return _json(partition_dict(machine, device, partition))
