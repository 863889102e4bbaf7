"""Volume groups, RAIDs, bcaches, cache sets and VMFS datastores of the fake's machines.

MAAS models each of them as a *filesystem group*: the block devices and partitions it is made of
carry a filesystem of a special type (``lvm-pv``, ``raid``, ``raid-spare``, ``bcache-backing``,
``bcache-cache``, ``vmfs6``) and the group appears as virtual block devices (the logical volumes
of a volume group, ``md0``, ``bcache0``...). The fake does the same on the machine records of
:mod:`._machine_model`: members get a :class:`Filesystem` of that type and virtual devices are
:class:`BlockDevice` records of type ``virtual``, so the ``blockdevices/`` routes and the machine
answers show them. This module keeps which records belong to which group.

Other routes can remove those records behind this module's back (deleting ``md0`` through
``blockdevices/``, ``set_storage_layout``): :meth:`StorageTable.storage` prunes what no longer
holds before every use, like MAAS's cascading deletes, and adopts the ``vgroot`` volume group the
``lvm`` layout leaves behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_layout import new_uuid
from ._machine_model import BlockDevice, Filesystem, Machine, NodeStatus, Partition
from ._machine_render import (
    API_ROOT,
    PARTITION_TABLE_RESERVE,
    block_device_dict,
    partition_dict,
)
from ._machine_table import Perm, check_permission, machine_table
from ._responses import JSON_NO_CHARSET, Conflict, FakeAPIError, NotFound, no_content
from ._router import RequestContext
from ._store import Store

__all__ = [
    "LVM_PE_SIZE",
    "MIN_BLOCK_DEVICE_SIZE",
    "CacheSet",
    "Group",
    "Member",
    "NodeStorage",
    "StorageTable",
    "Target",
    "delete_group",
    "first_volume",
    "group_kinds",
    "human_bytes",
    "invalid_choice",
    "lookup",
    "lookup_ready",
    "model_error",
    "new_group",
    "ready_machine",
    "replace_members",
    "require_ready",
    "storage_machine",
    "storage_table",
    "sync_volume",
]

LVM_PE_SIZE = 4 * 1024 * 1024
RAID_SUPERBLOCK_OVERHEAD = 128 * 1024
MIN_BLOCK_DEVICE_SIZE = 4 * 1024 * 1024
PARTITION_ALIGNMENT = 4 * 1024 * 1024
RAID_LEVELS = ("raid-0", "raid-1", "raid-5", "raid-6", "raid-10")

Target = BlockDevice | Partition


@dataclass(slots=True, eq=False)
class Member:
    """A block device or partition a group is made of, through the filesystem it carries."""

    filesystem: Filesystem
    device_id: int
    partition_id: int | None = None


@dataclass(slots=True, eq=False)
class Group:
    """A volume group (``lvm-vg``), RAID (``raid-N``), ``bcache`` or ``vmfs6`` datastore."""

    id: int
    kind: str
    name: str
    uuid: str
    members: list[Member] = field(default_factory=list)
    volume_ids: list[int] = field(default_factory=list)
    """Logical volumes of a volume group; the one virtual device of the other kinds."""
    cache_set_id: int | None = None
    cache_mode: str | None = None


@dataclass(slots=True, eq=False)
class CacheSet:
    """A bcache cache set: one device or partition with a ``bcache-cache`` filesystem."""

    id: int
    member: Member


@dataclass
class NodeStorage:
    """The groups and cache sets of one machine."""

    groups: dict[int, Group] = field(default_factory=dict)
    cache_sets: dict[int, CacheSet] = field(default_factory=dict)


class StorageTable:
    """The storage groups of every machine of a region (touched with the store lock held)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.nodes: dict[str, NodeStorage] = {}

    def storage(self, machine: Machine) -> NodeStorage:
        """Return the machine's groups and cache sets, pruned of what no longer exists."""
        storage = self.nodes.setdefault(machine.system_id, NodeStorage())
        _prune(machine, storage)
        _adopt_layout_volume_group(self.store, machine, storage)
        return storage

    # -- records ---------------------------------------------------------------------------

    def claim(self, machine: Machine, target: Target, fstype: str) -> Member:
        """Put a group filesystem on a device or partition and return the membership."""
        target.filesystem = Filesystem(fstype, new_uuid(self.store))
        machine.touch()
        return member_of(machine, target)

    def release(self, machine: Machine, member: Member) -> None:
        """Take a member's group filesystem away (if it still has it)."""
        target = find_target(machine, member)
        if target is not None and target.filesystem is member.filesystem:
            target.filesystem = None
            machine.touch()

    def add_virtual(
        self, machine: Machine, name: str, size: int, block_size: int, *, uuid: str | None = None
    ) -> BlockDevice:
        """Add a virtual block device to the machine."""
        device = BlockDevice(
            id=self.store.next_id("blockdevice"),
            name=name,
            size=size,
            block_size=block_size,
            type="virtual",
            model=None,
            serial=None,
            id_path=None,
            uuid=uuid or new_uuid(self.store),
            numa_node=None,
        )
        machine.block_devices.append(device)
        machine.touch()
        return device

    def remove_group(self, machine: Machine, storage: NodeStorage, group: Group) -> None:
        """Delete a group: its virtual devices go, its members become free again."""
        for member in group.members:
            self.release(machine, member)
        machine.block_devices = [d for d in machine.block_devices if d.id not in group.volume_ids]
        storage.groups.pop(group.id, None)
        machine.touch()

    def partition_whole(self, machine: Machine, device: BlockDevice) -> Partition:
        """Give a device one partition filling it (what VMware does with a whole disk)."""
        used = sum(p.size for p in device.partitions)
        partition = Partition(
            self.store.next_id("partition"),
            new_uuid(self.store),
            max(0, device.size - PARTITION_TABLE_RESERVE - used),
        )
        device.partition_table_type = device.partition_table_type or "GPT"
        device.partitions.append(partition)
        machine.touch()
        return partition


def storage_table(store: Store) -> StorageTable:
    """Return the region's storage-group table (created on first use)."""
    return store.state("storage_groups", lambda: StorageTable(store))


# -- lookups ---------------------------------------------------------------------------------


def member_of(machine: Machine, target: Target) -> Member:
    """Return the membership record of a device or partition that carries a filesystem."""
    assert target.filesystem is not None
    if isinstance(target, Partition):
        device = next(d for d in machine.block_devices if target in d.partitions)
        return Member(target.filesystem, device.id, target.id)
    return Member(target.filesystem, target.id)


def find_target(machine: Machine, member: Member) -> Target | None:
    """Return the device or partition a member is, if it still exists."""
    device = next((d for d in machine.block_devices if d.id == member.device_id), None)
    if device is None or member.partition_id is None:
        return device
    return next((p for p in device.partitions if p.id == member.partition_id), None)


def holds(machine: Machine, member: Member) -> bool:
    """Whether a member still exists and still carries its group filesystem."""
    target = find_target(machine, member)
    return target is not None and target.filesystem is member.filesystem


def virtual_device(machine: Machine, device_id: int) -> BlockDevice | None:
    """Return a block device of the machine by id."""
    return next((d for d in machine.block_devices if d.id == device_id), None)


def first_volume(machine: Machine, group: Group) -> BlockDevice | None:
    """The virtual device of a RAID, bcache or datastore (None once it is gone)."""
    return virtual_device(machine, group.volume_ids[0]) if group.volume_ids else None


def sync_volume(machine: Machine, group: Group, size: int) -> BlockDevice | None:
    """Give a group's virtual device the group's name and ``size``; return the device."""
    device = first_volume(machine, group)
    if device is not None:
        device.name = group.name
        device.size = size
    machine.touch()
    return device


def member_size(machine: Machine, member: Member) -> int:
    """Size of a member in bytes."""
    target = find_target(machine, member)
    return target.size if target is not None else 0


def target_dict(machine: Machine, member: Member) -> dict[str, Any] | None:
    """Render a member as MAAS nests it: a block device or a partition object."""
    target = find_target(machine, member)
    if isinstance(target, Partition):
        device = virtual_device(machine, member.device_id)
        assert device is not None
        return partition_dict(machine, device, target)
    return block_device_dict(machine, target) if target is not None else None


def partition_name(device: BlockDevice, partition: Partition) -> str:
    """The name MAAS gives a partition (``sda-part1``)."""
    return f"{device.name}-part{device.partitions.index(partition) + 1}"


def human_bytes(value: float) -> str:
    """Print a size the way MAAS does (SI units, one decimal: ``8.0 GB``; ``0 bytes``)."""
    number = float(value)
    for unit in ("bytes", "kB", "MB", "GB", "TB", "PB", "EB", "ZB"):
        if abs(number) < 1000.0:
            return f"{number:.0f} {unit}" if unit == "bytes" else f"{number:.1f} {unit}"
        number /= 1000.0
    return f"{number:.1f} YB"


def uri(machine: Machine, segment: str, object_id: int) -> str:
    """The resource_uri of a storage object (``…/nodes/<id>/<segment>/<n>/``)."""
    return f"{API_ROOT}nodes/{machine.system_id}/{segment}/{object_id}/"


# -- request helpers -------------------------------------------------------------------------


def storage_machine(ctx: RequestContext, perm: Perm) -> tuple[Machine, NodeStorage]:
    """Return the machine of a collection route (404 ``No Machine matches…``) and its storage."""
    machine = machine_table(ctx.store).get(ctx.args["system_id"])
    if machine is None:
        raise NotFound("Machine")
    check_permission(ctx.require_user(), machine, perm)
    return machine, storage_table(ctx.store).storage(machine)


def lookup(
    ctx: RequestContext, perm: Perm, kinds: tuple[str, ...], model: str
) -> tuple[Machine, NodeStorage, Group]:
    """Return the group of an instance route, by id or name (404 ``No <model> matches…``)."""
    machine = machine_table(ctx.store).get(ctx.args["system_id"])
    if machine is None:
        raise NotFound(model)
    storage = storage_table(ctx.store).storage(machine)
    key = ctx.args["id"]
    group = next(
        (
            g
            for g in storage.groups.values()
            if g.kind in kinds and (str(g.id) == key or g.name == key)
        ),
        None,
    )
    if group is None:
        raise NotFound(model)
    check_permission(ctx.require_user(), machine, perm)
    return machine, storage, group


def group_kinds(
    ctx: RequestContext, kinds: tuple[str, ...]
) -> tuple[Machine, NodeStorage, list[Group]]:
    """Return the machine of a collection route, its storage and its groups of ``kinds``."""
    machine, storage = storage_machine(ctx, Perm.VIEW)
    return machine, storage, [g for g in storage.groups.values() if g.kind in kinds]


def ready_machine(ctx: RequestContext, not_ready: str) -> tuple[Machine, NodeStorage]:
    """:func:`storage_machine` for a change (admin), then 409 ``not_ready`` unless Ready."""
    machine, storage = storage_machine(ctx, Perm.ADMIN)
    require_ready(machine, not_ready)
    return machine, storage


def lookup_ready(
    ctx: RequestContext, kinds: tuple[str, ...], model: str, not_ready: str
) -> tuple[Machine, NodeStorage, Group]:
    """:func:`lookup` for a change (admin), then 409 ``not_ready`` unless the machine is Ready."""
    machine, storage, group = lookup(ctx, Perm.ADMIN, kinds, model)
    require_ready(machine, not_ready)
    return machine, storage, group


def delete_group(
    ctx: RequestContext, kinds: tuple[str, ...], model: str, not_ready: str
) -> WireResponse:
    """Delete the group of an instance route (admin, Ready only): its members become free; 204."""
    machine, storage, group = lookup_ready(ctx, kinds, model, not_ready)
    storage_table(ctx.store).remove_group(machine, storage, group)
    return no_content()


def new_group(ctx: RequestContext, kind: str, name: str) -> Group:
    """A new group with the next filesystem-group id and the form's ``uuid`` (or a new one)."""
    group_id = ctx.store.next_id("filesystemgroup")
    return Group(group_id, kind, name, ctx.data.get("uuid") or new_uuid(ctx.store))


def replace_members(
    store: Store,
    machine: Machine,
    group: Group,
    dropped: Sequence[Target],
    added: Sequence[tuple[Target, str]],
    problem: Callable[[Machine, Group], FakeAPIError | None] | None = None,
) -> None:
    """Drop and add members (``(target, fstype)``) all or nothing.

    ``problem`` judges the new membership: the error it returns is raised after the group is
    put back as it was.
    """
    table = storage_table(store)
    gone = {id(target) for target in dropped}
    kept = [m for m in group.members if id(find_target(machine, m)) not in gone]
    new = [table.claim(machine, target, fstype) for target, fstype in added]
    old, group.members = group.members, kept + new
    error = problem(machine, group) if problem is not None else None
    if error is not None:
        for member in new:
            table.release(machine, member)
        group.members = old
        raise error
    for member in old:
        if member not in kept:
            table.release(machine, member)


def require_ready(machine: Machine, message: str) -> None:
    """Raise MAAS's 409 unless the machine is Ready."""
    if machine.status != NodeStatus.READY:
        raise Conflict(message)


def invalid_choice(value: str) -> str:
    """Django's message for a choice that is not offered."""
    return f"Select a valid choice. {value} is not one of the available choices."


def model_error(message: str) -> FakeAPIError:
    """A model validation error as MAAS's middleware answers it (compact JSON, no charset)."""
    return FakeAPIError(400, json.dumps({"__all__": [message]}), content_type=JSON_NO_CHARSET)


# -- pruning ---------------------------------------------------------------------------------


def _prune(machine: Machine, storage: NodeStorage) -> None:
    for cache_set in list(storage.cache_sets.values()):
        if not holds(machine, cache_set.member):
            del storage.cache_sets[cache_set.id]
    existing = {d.id for d in machine.block_devices}
    for group in list(storage.groups.values()):
        group.members = [m for m in group.members if holds(machine, m)]
        group.volume_ids = [v for v in group.volume_ids if v in existing]
        broken = not group.members or (group.kind != "lvm-vg" and not group.volume_ids)
        if group.kind == "bcache" and group.cache_set_id not in storage.cache_sets:
            broken = True
        if broken:
            for member in group.members:
                target = find_target(machine, member)
                if target is not None:
                    target.filesystem = None
            machine.block_devices = [
                d for d in machine.block_devices if d.id not in group.volume_ids
            ]
            del storage.groups[group.id]
            machine.touch()


def _adopt_layout_volume_group(store: Store, machine: Machine, storage: NodeStorage) -> None:
    claimed = {id(m.filesystem) for g in storage.groups.values() for m in g.members}
    claimed |= {id(c.member.filesystem) for c in storage.cache_sets.values()}
    orphans: list[Member] = []
    for device in machine.block_devices:
        targets: list[Target] = [device, *device.partitions]
        for target in targets:
            fs = target.filesystem
            if fs is not None and fs.fstype == "lvm-pv" and id(fs) not in claimed:
                orphans.append(member_of(machine, target))
    if not orphans or any(g.name == "vgroot" for g in storage.groups.values()):
        return
    used = {v for g in storage.groups.values() for v in g.volume_ids}
    volumes = [
        d.id
        for d in machine.block_devices
        if d.type == "virtual" and d.name.startswith("vgroot-") and d.id not in used
    ]
    group = Group(store.next_id("filesystemgroup"), "lvm-vg", "vgroot", new_uuid(store))
    group.members, group.volume_ids = orphans, volumes
    storage.groups[group.id] = group
