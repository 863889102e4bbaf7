"""The request log: every request the fake served, so tests can assert what was sent.

The ``Authorization`` header is never recorded, nor any ``oauth_*`` parameter.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["LoggedRequest", "RequestLog", "path_matches"]


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the fake received it.

    Attributes:
        method: HTTP method.
        path: Full path as sent, percent-decoded (``/MAAS/api/2.0/machines/abc123/``).
        api_path: Path relative to ``/MAAS/api/2.0/`` (None outside the API).
        pattern: The route pattern that matched (``machines/{system_id}/``), if any.
        op: The op the request was dispatched with, if any.
        query: Query-string pairs (``op`` included).
        form: Body field pairs of a POST/PUT.
        files: File part names of a multipart body.
        user: The authenticated username (None: anonymous or rejected).
        status: Status answered, or None when the connection was dropped.
        fault: The kind of injected fault that affected it (``status``, ``drop``, ...), or None.
        time: Virtual monotonic time when it was served.
    """

    method: str
    path: str
    api_path: str | None
    pattern: str | None
    op: str | None
    query: tuple[tuple[str, str], ...]
    form: tuple[tuple[str, str], ...]
    files: tuple[str, ...]
    user: str | None
    status: int | None
    fault: str | None
    time: float

    @property
    def faulted(self) -> bool:
        """Whether an injected fault affected this request."""
        return self.fault is not None

    @property
    def params(self) -> dict[str, list[str]]:
        """Query and form parameters merged, ``op`` and ``oauth_*`` excluded, as lists."""
        merged: dict[str, list[str]] = {}
        for key, value in self.query + self.form:
            if key != "op":
                merged.setdefault(key, []).append(value)
        return merged


def path_matches(selector: str, *, path: str, api_path: str | None, pattern: str | None) -> bool:
    """Return whether ``selector`` names this request's route.

    ``selector`` may be a route pattern (``machines/{system_id}/``), a path relative to the API
    root (``machines/abc123/``) or a full path (``/MAAS/api/2.0/machines/abc123/``).
    """
    return selector in (pattern, api_path, path)


class RequestLog:
    """A thread-safe, list-like log of :class:`LoggedRequest` entries, oldest first."""

    def __init__(self) -> None:
        self._entries: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def append(self, entry: LoggedRequest) -> None:
        """Record one request."""
        with self._lock:
            self._entries.append(entry)

    def filter(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        op: str | None = None,
        faulted: bool | None = None,
    ) -> list[LoggedRequest]:
        """Return the entries matching every criterion given.

        Args:
            method: HTTP method.
            path: Route pattern, API-relative path or full path (see :func:`path_matches`).
            op: The op.
            faulted: Only faulted (True) or only clean (False) requests.
        """
        with self._lock:
            entries = list(self._entries)
        return [
            entry
            for entry in entries
            if (method is None or entry.method == method.upper())
            and (
                path is None
                or path_matches(
                    path, path=entry.path, api_path=entry.api_path, pattern=entry.pattern
                )
            )
            and (op is None or entry.op == op)
            and (faulted is None or entry.faulted == faulted)
        ]

    def count(
        self, *, method: str | None = None, path: str | None = None, op: str | None = None
    ) -> int:
        """Return how many logged requests match (see :meth:`filter`)."""
        return len(self.filter(method=method, path=path, op=op))

    @property
    def last(self) -> LoggedRequest:
        """The most recent request (IndexError if none)."""
        with self._lock:
            return self._entries[-1]

    def clear(self) -> None:
        """Forget every logged request."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[LoggedRequest]:
        with self._lock:
            return iter(list(self._entries))

    def __getitem__(self, index: int) -> LoggedRequest:
        with self._lock:
            return self._entries[index]

    def __repr__(self) -> str:
        return f"<RequestLog of {len(self)} requests>"
