"""Virtual machines of VM hosts: the :class:`VirtualMachine` model and its manager.

A virtual machine record ties a VM running on a VM host (``bmc_id``) to the MAAS machine it
is (``machine_id``, when MAAS manages it). MAAS hides these handlers from its API description
but serves them to every user; they are read-only (MAAS's ``POST virtual-machines/`` has no
creation form behind it, so it is not offered: compose VMs with
:meth:`~maas_sdk.resources.vm_hosts.VMHosts.compose`).

MAAS API: ``virtual-machines/``, ``virtual-machines/{id}`` (no trailing slash; MAAS 2.9+).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import Resource, TransportLike, bind_all, bound_manager, decode

__all__ = ["VirtualMachine", "VirtualMachines"]


class VirtualMachine(Resource):
    """A virtual machine on a VM host. Compares equal by :attr:`id`; nothing is writable."""

    if TYPE_CHECKING:
        _manager: VirtualMachines | None

    id: int
    """Database id."""
    identifier: str = ""
    """The VM's name on its host (usually the machine's hostname)."""
    project: str | None = None
    """LXD project the VM lives in (``None``/empty for libvirt)."""
    pinned_cores: list[int] = Field(default_factory=list)
    """Host cores the VM is pinned to (empty when it floats)."""
    unpinned_cores: int = 0
    """Number of cores when not pinned."""
    memory: int = 0
    """Memory in MiB."""
    hugepages_backed: bool = False
    """Whether its memory is backed by huge pages."""
    machine_id: int | None = None
    """Database id (not system_id) of the MAAS machine this VM is, or ``None``."""
    bmc_id: int | None = None
    """Id of the VM host the VM runs on."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/virtual-machines/<id>``)."""

    def __repr__(self) -> str:
        return f"<VirtualMachine {self.id} {self.identifier}>"

    __str__ = __repr__

    @property
    def cores(self) -> int:
        """Number of cores, pinned or not."""
        return len(self.pinned_cores) or self.unpinned_cores

    def refresh(self) -> VirtualMachine:
        """Re-read the virtual machine and return it."""
        manager: VirtualMachines | None = getattr(self, "_manager", None)
        return self._apply(bound_manager(self, manager).get(self.id))


_VM = TypeAdapter(VirtualMachine)
_VMS = TypeAdapter(list[VirtualMachine])


class VirtualMachines:
    """Manager of virtual machines, reached as ``client.virtual_machines``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<VirtualMachines manager>"

    @api_operation("GET", "virtual-machines/")
    def list(self) -> builtins.list[VirtualMachine]:
        """List every virtual machine of every VM host, by id.

        MAAS API: ``GET virtual-machines/``.
        """
        vms = decode(self._transport.get("virtual-machines/"), _VMS)
        bind_all(vms, self)
        return vms

    @api_operation("GET", "virtual-machines/{id}")
    def get(self, vm: int) -> VirtualMachine:
        """Read one virtual machine by id.

        MAAS API: ``GET virtual-machines/{id}``.

        Raises:
            NotFoundError: No such virtual machine.
        """
        return decode(self._transport.get(f"virtual-machines/{int(vm)}"), _VM)._bind(self)
