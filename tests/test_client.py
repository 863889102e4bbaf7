"""MAASClient: version(), whoami(), login(), the context manager and its repr.

The handler answers with the literal bodies observed on MAAS 3.4.10 (REFERENCE.md §22).
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from maas_sdk._clock import SystemClock
from maas_sdk._credentials import APIKey
from maas_sdk._retry import RetryPolicy
from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import AuthenticationError, ResponseDecodeError

SECRET = "abcdefghijklmnopqrstuvwxyz012345"
KEY = f"AbCdEfGhIjKlMnOpQr:StUvWxYz0123456789:{SECRET}"
URL = "http://fake-maas.invalid:5240/MAAS/"
J = "application/json; charset=utf-8"
API_HASH = "0f3c2a6d2d1f1e5b7a9c4e8d6b5a4c3d2e1f0a9b"

VERSION_3_4_10 = (
    b'{"capabilities": ["networks-management", "static-ipaddresses", "ipv6-deployment-ubuntu", '
    b'"devices-management", "storage-deployment-ubuntu", "network-deployment-ubuntu", '
    b'"bridging-interface-ubuntu", "bridging-automatic-ubuntu", "authenticate-api"], '
    b'"version": "3.4.10", "subversion": ""}'
)
WHOAMI_ADMIN = json.dumps(
    {
        "is_superuser": True,
        "username": "admin",
        "email": "admin@example.com",
        "is_local": True,
        "resource_uri": "/MAAS/api/2.0/users/admin/",
    },
    indent=4,
).encode()
NEW_TOKEN = {
    "token_key": "NewTokenKey0123456",
    "token_secret": "NewTokenSecret0123456789abcdefgh",
    "consumer_key": "NewConsumerKey0123",
    "name": "maas-sdk",
}


class Region:
    """A tiny scripted region: version/, users/?op=whoami and accounts/authenticate/."""

    def __init__(self, login_status: int = 200, login_body: bytes | None = None) -> None:
        self.requests: list[WireRequest] = []
        self.login_status = login_status
        self.login_body = json.dumps(NEW_TOKEN).encode() if login_body is None else login_body

    def __call__(self, request: WireRequest) -> WireResponse:
        self.requests.append(request)
        path = urlsplit(request.url).path
        query = urlsplit(request.url).query
        if path == "/MAAS/api/2.0/version/" and not query:
            return WireResponse(
                200, {"Content-Type": J, "X-MAAS-API-Hash": API_HASH}, VERSION_3_4_10
            )
        if path == "/MAAS/api/2.0/users/" and query == "op=whoami":
            return WireResponse(200, {"Content-Type": J, "X-MAAS-API-Hash": API_HASH}, WHOAMI_ADMIN)
        if path == "/MAAS/accounts/authenticate/" and request.method == "POST":
            content_type = "application/json" if self.login_status == 200 else "text/plain"
            return WireResponse(self.login_status, {"Content-Type": content_type}, self.login_body)
        return WireResponse(
            404,
            {"Content-Type": "text/plain; charset=utf-8"},
            f"Unknown API endpoint: {path}.".encode(),
        )


def test_version_parses_the_literal_3_4_10_answer() -> None:
    region = Region()
    client = MAASClient(URL, KEY, handler=region)

    version = client.version()

    assert version.version == "3.4.10"
    assert version.subversion == ""
    assert version.version_tuple == (3, 4, 10)
    assert version.capabilities[0] == "networks-management"
    assert len(version.capabilities) == 9
    assert region.requests[0].method == "GET"
    assert region.requests[0].url == "http://fake-maas.invalid:5240/MAAS/api/2.0/version/"


def test_whoami_parses_the_literal_answer() -> None:
    region = Region()
    client = MAASClient(URL, KEY, handler=region)

    user = client.whoami()

    assert user.username == "admin"
    assert user.email == "admin@example.com"
    assert user.is_superuser is True
    assert user.is_local is True
    assert user.resource_uri == "/MAAS/api/2.0/users/admin/"
    assert region.requests[0].url == "http://fake-maas.invalid:5240/MAAS/api/2.0/users/?op=whoami"
    assert region.requests[0].headers["Authorization"].startswith("OAuth ")


def test_whoami_with_bad_credentials_is_an_authentication_error() -> None:
    def forbidden(request: WireRequest) -> WireResponse:
        return WireResponse(401, {"Content-Type": "text/plain"}, b"Forbidden")

    client = MAASClient(URL, KEY, handler=forbidden)

    with pytest.raises(AuthenticationError, match=r"GET /MAAS/api/2.0/users/\?op=whoami -> 401"):
        client.whoami()


def test_version_answer_of_the_wrong_shape_is_a_decode_error() -> None:
    def odd(request: WireRequest) -> WireResponse:
        return WireResponse(200, {"Content-Type": J}, b'{"capabilities": []}')

    with pytest.raises(ResponseDecodeError, match="not a valid MAASVersion"):
        MAASClient(URL, KEY, handler=odd).version()


def test_context_manager_closes_the_session(monkeypatch: pytest.MonkeyPatch) -> None:
    client = MAASClient(URL, KEY, handler=Region())
    closed: list[bool] = []
    monkeypatch.setattr(client.transport, "close", lambda: closed.append(True))

    with client as entered:
        assert entered is client
        assert entered.version().version == "3.4.10"
        assert closed == []

    assert closed == [True]


def test_context_manager_closes_on_error(monkeypatch: pytest.MonkeyPatch) -> None:
    client = MAASClient(URL, KEY, handler=Region())
    closed: list[bool] = []
    monkeypatch.setattr(client.transport, "close", lambda: closed.append(True))

    with pytest.raises(RuntimeError), client:
        raise RuntimeError("boom")

    assert closed == [True]


def test_repr_and_attributes_hide_the_secret() -> None:
    client = MAASClient(URL, KEY, handler=Region())

    assert repr(client) == (
        "<MAASClient http://fake-maas.invalid:5240/MAAS/api/2.0/ consumer=AbCdEfGhIjKlMnOpQr>"
    )
    assert SECRET not in repr(client.api_key)
    assert SECRET not in str(client.api_key)
    assert SECRET not in repr(client.transport)
    assert isinstance(client.clock, SystemClock)
    assert client.url == "http://fake-maas.invalid:5240/MAAS/api/2.0/"


# --- login -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, "http://fake-maas.invalid:5240/MAAS/api/2.0/"])
def test_login_exchanges_the_password_for_a_key(url: str) -> None:
    region = Region()

    client = MAASClient.login(url, "admin", "correct horse", handler=region)

    login = region.requests[0]
    assert login.method == "POST"
    assert login.url == "http://fake-maas.invalid:5240/MAAS/accounts/authenticate/"
    assert "Authorization" not in login.headers
    assert login.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(login.body.decode()) == [
        ("username", "admin"),
        ("password", "correct horse"),
        ("consumer", "maas-sdk"),
    ]
    assert client.api_key == APIKey(
        NEW_TOKEN["consumer_key"], NEW_TOKEN["token_key"], NEW_TOKEN["token_secret"]
    )
    assert client.whoami().username == "admin"
    header = region.requests[1].headers["Authorization"]
    assert f'oauth_consumer_key="{NEW_TOKEN["consumer_key"]}"' in header
    assert f'oauth_token="{NEW_TOKEN["token_key"]}"' in header
    assert f'oauth_signature="%26{NEW_TOKEN["token_secret"]}"' in header


def test_login_names_the_token_and_passes_client_options() -> None:
    region = Region()

    client = MAASClient.login(
        URL,
        "ops",
        "pw",
        consumer="nightly-ci",
        handler=region,
        timeout=(3, 33),
        retry=RetryPolicy.disabled(),
    )

    assert ("consumer", "nightly-ci") in parse_qsl(region.requests[0].body.decode())
    assert region.requests[0].read_timeout == 33
    assert client.transport.timeout == (3, 33)
    assert client.transport.retry.max_attempts == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (403, b""),
        (401, b"Forbidden"),
        (403, b"User is not allowed access to this API."),
        (400, b'{"username": ["This field is required."]}'),
    ],
)
def test_rejected_login_is_an_authentication_error_without_the_password(
    status: int, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    password = "Pa55w0rd-never-shown"
    region = Region(login_status=status, login_body=body)

    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as caught:
        MAASClient.login(URL, "admin", password, handler=region)

    error = caught.value
    assert error.status_code == status
    assert error.method == "POST"
    assert str(error).startswith(
        f"POST /MAAS/accounts/authenticate/ -> {status} {error.reason}: "
        "MAAS rejected the login of user 'admin'"
    )
    assert len(region.requests) == 1
    for text in (str(error), repr(error), error.message, repr(error.args), caplog.text):
        assert password not in text
    assert all(password not in repr(record.args) for record in caplog.records)


def test_login_answer_without_a_token_is_a_decode_error() -> None:
    region = Region(login_body=b'{"name": "maas-sdk"}')

    with pytest.raises(ResponseDecodeError, match="no consumer_key/token_key/token_secret"):
        MAASClient.login(URL, "admin", "pw", handler=region)


def test_login_answer_that_is_html_is_a_decode_error() -> None:
    def portal(request: WireRequest) -> WireResponse:
        return WireResponse(200, {"Content-Type": "text/html"}, b"<html>captive portal</html>")

    with pytest.raises(ResponseDecodeError, match="HTML"):
        MAASClient.login(URL, "admin", "pw", handler=portal)


def test_login_key_never_shows_in_the_client_repr() -> None:
    client = MAASClient.login(URL, "admin", "pw", handler=Region())

    assert NEW_TOKEN["token_secret"] not in repr(client)
    assert NEW_TOKEN["token_secret"] not in repr(client.api_key)
    assert re.search(r"consumer=NewConsumerKey0123>$", repr(client))
