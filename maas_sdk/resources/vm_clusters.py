"""Clusters of LXD VM hosts: the :class:`VMCluster` model and the :class:`VMClusters` manager.

MAAS creates clusters when it adds a clustered LXD host; API 2.0 can list, read, rename, move
and delete them but not create them.

MAAS API: ``vm-clusters/``, ``vm-clusters/{id}`` (no trailing slash; MAAS 3.1+).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources.common import ResourcePool
from maas_sdk.resources.zones import Zone

__all__ = ["VMCluster", "VMClusterResources", "VMClusterStoragePool", "VMClusters"]


class VMClusterResources(MAASModel):
    """Cores, memory and storage summed over a cluster's hosts."""

    cores: int = 0
    """Number of CPU cores."""
    memory: int = 0
    """Memory in MiB."""
    local_storage: int | None = None
    """Storage in bytes (MAAS 3.1+ source names it so)."""
    storage: int | None = None
    """Storage as MAAS's documentation example names it (older drafts)."""


class VMClusterStoragePool(MAASModel):
    """One storage pool of a cluster, by name in :attr:`VMCluster.storage_pools`."""

    free: int = 0
    """Free bytes."""
    total: int = 0
    """Capacity in bytes."""
    allocated_tracked: int = 0
    """Bytes used by VMs MAAS knows."""
    allocated_other: int = 0
    """Bytes used by anything else."""
    path: str = ""
    """Path or source of the pool."""
    backend: str = ""
    """Backend (``zfs``, ``dir``, ``lvm``...)."""


class VMCluster(Resource):
    """A cluster of LXD VM hosts. Compares equal by :attr:`id`; ``name`` can be saved."""

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name"})
    if TYPE_CHECKING:
        _manager: VMClusters | None

    id: int
    """Database id."""
    name: str = ""
    """Name of the cluster."""
    project: str = ""
    """LXD project MAAS manages on the cluster."""
    vmhost_count: int = 0
    """Number of VM hosts (cluster members)."""
    vm_count: int = 0
    """Number of VMs MAAS tracks on the cluster."""
    version: str = ""
    """LXD version of the first member (empty without members)."""
    total: VMClusterResources = Field(default_factory=VMClusterResources)
    """What the cluster has."""
    used: VMClusterResources = Field(default_factory=VMClusterResources)
    """What its VMs use."""
    available: VMClusterResources = Field(default_factory=VMClusterResources)
    """What is left."""
    storage_pools: dict[str, VMClusterStoragePool] = Field(default_factory=dict)
    """Storage pools by name."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/vm-clusters/<id>``)."""

    def __repr__(self) -> str:
        return f"<VMCluster {self.id} {self.name}>"

    __str__ = __repr__

    def _clusters(self) -> VMClusters:
        manager: VMClusters | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> VMCluster:
        """Re-read the cluster (dropping unsaved changes) and return it."""
        return self._apply(self._clusters().get(self.id))

    def save(self) -> VMCluster:
        """Send an assigned ``name`` (nothing if unchanged) and return the cluster."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._clusters().update(self.id, **changes))

    def delete(self, *, decompose: bool | None = None) -> None:
        """Delete the cluster; see :meth:`VMClusters.delete`."""
        self._clusters().delete(self.id, decompose=decompose)


_CLUSTER = TypeAdapter(VMCluster)
_CLUSTERS = TypeAdapter(list[VMCluster])


class VMClusters:
    """Manager of VM clusters, reached as ``client.vm_clusters``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<VMClusters manager>"

    @api_operation("GET", "vm-clusters/")
    def list(self) -> builtins.list[VMCluster]:
        """List the clusters the caller may see, by id.

        MAAS API: ``GET vm-clusters/``.
        """
        clusters = decode(self._transport.get("vm-clusters/"), _CLUSTERS)
        bind_all(clusters, self)
        return clusters

    @api_operation("GET", "vm-clusters/{id}")
    def get(self, cluster: int) -> VMCluster:
        """Read one cluster by id.

        MAAS API: ``GET vm-clusters/{id}``.

        Raises:
            NotFoundError: No such cluster.
        """
        return decode(self._transport.get(_path(cluster)), _CLUSTER)._bind(self)

    @api_operation("PUT", "vm-clusters/{id}")
    def update(
        self,
        cluster: int,
        *,
        name: str | None = None,
        pool: str | ResourcePool | None = None,
        zone: str | Zone | None = None,
    ) -> VMCluster:
        """Rename a cluster or move its hosts to another pool or zone (admin).

        MAAS API: ``PUT vm-clusters/{id}``.

        Args:
            cluster: The cluster's id.
            name: New name.
            pool: Resource pool (name or model) for every member host.
            zone: Zone (name or model) for every member host.
        """
        data = form(
            {
                "name": name,
                "pool": pool.name if isinstance(pool, ResourcePool) else pool,
                "zone": zone.name if isinstance(zone, Zone) else zone,
            }
        )
        return decode(self._transport.put(_path(cluster), data=data), _CLUSTER)._bind(self)

    @api_operation("DELETE", "vm-clusters/{id}")
    def delete(self, cluster: int, *, decompose: bool | None = None) -> None:
        """Delete a cluster and its member hosts from MAAS (admin).

        MAAS API: ``DELETE vm-clusters/{id}``.

        Args:
            cluster: The cluster's id.
            decompose: Also delete the VMs MAAS composed on its hosts.
        """
        self._transport.delete(_path(cluster), params=form({"decompose": decompose}))


def _path(cluster: int) -> str:
    return f"vm-clusters/{int(cluster)}"
