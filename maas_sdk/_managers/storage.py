"""Managers for what lives under a node.

Covers interfaces, block devices, partitions, volume groups, RAID, bcache and VMFS. Each manager
takes the node's system_id as first argument of every method, and ``.of(system_id)`` returns a
view with it filled in (``client.interfaces.of("abc123").list()``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport
    from maas_sdk.resources.bcache_cache_sets import BcacheCacheSets
    from maas_sdk.resources.bcaches import Bcaches
    from maas_sdk.resources.block_device_manager import BlockDevices
    from maas_sdk.resources.interface_manager import Interfaces
    from maas_sdk.resources.partition_manager import Partitions
    from maas_sdk.resources.raids import Raids
    from maas_sdk.resources.vmfs_datastores import VMFSDatastores
    from maas_sdk.resources.volume_groups import VolumeGroups

__all__ = ["StorageManagers"]


class StorageManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport

    @cached_property
    def interfaces(self) -> Interfaces:
        """Network interfaces of nodes (physical, bond, bridge, VLAN) and their subnet links."""
        from maas_sdk.resources.interface_manager import Interfaces

        return Interfaces(self.transport)

    @cached_property
    def partitions(self) -> Partitions:
        """Partitions of the block devices of machines."""
        from maas_sdk.resources.partition_manager import Partitions

        return Partitions(self.transport)

    @cached_property
    def block_devices(self) -> BlockDevices:
        """Block devices (disks, RAIDs, bcaches, logical volumes) of machines."""
        from maas_sdk.resources.block_device_manager import BlockDevices

        return BlockDevices(self.transport, self.partitions)

    @cached_property
    def volume_groups(self) -> VolumeGroups:
        """LVM volume groups of machines and their logical volumes."""
        from maas_sdk.resources.volume_groups import VolumeGroups

        return VolumeGroups(self.transport, self.block_devices)

    @cached_property
    def raids(self) -> Raids:
        """Software RAIDs of machines."""
        from maas_sdk.resources.raids import Raids

        return Raids(self.transport)

    @cached_property
    def bcaches(self) -> Bcaches:
        """Bcache devices of machines."""
        from maas_sdk.resources.bcaches import Bcaches

        return Bcaches(self.transport)

    @cached_property
    def bcache_cache_sets(self) -> BcacheCacheSets:
        """Bcache cache sets of machines."""
        from maas_sdk.resources.bcache_cache_sets import BcacheCacheSets

        return BcacheCacheSets(self.transport)

    @cached_property
    def vmfs_datastores(self) -> VMFSDatastores:
        """VMware VMFS datastores of machines (vmfs6/vmfs7 storage layouts)."""
        from maas_sdk.resources.vmfs_datastores import VMFSDatastores

        return VMFSDatastores(self.transport)
