"""The API key and token secret never reach a log line, an exception or a repr.

A scenario of failures (OAuth 401s that echo the secret, retries, dropped connections, timeouts,
field errors, undecodable answers) runs with every logger of every library capturing at DEBUG;
then every captured byte and every error (str, repr, args, traceback, pickle) is searched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from secret_scan import CaptureAll, NoSleep, capturing_all_logs, error_texts, leaks

from maas_sdk._retry import RetryPolicy
from maas_sdk._transport import _REDACTION, _SIGNING_LOGGERS, install_log_redaction
from maas_sdk._wire import ConnectionDropped, ReadTimedOut, WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import MAASError

CONSUMER = "Kc4Rz8Wq2Nv6Xb1Tm9"
TOKEN = "Hd7Lp3Sg5Yf0Ua8Ej2"
SECRET = "Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc"
KEY = f"{CONSUMER}:{TOKEN}:{SECRET}"
OTHER_SECRET = "Zm8Nb6Vc4Xz2Lk0Jh8Gf6Ds4Ap2Oi0Uy"
FORBIDDEN = (KEY, SECRET, OTHER_SECRET, f"%26{SECRET}", "oauth_signature=")
URL = "http://fake-maas.invalid:5240/MAAS/"
H = "text/html; charset=utf-8"


@pytest.fixture
def all_logs() -> Iterator[CaptureAll]:
    with capturing_all_logs() as capture:
        yield capture


def echo_401(secret: str) -> WireResponse:
    body = f"Authorization Error: 'Invalid signature. Expected signature base string: &{secret}'"
    return WireResponse(
        401, {"Content-Type": H, "WWW-Authenticate": 'OAuth realm="OAuth"'}, body.encode()
    )


class ScenarioServer:
    """Answers each path with its scripted sequence (the last answer repeats)."""

    def __init__(self) -> None:
        tokens = f'[{{"name": "MAAS consumer", "token": "{KEY}"}}, {{"name": "ci", "tok'
        self.script: dict[str, list[WireResponse | BaseException]] = {
            "/MAAS/api/2.0/zones/": [echo_401(SECRET)],
            "/MAAS/api/2.0/machines/": [echo_401(OTHER_SECRET)],
            "/MAAS/api/2.0/users/": [
                WireResponse(
                    401,
                    {"Content-Type": H},
                    f"Authorization Error: 'Invalid access token: {TOKEN}'".encode(),
                )
            ],
            "/MAAS/api/2.0/machines/abc123/": [
                WireResponse(
                    409, {"Content-Type": H, "Retry-After": "1"}, b"<h1>Conflict error.</h1>"
                ),
                echo_401(SECRET),
            ],
            "/MAAS/api/2.0/subnets/": [
                WireResponse(503, {"Retry-After": "2"}, f"busy {SECRET}".encode())
            ],
            "/MAAS/api/2.0/tags/": [
                ConnectionDropped(request_sent=False),
                ConnectionDropped(request_sent=True),
            ],
            "/MAAS/api/2.0/fabrics/": [ReadTimedOut()],
            "/MAAS/api/2.0/vlans/": [
                WireResponse(
                    400,
                    {"Content-Type": "application/json"},
                    f'{{"token": ["Token {KEY} is invalid."], "__all__": ["{SECRET}"]}}'.encode(),
                )
            ],
            "/MAAS/api/2.0/account/": [
                WireResponse(200, {"Content-Type": "application/json"}, tokens.encode())
            ],
            "/MAAS/api/2.0/version/": [
                WireResponse(200, {"Content-Type": H}, f"<p>{KEY}</p>".encode())
            ],
        }
        self.seen: dict[str, int] = {}

    def __call__(self, request: WireRequest) -> WireResponse:
        path = request.url.split("?")[0].split("5240", 1)[1]
        count = self.seen[path] = self.seen.get(path, 0) + 1
        answers = self.script[path]
        answer = answers[min(count, len(answers)) - 1]
        if isinstance(answer, BaseException):
            raise answer
        return answer


def run_scenario(client: MAASClient) -> list[BaseException]:
    transport = client.transport
    steps: list[Callable[[], object]] = [
        lambda: transport.get("zones/"),
        lambda: transport.get("machines/", params={"hostname": ["a", "b"]}),
        client.whoami,
        lambda: transport.post("machines/abc123/", op="deploy", data={"user_data": "x"}),
        lambda: transport.get("subnets/"),
        lambda: transport.post("tags/", data={"name": "gpu"}),
        lambda: transport.post("fabrics/", data={"name": "f"}),
        lambda: transport.post("vlans/", data={"vid": 5}),
        lambda: transport.get("account/", op="list_authorisation_tokens").json(),
        client.version,
    ]
    errors: list[BaseException] = []
    for step in steps:
        with pytest.raises(MAASError) as caught:
            step()
        errors.append(caught.value)
    return errors


def test_no_secret_in_logs_errors_or_reprs(all_logs: CaptureAll) -> None:
    server = ScenarioServer()
    client = MAASClient(
        URL, KEY, handler=server, clock=NoSleep(), retry=RetryPolicy(max_attempts=3)
    )

    errors = run_scenario(client)

    assert [type(e).__name__ for e in errors] == [
        "AuthenticationError",
        "AuthenticationError",
        "AuthenticationError",
        "AuthenticationError",
        "ServiceUnavailableError",
        "APIConnectionError",
        "APITimeoutError",
        "BadRequestError",
        "ResponseDecodeError",
        "ResponseDecodeError",
    ]
    assert server.seen["/MAAS/api/2.0/machines/abc123/"] == 2
    assert server.seen["/MAAS/api/2.0/subnets/"] == 3
    assert {"maas_sdk"} <= all_logs.names
    assert sum("retrying" in text for text in all_logs.texts) >= 4
    texts = list(all_logs.texts)
    for error in errors:
        texts.extend(error_texts(error))
    texts += [repr(client), repr(client.api_key), str(client.api_key), repr(client.transport)]
    assert leaks(texts, FORBIDDEN) == []


def test_errors_chain_to_nothing_that_holds_the_signed_request() -> None:
    client = MAASClient(URL, KEY, handler=ScenarioServer(), clock=NoSleep())

    for error in run_scenario(client):
        linked: BaseException | None = error
        while linked is not None:
            assert isinstance(linked, MAASError), f"{type(error).__name__} chains {linked!r}"
            linked = linked.__cause__ or linked.__context__


def test_the_401_echo_is_redacted_in_the_message() -> None:
    client = MAASClient(URL, KEY, handler=ScenarioServer(), clock=NoSleep())

    errors = run_scenario(client)

    expected = (
        "Authorization Error: 'Invalid signature. Expected signature base string: [redacted]'"
    )
    assert errors[0].message == expected  # type: ignore[attr-defined]
    assert str(errors[0]) == f"GET /MAAS/api/2.0/zones/ -> 401 Unauthorized: {expected}"
    assert errors[1].message == expected  # type: ignore[attr-defined]
    assert errors[7].field_errors == {  # type: ignore[attr-defined]
        "token": ["Token [redacted] is invalid."],
        "__all__": ["[redacted]"],
    }


def test_the_capture_would_see_a_leak_from_the_signing_libraries(all_logs: CaptureAll) -> None:
    def ok(request: WireRequest) -> WireResponse:
        return WireResponse(200, {"Content-Type": "application/json"}, b"[]")

    client = MAASClient(URL, KEY, handler=ok)
    for name in _SIGNING_LOGGERS:
        logging.getLogger(name).removeFilter(_REDACTION)
    try:
        client.transport.get("zones/")
    finally:
        install_log_redaction()
    leaked = leaks(all_logs.texts, FORBIDDEN)
    all_logs.texts.clear()
    client.transport.get("zones/")

    assert leaked, "without the redaction filter requests-oauthlib logs the signed header"
    assert leaks(all_logs.texts, FORBIDDEN) == []
    assert "requests_oauthlib.oauth1_auth" in all_logs.names
