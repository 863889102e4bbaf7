"""VMware VMFS datastores: :class:`VMFSDatastore` and the :class:`VMFSDatastores` manager.

Datastores exist only on machines whose storage layout is ``vmfs6`` or ``vmfs7``; each is made of
partitions (a whole block device given to it gets one partition filling it) and is mounted at
``/vmfs/volumes/<name>``. Reached as ``client.vmfs_datastores``; every method takes the
machine's ``system_id`` first (``client.vmfs_datastores.of(system_id)`` fills it in). Changes
need an administrator and a Ready machine. MAAS 2.6+.

MAAS API: ``nodes/{system_id}/vmfs-datastores/``, ``nodes/{system_id}/vmfs-datastore/{id}/``
(REFERENCE.md §14.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
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
from maas_sdk.resources.common import Filesystem

__all__ = ["VMFSDatastore", "VMFSDatastores", "VMFSDatastoresOfNode"]


class VMFSDatastore(NodeStorageObject):
    """A VMFS datastore of a machine.

    ``name`` and ``uuid`` can be assigned and sent with :meth:`save`; :meth:`update` also adds
    block devices and partitions or removes partitions.
    """

    if TYPE_CHECKING:
        _manager: VMFSDatastores | None

    uuid: str | None = None
    """UUID of the datastore."""
    devices: list[StorageDevice] = Field(default_factory=list)
    """The partitions (and block devices) it is made of."""
    size: WholeBytes = 0
    """Size in bytes (all its partitions together)."""
    human_size: str = ""
    """``size`` as MAAS prints it (SI units)."""
    filesystem: Filesystem | None = None
    """Its filesystem: only ``fstype`` (``vmfs6``) and ``mount_point`` are sent."""

    def _datastores(self) -> VMFSDatastores:
        manager: VMFSDatastores | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def update(
        self,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
    ) -> VMFSDatastore:
        """Change the datastore in place; see :meth:`VMFSDatastores.update`."""
        answer = self._datastores().update(
            self._node(),
            self.id,
            name=name,
            uuid=uuid,
            add_block_devices=add_block_devices,
            add_partitions=add_partitions,
            remove_partitions=remove_partitions,
        )
        return self._apply(answer)


_ONE = TypeAdapter(VMFSDatastore)
_MANY = TypeAdapter(list[VMFSDatastore])
_COLLECTION = "nodes/{system_id}/vmfs-datastores/"
_INSTANCE = "nodes/{system_id}/vmfs-datastore/{id}/"


class VMFSDatastores(NodeStorageManager[VMFSDatastore]):
    """Manager of VMFS datastores, reached as ``client.vmfs_datastores``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        super().__init__(transport, "vmfs-datastores", "vmfs-datastore", _ONE, _MANY)

    def of(self, system_id: str) -> VMFSDatastoresOfNode:
        """Return the datastores of one machine: this manager with the node filled in."""
        return VMFSDatastoresOfNode(self, system_id)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[VMFSDatastore]:
        """List a machine's VMFS datastores.

        MAAS API: ``GET nodes/{system_id}/vmfs-datastores/``.

        Raises:
            NotFoundError: No such machine.
        """
        return self._read_all(system_id)

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, datastore: StorageObjectRef) -> VMFSDatastore:
        """Read one datastore by id or name.

        MAAS API: ``GET nodes/{system_id}/vmfs-datastore/{id}/``.

        Raises:
            NotFoundError: No such datastore (``No VMFS matches the given query.``).
        """
        return self._read(system_id, datastore)

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        name: str,
        *,
        uuid: str | None = None,
        block_devices: DeviceRefs | None = None,
        partitions: PartitionRefs | None = None,
    ) -> VMFSDatastore:
        """Create a datastore on a machine with the vmfs6/vmfs7 layout (admin; Ready machine).

        MAAS API: ``POST nodes/{system_id}/vmfs-datastores/``.

        Args:
            system_id: The machine.
            name: Its name (it is mounted at ``/vmfs/volumes/<name>``).
            uuid: Its UUID (default: a new one).
            block_devices: Free block devices (each gets one partition filling it).
            partitions: Free partitions.

        Raises:
            BadRequestError: No device given, one in use, or the machine's layout is not
                VMFS (``field_errors["VMFS"]``).
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
        datastore: StorageObjectRef,
        *,
        name: str | None = None,
        uuid: str | None = None,
        add_block_devices: DeviceRefs | None = None,
        add_partitions: PartitionRefs | None = None,
        remove_partitions: PartitionRefs | None = None,
    ) -> VMFSDatastore:
        """Rename a datastore or change what it is made of (admin; Ready machine).

        MAAS API: ``PUT nodes/{system_id}/vmfs-datastore/{id}/``.

        Args:
            system_id: The machine.
            datastore: The datastore (id, name or object).
            name: A new name.
            uuid: A new UUID.
            add_block_devices: Free block devices to add (each gets one partition).
            add_partitions: Free partitions to add.
            remove_partitions: Partitions to take out.

        Raises:
            BadRequestError: A device is in use or not part of the datastore.
            ConflictError: The machine is not Ready.
        """
        data = storage_form(
            {"name": name, "uuid": uuid},
            {
                "add_block_devices": add_block_devices,
                "add_partitions": add_partitions,
                "remove_partitions": remove_partitions,
            },
        )
        return self._write(system_id, datastore, data)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, datastore: StorageObjectRef) -> None:
        """Delete a datastore (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/vmfs-datastore/{id}/``.

        Raises:
            ConflictError: The machine is not Ready.
        """
        self._remove(system_id, datastore)


class VMFSDatastoresOfNode:
    """The datastores of one machine: the :class:`VMFSDatastores` methods with it filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`VMFSDatastores.list` of the machine.
        get: :meth:`VMFSDatastores.get` on the machine.
        create: :meth:`VMFSDatastores.create` on the machine.
        update: :meth:`VMFSDatastores.update` on the machine.
        delete: :meth:`VMFSDatastores.delete` on the machine.
    """

    def __init__(self, manager: VMFSDatastores, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)

    def __repr__(self) -> str:
        return f"<VMFSDatastores of {self.system_id}>"
