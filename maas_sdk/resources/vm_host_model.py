"""The VM host model (:class:`VMHost`) and the objects nested in VM host answers.

The manager is :class:`~maas_sdk.resources.vm_hosts.VMHosts`; both are importable from
:mod:`maas_sdk.resources.vm_hosts`.

MAAS API: ``vm-hosts/`` (REFERENCE.md §18).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from maas_sdk.enums import VMHostType
from maas_sdk.resources._base import MAASModel, Resource, bound_manager
from maas_sdk.resources.common import Domain, ObjectStub, ResourcePool
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk._wait import ProgressCallback
    from maas_sdk.resources.machines import Machine
    from maas_sdk.resources.vm_hosts import VMHosts

__all__ = ["ComposedMachine", "VMHost", "VMHostResources", "VMHostStoragePool", "VMHostType"]


class VMHostResources(MAASModel):
    """Cores, memory and local storage of a VM host (``total``, ``used`` or ``available``)."""

    cores: int = 0
    """Number of CPU cores (over-commit included in ``available``)."""
    memory: int = 0
    """Memory in MiB."""
    local_storage: int = 0
    """Local storage in bytes."""


class VMHostStoragePool(MAASModel):
    """A storage pool of a VM host."""

    id: str
    """The pool's identifier on the host (not a MAAS database id)."""
    name: str = ""
    """The pool's name."""
    type: str = ""
    """Backend: ``dir``, ``lvm``, ``zfs``, ``btrfs``, ``logical``, ``iscsi``..."""
    path: str = ""
    """Path or source of the pool on the host."""
    total: int = 0
    """Capacity in bytes."""
    used: int = 0
    """Bytes used by MAAS-composed VMs."""
    available: int = 0
    """Free bytes."""
    default: bool = False
    """Whether composed VMs use this pool unless told otherwise."""


class ComposedMachine(MAASModel):
    """MAAS's whole answer to ``op=compose``: where to find the new machine."""

    system_id: str
    """system_id of the new machine."""
    resource_uri: str = ""
    """Absolute API path of the new machine (``/MAAS/api/2.0/machines/<system_id>/``)."""


class VMHost(Resource):
    """A host MAAS composes virtual machines on (LXD or libvirt).

    Compares equal to another :class:`VMHost` with the same :attr:`id`. ``name``, ``zone``,
    ``pool``, ``tags``, the over-commit ratios and ``default_macvlan_mode`` can be assigned and
    sent with :meth:`save`; the power address and password change through
    :meth:`VMHosts.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "zone",
            "pool",
            "tags",
            "cpu_over_commit_ratio",
            "memory_over_commit_ratio",
            "default_macvlan_mode",
        }
    )
    if TYPE_CHECKING:
        _manager: VMHosts | None

    id: int
    """Database id."""
    name: str = ""
    """Name of the host."""
    type: VMHostType = VMHostType.LXD
    """``lxd`` or ``virsh``."""
    tags: list[str] = Field(default_factory=list)
    """Tags; machines composed on the host get them too (``pod-console-logging`` is added by
    MAAS)."""
    architectures: list[str] = Field(default_factory=list)
    """Architectures the host can run (``amd64/generic``...)."""
    capabilities: list[str] = Field(default_factory=list)
    """Subset of ``composable``, ``dynamic_local_storage``, ``over_commit``, ``storage_pools``."""
    total: VMHostResources = Field(default_factory=VMHostResources)
    """What the host has."""
    used: VMHostResources = Field(default_factory=VMHostResources)
    """What its VMs use."""
    available: VMHostResources = Field(default_factory=VMHostResources)
    """What is left for new VMs."""
    zone: Zone | None = None
    """Zone of the host; composed machines go there by default."""
    pool: ResourcePool | None = None
    """Resource pool composed machines go into by default."""
    cpu_over_commit_ratio: float = 1.0
    """CPU over-commit ratio (0-10)."""
    memory_over_commit_ratio: float = 1.0
    """Memory over-commit ratio (0-10)."""
    storage_pools: list[VMHostStoragePool] = Field(default_factory=list)
    """The host's storage pools."""
    host: ObjectStub | None = None
    """The machine or controller the host runs on (a stub; ``system_id`` is ``None`` when MAAS
    does not manage it)."""
    default_macvlan_mode: str | None = None
    """Default MACVLAN mode of composed interfaces (``bridge``, ``passthru``, ``private``,
    ``vepa``) or ``None``."""
    version: str = ""
    """Version of LXD or libvirt on the host (empty before MAAS 2.9)."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/vm-hosts/<id>/``, ``pods/<id>/`` through ``pods/``)."""

    def __repr__(self) -> str:
        return f"<VMHost {self.id} {self.name} {self.type.value}>"

    __str__ = __repr__

    def _vm_hosts(self) -> VMHosts:
        manager: VMHosts | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> VMHost:
        """Re-read the VM host (dropping unsaved changes) and return it.

        MAAS's own ``refresh`` operation, which contacts the host, is :meth:`rediscover`.
        """
        return self._apply(self._vm_hosts().get(self.id))

    def save(self) -> VMHost:
        """Send the assigned fields (nothing if none changed) and return the VM host."""
        changes = self.changes
        if not changes:
            return self
        if "default_macvlan_mode" in changes and changes["default_macvlan_mode"] is None:
            changes["default_macvlan_mode"] = ""
        return self._apply(self._vm_hosts().update(self.id, **changes))

    def delete(self, *, decompose: bool | None = None) -> None:
        """Delete the VM host; see :meth:`VMHosts.delete`."""
        self._vm_hosts().delete(self.id, decompose=decompose)

    def rediscover(self) -> VMHost:
        """Contact the host and update what MAAS knows of it; see :meth:`VMHosts.rediscover`."""
        return self._apply(self._vm_hosts().rediscover(self.id))

    def power_parameters(self) -> dict[str, Any]:
        """Return the host's power parameters; see :meth:`VMHosts.power_parameters`."""
        return self._vm_hosts().power_parameters(self.id)

    def add_tag(self, tag: str) -> VMHost:
        """Add a tag to the host; see :meth:`VMHosts.add_tag`."""
        return self._apply(self._vm_hosts().add_tag(self.id, tag))

    def remove_tag(self, tag: str) -> VMHost:
        """Remove a tag from the host; see :meth:`VMHosts.remove_tag`."""
        return self._apply(self._vm_hosts().remove_tag(self.id, tag))

    def compose(
        self,
        *,
        cores: int | None = None,
        memory: int | None = None,
        cpu_speed: int | None = None,
        architecture: str | None = None,
        storage: str | Sequence[str] | None = None,
        interfaces: str | Sequence[str] | None = None,
        hostname: str | None = None,
        domain: int | Domain | None = None,
        zone: int | Zone | None = None,
        pool: int | ResourcePool | None = None,
        hugepages_backed: bool | None = None,
        pinned_cores: Sequence[int] | None = None,
        skip_commissioning: bool | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Compose a VM on this host and return the new machine; see :meth:`VMHosts.compose`."""
        arguments = {name: value for name, value in locals().items() if name != "self"}
        return self._vm_hosts().compose(self.id, **arguments)
