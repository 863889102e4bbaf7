"""Bcache cache sets: :class:`BcacheCacheSet` and the :class:`BcacheCacheSets` manager.

A cache set is the fast device (an SSD or a partition of one) that bcaches cache onto; create it
first, then build bcaches that use it (:mod:`maas_sdk.resources.bcaches`). Reached as
``client.bcache_cache_sets``; every method takes the machine's ``system_id`` first
(``client.bcache_cache_sets.of(system_id)`` fills it in). Changes need an administrator and a
Ready machine.

MAAS API: ``nodes/{system_id}/bcache-cache-sets/``, ``nodes/{system_id}/bcache-cache-set/{id}/``
(REFERENCE.md §14.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import FormPairs, TransportLike, bound_manager, form
from maas_sdk.resources._node_scoped import (
    DeviceRef,
    PartitionRef,
    StorageDevice,
    bind_node,
    reference,
)
from maas_sdk.resources._storage_base import (
    NodeStorageManager,
    NodeStorageObject,
    StorageObjectRef,
)

__all__ = ["BcacheCacheSet", "BcacheCacheSets", "BcacheCacheSetsOfNode"]


class BcacheCacheSet(NodeStorageObject):
    """A bcache cache set of a machine (named ``cache0``, ``cache1``... by MAAS).

    It has no assignable fields: :meth:`update` moves it to another device or partition.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset()
    if TYPE_CHECKING:
        _manager: BcacheCacheSets | None

    cache_device: StorageDevice | None = None
    """The block device or partition holding the cache."""

    def _cache_sets(self) -> BcacheCacheSets:
        manager: BcacheCacheSets | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def update(
        self,
        *,
        cache_device: DeviceRef | None = None,
        cache_partition: PartitionRef | None = None,
    ) -> BcacheCacheSet:
        """Move the cache set in place; see :meth:`BcacheCacheSets.update`."""
        answer = self._cache_sets().update(
            self._node(), self.id, cache_device=cache_device, cache_partition=cache_partition
        )
        return self._apply(answer)


_ONE = TypeAdapter(BcacheCacheSet)
_MANY = TypeAdapter(list[BcacheCacheSet])
_COLLECTION = "nodes/{system_id}/bcache-cache-sets/"
_INSTANCE = "nodes/{system_id}/bcache-cache-set/{id}/"


class BcacheCacheSets(NodeStorageManager[BcacheCacheSet]):
    """Manager of bcache cache sets, reached as ``client.bcache_cache_sets``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        super().__init__(transport, "bcache-cache-sets", "bcache-cache-set", _ONE, _MANY)

    def of(self, system_id: str) -> BcacheCacheSetsOfNode:
        """Return the cache sets of one machine: this manager with the node filled in."""
        return BcacheCacheSetsOfNode(self, system_id)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[BcacheCacheSet]:
        """List a machine's bcache cache sets.

        MAAS API: ``GET nodes/{system_id}/bcache-cache-sets/``.

        Raises:
            NotFoundError: No such machine.
        """
        return self._read_all(system_id)

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, cache_set: StorageObjectRef) -> BcacheCacheSet:
        """Read one cache set by id or name.

        MAAS API: ``GET nodes/{system_id}/bcache-cache-set/{id}/``.

        Raises:
            NotFoundError: No such cache set (``No CacheSet matches the given query.``).
        """
        return self._read(system_id, cache_set)

    @api_operation("POST", _COLLECTION)
    def create(
        self,
        system_id: str,
        *,
        cache_device: DeviceRef | None = None,
        cache_partition: PartitionRef | None = None,
    ) -> BcacheCacheSet:
        """Create a cache set on a free block device or partition (admin; Ready machine).

        Give exactly one of ``cache_device`` and ``cache_partition``.

        MAAS API: ``POST nodes/{system_id}/bcache-cache-sets/``.

        Args:
            system_id: The machine.
            cache_device: An unused, unpartitioned block device (id, name or object).
            cache_partition: An unused partition (id, name or object).

        Raises:
            BadRequestError: Neither or both given, or the device is in use.
            ConflictError: The machine is not Ready.
        """
        data = _cache_form(cache_device, cache_partition)
        return self._add(system_id, data)

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        cache_set: StorageObjectRef,
        *,
        cache_device: DeviceRef | None = None,
        cache_partition: PartitionRef | None = None,
    ) -> BcacheCacheSet:
        """Move a cache set to another free block device or partition (admin; Ready machine).

        MAAS API: ``PUT nodes/{system_id}/bcache-cache-set/{id}/``.

        Args:
            system_id: The machine.
            cache_set: The cache set (id, name or object).
            cache_device: The new block device.
            cache_partition: The new partition.

        Raises:
            BadRequestError: Both given, or the device is in use.
            ConflictError: The machine is not Ready.
        """
        data = _cache_form(cache_device, cache_partition)
        return self._write(system_id, cache_set, data)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, cache_set: StorageObjectRef) -> None:
        """Delete a cache set no bcache uses (admin; Ready machine).

        MAAS API: ``DELETE nodes/{system_id}/bcache-cache-set/{id}/``.

        Raises:
            BadRequestError: A bcache uses it (``Cannot delete cache set; it's currently in
                use.``).
            ConflictError: The machine is not Ready.
        """
        self._remove(system_id, cache_set)


class BcacheCacheSetsOfNode:
    """The cache sets of one machine: the :class:`BcacheCacheSets` methods with it filled in.

    Attributes:
        system_id: The machine.
        list: :meth:`BcacheCacheSets.list` of the machine.
        get: :meth:`BcacheCacheSets.get` on the machine.
        create: :meth:`BcacheCacheSets.create` on the machine.
        update: :meth:`BcacheCacheSets.update` on the machine.
        delete: :meth:`BcacheCacheSets.delete` on the machine.
    """

    def __init__(self, manager: BcacheCacheSets, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create = bind_node(manager.create, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)

    def __repr__(self) -> str:
        return f"<BcacheCacheSets of {self.system_id}>"


def _cache_form(cache_device: DeviceRef | None, cache_partition: PartitionRef | None) -> FormPairs:
    return form(
        {
            "cache_device": None if cache_device is None else reference(cache_device),
            "cache_partition": None if cache_partition is None else reference(cache_partition),
        }
    )
