"""Answers (JSON, text, empty, HTML, truncated) and what every request carries: timeout and verify.

The timeout and verify tests use the ``responses`` library, which records the keyword arguments
the transport handed to the HTTP adapter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import responses

from maas_sdk._codec import APIResponse
from maas_sdk._retry import RetryPolicy
from maas_sdk._transport import InsecureTransportWarning
from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import ConfigurationError, ResponseDecodeError

KEY = "AbCdEfGhIjKlMnOpQr:StUvWxYz0123456789:abcdefghijklmnopqrstuvwxyz012345"
URL = "http://fake-maas.invalid:5240/MAAS/"
MAAS = "http://maas.test:5240/MAAS"
ROOT = MAAS + "/api/2.0/"


def answering(status: int, content_type: str | None, body: bytes) -> MAASClient:
    headers = {"Content-Type": content_type} if content_type else {}

    def handler(request: WireRequest) -> WireResponse:
        return WireResponse(status, dict(headers), body)

    return MAASClient(URL, KEY, handler=handler)


# --- decoding --------------------------------------------------------------------------------


def test_json_answer() -> None:
    client = answering(200, "application/json; charset=utf-8", '{"name": "zoné"}'.encode())

    answer = client.transport.get("zones/default/")

    assert answer.json() == {"name": "zoné"}
    assert answer.status_code == 200
    assert answer.method == "GET"
    assert answer.url == "http://fake-maas.invalid:5240/MAAS/api/2.0/zones/default/"
    assert answer.content_type == "application/json; charset=utf-8"
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert repr(answer) == "<APIResponse GET /MAAS/api/2.0/zones/default/ 200>"


@pytest.mark.parametrize(
    ("status", "content_type", "body"),
    [(204, "text/plain", b""), (200, "application/json", b""), (200, None, b"  \n")],
)
def test_empty_bodies_decode_to_none(status: int, content_type: str | None, body: bytes) -> None:
    answer = answering(status, content_type, body).transport.delete("zones/lab/")

    assert answer.status_code == status
    assert answer.json() is None
    assert answer.content == body


def test_json_null_decodes_to_none() -> None:
    answer = answering(200, "application/json; charset=utf-8", b"null").transport.post(
        "machines/", op="set_zone", data={"zone": "default", "nodes": ["a", "b"]}
    )

    assert answer.json() is None
    assert answer.text == "null"


def test_plain_text_ok_is_read_as_text() -> None:
    answer = answering(200, "text/plain", b"OK").transport.post(
        "maas/", op="set_config", data={"name": "maas_name", "value": "lab"}
    )

    assert answer.text == "OK"
    assert answer.content_type == "text/plain"
    with pytest.raises(ResponseDecodeError, match="not valid JSON"):
        answer.json()


def test_accepted_and_binary_answers_keep_their_bytes() -> None:
    bson = b"\x11\x00\x00\x00\nlldp\x00\nlshw\x00\x00"
    assert answering(202, "text/plain", b"Accepted").transport.post("account/").text == "Accepted"
    details = answering(200, "application/bson", bson).transport.get("machines/a/", op="details")
    assert details.content == bson


def test_an_html_200_from_a_proxy_is_a_decode_error_with_a_short_snippet() -> None:
    page = "<!DOCTYPE html><html><head><title>Login</title></head><body>" + "x" * 5000
    client = answering(200, "text/html; charset=utf-8", page.encode())

    answer = client.transport.get("machines/")
    with pytest.raises(ResponseDecodeError) as caught:
        answer.json()

    error = caught.value
    assert error.status_code == 200
    assert error.method == "GET"
    assert error.content_type == "text/html; charset=utf-8"
    assert error.snippet == page[:200]
    assert "expected JSON but got an HTML page" in str(error)
    assert str(error).startswith("GET /MAAS/api/2.0/machines/ -> 200: ")
    assert len(str(error)) < 500


def test_truncated_json_is_a_decode_error() -> None:
    body = b'[{"system_id": "abc123", "hostname": "node-'
    answer = answering(200, "application/json", body).transport.get("machines/")

    with pytest.raises(ResponseDecodeError) as caught:
        answer.json()

    assert "the body is not valid JSON" in str(caught.value)
    assert caught.value.snippet == body.decode()


def test_decode_error_through_a_typed_call() -> None:
    client = answering(200, "text/html", b"<html><body>Please log in</body></html>")

    with pytest.raises(ResponseDecodeError, match="version/ -> 200"):
        client.version()


def test_undecodable_bytes_do_not_break_text() -> None:
    answer = APIResponse(200, {"Content-Type": "text/plain"}, b"caf\xe9", "GET", ROOT)

    assert answer.text == "caf\ufffd"
    assert answer.content_type == "text/plain"
    assert APIResponse(200, {}, b"", "GET", ROOT).content_type == ""


# --- timeouts and verify on every request ----------------------------------------------------


@pytest.fixture
def scripted() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        mock.add("GET", ROOT + "zones/", json=[], status=200)
        yield mock


def sent_kwargs(scripted: responses.RequestsMock) -> list[dict[str, Any]]:
    return [vars(call.request)["req_kwargs"] for call in scripted.calls]


def test_default_timeout_is_connect_10_read_120(scripted: responses.RequestsMock) -> None:
    client = MAASClient(MAAS, KEY)

    client.transport.get("zones/")
    client.transport.get("zones/")

    assert [kw["timeout"] for kw in sent_kwargs(scripted)] == [(10.0, 120.0), (10.0, 120.0)]


@pytest.mark.parametrize("timeout", [5, 7.5, (3.0, 30.0), (1, 2)])
def test_client_timeout_reaches_the_adapter(
    scripted: responses.RequestsMock, timeout: float | tuple[float, float]
) -> None:
    client = MAASClient(MAAS, KEY, timeout=timeout)

    client.transport.get("zones/")

    assert sent_kwargs(scripted)[0]["timeout"] == timeout


def test_per_call_timeout_overrides_the_client_for_that_call_only(
    scripted: responses.RequestsMock,
) -> None:
    client = MAASClient(MAAS, KEY, timeout=(4.0, 40.0))

    client.transport.get("zones/", timeout=(1.0, 300.0))
    client.transport.get("zones/", timeout=9)
    client.transport.get("zones/")

    assert [kw["timeout"] for kw in sent_kwargs(scripted)] == [(1.0, 300.0), 9, (4.0, 40.0)]


def test_read_timeout_reaches_an_in_process_handler() -> None:
    seen: list[float | None] = []

    def handler(request: WireRequest) -> WireResponse:
        seen.append(request.read_timeout)
        return WireResponse(200, {"Content-Type": "application/json"}, b"[]")

    client = MAASClient(URL, KEY, handler=handler)
    client.transport.get("zones/")
    client.transport.get("zones/", timeout=(1.0, 2.5))
    client.transport.get("zones/", timeout=4.0)

    assert seen == [120.0, 2.5, 4.0]


BAD_TIMEOUTS = [
    0,
    -1,
    "10",
    True,
    None,
    float("nan"),
    float("inf"),
    (5,),
    (1, 2, 3),
    (1, None),
    (0, 10),
    (10, float("nan")),
    [10, 120],
]


@pytest.mark.parametrize("timeout", BAD_TIMEOUTS)
def test_invalid_client_timeouts_are_rejected(timeout: object) -> None:
    with pytest.raises(ConfigurationError, match="timeout must be finite seconds > 0"):
        MAASClient(MAAS, KEY, timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [t for t in BAD_TIMEOUTS if t is not None])
def test_invalid_per_call_timeouts_are_rejected_before_sending(timeout: object) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as scripted:
        scripted.add("GET", ROOT + "zones/", json=[])
        client = MAASClient(MAAS, KEY)
        with pytest.raises(ConfigurationError, match="timeout must be finite seconds > 0"):
            client.transport.get("zones/", timeout=timeout)  # type: ignore[arg-type]
        assert len(scripted.calls) == 0


def test_verify_true_uses_the_default_ca_lookup(
    scripted: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    MAASClient(MAAS, KEY).transport.get("zones/")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "env-bundle.pem"))
    MAASClient(MAAS, KEY).transport.get("zones/")

    verify = [kw["verify"] for kw in sent_kwargs(scripted)]
    assert verify == [True, str(tmp_path / "env-bundle.pem")]


def test_verify_bundle_path_is_passed_on_every_request(
    scripted: responses.RequestsMock, tmp_path: Path
) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    client = MAASClient(MAAS, KEY, verify=bundle)

    client.transport.get("zones/")
    client.transport.get("zones/")

    assert [kw["verify"] for kw in sent_kwargs(scripted)] == [str(bundle), str(bundle)]


def test_verify_false_warns_and_is_passed(
    scripted: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.warns(InsecureTransportWarning, match="verification is disabled"):
        client = MAASClient(MAAS, KEY, verify=False)

    client.transport.get("zones/")

    assert sent_kwargs(scripted)[0]["verify"] is False
    assert "TLS certificate verification is disabled" in caplog.text


def test_a_missing_ca_bundle_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no such CA bundle"):
        MAASClient("https://maas.test:5443/MAAS", KEY, verify=tmp_path / "missing.pem")


def test_a_success_is_sent_once(scripted: responses.RequestsMock) -> None:
    client = MAASClient(MAAS, KEY, retry=RetryPolicy(max_attempts=3))

    answer = client.transport.get("zones/")

    assert json.loads(answer.content) == []
    assert len(scripted.calls) == 1
