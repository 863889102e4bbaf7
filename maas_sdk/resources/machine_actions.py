"""Machine lifecycle operations in procedural form: ``client.machines.deploy(system_id, ...)``.

:class:`MachineActions` is the base of the :class:`~maas_sdk.resources.machine_manager.Machines`
manager: its plumbing, and the operations that move one machine through its lifecycle (deploy,
release, commission, test, abort, rescue mode). Every bound action of
:class:`~maas_sdk.resources.machines.Machine` is a one-line delegation to a manager method.

Operations that start a background process take ``wait=True`` to return only once the machine
got there, polling on the client's clock (see :mod:`maas_sdk._wait`); ``timeout``,
``poll_interval`` and ``on_progress`` tune it.

MAAS API: ``machines/{system_id}/`` ops (REFERENCE.md §7.4, LIFECYCLE.md §3).
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import TypeAdapter

from maas_sdk._clock import Clock, SystemClock
from maas_sdk._operations import api_operation
from maas_sdk._wait import (
    EXPECTATIONS,
    ProgressCallback,
    check_wait_arguments,
    wait_for_machine,
)
from maas_sdk.enums import (
    BridgeType,
)
from maas_sdk.resources._base import (
    FormPairs,
    ScriptParameters,
    TransportLike,
    comma_list,
    decode,
    decode_optional,
    encode_user_data,
    form,
    path_segment,
)
from maas_sdk.resources.machines import Machine

__all__ = ["MachineActions", "check_wait", "machine_path"]


_MACHINE = TypeAdapter(Machine)


class MachineActions:
    """Operations on one machine, identified by its system_id.

    Args:
        transport: The client's transport.
        clock: The clock used for waiting (the client's; a fake clock never sleeps).
    """

    def __init__(self, transport: TransportLike, *, clock: Clock | None = None) -> None:
        self._transport = transport
        self._clock: Clock = clock if clock is not None else SystemClock()

    # --- plumbing --------------------------------------------------------------------------

    def _read(self, system_id: str) -> Machine:
        answer = self._transport.get(machine_path(system_id))
        return decode(answer, _MACHINE)._bind(self)

    def _post(self, system_id: str, op: str, data: FormPairs | None = None) -> Machine:
        answer = self._transport.post(machine_path(system_id), op=op, data=data or [])
        return decode(answer, _MACHINE)._bind(self)

    def _post_optional(
        self, system_id: str, op: str, data: FormPairs | None = None
    ) -> Machine | None:
        answer = self._transport.post(machine_path(system_id), op=op, data=data or [])
        machine = decode_optional(answer, _MACHINE)
        return None if machine is None else machine._bind(self)

    def _wait(
        self,
        machine: Machine,
        action: str,
        timeout: float | None,
        poll_interval: float | None,
        on_progress: ProgressCallback | None,
    ) -> Machine:
        return wait_for_machine(
            machine,
            lambda: self._read(machine.system_id),
            EXPECTATIONS[action],
            clock=self._clock,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    # --- deploy / release / commission / test ----------------------------------------------

    @api_operation("POST", "machines/{system_id}/", op="deploy")
    def deploy(
        self,
        system_id: str,
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
        """Deploy an operating system to a Ready (auto-allocated) or Allocated machine.

        MAAS API: ``POST machines/{system_id}/?op=deploy``.

        Args:
            system_id: The machine.
            distro_series: Release to install (``jammy``, ``ubuntu/jammy``, ``22.04`` or a
                custom image); default: MAAS's ``default_distro_series``.
            hwe_kernel: Kernel, e.g. ``ga-22.04`` or ``hwe-22.04``.
            user_data: cloud-init user data; sent base64-encoded. Omitted: the previous user
                data is kept.
            license_key: License key for operating systems that need one.
            agent_name: Agent name stored when deploy allocates the machine.
            comment: Comment for the event log.
            bridge_all: Create a bridge on every configured interface.
            bridge_type: ``standard`` or ``ovs``.
            bridge_stp: Enable STP on the bridges.
            bridge_fd: Bridge forward delay in seconds.
            install_kvm: Install libvirt KVM and register the machine as a VM host (admin).
            register_vmhost: Install LXD and register the machine as a VM host (admin).
            ephemeral_deploy: Deploy to memory instead of disk.
            enable_hw_sync: Install the hardware-sync agent.
            enable_kernel_crash_dump: Enable kernel crash dumps (MAAS 3.6+).
            vcenter_registration: Register ESXi with vCenter (admin; default true).
            install_rackd: Deprecated; rejected by MAAS 3.4.10, 3.6.5 and 3.7.3.
            wait: Return only once the machine is Deployed.
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 65 min).
            poll_interval: With ``wait``, seconds before the first poll (default 5, growing).
            on_progress: With ``wait``, called with the machine after every poll.

        Returns:
            The machine (Deploying, or Deployed with ``wait``).

        Raises:
            ConflictError: The machine is not Ready or Allocated (the server's message says why).
            PermissionDeniedError: The machine is locked or not the caller's.
            DeploymentFailedError: With ``wait``: it ended in Failed deployment or went back.
            WaitTimeoutError: With ``wait``: the deadline passed.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form(
            {
                "distro_series": distro_series,
                "hwe_kernel": hwe_kernel,
                "user_data": encode_user_data(user_data),
                "license_key": license_key,
                "agent_name": agent_name,
                "comment": comment,
                "bridge_all": bridge_all,
                "bridge_type": bridge_type,
                "bridge_stp": bridge_stp,
                "bridge_fd": bridge_fd,
                "install_kvm": install_kvm,
                "register_vmhost": register_vmhost,
                "ephemeral_deploy": ephemeral_deploy,
                "enable_hw_sync": enable_hw_sync,
                "enable_kernel_crash_dump": enable_kernel_crash_dump,
                "vcenter_registration": vcenter_registration,
                "install_rackd": install_rackd,
            }
        )
        machine = self._post(system_id, "deploy", data)
        if not wait:
            return machine
        return self._wait(machine, "deploy", timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="release")
    def release(
        self,
        system_id: str,
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
        """Release a machine back to the pool (a no-op when it is already Ready or Releasing).

        MAAS API: ``POST machines/{system_id}/?op=release``.

        Args:
            system_id: The machine.
            comment: Comment for the event log.
            erase: Wipe the disks (the machine goes through Disk erasing).
            secure_erase: Use the drives' secure erase (falls back to overwriting).
            quick_erase: Wipe only 2 MiB at the start and end of each disk.
            force: Also delete VM hosts deployed on the machine.
            scripts: Release scripts or tags to run (MAAS 3.5+).
            script_parameters: Parameters of those scripts.
            wait: Return only once the machine is Ready (or New).
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 35 min).
            poll_interval: With ``wait``, seconds before the first poll (default 5, growing).
            on_progress: With ``wait``, called with the machine after every poll.

        Raises:
            ConflictError: The machine cannot be released in its current state.
            PermissionDeniedError: The machine is locked or not the caller's.
            ReleaseFailedError: With ``wait``: it ended in Releasing failed or Failed disk
                erasing (:class:`DiskErasingFailedError`), or went back.
            WaitTimeoutError: With ``wait``: the deadline passed.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form(
            {
                "comment": comment,
                "erase": erase,
                "secure_erase": secure_erase,
                "quick_erase": quick_erase,
                "force": force,
                "scripts": comma_list(scripts),
            },
            script_parameters or {},
        )
        machine = self._post(system_id, "release", data)
        if not wait:
            return machine
        return self._wait(machine, "release", timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="commission")
    def commission(
        self,
        system_id: str,
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
        """Commission a New, Ready, Broken or Failed commissioning machine (admin).

        MAAS API: ``POST machines/{system_id}/?op=commission``.

        Args:
            system_id: The machine.
            enable_ssh: Keep the machine on and reachable by SSH after commissioning.
            skip_bmc_config: Do not configure the BMC.
            skip_networking: Keep the current network configuration.
            skip_storage: Keep the current storage configuration.
            commissioning_scripts: Extra commissioning scripts or tags to run.
            testing_scripts: Testing scripts or tags to run afterwards (``"none"``: none).
            script_parameters: Parameters of those scripts.
            wait: Return only once the machine is Ready.
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 65 min).
            poll_interval: With ``wait``, seconds before the first poll (default 5, growing).
            on_progress: With ``wait``, called with the machine after every poll.

        Raises:
            BadRequestError: Commissioning is not available in the current state.
            CommissioningFailedError: With ``wait``: it ended in Failed commissioning or Failed
                testing, or went back to New.
            WaitTimeoutError: With ``wait``: the deadline passed.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form(
            {
                "enable_ssh": enable_ssh,
                "skip_bmc_config": skip_bmc_config,
                "skip_networking": skip_networking,
                "skip_storage": skip_storage,
                "commissioning_scripts": comma_list(commissioning_scripts),
                "testing_scripts": comma_list(testing_scripts),
            },
            script_parameters or {},
        )
        machine = self._post(system_id, "commission", data)
        if not wait:
            return machine
        return self._wait(machine, "commission", timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="test")
    def test(
        self,
        system_id: str,
        *,
        enable_ssh: bool | None = None,
        testing_scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Run hardware tests (admin); the machine returns to its status when they pass.

        MAAS API: ``POST machines/{system_id}/?op=test``.

        Args:
            system_id: The machine.
            enable_ssh: Keep the machine reachable by SSH after testing.
            testing_scripts: Testing scripts or tags to run.
            script_parameters: Parameters of those scripts.
            wait: Return only once testing is over.
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 35 min).
            poll_interval: With ``wait``, seconds before the first poll (default 5, growing).
            on_progress: With ``wait``, called with the machine after every poll.

        Raises:
            TestingFailedError: With ``wait``: it ended in Failed testing.
            WaitTimeoutError: With ``wait``: the deadline passed.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form(
            {"enable_ssh": enable_ssh, "testing_scripts": comma_list(testing_scripts)},
            script_parameters or {},
        )
        machine = self._post(system_id, "test", data)
        if not wait:
            return machine
        return self._wait(machine, "test", timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="abort")
    def abort(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Abort commissioning, deployment, disk erasing or testing.

        MAAS API: ``POST machines/{system_id}/?op=abort``.

        Raises:
            ConflictError: Nothing to abort in the current state.
        """
        return self._post(system_id, "abort", form({"comment": comment}))

    # --- rescue mode -----------------------------------------------------------------------

    @api_operation("POST", "machines/{system_id}/", op="rescue_mode")
    def rescue_mode(
        self,
        system_id: str,
        *,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Boot the machine into an ephemeral rescue environment (admin).

        MAAS API: ``POST machines/{system_id}/?op=rescue_mode``.

        Raises:
            ConflictError: Rescue mode is not possible from the current status.
            ServiceUnavailableError: No rack controller can reach the BMC.
            RescueModeFailedError: With ``wait``: it ended in Failed to enter rescue mode.
            WaitTimeoutError: With ``wait``: the deadline passed (default 35 min).
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        machine = self._post(system_id, "rescue_mode")
        if not wait:
            return machine
        return self._wait(machine, "rescue_mode", timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="exit_rescue_mode")
    def exit_rescue_mode(
        self,
        system_id: str,
        *,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Leave rescue mode; the machine returns to the status it had before (admin).

        MAAS API: ``POST machines/{system_id}/?op=exit_rescue_mode``.

        Raises:
            ConflictError: The machine is not in (or entering) rescue mode.
            RescueModeFailedError: With ``wait``: it ended in Failed to exit rescue mode or
                went back to Rescue mode.
            WaitTimeoutError: With ``wait``: the deadline passed (default 10 min).
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        machine = self._post(system_id, "exit_rescue_mode")
        if not wait:
            return machine
        return self._wait(machine, "exit_rescue_mode", timeout, poll_interval, on_progress)


def machine_path(system_id: str) -> str:
    """The API path of one machine."""
    return f"machines/{path_segment(system_id)}/"


def check_wait(
    wait: bool,
    timeout: float | None,
    poll_interval: float | None,
    on_progress: ProgressCallback | None,
) -> None:
    """Reject waiting options given without ``wait=True``, and unusable deadlines."""
    if not wait and (timeout is not None or poll_interval is not None or on_progress is not None):
        raise ValueError("timeout=, poll_interval= and on_progress= apply only with wait=True")
    check_wait_arguments(timeout, poll_interval)
