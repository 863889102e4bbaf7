"""Waiting for machines: deadlines, back-off on the client's clock, per-operation outcomes.

An operation such as ``deploy`` returns as soon as MAAS has started it; the machine then moves
through *transitional* statuses until it reaches a *success* status (Deployed) or a *failure*
status (Failed deployment). This module polls the machine until one of those happens, sleeping on
the client's :class:`~maas_sdk._clock.Clock` with a growing interval, and never past a deadline.

Besides the failure statuses, a machine that *went back to the status it started from* after a
transitional status is reported as a failure (MAAS 3.4 can silently undo a status change, so a
deploy may fall back to Allocated). The expectations per operation follow LIFECYCLE.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from maas_sdk._clock import Clock
from maas_sdk.enums import NodeStatus, PowerState
from maas_sdk.errors import (
    ActionFailedError,
    CommissioningFailedError,
    DeploymentFailedError,
    DiskErasingFailedError,
    NotFoundError,
    PowerActionFailedError,
    ReleaseFailedError,
    RescueModeFailedError,
    TestingFailedError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from maas_sdk.resources.machines import Machine

__all__ = [
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_WAIT_TIMEOUT",
    "EXPECTATIONS",
    "Expectation",
    "ProgressCallback",
    "expectation_for",
    "wait_for_machine",
    "wait_for_power",
]

ProgressCallback = Callable[["Machine"], None]
"""Called with the machine after every poll while waiting."""

DEFAULT_POLL_INTERVAL = 5.0
"""Seconds before the first poll; the interval then grows by :data:`BACKOFF`."""
DEFAULT_POWER_POLL_INTERVAL = 2.0
"""Seconds before the first power-state query."""
MAX_POLL_INTERVAL = 60.0
"""The interval never grows beyond this (or beyond the caller's own ``poll_interval``)."""
BACKOFF = 1.5
"""Growth factor of the poll interval."""
SETTLE_POLLS = 3
"""Polls an operation may take to leave its starting status before it counts as not started."""

NODE_TIMEOUT = 1800.0
"""MAAS's default ``node_timeout`` (30 minutes) bounding commissioning, testing, erasing."""
DEFAULT_WAIT_TIMEOUT = 2 * NODE_TIMEOUT
"""Deadline of :meth:`Machine.wait_for` when none is given."""
DEFAULT_POWER_TIMEOUT = 300.0
"""Deadline of a power wait when none is given."""

_FAILURE_ERRORS: dict[NodeStatus, type[ActionFailedError]] = {
    NodeStatus.FAILED_COMMISSIONING: CommissioningFailedError,
    NodeStatus.FAILED_TESTING: TestingFailedError,
    NodeStatus.FAILED_DEPLOYMENT: DeploymentFailedError,
    NodeStatus.FAILED_RELEASING: ReleaseFailedError,
    NodeStatus.FAILED_DISK_ERASING: DiskErasingFailedError,
    NodeStatus.FAILED_ENTERING_RESCUE_MODE: RescueModeFailedError,
    NodeStatus.FAILED_EXITING_RESCUE_MODE: RescueModeFailedError,
}
_TRANSITIONAL_ERRORS: dict[NodeStatus, type[ActionFailedError]] = {
    NodeStatus.COMMISSIONING: CommissioningFailedError,
    NodeStatus.TESTING: TestingFailedError,
    NodeStatus.DEPLOYING: DeploymentFailedError,
    NodeStatus.RELEASING: ReleaseFailedError,
    NodeStatus.DISK_ERASING: DiskErasingFailedError,
    NodeStatus.ENTERING_RESCUE_MODE: RescueModeFailedError,
    NodeStatus.EXITING_RESCUE_MODE: RescueModeFailedError,
}
_ALL_TRANSITIONAL = frozenset(s for s in NodeStatus if s.is_transitional)


@dataclass(frozen=True)
class Expectation:
    """What an operation's waiting considers transitional, success and failure.

    Attributes:
        action: Name of the operation, for messages (``"deploy"``).
        transitional: Statuses to keep waiting in.
        success: Statuses that end the wait successfully; ``None`` means any status that is
            not transitional, not a failure and not a return to where it started.
        not_started: Statuses the machine is in before the operation takes effect. Seen before
            any transitional status, they mean "not started yet" (tolerated for
            :attr:`settle_polls` polls); seen after one, the machine *went back*, which is a
            failure unless :attr:`revert_is_failure` is false.
        failures: Failure statuses and the error each raises.
        error: The error raised for any other unexpected outcome.
        other_statuses: What any other status means: ``"fail"`` (raise :attr:`error`),
            ``"wait"`` (keep waiting, as :meth:`Machine.wait_for` does) or ``"succeed"``.
        default_timeout: Deadline in seconds when the caller gives none.
        gone_is_success: A 404 while polling ends the wait successfully (a VM that MAAS
            composed for ``allocate`` is deleted when its release completes).
        settle_polls: Polls the machine may stay in a :attr:`not_started` status before the
            operation counts as not started; ``None`` waits for the deadline instead.
        revert_is_failure: Whether going back to a :attr:`not_started` status is a failure.
        revert_errors: Error to raise for a return, by the last transitional status seen.
    """

    action: str
    transitional: frozenset[NodeStatus]
    success: frozenset[NodeStatus] | None
    not_started: frozenset[NodeStatus]
    failures: Mapping[NodeStatus, type[ActionFailedError]]
    error: type[ActionFailedError]
    other_statuses: Literal["fail", "wait", "succeed"]
    default_timeout: float
    gone_is_success: bool = False
    settle_polls: int | None = SETTLE_POLLS
    revert_is_failure: bool = True
    revert_errors: Mapping[NodeStatus, type[ActionFailedError]] = field(default_factory=dict)


def _only(*statuses: NodeStatus) -> dict[NodeStatus, type[ActionFailedError]]:
    return {status: _FAILURE_ERRORS[status] for status in statuses}


_S = NodeStatus
EXPECTATIONS: dict[str, Expectation] = {
    "deploy": Expectation(
        action="deploy",
        transitional=frozenset({_S.DEPLOYING}),
        success=frozenset({_S.DEPLOYED}),
        not_started=frozenset({_S.READY, _S.ALLOCATED}),
        failures=_only(_S.FAILED_DEPLOYMENT),
        error=DeploymentFailedError,
        other_statuses="fail",
        default_timeout=2 * NODE_TIMEOUT + 300,
    ),
    "commission": Expectation(
        action="commission",
        transitional=frozenset({_S.COMMISSIONING, _S.TESTING}),
        success=frozenset({_S.READY}),
        not_started=frozenset({_S.NEW, _S.BROKEN, _S.FAILED_COMMISSIONING}),
        failures={
            _S.FAILED_COMMISSIONING: CommissioningFailedError,
            _S.FAILED_TESTING: CommissioningFailedError,
        },
        error=CommissioningFailedError,
        other_statuses="fail",
        default_timeout=2 * NODE_TIMEOUT + 300,
    ),
    "release": Expectation(
        action="release",
        transitional=frozenset({_S.RELEASING, _S.DISK_ERASING}),
        success=frozenset({_S.READY, _S.NEW}),
        not_started=frozenset(
            {
                _S.ALLOCATED,
                _S.RESERVED,
                _S.BROKEN,
                _S.DEPLOYING,
                _S.DEPLOYED,
                _S.FAILED_DEPLOYMENT,
                _S.FAILED_DISK_ERASING,
                _S.FAILED_RELEASING,
            }
        ),
        failures=_only(_S.FAILED_RELEASING, _S.FAILED_DISK_ERASING),
        error=ReleaseFailedError,
        other_statuses="fail",
        default_timeout=NODE_TIMEOUT + 300,
        gone_is_success=True,
    ),
    "test": Expectation(
        action="test",
        transitional=frozenset({_S.TESTING}),
        success=None,
        not_started=frozenset(s for s in _S if not s.is_transitional) - {_S.FAILED_TESTING},
        failures=_only(_S.FAILED_TESTING),
        error=TestingFailedError,
        other_statuses="succeed",
        default_timeout=NODE_TIMEOUT + 300,
        revert_is_failure=False,
    ),
    "rescue_mode": Expectation(
        action="rescue_mode",
        transitional=frozenset({_S.ENTERING_RESCUE_MODE}),
        success=frozenset({_S.RESCUE_MODE}),
        not_started=frozenset(
            {
                _S.NEW,
                _S.FAILED_COMMISSIONING,
                _S.READY,
                _S.RESERVED,
                _S.ALLOCATED,
                _S.FAILED_DEPLOYMENT,
                _S.DEPLOYED,
                _S.MISSING,
                _S.RETIRED,
                _S.BROKEN,
                _S.FAILED_DISK_ERASING,
                _S.FAILED_ENTERING_RESCUE_MODE,
                _S.FAILED_TESTING,
            }
        ),
        failures=_only(_S.FAILED_ENTERING_RESCUE_MODE),
        error=RescueModeFailedError,
        other_statuses="fail",
        default_timeout=NODE_TIMEOUT + 300,
    ),
    "exit_rescue_mode": Expectation(
        action="exit_rescue_mode",
        transitional=frozenset({_S.EXITING_RESCUE_MODE}),
        success=None,
        not_started=frozenset(
            {
                _S.RESCUE_MODE,
                _S.ENTERING_RESCUE_MODE,
                _S.FAILED_ENTERING_RESCUE_MODE,
                _S.FAILED_EXITING_RESCUE_MODE,
            }
        ),
        failures=_only(_S.FAILED_EXITING_RESCUE_MODE),
        error=RescueModeFailedError,
        other_statuses="succeed",
        default_timeout=600.0,
    ),
}


def expectation_for(targets: Iterable[NodeStatus], current: NodeStatus) -> Expectation:
    """The expectation of :meth:`Machine.wait_for`: reach one of ``targets``.

    Failure statuses that are not targets raise their specific error; a return to the
    ``current`` status after a transitional one raises the error of that transitional status;
    any other status keeps the wait going until the deadline.
    """
    wanted = frozenset(targets)
    names = " or ".join(status.label for status in sorted(wanted))
    return Expectation(
        action=f"status {names}",
        transitional=_ALL_TRANSITIONAL - wanted,
        success=wanted,
        not_started=frozenset({current}) - wanted,
        failures={s: e for s, e in _FAILURE_ERRORS.items() if s not in wanted},
        error=ActionFailedError,
        other_statuses="wait",
        default_timeout=DEFAULT_WAIT_TIMEOUT,
        settle_polls=None,
        revert_errors=_TRANSITIONAL_ERRORS,
    )


def check_wait_arguments(timeout: float | None, poll_interval: float | None) -> None:
    """Reject deadlines and intervals that would wait forever or spin.

    Raises:
        ValueError: ``timeout`` or ``poll_interval`` is not a finite positive number.
    """
    for name, value in (("timeout", timeout), ("poll_interval", poll_interval)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise ValueError(f"{name} must be a finite number of seconds above 0, not {value!r}")


class _Schedule:
    """A deadline on a clock and a poll interval that grows up to a cap."""

    def __init__(self, clock: Clock, timeout: float, poll_interval: float) -> None:
        self.clock = clock
        self.deadline = clock.monotonic() + timeout
        self.interval = poll_interval
        self.cap = max(poll_interval, MAX_POLL_INTERVAL)

    def sleep(self) -> bool:
        """Sleep until the next poll; ``False`` when the deadline has already passed."""
        remaining = self.deadline - self.clock.monotonic()
        if remaining <= 0:
            return False
        self.clock.sleep(min(self.interval, remaining))
        self.interval = min(self.interval * BACKOFF, self.cap)
        return True


def wait_for_machine(
    machine: Machine,
    read: Callable[[], Machine],
    expectation: Expectation,
    *,
    clock: Clock,
    timeout: float | None = None,
    poll_interval: float | None = None,
    on_progress: ProgressCallback | None = None,
) -> Machine:
    """Poll a machine until the expectation is met, fails, or the deadline passes.

    Args:
        machine: The machine as the operation answered (judged before any poll).
        read: Reads the machine again (``GET machines/{system_id}/``).
        expectation: What counts as transitional, success and failure.
        clock: The client's clock (a fake clock makes the wait instant).
        timeout: Deadline in seconds (default: the expectation's).
        poll_interval: Seconds before the first poll (default 5; grows by 1.5x up to 60).
        on_progress: Called with the machine after every poll.

    Returns:
        The machine in its final status.

    Raises:
        ActionFailedError: A subclass for the failure status reached (carries the machine and
            its ``status_message``), or the machine went back to where it started.
        WaitTimeoutError: The deadline passed first.
    """
    check_wait_arguments(timeout, poll_interval)
    deadline = expectation.default_timeout if timeout is None else timeout
    schedule = _Schedule(clock, deadline, poll_interval or DEFAULT_POLL_INTERVAL)
    judge = _Judge(expectation)
    while not judge.is_done(machine):
        if not schedule.sleep():
            raise WaitTimeoutError(
                f"timed out after {deadline:g}s waiting for {expectation.action} of "
                f"{_describe(machine)}; it is still {machine.status_name or machine.status.label}",
                machine=machine,
                action=expectation.action,
                timeout=deadline,
                last_state=machine.status_name or machine.status.label,
            )
        try:
            machine = read()
        except NotFoundError:
            if expectation.gone_is_success:
                return machine
            raise
        if on_progress is not None:
            on_progress(machine)
    return machine


class _Judge:
    """Decides, observation after observation, whether a wait is over."""

    def __init__(self, expectation: Expectation) -> None:
        self.expectation = expectation
        self.last_transitional: NodeStatus | None = None
        self.polls_before_start = 0

    def is_done(self, machine: Machine) -> bool:
        """Whether the wait is over with success; raises when it is over with a failure."""
        expected = self.expectation
        status = machine.status
        if expected.success is not None and status in expected.success:
            return True
        if status in expected.transitional:
            self.last_transitional = status
            return False
        if self.last_transitional is None and status in expected.not_started:
            self.polls_before_start += 1
            settle = expected.settle_polls
            if settle is not None and self.polls_before_start > settle:
                raise self._failure(expected.error, machine, "did not start")
            return False
        if status in expected.failures:
            raise self._failure(expected.failures[status], machine, "failed")
        if status in expected.not_started:
            if not expected.revert_is_failure:
                return True
            error = expected.error
            if self.last_transitional is not None:
                error = expected.revert_errors.get(self.last_transitional, error)
            raise self._failure(error, machine, "went back to the status it started from")
        if expected.success is None or expected.other_statuses == "succeed":
            return True
        if expected.other_statuses == "wait":
            return False
        raise self._failure(expected.error, machine, "ended in an unexpected status")

    def _failure(
        self, error: type[ActionFailedError], machine: Machine, what: str
    ) -> ActionFailedError:
        name = machine.status_name or machine.status.label
        message = f"{self.expectation.action} of {_describe(machine)} {what}: it is {name}"
        if machine.status_message and machine.status_message != name:
            message += f" ({machine.status_message})"
        return error(
            message,
            machine=machine,
            action=self.expectation.action,
            status_name=name,
            status_message=machine.status_message,
        )


def wait_for_power(
    machine: Machine,
    query: Callable[[], PowerState],
    target: PowerState,
    *,
    clock: Clock,
    timeout: float | None = None,
    poll_interval: float | None = None,
    on_progress: ProgressCallback | None = None,
) -> PowerState:
    """Query a machine's power state until it is ``target``.

    Args:
        machine: The machine (its ``power_state`` is updated after each query).
        query: Asks the BMC (``GET machines/{system_id}/?op=query_power_state``).
        target: The power state to reach.
        clock: The client's clock.
        timeout: Deadline in seconds (default 300).
        poll_interval: Seconds before the first query (default 2; grows by 1.5x).
        on_progress: Called with the machine after every query.

    Returns:
        The power state reached.

    Raises:
        PowerActionFailedError: The BMC reported ``error``.
        WaitTimeoutError: The deadline passed first.
    """
    check_wait_arguments(timeout, poll_interval)
    deadline = DEFAULT_POWER_TIMEOUT if timeout is None else timeout
    schedule = _Schedule(clock, deadline, poll_interval or DEFAULT_POWER_POLL_INTERVAL)
    action = f"power {target.value}"
    while True:
        if not schedule.sleep():
            raise WaitTimeoutError(
                f"timed out after {deadline:g}s waiting for {action} of {_describe(machine)}; "
                f"its power state is still {machine.power_state.value}",
                machine=machine,
                action=action,
                timeout=deadline,
                last_state=machine.power_state.value,
            )
        state = query()
        machine.__dict__["power_state"] = state
        if on_progress is not None:
            on_progress(machine)
        if state == target:
            return state
        if state == PowerState.ERROR:
            raise PowerActionFailedError(
                f"{action} of {_describe(machine)} failed: the BMC reports the power state 'error'",
                machine=machine,
                action=action,
                status_name=machine.status_name or machine.status.label,
                status_message=machine.status_message,
            )


def _describe(machine: Machine) -> str:
    if machine.hostname:
        return f"machine {machine.system_id} ({machine.hostname})"
    return f"machine {machine.system_id}"
