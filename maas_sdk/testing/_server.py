"""A real HTTP server on loopback in front of a fake region (standard library only).

Each connection is served on its own thread with HTTP/1.1 keep-alive. A ``drop`` fault closes
the socket without answering (with a TCP reset), which a client sees as a broken connection.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Protocol

from maas_sdk._wire import ConnectionDropped, WireRequest, WireResponse

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["LoopbackServer"]


class _Handles(Protocol):
    def handle(self, request: WireRequest) -> WireResponse: ...


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    answer: Callable[[WireRequest], WireResponse]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hung up first (it timed out on a ``delay`` fault)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        request = WireRequest(
            method=self.command,
            url=f"http://{host}{self.path}",
            headers={key: value for key, value in self.headers.items()},
            body=body,
        )
        try:
            response = self.server.answer(request)
        except ConnectionDropped:
            self._reset_connection()
            return
        self.send_response(response.status)
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _reset_connection(self) -> None:
        self.close_connection = True
        linger = struct.pack("ii", 1, 0)
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        except OSError:
            return

    do_GET = do_POST = do_PUT = do_DELETE = _serve  # noqa: N815 - http.server's names
    do_HEAD = do_OPTIONS = do_PATCH = _serve  # noqa: N815

    def version_string(self) -> str:
        return "TwistedWeb/fake"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        """Stay quiet: the fake keeps its own request log."""


class LoopbackServer:
    """A running loopback HTTP server for a fake region.

    Attributes:
        host: Bound address.
        port: Bound port.
        url: Base URL to give a client (``http://127.0.0.1:<port>/MAAS/``).
        api_key: An API key valid on the fake.
    """

    def __init__(self, fake: _Handles, host: str, port: int, api_key: str) -> None:
        self._server = _Server((host, port), _RequestHandler)
        self._server.answer = fake.handle
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-maas-http",
            daemon=True,
        )
        self.host = host
        self.port: int = self._server.server_address[1]
        self.url = f"http://{host}:{self.port}/MAAS/"
        self.api_key = api_key

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def serve_forever(self) -> None:
        """Serve on the calling thread until interrupted (the CLI uses this)."""
        self._server.serve_forever()

    def __repr__(self) -> str:
        return f"<LoopbackServer {self.url}>"
