"""Virtual time for the fake MAAS: no test ever sleeps.

:class:`FakeClock` implements the SDK's :class:`~maas_sdk._clock.Clock` protocol. ``sleep``
advances virtual time instantly and fires the timers that fall due, so a client waiting for a
machine to deploy (``client.clock.sleep(5)`` in a polling loop) drives the machine's transitions.
Resources schedule those transitions with :meth:`FakeClock.call_later`.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

__all__ = ["FakeClock", "Timer"]


@dataclass(order=True)
class Timer:
    """A callback scheduled on a :class:`FakeClock`.

    Attributes:
        due: Virtual monotonic time at which it fires.
        cancelled: Set by :meth:`cancel`; a cancelled timer never fires.
    """

    due: float
    _sequence: int
    _callback: Callable[[], None] = field(compare=False, repr=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        """Stop the timer from firing (no effect once it has fired)."""
        self.cancelled = True


class FakeClock:
    """A thread-safe virtual clock (monotonic seconds plus a matching UTC wall clock).

    Args:
        start: Wall-clock time at virtual monotonic 0; defaults to the real current time
            (whole seconds). Event timestamps and ``created`` fields read it.
        realtime_rate: If set, virtual time also flows with real time at this rate (``1.0`` =
            real speed). The loopback CLI server uses it so machines progress on their own.
    """

    def __init__(self, *, start: datetime | None = None, realtime_rate: float | None = None):
        self._start = start or datetime.now(UTC).replace(microsecond=0)
        self._offset = 0.0
        self._rate = realtime_rate
        self._real_origin = time.monotonic()
        self._timers: list[Timer] = []
        self._sequence = itertools.count()
        self._lock = threading.RLock()
        self._firing = threading.local()

    def monotonic(self) -> float:
        """Return virtual monotonic seconds (firing timers that real time made due)."""
        now = self._now()
        if self._rate is not None:
            self._fire_due(now)
        return now

    def sleep(self, seconds: float) -> None:
        """Advance virtual time by ``seconds`` without blocking (the Clock protocol)."""
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        """Move virtual time forward and fire, in order, every timer that falls due.

        While a timer's callback runs, the clock reads the timer's due time, so a transition
        it schedules (``call_later``) is due relative to it; those due within the same advance
        fire too.
        """
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._offset += seconds
            now = self._now()
        self._fire_due(now)

    def now(self) -> datetime:
        """Return the virtual wall-clock time (UTC, timezone-aware)."""
        return self._start + timedelta(seconds=self._now())

    def call_at(self, due: float, callback: Callable[[], None]) -> Timer:
        """Schedule ``callback`` at virtual monotonic time ``due``.

        Args:
            due: When to fire, on the :meth:`monotonic` scale.
            callback: Called with no arguments; it runs on the thread that advanced the clock.
        """
        with self._lock:
            timer = Timer(due, next(self._sequence), callback)
            heapq.heappush(self._timers, timer)
            return timer

    def call_later(self, delay: float, callback: Callable[[], None]) -> Timer:
        """Schedule ``callback`` ``delay`` virtual seconds from now."""
        return self.call_at(self._now() + delay, callback)

    def run_due(self) -> None:
        """Fire the timers already due (the fake calls this before serving each request)."""
        self._fire_due(self._now())

    @property
    def pending(self) -> int:
        """Number of timers not yet fired nor cancelled."""
        with self._lock:
            return sum(1 for timer in self._timers if not timer.cancelled)

    def _now(self) -> float:
        firing_at: float | None = getattr(self._firing, "at", None)
        if firing_at is not None:
            return firing_at
        if self._rate is None:
            return self._offset
        return self._offset + (time.monotonic() - self._real_origin) * self._rate

    def _fire_due(self, now: float) -> None:
        if getattr(self._firing, "active", False):
            return
        self._firing.active = True
        try:
            while True:
                with self._lock:
                    if not self._timers or self._timers[0].due > now:
                        return
                    timer = heapq.heappop(self._timers)
                if not timer.cancelled:
                    timer.cancelled = True
                    self._firing.at = timer.due
                    try:
                        timer._callback()
                    finally:
                        self._firing.at = None
        finally:
            self._firing.active = False

    def __repr__(self) -> str:
        return f"FakeClock(monotonic={self._now():.3f}, pending={self.pending})"
