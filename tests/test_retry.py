"""Retries: which failures are repeated, how long the client waits, and what escapes.

Every test drives the real transport through an in-process ``handler=`` and a recording clock,
so nothing sleeps and every wait is asserted.
"""

from __future__ import annotations

import email.parser
import logging
import re
import time
from collections.abc import Callable

import pytest

from maas_sdk._retry import RetryPolicy, parse_retry_after
from maas_sdk._wire import ConnectionDropped, ReadTimedOut, WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    ConflictError,
    MAASError,
    ServerError,
    ServiceUnavailableError,
)

SECRET = "abcdefghijklmnopqrstuvwxyz012345"
KEY = f"AbCdEfGhIjKlMnOpQr:StUvWxYz0123456789:{SECRET}"
URL = "http://fake-maas.invalid:5240/MAAS/"
OK_JSON = WireResponse(200, {"Content-Type": "application/json"}, b'{"system_id": "abc123"}')

Answer = WireResponse | BaseException


class RecordingClock:
    """A clock whose sleeps are recorded and advance virtual time instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Script:
    """Answers each request with the next scripted answer (the last one repeats)."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = answers
        self.requests: list[WireRequest] = []

    def __call__(self, request: WireRequest) -> WireResponse:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, BaseException):
            raise answer
        return answer


def status(code: int, body: str = "", retry_after: str | None = None) -> WireResponse:
    headers = {"Content-Type": "text/plain; charset=utf-8"}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    return WireResponse(code, headers, body.encode())


def make_client(
    script: Script, policy: RetryPolicy | None = None
) -> tuple[MAASClient, RecordingClock]:
    clock = RecordingClock()
    client = MAASClient(URL, KEY, handler=script, clock=clock, retry=policy)
    return client, clock


def deploy(client: MAASClient) -> object:
    return client.transport.post("machines/abc123/", op="deploy", data={"distro_series": "noble"})


def read(client: MAASClient) -> object:
    return client.transport.get("machines/abc123/")


NO_JITTER = RetryPolicy(jitter=False)


def test_409_with_retry_after_is_retried_then_succeeds() -> None:
    script = Script(status(409, "Conflict error.", retry_after="5"), OK_JSON)
    client, clock = make_client(script)

    answer = client.transport.post("machines/abc123/", op="deploy")

    assert answer.json() == {"system_id": "abc123"}
    assert len(script.requests) == 2
    assert clock.sleeps == [5.0]


def test_409_without_retry_after_is_not_retried() -> None:
    script = Script(status(409, "Can't deploy a machine that is in the 'New' state"), OK_JSON)
    client, clock = make_client(script)

    with pytest.raises(ConflictError) as caught:
        deploy(client)

    assert len(script.requests) == 1
    assert clock.sleeps == []
    assert caught.value.retry_after is None


@pytest.mark.parametrize("call", [deploy, read])
def test_503_with_retry_after_is_retried_for_every_method(
    call: Callable[[MAASClient], object],
) -> None:
    script = Script(status(503, "No connections available.", retry_after="10"), OK_JSON)
    client, clock = make_client(script)

    call(client)

    assert len(script.requests) == 2
    assert clock.sleeps == [10.0]


@pytest.mark.parametrize("call", [deploy, read])
def test_503_without_retry_after_is_not_retried(call: Callable[[MAASClient], object]) -> None:
    script = Script(status(503, "<id>: Unable to allocate static IP due to address exhaustion."))
    client, clock = make_client(script)

    with pytest.raises(ServiceUnavailableError):
        call(client)

    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("code", [502, 504])
def test_gateway_errors_are_retried_for_get(code: int) -> None:
    script = Script(status(code), status(code), OK_JSON)
    client, clock = make_client(script, NO_JITTER)

    assert read(client).status_code == 200  # type: ignore[attr-defined]

    assert len(script.requests) == 3
    assert clock.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("code", [502, 504])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_gateway_errors_are_not_retried_for_other_methods(code: int, method: str) -> None:
    script = Script(status(code), OK_JSON)
    client, clock = make_client(script, NO_JITTER)

    with pytest.raises(ServerError) as caught:
        client.transport.request(method, "machines/abc123/")  # type: ignore[arg-type]

    assert caught.value.status_code == code
    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize("code", [400, 401, 403, 404, 405, 500])
def test_client_errors_and_500_are_never_retried(code: int) -> None:
    script = Script(status(code, "no", retry_after="1"), OK_JSON)
    client, clock = make_client(script)

    with pytest.raises(APIError):
        read(client)

    assert len(script.requests) == 1
    assert clock.sleeps == []


@pytest.mark.parametrize(
    ("header", "policy", "expected"),
    [
        ("3600", RetryPolicy(), 60.0),
        ("3600", RetryPolicy(retry_after_cap=7.0), 7.0),
        ("2.5", RetryPolicy(), 2.5),
        ("0", RetryPolicy(), 0.0),
        ("Wed, 21 Oct 2099 07:28:00 GMT", RetryPolicy(), 60.0),
        ("Wed, 21 Oct 2015 07:28:00 GMT", RetryPolicy(), 0.0),
    ],
)
def test_retry_after_is_honoured_and_capped(
    header: str, policy: RetryPolicy, expected: float
) -> None:
    script = Script(status(409, retry_after=header), OK_JSON)
    client, clock = make_client(script, policy)

    deploy(client)

    assert clock.sleeps == [expected]


def test_max_attempts_bounds_the_requests_and_the_last_error_escapes() -> None:
    script = Script(status(409, "Conflict error.", retry_after="1"))
    client, clock = make_client(script, RetryPolicy(max_attempts=3))

    with pytest.raises(ConflictError) as caught:
        deploy(client)

    assert len(script.requests) == 3
    assert clock.sleeps == [1.0, 1.0]
    assert caught.value.retry_after == 1.0


def test_max_wait_bounds_the_total_waiting() -> None:
    script = Script(status(503, retry_after="60"))
    client, clock = make_client(script, RetryPolicy(max_attempts=10, max_wait=120.0))

    with pytest.raises(ServiceUnavailableError):
        read(client)

    assert clock.sleeps == [60.0, 60.0]
    assert len(script.requests) == 3


def test_max_wait_zero_stops_before_any_wait() -> None:
    script = Script(status(409, retry_after="5"), OK_JSON)
    client, clock = make_client(script, RetryPolicy(max_wait=0.0))

    with pytest.raises(ConflictError):
        deploy(client)

    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_disabled_policy_makes_one_attempt() -> None:
    script = Script(status(409, retry_after="1"), OK_JSON)
    client, clock = make_client(script, RetryPolicy.disabled())

    with pytest.raises(ConflictError):
        deploy(client)

    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_the_escaping_error_is_ours_not_tenacitys() -> None:
    script = Script(status(503, "busy", retry_after="1"))
    client, _ = make_client(script, RetryPolicy(max_attempts=2))

    with pytest.raises(MAASError) as caught:
        read(client)

    error = caught.value
    assert type(error) is ServiceUnavailableError
    assert all(
        cls.__module__.split(".")[0] in ("maas_sdk", "builtins") for cls in type(error).__mro__
    )
    assert error.__cause__ is None
    assert "RetryError" not in repr(error)


def test_connection_refused_is_retried_for_post_then_succeeds() -> None:
    script = Script(
        ConnectionDropped(request_sent=False), ConnectionDropped(request_sent=False), OK_JSON
    )
    client, clock = make_client(script, NO_JITTER)

    deploy(client)

    assert len(script.requests) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_connection_refused_every_time_gives_up_with_a_connection_error() -> None:
    script = Script(ConnectionDropped(request_sent=False))
    client, clock = make_client(script, NO_JITTER)

    with pytest.raises(APIConnectionError) as caught:
        deploy(client)

    assert type(caught.value) is APIConnectionError
    assert caught.value.outcome_unknown is False
    assert caught.value.method == "POST"
    assert len(script.requests) == 5
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert "could not connect to http://fake-maas.invalid:5240" in str(caught.value)


def test_connection_dropped_after_sending_a_post_is_not_replayed() -> None:
    script = Script(ConnectionDropped(request_sent=True), OK_JSON)
    client, clock = make_client(script)

    with pytest.raises(APIConnectionError) as caught:
        deploy(client)

    assert caught.value.outcome_unknown is True
    assert len(script.requests) == 1
    assert clock.sleeps == []
    assert "outcome is unknown" in str(caught.value)


def test_connection_dropped_after_sending_a_get_is_replayed() -> None:
    script = Script(ConnectionDropped(request_sent=True), OK_JSON)
    client, _ = make_client(script)

    assert read(client).status_code == 200  # type: ignore[attr-defined]
    assert len(script.requests) == 2


def test_read_timeout_on_post_is_not_replayed() -> None:
    script = Script(ReadTimedOut(), OK_JSON)
    client, _ = make_client(script)

    with pytest.raises(APITimeoutError) as caught:
        deploy(client)

    assert caught.value.outcome_unknown is True
    assert len(script.requests) == 1


def test_read_timeout_on_get_is_replayed() -> None:
    script = Script(ReadTimedOut(), OK_JSON)
    client, _ = make_client(script)

    assert read(client).status_code == 200  # type: ignore[attr-defined]
    assert len(script.requests) == 2


def test_backoff_grows_exponentially_up_to_its_maximum() -> None:
    script = Script(ConnectionDropped(request_sent=False))
    policy = RetryPolicy(max_attempts=6, backoff_initial=0.5, backoff_max=1.5, jitter=False)
    client, clock = make_client(script, policy)

    with pytest.raises(APIConnectionError):
        read(client)

    assert clock.sleeps == [0.5, 1.0, 1.5, 1.5, 1.5]


def test_jittered_backoff_stays_between_half_and_the_full_delay() -> None:
    script = Script(ConnectionDropped(request_sent=False))
    client, clock = make_client(script, RetryPolicy(max_attempts=5))

    with pytest.raises(APIConnectionError):
        read(client)

    for wait, full in zip(clock.sleeps, [0.5, 1.0, 2.0, 4.0], strict=True):
        assert full / 2 <= wait <= full


def test_every_retry_is_logged_at_debug_without_the_authorization_header(
    caplog: pytest.LogCaptureFixture,
) -> None:
    script = Script(
        status(409, "Conflict error.", retry_after="5"), status(409, retry_after="5"), OK_JSON
    )
    client, _ = make_client(script)

    with caplog.at_level(logging.DEBUG, logger="maas_sdk"):
        deploy(client)

    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert retries == [
        "retrying POST /MAAS/api/2.0/machines/abc123/?op=deploy after 409 Conflict, "
        "Retry-After 5s (attempt 2 of 5) in 5.00s",
        "retrying POST /MAAS/api/2.0/machines/abc123/?op=deploy after 409 Conflict, "
        "Retry-After 5s (attempt 3 of 5) in 5.00s",
    ]
    assert all(r.name == "maas_sdk" and r.levelno == logging.DEBUG for r in caplog.records)
    text = caplog.text
    assert "'Authorization': '[redacted]'" in text
    assert SECRET not in text
    assert "oauth_signature" not in text
    assert "OAuth " not in text


def _oauth_params(request: WireRequest) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="([^"]*)"', request.headers["Authorization"]))


def test_every_attempt_is_signed_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = RecordingClock()
    wall = [1_700_000_000.0]
    monkeypatch.setattr(time, "time", lambda: wall[0] + clock.now - 1000.0)
    script = Script(status(409, retry_after="5"), status(503, retry_after="7"), OK_JSON)
    client = MAASClient(URL, KEY, handler=script, clock=clock)

    deploy(client)

    params = [_oauth_params(r) for r in script.requests]
    assert len({p["oauth_nonce"] for p in params}) == 3
    assert [p["oauth_timestamp"] for p in params] == ["1700000000", "1700000005", "1700000012"]
    assert len({r.headers["Authorization"] for r in script.requests}) == 3


def _form_parts(request: WireRequest) -> dict[str, tuple[str | None, bytes]]:
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser().parsebytes(head + request.body)
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        name = part.get_param("name", header="content-disposition")
        parts[str(name)] = (part.get_filename(), payload)
    return parts


def test_a_multipart_body_replays_identically_on_a_retry() -> None:
    script = Script(status(409, retry_after="1"), OK_JSON)
    client, _ = make_client(script)
    content = bytes(range(256)) * 4

    client.transport.post(
        "boot-resources/",
        data={"name": "custom/image", "architecture": "amd64/generic", "content": content},
    )

    first, second = script.requests
    assert first.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert _form_parts(first) == _form_parts(second)
    assert _form_parts(second) == {
        "name": (None, b"custom/image"),
        "architecture": (None, b"amd64/generic"),
        "content": ("content", content),
    }
    assert len(second.body) == len(first.body)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("5", 5.0),
        (" 2.5 ", 2.5),
        ("-3", 0.0),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


@pytest.mark.parametrize(
    "options",
    [
        {"max_attempts": 0},
        {"max_wait": -1.0},
        {"backoff_initial": -0.1},
        {"backoff_max": -1.0},
        {"retry_after_cap": -5.0},
    ],
)
def test_invalid_policies_are_rejected(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="RetryPolicy"):
        RetryPolicy(**options)  # type: ignore[arg-type]
