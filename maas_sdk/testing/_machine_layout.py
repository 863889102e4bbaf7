"""Storage layouts and hardware discovery of fake machines (``set_storage_layout``, commissioning).

A layout is applied to the boot disk the way MAAS's default layouts look from the API: ``flat``
gives one ext4 partition mounted at ``/`` (after a FAT32 ``/boot/efi`` partition on UEFI
machines), ``lvm`` gives an ``lvm-pv`` partition and a virtual ``lvroot`` device holding ``/``,
``blank`` removes everything. ``bcache``, ``vmfs6``, ``vmfs7`` and ``custom`` are rendered like
``flat`` (the fake keeps no cache sets or datastores).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable

from ._machine_model import BlockDevice, Filesystem, Machine, Partition
from ._machine_render import PARTITION_TABLE_RESERVE
from ._store import Store

__all__ = [
    "LAYOUTS",
    "apply_layout",
    "clear_storage",
    "discover_hardware",
    "new_uuid",
    "partition_boot_disk",
    "random_uuid",
]

LAYOUTS = ("flat", "lvm", "bcache", "vmfs6", "vmfs7", "custom", "blank")
EFI_SIZE = 512 * 1024 * 1024
MIB = 1024 * 1024


def random_uuid(rng: random.Random) -> str:
    """Return a UUID4 string drawn from ``rng``."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def new_uuid(store: Store) -> str:
    """Return a random (seeded) UUID4 string."""
    return random_uuid(store.random)


def clear_storage(machine: Machine) -> None:
    """Remove every partition, filesystem and virtual device of the machine."""
    machine.block_devices = [d for d in machine.block_devices if d.type == "physical"]
    for device in machine.block_devices:
        device.partitions = []
        device.filesystem = None
        device.partition_table_type = None
    machine.touch()


def apply_layout(store: Store, machine: Machine, layout: str) -> str | None:
    """Replace the machine's storage configuration with ``layout`` on its boot disk.

    Returns:
        None on success, else the reason MAAS gives after ``Failed to configure storage
        layout '<layout>': ``.
    """
    disk = machine.boot_disk()
    if layout != "blank" and disk is None:
        return "Node doesn't have an available boot disk."
    clear_storage(machine)
    if layout == "blank" or disk is None:
        return None
    partition_boot_disk(store, machine, disk, layout, lambda: new_uuid(store))
    machine.storage_layout = layout
    machine.touch()
    return None


def partition_boot_disk(
    store: Store, machine: Machine, disk: BlockDevice, layout: str, make_uuid: Callable[[], str]
) -> None:
    """Partition an empty boot disk for ``layout`` (``flat`` unless ``lvm``).

    GPT, a FAT32 ``/boot/efi`` partition on UEFI machines, then an ext4 ``/`` partition (for
    ``lvm``: an ``lvm-pv`` partition and a ``vgroot-lvroot`` virtual device holding ``/``).
    ``make_uuid`` gives every UUID, in order.
    """
    disk.partition_table_type = "GPT"
    free = disk.size - PARTITION_TABLE_RESERVE
    if machine.bios_boot_method == "uefi":
        efi = Partition(
            store.next_id("partition"),
            make_uuid(),
            EFI_SIZE,
            bootable=True,
            filesystem=Filesystem("fat32", make_uuid(), "efi", "/boot/efi"),
        )
        disk.partitions.append(efi)
        free -= EFI_SIZE
    free -= free % (4 * MIB)
    if layout == "lvm":
        pv = Partition(
            store.next_id("partition"),
            make_uuid(),
            free,
            filesystem=Filesystem("lvm-pv", make_uuid()),
        )
        disk.partitions.append(pv)
        machine.block_devices.append(
            BlockDevice(
                id=store.next_id("blockdevice"),
                name="vgroot-lvroot",
                size=free - 4 * MIB,
                block_size=4096,
                type="virtual",
                uuid=make_uuid(),
                id_path=None,
                filesystem=Filesystem("ext4", make_uuid(), "root", "/"),
                numa_node=None,
            )
        )
    else:
        root = Partition(
            store.next_id("partition"),
            make_uuid(),
            free,
            filesystem=Filesystem("ext4", make_uuid(), "root", "/"),
        )
        disk.partitions.append(root)


_SIZES = ((2, 4096), (4, 8192), (8, 16384), (16, 32768))


def discover_hardware(store: Store, machine: Machine) -> None:
    """Fill in what commissioning discovers on a machine that has no hardware data yet.

    CPU, memory, hardware info and (when it has none) one 500 GB disk, derived from the
    system_id so that the same machine always "has" the same hardware.
    """
    digest = sum(ord(c) * (i + 1) for i, c in enumerate(machine.system_id))
    if machine.cpu_count == 0:
        machine.cpu_count = _SIZES[digest % len(_SIZES)][0]
    if machine.memory == 0:
        machine.memory = _SIZES[digest % len(_SIZES)][1]
    if machine.cpu_speed == 0:
        machine.cpu_speed = 2000 + 100 * (digest % 15)
    if machine.hardware_uuid is None:
        machine.hardware_uuid = new_uuid(store)
    if machine.bios_boot_method is None:
        machine.bios_boot_method = "uefi" if digest % 2 else "pxe"
    if not machine.hardware_info:
        machine.hardware_info = {
            "system_vendor": "QEMU",
            "system_product": "Standard PC (Q35 + ICH9, 2009)",
            "system_version": "pc-q35-6.2",
            "cpu_model": "Intel Core Processor (Skylake, IBRS)",
            "mainboard_vendor": "Canonical Ltd.",
            "mainboard_product": "LXD",
            "mainboard_firmware_vendor": "EFI Development Kit II / OVMF",
            "mainboard_firmware_version": "0.0.0",
            "mainboard_firmware_date": "02/06/2015",
            "chassis_vendor": "QEMU",
            "chassis_type": "Other",
        }
    if not any(d.type == "physical" for d in machine.block_devices):
        machine.block_devices.append(
            BlockDevice(
                id=store.next_id("blockdevice"),
                name="sda",
                size=500_107_862_016,
                block_size=512,
                model="QEMU HARDDISK",
                serial=f"lxd_root_{machine.system_id}",
                id_path=None,
                tags=["ssd"],
                firmware_version="2.5+",
            )
        )
    machine.touch()
