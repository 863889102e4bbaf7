"""Block devices and partitions read on their own: :class:`NodeBlockDevice`, :class:`NodePartition`.

They are the :class:`~maas_sdk.resources.common.BlockDevice` and
:class:`~maas_sdk.resources.common.Partition` a machine nests in ``blockdevice_set``, read on their
own and bound to the :class:`~maas_sdk.resources.block_device_manager.BlockDevices` and
:class:`~maas_sdk.resources.partition_manager.Partitions` managers. A block device's nested
``partitions`` stay plain snapshots: :meth:`NodeBlockDevice.list_partitions` reads them bound.

MAAS API: ``nodes/{system_id}/blockdevices/{id}/``,
``nodes/{system_id}/blockdevices/{device_id}/partition/{id}`` (REFERENCE.md §14.1, §14.2).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar

from maas_sdk.resources._base import Resource, bound_manager
from maas_sdk.resources._node_scoped import node_of
from maas_sdk.resources.common import BlockDevice, Partition

if TYPE_CHECKING:
    from maas_sdk.resources.block_device_manager import BlockDevices
    from maas_sdk.resources.partition_manager import Partitions

__all__ = ["NodeBlockDevice", "NodePartition"]


class NodeBlockDevice(Resource, BlockDevice):
    """A block device of a machine (a disk, or a RAID/bcache/logical volume), with its actions.

    Compares equal to another :class:`NodeBlockDevice` with the same :attr:`id`. ``name``,
    ``model``, ``serial``, ``id_path``, ``size``, ``block_size``, ``numa_node`` and
    ``partition_table_type`` (physical disks) or ``name``, ``uuid``, ``size`` (logical volumes)
    and ``partition_table_type`` (virtual devices) can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "model",
            "serial",
            "id_path",
            "size",
            "block_size",
            "uuid",
            "numa_node",
            "partition_table_type",
        }
    )
    if TYPE_CHECKING:
        _manager: BlockDevices | None

    def __repr__(self) -> str:
        return f"<NodeBlockDevice {self.id} {self.name} {self.type.value} {self.size}>"

    __str__ = __repr__

    def _devices(self) -> BlockDevices:
        manager: BlockDevices | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def _node(self) -> str:
        return node_of(self)

    def refresh(self) -> NodeBlockDevice:
        """Re-read the device from the server (dropping unsaved changes) and return it."""
        return self._apply(self._devices().get(self._node(), self.id))

    def save(self) -> NodeBlockDevice:
        """Send the assigned fields (nothing if none changed) and return the device."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        return self._apply(self._devices().update(self._node(), self.id, **changes))

    def delete(self) -> None:
        """Delete the device; see :meth:`BlockDevices.delete`."""
        self._devices().delete(self._node(), self.id)

    def format(
        self, fstype: str, *, uuid: str | None = None, label: str | None = None
    ) -> NodeBlockDevice:
        """Put a filesystem on the whole device; see :meth:`BlockDevices.format`."""
        answer = self._devices().format(self._node(), self.id, fstype, uuid=uuid, label=label)
        return self._apply(answer)

    def unformat(self) -> NodeBlockDevice:
        """Remove the device's filesystem; see :meth:`BlockDevices.unformat`."""
        return self._apply(self._devices().unformat(self._node(), self.id))

    def mount(self, mount_point: str, *, mount_options: str | None = None) -> NodeBlockDevice:
        """Mount the device's filesystem; see :meth:`BlockDevices.mount`."""
        devices = self._devices()
        answer = devices.mount(self._node(), self.id, mount_point, mount_options=mount_options)
        return self._apply(answer)

    def unmount(self) -> NodeBlockDevice:
        """Unmount the device's filesystem; see :meth:`BlockDevices.unmount`."""
        return self._apply(self._devices().unmount(self._node(), self.id))

    def set_boot_disk(self) -> None:
        """Make this the machine's boot disk; see :meth:`BlockDevices.set_boot_disk`."""
        self._devices().set_boot_disk(self._node(), self.id)

    def add_tag(self, tag: str) -> NodeBlockDevice:
        """Add a tag; see :meth:`BlockDevices.add_tag`."""
        return self._apply(self._devices().add_tag(self._node(), self.id, tag))

    def remove_tag(self, tag: str) -> NodeBlockDevice:
        """Remove a tag; see :meth:`BlockDevices.remove_tag`."""
        return self._apply(self._devices().remove_tag(self._node(), self.id, tag))

    def list_partitions(self) -> builtins.list[NodePartition]:
        """Read the device's partitions, bound; see :meth:`Partitions.list`."""
        return self._devices().partitions.list(self._node(), self.id)

    def get_partition(self, partition: int) -> NodePartition:
        """Read one of the device's partitions; see :meth:`Partitions.get`."""
        return self._devices().partitions.get(self._node(), self.id, partition)

    def create_partition(
        self,
        size: int | str | None = None,
        *,
        uuid: str | None = None,
        bootable: bool | None = None,
    ) -> NodePartition:
        """Add a partition (``refresh()`` to see it in :attr:`partitions`).

        See :meth:`Partitions.create`.
        """
        partitions = self._devices().partitions
        return partitions.create(self._node(), self.id, size, uuid=uuid, bootable=bootable)


class NodePartition(Resource, Partition):
    """A partition of a block device, with its actions.

    Compares equal to another :class:`NodePartition` with the same :attr:`id`. Partitions have
    no updatable fields: format, mount, tag or delete them.
    """

    if TYPE_CHECKING:
        _manager: Partitions | None

    def __repr__(self) -> str:
        return f"<NodePartition {self.id} {self.path} {self.size}>"

    __str__ = __repr__

    def _partitions(self) -> Partitions:
        manager: Partitions | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def _where(self) -> tuple[str, int]:
        device_id = self.device_id
        if device_id is None:
            device_id = int(self.resource_uri.split("/blockdevices/", 1)[1].split("/", 1)[0])
        return node_of(self), device_id

    def refresh(self) -> NodePartition:
        """Re-read the partition from the server and return it."""
        return self._apply(self._partitions().get(*self._where(), self.id))

    def delete(self) -> None:
        """Delete the partition; see :meth:`Partitions.delete`."""
        self._partitions().delete(*self._where(), self.id)

    def format(
        self, fstype: str, *, uuid: str | None = None, label: str | None = None
    ) -> NodePartition:
        """Put a filesystem on the partition; see :meth:`Partitions.format`."""
        partitions = self._partitions()
        return self._apply(
            partitions.format(*self._where(), self.id, fstype, uuid=uuid, label=label)
        )

    def unformat(self) -> NodePartition:
        """Remove the partition's filesystem; see :meth:`Partitions.unformat`."""
        return self._apply(self._partitions().unformat(*self._where(), self.id))

    def mount(self, mount_point: str, *, mount_options: str | None = None) -> NodePartition:
        """Mount the partition's filesystem; see :meth:`Partitions.mount`."""
        partitions = self._partitions()
        return self._apply(
            partitions.mount(*self._where(), self.id, mount_point, mount_options=mount_options)
        )

    def unmount(self) -> NodePartition:
        """Unmount the partition's filesystem; see :meth:`Partitions.unmount`."""
        return self._apply(self._partitions().unmount(*self._where(), self.id))

    def add_tag(self, tag: str) -> NodePartition:
        """Add a tag; see :meth:`Partitions.add_tag`."""
        return self._apply(self._partitions().add_tag(*self._where(), self.id, tag))

    def remove_tag(self, tag: str) -> NodePartition:
        """Remove a tag; see :meth:`Partitions.remove_tag`."""
        return self._apply(self._partitions().remove_tag(*self._where(), self.id, tag))
