"""client.events through the fake MAAS: one page with filters, and iteration across pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError
from maas_sdk.resources.events import Event, EventLevel, EventPage, Events
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    fake = FakeMAAS(seed=31, strict=True)
    for number in range(1, 26):
        node = "aaaaaa" if number % 2 else "bbbbbb"
        fake.record_event(
            "Deploying" if number % 5 else "Node changed status",
            description=f"event {number}",
            level="INFO" if number % 5 else "DEBUG",
            node=node,
            hostname=f"host-{node[0]}",
            username="admin" if number % 3 == 0 else None,
        )
    return fake


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


def ids(events: list[Event]) -> list[int]:
    return [event.id for event in events]


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.events, Events)
    assert client.events is client.events


def test_query_one_page_newest_first(client: MAASClient) -> None:
    page = client.events.query(limit=3)
    assert isinstance(page, EventPage)
    assert page.count == 3
    assert ids(page.events) == [24, 23, 22]
    assert (page.newest_id, page.oldest_id) == (24, 22)
    assert page.prev_uri == "/MAAS/api/2.0/events/?op=query&limit=3&before=22"
    event = page.events[0]
    assert (event.level, event.type, event.node, event.hostname) == (
        EventLevel.INFO,
        "Deploying",
        "bbbbbb",
        "host-b",
    )
    assert isinstance(event.created, datetime)
    assert event.username == "admin"


def test_query_filters_are_sent(fake: FakeMAAS, client: MAASClient) -> None:
    page = client.events.query(
        system_id=["aaaaaa"], hostname="host-a", level=EventLevel.DEBUG, owner="admin", limit=50
    )
    assert ids(page.events) == [21, 15, 9, 3]
    assert page.events[-1].level is EventLevel.INFO
    query = dict(fake.requests.last.query)
    assert (query["id"], query["hostname"], query["level"], query["owner"]) == (
        "aaaaaa",
        "host-a",
        "DEBUG",
        "admin",
    )
    assert ids(client.events.query(level="DEBUG", limit=1000).events)[:2] == [25, 24]
    assert client.events.query(zone="nosuchzone").events == []


def test_query_paging_arguments(client: MAASClient) -> None:
    assert ids(client.events.query(before=5).events) == [4, 3, 2, 1]
    assert ids(client.events.query(after=20, limit=2).events) == [22, 21]
    with pytest.raises(ValueError, match="at most 1000"):
        client.events.query(limit=1001)
    with pytest.raises(ValueError, match="not both"):
        client.events.query(before=5, after=1)
    with pytest.raises(BadRequestError, match="Unrecognised log level: debug"):
        client.events.query(level="debug")


def test_iterate_back_in_time_until_exhausted(fake: FakeMAAS, client: MAASClient) -> None:
    fake.requests.clear()
    events = list(client.events.iterate(page_size=7))
    assert ids(events) == [n for n in range(24, 0, -1) if n % 5]
    assert fake.requests.count(path="events/", op="query") == 3
    befores = [dict(entry.query).get("before") for entry in fake.requests]
    assert befores == [None, "17", "8"]


def test_iterate_forward_oldest_first(client: MAASClient) -> None:
    events = list(client.events.iterate(after=10, page_size=4, level="DEBUG"))
    assert ids(events) == list(range(11, 26))


def test_iterate_with_filters_and_start(client: MAASClient) -> None:
    events = list(client.events.iterate(system_id="bbbbbb", before=10, page_size=2))
    assert ids(events) == [8, 6, 4, 2]
    assert list(client.events.iterate(hostname="nobody")) == []


def test_iterate_checks_its_arguments(client: MAASClient) -> None:
    with pytest.raises(ValueError, match="page_size"):
        next(client.events.iterate(page_size=0))
    with pytest.raises(ValueError, match="not both"):
        next(client.events.iterate(before=3, after=1))


def test_example_parses() -> None:
    page = TypeAdapter(EventPage).validate_python(example("events.json", "events-query"))
    assert page.count == len(page.events) == 5
    assert page.events[0].level is EventLevel.WARNING
    assert page.events[0].created == datetime(2018, 12, 7, 20, 11, 8)
    assert page.model_extra == {}


def test_unknown_levels_and_dates_do_not_break_parsing() -> None:
    event = TypeAdapter(Event).validate_json(
        b'{"id": 1, "level": "NOTICE", "created": "yesterday", "node": null}'
    )
    assert event.level == "NOTICE"
    assert event.created is None
