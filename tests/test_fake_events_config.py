"""Events and MAAS configuration of the fake MAAS, pinned to REFERENCE.md §13, §16, §22.12."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fake_http import J_NO_CHARSET, T_NO_CHARSET, Api, J, T, answer, hashed, loopback, oauth

from maas_sdk.testing import FakeClock, FakeMAAS

BASE = "/MAAS/api/2.0/events/?op=query"


@pytest.fixture
def fake() -> FakeMAAS:
    clock = FakeClock(start=datetime(2026, 11, 27, 11, 2, 5, tzinfo=UTC))
    fake = FakeMAAS(seed=17, strict=True, clock=clock)
    for number in range(1, 6):
        fake.record_event("Released", node="abc123", hostname="h1")
        fake.record_event(
            "Node changed status",
            description=f"From 'Deployed' to 'Releasing' {number}",
            level="DEBUG",
            node="def456",
            hostname="h2",
            username="admin",
        )
        fake.advance(60)
    fake.record_event("Device event", node="dev001", hostname="d", node_type=1)
    fake.record_event("Authorisation", description="Logged in admin.", level="AUDIT", node="abc123")
    return fake


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def test_default_query_lists_info_events_newest_first(api: Api) -> None:
    response = api.get("events/?op=query")
    assert answer(response)[:2] == (200, J)
    assert hashed(response)
    body = response.json()
    assert list(body) == ["count", "events", "next_uri", "prev_uri"]
    assert body["count"] == 5
    assert [event["id"] for event in body["events"]] == [9, 7, 5, 3, 1]
    assert body["events"][0] == {
        "username": "unknown",
        "node": "abc123",
        "hostname": "h1",
        "id": 9,
        "level": "INFO",
        "created": "Fri, 27 Nov. 2026 11:06:05",
        "type": "Released",
        "description": "",
    }
    assert (body["next_uri"], body["prev_uri"]) == (f"{BASE}&after=9", f"{BASE}&before=1")


def test_levels(api: Api) -> None:
    debug = api.get("events/?op=query&level=DEBUG").json()
    assert debug["count"] == 10
    assert debug["events"][0]["description"] == "From 'Deployed' to 'Releasing' 5"
    audit = api.get("events/?op=query&level=AUDIT").json()
    assert [event["type"] for event in audit["events"]] == ["Authorisation"]
    for level in ("FOO", "debug"):
        response = api.get(f"events/?op=query&level={level}")
        assert answer(response) == (400, T, f"Unrecognised log level: {level}")


def test_paging(api: Api) -> None:
    page = api.get("events/?op=query&limit=2").json()
    assert [event["id"] for event in page["events"]] == [9, 7]
    assert page["next_uri"] == f"{BASE}&limit=2&after=9"
    assert page["prev_uri"] == f"{BASE}&limit=2&before=7"
    older = api.get(page["prev_uri"]).json()
    assert [event["id"] for event in older["events"]] == [5, 3]
    newer = api.get("events/?op=query&limit=2&after=3").json()
    assert [event["id"] for event in newer["events"]] == [7, 5]
    for limit in ("0", "-1"):
        assert api.get(f"events/?op=query&limit={limit}").json()["count"] == 1


def test_empty_pages(api: Api) -> None:
    after = api.get("events/?op=query&after=99999999")
    assert after.text == (
        '{\n    "count": 0,\n    "events": [],\n    "next_uri": "/MAAS/api/2.0/events/?op=query",\n'
        '    "prev_uri": "/MAAS/api/2.0/events/?op=query&before=100000000"\n}'
    )
    before = api.get("events/?op=query&before=1").json()
    assert before == {
        "count": 0,
        "events": [],
        "next_uri": f"{BASE}&after=0",
        "prev_uri": None,
    }


def test_filters(api: Api) -> None:
    by_node = api.get("events/?op=query&id=def456&level=DEBUG").json()
    assert {event["node"] for event in by_node["events"]} == {"def456"}
    assert by_node["next_uri"].startswith(f"{BASE}&id=def456&level=DEBUG&after=")
    by_owner = api.get("events/?op=query&owner=admin&level=DEBUG").json()
    assert by_owner["count"] == 5
    for query in ("id=nosuch", "zone=nosuchzone"):
        assert api.get(f"events/?op=query&{query}").json()["count"] == 0
    assert api.get("events/?op=query&foo=bar").json()["count"] == 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "before=10&after=5",
            "There is undetermined behaviour when both `after` and `before` are specified.",
        ),
        ("limit=1001", "Requested number of events 1001 is greater than limit: 1000"),
        ("limit=abc", "Invalid limit: Please enter an integer value"),
    ],
)
def test_query_errors(api: Api, query: str, message: str) -> None:
    assert answer(api.get(f"events/?op=query&{query}")) == (400, T, message)


def test_events_need_op_query(api: Api) -> None:
    assert answer(api.get("events/")) == (400, T, "Unrecognised signature: method=GET op=None")
    assert api.post("events/?op=query").status_code == 405


# -- configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("maas_name", '"fake-maas"'),
        ("enable_analytics", "true"),
        ("default_dns_ttl", "30"),
        ("upstream_dns", "null"),
        ("ntp_server", '"ntp.ubuntu.com"'),
        ("hardware_sync_interval", '"15m"'),
        ("maas_auto_ipmi_cipher_suite_id", '"3"'),
    ],
)
def test_get_config(api: Api, name: str, body: str) -> None:
    response = api.get(f"maas/?op=get_config&name={name}")
    assert answer(response) == (200, J_NO_CHARSET, body)
    assert hashed(response)


@pytest.mark.parametrize(
    "name", ["nosuchkey", "enable_kernel_crash_dump", "default_boot_interface_link_type", "uuid"]
)
def test_unknown_config_names(api: Api, name: str) -> None:
    response = api.get(f"maas/?op=get_config&name={name}")
    assert (response.status_code, response.headers["Content-Type"]) == (400, J_NO_CHARSET)
    message = response.json()[name][0]
    assert message.startswith(
        f"{name} is not a valid config setting (valid settings are: maas_name, theme, kernel_opts,"
    )
    assert message.endswith(", session_length, auto_vlan_creation).")


def test_set_config(fake: FakeMAAS, api: Api) -> None:
    ok = api.post("maas/?op=set_config", data={"name": "maas_name", "value": "region1"})
    assert answer(ok) == (200, T_NO_CHARSET, "OK")
    assert hashed(ok)
    assert api.get("maas/?op=get_config&name=maas_name").text == '"region1"'
    ttl = api.post("maas/?op=set_config", data={"name": "default_dns_ttl", "value": "60"})
    assert ttl.status_code == 200
    assert api.get("maas/?op=get_config&name=default_dns_ttl").text == "60"
    user = oauth(fake.add_user("bob"))
    refused = api.post("maas/?op=set_config", data={"name": "theme", "value": "x"}, auth=user)
    assert answer(refused) == (403, T, "This method is reserved for admin users.")


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({}, (400, T, "No provided name!")),
        ({"value": "x"}, (400, T, "No provided name!")),
        ({"name": "kernel_opts"}, (400, T, "No provided value!")),
        (
            {"name": "default_dns_ttl", "value": "abc"},
            (400, J, '{\n    "default_dns_ttl": [\n        "Enter a whole number."\n    ]\n}'),
        ),
        (
            {"name": "dnssec_validation", "value": "bogus"},
            (
                400,
                J,
                '{\n    "dnssec_validation": [\n        "\'bogus\' is not a valid'
                " dnssec_validation.  It should be one of: 'auto', 'yes', 'no'.\"\n    ]\n}",
            ),
        ),
    ],
)
def test_set_config_errors(api: Api, form: dict[str, str], expected: tuple[int, str, str]) -> None:
    assert answer(api.post("maas/?op=set_config", data=form)) == expected


def test_get_config_without_name(api: Api) -> None:
    assert answer(api.get("maas/?op=get_config")) == (400, T, "No provided name!")
