"""Status changes, events and clock scheduling shared by the fake's machine state machine.

:func:`change_status` applies MAAS's transition table and logs ``Node changed status``;
:func:`node_event` logs the events MAAS records (INFO and above become ``status_message``);
:func:`run_process` schedules the end of a transitional status on the virtual clock, honouring
the failures tests scripted (``fail`` after the usual time, ``hang`` until MAAS's timeout).
Everything here runs with the store lock held (clock callbacks take it themselves).
"""

from __future__ import annotations

from collections.abc import Callable

from ._events import LEVELS, record_event
from ._machine_model import Machine, NodeStatus, PendingTransition
from ._machine_model import transition_allowed as allowed
from ._machine_table import MachineTable
from ._responses import Conflict

__all__ = [
    "FAILED_STATUS",
    "cancel_pending",
    "change_status",
    "node_event",
    "power",
    "run_process",
    "schedule",
    "timed_out",
]

S = NodeStatus
FAILED_STATUS = {
    S.COMMISSIONING: S.FAILED_COMMISSIONING,
    S.DEPLOYING: S.FAILED_DEPLOYMENT,
    S.RELEASING: S.FAILED_RELEASING,
    S.DISK_ERASING: S.FAILED_DISK_ERASING,
    S.ENTERING_RESCUE_MODE: S.FAILED_ENTERING_RESCUE_MODE,
    S.EXITING_RESCUE_MODE: S.FAILED_EXITING_RESCUE_MODE,
    S.TESTING: S.FAILED_TESTING,
}
# -- events and statuses --------------------------------------------------------------------


def node_event(
    table: MachineTable,
    machine: Machine,
    type_description: str,
    *,
    description: str = "",
    level: str = "INFO",
    user: str | None = None,
) -> None:
    """Log an event about the machine; INFO and above become its ``status_message``."""
    record_event(
        table.store,
        type_description,
        description=description,
        level=level,
        node=machine.system_id,
        hostname=machine.hostname,
        username=user,
    )
    if LEVELS[level] >= LEVELS["INFO"]:
        machine.status_message = (
            f"{type_description} - {description}" if description else type_description
        )
        machine.status_action = ""
    machine.touch()


def change_status(
    table: MachineTable,
    machine: Machine,
    new: NodeStatus,
    *,
    user: str | None = None,
    note: str = "",
) -> None:
    """Move the machine to ``new`` through MAAS's transition table.

    New and Ready machines lose their owner, as on a real region.

    Raises:
        Conflict: ``Invalid transition: <old> -> <new>.`` for a change the table forbids.
    """
    old = machine.status
    if old == new:
        return
    if not allowed(old, new):
        raise Conflict(f"Invalid transition: {old.label} -> {new.label}.")
    node_event(
        table,
        machine,
        "Node changed status",
        description=f"From '{old.label}' to '{new.label}'{note}",
        level="DEBUG",
        user=user,
    )
    machine.status = new
    if new in (S.NEW, S.READY):
        machine.owner = None
    machine.touch()


def power(machine: Machine, state: str) -> None:
    """Record a power change the (simulated) BMC made; manual power stays ``unknown``."""
    if machine.power_type not in ("", "manual") and machine.power_state != state:
        machine.power_state = state
        machine.touch()


# -- scheduling -----------------------------------------------------------------------------


def cancel_pending(machine: Machine) -> None:
    """Forget the machine's scheduled transition, if any."""
    if machine.pending is not None:
        if machine.pending.timer is not None:
            machine.pending.timer.cancel()
        machine.pending = None


def schedule(
    table: MachineTable,
    machine: Machine,
    action: str,
    delay: float,
    finish: Callable[[MachineTable, Machine, bool], None],
    *,
    fails: bool = False,
) -> None:
    """Call ``finish(table, machine, fails)`` when the clock has moved ``delay`` on."""
    cancel_pending(machine)
    store = table.store
    pending = PendingTransition(0.0, action, fails)

    def fire() -> None:
        with store.lock:
            if machine.pending is not pending or table.get(machine.system_id) is not machine:
                return
            machine.pending = None
            finish(table, machine, pending.fails)

    pending.timer = store.clock.call_later(delay, fire)
    pending.due = pending.timer.due
    machine.pending = pending


def run_process(
    table: MachineTable,
    machine: Machine,
    action: str,
    delay: float,
    failed_delay: float,
    finish: Callable[[MachineTable, Machine, bool], None],
    *,
    timeout: float | None = None,
) -> None:
    """Schedule the end of ``action``: success, a scripted failure, or a scripted hang."""
    mode = table.take_failure(machine, action)
    if mode == "hang":
        node_timeout = float(table.store.config.get("node_timeout", 30)) * 60
        schedule(table, machine, action, timeout or node_timeout, timed_out)
    elif mode == "fail":
        schedule(table, machine, action, failed_delay, finish, fails=True)
    else:
        schedule(table, machine, action, delay, finish)


def timed_out(table: MachineTable, machine: Machine, _fails: bool) -> None:
    """Move a machine whose process never finished to the matching failed status."""
    failed = FAILED_STATUS.get(machine.status)
    if failed is None:
        return
    machine.error_description = "Node operation timed out"
    change_status(table, machine, failed)
    node_event(table, machine, failed.label, description="Node operation timed out", level="ERROR")
