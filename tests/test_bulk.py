"""The bulk engine (maas_sdk.bulk.run_bulk): bounded concurrency, per-target results, deadline."""

from __future__ import annotations

import threading

import pytest

from maas_sdk.bulk import (
    BulkFailedError,
    BulkOutcome,
    BulkResult,
    BulkTimeoutError,
    run_bulk,
)
from maas_sdk.errors import APITimeoutError, ConflictError
from maas_sdk.testing import FakeClock


def conflict(target: str) -> ConflictError:
    return ConflictError(
        f"{target} is busy", status_code=409, method="POST", url=f"machines/{target}/"
    )


def test_every_target_gets_a_result_in_the_order_given() -> None:
    def action(target: str) -> str:
        if target == "b":
            raise conflict(target)
        if target == "c":
            raise APITimeoutError("slow", method="POST", url="c", outcome_unknown=True)
        return target.upper()

    report = run_bulk(action, ["a", "b", "c", "d"], concurrency=2)

    assert [r.target for r in report] == ["a", "b", "c", "d"]
    assert [r.outcome for r in report] == [
        BulkOutcome.SUCCEEDED,
        BulkOutcome.FAILED,
        BulkOutcome.TIMED_OUT,
        BulkOutcome.SUCCEEDED,
    ]
    assert report.values == ["A", "D"]
    assert isinstance(report[1].error, ConflictError)
    assert [r.target for r in report.failed] == ["b"]
    assert [r.target for r in report.timed_out] == ["c"]
    assert not report.ok
    assert "2 succeeded, 1 failed, 1 timed out" in repr(report)


def test_unexpected_exceptions_are_failures_not_crashes() -> None:
    def action(target: str) -> None:
        raise KeyError(target)

    report = run_bulk(action, ["x", "y"])

    assert [type(r.error) for r in report] == [KeyError, KeyError]
    with pytest.raises(BulkFailedError, match="2 failed and 0 timed out of 2") as raised:
        report.raise_for_failures()
    assert raised.value.report is report


def test_no_more_than_concurrency_actions_run_at_once() -> None:
    running = 0
    most = 0
    lock = threading.Lock()
    three_at_once = threading.Barrier(3)

    def action(target: str) -> str:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        three_at_once.wait(timeout=30)
        with lock:
            running -= 1
        return target

    report = run_bulk(action, [str(n) for n in range(9)], concurrency=3)

    assert report.ok
    assert most == 3


def test_progress_is_reported_on_the_calling_thread_for_every_target() -> None:
    seen: list[tuple[str, int, int, bool]] = []
    caller = threading.get_ident()

    def on_progress(result: BulkResult[int], done: int, total: int) -> None:
        seen.append((result.target, done, total, threading.get_ident() == caller))

    run_bulk(len, ["a", "bb", "ccc"], concurrency=2, on_progress=on_progress)

    assert sorted(target for target, *_ in seen) == ["a", "bb", "ccc"]
    assert [(done, total, on_caller) for _, done, total, on_caller in seen] == [
        (1, 3, True),
        (2, 3, True),
        (3, 3, True),
    ]


def test_the_deadline_reports_unstarted_and_unfinished_targets_as_timed_out() -> None:
    clock = FakeClock()
    release = threading.Event()

    def action(target: str) -> str:
        if target == "slow":
            release.wait(timeout=30)
        return target

    def on_progress(result: BulkResult[str], done: int, total: int) -> None:
        if result.target == "quick":
            clock.advance(61)

    report = run_bulk(
        action,
        ["slow", "quick", "never"],
        concurrency=2,
        timeout=60,
        clock=clock,
        on_progress=on_progress,
    )
    release.set()

    assert [r.outcome for r in report] == [
        BulkOutcome.TIMED_OUT,
        BulkOutcome.SUCCEEDED,
        BulkOutcome.TIMED_OUT,
    ]
    slow, never = report[0].error, report[2].error
    assert isinstance(slow, BulkTimeoutError)
    assert slow.started
    assert isinstance(never, BulkTimeoutError)
    assert not never.started


@pytest.mark.parametrize(("concurrency", "timeout"), [(0, None), (1, 0.0), (1, -1.0)])
def test_bad_arguments_are_refused(concurrency: int, timeout: float | None) -> None:
    with pytest.raises(ValueError, match=r"concurrency|timeout"):
        run_bulk(str, ["a"], concurrency=concurrency, timeout=timeout)


def test_nothing_to_do_is_an_empty_report() -> None:
    report = run_bulk(str, [])

    assert len(report) == 0
    assert report.ok
