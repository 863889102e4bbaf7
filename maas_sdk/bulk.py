"""Run one action over many machines concurrently, with a result for every machine.

:func:`run_bulk` is the engine behind ``client.machines.bulk(...)``; use it directly for any
per-machine callable::

    from maas_sdk.bulk import run_bulk

    report = run_bulk(lambda system_id: client.machines.power_off(system_id), system_ids)
    for result in report.failed:
        print(result.target, result.error)

Every machine gets a :class:`BulkResult`: ``succeeded`` (with the action's return value),
``failed`` (with the exception it raised) or ``timed_out``. One failure never stops the others.
At most ``concurrency`` actions run at once, on a thread pool that shares the caller's client
(one client is thread-safe and keeps a pool of keep-alive connections).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast, overload

from maas_sdk._clock import Clock, SystemClock
from maas_sdk.errors import APITimeoutError, MAASError, WaitTimeoutError

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BulkFailedError",
    "BulkOutcome",
    "BulkProgressCallback",
    "BulkReport",
    "BulkResult",
    "BulkTimeoutError",
    "run_bulk",
]

T = TypeVar("T")

DEFAULT_CONCURRENCY = 16
"""Actions in flight at once unless told otherwise: far below the client's 64 connections and
MAAS's own worker pool, far above what one-at-a-time achieves against network latency."""


class BulkOutcome(enum.Enum):
    """How the action ended for one machine."""

    SUCCEEDED = "succeeded"
    """The action returned; :attr:`BulkResult.value` holds what it returned."""
    FAILED = "failed"
    """The action raised; :attr:`BulkResult.error` holds the exception."""
    TIMED_OUT = "timed_out"
    """A timeout ended it: the request's read timeout or a wait's deadline
    (:attr:`BulkResult.error` is that error: the change may or may not have been applied), or
    the bulk deadline passed before it finished or started (:class:`BulkTimeoutError`)."""


class BulkTimeoutError(MAASError):
    """The deadline of a bulk run passed before this machine's action finished (or started).

    Attributes:
        started: Whether the action had been sent; if so, its outcome is unknown and the
            request may still complete in the background.
    """

    def __init__(self, message: str, *, started: bool) -> None:
        super().__init__(message)
        self.started = started


@dataclass(frozen=True)
class BulkResult(Generic[T]):
    """What happened to one machine of a bulk run.

    Attributes:
        target: The machine (its system_id).
        outcome: Succeeded, failed or timed out.
        value: What the action returned (``None`` unless it succeeded).
        error: The exception (``None`` if it succeeded).
        seconds: How long the action ran (0 if it never started).
    """

    target: str
    outcome: BulkOutcome
    value: T | None = None
    error: BaseException | None = None
    seconds: float = 0.0

    @property
    def succeeded(self) -> bool:
        """Whether the action returned without raising."""
        return self.outcome is BulkOutcome.SUCCEEDED

    @property
    def failed(self) -> bool:
        """Whether the action raised an error other than a timeout."""
        return self.outcome is BulkOutcome.FAILED

    @property
    def timed_out(self) -> bool:
        """Whether a timeout ended the action (its outcome may be unknown)."""
        return self.outcome is BulkOutcome.TIMED_OUT


class BulkFailedError(MAASError):
    """Raised by :meth:`BulkReport.raise_for_failures` when some machines did not succeed.

    Attributes:
        report: The whole report.
    """

    def __init__(self, message: str, report: BulkReport[Any]) -> None:
        super().__init__(message)
        self.report = report


class BulkReport(Sequence[BulkResult[T]]):
    """The results of a bulk run, one per machine, in the order the machines were given.

    A sequence of :class:`BulkResult`; :attr:`succeeded`, :attr:`failed` and :attr:`timed_out`
    select by outcome.

    Attributes:
        seconds: Wall time of the whole run.
    """

    def __init__(self, results: Sequence[BulkResult[T]], seconds: float) -> None:
        self._results = tuple(results)
        self.seconds = seconds

    @overload
    def __getitem__(self, index: int) -> BulkResult[T]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[BulkResult[T]]: ...
    def __getitem__(self, index: int | slice) -> BulkResult[T] | Sequence[BulkResult[T]]:
        return self._results[index]

    def __len__(self) -> int:
        return len(self._results)

    def __iter__(self) -> Iterator[BulkResult[T]]:
        return iter(self._results)

    @property
    def succeeded(self) -> list[BulkResult[T]]:
        """The machines whose action returned."""
        return [result for result in self._results if result.succeeded]

    @property
    def failed(self) -> list[BulkResult[T]]:
        """The machines whose action raised (other than a timeout)."""
        return [result for result in self._results if result.failed]

    @property
    def timed_out(self) -> list[BulkResult[T]]:
        """The machines a timeout stopped (their outcome may be unknown)."""
        return [result for result in self._results if result.timed_out]

    @property
    def values(self) -> list[T]:
        """What the action returned for each machine that succeeded, in order."""
        return [cast(T, result.value) for result in self._results if result.succeeded]

    @property
    def ok(self) -> bool:
        """Whether every machine succeeded."""
        return all(result.succeeded for result in self._results)

    def raise_for_failures(self) -> None:
        """Raise :class:`BulkFailedError` if any machine failed or timed out.

        Raises:
            BulkFailedError: Naming how many failed and timed out, and the first error.
        """
        if self.ok:
            return
        first = next(result for result in self._results if not result.succeeded)
        raise BulkFailedError(
            f"{len(self.failed)} failed and {len(self.timed_out)} timed out of "
            f"{len(self)} machines; first: {first.target}: {first.error}",
            self,
        )

    def __repr__(self) -> str:
        return (
            f"<BulkReport {len(self)} machines: {len(self.succeeded)} succeeded, "
            f"{len(self.failed)} failed, {len(self.timed_out)} timed out in {self.seconds:.2f}s>"
        )


BulkProgressCallback = Callable[[BulkResult[T], int, int], None]
"""Called as ``on_progress(result, done, total)`` after each machine, on the calling thread."""


def run_bulk(
    action: Callable[[str], T],
    targets: Iterable[str],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_progress: BulkProgressCallback[T] | None = None,
    timeout: float | None = None,
    clock: Clock | None = None,
) -> BulkReport[T]:
    """Call ``action(target)`` for every target, at most ``concurrency`` at a time.

    Exceptions (subclasses of :class:`Exception`) are caught per target and reported; a
    timeout (:class:`~maas_sdk.errors.APITimeoutError`, :class:`~maas_sdk.errors.WaitTimeoutError`)
    is reported as ``timed_out``. ``KeyboardInterrupt`` stops the run at once: targets not
    started are never started, running ones finish in the background.

    Args:
        action: What to do with one target (it runs on a worker thread).
        targets: The system_ids, each acted on once (duplicates are acted on twice).
        concurrency: The most actions running at once (at least 1).
        on_progress: Called with each result and the counts done and total, on the calling
            thread, in completion order.
        timeout: Seconds for the whole run; targets not finished by then are reported
            ``timed_out`` with a :class:`BulkTimeoutError` (those already sent keep running in
            the background until their request ends).
        clock: What measures ``timeout`` (the client's clock; the system clock by default).

    Returns:
        One result per target, in the order given.

    Raises:
        ValueError: ``concurrency`` is below 1 or ``timeout`` is not positive.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be positive seconds, got {timeout}")
    clock = clock or SystemClock()
    order = list(targets)
    total = len(order)
    started_at = time.monotonic()
    deadline = None if timeout is None else clock.monotonic() + timeout
    results: list[BulkResult[T] | None] = [None] * total
    running: dict[Future[BulkResult[T]], int] = {}
    next_index = done = 0

    def record(index: int, result: BulkResult[T]) -> None:
        nonlocal done
        results[index] = result
        done += 1
        if on_progress is not None:
            on_progress(result, done, total)

    pool = ThreadPoolExecutor(max_workers=max(min(concurrency, total), 1))
    try:
        while next_index < total or running:
            remaining = None if deadline is None else deadline - clock.monotonic()
            if remaining is not None and remaining <= 0:
                break
            while next_index < total and len(running) < concurrency:
                running[pool.submit(_attempt, action, order[next_index])] = next_index
                next_index += 1
            finished, _ = wait(running, timeout=remaining, return_when=FIRST_COMPLETED)
            for future in finished:
                record(running.pop(future), future.result())
        for future in [future for future in running if future.done()]:
            record(running.pop(future), future.result())
    finally:
        pool.shutdown(wait=not running, cancel_futures=True)
    late = sorted(running.values())
    for index in late + list(range(next_index, total)):
        sent = index in running.values()
        state = "still running when" if sent else "not started before"
        error = BulkTimeoutError(
            f"{order[index]}: {state} the bulk deadline of {timeout}s passed", started=sent
        )
        record(index, BulkResult(order[index], BulkOutcome.TIMED_OUT, error=error))
    return BulkReport([r for r in results if r is not None], time.monotonic() - started_at)


def _attempt(action: Callable[[str], T], target: str) -> BulkResult[T]:
    started = time.monotonic()
    try:
        value = action(target)
    except (APITimeoutError, WaitTimeoutError) as error:
        return BulkResult(
            target, BulkOutcome.TIMED_OUT, error=error, seconds=time.monotonic() - started
        )
    except Exception as error:  # every failure is reported, none aborts the run
        return BulkResult(
            target, BulkOutcome.FAILED, error=error, seconds=time.monotonic() - started
        )
    return BulkResult(target, BulkOutcome.SUCCEEDED, value, seconds=time.monotonic() - started)
