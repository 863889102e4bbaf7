"""Resource pools: the :class:`ResourcePool` model and ``client.resource_pools``.

The collection is ``resourcepools/`` but one pool is ``resourcepool/{id}/`` (singular); the
instance path accepts the id or the name. The default pool has id 0 and cannot be deleted.

MAAS API: ``resourcepools/``, ``resourcepool/{id}/`` (REFERENCE.md §10.2).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources import common
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)

__all__ = ["ResourcePool", "ResourcePools"]

PoolRef = int | str | common.ResourcePool
"""A pool given by id, by name, or as an object."""


class ResourcePool(Resource, common.ResourcePool):
    """A resource pool with its bound actions.

    It is a :class:`maas_sdk.resources.common.ResourcePool` (the object a machine's ``pool``
    holds) that can also be saved and deleted. Compares equal to another pool with the same
    :attr:`id`. ``name`` and ``description`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "description"})
    if TYPE_CHECKING:
        _manager: ResourcePools | None

    def __repr__(self) -> str:
        return f"<ResourcePool {self.id} {self.name}>"

    __str__ = __repr__

    def _pools(self) -> ResourcePools:
        manager: ResourcePools | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> ResourcePool:
        """Re-read the pool from the server (dropping unsaved changes) and return it."""
        return self._apply(self._pools().get(self.id))

    def save(self) -> ResourcePool:
        """Send the assigned fields (nothing if none changed) and return the pool."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._pools().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the pool; see :meth:`ResourcePools.delete`."""
        self._pools().delete(self.id)


_POOL = TypeAdapter(ResourcePool)
_POOLS = TypeAdapter(list[ResourcePool])


class ResourcePools:
    """Manager of resource pools, reached as ``client.resource_pools``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<ResourcePools manager>"

    @api_operation("GET", "resourcepools/")
    def list(self) -> builtins.list[ResourcePool]:
        """List the pools the caller can see, ordered by name.

        MAAS API: ``GET resourcepools/``.
        """
        pools = decode(self._transport.get("resourcepools/"), _POOLS)
        bind_all(pools, self)
        return pools

    @api_operation("GET", "resourcepool/{id}/")
    def get(self, pool: PoolRef) -> ResourcePool:
        """Read one pool by id or name.

        MAAS API: ``GET resourcepool/{id}/``.

        Raises:
            NotFoundError: No pool matches (``No ResourcePool matches the given query.``).
        """
        return decode(self._transport.get(_pool_path(pool)), _POOL)._bind(self)

    @api_operation("POST", "resourcepools/")
    def create(self, name: str, *, description: str | None = None) -> ResourcePool:
        """Create a pool (admin only).

        MAAS API: ``POST resourcepools/``.

        Args:
            name: The pool's name.
            description: Free-form description.

        Raises:
            BadRequestError: The name is taken, missing or invalid (``field_errors["name"]``).
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        data = form({"name": name, "description": description})
        return decode(self._transport.post("resourcepools/", data=data), _POOL)._bind(self)

    @api_operation("PUT", "resourcepool/{id}/")
    def update(
        self, pool: PoolRef, *, name: str | None = None, description: str | None = None
    ) -> ResourcePool:
        """Change a pool's name or description (admin only); omitted fields stay unchanged.

        MAAS API: ``PUT resourcepool/{id}/``.

        Args:
            pool: The pool (id, name or object).
            name: A new name.
            description: A new description.
        """
        data = form({"name": name, "description": description})
        answer = self._transport.put(_pool_path(pool), data=data)
        return decode(answer, _POOL)._bind(self)

    @api_operation("DELETE", "resourcepool/{id}/")
    def delete(self, pool: PoolRef) -> None:
        """Delete a pool (admin only).

        MAAS API: ``DELETE resourcepool/{id}/``.

        Raises:
            BadRequestError: It is the default pool, or machines are still in it (``Pool has
                machines in it, it cannot be deleted.``).
            NotFoundError: No pool matches.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_pool_path(pool))


def _pool_path(pool: PoolRef) -> str:
    key = pool.id if isinstance(pool, common.ResourcePool) else pool
    return f"resourcepool/{path_segment(key)}/"
