"""What the transport puts on the wire: the OAuth header, form encoding, multipart and op dispatch.

Requests are captured by an in-process ``handler=``, which sees them after signing exactly as a
server would.
"""

from __future__ import annotations

import email.parser
import enum
import re
import time
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import ConfigurationError

CONSUMER = "AbCdEfGhIjKlMnOpQr"
TOKEN = "StUvWxYz0123456789"
SECRET = "abcdefghijklmnopqrstuvwxyz012345"
KEY = f"{CONSUMER}:{TOKEN}:{SECRET}"
URL = "http://fake-maas.invalid:5240/MAAS/"


class Capture:
    """Records requests and answers each with 200 ``{}``."""

    def __init__(self) -> None:
        self.requests: list[WireRequest] = []

    def __call__(self, request: WireRequest) -> WireResponse:
        self.requests.append(request)
        return WireResponse(200, {"Content-Type": "application/json"}, b"{}")

    @property
    def last(self) -> WireRequest:
        return self.requests[-1]


class Power(enum.Enum):
    ON = "on"


class Status(enum.IntEnum):
    READY = 4


@pytest.fixture
def capture() -> Capture:
    return Capture()


@pytest.fixture
def client(capture: Capture) -> MAASClient:
    return MAASClient(URL, KEY, handler=capture)


def query_of(request: WireRequest) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(request.url).query, keep_blank_values=True)


def form_of(request: WireRequest) -> list[tuple[str, str]]:
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    return parse_qsl(request.body.decode("ascii"), keep_blank_values=True, strict_parsing=True)


# --- OAuth -----------------------------------------------------------------------------------


def test_oauth_header_has_the_exact_plaintext_shape(
    client: MAASClient, capture: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.25)

    client.transport.get("zones/")

    header = capture.last.headers["Authorization"]
    assert header.startswith("OAuth ")
    pairs = header[len("OAuth ") :].split(", ")
    assert all(re.fullmatch(r'oauth_\w+="[^"]*"', pair) for pair in pairs)
    params = dict(pair.split("=", 1) for pair in pairs)
    values = {name: value.strip('"') for name, value in params.items()}
    assert set(values) == {
        "oauth_nonce",
        "oauth_timestamp",
        "oauth_version",
        "oauth_signature_method",
        "oauth_consumer_key",
        "oauth_token",
        "oauth_signature",
    }
    assert params["oauth_signature_method"] == '"PLAINTEXT"'
    assert params["oauth_signature"] == f'"%26{SECRET}"'
    assert unquote(values["oauth_signature"]) == "&" + SECRET  # empty consumer secret, then '&'
    assert values["oauth_consumer_key"] == CONSUMER
    assert values["oauth_token"] == TOKEN
    assert values["oauth_version"] == "1.0"
    assert values["oauth_timestamp"] == "1700000000"
    assert re.fullmatch(r"[0-9A-Za-z]{10,}", values["oauth_nonce"])


def test_each_request_gets_a_new_nonce(client: MAASClient, capture: Capture) -> None:
    for _ in range(20):
        client.transport.get("zones/")

    nonces = {
        re.search(r'oauth_nonce="([^"]+)"', r.headers["Authorization"]) for r in capture.requests
    }
    assert len({m.group(1) for m in nonces if m}) == 20


def test_secret_is_percent_encoded_in_the_signature(capture: Capture) -> None:
    client = MAASClient(URL, f"{CONSUMER}:{TOKEN}:a+b/c&d=e", handler=capture)

    client.transport.get("zones/")

    signature = re.search(r'oauth_signature="([^"]+)"', capture.last.headers["Authorization"])
    assert signature is not None
    assert signature.group(1) == "%26a%252Bb%252Fc%2526d%253De"
    assert unquote(unquote(signature.group(1))) == "&a+b/c&d=e"


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.transport.get("machines/", op="list_allocated", params={"id": ["a", "b"]}),
        lambda c: c.transport.post("machines/", op="allocate", data={"tags": ["gpu"]}),
        lambda c: c.transport.post("files/", data={"filename": "f", "file": b"\x00\x01"}),
        lambda c: c.transport.put("machines/abc123/", data={"description": "x"}),
        lambda c: c.transport.delete("machines/abc123/", params={"force": True}),
    ],
)
def test_oauth_parameters_travel_only_in_the_header(
    client: MAASClient, capture: Capture, send: object
) -> None:
    send(client)  # type: ignore[operator]

    request = capture.last
    assert "oauth" not in urlsplit(request.url).query
    assert b"oauth" not in request.body
    assert request.headers["Authorization"].startswith("OAuth ")


def test_standard_headers(capture: Capture) -> None:
    client = MAASClient(URL, KEY, handler=capture, user_agent="my-tool/2.1")

    client.transport.get("zones/")

    headers = capture.last.headers
    assert headers["Accept"] == "application/json"
    assert re.fullmatch(r"maas-sdk/\S+ python-requests/\S+ my-tool/2\.1", headers["User-Agent"])
    assert "Cookie" not in headers


# --- form encoding ---------------------------------------------------------------------------


def test_form_values_are_encoded_as_maas_reads_them(client: MAASClient, capture: Capture) -> None:
    client.transport.post(
        "machines/",
        data={
            "mac_addresses": ["52:54:00:00:00:01", "52:54:00:00:00:02"],
            "commission": False,
            "deployed": True,
            "power_type": Power.ON,
            "status": Status.READY,
            "description": None,
            "memory": 2048,
            "storage": 10.5,
            "hostname": "node-1 é&=",
            "tags": ("a", "b"),
            "comment": "",
        },
    )

    assert form_of(capture.last) == [
        ("mac_addresses", "52:54:00:00:00:01"),
        ("mac_addresses", "52:54:00:00:00:02"),
        ("commission", "false"),
        ("deployed", "true"),
        ("power_type", "on"),
        ("status", "4"),
        ("memory", "2048"),
        ("storage", "10.5"),
        ("hostname", "node-1 é&="),
        ("tags", "a"),
        ("tags", "b"),
        ("comment", ""),
    ]


def test_pairs_keep_their_order_and_repeat_keys(client: MAASClient, capture: Capture) -> None:
    client.transport.get(
        "machines/", params=[("hostname", "a"), ("zone", "z1"), ("hostname", "b"), ("x", None)]
    )

    assert query_of(capture.last) == [("hostname", "a"), ("zone", "z1"), ("hostname", "b")]


def test_list_of_booleans_and_enums(client: MAASClient, capture: Capture) -> None:
    client.transport.get("machines/", params={"flags": [True, False], "status": [Status.READY]})

    assert query_of(capture.last) == [("flags", "true"), ("flags", "false"), ("status", "4")]


@pytest.mark.parametrize("value", [{"a": 1}, object(), [{"a": 1}], [b"bytes"]])
def test_values_maas_cannot_receive_are_rejected_before_sending(
    client: MAASClient, capture: Capture, value: object
) -> None:
    with pytest.raises(ConfigurationError, match="cannot send tags="):
        client.transport.post("machines/", data={"tags": value})  # type: ignore[dict-item]

    assert capture.requests == []


def _parts(request: WireRequest) -> list[tuple[str, str | None, str, bytes]]:
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser().parsebytes(head + request.body)
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        name = str(part.get_param("name", header="content-disposition"))
        found.append((name, part.get_filename(), part.get_content_type(), payload))
    return found


def test_bytes_switch_to_multipart_with_text_fields_alongside(
    client: MAASClient, capture: Capture
) -> None:
    client.transport.post(
        "files/",
        data={"filename": "blob.bin", "tags": ["a", "b"], "enabled": True, "content": b"\x00\xff"},
    )

    request = capture.last
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert _parts(request) == [
        ("filename", None, "text/plain", b"blob.bin"),
        ("tags", None, "text/plain", b"a"),
        ("tags", None, "text/plain", b"b"),
        ("enabled", None, "text/plain", b"true"),
        ("content", "content", "application/octet-stream", b"\x00\xff"),
    ]


def test_files_argument_names_the_parts(client: MAASClient, capture: Capture) -> None:
    client.transport.post(
        "scripts/",
        data={"name": "check"},
        files={
            "script": ("check.sh", b"#!/bin/sh\ntrue\n", "text/x-shellscript"),
            "extra": ("extra.bin", b"\x01"),
            "raw": b"\x02",
        },
    )

    assert _parts(capture.last) == [
        ("name", None, "text/plain", b"check"),
        ("script", "check.sh", "text/x-shellscript", b"#!/bin/sh\ntrue\n"),
        ("extra", "extra.bin", "application/octet-stream", b"\x01"),
        ("raw", "raw", "application/octet-stream", b"\x02"),
    ]


# --- op dispatch -----------------------------------------------------------------------------


def test_read_only_op_is_a_get_with_op_in_the_query(client: MAASClient, capture: Capture) -> None:
    client.transport.get("users/", op="whoami")

    request = capture.last
    assert request.method == "GET"
    assert request.url == "http://fake-maas.invalid:5240/MAAS/api/2.0/users/?op=whoami"
    assert request.body == b""


def test_get_op_comes_first_and_params_follow(client: MAASClient, capture: Capture) -> None:
    client.transport.get("machines/", op="power_parameters", params={"id": ["a", "b"]})

    assert query_of(capture.last) == [("op", "power_parameters"), ("id", "a"), ("id", "b")]


def test_post_op_goes_in_the_query_and_fields_in_the_body(
    client: MAASClient, capture: Capture
) -> None:
    client.transport.post(
        "machines/abc123/", op="deploy", data={"distro_series": "noble", "install_kvm": False}
    )

    request = capture.last
    assert request.method == "POST"
    assert query_of(request) == [("op", "deploy")]
    assert form_of(request) == [("distro_series", "noble"), ("install_kvm", "false")]


def test_post_without_data_sends_an_empty_body(client: MAASClient, capture: Capture) -> None:
    client.transport.post("machines/abc123/", op="release")

    assert capture.last.body == b""
    assert query_of(capture.last) == [("op", "release")]


def test_put_sends_fields_in_the_body_and_no_query(client: MAASClient, capture: Capture) -> None:
    client.transport.put("zones/default/", data={"description": "lab"})

    request = capture.last
    assert request.method == "PUT"
    assert request.url == "http://fake-maas.invalid:5240/MAAS/api/2.0/zones/default/"
    assert form_of(request) == [("description", "lab")]


def test_delete_options_go_in_the_query(client: MAASClient, capture: Capture) -> None:
    client.transport.delete("machines/abc123/", params={"force": True})

    assert capture.last.method == "DELETE"
    assert query_of(capture.last) == [("force", "true")]
    assert capture.last.body == b""


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_put_and_delete_take_no_op(client: MAASClient, capture: Capture, method: str) -> None:
    with pytest.raises(ConfigurationError, match=f"MAAS takes no op with {method}"):
        client.transport.request(method, "machines/abc123/", op="deploy")  # type: ignore[arg-type]

    assert capture.requests == []


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_get_and_delete_take_no_body(client: MAASClient, capture: Capture, method: str) -> None:
    with pytest.raises(ConfigurationError, match="carry no body"):
        client.transport.request(method, "machines/", data={"op": "allocate"})  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="carry no body"):
        client.transport.request(method, "machines/", files={"f": b"x"})  # type: ignore[arg-type]

    assert capture.requests == []


def test_a_path_from_the_host_root_is_kept(client: MAASClient, capture: Capture) -> None:
    client.transport.get("/MAAS/api/version/")

    assert capture.last.url == "http://fake-maas.invalid:5240/MAAS/api/version/"
