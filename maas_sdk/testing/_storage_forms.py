"""Form fields of the storage-group routes: device and partition choices, sizes.

MAAS's forms offer, for each device or partition field, the machine's *free* block devices (no
filesystem, no partitions) or *free* partitions (no filesystem), by id or by name; anything else
is ``Select a valid choice. <value> is not one of the available choices.``
"""

from __future__ import annotations

from collections.abc import Sequence

from ._forms import FormData
from ._machine_model import BlockDevice, Machine, Partition
from ._storage_groups import Group, Member, find_target, invalid_choice, partition_name

__all__ = [
    "Errors",
    "free_devices",
    "free_partitions",
    "group_devices",
    "group_partitions",
    "named_group_form",
    "pick_devices",
    "pick_partitions",
    "same_member",
    "whole_number",
]

Errors = dict[str, list[str]]


def free_devices(machine: Machine) -> list[BlockDevice]:
    """Block devices with neither a filesystem nor partitions."""
    return [d for d in machine.block_devices if d.filesystem is None and not d.partitions]


def free_partitions(machine: Machine) -> list[tuple[BlockDevice, Partition]]:
    """Partitions without a filesystem, with their device."""
    return [(d, p) for d in machine.block_devices for p in d.partitions if p.filesystem is None]


def group_devices(machine: Machine, group: Group, fstypes: Sequence[str]) -> list[BlockDevice]:
    """The whole block devices of a group whose filesystem type is one of ``fstypes``."""
    found = []
    for member in group.members:
        target = find_target(machine, member)
        if isinstance(target, BlockDevice) and member.filesystem.fstype in fstypes:
            found.append(target)
    return found


def group_partitions(
    machine: Machine, group: Group, fstypes: Sequence[str]
) -> list[tuple[BlockDevice, Partition]]:
    """The partitions of a group whose filesystem type is one of ``fstypes``."""
    found = []
    for member in group.members:
        target = find_target(machine, member)
        if isinstance(target, Partition) and member.filesystem.fstype in fstypes:
            device = next(d for d in machine.block_devices if d.id == member.device_id)
            found.append((device, target))
    return found


def pick_devices(
    data: FormData, name: str, choices: Sequence[BlockDevice], errors: Errors
) -> list[BlockDevice]:
    """Resolve the repeated ``name`` field against ``choices`` (by id or name)."""
    picked: list[BlockDevice] = []
    for value in data.getlist(name):
        device = next((d for d in choices if value in (str(d.id), d.name)), None)
        if device is None:
            errors.setdefault(name, []).append(invalid_choice(value))
            return []
        if device not in picked:
            picked.append(device)
    return picked


def pick_partitions(
    data: FormData,
    name: str,
    choices: Sequence[tuple[BlockDevice, Partition]],
    errors: Errors,
) -> list[Partition]:
    """Resolve the repeated ``name`` field against partition ``choices`` (by id or name)."""
    picked: list[Partition] = []
    for value in data.getlist(name):
        partition = next(
            (p for d, p in choices if value in (str(p.id), partition_name(d, p))), None
        )
        if partition is None:
            errors.setdefault(name, []).append(invalid_choice(value))
            return []
        if partition not in picked:
            picked.append(partition)
    return picked


def named_group_form(
    machine: Machine, data: FormData, errors: Errors
) -> tuple[str, list[BlockDevice], list[Partition]]:
    """Read the create form of a volume group or datastore: ``name`` and its free members.

    Returns:
        The name and the picked ``block_devices`` and ``partitions`` (``errors`` says what
        was wrong, ``__all__`` when no member was given).
    """
    name = data.get("name") or ""
    if not name:
        errors["name"] = ["This field is required."]
    devices = pick_devices(data, "block_devices", free_devices(machine), errors)
    partitions = pick_partitions(data, "partitions", free_partitions(machine), errors)
    if name and not devices and not partitions and not errors:
        errors["__all__"] = ["At least one valid block device or partition is required."]
    return name, devices, partitions


def whole_number(data: FormData, name: str, errors: Errors) -> int | None:
    """Read an optional integer field (``Enter a whole number.`` otherwise)."""
    value = data.get(name)
    if value is None or value == "":
        return None
    if not value.isdigit():
        errors[name] = ["Enter a whole number."]
        return None
    return int(value)


def same_member(member: Member, device: BlockDevice, partition: Partition | None) -> bool:
    """Whether a membership record is this device or partition."""
    if partition is not None:
        return member.partition_id == partition.id
    return member.partition_id is None and member.device_id == device.id
