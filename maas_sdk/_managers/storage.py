"""Managers for what lives under a node.

Covers interfaces, block devices, partitions, volume groups, RAID, bcache and VMFS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport

__all__ = ["StorageManagers"]


class StorageManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
