"""Network and server faults over real sockets: the fake MAAS served on loopback, its ``faults``.

Each test drives a real :class:`MAASClient` against ``FakeMAAS.serve()`` and proves, with the
fake's request log and its state, what reached the server: retried bursts of 409/503 with
``Retry-After``, at-once failures without it, retried refusals, and POSTs whose outcome is unknown
never replayed.

Real delays: a few read timeouts of 0.1 s (the slow answers they cut off last 0.3 s) and two
Retry-After waits of 0.01 s; every other back-off runs on a recording clock that does not sleep.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from maas_sdk._retry import RetryPolicy
from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import (
    APIConnectionError,
    APITimeoutError,
    ConflictError,
    ServiceUnavailableError,
)
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._server import LoopbackServer

SLOW = 0.3
"""Real seconds a slow answer takes: three times the short read timeout below."""
SHORT_READ = 0.1


class RecordingClock:
    """Records the back-off the client asks for instead of sleeping."""

    def __init__(self, on_sleep: Callable[[], None] | None = None) -> None:
        self.sleeps: list[float] = []
        self._on_sleep = on_sleep

    def monotonic(self) -> float:
        return sum(self.sleeps)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self._on_sleep is not None:
            self._on_sleep()


class Answered:
    """Counts the requests the fake has finished with (answered or dropped), to wait on them.

    A slow answer is still being served after the client gave up on it; the test waits here
    before reading the request log or the state.
    """

    def __init__(self, fake: FakeMAAS) -> None:
        self._handle = fake.handle
        self._done = threading.Semaphore(0)

    def __call__(self, request: WireRequest) -> WireResponse:
        try:
            return self._handle(request)
        finally:
            self._done.release()

    def wait(self, count: int) -> None:
        for _ in range(count):
            assert self._done.acquire(timeout=10), "the fake never finished a request"


@pytest.fixture
def fake() -> FakeMAAS:
    region = FakeMAAS(seed=7, strict=True)
    region.seed_machines(12, seed=3)
    return region


@pytest.fixture
def answered(fake: FakeMAAS, monkeypatch: pytest.MonkeyPatch) -> Answered:
    counter = Answered(fake)
    monkeypatch.setattr(fake, "handle", counter)
    return counter


@pytest.fixture
def server(fake: FakeMAAS, answered: Answered) -> Iterator[LoopbackServer]:
    with fake.serve() as running:
        yield running


@pytest.fixture
def clock() -> RecordingClock:
    return RecordingClock()


@pytest.fixture
def client(server: LoopbackServer, clock: RecordingClock) -> Iterator[MAASClient]:
    with MAASClient(server.url, server.api_key, timeout=(5, 10), clock=clock) as made:
        yield made


def connect(server: LoopbackServer, **options: Any) -> MAASClient:
    options.setdefault("timeout", (5, 10))
    options.setdefault("clock", RecordingClock())
    return MAASClient(server.url, server.api_key, **options)


def ready_machine(client: MAASClient) -> str:
    return client.machines.list(status="ready")[0].system_id


# --- 409 and 503: retried only when MAAS says when ------------------------------------------


def test_a_burst_of_503_with_retry_after_is_survived_and_deploys_once(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    system_id = ready_machine(client)
    fake.faults.status(503, retry_after=2, method="POST", op="deploy", times=3)

    machine = client.machines.deploy(system_id)

    assert machine.status == NodeStatus.DEPLOYING
    assert clock.sleeps == [2.0, 2.0, 2.0]
    deploys = fake.requests.filter(method="POST", op="deploy")
    assert [(entry.status, entry.fault) for entry in deploys] == [
        (503, "status"),
        (503, "status"),
        (503, "status"),
        (200, None),
    ]


def test_a_burst_of_409_conflict_pages_with_retry_after_is_survived(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    fake.faults.status(409, retry_after=1, method="POST", path="zones/", times=2)

    zone = client.zones.create("rack-9", description="row 9")

    assert (zone.name, zone.description) == ("rack-9", "row 9")
    assert clock.sleeps == [1.0, 1.0]
    assert [entry.status for entry in fake.requests.filter(method="POST", path="zones/")] == [
        409,
        409,
        200,
    ]
    assert [z.name for z in client.zones.list()].count("rack-9") == 1


def test_a_mixed_burst_on_reads_is_survived_with_the_real_clock(
    fake: FakeMAAS, server: LoopbackServer
) -> None:
    fake.faults.status(503, retry_after=0.01, path="machines/", times=1)
    fake.faults.status(409, retry_after=0.01, path="machines/", times=1)
    patient = RetryPolicy(max_attempts=3, retry_after_cap=0.05, backoff_max=0.05)

    with MAASClient(server.url, server.api_key, timeout=(5, 10), retry=patient) as client:
        machines = client.machines.list()

    assert len(machines) == 12
    assert [entry.status for entry in fake.requests.filter(path="machines/")] == [503, 409, 200]


def test_retry_after_is_capped_by_the_policy(fake: FakeMAAS, server: LoopbackServer) -> None:
    clock = RecordingClock()
    fake.faults.status(503, retry_after=3600, path="zones/", times=1)

    with connect(server, clock=clock, retry=RetryPolicy(retry_after_cap=0.5)) as client:
        assert len(client.zones.list()) >= 1

    assert clock.sleeps == [0.5]


def test_a_burst_longer_than_the_policy_surfaces_the_last_503(
    fake: FakeMAAS, server: LoopbackServer, client: MAASClient
) -> None:
    clock = RecordingClock()
    system_id = ready_machine(client)
    fake.faults.status(503, retry_after=1, method="POST", op="deploy", times=None)

    with (
        connect(server, clock=clock, retry=RetryPolicy(max_attempts=3)) as brief,
        pytest.raises(ServiceUnavailableError) as caught,
    ):
        brief.machines.deploy(system_id)

    assert caught.value.retry_after == 1.0
    assert "Unable to connect to any rack controller" in caught.value.message
    assert fake.requests.count(method="POST", op="deploy") == 3
    assert clock.sleeps == [1.0, 1.0]
    fake.faults.clear()
    assert client.machines.get(system_id).status == NodeStatus.READY


@pytest.mark.parametrize(
    ("status", "error_type"), [(409, ConflictError), (503, ServiceUnavailableError)]
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_409_and_503_without_retry_after_surface_at_once(
    fake: FakeMAAS,
    client: MAASClient,
    clock: RecordingClock,
    status: int,
    error_type: type[Exception],
    method: str,
) -> None:
    fake.faults.status(status, method=method, path="zones/")
    call: Callable[[], object] = (
        client.zones.list if method == "GET" else lambda: client.zones.create("rack-1")
    )

    with pytest.raises(error_type) as caught:
        call()

    assert getattr(caught.value, "retry_after", "missing") is None
    assert fake.requests.count(method=method, path="zones/") == 1
    assert clock.sleeps == []


# --- connections refused or reset before anything was applied -------------------------------


def test_connection_refused_before_sending_is_retried_for_a_post(fake: FakeMAAS) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    later = ExitStack()
    started: list[LoopbackServer] = []

    def region_comes_up() -> None:
        if not started:  # the first back-off: start serving on the port that refused
            started.append(later.enter_context(fake.serve(port=port)))

    clock = RecordingClock(on_sleep=region_comes_up)
    url = f"http://127.0.0.1:{port}/MAAS/"
    with later, MAASClient(url, fake.api_key(), timeout=(5, 10), clock=clock) as client:
        zone = client.zones.create("rack-2")

        assert zone.name == "rack-2"
        assert len(clock.sleeps) == 1
        assert [entry.status for entry in fake.requests] == [200], "the refusal reached no one"


def test_a_get_whose_connection_is_reset_is_replayed(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    fake.faults.drop(method="GET", path="zones/")

    zones = client.zones.list()

    assert "default" in [zone.name for zone in zones]
    assert [(e.status, e.fault) for e in fake.requests.filter(path="zones/")] == [
        (None, "drop"),
        (200, None),
    ]
    assert len(clock.sleeps) == 1


def test_a_post_whose_connection_is_reset_is_not_replayed_even_if_it_was_not_applied(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    fake.faults.drop(method="POST", path="zones/")

    with pytest.raises(APIConnectionError) as caught:
        client.zones.create("rack-3")

    # Over a socket the client cannot tell "reset before applying" from "after": it had sent
    # the request, so the outcome is unknown and nothing is replayed.
    assert caught.value.outcome_unknown is True
    assert "outcome is unknown" in str(caught.value)
    assert fake.requests.count(method="POST", path="zones/") == 1
    assert "rack-3" not in [zone.name for zone in client.zones.list()]
    assert clock.sleeps == []


# --- the server applied it, then the answer was lost: never replayed ------------------------


def test_a_deploy_dropped_after_the_server_applied_it_is_not_replayed(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    system_id = ready_machine(client)
    fake.faults.drop(after_apply=True, method="POST", op="deploy")

    with pytest.raises(APIConnectionError) as caught:
        client.machines.deploy(system_id, distro_series="jammy")

    error = caught.value
    assert type(error) is APIConnectionError
    assert error.outcome_unknown is True
    assert str(error).startswith(f"POST /MAAS/api/2.0/machines/{system_id}/?op=deploy: ")
    assert "its outcome is unknown: re-read the state before repeating it" in str(error)
    deploys = fake.requests.filter(method="POST", op="deploy")
    assert [(entry.status, entry.fault) for entry in deploys] == [(None, "drop")]
    assert client.machines.get(system_id).status == NodeStatus.DEPLOYING, "it did run, once"
    assert clock.sleeps == []


def test_a_bound_deploy_dropped_after_apply_is_not_replayed_either(
    fake: FakeMAAS, client: MAASClient
) -> None:
    machine = client.machines.list(status="ready")[0]
    fake.faults.drop(after_apply=True, op="deploy")

    with pytest.raises(APIConnectionError) as caught:
        machine.deploy()

    assert caught.value.outcome_unknown is True
    assert machine.status == NodeStatus.READY, "the model keeps what it last read"
    assert machine.refresh().status == NodeStatus.DEPLOYING
    assert fake.requests.count(op="deploy") == 1


def test_a_zone_create_dropped_after_apply_exists_once(fake: FakeMAAS, client: MAASClient) -> None:
    fake.faults.drop(after_apply=True, method="POST", path="zones/")

    with pytest.raises(APIConnectionError) as caught:
        client.zones.create("rack-4")

    assert caught.value.outcome_unknown is True
    assert fake.requests.count(method="POST", path="zones/") == 1
    assert [zone.name for zone in client.zones.list()].count("rack-4") == 1


# --- slow answers and timeouts --------------------------------------------------------------


def test_a_read_timeout_on_a_post_raises_without_replay(
    fake: FakeMAAS, server: LoopbackServer, answered: Answered, client: MAASClient
) -> None:
    system_id = ready_machine(client)
    answered.wait(1)
    fake.faults.delay(0, real_seconds=SLOW, method="POST", op="deploy")

    with (
        connect(server, timeout=(5, SHORT_READ)) as hurried,
        pytest.raises(APITimeoutError) as caught,
    ):
        hurried.machines.deploy(system_id)

    assert caught.value.outcome_unknown is True
    assert "did not answer within the read timeout" in str(caught.value)
    answered.wait(1)
    assert [(e.status, e.fault) for e in fake.requests.filter(op="deploy")] == [(200, "delay")]
    assert client.machines.get(system_id).status == NodeStatus.DEPLOYING, (
        "the server finished the deploy after the client gave up: a replay would deploy twice"
    )


def test_a_read_timeout_on_a_get_is_retried(
    fake: FakeMAAS, server: LoopbackServer, answered: Answered
) -> None:
    clock = RecordingClock()
    fake.faults.delay(0, real_seconds=SLOW, path="zones/")

    with connect(server, timeout=(5, SHORT_READ), clock=clock) as client:
        zones = client.zones.list()

    assert "default" in [zone.name for zone in zones]
    attempts = len(clock.sleeps) + 1
    assert attempts >= 2
    answered.wait(attempts)
    faults = sorted(str(e.fault) for e in fake.requests.filter(path="zones/"))
    assert faults == ["None"] * (attempts - 1) + ["delay"]


def test_a_per_call_timeout_overrides_the_client_default(
    fake: FakeMAAS, server: LoopbackServer, answered: Answered
) -> None:
    fake.faults.delay(0, real_seconds=SLOW, method="POST", path="zones/")

    with connect(server, timeout=(5, 60)) as client, pytest.raises(APITimeoutError) as caught:
        client.transport.post("zones/", data={"name": "rack-5"}, timeout=(5, SHORT_READ))

    assert caught.value.outcome_unknown is True
    answered.wait(1)
    assert fake.requests.count(method="POST", path="zones/") == 1


def test_a_slow_answer_within_the_read_timeout_is_waited_for(
    fake: FakeMAAS, client: MAASClient, clock: RecordingClock
) -> None:
    fake.faults.delay(0, real_seconds=SHORT_READ, method="POST", path="zones/")

    zone = client.zones.create("rack-6")

    assert zone.name == "rack-6"
    assert [e.fault for e in fake.requests.filter(method="POST", path="zones/")] == ["delay"]
    assert clock.sleeps == []
