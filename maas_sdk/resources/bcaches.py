"""Bcache devices: :class:`Bcache` and the :class:`Bcaches` manager (``client.bcaches``).

A bcache puts a cache set (:mod:`maas_sdk.resources.bcache_cache_sets`) in front of a slower
backing block device or partition and shows up as a virtual block device (``bcache0``...) that
can be formatted, mounted or partitioned. Every method takes the machine's ``system_id`` first
(``client.bcaches.of(system_id)`` fills it in). Changes need an administrator and a Ready
machine.

MAAS API: ``nodes/{system_id}/bcaches/``, ``nodes/{system_id}/bcache/{id}/``
(REFERENCE.md §14.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import CacheMode
from maas_sdk.resources._base import FormPairs, TransportLike, bound_manager, form
from maas_sdk.resources._node_scoped import (
    DeviceRef,
    PartitionRef,
    StorageDevice,
    WholeBytes,
    bind_node,
    reference,
)
from maas_sdk.resources._storage_base import (
    NodeStorageManager,
    NodeStorageObject,
    StorageObjectRef,
)
from maas_sdk.resources.bcache_cache_sets import BcacheCacheSet
from maas_sdk.resources.common import BlockDevice

__all__ = ["Bcache", "Bcaches", "BcachesOfNode"]


class Bcache(NodeStorageObject):
    """A bcache device of a machine.

    ``name``, ``uuid``, ``cache_mode`` and ``cache_set`` (a cache set of the same machine) can
    be assigned and sent with :meth:`save`; :meth:`update` also changes the backing device.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "uuid", "cache_mode", "cache_set"}
    )
    if TYPE_CHECKING:
        _manager: Bcaches | None

    uuid: str | None = None
    """UUID of the bcache."""
    cache_set: BcacheCacheSet | None = None
    """The cache set in front of the backing device."""
    backing_device: StorageDevice | None = None
    """The slow block device or partition being cached."""
    size: WholeBytes = 0
    """Size in bytes (that of the backing device)."""
    human_size: str = ""
    """``size`` as MAAS prints it (SI units)."""
    virtual_device: BlockDevice | None = None
    """The block device the bcache appears as (``bcache0``)."""
    cache_mode: CacheMode = CacheMode.WRITEBACK
    """How writes go through the cache."""

    def _bcaches(self) -> Bcaches:
        manager: Bcaches | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def update(
        self,
        *,
        name: str | None = None,
        uuid: str | None = None,
        cache_set: StorageObjectRef | None = None,
        backing_device: DeviceRef | None = None,
        backing_partition: PartitionRef | None = None,
        cache_mode: CacheMode | str | None = None,
    ) -> Bcache:
        """Change the bcache in place; see :meth:`Bcaches.update`."""
        answer = self._bcaches().update(
            self._node(),
            self.id,
            name=name,
            uuid=uuid,
            cache_set=cache_set,
            backing_device=backing_device,
            backing_partition=backing_partition,
            cache_mode=cache_mode,
        )
        return self._apply(answer)


_ONE = TypeAdapter(Bcache)
_MANY = TypeAdapter(list[Bcache])
_COLLECTION = "nodes/{system_id}/bcaches/"
_INSTANCE = "nodes/{system_id}/bcache/{id}/"


class Bcaches(NodeStorageManager[Bcache]):
    """Manager of bcache devices, reached as ``client.bcaches``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        super().__init__(transport, "bcaches", "bcache", _ONE, _MANY)

    def of(self, system_id: str) -> BcachesOfNode:
        """Return the bcaches of one machine: this manager with the node filled in."""
        return BcachesOfNode(self, system_id)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[Bcache]:
        """List a machine's bcache devices.

        MAAS API: ``GET nodes/{system_id}/bcaches/``.

        Raises:
            NotFoundError: No such machine.
        """
        return self._read_all(system_id)

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, bcache: StorageObjectRef) -> Bcache:
        """Read one bcache by id or name.

        MAAS API: ``GET nodes/{system_id}/bcache/{id}/``.

        Raises:
            NotFoundError: No such bcache (``No Bcache matches the given query.``).
        """
        return self._read(system_id, bcache)

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        cache_set: StorageObjectRef,
        cache_mode: CacheMode | str,
        *,
        backing_device: DeviceRef | None = None,
        backing_partition: PartitionRef | None = None,
        name: str | None = None,
        uuid: str | None = None,
    ) -> Bcache:
        """Create a bcache on a free backing device or partition (admin; Ready machine).

        Give exactly one of ``backing_device`` and ``backing_partition``.

        MAAS API: ``POST nodes/{system_id}/bcaches/``.

        Args:
            system_id: The machine.
            cache_set: The cache set (id, name such as ``cache0``, or object).
            cache_mode: ``writeback``, ``writethrough`` or ``writearound`` (lower case: MAAS
                refuses the upper-case spelling its documentation shows).
            backing_device: An unused, unpartitioned block device.
            backing_partition: An unused partition.
            name: Its name (default: the next free ``bcacheN``).
            uuid: Its UUID (default: a new one).

        Raises:
            BadRequestError: Missing cache set or mode, neither or both backing given, or the
                backing device is in use.
            ConflictError: The machine is not Ready.
        """
        data = _bcache_form(
            name, uuid, cache_set, backing_device, backing_partition, CacheMode(cache_mode)
        )
        return self._add(system_id, data)

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        bcache: StorageObjectRef,
        *,
        name: str | None = None,
        uuid: str | None = None,
        cache_set: StorageObjectRef | None = None,
        backing_device: DeviceRef | None = None,
        backing_partition: PartitionRef | None = None,
        cache_mode: CacheMode | str | None = None,
    ) -> Bcache:
        """Change a bcache (admin; Ready machine); omitted arguments stay unchanged.

        MAAS API: ``PUT nodes/{system_id}/bcache/{id}/``.

        Args:
            system_id: The machine.
            bcache: The bcache (id, name or object).
            name: A new name.
            uuid: A new UUID.
            cache_set: Another cache set.
            backing_device: Another backing block device.
            backing_partition: Another backing partition.
            cache_mode: Another cache mode.

        Raises:
            BadRequestError: A device is in use, or both backing kinds were given.
            ConflictError: The machine is not Ready.
        """
        mode = None if cache_mode is None else CacheMode(cache_mode)
        data = _bcache_form(name, uuid, cache_set, backing_device, backing_partition, mode)
        return self._write(system_id, bcache, data)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, bcache: StorageObjectRef) -> None:
        """Delete a bcache and its virtual block device (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/bcache/{id}/``.

        Raises:
            ConflictError: The machine is not Ready.
        """
        self._remove(system_id, bcache)


class BcachesOfNode:
    """The bcaches of one machine: the :class:`Bcaches` methods with the machine filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`Bcaches.list` of the machine.
        get: :meth:`Bcaches.get` on the machine.
        create: :meth:`Bcaches.create` on the machine.
        update: :meth:`Bcaches.update` on the machine.
        delete: :meth:`Bcaches.delete` on the machine.
    """

    def __init__(self, manager: Bcaches, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)

    def __repr__(self) -> str:
        return f"<Bcaches of {self.system_id}>"


def _bcache_form(
    name: str | None,
    uuid: str | None,
    cache_set: StorageObjectRef | None,
    backing_device: DeviceRef | None,
    backing_partition: PartitionRef | None,
    cache_mode: CacheMode | None,
) -> FormPairs:
    values: dict[str, Any] = {
        "name": name,
        "uuid": uuid,
        "cache_set": None if cache_set is None else reference(cache_set),
        "backing_device": None if backing_device is None else reference(backing_device),
        "backing_partition": None if backing_partition is None else reference(backing_partition),
        "cache_mode": None if cache_mode is None else cache_mode.value.lower(),
    }
    return form(values)
