"""VM hosts (LXD and virsh): the :class:`VMHost` model and the :class:`VMHosts` manager.

``client.vm_hosts`` reaches them through ``vm-hosts/`` (MAAS 2.8+). MAAS still serves the same
handlers under their old name, ``pods/``; ``client.pods`` is a :class:`Pods` manager that sends
every request there instead (only useful against a MAAS older than 2.8). Each manager method
therefore declares both routes.

Composing a VM (:meth:`VMHosts.compose`) creates a machine that MAAS commissions at once; the
method returns that :class:`~maas_sdk.resources.machines.Machine` and can wait until it is Ready.

MAAS API: ``vm-hosts/``, ``vm-hosts/{id}/``, ``pods/``, ``pods/{id}/`` (REFERENCE.md §18).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import TypeAdapter

from maas_sdk._clock import Clock, SystemClock
from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeStatus
from maas_sdk.resources._base import (
    TransportLike,
    bind_all,
    comma_list,
    decode,
    form,
)
from maas_sdk.resources.common import Domain, ResourcePool
from maas_sdk.resources.vm_host_model import (
    ComposedMachine,
    VMHost,
    VMHostResources,
    VMHostStoragePool,
    VMHostType,
)
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk._wait import ProgressCallback
    from maas_sdk.resources.machines import Machine

__all__ = [
    "ComposedMachine",
    "Pods",
    "VMHost",
    "VMHostResources",
    "VMHostStoragePool",
    "VMHostType",
    "VMHosts",
]


_VM_HOST = TypeAdapter(VMHost)
_VM_HOSTS = TypeAdapter(list[VMHost])
_COMPOSED = TypeAdapter(ComposedMachine)
_PARAMETERS = TypeAdapter(dict[str, Any])
ZoneRef = str | Zone
"""A zone by name or as a model."""
PoolRef = str | ResourcePool
"""A resource pool by name or as a model."""


class VMHosts:
    """Manager of VM hosts, reached as ``client.vm_hosts``.

    Args:
        transport: The client's transport.
        clock: The client's clock, used when :meth:`compose` waits.
    """

    _root: ClassVar[str] = "vm-hosts/"

    def __init__(self, transport: TransportLike, *, clock: Clock | None = None) -> None:
        self._transport = transport
        self._clock: Clock = clock if clock is not None else SystemClock()

    def __repr__(self) -> str:
        return "<VMHosts manager>"

    def _path(self, vm_host: int) -> str:
        return f"{self._root}{int(vm_host)}/"

    def _one(self, answer: Any) -> VMHost:
        return decode(answer, _VM_HOST)._bind(self)

    @api_operation("GET", "vm-hosts/")
    @api_operation("GET", "pods/")
    def list(self) -> builtins.list[VMHost]:
        """List the VM hosts the caller may see, by id.

        MAAS API: ``GET vm-hosts/`` (``GET pods/`` through :class:`Pods`).
        """
        hosts = decode(self._transport.get(self._root), _VM_HOSTS)
        bind_all(hosts, self)
        return hosts

    @api_operation("GET", "vm-hosts/{id}/")
    @api_operation("GET", "pods/{id}/")
    def get(self, vm_host: int) -> VMHost:
        """Read one VM host by id.

        MAAS API: ``GET vm-hosts/{id}/``.

        Raises:
            NotFoundError: No such VM host (MAAS's text is ``Not Found``).
        """
        return self._one(self._transport.get(self._path(vm_host)))

    @api_operation("POST", "vm-hosts/")
    @api_operation("POST", "pods/")
    def create(
        self,
        type: VMHostType | str,  # noqa: A002 - MAAS's parameter name
        power_address: str,
        *,
        power_user: str | None = None,
        power_pass: str | None = None,
        name: str | None = None,
        zone: ZoneRef | None = None,
        pool: PoolRef | None = None,
        tags: str | Sequence[str] | None = None,
        project: str | None = None,
        certificate: str | None = None,
        key: str | None = None,
    ) -> VMHost:
        """Add a VM host (admin); MAAS contacts it at once and discovers its resources.

        MAAS API: ``POST vm-hosts/``.

        Args:
            type: ``lxd`` or ``virsh``.
            power_address: ``qemu+ssh://user@host/system`` for virsh, the host's address
                (``10.0.0.5:8443``) for LXD.
            power_user: virsh user, when SSH keys are not set up.
            power_pass: virsh password, or the LXD trust password when MAAS's certificate is
                not trusted by the host yet.
            name: Name (MAAS picks one if omitted).
            zone: Zone of the host and of its VMs.
            pool: Default resource pool of composed machines.
            tags: Tags of the host.
            project: LXD project MAAS manages (created when missing; ``default`` otherwise).
            certificate: LXD client certificate (PEM); MAAS generates one with ``key`` omitted.
            key: Private key of ``certificate`` (PEM).

        Raises:
            BadRequestError: Missing or invalid fields (``field_errors``).
            PermissionDeniedError: The caller is not an administrator.
            ServiceUnavailableError: MAAS could not reach or log in to the host.
        """
        data = form(
            {
                "type": type,
                "power_address": power_address,
                "power_user": power_user,
                "power_pass": power_pass,
                "name": name,
                "zone": _name(zone),
                "pool": _name(pool),
                "tags": comma_list(tags),
                "project": project,
                "certificate": certificate,
                "key": key,
            }
        )
        return self._one(self._transport.post(self._root, data=data))

    @api_operation("PUT", "vm-hosts/{id}/")
    @api_operation("PUT", "pods/{id}/")
    def update(
        self,
        vm_host: int,
        *,
        name: str | None = None,
        zone: ZoneRef | None = None,
        pool: PoolRef | None = None,
        tags: str | Sequence[str] | None = None,
        cpu_over_commit_ratio: float | None = None,
        memory_over_commit_ratio: float | None = None,
        default_storage_pool: str | None = None,
        default_macvlan_mode: str | None = None,
        power_address: str | None = None,
        power_pass: str | None = None,
    ) -> VMHost:
        """Change a VM host (admin); omitted arguments stay unchanged. The type cannot change.

        MAAS API: ``PUT vm-hosts/{id}/``.

        Args:
            vm_host: The host's id.
            name: New name.
            zone: New zone.
            pool: New default pool of composed machines.
            tags: The complete new tag list (replaces the current one).
            cpu_over_commit_ratio: 0 to 10.
            memory_over_commit_ratio: 0 to 10.
            default_storage_pool: Id or name of one of the host's storage pools.
            default_macvlan_mode: ``bridge``, ``passthru``, ``private`` or ``vepa``.
            power_address: New address of the host.
            power_pass: New password.
        """
        data = form(
            {
                "name": name,
                "zone": _name(zone),
                "pool": _name(pool),
                "tags": comma_list(tags),
                "cpu_over_commit_ratio": cpu_over_commit_ratio,
                "memory_over_commit_ratio": memory_over_commit_ratio,
                "default_storage_pool": default_storage_pool,
                "default_macvlan_mode": default_macvlan_mode,
                "power_address": power_address,
                "power_pass": power_pass,
            }
        )
        return self._one(self._transport.put(self._path(vm_host), data=data))

    @api_operation("DELETE", "vm-hosts/{id}/")
    @api_operation("DELETE", "pods/{id}/")
    def delete(self, vm_host: int, *, decompose: bool | None = None) -> None:
        """Remove a VM host from MAAS (admin).

        MAAS API: ``DELETE vm-hosts/{id}/``.

        Args:
            vm_host: The host's id.
            decompose: Also delete the VMs MAAS composed on it (otherwise they stay as machines).
        """
        self._transport.delete(self._path(vm_host), params=form({"decompose": decompose}))

    @api_operation("POST", "vm-hosts/{id}/", op="refresh")
    @api_operation("POST", "pods/{id}/", op="refresh")
    def rediscover(self, vm_host: int) -> VMHost:
        """Contact the host, update its resources, storage pools and VMs, and return it (admin).

        This is MAAS's ``refresh`` operation; :meth:`VMHost.refresh` only re-reads the object.

        MAAS API: ``POST vm-hosts/{id}/?op=refresh``.

        Raises:
            ServiceUnavailableError: The host cannot be reached.
        """
        return self._one(self._transport.post(self._path(vm_host), op="refresh", data=[]))

    @api_operation("GET", "vm-hosts/{id}/", op="parameters")
    @api_operation("GET", "pods/{id}/", op="parameters")
    def power_parameters(self, vm_host: int) -> dict[str, Any]:
        """Return the host's power parameters, passwords included (admin).

        MAAS API: ``GET vm-hosts/{id}/?op=parameters``.
        """
        return decode(self._transport.get(self._path(vm_host), op="parameters"), _PARAMETERS)

    @api_operation("POST", "vm-hosts/{id}/", op="add_tag")
    @api_operation("POST", "pods/{id}/", op="add_tag")
    def add_tag(self, vm_host: int, tag: str) -> VMHost:
        """Add one tag to a VM host (admin) and return it.

        MAAS API: ``POST vm-hosts/{id}/?op=add_tag``.

        Raises:
            BadRequestError: The tag contains a comma.
        """
        answer = self._transport.post(self._path(vm_host), op="add_tag", data=form({"tag": tag}))
        return self._one(answer)

    @api_operation("POST", "vm-hosts/{id}/", op="remove_tag")
    @api_operation("POST", "pods/{id}/", op="remove_tag")
    def remove_tag(self, vm_host: int, tag: str) -> VMHost:
        """Remove one tag from a VM host (admin) and return it.

        MAAS API: ``POST vm-hosts/{id}/?op=remove_tag``.
        """
        answer = self._transport.post(self._path(vm_host), op="remove_tag", data=form({"tag": tag}))
        return self._one(answer)

    @api_operation("POST", "vm-hosts/{id}/", op="compose")
    @api_operation("POST", "pods/{id}/", op="compose")
    def compose(
        self,
        vm_host: int,
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
        """Compose a virtual machine on a VM host (admin) and return the new machine.

        MAAS answers only the machine's system_id; the machine is then read with
        ``GET machines/{system_id}/``. It starts commissioning at once unless
        ``skip_commissioning`` is set.

        MAAS API: ``POST vm-hosts/{id}/?op=compose``.

        Args:
            vm_host: The host's id.
            cores: CPU cores (default 1).
            memory: Memory in MiB (at least 1024; default 2048).
            cpu_speed: Minimum CPU speed in MHz.
            architecture: One of the host's architectures (default: its first).
            storage: Disks as ``label:size(tag,...)`` with sizes in GB, several joined by
                commas (default ``root:8(local)``); a sequence is joined for you.
            interfaces: Interface constraints ``label:key=value,...`` joined by ``;`` (a
                sequence is joined for you); needs a host MAAS manages.
            hostname: Host name of the machine (MAAS picks one if omitted).
            domain: Domain, by id or model (default: the default domain).
            zone: Zone, by id or model (default: the default zone).
            pool: Resource pool, by id or model (default: the host's pool).
            hugepages_backed: Back the VM's memory with huge pages.
            pinned_cores: Host cores to pin the VM to (instead of ``cores``).
            skip_commissioning: Leave the machine Ready without commissioning it.
            wait: Wait until the machine is Ready (commissioning and its tests done).
            timeout: Deadline of the wait in seconds (default one hour).
            poll_interval: Seconds before the first poll (default 5; grows 1.5x up to 60).
            on_progress: Called with the machine after every poll while waiting.

        Raises:
            BadRequestError: The host cannot compose (``VM host does not support
                composability.``) or a constraint is invalid.
            ServiceUnavailableError: The host could not create the VM.
            CommissioningFailedError: With ``wait``: commissioning or its tests failed.
            WaitTimeoutError: With ``wait``: the deadline passed first.
        """
        data = form(
            {
                "cores": cores,
                "memory": memory,
                "cpu_speed": cpu_speed,
                "architecture": architecture,
                "storage": comma_list(storage),
                "interfaces": _joined(interfaces, ";"),
                "hostname": hostname,
                "domain": _id(domain),
                "zone": _id(zone),
                "pool": _id(pool),
                "hugepages_backed": hugepages_backed,
                "pinned_cores": list(pinned_cores) if pinned_cores is not None else None,
                "skip_commissioning": skip_commissioning,
            }
        )
        answer = self._transport.post(self._path(vm_host), op="compose", data=data)
        composed = decode(answer, _COMPOSED)
        from maas_sdk.resources.machine_manager import Machines

        machine = Machines(self._transport, clock=self._clock).get(composed.system_id)
        if wait and not skip_commissioning:
            machine.wait_for(
                NodeStatus.READY,
                timeout=timeout,
                poll_interval=poll_interval,
                on_progress=on_progress,
            )
        return machine


class Pods(VMHosts):
    """The VM hosts through MAAS's deprecated ``pods/`` URLs, reached as ``client.pods``.

    Identical to :class:`VMHosts` except for the URLs (and the ``resource_uri`` MAAS answers);
    use it only against a MAAS older than 2.8, which has no ``vm-hosts/``.
    """

    _root: ClassVar[str] = "pods/"

    def __repr__(self) -> str:
        return "<Pods manager>"


def _name(value: str | Zone | ResourcePool | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.name


def _id(value: int | Domain | Zone | ResourcePool | None) -> int | None:
    if value is None or isinstance(value, int):
        return value
    return value.id


def _joined(value: str | Sequence[str] | None, separator: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return separator.join(value)
