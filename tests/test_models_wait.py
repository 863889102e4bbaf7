"""Waiting: what each operation treats as transitional, success and failure; deadlines; back-off."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable

import pytest
from models_support import machine_json

from maas_sdk._wait import (
    EXPECTATIONS,
    expectation_for,
    wait_for_machine,
    wait_for_power,
)
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
from maas_sdk.resources import Machine
from maas_sdk.testing import FakeClock

S = NodeStatus


def machine(status: NodeStatus, message: str | None = None) -> Machine:
    data = machine_json(status=int(status), status_name=status.label, status_message=message)
    return Machine.model_validate_json(json.dumps(data))


class Script:
    """Answers successive reads with machines in the given statuses, noting when they happen."""

    def __init__(self, clock: FakeClock, statuses: Iterable[NodeStatus | Exception]) -> None:
        self.clock = clock
        self.answers = list(statuses)
        self.read_at: list[float] = []

    def __call__(self) -> Machine:
        self.read_at.append(self.clock.monotonic())
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return machine(answer, message=f"now {answer.label}")


def run(
    action: str,
    first: NodeStatus,
    then: Iterable[NodeStatus | Exception],
    *,
    timeout: float | None = None,
    poll_interval: float | None = None,
) -> tuple[Machine, Script]:
    clock = FakeClock()
    script = Script(clock, then)
    final = wait_for_machine(
        machine(first),
        script,
        EXPECTATIONS[action],
        clock=clock,
        timeout=timeout,
        poll_interval=poll_interval,
    )
    return final, script


def test_deploy_waits_through_deploying_until_deployed() -> None:
    final, script = run("deploy", S.DEPLOYING, [S.DEPLOYING, S.DEPLOYING, S.DEPLOYED])

    assert final.status is S.DEPLOYED
    assert len(script.read_at) == 3


def test_polls_back_off_from_the_poll_interval() -> None:
    _, script = run("deploy", S.DEPLOYING, [S.DEPLOYING] * 12 + [S.DEPLOYED], poll_interval=4)

    times = [0.0, *script.read_at]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert gaps[:4] == [4.0, 6.0, 9.0, 13.5]
    assert max(gaps) == 60.0


def test_an_answer_that_is_already_the_goal_needs_no_poll() -> None:
    final, script = run("deploy", S.DEPLOYED, [S.DEPLOYED])

    assert final.status is S.DEPLOYED
    assert script.read_at == []


@pytest.mark.parametrize(
    ("action", "first", "then", "error"),
    [
        ("deploy", S.DEPLOYING, [S.FAILED_DEPLOYMENT], DeploymentFailedError),
        ("commission", S.COMMISSIONING, [S.TESTING, S.FAILED_TESTING], CommissioningFailedError),
        ("commission", S.COMMISSIONING, [S.FAILED_COMMISSIONING], CommissioningFailedError),
        ("release", S.RELEASING, [S.FAILED_RELEASING], ReleaseFailedError),
        ("release", S.DISK_ERASING, [S.FAILED_DISK_ERASING], DiskErasingFailedError),
        ("test", S.TESTING, [S.FAILED_TESTING], TestingFailedError),
        (
            "rescue_mode",
            S.ENTERING_RESCUE_MODE,
            [S.FAILED_ENTERING_RESCUE_MODE],
            RescueModeFailedError,
        ),
        (
            "exit_rescue_mode",
            S.EXITING_RESCUE_MODE,
            [S.FAILED_EXITING_RESCUE_MODE],
            RescueModeFailedError,
        ),
    ],
)
def test_a_failure_status_raises_the_error_of_the_operation(
    action: str, first: NodeStatus, then: list[NodeStatus], error: type[ActionFailedError]
) -> None:
    with pytest.raises(error) as caught:
        run(action, first, then)

    assert caught.value.machine.status is then[-1]
    assert caught.value.status_name == then[-1].label
    assert caught.value.status_message == f"now {then[-1].label}"
    assert caught.value.action == action
    assert "thr3am" in str(caught.value)


@pytest.mark.parametrize(
    ("action", "first", "back", "error"),
    [
        ("deploy", S.DEPLOYING, S.ALLOCATED, DeploymentFailedError),
        ("commission", S.COMMISSIONING, S.NEW, CommissioningFailedError),
        ("release", S.RELEASING, S.DEPLOYED, ReleaseFailedError),
        ("rescue_mode", S.ENTERING_RESCUE_MODE, S.DEPLOYED, RescueModeFailedError),
        ("exit_rescue_mode", S.EXITING_RESCUE_MODE, S.RESCUE_MODE, RescueModeFailedError),
    ],
)
def test_going_back_to_where_it_started_is_a_failure(
    action: str, first: NodeStatus, back: NodeStatus, error: type[ActionFailedError]
) -> None:
    with pytest.raises(error, match="went back to the status it started from"):
        run(action, first, [first, back])


def test_after_testing_going_back_to_the_previous_status_is_success() -> None:
    final, _ = run("test", S.TESTING, [S.TESTING, S.DEPLOYED])

    assert final.status is S.DEPLOYED


def test_leaving_rescue_mode_may_land_on_any_previous_status_at_once() -> None:
    final, script = run("exit_rescue_mode", S.READY, [S.READY])

    assert final.status is S.READY
    assert script.read_at == []


def test_an_operation_that_never_starts_fails_after_a_few_polls() -> None:
    with pytest.raises(DeploymentFailedError, match="did not start"):
        run("deploy", S.ALLOCATED, [S.ALLOCATED])


def test_an_operation_may_take_a_poll_or_two_to_start() -> None:
    final, _ = run("deploy", S.ALLOCATED, [S.ALLOCATED, S.DEPLOYING, S.DEPLOYED])

    assert final.status is S.DEPLOYED


def test_an_unexpected_status_ends_the_wait_with_the_operation_error() -> None:
    with pytest.raises(DeploymentFailedError, match="unexpected status: it is Broken"):
        run("deploy", S.DEPLOYING, [S.BROKEN])


def test_a_release_whose_machine_disappears_is_complete() -> None:
    gone = NotFoundError("No Machine matches", status_code=404, method="GET", url="u")

    final, _ = run("release", S.RELEASING, [gone])

    assert final.status is S.RELEASING


def test_a_disappearing_machine_is_an_error_for_other_operations() -> None:
    gone = NotFoundError("No Machine matches", status_code=404, method="GET", url="u")

    with pytest.raises(NotFoundError):
        run("deploy", S.DEPLOYING, [gone])


def test_the_deadline_ends_the_wait_with_a_timeout_error() -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        run("deploy", S.DEPLOYING, [S.DEPLOYING], timeout=100, poll_interval=10)

    error = caught.value
    assert error.timeout == 100
    assert error.last_state == "Deploying"
    assert error.machine is not None
    assert error.action == "deploy"
    assert "timed out after 100s waiting for deploy" in str(error)


def test_the_last_poll_happens_at_the_deadline_not_after_it() -> None:
    clock = FakeClock()
    script = Script(clock, [S.DEPLOYING])

    with pytest.raises(WaitTimeoutError):
        wait_for_machine(
            machine(S.DEPLOYING),
            script,
            EXPECTATIONS["deploy"],
            clock=clock,
            timeout=100,
            poll_interval=10,
        )

    assert script.read_at[-1] == 100.0
    assert clock.monotonic() == 100.0


def test_defaults_match_maas_timeouts() -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        run("deploy", S.DEPLOYING, [S.DEPLOYING])

    assert caught.value.timeout == 2 * 1800 + 300


@pytest.mark.parametrize("bad", [0, -1, float("inf"), float("nan")])
def test_a_wait_that_could_last_forever_or_spin_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="finite number of seconds"):
        run("deploy", S.DEPLOYING, [S.DEPLOYED], timeout=bad)
    with pytest.raises(ValueError, match="finite number of seconds"):
        run("deploy", S.DEPLOYING, [S.DEPLOYED], poll_interval=bad)


def test_progress_is_reported_after_every_poll() -> None:
    clock = FakeClock()
    seen: list[tuple[float, str]] = []
    script = Script(clock, [S.DEPLOYING, S.DEPLOYED])

    wait_for_machine(
        machine(S.DEPLOYING),
        script,
        EXPECTATIONS["deploy"],
        clock=clock,
        on_progress=lambda m: seen.append((clock.monotonic(), m.status_name)),
    )

    assert seen == [(5.0, "Deploying"), (12.5, "Deployed")]


# --- wait_for (any target) ------------------------------------------------------------------


def wait_for(
    current: NodeStatus, then: list[NodeStatus], *targets: NodeStatus
) -> tuple[Machine, Script]:
    clock = FakeClock()
    script = Script(clock, then)
    expectation = expectation_for(targets, current)
    final = wait_for_machine(machine(current), script, expectation, clock=clock, timeout=3600)
    return final, script


def test_wait_for_keeps_waiting_in_resting_statuses() -> None:
    final, script = wait_for(S.ALLOCATED, [S.ALLOCATED] * 6 + [S.DEPLOYING, S.DEPLOYED], S.DEPLOYED)

    assert final.status is S.DEPLOYED
    assert len(script.read_at) == 8


def test_wait_for_raises_on_failure_statuses_it_was_not_asked_for() -> None:
    with pytest.raises(CommissioningFailedError):
        wait_for(S.COMMISSIONING, [S.FAILED_COMMISSIONING], S.READY)


def test_wait_for_accepts_a_failure_status_it_was_asked_for() -> None:
    final, _ = wait_for(S.DEPLOYING, [S.FAILED_DEPLOYMENT], S.DEPLOYED, S.FAILED_DEPLOYMENT)

    assert final.status is S.FAILED_DEPLOYMENT


def test_wait_for_reports_a_return_to_the_starting_status() -> None:
    with pytest.raises(DeploymentFailedError, match="went back"):
        wait_for(S.ALLOCATED, [S.DEPLOYING, S.ALLOCATED], S.DEPLOYED)


def test_wait_for_names_its_targets() -> None:
    assert expectation_for([S.READY, S.NEW], S.COMMISSIONING).action == "status New or Ready"


# --- power ----------------------------------------------------------------------------------


def power_wait(
    states: list[PowerState], target: PowerState, *, timeout: float | None = None
) -> tuple[PowerState, list[float], Machine]:
    clock = FakeClock()
    queried: list[float] = []
    answers = list(states)
    subject = machine(S.DEPLOYED)

    def query() -> PowerState:
        queried.append(clock.monotonic())
        return answers.pop(0) if len(answers) > 1 else answers[0]

    state = wait_for_power(subject, query, target, clock=clock, timeout=timeout)
    return state, queried, subject


def test_power_waits_until_the_bmc_reports_the_state() -> None:
    state, queried, subject = power_wait(
        [PowerState.OFF, PowerState.OFF, PowerState.ON], PowerState.ON
    )

    assert state is PowerState.ON
    assert queried == [2.0, 5.0, 9.5]
    assert subject.power_state is PowerState.ON


def test_power_error_fails_the_wait() -> None:
    with pytest.raises(PowerActionFailedError, match="power on"):
        power_wait([PowerState.ERROR], PowerState.ON)


def test_power_wait_has_a_deadline() -> None:
    with pytest.raises(WaitTimeoutError) as caught:
        power_wait([PowerState.OFF], PowerState.ON, timeout=30)

    assert caught.value.last_state == "off"
    assert caught.value.timeout == 30
