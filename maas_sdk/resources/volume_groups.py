"""LVM volume groups: :class:`VolumeGroup` and the :class:`VolumeGroups` manager.

A volume group is made of free block devices and partitions (each becomes an ``lvm-pv``) and
holds logical volumes, which are virtual block devices (``<vg>-<lv>``) that can be formatted,
mounted or partitioned like any disk. Reached as ``client.volume_groups``; every method takes
the machine's ``system_id`` first (``client.volume_groups.of(system_id)`` fills it in). Changes
need an administrator and a Ready machine.

MAAS API: ``nodes/{system_id}/volume-groups/``, ``nodes/{system_id}/volume-group/{id}/``
(REFERENCE.md §14.3; MAAS reports the singular instance path, the plural one works too).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import TransportLike, bound_manager, form
from maas_sdk.resources._node_scoped import (
    DeviceRefs,
    HasId,
    PartitionRefs,
    StorageDevice,
    WholeBytes,
    bind_node,
    reference,
)
from maas_sdk.resources._storage_base import (
    NodeStorageManager,
    NodeStorageObject,
    StorageObjectRef,
    storage_form,
)
from maas_sdk.resources.block_device_manager import BlockDevices
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.common import BlockDevice

__all__ = ["VolumeGroup", "VolumeGroups", "VolumeGroupsOfNode"]


class VolumeGroup(NodeStorageObject):
    """An LVM volume group of a machine.

    ``name`` and ``uuid`` can be assigned and sent with :meth:`save`; :meth:`update` also adds
    and removes physical volumes.
    """

    if TYPE_CHECKING:
        _manager: VolumeGroups | None

    uuid: str | None = None
    """UUID of the volume group."""
    devices: list[StorageDevice] = Field(default_factory=list)
    """The block devices and partitions it is made of (its physical volumes)."""
    size: WholeBytes = 0
    """Usable size in bytes (4 MiB extents, one per physical volume kept for LVM headers)."""
    human_size: str = ""
    """``size`` as MAAS prints it (``8.0 GB``, SI units)."""
    available_size: WholeBytes = 0
    """Bytes not yet given to logical volumes."""
    human_available_size: str = ""
    """``available_size`` as MAAS prints it."""
    used_size: WholeBytes = 0
    """Bytes given to logical volumes."""
    human_used_size: str = ""
    """``used_size`` as MAAS prints it."""
    logical_volumes: list[BlockDevice] = Field(default_factory=list)
    """Its logical volumes (virtual block devices named ``<vg>-<lv>``)."""

    def _groups(self) -> VolumeGroups:
        manager: VolumeGroups | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def update(
        self,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        remove_block_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
    ) -> VolumeGroup:
        """Change the volume group in place; see :meth:`VolumeGroups.update`."""
        answer = self._groups().update(
            self._node(),
            self.id,
            name=name,
            uuid=uuid,
            add_block_devices=add_block_devices,
            remove_block_devices=remove_block_devices,
            add_partitions=add_partitions,
            remove_partitions=remove_partitions,
        )
        return self._apply(answer)

    def create_logical_volume(
        self, name: str, size: int | str | None = None, *, uuid: str | None = None
    ) -> NodeBlockDevice:
        """Add a logical volume (``refresh()`` to list it).

        See :meth:`VolumeGroups.create_logical_volume`.
        """
        groups = self._groups()
        return groups.create_logical_volume(self._node(), self.id, name, size, uuid=uuid)

    def delete_logical_volume(self, volume: int | HasId) -> None:
        """Delete a logical volume; see :meth:`VolumeGroups.delete_logical_volume`."""
        self._groups().delete_logical_volume(self._node(), self.id, volume)


_ONE = TypeAdapter(VolumeGroup)
_MANY = TypeAdapter(list[VolumeGroup])
_COLLECTION = "nodes/{system_id}/volume-groups/"
_INSTANCE = "nodes/{system_id}/volume-groups/{id}/"


class VolumeGroups(NodeStorageManager[VolumeGroup]):
    """Manager of LVM volume groups, reached as ``client.volume_groups``.

    Args:
        transport: The client's transport.
        block_devices: The manager the logical volumes created here are bound to.
    """

    def __init__(self, transport: TransportLike, block_devices: BlockDevices | None = None) -> None:
        super().__init__(transport, "volume-groups", "volume-group", _ONE, _MANY)
        self._block_devices = (
            block_devices if block_devices is not None else BlockDevices(transport)
        )

    def of(self, system_id: str) -> VolumeGroupsOfNode:
        """Return the volume groups of one machine: this manager with the node filled in."""
        return VolumeGroupsOfNode(self, system_id)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[VolumeGroup]:
        """List a machine's volume groups.

        MAAS API: ``GET nodes/{system_id}/volume-groups/``.

        Raises:
            NotFoundError: No such machine.
        """
        return self._read_all(system_id)

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, volume_group: StorageObjectRef) -> VolumeGroup:
        """Read one volume group by id or name.

        MAAS API: ``GET nodes/{system_id}/volume-group/{id}/``.

        Raises:
            NotFoundError: No such volume group (``No VolumeGroup matches the given query.``).
        """
        return self._read(system_id, volume_group)

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        name: str,
        *,
        uuid: str | None = None,
        block_devices: DeviceRefs | None = None,
        partitions: PartitionRefs | None = None,
    ) -> VolumeGroup:
        """Create a volume group from free block devices and/or partitions (admin; Ready).

        MAAS API: ``POST nodes/{system_id}/volume-groups/``.

        Args:
            system_id: The machine.
            name: Its name, e.g. ``vg0``.
            uuid: Its UUID (default: a new one).
            block_devices: Unused, unpartitioned block devices to use whole.
            partitions: Unused partitions to use.

        Raises:
            BadRequestError: No device or partition given, or one is in use
                (``field_errors``).
            ConflictError: The machine is not Ready.
        """
        data = storage_form(
            {"name": name, "uuid": uuid},
            {"block_devices": block_devices, "partitions": partitions},
        )
        return self._add(system_id, data)

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        volume_group: StorageObjectRef,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        remove_block_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
    ) -> VolumeGroup:
        """Rename a volume group or change its physical volumes (admin; Ready machine).

        MAAS API: ``PUT nodes/{system_id}/volume-group/{id}/``.

        Args:
            system_id: The machine.
            volume_group: The volume group (id, name or object).
            name: A new name.
            uuid: A new UUID.
            add_block_devices: Free block devices to add.
            remove_block_devices: Block devices to take out.
            add_partitions: Free partitions to add.
            remove_partitions: Partitions to take out.

        Raises:
            BadRequestError: A device is in use or not in the group, or the group would become
                smaller than its logical volumes.
            ConflictError: The machine is not Ready.
        """
        data = storage_form(
            {"name": name, "uuid": uuid},
            {
                "add_block_devices": add_block_devices,
                "remove_block_devices": remove_block_devices,
                "add_partitions": add_partitions,
                "remove_partitions": remove_partitions,
            },
        )
        return self._write(system_id, volume_group, data)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, volume_group: StorageObjectRef) -> None:
        """Delete a volume group that has no logical volumes left (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/volume-group/{id}/``.

        Raises:
            BadRequestError: It still has logical volumes.
            ConflictError: The machine is not Ready.
        """
        self._remove(system_id, volume_group)

    @api_operation("POST", _INSTANCE, op="create_logical_volume")
    def create_logical_volume(
        self,
        system_id: str,
        volume_group: StorageObjectRef,
        name: str,
        size: int | str | None = None,
        *,
        uuid: str | None = None,
    ) -> NodeBlockDevice:
        """Create a logical volume and return it (a virtual block device named ``<vg>-<name>``).

        MAAS API: ``POST nodes/{system_id}/volume-group/{id}/?op=create_logical_volume``.

        Args:
            system_id: The machine.
            volume_group: The volume group (id, name or object).
            name: The volume's name within the group, e.g. ``lvroot``.
            size: Its size in bytes (at least 4 MiB, rounded down to 4 MiB); default: all the
                free space of the group.
            uuid: Its UUID (default: a new one).

        Raises:
            BadRequestError: Too large, too small, or the group is full.
            ConflictError: The machine is not Ready.
        """
        data = form({"name": name, "size": size, "uuid": uuid})
        answer = self._post_op(system_id, volume_group, "create_logical_volume", data)
        return self._block_devices._one(answer)

    @api_operation("POST", _INSTANCE, op="delete_logical_volume")
    def delete_logical_volume(
        self, system_id: str, volume_group: StorageObjectRef, volume: int | HasId
    ) -> None:
        """Delete a logical volume of the group (MAAS answers 204 even for an unknown id).

        MAAS API: ``POST nodes/{system_id}/volume-group/{id}/?op=delete_logical_volume``.

        Args:
            system_id: The machine.
            volume_group: The volume group (id, name or object).
            volume: The logical volume (block device id or object).

        Raises:
            ConflictError: The machine is not Ready.
        """
        data = form({"id": reference(volume)})
        self._post_op(system_id, volume_group, "delete_logical_volume", data)


class VolumeGroupsOfNode:
    """The volume groups of one machine: the :class:`VolumeGroups` methods with it filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`VolumeGroups.list` of the machine.
        get: :meth:`VolumeGroups.get` on the machine.
        create: :meth:`VolumeGroups.create` on the machine.
        update: :meth:`VolumeGroups.update` on the machine.
        delete: :meth:`VolumeGroups.delete` on the machine.
        create_logical_volume: :meth:`VolumeGroups.create_logical_volume` on the machine.
        delete_logical_volume: :meth:`VolumeGroups.delete_logical_volume` on the machine.
    """

    def __init__(self, manager: VolumeGroups, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)
        self.create_logical_volume = bind_node(manager.create_logical_volume, system_id)
        self.delete_logical_volume = bind_node(manager.delete_logical_volume, system_id)

    def __repr__(self) -> str:
        return f"<VolumeGroups of {self.system_id}>"
