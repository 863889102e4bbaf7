"""Plain HTTP exchange records shared by the transport and in-process handlers.

This module knows nothing about ``requests``. It lets an in-process server (the fake MAAS in
:mod:`maas_sdk.testing`) be mounted under a client's transport without importing any HTTP
library: the transport turns each prepared request into a :class:`WireRequest`, calls the
handler, and turns the :class:`WireResponse` back into a normal HTTP response, so signing,
retries and error mapping run exactly as they do against a real server.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["ConnectionDropped", "ReadTimedOut", "WireHandler", "WireRequest", "WireResponse"]


@dataclass(frozen=True)
class WireRequest:
    """One HTTP request as a handler sees it.

    Attributes:
        method: Upper-case HTTP method.
        url: Absolute URL including the query string.
        headers: Request headers (``Authorization`` included: handlers must not log it).
        body: Raw request body (form-encoded or multipart), empty for GET/DELETE.
        read_timeout: The client's read timeout in seconds: a handler simulating a slow answer
            raises :class:`ReadTimedOut` when its delay reaches it.
    """

    method: str
    url: str
    headers: Mapping[str, str]
    body: bytes = b""
    read_timeout: float | None = None


@dataclass
class WireResponse:
    """One HTTP response produced by a handler.

    Attributes:
        status: HTTP status code.
        headers: Response headers (``Content-Type``, ``Retry-After``, ...).
        body: Raw response body.
    """

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class ConnectionDropped(Exception):  # noqa: N818 - it names the event, like ConnectionReset
    """Raised by a handler to simulate a connection that broke.

    Attributes:
        request_sent: ``False`` when the connection failed before the request reached the server
            (safe to retry any request); ``True`` when the server received it and may have acted
            on it before the connection dropped (the outcome is unknown to the client).
    """

    def __init__(self, *, request_sent: bool) -> None:
        super().__init__(
            "connection dropped after the request was sent"
            if request_sent
            else "connection refused before the request was sent"
        )
        self.request_sent = request_sent


class ReadTimedOut(Exception):  # noqa: N818 - it names the event
    """Raised by a handler to simulate an answer slower than the client's read timeout.

    The request reached the server, so its outcome is unknown to the client.
    """


WireHandler = Callable[[WireRequest], WireResponse]
"""A callable that answers one request: the in-process server seam."""
