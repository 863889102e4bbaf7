"""Real sockets: a tiny ``http.server`` on 127.0.0.1 proves timeouts, TLS ``verify=``, dropped
connections, keep-alive sharing between threads and session closing reach the wire.

Real delays: two read timeouts of 0.3 s and 0.2 s; everything else answers at once.
"""

from __future__ import annotations

import json
import logging
import socket
import ssl
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
import trustme

from maas_sdk._transport import InsecureTransportWarning
from maas_sdk.client import MAASClient
from maas_sdk.errors import APIConnectionError, APITimeoutError, AuthenticationError, TLSError

SECRET = "Vn4Bq8Lx2Rw6Tz0Ym3Hc7Kp1Sd5Gf9Ja"
KEY = f"Pq2Wd6Zr0Lm4Xc8Vb1:Ee5Tt9Gy3Uh7Jn1Ko4:{SECRET}"
SYSTEM_BUNDLE = ssl.get_default_verify_paths().cafile or "/etc/ssl/certs/ca-certificates.crt"
VERSION = (
    b'{"capabilities": ["networks-management", "static-ipaddresses", "ipv6-deployment-ubuntu", '
    b'"devices-management", "storage-deployment-ubuntu", "network-deployment-ubuntu", '
    b'"bridging-interface-ubuntu", "bridging-automatic-ubuntu", "authenticate-api"], '
    b'"version": "3.4.10", "subversion": ""}'
)
WHOAMI = json.dumps(
    {"is_superuser": False, "username": "MAAS", "email": "maas@localhost", "is_local": True},
    indent=4,
).encode()

Behaviour = Callable[["_Handler", "Loopback"], None]


class RecordingClock:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return sum(self.sleeps)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep the test output quiet."""

    def _serve(self) -> None:
        self.request_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.loopback.count("requests")
        self.server.loopback.behaviour(self, self.server.loopback)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def handle(self) -> None:
        super().handle()
        self.server.loopback.closed.set()

    def answer(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    loopback: Loopback

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        self.loopback.count("connections")
        if self.loopback.tls is None:
            return connection, address
        connection.settimeout(5)
        return self.loopback.tls.wrap_socket(connection, server_side=True), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Broken pipes after a client gave up are expected here."""


class Loopback:
    """A loopback HTTP(S) server whose answers come from ``behaviour``."""

    def __init__(self, behaviour: Behaviour, tls: ssl.SSLContext | None = None) -> None:
        self.behaviour = behaviour
        self.tls = tls
        self.counts = {"requests": 0, "connections": 0}
        self.release = threading.Event()
        self.closed = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.loopback = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))

    def count(self, what: str) -> int:
        with self._lock:
            self.counts[what] += 1
            return self.counts[what]

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_port}/MAAS/"

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def maas(handler: _Handler, loopback: Loopback) -> None:
    if handler.path.endswith("/users/?op=whoami"):
        handler.answer(200, WHOAMI, "application/json; charset=utf-8")
    else:
        handler.answer(200, VERSION, "application/json; charset=utf-8")


def stall(handler: _Handler, loopback: Loopback) -> None:
    loopback.release.wait(2)
    handler.answer(200, b"{}", "application/json")


def stall_in_body(handler: _Handler, loopback: Loopback) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    handler.wfile.write(b'{"system_id": ')
    handler.wfile.flush()
    loopback.release.wait(2)


def drop_first(handler: _Handler, loopback: Loopback) -> None:
    if loopback.counts["requests"] == 1:
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)
        return
    maas(handler, loopback)


def test_read_timeout_reaches_the_wire_and_a_post_is_not_replayed() -> None:
    with Loopback(stall) as server, MAASClient(server.url, KEY, timeout=(2, 0.3)) as client:
        with pytest.raises(APITimeoutError) as caught:
            client.transport.post("machines/abc123/", op="deploy")

        assert caught.value.outcome_unknown is True
        assert "did not answer within the read timeout" in str(caught.value)
        assert server.counts["requests"] == 1


def test_a_body_that_stalls_is_a_read_timeout_too() -> None:
    with Loopback(stall_in_body) as server, MAASClient(server.url, KEY, timeout=(2, 0.2)) as client:
        with pytest.raises(APITimeoutError) as caught:
            client.transport.post("machines/", data={"hostname": "n1"})

        assert caught.value.outcome_unknown is True
        assert server.counts["requests"] == 1


def test_connection_refused_is_retried_then_raised() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clock = RecordingClock()

    with (
        MAASClient(f"http://127.0.0.1:{port}/MAAS/", KEY, clock=clock) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.transport.post("machines/abc123/", op="deploy")

    assert type(caught.value) is APIConnectionError
    assert caught.value.outcome_unknown is False
    assert len(clock.sleeps) == 4
    assert f"could not connect to http://127.0.0.1:{port}" in str(caught.value)


def test_a_post_dropped_after_sending_is_not_replayed() -> None:
    with (
        Loopback(drop_first) as server,
        MAASClient(server.url, KEY, clock=RecordingClock()) as client,
    ):
        with pytest.raises(APIConnectionError) as caught:
            client.transport.post("machines/abc123/", op="deploy")

        assert caught.value.outcome_unknown is True
        assert server.counts["requests"] == 1


def test_a_get_dropped_after_sending_is_replayed() -> None:
    with (
        Loopback(drop_first) as server,
        MAASClient(server.url, KEY, clock=RecordingClock()) as client,
    ):
        assert client.version().version == "3.4.10"
        assert server.counts["requests"] == 2


def test_version_and_whoami_over_the_wire_and_closing_the_session() -> None:
    with Loopback(maas) as server:
        with MAASClient(server.url, KEY) as client:
            assert client.version().version_tuple == (3, 4, 10)
            user = client.whoami()
            assert (user.username, user.is_superuser) == ("MAAS", False)
            assert server.counts["connections"] == 1
            assert not server.closed.is_set()

        assert server.closed.wait(5), "closing the client closes its keep-alive connection"


def unauthorized(handler: _Handler, loopback: Loopback) -> None:
    handler.answer(401, b"Forbidden", "text/plain")


def test_closing_the_client_closes_a_connection_an_error_still_references() -> None:
    with Loopback(unauthorized) as server:
        with MAASClient(server.url, KEY) as client, pytest.raises(AuthenticationError) as caught:
            client.whoami()

        assert server.closed.wait(5), "the held error must not keep the connection open"
        assert caught.value.status_code == 401


def test_sixteen_threads_share_one_client() -> None:
    with Loopback(maas) as server, MAASClient(server.url, KEY) as client:

        def work(_: int) -> list[str]:
            return [client.version().version for _ in range(50)]

        with ThreadPoolExecutor(16) as pool:
            results = [v for batch in pool.map(work, range(16)) for v in batch]

        assert results == ["3.4.10"] * 800
        assert server.counts["requests"] == 800
        assert server.counts["connections"] <= 16


# --- TLS -------------------------------------------------------------------------------------


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ssl.SSLContext, Path]:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", SYSTEM_BUNDLE)
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "maas-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return context, ca_file


def test_verify_with_the_ca_file_succeeds_despite_requests_ca_bundle(
    tls: tuple[ssl.SSLContext, Path],
) -> None:
    context, ca_file = tls
    with Loopback(maas, tls=context) as server:
        for verify in (str(ca_file), ca_file):
            with MAASClient(server.url, KEY, verify=verify) as client:
                assert client.version().version == "3.4.10"


def test_verify_true_rejects_the_private_ca_without_retrying(
    tls: tuple[ssl.SSLContext, Path],
) -> None:
    context, _ = tls
    clock = RecordingClock()
    with Loopback(maas, tls=context) as server, MAASClient(server.url, KEY, clock=clock) as client:
        with pytest.raises(TLSError) as caught:
            client.version()

        assert caught.value.outcome_unknown is False
        assert "TLS handshake with https://127.0.0.1" in str(caught.value)
        assert server.counts["connections"] == 1
        assert server.counts["requests"] == 0
        assert clock.sleeps == []


def test_verify_false_connects_and_warns(tls: tuple[ssl.SSLContext, Path]) -> None:
    context, _ = tls
    with Loopback(maas, tls=context) as server:
        with pytest.warns(InsecureTransportWarning, match="verification is disabled"):
            client = MAASClient(server.url, KEY, verify=False)
        with client, pytest.warns(Warning, match="Unverified HTTPS request"):
            assert client.version().version == "3.4.10"


# --- secrets over the wire -------------------------------------------------------------------


class _CaptureAll(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def echo_secret(handler: _Handler, loopback: Loopback) -> None:
    if loopback.counts["requests"] == 1:
        handler.answer(
            409, b"<h1>Conflict error.</h1>", "text/html; charset=utf-8", Retry_After="1"
        )
        return
    body = f"Authorization Error: 'Invalid signature. Expected signature base string: &{SECRET}'"
    handler.answer(
        401, body.encode(), "text/html; charset=utf-8", WWW_Authenticate='OAuth realm="OAuth"'
    )


def test_no_secret_in_any_log_line_over_the_wire() -> None:
    capture = _CaptureAll()
    root = logging.getLogger()
    saved = root.level
    names = ["urllib3", "urllib3.connectionpool", "requests_oauthlib", "oauthlib", "maas_sdk"]
    levels = {name: logging.getLogger(name).level for name in names}
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        with (
            Loopback(echo_secret) as server,
            MAASClient(server.url, KEY, clock=RecordingClock()) as client,
            pytest.raises(AuthenticationError) as caught,
        ):
            client.transport.post("machines/abc123/", op="deploy", data={"a": "b"})
    finally:
        root.removeHandler(capture)
        root.setLevel(saved)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)

    formatter = logging.Formatter("%(name)s %(message)s")
    lines = [formatter.format(record) for record in capture.records]
    assert server.counts["requests"] == 2
    assert any(record.name == "urllib3.connectionpool" for record in capture.records)
    assert any("retrying POST" in line for line in lines)
    for text in [*lines, str(caught.value), repr(caught.value), caught.value.message]:
        assert SECRET not in text
        assert KEY not in text
        assert "oauth_signature=" not in text
