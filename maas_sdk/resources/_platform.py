"""Plumbing shared by the platform resources: uploads, downloads, odd date formats, polling.

Several platform endpoints take a file part (``files/``, ``scripts/``, ``boot-resources/``,
``boot-sources/`` ``keyring_data``, ``commissioning-scripts/``) or answer raw bytes (file and
script downloads). The client's transport accepts file parts through ``files=``; this module
declares that part of it (:class:`UploadTransport`) and turns what a user passes (bytes, a path
or an open binary file) into the bytes to send.
"""

from __future__ import annotations

import email.utils
import os
import re
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import IO, Any, Protocol, TypeAlias

from pydantic import BeforeValidator

from maas_sdk._clock import Clock
from maas_sdk._codec import FileValue
from maas_sdk._wait import BACKOFF, MAX_POLL_INTERVAL, check_wait_arguments
from maas_sdk.errors import WaitTimeoutError
from maas_sdk.resources._base import FormPairs, ResponseLike, TransportLike

__all__ = [
    "RFC2822_DATETIME",
    "TIMEDELTA",
    "BinaryUpload",
    "UploadTransport",
    "poll_until",
    "read_text_upload",
    "read_upload",
]

BinaryUpload: TypeAlias = bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes]
"""What an upload accepts: the content itself, a path to read it from, or an open binary file."""


class UploadTransport(TransportLike, Protocol):
    """The transport as the platform managers use it: POST and PUT may carry file parts."""

    def post(
        self,
        path: str,
        *,
        op: str | None = None,
        data: FormPairs | None = None,
        files: Mapping[str, FileValue] | None = None,
    ) -> ResponseLike:
        """Send a POST with a form body, multipart when ``files`` is given."""
        ...

    def put(
        self,
        path: str,
        *,
        data: FormPairs | None = None,
        files: Mapping[str, FileValue] | None = None,
    ) -> ResponseLike:
        """Send a PUT with a form body, multipart when ``files`` is given."""
        ...


def read_upload(source: BinaryUpload, what: str) -> bytes:
    """Return the bytes to upload from the content, a path or an open binary file.

    Args:
        source: ``bytes`` (or another bytes-like object), an :class:`os.PathLike` path, or a
            file object opened in binary mode.
        what: The parameter's name, for the error message.

    Raises:
        TypeError: ``source`` is a ``str`` (ambiguous: pass ``pathlib.Path(...)`` for a path or
            ``text.encode()`` for content) or anything else unusable.
        OSError: The path cannot be read.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, os.PathLike):
        with open(os.fspath(source), "rb") as stream:
            return stream.read()
    if isinstance(source, str):
        raise TypeError(
            f"{what}: a str is ambiguous here; pass pathlib.Path({source[:40]!r}) to upload a "
            "file, or bytes to upload content"
        )
    read = getattr(source, "read", None)
    if callable(read):
        content = read()
        if isinstance(content, bytes):
            return content
        raise TypeError(f"{what}: the file object must be opened in binary mode ('rb')")
    raise TypeError(f"{what}: expected bytes, a path or a binary file, not {type(source).__name__}")


def read_text_upload(source: str | BinaryUpload, what: str) -> bytes:
    """Like :func:`read_upload`, but a ``str`` is the text itself (sent as UTF-8)."""
    if isinstance(source, str):
        return source.encode("utf-8")
    return read_upload(source, what)


# --- field types ------------------------------------------------------------------------------


def _rfc2822(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return value


RFC2822_DATETIME = BeforeValidator(_rfc2822)
"""Datetimes MAAS renders with ``email.utils.format_datetime`` (script and DHCP snippet
histories: ``Thu, 06 Dec 2018 21:26:18 -0000``); an unreadable text becomes ``None``."""

_DURATION = re.compile(
    r"^(?:(?P<days>-?\d+) days?, )?(?P<hours>\d+):(?P<minutes>\d\d):(?P<seconds>\d\d(?:\.\d+)?)$"
)


def _timedelta(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if isinstance(value, str):
        matched = _DURATION.match(value.strip())
        if matched is None:
            return None
        return timedelta(
            days=int(matched["days"] or 0),
            hours=int(matched["hours"]),
            minutes=int(matched["minutes"]),
            seconds=float(matched["seconds"]),
        )
    return value


TIMEDELTA = BeforeValidator(_timedelta)
"""Durations MAAS renders as Python's ``str(timedelta)`` (``0:05:00``, ``1 day, 2:00:00``) or
as seconds; an unreadable text becomes ``None``."""

# --- polling ----------------------------------------------------------------------------------


def poll_until(
    done: Callable[[], bool],
    *,
    clock: Clock,
    timeout: float,
    poll_interval: float,
    action: str,
    state: Callable[[], str | None] = lambda: None,
) -> None:
    """Call ``done`` until it returns true, sleeping on ``clock`` with a growing interval.

    Args:
        done: Reads the server's state and says whether the wait is over (the first call is
            made after ``poll_interval``).
        clock: The client's clock (a fake clock makes the wait instant).
        timeout: The deadline in seconds.
        poll_interval: Seconds before the first poll; the interval grows by 1.5x up to 60 s.
        action: What is awaited, for the error (``"boot image import"``).
        state: Describes the last state seen, for the error.

    Raises:
        ValueError: ``timeout`` or ``poll_interval`` is not a finite positive number.
        WaitTimeoutError: The deadline passed first.
    """
    check_wait_arguments(timeout, poll_interval)
    deadline = clock.monotonic() + timeout
    interval = poll_interval
    cap = max(poll_interval, MAX_POLL_INTERVAL)
    while True:
        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            break
        clock.sleep(min(interval, remaining))
        interval = min(interval * BACKOFF, cap)
        if done():
            return
    last = state()
    raise WaitTimeoutError(
        f"{action} did not finish within {timeout:g} s"
        + (f" (last state: {last})" if last else ""),
        machine=None,
        action=action,
        timeout=timeout,
        last_state=last,
    )
