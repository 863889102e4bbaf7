"""The in-process seam: serves a session's requests from a :data:`~maas_sdk._wire.WireHandler`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
import requests.adapters

from maas_sdk._codec import header_text
from maas_sdk._wire import ConnectionDropped, ReadTimedOut, WireHandler, WireRequest

__all__ = ["HandlerAdapter"]


class HandlerAdapter(requests.adapters.BaseAdapter):
    """Serves requests from an in-process :data:`WireHandler` instead of the network."""

    def __init__(self, handler: WireHandler) -> None:
        super().__init__()
        self._handler = handler

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        body = request.body
        if isinstance(body, str):
            body = body.encode("utf-8")
        read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
        wire = WireRequest(
            method=str(request.method),
            url=str(request.url),
            headers={k: header_text(v) for k, v in request.headers.items()},
            body=body or b"",
            read_timeout=read_timeout,
        )
        try:
            answer = self._handler(wire)
        except ConnectionDropped as dropped:
            raise _HandlerConnectionError(
                str(dropped), request_sent=dropped.request_sent, request=request
            ) from None
        except ReadTimedOut:
            raise requests.exceptions.ReadTimeout(
                "the in-process server did not answer within the read timeout", request=request
            ) from None
        response = requests.Response()
        response.status_code = answer.status
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers)
        response._content = answer.body
        response._content_consumed = True  # type: ignore[attr-defined]  # not in the stubs
        response.url = str(request.url)
        response.request = request
        response.encoding = "utf-8"
        response.reason = ""
        return response

    def close(self) -> None:
        """Nothing to release: the handler owns no connections."""


class _HandlerConnectionError(requests.exceptions.ConnectionError):
    def __init__(self, message: str, *, request_sent: bool, request: Any) -> None:
        super().__init__(message, request=request)
        self.request_sent = request_sent
