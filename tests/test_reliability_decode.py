"""Answers that are not what they claim, over real sockets: truncated JSON, a proxy's HTML 200,
empty bodies. Each raises ``ResponseDecodeError`` with a short snippet, for raw transport calls and
for the model-returning manager calls alike, and is never retried (a POST it hit ran once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.errors import ResponseDecodeError
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._faults import FaultRule

SNIPPET_LIMIT = 200
BODY_FAULTS = ["truncate", "malformed_json", "html", "empty_body"]


class NoSleep:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def fake() -> FakeMAAS:
    region = FakeMAAS(seed=11, strict=True)
    region.seed_machines(4, seed=5)
    return region


@pytest.fixture
def clock() -> NoSleep:
    return NoSleep()


@pytest.fixture
def client(fake: FakeMAAS, clock: NoSleep) -> Iterator[MAASClient]:
    with (
        fake.serve() as server,
        MAASClient(server.url, server.api_key, timeout=(5, 10), clock=clock) as made,
    ):
        yield made


def inject(fake: FakeMAAS, kind: str, *, method: str, path: str) -> FaultRule:
    add: Callable[..., FaultRule] = getattr(fake.faults, kind)
    return add(method=method, path=path)


def assert_short_and_diagnostic(error: ResponseDecodeError, method: str, path: str) -> None:
    assert error.status_code == 200
    assert error.method == method
    assert len(error.snippet) <= SNIPPET_LIMIT
    assert str(error).startswith(f"{method} /MAAS/api/2.0/{path}")
    assert f"body starts {error.snippet!r}" in str(error)
    assert len(str(error)) < 700


@pytest.mark.parametrize("kind", BODY_FAULTS)
def test_machines_list_raises_a_decode_error(
    fake: FakeMAAS, client: MAASClient, clock: NoSleep, kind: str
) -> None:
    inject(fake, kind, method="GET", path="machines/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.machines.list()

    assert_short_and_diagnostic(caught.value, "GET", "machines/")
    assert "the body is not valid JSON" in str(caught.value)
    assert fake.requests.count(path="machines/") == 1, "a decode error is not retried"
    assert clock.sleeps == []
    assert len(client.machines.list()) == 4


@pytest.mark.parametrize("kind", BODY_FAULTS)
def test_zones_get_raises_a_decode_error(fake: FakeMAAS, client: MAASClient, kind: str) -> None:
    inject(fake, kind, method="GET", path="zones/default/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.zones.get("default")

    assert_short_and_diagnostic(caught.value, "GET", "zones/default/")
    assert fake.requests.count(path="zones/default/") == 1


def test_the_html_page_of_a_proxy_is_named_as_such(fake: FakeMAAS, client: MAASClient) -> None:
    fake.faults.html(method="GET", path="zones/default/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.zones.get("default")

    assert caught.value.content_type.startswith("text/html")
    assert caught.value.snippet.startswith("<!DOCTYPE html>")
    assert "Please log in to the network" in caught.value.snippet
    assert "Content-Type text/html" in str(caught.value)


def test_a_truncated_list_shows_only_its_first_characters(
    fake: FakeMAAS, client: MAASClient
) -> None:
    fake.faults.truncate(method="GET", path="machines/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.machines.list()

    assert len(caught.value.snippet) == SNIPPET_LIMIT, "a long body is cut to the snippet"
    assert caught.value.snippet.startswith('[\n    {\n        "system_id": ')


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("truncate", "the body is not valid JSON (Expecting"),
        ("malformed_json", "the body is not valid JSON (Expecting value"),
        ("html", "expected JSON but got an HTML page"),
    ],
)
def test_raw_transport_json_raises_a_decode_error(
    fake: FakeMAAS, client: MAASClient, kind: str, problem: str
) -> None:
    inject(fake, kind, method="GET", path="zones/")

    answer = client.transport.get("zones/")
    with pytest.raises(ResponseDecodeError) as caught:
        answer.json()

    assert_short_and_diagnostic(caught.value, "GET", "zones/")
    assert problem in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


def test_raw_transport_json_of_an_empty_body_is_none_but_a_model_call_fails(
    fake: FakeMAAS, client: MAASClient
) -> None:
    fake.faults.empty_body(method="GET", path="zones/", times=2)

    assert client.transport.get("zones/").json() is None, "documented: empty body gives None"
    with pytest.raises(ResponseDecodeError) as caught:
        client.zones.list()

    assert caught.value.snippet == ""
    assert "body starts ''" in str(caught.value)


@pytest.mark.parametrize("kind", ["truncate", "malformed_json", "empty_body"])
def test_a_create_whose_answer_is_corrupt_ran_once(
    fake: FakeMAAS, client: MAASClient, clock: NoSleep, kind: str
) -> None:
    inject(fake, kind, method="POST", path="zones/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.zones.create("rack-7")

    assert_short_and_diagnostic(caught.value, "POST", "zones/")
    assert fake.requests.count(method="POST", path="zones/") == 1
    assert clock.sleeps == []
    assert client.zones.get("rack-7").name == "rack-7", "the region applied it"


def test_an_html_200_to_a_create_applied_nothing_and_says_so(
    fake: FakeMAAS, client: MAASClient
) -> None:
    fake.faults.html(method="POST", path="zones/")

    with pytest.raises(ResponseDecodeError) as caught:
        client.zones.create("rack-8")

    assert caught.value.content_type.startswith("text/html")
    assert fake.requests.count(method="POST", path="zones/") == 1
    assert "rack-8" not in [zone.name for zone in client.zones.list()]
