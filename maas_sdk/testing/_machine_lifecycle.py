"""The machine state machine of the fake MAAS (LIFECYCLE.md), driven by the virtual clock.

Operations check permissions and preconditions (in :mod:`._machine_ops`) and then call the
``start_*`` functions here, which change the status inside the request exactly as a real region
does and schedule the asynchronous rest (Commissioning -> Testing -> Ready, Deploying ->
Deployed, ...) on ``store.clock``. Timings come from :class:`._machine_table.Timings`; failures
scripted with :func:`maas_sdk.testing._machines.script_failure` turn a process into its failed
status (or let it hang until MAAS's timeout). Every status change goes through MAAS's transition
table and is logged with the events MAAS records.

Everything here runs with the store lock held (clock callbacks take it themselves).
"""

from __future__ import annotations

from ._machine_ips import assign_address, free_address, release_address
from ._machine_layout import apply_layout, discover_hardware
from ._machine_model import Machine, NodeStatus, ScriptStatus
from ._machine_model import transition_allowed as allowed
from ._machine_table import MachineTable
from ._machine_transitions import (
    cancel_pending,
    change_status,
    node_event,
    power,
    run_process,
    schedule,
    timed_out,
)
from ._responses import Conflict

__all__ = [
    "abort",
    "allocate",
    "cancel_pending",
    "change_status",
    "exit_rescue_mode",
    "finish_release",
    "mark_broken",
    "mark_fixed",
    "node_event",
    "power",
    "release",
    "resume",
    "start_commissioning",
    "start_deployment",
    "start_rescue_mode",
    "start_testing",
]

S = NodeStatus
_TESTING_BACK_TO_READY = frozenset(
    {
        S.NEW,
        S.COMMISSIONING,
        S.FAILED_DEPLOYMENT,
        S.MISSING,
        S.RETIRED,
        S.BROKEN,
        S.FAILED_RELEASING,
        S.FAILED_DISK_ERASING,
        S.FAILED_ENTERING_RESCUE_MODE,
        S.FAILED_EXITING_RESCUE_MODE,
        S.FAILED_TESTING,
    }
)


# -- commissioning and testing --------------------------------------------------------------


def start_commissioning(
    table: MachineTable,
    machine: Machine,
    user: str,
    *,
    run_tests: bool = True,
    skip_storage: bool = False,
) -> None:
    """Commission the machine: Commissioning now, Testing and Ready on the clock."""
    cancel_pending(machine)
    node_event(table, machine, "User starting node commissioning", user=user)
    change_status(table, machine, S.COMMISSIONING, user=user)
    machine.owner = user
    machine.status_before = None
    machine.current_commissioning_result_id = table.store.next_id("scriptset")
    machine.script_statuses["commissioning"] = ScriptStatus.RUNNING
    if run_tests:
        machine.current_testing_result_id = table.store.next_id("scriptset")
        machine.script_statuses["testing"] = ScriptStatus.PENDING
    power(machine, "on")
    node_event(table, machine, "Commissioning")

    def finish(tab: MachineTable, m: Machine, fails: bool) -> None:
        _commissioning_done(tab, m, fails, run_tests=run_tests, skip_storage=skip_storage)

    timings = table.timings
    run_process(
        table, machine, "commission", timings.commissioning, timings.failed_commissioning, finish
    )


def _commissioning_done(
    table: MachineTable, machine: Machine, fails: bool, *, run_tests: bool, skip_storage: bool
) -> None:
    if fails:
        machine.script_statuses["commissioning"] = ScriptStatus.FAILED
        change_status(table, machine, S.FAILED_COMMISSIONING)
        node_event(table, machine, "Failed commissioning", level="ERROR")
        power(machine, "off")
        return
    discover_hardware(table.store, machine)
    machine.script_statuses["commissioning"] = ScriptStatus.PASSED
    machine.commissioned = True
    if not skip_storage:
        apply_layout(table.store, machine, str(table.store.config.get("default_storage_layout")))
    if not run_tests:
        _commissioned(table, machine)
        return
    change_status(table, machine, S.TESTING)
    machine.status_before = S.COMMISSIONING
    machine.script_statuses["testing"] = ScriptStatus.RUNNING
    node_event(table, machine, "Testing")

    def finish(tab: MachineTable, m: Machine, fails: bool) -> None:
        _testing_done(tab, m, fails)

    delay = table.timings.commissioning_tests
    run_process(table, machine, "test", delay, delay, finish)


def _commissioned(table: MachineTable, machine: Machine) -> None:
    change_status(table, machine, S.READY)
    power(machine, "off")
    node_event(table, machine, "Ready")


def start_testing(table: MachineTable, machine: Machine, user: str) -> None:
    """Run tests: Testing now, back to the right status (or Failed testing) on the clock."""
    cancel_pending(machine)
    previous = machine.status
    node_event(table, machine, "User starting node testing", user=user)
    change_status(table, machine, S.TESTING, user=user)
    machine.status_before = previous
    if machine.owner is None:
        machine.owner = user
    machine.current_testing_result_id = table.store.next_id("scriptset")
    machine.script_statuses["testing"] = ScriptStatus.RUNNING
    power(machine, "on")
    node_event(table, machine, "Testing")
    timings = table.timings
    run_process(table, machine, "test", timings.testing, timings.failed_testing, _testing_done)


def _testing_done(table: MachineTable, machine: Machine, fails: bool) -> None:
    before = machine.status_before or S.READY
    if fails:
        machine.script_statuses["testing"] = ScriptStatus.FAILED
        machine.script_statuses["storage_test"] = ScriptStatus.FAILED
        change_status(table, machine, S.FAILED_TESTING)
        node_event(table, machine, "Failed testing", level="ERROR")
        power(machine, "off")
        return
    machine.script_statuses["testing"] = ScriptStatus.PASSED
    machine.script_statuses["storage_test"] = ScriptStatus.PASSED
    if before == S.COMMISSIONING:
        _commissioned(table, machine)
        return
    if before in _TESTING_BACK_TO_READY:
        target = S.READY
    elif before == S.FAILED_COMMISSIONING:
        target = S.NEW
    else:
        target = before
    change_status(table, machine, target)
    power(machine, "on" if target in (S.DEPLOYED, S.RESCUE_MODE) else "off")
    node_event(table, machine, "Ready" if target == S.READY else target.label)


# -- allocation and deployment --------------------------------------------------------------


def allocate(
    table: MachineTable, machine: Machine, user: str, *, agent_name: str = "", comment: str = ""
) -> None:
    """Allocate a Ready machine to ``user`` (status Allocated, owner set)."""
    node_event(table, machine, "User acquiring node", description=comment, user=user)
    change_status(table, machine, S.ALLOCATED, user=user, note=f" (to {user})")
    machine.owner = user
    machine.agent_name = agent_name
    machine.touch()


def start_deployment(table: MachineTable, machine: Machine, user: str, comment: str = "") -> None:
    """Deploy an Allocated machine: Deploying now, Deployed (or failed) on the clock."""
    cancel_pending(machine)
    node_event(table, machine, "User starting deployment", description=comment, user=user)
    change_status(table, machine, S.DEPLOYING, user=user)
    machine.current_installation_result_id = table.store.next_id("scriptset")
    _claim_auto_addresses(table, machine)
    power(machine, "on")
    node_event(table, machine, "Deploying")
    node_timeout = float(table.store.config.get("node_timeout", 30)) * 60
    timings = table.timings
    run_process(
        table,
        machine,
        "deploy",
        timings.deploying,
        timings.failed_deployment,
        _deployment_done,
        timeout=2 * node_timeout,
    )


def _deployment_done(table: MachineTable, machine: Machine, fails: bool) -> None:
    if fails:
        machine.error_description = "Installation failed (refer to the installation log)."
        change_status(table, machine, S.FAILED_DEPLOYMENT)
        node_event(table, machine, "Failed deployment", level="ERROR")
        return
    change_status(table, machine, S.DEPLOYED)
    node_event(table, machine, "Deployed")


def _claim_auto_addresses(table: MachineTable, machine: Machine) -> None:
    for iface in machine.interfaces:
        for link in iface.links:
            if link.mode != "auto" or link.ip_address or link.subnet_id is None:
                continue
            subnet = table.store.subnets.get(link.subnet_id)
            address = free_address(table.store, table, subnet) if subnet is not None else None
            if address is not None:
                assign_address(table, machine, link, address)
                link.auto_assigned = True


def _release_auto_addresses(table: MachineTable, machine: Machine) -> None:
    for iface in machine.interfaces:
        for link in iface.links:
            if link.auto_assigned:
                release_address(table, link)
                link.auto_assigned = False
    machine.touch()


# -- release --------------------------------------------------------------------------------


def release(
    table: MachineTable,
    machine: Machine,
    user: str,
    *,
    erase: bool = False,
    comment: str = "",
    synchronous: bool = False,
) -> None:
    """Release a releasable machine (LIFECYCLE.md §3.3).

    Without erasing it goes through Releasing and ends Ready (New if it never passed
    commissioning) -- inside the request when its power cannot be queried (``manual``) or it
    is already off, else once the power-off is "confirmed" on the clock. With ``erase`` it goes
    to Disk erasing and ends Ready (or Failed disk erasing) on the clock.
    """
    cancel_pending(machine)
    node_event(table, machine, "User releasing node", description=comment, user=user)
    _forget_deployment(table, machine)
    timings = table.timings
    if erase:
        change_status(table, machine, S.DISK_ERASING, user=user)
        power(machine, "on")
        node_event(table, machine, "Erasing disk")
        run_process(table, machine, "erase", timings.erasing, timings.erasing, _erasing_done)
        return
    change_status(table, machine, S.RELEASING, user=user)
    queryable = machine.power_type not in ("", "manual") and machine.power_state != "off"
    mode = table.take_failure(machine, "release")
    if mode is None and (synchronous or not queryable):
        finish_release(table, machine)
        return
    power(machine, "off")
    if mode == "hang":
        schedule(table, machine, "release", 300.0, timed_out)
    else:
        schedule(table, machine, "release", timings.releasing, _releasing_done, fails=bool(mode))


def _forget_deployment(table: MachineTable, machine: Machine) -> None:
    machine.osystem = ""
    machine.distro_series = ""
    machine.hwe_kernel = None
    machine.ephemeral_deploy = False
    machine.enable_hw_sync = False
    machine.workload_annotations = {}
    machine.agent_name = ""
    machine.special_filesystems = []
    _release_auto_addresses(table, machine)


def _releasing_done(table: MachineTable, machine: Machine, fails: bool) -> None:
    if fails:
        change_status(table, machine, S.FAILED_RELEASING)
        node_event(table, machine, "Releasing failed", level="ERROR")
        return
    finish_release(table, machine)


def _erasing_done(table: MachineTable, machine: Machine, fails: bool) -> None:
    if fails:
        change_status(table, machine, S.FAILED_DISK_ERASING)
        node_event(table, machine, "Failed to erase disks", level="ERROR")
        return
    power(machine, "off")
    finish_release(table, machine)


def finish_release(table: MachineTable, machine: Machine) -> None:
    """End a release: Ready, or New for a machine that never passed commissioning."""
    power(machine, "off")
    change_status(table, machine, S.READY if machine.commissioned else S.NEW)
    machine.owner = None
    node_event(table, machine, "Released")


# -- abort, broken, rescue mode -------------------------------------------------------------


def abort(table: MachineTable, machine: Machine, user: str, comment: str = "") -> None:
    """Abort the running process (the caller checked the status is abortable)."""
    status = machine.status
    cancel_pending(machine)
    power(machine, "off")
    if status == S.COMMISSIONING:
        node_event(
            table, machine, "User aborting node commissioning", description=comment, user=user
        )
        machine.script_statuses["commissioning"] = ScriptStatus.ABORTED
        change_status(table, machine, S.NEW, user=user)
    elif status == S.DEPLOYING:
        node_event(table, machine, "User aborting deployment", description=comment, user=user)
        change_status(table, machine, S.ALLOCATED, user=user)
    elif status == S.TESTING:
        node_event(table, machine, "User aborting node testing", description=comment, user=user)
        machine.script_statuses["testing"] = ScriptStatus.ABORTED
        before = machine.status_before or S.READY
        change_status(table, machine, S.NEW if before == S.COMMISSIONING else before, user=user)
    else:
        node_event(table, machine, "User aborting disk erase", description=comment, user=user)
        change_status(table, machine, S.FAILED_DISK_ERASING, user=user)


def mark_broken(table: MachineTable, machine: Machine, user: str, comment: str) -> None:
    """Mark the machine broken, releasing it first when it is in a releasable status."""
    was_deployed = machine.status == S.DEPLOYED
    node_event(table, machine, "User marking node broken", description=comment, user=user)
    if not allowed(machine.status, S.BROKEN):
        raise Conflict(f"Invalid transition: {machine.status.label} -> Broken.")
    cancel_pending(machine)
    if machine.status in _RELEASE_BEFORE_BREAKING:
        change_status(table, machine, S.RELEASING, user=user)
        _forget_deployment(table, machine)
        finish_release(table, machine)
    change_status(table, machine, S.BROKEN, user=user)
    machine.broken_from_deployed = was_deployed
    machine.error_description = comment
    power(machine, "off")
    machine.touch()


_RELEASE_BEFORE_BREAKING = frozenset(
    {S.ALLOCATED, S.RESERVED, S.DEPLOYING, S.DEPLOYED, S.FAILED_DEPLOYMENT, S.FAILED_RELEASING}
    | {S.FAILED_DISK_ERASING}
)


def mark_fixed(table: MachineTable, machine: Machine, user: str, comment: str) -> None:
    """Fix a Broken machine: Deployed if it broke while deployed, else Ready (or New)."""
    node_event(table, machine, "User marking node fixed", description=comment, user=user)
    if machine.broken_from_deployed:
        target = S.DEPLOYED
    else:
        target = S.READY if machine.commissioned else S.NEW
    change_status(table, machine, target, user=user)
    machine.error_description = ""
    machine.broken_from_deployed = False
    machine.touch()


def start_rescue_mode(table: MachineTable, machine: Machine, user: str) -> None:
    """Enter rescue mode: Entering rescue mode now, Rescue mode on the clock."""
    previous = machine.status
    node_event(table, machine, "User starting rescue mode", user=user)
    change_status(table, machine, S.ENTERING_RESCUE_MODE, user=user)
    cancel_pending(machine)
    machine.status_before = previous
    power(machine, "on")
    timings = table.timings
    run_process(
        table,
        machine,
        "rescue_mode",
        timings.entering_rescue,
        timings.entering_rescue,
        _rescue_done,
    )


def _rescue_done(table: MachineTable, machine: Machine, fails: bool) -> None:
    if fails:
        change_status(table, machine, S.FAILED_ENTERING_RESCUE_MODE)
        node_event(table, machine, "Failed to enter rescue mode", level="ERROR")
        return
    change_status(table, machine, S.RESCUE_MODE)
    node_event(table, machine, "Rescue mode")


def exit_rescue_mode(table: MachineTable, machine: Machine, user: str) -> None:
    """Leave rescue mode: back to the status before it, at once (as observed)."""
    node_event(table, machine, "User stopping rescue mode", user=user)
    change_status(table, machine, S.EXITING_RESCUE_MODE, user=user)
    cancel_pending(machine)
    mode = table.take_failure(machine, "exit_rescue_mode")
    if mode == "hang":
        schedule(table, machine, "exit_rescue_mode", 300.0, timed_out)
        return
    if mode == "fail":
        change_status(table, machine, S.FAILED_EXITING_RESCUE_MODE)
        node_event(table, machine, "Failed to exit rescue mode", level="ERROR")
        return
    before = machine.status_before or S.READY
    if before in (S.RESCUE_MODE, S.ENTERING_RESCUE_MODE, S.EXITING_RESCUE_MODE):
        before = S.READY
    owner = machine.owner
    change_status(table, machine, before)
    machine.owner = owner if before == S.DEPLOYED else None
    power(machine, "on" if before == S.DEPLOYED else "off")
    node_event(table, machine, "Exited rescue mode")
    machine.status_before = None


def resume(table: MachineTable, machine: Machine) -> None:
    """Schedule the end of the transitional status a machine was put in directly (seeding)."""
    timings = table.timings
    status = machine.status
    if status == S.COMMISSIONING:

        def finish(tab: MachineTable, m: Machine, fails: bool) -> None:
            _commissioning_done(tab, m, fails, run_tests=True, skip_storage=True)

        schedule(table, machine, "commission", timings.commissioning, finish)
    elif status == S.TESTING:
        machine.status_before = machine.status_before or S.READY
        schedule(table, machine, "test", timings.testing, _testing_done)
    elif status == S.DEPLOYING:
        schedule(table, machine, "deploy", timings.deploying, _deployment_done)
    elif status == S.DISK_ERASING:
        schedule(table, machine, "erase", timings.erasing, _erasing_done)
    elif status == S.RELEASING:
        schedule(table, machine, "release", timings.releasing, _releasing_done)
    elif status == S.ENTERING_RESCUE_MODE:
        schedule(table, machine, "rescue_mode", timings.entering_rescue, _rescue_done)
