"""The retry policy: what the transport repeats, how long it waits, and when it gives up.

It follows the server's own signals (REFERENCE.md §5): MAAS marks a retryable answer with
``Retry-After`` (409 for a rolled-back database conflict, 503 when no rack controller is
reachable). Without that header a 409 is a real state violation and a 503 may be permanent, so
neither is repeated. Only requests that never left the client, or idempotent ones (GET), are
repeated after a network failure, a read timeout or a 502/504: a POST that may have run is never
replayed blindly.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, TypeVar

import tenacity

from maas_sdk.errors import (
    APIConnectionError,
    APIError,
    ConflictError,
    ServerError,
    ServiceUnavailableError,
    TLSError,
)

if TYPE_CHECKING:
    from maas_sdk._clock import Clock

__all__ = ["RetryPolicy", "parse_retry_after"]

logger = logging.getLogger("maas_sdk")

_T = TypeVar("_T")
_GATEWAY_STATUSES = frozenset({502, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How the client repeats requests that failed transiently.

    What is retried (every attempt is signed afresh, with a new nonce and timestamp):

    ========================================  =====================  ==========================
    failure                                   GET                    POST / PUT / DELETE
    ========================================  =====================  ==========================
    connection refused / DNS / connect        retried                retried (never sent)
    timeout
    connection dropped after sending          retried                raised, ``outcome_unknown``
    read timeout                              retried                raised, ``outcome_unknown``
    409 or 503 **with** ``Retry-After``       retried, waits as told retried, waits as told
    409 or 503 without ``Retry-After``        raised                 raised
    502 / 504                                 retried                raised (it may have run)
    400, 401, 403, 404, other 4xx, 500        raised                 raised
    ========================================  =====================  ==========================

    Attributes:
        max_attempts: Attempts in all, the first included (1 disables retries).
        max_wait: Upper bound, in seconds, on the total time spent waiting between attempts.
        backoff_initial: First back-off in seconds when the server gave no ``Retry-After``.
        backoff_max: Largest single back-off in seconds.
        retry_after_cap: Largest wait honoured from a ``Retry-After`` header, in seconds.
        jitter: Randomise back-off (half fixed, half random) so clients do not retry in step.
    """

    max_attempts: int = 5
    max_wait: float = 120.0
    backoff_initial: float = 0.5
    backoff_max: float = 10.0
    retry_after_cap: float = 60.0
    jitter: bool = True

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"RetryPolicy.max_attempts must be >= 1, got {self.max_attempts}")
        for name in ("max_wait", "backoff_initial", "backoff_max", "retry_after_cap"):
            value = getattr(self, name)
            if value < 0:
                raise ValueError(f"RetryPolicy.{name} must be >= 0, got {value}")

    @classmethod
    def disabled(cls) -> RetryPolicy:
        """Return a policy that never retries.

        Returns:
            A policy with ``max_attempts=1``.
        """
        return cls(max_attempts=1)

    def should_retry(self, error: BaseException, *, idempotent: bool) -> bool:
        """Decide whether a failed attempt may be repeated.

        Args:
            error: The exception the attempt raised (always one of ours).
            idempotent: Whether repeating the request cannot apply a change twice (GET).

        Returns:
            ``True`` when the table in the class docstring allows a retry.
        """
        if isinstance(error, TLSError):
            return False
        if isinstance(error, APIConnectionError):
            return idempotent or not error.outcome_unknown
        if isinstance(error, ConflictError | ServiceUnavailableError):
            return error.retry_after is not None
        if isinstance(error, ServerError):
            return idempotent and error.status_code in _GATEWAY_STATUSES
        return False

    def wait_before(self, attempt: int, error: BaseException | None) -> float:
        """Seconds to wait before the attempt after ``attempt``.

        Args:
            attempt: The number of the attempt that just failed (1 for the first).
            error: Its exception; a ``Retry-After`` it carries is honoured, capped.

        Returns:
            The wait in seconds.
        """
        if isinstance(error, APIError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self.retry_after_cap)
        delay: float = min(self.backoff_initial * 2.0 ** (attempt - 1), self.backoff_max)
        if self.jitter:
            delay = delay / 2 + random.uniform(0, delay / 2)  # noqa: S311 - not cryptographic
        return delay

    def call(
        self,
        attempt: Callable[[], _T],
        *,
        idempotent: bool,
        clock: Clock,
        describe: Callable[[], str],
    ) -> _T:
        """Run ``attempt`` under this policy.

        Args:
            attempt: Performs one signed request; raises one of our exceptions on failure.
            idempotent: Whether the request may be repeated after an unknown outcome.
            clock: Where back-off sleeps happen (a fake clock in tests).
            describe: Returns ``METHOD path`` for the DEBUG log line of each retry.

        Returns:
            What ``attempt`` returned on the first success.

        Raises:
            MAASError: The last attempt's exception, unchanged (never a tenacity error).
        """
        if self.max_attempts == 1:
            return attempt()

        def stop(state: tenacity.RetryCallState) -> bool:
            return (
                state.attempt_number >= self.max_attempts
                or state.idle_for + state.upcoming_sleep > self.max_wait
            )

        def wait(state: tenacity.RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            return self.wait_before(state.attempt_number, error)

        def log_retry(state: tenacity.RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            logger.debug(
                "retrying %s after %s (attempt %d of %d) in %.2fs",
                describe(),
                _summary(error),
                state.attempt_number + 1,
                self.max_attempts,
                state.upcoming_sleep,
            )

        retrying = tenacity.Retrying(
            stop=stop,
            wait=wait,
            retry=tenacity.retry_if_exception(
                lambda error: self.should_retry(error, idempotent=idempotent)
            ),
            sleep=clock.sleep,
            before_sleep=log_retry,
            reraise=True,
        )
        return retrying(attempt)


def _summary(error: BaseException | None) -> str:
    if isinstance(error, APIError):
        suffix = f", Retry-After {error.retry_after:g}s" if error.retry_after is not None else ""
        return f"{error.status_code} {error.reason}{suffix}"
    if error is None:
        return "no answer"
    return type(error).__name__


def parse_retry_after(value: str | None) -> float | None:
    """Parse a ``Retry-After`` header: delay-seconds or an HTTP date.

    Args:
        value: The header value, or ``None`` when absent.

    Returns:
        Seconds to wait (never negative), or ``None`` when absent or unreadable.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return max(float(text), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)
