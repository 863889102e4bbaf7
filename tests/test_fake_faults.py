"""Fault injection and the request log of the fake MAAS."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import requests
from fake_http import Api, H, J, T, answer, loopback

from maas_sdk._wire import ConnectionDropped, WireRequest, WireResponse
from maas_sdk.testing import FakeMAAS

API = FakeMAAS.url + "api/2.0/"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=19, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def send(fake: FakeMAAS, method: str, path: str, body: bytes = b"") -> WireResponse:
    consumer, token, secret = fake.api_key().split(":")
    headers = {
        "Authorization": (
            f'OAuth oauth_consumer_key="{consumer}", oauth_token="{token}",'
            f' oauth_signature_method="PLAINTEXT", oauth_signature="%26{secret}",'
            f' oauth_nonce="{uuid.uuid4().hex}", oauth_timestamp="{int(time.time())}"'
        )
    }
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return fake.handle(WireRequest(method, API + path, headers, body))


def test_status_fault_with_retry_after_applies_to_the_next_request_only(
    fake: FakeMAAS, api: Api
) -> None:
    rule = fake.faults.status(503, retry_after=10, method="POST", path="zones/")
    failed = api.post("zones/", data={"name": "z1"})
    assert answer(failed) == (503, T, "Unable to connect to any rack controller")
    assert failed.headers["Retry-After"] == "10"
    assert api.get("zones/z1/").status_code == 404, "the faulted request was not applied"
    assert api.post("zones/", data={"name": "z1"}).status_code == 200
    assert (rule.hits, rule.remaining) == (1, 0)


def test_conflict_fault_serves_the_html_conflict_page(fake: FakeMAAS, api: Api) -> None:
    fake.faults.status(409, retry_after=5, path="zones/{name}/", times=2)
    for _ in range(2):
        response = api.get("zones/default/")
        assert (response.status_code, response.headers["Content-Type"]) == (409, H)
        assert "Conflict error. Try your request again" in response.text
    assert api.get("zones/default/").status_code == 200


def test_gateway_faults_and_custom_bodies(fake: FakeMAAS, api: Api) -> None:
    fake.faults.status(502, op="whoami")
    fake.faults.status(504, body="timed out", path="users/")
    assert api.get("users/?op=whoami").status_code == 502
    assert answer(api.get("users/")) == (504, T, "timed out")
    assert api.get("users/").status_code == 200


def test_unlimited_fault_until_cancelled(fake: FakeMAAS, api: Api) -> None:
    rule = fake.faults.status(500, times=None)
    assert [api.get("version/").status_code for _ in range(3)] == [500, 500, 500]
    rule.cancel()
    assert api.get("version/").status_code == 200
    fake.faults.status(500, times=None)
    fake.faults.clear()
    assert api.get("version/").status_code == 200


def test_in_process_requests_are_answered(fake: FakeMAAS) -> None:
    response = send(fake, "GET", "users/?op=whoami")
    assert response.status == 200
    assert b'"username": "admin"' in response.body


def test_drop_before_apply_in_process(fake: FakeMAAS) -> None:
    fake.faults.drop(method="POST", path="zones/")
    with pytest.raises(ConnectionDropped) as dropped:
        send(fake, "POST", "zones/", b"name=z1")
    assert dropped.value.request_sent is False
    assert fake.store.zone_by_name("z1") is None
    entry = fake.requests.last
    assert (entry.status, entry.fault, entry.faulted) == (None, "drop", True)


def test_drop_after_apply_in_process(fake: FakeMAAS) -> None:
    fake.faults.drop(after_apply=True, method="POST", path="zones/")
    with pytest.raises(ConnectionDropped) as dropped:
        send(fake, "POST", "zones/", b"name=z1")
    assert dropped.value.request_sent is True
    assert fake.store.zone_by_name("z1") is not None


def test_drops_over_loopback_close_the_connection(fake: FakeMAAS, api: Api) -> None:
    fake.faults.drop(path="zones/")
    with pytest.raises(requests.ConnectionError):
        api.post("zones/", data={"name": "z1"})
    fake.faults.drop(after_apply=True, path="zones/")
    with pytest.raises(requests.ConnectionError):
        api.post("zones/", data={"name": "z2"})
    assert api.get("zones/z1/").status_code == 404
    assert api.get("zones/z2/").status_code == 200


def test_delay_advances_the_virtual_clock(fake: FakeMAAS, api: Api) -> None:
    fake.faults.delay(30, path="version/")
    before = fake.clock.monotonic()
    assert api.get("version/").status_code == 200
    assert fake.clock.monotonic() - before == 30


def test_real_delay_makes_a_loopback_client_time_out(fake: FakeMAAS, api: Api) -> None:
    fake.faults.delay(0, real_seconds=0.3, path="version/")
    with pytest.raises(requests.Timeout):
        api.get("version/", timeout=0.05)


def test_body_faults(fake: FakeMAAS, api: Api) -> None:
    fake.faults.malformed_json(path="zones/", method="POST")
    malformed = api.post("zones/", data={"name": "z1"})
    assert (malformed.status_code, malformed.headers["Content-Type"]) == (200, J)
    with pytest.raises(ValueError, match=r"Expecting|Unterminated"):
        malformed.json()
    assert api.get("zones/z1/").status_code == 200, "body faults apply the request"
    fake.faults.truncate(path="zones/")
    truncated = api.get("zones/")
    assert truncated.status_code == 200
    assert api.get("zones/").text.startswith(truncated.text)
    fake.faults.empty_body(path="zones/")
    assert answer(api.get("zones/")) == (200, J, "")
    fake.faults.html(method="POST", path="zones/")
    portal = api.post("zones/", data={"name": "z9"})
    assert (portal.status_code, portal.headers["Content-Type"]) == (200, H)
    assert portal.text.startswith("<!DOCTYPE html>")
    assert api.get("zones/z9/").status_code == 404, "an HTML page from a proxy applies nothing"


def test_faults_match_concrete_paths_and_ops(fake: FakeMAAS, api: Api) -> None:
    fake.faults.status(503, path="zones/default/")
    fake.faults.status(503, op="whoami")
    assert api.get("zones/nosuch/").status_code == 404
    assert api.get("zones/default/").status_code == 503
    assert api.get("users/").status_code == 200
    assert api.get("users/?op=whoami").status_code == 503


def test_request_log_records_every_request(fake: FakeMAAS, api: Api) -> None:
    fake.faults.status(503, retry_after=1, path="zones/")
    api.post("zones/", data={"name": "z1", "description": "d"})
    api.post("zones/", data={"name": "z1", "description": "d"})
    api.get("zones/?op=", auth=None)
    api.get("users/?op=whoami")
    log = fake.requests
    assert len(log) == 4
    first, second, anonymous, whoami = list(log)
    assert (first.status, first.faulted, first.fault) == (503, True, "status")
    assert (second.status, second.faulted) == (200, False)
    assert second.form == (("name", "z1"), ("description", "d"))
    assert second.params == {"name": ["z1"], "description": ["d"]}
    assert (second.method, second.path, second.pattern, second.user) == (
        "POST",
        "/MAAS/api/2.0/zones/",
        "zones/",
        "admin",
    )
    assert (anonymous.status, anonymous.user, anonymous.op) == (401, None, None)
    assert (whoami.op, whoami.query) == ("whoami", (("op", "whoami"),))
    assert log.count(method="POST", path="zones/") == 2
    assert len(log.filter(faulted=True)) == 1
    assert log.filter(op="whoami") == [whoami]
    log.clear()
    assert len(log) == 0


def test_an_in_process_delay_past_the_read_timeout_times_out_after_applying_the_change() -> None:
    from maas_sdk import APITimeoutError, RetryPolicy
    from maas_sdk.testing import FakeMAAS

    fake = FakeMAAS(seed=11)
    client = fake.client(timeout=(5.0, 30.0), retry=RetryPolicy.disabled())
    fake.faults.delay(60, method="POST", path="zones/")

    with pytest.raises(APITimeoutError) as caught:
        client.zones.create("slow-zone")

    assert caught.value.outcome_unknown

    assert [zone.name for zone in client.zones.list()] == ["default", "slow-zone"]
    assert fake.requests.count(method="POST", path="zones/") == 1


def test_an_in_process_delay_within_the_read_timeout_is_waited_for() -> None:
    from maas_sdk.testing import FakeMAAS

    fake = FakeMAAS(seed=12)
    client = fake.client(timeout=(5.0, 30.0))
    fake.faults.delay(10, method="GET", path="zones/")
    before = fake.clock.monotonic()

    assert [zone.name for zone in client.zones.list()] == ["default"]
    assert fake.clock.monotonic() - before >= 10
