"""The :class:`Machine` model: every field MAAS returns, plus bound actions and waiting.

A machine read through ``client.machines`` is bound to that manager. Each action is a one-line
delegation to the procedural form (``machine.deploy(...)`` calls
``client.machines.deploy(machine.system_id, ...)``), after which the machine takes over the
server's answer in place and is returned. Nothing here does I/O on attribute access.

MAAS API: ``machines/{system_id}/`` (REFERENCE.md §7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from maas_sdk._wait import ProgressCallback, check_wait_arguments, expectation_for, wait_for_machine
from maas_sdk.enums import (
    BridgeType,
    CacheMode,
    NodeStatus,
    PowerState,
    PowerStopMode,
    StorageLayout,
)
from maas_sdk.errors import ActionFailedError, WaitTimeoutError
from maas_sdk.resources._base import ScriptParameters, bound_manager
from maas_sdk.resources._machine_fields import MachineFields

if TYPE_CHECKING:
    from maas_sdk.resources.block_device_manager import BlockDevicesOfNode
    from maas_sdk.resources.machine_manager import Machines
    from maas_sdk.resources.machine_settings import MachineDetails, MachineToken
    from maas_sdk.resources.node_interfaces import InterfacesOfNode

__all__ = ["Machine"]


def _arguments(local_names: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a bound action, to pass on to the manager unchanged."""
    return {name: value for name, value in local_names.items() if name != "self"}


class Machine(MachineFields):
    """A machine: every field MAAS returns and every operation it accepts.

    Compares equal to another :class:`Machine` with the same ``system_id``; ``repr`` is short
    (``<Machine abc123 db-1 Deployed>``). Assign the writable fields (``hostname``,
    ``description``, ``zone``, ``pool``, ``domain``, ``architecture``, ``cpu_count``,
    ``memory``, ``swap_size``, ...) and call :meth:`save`; assigning any other field raises
    :class:`~maas_sdk.errors.ReadOnlyFieldError`. Keys this SDK does not know are kept in
    ``model_extra``.
    """

    if TYPE_CHECKING:
        _manager: Machines | None

    def __repr__(self) -> str:
        name = self.status_name or self.status.label
        return f"<Machine {self.system_id} {self.hostname} {name}>"

    __str__ = __repr__

    @property
    def addresses(self) -> list[str]:
        """The machine's IP addresses, from ``ip_addresses`` or else from its interface links.

        MAAS 3.4 leaves ``ip_addresses`` out of machine objects; then the addresses of the
        interface links are returned instead.
        """
        if self.ip_addresses:
            return list(self.ip_addresses)
        return [
            link.ip_address
            for interface in self.interface_set
            for link in interface.links
            if link.ip_address
        ]

    @property
    def interfaces(self) -> InterfacesOfNode:
        """This machine's interfaces manager (``client.interfaces`` for this node; no I/O here).

        ``machine.interfaces.list()`` reads them, ``.create_bond(...)`` adds one, and so on; the
        snapshot MAAS sent with the machine stays in :attr:`interface_set`.
        """
        from maas_sdk.resources.interface_manager import Interfaces

        return Interfaces(self._machines()._transport).of(self.system_id)

    @property
    def block_devices(self) -> BlockDevicesOfNode:
        """This machine's block devices manager (``client.block_devices`` for this node).

        ``.partitions(device)`` gives a device's partitions; no I/O happens until a method is
        called. The snapshot MAAS sent with the machine stays in :attr:`blockdevice_set`.
        """
        from maas_sdk.resources.block_device_manager import BlockDevices

        return BlockDevices(self._machines()._transport).of(self.system_id)

    def _machines(self) -> Machines:
        manager: Machines | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def _act(self, operation: Callable[..., Machine | None], arguments: dict[str, Any]) -> Machine:
        """Run a manager operation on this machine and take over its answer.

        Fields assigned but not saved stay assigned. When a wait fails
        (:class:`ActionFailedError`, :class:`WaitTimeoutError`), the machine takes over the
        state the error carries and becomes the error's ``machine`` before the error
        propagates, so ``machine.status`` shows where it ended. An answer of ``null``
        (``power_off`` with nothing to do) leaves the machine unchanged.
        """
        try:
            fresh = operation(self.system_id, **arguments)
        except (ActionFailedError, WaitTimeoutError) as error:
            if error.machine is not None and error.machine is not self:
                self._apply(error.machine, keep_changes=True)
                error.machine = self
            raise
        return self if fresh is None else self._apply(fresh, keep_changes=True)

    # --- reading and writing ---------------------------------------------------------------

    def refresh(self) -> Machine:
        """Re-read the machine (dropping unsaved changes) and return it.

        MAAS API: ``GET machines/{system_id}/``.
        """
        return self._apply(self._machines().get(self.system_id))

    def save(self) -> Machine:
        """Send the assigned fields (nothing if none changed) and return the updated machine.

        A field assigned ``None`` is sent empty, which MAAS takes as "back to the default".

        MAAS API: ``PUT machines/{system_id}/`` (admin).
        """
        changes = self.changes
        if not changes:
            return self
        cleared: dict[str, Any] = {k: "" if v is None else v for k, v in changes.items()}
        return self._apply(self._machines().update(self.system_id, **cleared))

    def delete(self, *, force: bool | None = None) -> None:
        """Delete the machine; see :meth:`Machines.delete`.

        MAAS API: ``DELETE machines/{system_id}/``.
        """
        self._machines().delete(self.system_id, force=force)

    def wait_for(
        self,
        status: NodeStatus | Iterable[NodeStatus],
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Poll the machine until it reaches ``status`` (or one of several), and return it.

        Failure statuses that were not asked for raise their error at once
        (:class:`DeploymentFailedError`, ...), as does a return to the current status after a
        transitional one; anything else keeps the wait going until the deadline.

        Args:
            status: The status, or statuses, to wait for.
            timeout: Seconds before :class:`WaitTimeoutError` (default one hour).
            poll_interval: Seconds before the first poll (default 5; grows 1.5x up to 60).
            on_progress: Called with the freshly read machine after every poll.

        MAAS API: ``GET machines/{system_id}/`` (polled).
        """
        check_wait_arguments(timeout, poll_interval)
        targets = [status] if isinstance(status, NodeStatus) else list(status)
        manager = self._machines()
        final = wait_for_machine(
            self,
            lambda: manager.get(self.system_id),
            expectation_for(targets, self.status),
            clock=manager.clock,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )
        return self if final is self else self._apply(final)

    # --- lifecycle -------------------------------------------------------------------------

    def deploy(
        self,
        *,
        distro_series: str | None = None,
        hwe_kernel: str | None = None,
        user_data: str | bytes | None = None,
        license_key: str | None = None,
        agent_name: str | None = None,
        comment: str | None = None,
        bridge_all: bool | None = None,
        bridge_type: BridgeType | str | None = None,
        bridge_stp: bool | None = None,
        bridge_fd: int | None = None,
        install_kvm: bool | None = None,
        register_vmhost: bool | None = None,
        ephemeral_deploy: bool | None = None,
        enable_hw_sync: bool | None = None,
        enable_kernel_crash_dump: bool | None = None,
        vcenter_registration: bool | None = None,
        install_rackd: bool | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Deploy this machine; see :meth:`Machines.deploy`.

        MAAS API: ``POST machines/{system_id}/?op=deploy``.
        """
        return self._act(self._machines().deploy, _arguments(locals()))

    def release(
        self,
        *,
        comment: str | None = None,
        erase: bool | None = None,
        secure_erase: bool | None = None,
        quick_erase: bool | None = None,
        force: bool | None = None,
        scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Release this machine; see :meth:`Machines.release`.

        MAAS API: ``POST machines/{system_id}/?op=release``.
        """
        return self._act(self._machines().release, _arguments(locals()))

    def commission(
        self,
        *,
        enable_ssh: bool | None = None,
        skip_bmc_config: bool | None = None,
        skip_networking: bool | None = None,
        skip_storage: bool | None = None,
        commissioning_scripts: str | Sequence[str] | None = None,
        testing_scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Commission this machine; see :meth:`Machines.commission`.

        MAAS API: ``POST machines/{system_id}/?op=commission``.
        """
        return self._act(self._machines().commission, _arguments(locals()))

    def test(
        self,
        *,
        enable_ssh: bool | None = None,
        testing_scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Run hardware tests on this machine; see :meth:`Machines.test`.

        MAAS API: ``POST machines/{system_id}/?op=test``.
        """
        return self._act(self._machines().test, _arguments(locals()))

    def abort(self, *, comment: str | None = None) -> Machine:
        """Abort the running operation; see :meth:`Machines.abort`.

        MAAS API: ``POST machines/{system_id}/?op=abort``.
        """
        return self._act(self._machines().abort, _arguments(locals()))

    def mark_broken(self, *, comment: str | None = None) -> Machine:
        """Mark this machine Broken; see :meth:`Machines.mark_broken`.

        MAAS API: ``POST machines/{system_id}/?op=mark_broken``.
        """
        return self._act(self._machines().mark_broken, _arguments(locals()))

    def mark_fixed(self, *, comment: str | None = None) -> Machine:
        """Mark this machine fixed; see :meth:`Machines.mark_fixed`.

        MAAS API: ``POST machines/{system_id}/?op=mark_fixed``.
        """
        return self._act(self._machines().mark_fixed, _arguments(locals()))

    def override_failed_testing(self, *, comment: str | None = None) -> Machine:
        """Accept failed tests; see :meth:`Machines.override_failed_testing`.

        MAAS API: ``POST machines/{system_id}/?op=override_failed_testing``.
        """
        return self._act(self._machines().override_failed_testing, _arguments(locals()))

    def lock(self, *, comment: str | None = None) -> Machine:
        """Lock this machine; see :meth:`Machines.lock`.

        MAAS API: ``POST machines/{system_id}/?op=lock``.
        """
        return self._act(self._machines().lock, _arguments(locals()))

    def unlock(self, *, comment: str | None = None) -> Machine:
        """Unlock this machine; see :meth:`Machines.unlock`.

        MAAS API: ``POST machines/{system_id}/?op=unlock``.
        """
        return self._act(self._machines().unlock, _arguments(locals()))

    def rescue_mode(
        self,
        *,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Enter rescue mode; see :meth:`Machines.rescue_mode`.

        MAAS API: ``POST machines/{system_id}/?op=rescue_mode``.
        """
        return self._act(self._machines().rescue_mode, _arguments(locals()))

    def exit_rescue_mode(
        self,
        *,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Leave rescue mode; see :meth:`Machines.exit_rescue_mode`.

        MAAS API: ``POST machines/{system_id}/?op=exit_rescue_mode``.
        """
        return self._act(self._machines().exit_rescue_mode, _arguments(locals()))

    # --- power -----------------------------------------------------------------------------

    def power_on(
        self,
        *,
        user_data: str | bytes | None = None,
        comment: str | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Power this machine on; see :meth:`Machines.power_on`.

        MAAS API: ``POST machines/{system_id}/?op=power_on``.
        """
        return self._act(self._machines().power_on, _arguments(locals()))

    def power_off(
        self,
        *,
        stop_mode: PowerStopMode | str | None = None,
        comment: str | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Power this machine off; see :meth:`Machines.power_off`.

        When MAAS had no power action to take (it answers ``null``), the machine is returned
        unchanged.

        MAAS API: ``POST machines/{system_id}/?op=power_off``.
        """
        return self._act(self._machines().power_off, _arguments(locals()))

    def query_power_state(self) -> PowerState:
        """Ask the BMC for the power state now; see :meth:`Machines.query_power_state`.

        The answer is also stored in :attr:`power_state`.

        MAAS API: ``GET machines/{system_id}/?op=query_power_state``.
        """
        state = self._machines().query_power_state(self.system_id)
        self.__dict__["power_state"] = state
        return state

    # --- configuration ---------------------------------------------------------------------

    def set_storage_layout(
        self,
        storage_layout: StorageLayout | str,
        *,
        boot_size: int | str | None = None,
        root_size: int | str | None = None,
        root_device: int | str | None = None,
        vg_name: str | None = None,
        lv_name: str | None = None,
        lv_size: int | str | None = None,
        cache_device: int | str | None = None,
        cache_mode: CacheMode | str | None = None,
        cache_size: int | str | None = None,
        cache_no_part: bool | None = None,
    ) -> Machine:
        """Apply a storage layout; see :meth:`Machines.set_storage_layout`.

        MAAS API: ``POST machines/{system_id}/?op=set_storage_layout``.
        """
        return self._act(self._machines().set_storage_layout, _arguments(locals()))

    def mount_special(
        self, fstype: str, mount_point: str, *, mount_options: str | None = None
    ) -> Machine:
        """Mount a tmpfs/ramfs; see :meth:`Machines.mount_special`.

        MAAS API: ``POST machines/{system_id}/?op=mount_special``.
        """
        return self._act(self._machines().mount_special, _arguments(locals()))

    def unmount_special(self, mount_point: str) -> Machine:
        """Unmount a special filesystem; see :meth:`Machines.unmount_special`.

        MAAS API: ``POST machines/{system_id}/?op=unmount_special``.
        """
        return self._act(self._machines().unmount_special, _arguments(locals()))

    def clear_default_gateways(self) -> Machine:
        """Clear the chosen default gateways; see :meth:`Machines.clear_default_gateways`.

        MAAS API: ``POST machines/{system_id}/?op=clear_default_gateways``.
        """
        return self._act(self._machines().clear_default_gateways, {})

    def restore_networking_configuration(self) -> Machine:
        """Restore the commissioned network configuration; see the manager method.

        MAAS API: ``POST machines/{system_id}/?op=restore_networking_configuration``.
        """
        return self._act(self._machines().restore_networking_configuration, {})

    def restore_storage_configuration(self) -> Machine:
        """Restore the commissioned storage configuration; see the manager method.

        MAAS API: ``POST machines/{system_id}/?op=restore_storage_configuration``.
        """
        return self._act(self._machines().restore_storage_configuration, {})

    def restore_default_configuration(self) -> Machine:
        """Restore network and storage configuration; see the manager method.

        MAAS API: ``POST machines/{system_id}/?op=restore_default_configuration``.
        """
        return self._act(self._machines().restore_default_configuration, {})

    def set_workload_annotations(self, annotations: Mapping[str, str | None]) -> Machine:
        """Set or delete workload annotations; see :meth:`Machines.set_workload_annotations`.

        MAAS API: ``POST machines/{system_id}/?op=set_workload_annotations``.
        """
        return self._act(self._machines().set_workload_annotations, _arguments(locals()))

    # --- reads that return something else --------------------------------------------------

    def get_curtin_config(self) -> str:
        """Return the curtin configuration; see :meth:`Machines.get_curtin_config`.

        MAAS API: ``GET machines/{system_id}/?op=get_curtin_config``.
        """
        return self._machines().get_curtin_config(self.system_id)

    def details(self) -> MachineDetails:
        """Return commissioning's lshw/lldp output; see :meth:`Machines.details`.

        MAAS API: ``GET machines/{system_id}/?op=details`` (``application/bson``).
        """
        return self._machines().details(self.system_id)

    def power_parameters(self) -> dict[str, Any]:
        """Return the power parameters; see :meth:`Machines.power_parameters`.

        MAAS API: ``GET machines/{system_id}/?op=power_parameters``.
        """
        return self._machines().power_parameters(self.system_id)

    def get_token(self) -> MachineToken | None:
        """Return the metadata token; see :meth:`Machines.get_token`.

        MAAS API: ``GET machines/{system_id}/?op=get_token``.
        """
        return self._machines().get_token(self.system_id)
