"""The :class:`Partitions` manager (``client.partitions``) and its per-device view.

Every method takes the machine's ``system_id`` and the block device (id or name) first;
``client.partitions.of(system_id, device)`` returns a :class:`PartitionsOfDevice` with both filled
in. Partitions are addressed by id on ``…/blockdevices/{device_id}/partition/{id}`` (singular, no
trailing slash: the form MAAS itself reports; ``partitions/{id}`` is accepted too). Creating,
deleting and tagging need an administrator and a Ready machine; formatting and mounting work on
a Ready (administrators) or Allocated machine.

MAAS API: ``nodes/{system_id}/blockdevices/{device_id}/partitions/``,
``nodes/{system_id}/blockdevices/{device_id}/partition/{id}`` (REFERENCE.md §14.2).
"""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import TransportLike, bind_all, decode, form
from maas_sdk.resources._node_scoped import (
    DeviceRef,
    HasId,
    bind_device,
    nodes_path,
    reference,
)
from maas_sdk.resources.block_devices import NodePartition

__all__ = ["Partitions", "PartitionsOfDevice"]

_PARTITION = TypeAdapter(NodePartition)
_PARTITIONS = TypeAdapter(list[NodePartition])
_COLLECTION = "nodes/{system_id}/blockdevices/{device_id}/partitions/"
_INSTANCE = "nodes/{system_id}/blockdevices/{device_id}/partitions/{id}"

PartitionId = int | HasId
"""A partition given by id or as an object."""


class Partitions:
    """Manager of the partitions of block devices, reached as ``client.partitions``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Partitions manager>"

    def of(self, system_id: str, device: DeviceRef) -> PartitionsOfDevice:
        """Return the partitions of one block device: this manager with node and device set."""
        return PartitionsOfDevice(self, system_id, device)

    def _one(self, answer: Any) -> NodePartition:
        return decode(answer, _PARTITION)._bind(self)

    def _op(
        self, system_id: str, device: DeviceRef, partition: PartitionId, op: str, **values: Any
    ) -> NodePartition:
        path = _instance(system_id, device, partition)
        return self._one(self._transport.post(path, op=op, data=form(values)))

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str, device: DeviceRef) -> builtins.list[NodePartition]:
        """List the partitions of a block device.

        MAAS API: ``GET nodes/{system_id}/blockdevices/{device_id}/partitions/``.

        Raises:
            NotFoundError: No such machine or device.
        """
        partitions = decode(self._transport.get(_collection(system_id, device)), _PARTITIONS)
        bind_all(partitions, self)
        return partitions

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, device: DeviceRef, partition: PartitionId) -> NodePartition:
        """Read one partition.

        MAAS API: ``GET nodes/{system_id}/blockdevices/{device_id}/partition/{id}``.

        Raises:
            NotFoundError: No such machine, device or partition (``No Partition matches the
                given query.``).
        """
        return self._one(self._transport.get(_instance(system_id, device, partition)))

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        device: DeviceRef,
        size: int | str | None = None,
        *,
        uuid: str | None = None,
        bootable: bool | None = None,
    ) -> NodePartition:
        """Add a partition to a block device (admin; Ready machine).

        The device gets a partition table (GPT) if it has none.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partitions/``.

        Args:
            system_id: The machine.
            device: The block device (id, name or object).
            size: Size in bytes (``"10G"`` style suffixes accepted); default: all free space.
            uuid: The partition's UUID (default: a new one).
            bootable: Mark the partition bootable.

        Raises:
            BadRequestError: Not enough free space, or the device holds a filesystem.
            ConflictError: The machine is not Ready (``Cannot create partition because the
                node is not Ready.``).
        """
        data = form({"size": size, "uuid": uuid, "bootable": bootable})
        return self._one(self._transport.post(_collection(system_id, device), data=data))

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, device: DeviceRef, partition: PartitionId) -> None:
        """Delete a partition (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/blockdevices/{device_id}/partition/{id}``.
        """
        self._transport.delete(_instance(system_id, device, partition))

    @api_operation("POST", _INSTANCE, op="format")
    def format(
        self,
        system_id: str,
        device: DeviceRef,
        partition: PartitionId,
        fstype: str,
        *,
        uuid: str | None = None,
        label: str | None = None,
    ) -> NodePartition:
        """Put a filesystem on a partition.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=format``.

        Args:
            system_id: The machine.
            device: The block device (id, name or object).
            partition: The partition (id or object).
            fstype: ``ext4``, ``xfs``, ``btrfs``, ``swap``, ``fat32``, ``vfat``, ...
            uuid: The filesystem's UUID (default: a new one).
            label: The filesystem's label.

        Raises:
            ConflictError: The machine is not Ready or Allocated.
            PermissionDeniedError: A non-administrator on a Ready machine.
        """
        return self._op(
            system_id, device, partition, "format", fstype=fstype, uuid=uuid, label=label
        )

    @api_operation("POST", _INSTANCE, op="unformat")
    def unformat(self, system_id: str, device: DeviceRef, partition: PartitionId) -> NodePartition:
        """Remove the filesystem of a partition (it must be unmounted).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=unformat``.
        """
        return self._op(system_id, device, partition, "unformat")

    @api_operation("POST", _INSTANCE, op="mount")
    def mount(
        self,
        system_id: str,
        device: DeviceRef,
        partition: PartitionId,
        mount_point: str,
        *,
        mount_options: str | None = None,
    ) -> NodePartition:
        """Mount the filesystem of a partition.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=mount``.

        Args:
            system_id: The machine.
            device: The block device (id, name or object).
            partition: The partition (id or object).
            mount_point: An absolute path (``none`` for swap).
            mount_options: Options for fstab.
        """
        return self._op(
            system_id,
            device,
            partition,
            "mount",
            mount_point=mount_point,
            mount_options=mount_options,
        )

    @api_operation("POST", _INSTANCE, op="unmount")
    def unmount(self, system_id: str, device: DeviceRef, partition: PartitionId) -> NodePartition:
        """Unmount the filesystem of a partition.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=unmount``.
        """
        return self._op(system_id, device, partition, "unmount")

    @api_operation("POST", _INSTANCE, op="add_tag")
    def add_tag(
        self, system_id: str, device: DeviceRef, partition: PartitionId, tag: str
    ) -> NodePartition:
        """Add a tag to a partition (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=add_tag``.
        """
        return self._op(system_id, device, partition, "add_tag", tag=tag)

    @api_operation("POST", _INSTANCE, op="remove_tag")
    def remove_tag(
        self, system_id: str, device: DeviceRef, partition: PartitionId, tag: str
    ) -> NodePartition:
        """Remove a tag from a partition (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{device_id}/partition/{id}?op=remove_tag``.
        """
        return self._op(system_id, device, partition, "remove_tag", tag=tag)


class PartitionsOfDevice:
    """The partitions of one block device: the :class:`Partitions` methods with it filled in.

    Attributes:
        system_id: The machine.
        device: The block device (as given).
        list: :meth:`Partitions.list` of the device.
        get: :meth:`Partitions.get` on the device.
        create: :meth:`Partitions.create` on the device.
        delete: :meth:`Partitions.delete` on the device.
        format: :meth:`Partitions.format` on the device.
        unformat: :meth:`Partitions.unformat` on the device.
        mount: :meth:`Partitions.mount` on the device.
        unmount: :meth:`Partitions.unmount` on the device.
        add_tag: :meth:`Partitions.add_tag` on the device.
        remove_tag: :meth:`Partitions.remove_tag` on the device.
    """

    def __init__(self, manager: Partitions, system_id: str, device: DeviceRef) -> None:
        self.system_id = system_id
        self.device = device
        self.list = bind_device(manager.list, system_id, device)
        self.get = bind_device(manager.get, system_id, device)
        self.create = bind_device(manager.create, system_id, device)
        self.delete = bind_device(manager.delete, system_id, device)
        self.format = bind_device(manager.format, system_id, device)
        self.unformat = bind_device(manager.unformat, system_id, device)
        self.mount = bind_device(manager.mount, system_id, device)
        self.unmount = bind_device(manager.unmount, system_id, device)
        self.add_tag = bind_device(manager.add_tag, system_id, device)
        self.remove_tag = bind_device(manager.remove_tag, system_id, device)

    def __repr__(self) -> str:
        return f"<Partitions of {self.system_id}/{reference(self.device)}>"


def _collection(system_id: str, device: DeviceRef) -> str:
    return nodes_path(system_id, "blockdevices", reference(device), "partitions") + "/"


def _instance(system_id: str, device: DeviceRef, partition: PartitionId) -> str:
    return nodes_path(
        system_id, "blockdevices", reference(device), "partition", reference(partition)
    )
