"""Helpers for the tests of what lives under a node: machines in a given state, extra disks."""

from __future__ import annotations

from maas_sdk.client import MAASClient
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine

GB = 10**9
"""Disk sizes are round SI numbers, like the ones MAAS users type."""


def machines_of(client: MAASClient) -> Machines:
    """The machine manager of a client (until the client exposes it itself)."""
    return Machines(client.transport, clock=client.clock)


def new_machine(
    client: MAASClient, hostname: str = "node-1", mac: str = "52:54:00:00:00:01"
) -> Machine:
    """Enlist a machine without commissioning it (it stays New)."""
    return machines_of(client).create(
        architecture="amd64/generic",
        mac_addresses=[mac],
        hostname=hostname,
        power_type="manual",
        commission=False,
    )


def ready_machine(
    client: MAASClient, hostname: str = "node-1", mac: str = "52:54:00:00:00:01"
) -> Machine:
    """Enlist and commission a machine: Ready, with ``sda`` under MAAS's default layout."""
    return new_machine(client, hostname, mac).commission(wait=True)


def add_disks(
    client: MAASClient, system_id: str, names: str = "bcdef", size: int = 10 * GB
) -> list[NodeBlockDevice]:
    """Add one physical disk ``sd<letter>`` per letter of ``names``."""
    devices = client.block_devices.of(system_id)
    return [
        devices.create(f"sd{letter}", size, 512, model="QEMU HARDDISK", serial=f"disk-{letter}")
        for letter in names
    ]
