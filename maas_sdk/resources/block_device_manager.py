"""The :class:`BlockDevices` manager (``client.block_devices``) and its per-node view.

Every method takes the machine's ``system_id`` first; ``client.block_devices.of(system_id)``
returns a :class:`BlockDevicesOfNode` with the node filled in. Devices are addressed by id or by
name (``sda``). Status rules (REFERENCE.md §14.1): creating works in any status; updating,
deleting, tagging and choosing the boot disk need an administrator and a Ready machine (a
Deployed machine's physical disks can still be renamed); formatting and mounting work on a Ready
(administrators) or Allocated machine.

MAAS API: ``nodes/{system_id}/blockdevices/``, ``nodes/{system_id}/blockdevices/{id}/``.
"""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import TransportLike, bind_all, decode, form
from maas_sdk.resources._node_scoped import DeviceRef, bind_node, nodes_path, reference
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.partition_manager import Partitions, PartitionsOfDevice

__all__ = ["BlockDevices", "BlockDevicesOfNode"]

_DEVICE = TypeAdapter(NodeBlockDevice)
_DEVICES = TypeAdapter(list[NodeBlockDevice])
_COLLECTION = "nodes/{system_id}/blockdevices/"
_INSTANCE = "nodes/{system_id}/blockdevices/{id}/"


class BlockDevices:
    """Manager of the block devices of machines, reached as ``client.block_devices``.

    Args:
        transport: The client's transport.
        partitions: The partition manager the devices' partitions are bound to.

    Attributes:
        partitions: The partition manager.
    """

    def __init__(self, transport: TransportLike, partitions: Partitions | None = None) -> None:
        self._transport = transport
        self.partitions = partitions if partitions is not None else Partitions(transport)

    def __repr__(self) -> str:
        return "<BlockDevices manager>"

    def of(self, system_id: str) -> BlockDevicesOfNode:
        """Return the block devices of one machine: this manager with the node filled in."""
        return BlockDevicesOfNode(self, system_id)

    def _one(self, answer: Any) -> NodeBlockDevice:
        return decode(answer, _DEVICE)._bind(self)

    def _op(self, system_id: str, device: DeviceRef, op: str, **values: Any) -> NodeBlockDevice:
        answer = self._transport.post(_instance(system_id, device), op=op, data=form(values))
        return self._one(answer)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[NodeBlockDevice]:
        """List a machine's block devices, physical and virtual.

        MAAS API: ``GET nodes/{system_id}/blockdevices/``.

        Raises:
            NotFoundError: No such machine.
        """
        devices = decode(self._transport.get(_collection(system_id)), _DEVICES)
        bind_all(devices, self)
        return devices

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, device: DeviceRef) -> NodeBlockDevice:
        """Read one block device by id or name.

        MAAS API: ``GET nodes/{system_id}/blockdevices/{id}/``.

        Raises:
            NotFoundError: No such machine or device (``No BlockDevice matches the given
                query.``).
        """
        return self._one(self._transport.get(_instance(system_id, device)))

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        name: str,
        size: int | str,
        block_size: int,
        *,
        model: str | None = None,
        serial: str | None = None,
        id_path: str | None = None,
    ) -> NodeBlockDevice:
        """Add a physical disk to a machine (admin; any status).

        MAAS API: ``POST nodes/{system_id}/blockdevices/``.

        Args:
            system_id: The machine.
            name: Its name, e.g. ``sdb``.
            size: Its size in bytes.
            block_size: Its logical block size in bytes, e.g. 512.
            model: Its model (with ``serial``, unless ``id_path`` is given).
            serial: Its serial number.
            id_path: Its stable ``/dev/disk/by-id/…`` path.

        Raises:
            BadRequestError: A required field is missing, or neither model and serial nor
                id_path were given (``field_errors["__all__"]``).
        """
        data = form(
            {
                "name": name,
                "size": size,
                "block_size": block_size,
                "model": model,
                "serial": serial,
                "id_path": id_path,
            }
        )
        return self._one(self._transport.post(_collection(system_id), data=data))

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        device: DeviceRef,
        *,
        name: str | None = None,
        model: str | None = None,
        serial: str | None = None,
        id_path: str | None = None,
        size: int | str | None = None,
        block_size: int | None = None,
        uuid: str | None = None,
        numa_node: int | None = None,
        partition_table_type: str | None = None,
    ) -> NodeBlockDevice:
        """Change a block device (admin; Ready machine); omitted arguments stay unchanged.

        Physical disks take ``name``, ``model``, ``serial``, ``id_path``, ``size``,
        ``block_size``, ``numa_node`` and ``partition_table_type`` (only the first four on a
        Deployed machine); virtual devices take ``name``, ``uuid``, ``size`` (logical volumes
        only) and ``partition_table_type``.

        MAAS API: ``PUT nodes/{system_id}/blockdevices/{id}/``.

        Args:
            system_id: The machine.
            device: The device (id, name or object).
            name: A new name.
            model: A new model.
            serial: A new serial number.
            id_path: A new ``/dev/disk/by-id/…`` path.
            size: A new size in bytes.
            block_size: A new block size.
            uuid: A new UUID (virtual devices).
            numa_node: The NUMA node the disk is attached to.
            partition_table_type: ``GPT`` or ``MBR``.

        Raises:
            ConflictError: The machine is not Ready (``Cannot update block device because the
                machine is not Ready.``).
        """
        arguments = dict(locals())
        values = {k: v for k, v in arguments.items() if k not in ("self", "system_id", "device")}
        answer = self._transport.put(_instance(system_id, device), data=form(values))
        return self._one(answer)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, device: DeviceRef) -> None:
        """Delete a block device (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/blockdevices/{id}/``.

        Raises:
            ConflictError: The machine is not Ready (``Cannot delete block device because the
                machine is not Ready.``).
        """
        self._transport.delete(_instance(system_id, device))

    @api_operation("POST", _INSTANCE, op="format")
    def format(
        self,
        system_id: str,
        device: DeviceRef,
        fstype: str,
        *,
        uuid: str | None = None,
        label: str | None = None,
    ) -> NodeBlockDevice:
        """Put a filesystem on a whole (unpartitioned) device.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=format``.

        Args:
            system_id: The machine.
            device: The device (id, name or object).
            fstype: ``ext4``, ``xfs``, ``btrfs``, ``swap``, ``fat32``, ``vfat``, ...
            uuid: The filesystem's UUID (default: a new one).
            label: The filesystem's label.

        Raises:
            ConflictError: The machine is not Ready or Allocated.
            PermissionDeniedError: A non-administrator on a Ready machine.
        """
        return self._op(system_id, device, "format", fstype=fstype, uuid=uuid, label=label)

    @api_operation("POST", _INSTANCE, op="unformat")
    def unformat(self, system_id: str, device: DeviceRef) -> NodeBlockDevice:
        """Remove the filesystem of a device (it must be unmounted).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=unformat``.
        """
        return self._op(system_id, device, "unformat")

    @api_operation("POST", _INSTANCE, op="mount")
    def mount(
        self,
        system_id: str,
        device: DeviceRef,
        mount_point: str,
        *,
        mount_options: str | None = None,
    ) -> NodeBlockDevice:
        """Mount the filesystem of a device.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=mount``.

        Args:
            system_id: The machine.
            device: The device (id, name or object).
            mount_point: An absolute path, e.g. ``/srv`` (``none`` for swap).
            mount_options: Options for fstab, e.g. ``noatime``.
        """
        return self._op(
            system_id, device, "mount", mount_point=mount_point, mount_options=mount_options
        )

    @api_operation("POST", _INSTANCE, op="unmount")
    def unmount(self, system_id: str, device: DeviceRef) -> NodeBlockDevice:
        """Unmount the filesystem of a device.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=unmount``.
        """
        return self._op(system_id, device, "unmount")

    @api_operation("POST", _INSTANCE, op="set_boot_disk")
    def set_boot_disk(self, system_id: str, device: DeviceRef) -> None:
        """Make a physical disk the machine's boot disk (admin; Ready machine).

        MAAS answers the text ``OK``; read the machine again to see its new ``boot_disk``.

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=set_boot_disk``.

        Raises:
            BadRequestError: The device is virtual.
            ConflictError: The machine is not Ready.
        """
        self._transport.post(_instance(system_id, device), op="set_boot_disk", data=[])

    @api_operation("POST", _INSTANCE, op="add_tag")
    def add_tag(self, system_id: str, device: DeviceRef, tag: str) -> NodeBlockDevice:
        """Add a tag to a device (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=add_tag``.
        """
        return self._op(system_id, device, "add_tag", tag=tag)

    @api_operation("POST", _INSTANCE, op="remove_tag")
    def remove_tag(self, system_id: str, device: DeviceRef, tag: str) -> NodeBlockDevice:
        """Remove a tag from a device (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/blockdevices/{id}/?op=remove_tag``.
        """
        return self._op(system_id, device, "remove_tag", tag=tag)


class BlockDevicesOfNode:
    """The block devices of one machine: the :class:`BlockDevices` methods with the node filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`BlockDevices.list` of the machine.
        get: :meth:`BlockDevices.get` on the machine.
        create: :meth:`BlockDevices.create` on the machine.
        update: :meth:`BlockDevices.update` on the machine.
        delete: :meth:`BlockDevices.delete` on the machine.
        format: :meth:`BlockDevices.format` on the machine.
        unformat: :meth:`BlockDevices.unformat` on the machine.
        mount: :meth:`BlockDevices.mount` on the machine.
        unmount: :meth:`BlockDevices.unmount` on the machine.
        set_boot_disk: :meth:`BlockDevices.set_boot_disk` on the machine.
        add_tag: :meth:`BlockDevices.add_tag` on the machine.
        remove_tag: :meth:`BlockDevices.remove_tag` on the machine.
    """

    def __init__(self, manager: BlockDevices, system_id: str) -> None:
        self.system_id = system_id
        self._manager = manager
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)
        self.format = bind_node(manager.format, system_id)
        self.unformat = bind_node(manager.unformat, system_id)
        self.mount = bind_node(manager.mount, system_id)
        self.unmount = bind_node(manager.unmount, system_id)
        self.set_boot_disk = bind_node(manager.set_boot_disk, system_id)
        self.add_tag = bind_node(manager.add_tag, system_id)
        self.remove_tag = bind_node(manager.remove_tag, system_id)

    def __repr__(self) -> str:
        return f"<BlockDevices of {self.system_id}>"

    def partitions(self, device: DeviceRef) -> PartitionsOfDevice:
        """Return the partitions of one of the machine's block devices."""
        return self._manager.partitions.of(self.system_id, device)


def _collection(system_id: str) -> str:
    return nodes_path(system_id, "blockdevices") + "/"


def _instance(system_id: str, device: DeviceRef) -> str:
    return nodes_path(system_id, "blockdevices", reference(device)) + "/"
