"""Software RAIDs: :class:`RAID` and the :class:`Raids` manager (``client.raids``).

A RAID is built from free block devices and partitions (active members and spares) and shows up
as a virtual block device (``md0``...) that can be formatted, mounted or partitioned. Every
method takes the machine's ``system_id`` first (``client.raids.of(system_id)`` fills it in).
Changes need an administrator and a Ready machine. Member counts MAAS enforces: RAID 0 two or
more and no spares; RAID 1 two or more; RAID 5 three or more; RAID 6 four or more; RAID 10
three or more.

MAAS API: ``nodes/{system_id}/raids/``, ``nodes/{system_id}/raid/{id}/`` (REFERENCE.md §14.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import RaidLevel
from maas_sdk.resources._base import TransportLike, bound_manager
from maas_sdk.resources._node_scoped import (
    DeviceRefs,
    PartitionRefs,
    StorageDevice,
    WholeBytes,
    bind_node,
)
from maas_sdk.resources._storage_base import (
    NodeStorageManager,
    NodeStorageObject,
    StorageObjectRef,
    storage_form,
)
from maas_sdk.resources.common import BlockDevice

__all__ = ["RAID", "RaidLevel", "Raids", "RaidsOfNode"]


class RAID(NodeStorageObject):
    """A software RAID of a machine.

    ``name`` and ``uuid`` can be assigned and sent with :meth:`save`; :meth:`update` also adds
    and removes members and spares.
    """

    if TYPE_CHECKING:
        _manager: Raids | None

    uuid: str | None = None
    """UUID of the array."""
    level: RaidLevel = RaidLevel.RAID_1
    """RAID level."""
    devices: list[StorageDevice] = Field(default_factory=list)
    """Active members: block devices and partitions."""
    spare_devices: list[StorageDevice] = Field(default_factory=list)
    """Spare members."""
    size: WholeBytes = 0
    """Usable size in bytes."""
    human_size: str = ""
    """``size`` as MAAS prints it (SI units)."""
    virtual_device: BlockDevice | None = None
    """The block device the array appears as (``md0``)."""

    def _raids(self) -> Raids:
        manager: Raids | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def update(
        self,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        remove_block_devices: DeviceRefs | None = None,
        add_spare_devices: DeviceRefs | None = None,
        remove_spare_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
        add_spare_partitions: PartitionRefs | None = None,
        remove_spare_partitions: PartitionRefs | None = None,
    ) -> RAID:
        """Change the array in place; see :meth:`Raids.update`."""
        answer = self._raids().update(
            self._node(),
            self.id,
            name=name,
            uuid=uuid,
            add_block_devices=add_block_devices,
            remove_block_devices=remove_block_devices,
            add_spare_devices=add_spare_devices,
            remove_spare_devices=remove_spare_devices,
            add_partitions=add_partitions,
            remove_partitions=remove_partitions,
            add_spare_partitions=add_spare_partitions,
            remove_spare_partitions=remove_spare_partitions,
        )
        return self._apply(answer)


_ONE = TypeAdapter(RAID)
_MANY = TypeAdapter(list[RAID])
_COLLECTION = "nodes/{system_id}/raids/"
_INSTANCE = "nodes/{system_id}/raid/{id}/"


class Raids(NodeStorageManager[RAID]):
    """Manager of software RAIDs, reached as ``client.raids``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        super().__init__(transport, "raids", "raid", _ONE, _MANY)

    def of(self, system_id: str) -> RaidsOfNode:
        """Return the RAIDs of one machine: this manager with the node filled in."""
        return RaidsOfNode(self, system_id)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[RAID]:
        """List a machine's RAIDs.

        MAAS API: ``GET nodes/{system_id}/raids/``.

        Raises:
            NotFoundError: No such machine.
        """
        return self._read_all(system_id)

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, raid: StorageObjectRef) -> RAID:
        """Read one RAID by id or name.

        MAAS API: ``GET nodes/{system_id}/raid/{id}/``.

        Raises:
            NotFoundError: No such RAID (``No RAID matches the given query.``).
        """
        return self._read(system_id, raid)

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        level: RaidLevel | str,
        *,
        name: str | None = None,
        uuid: str | None = None,
        block_devices: DeviceRefs | None = None,
        partitions: PartitionRefs | None = None,
        spare_devices: DeviceRefs | None = None,
        spare_partitions: PartitionRefs | None = None,
    ) -> RAID:
        """Build a RAID from free block devices and partitions (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/raids/``.

        Args:
            system_id: The machine.
            level: ``raid-0``, ``raid-1``, ``raid-5``, ``raid-6`` or ``raid-10``.
            name: Its name (default: the next free ``mdN``).
            uuid: Its UUID (default: a new one).
            block_devices: Active members (whole, unused block devices).
            partitions: Active members (unused partitions).
            spare_devices: Spare block devices.
            spare_partitions: Spare partitions.

        Raises:
            BadRequestError: Invalid level, no member, a member in use, or too few members for
                the level.
            ConflictError: The machine is not Ready.
        """
        data = storage_form(
            {"level": level, "name": name, "uuid": uuid},
            {
                "block_devices": block_devices,
                "partitions": partitions,
                "spare_devices": spare_devices,
                "spare_partitions": spare_partitions,
            },
        )
        return self._add(system_id, data)

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        raid: StorageObjectRef,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        remove_block_devices: DeviceRefs | None = None,
        add_spare_devices: DeviceRefs | None = None,
        remove_spare_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
        add_spare_partitions: PartitionRefs | None = None,
        remove_spare_partitions: PartitionRefs | None = None,
    ) -> RAID:
        """Rename a RAID or change its members (admin; Ready machine).

        MAAS API: ``PUT nodes/{system_id}/raid/{id}/``.

        Args:
            system_id: The machine.
            raid: The RAID (id, name or object).
            name: A new name.
            uuid: A new UUID.
            add_block_devices: Free block devices to add as active members.
            remove_block_devices: Block devices to take out.
            add_spare_devices: Free block devices to add as spares.
            remove_spare_devices: Spare block devices to take out.
            add_partitions: Free partitions to add as active members.
            remove_partitions: Partitions to take out.
            add_spare_partitions: Free partitions to add as spares.
            remove_spare_partitions: Spare partitions to take out.

        Raises:
            BadRequestError: A member is in use or not in the array, or the array would have
                too few members for its level.
            ConflictError: The machine is not Ready.
        """
        data = storage_form(
            {"name": name, "uuid": uuid},
            {
                "add_block_devices": add_block_devices,
                "remove_block_devices": remove_block_devices,
                "add_spare_devices": add_spare_devices,
                "remove_spare_devices": remove_spare_devices,
                "add_partitions": add_partitions,
                "remove_partitions": remove_partitions,
                "add_spare_partitions": add_spare_partitions,
                "remove_spare_partitions": remove_spare_partitions,
            },
        )
        return self._write(system_id, raid, data)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, raid: StorageObjectRef) -> None:
        """Delete a RAID and its virtual block device (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/raid/{id}/``.

        Raises:
            ConflictError: The machine is not Ready.
        """
        self._remove(system_id, raid)


class RaidsOfNode:
    """The RAIDs of one machine: the :class:`Raids` methods with the machine filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`Raids.list` of the machine.
        get: :meth:`Raids.get` on the machine.
        create: :meth:`Raids.create` on the machine.
        update: :meth:`Raids.update` on the machine.
        delete: :meth:`Raids.delete` on the machine.
    """

    def __init__(self, manager: Raids, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)

    def __repr__(self) -> str:
        return f"<Raids of {self.system_id}>"
