"""client.machines.bulk(), list_as(), list_fields() and iter() against the fake MAAS in process."""

from __future__ import annotations

import pytest

from maas_sdk._wire import ReadTimedOut, WireRequest, WireResponse
from maas_sdk.bulk import BulkOutcome, BulkResult
from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import (
    APITimeoutError,
    ConflictError,
    PermissionDeniedError,
    ResponseDecodeError,
    ServiceUnavailableError,
)
from maas_sdk.resources import _decoding
from maas_sdk.resources.machine_fleet import MachineView, machine_view
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    region = FakeMAAS(seed=7)
    region.seed_machines(30, seed=7)
    return region


@pytest.fixture
def client(fake: FakeMAAS) -> MAASClient:
    return fake.client()


def by_status(client: MAASClient) -> tuple[list[str], list[str]]:
    machines = client.machines.list()
    ready = [m.system_id for m in machines if m.status is NodeStatus.READY]
    other = [m.system_id for m in machines if m.status is not NodeStatus.READY]
    return ready, other


def test_bulk_deploy_deploys_the_ready_machines_and_reports_the_others(
    client: MAASClient,
) -> None:
    ready, other = by_status(client)
    progress: list[tuple[str, int, int]] = []

    def on_progress(result: BulkResult[object], done: int, total: int) -> None:
        progress.append((result.target, done, total))

    report = client.machines.bulk(
        "deploy", ready + other, distro_series="jammy", concurrency=4, on_progress=on_progress
    )

    assert [r.target for r in report] == ready + other
    assert {r.target for r in report.succeeded} >= set(ready)
    assert {r.value.status for r in report.succeeded if r.value} == {NodeStatus.DEPLOYING}
    assert report.failed
    refused = (ConflictError, PermissionDeniedError)  # wrong state, or another user's machine
    assert all(isinstance(r.error, refused) for r in report.failed)
    assert not report.timed_out
    assert sorted(done for _, done, _ in progress) == list(range(1, len(report) + 1))
    assert {total for *_, total in progress} == {len(report)}
    assert all(client.machines.get(s).status is NodeStatus.DEPLOYING for s in ready)


def test_one_failure_never_stops_the_rest(fake: FakeMAAS, client: MAASClient) -> None:
    ready, _ = by_status(client)
    fake.faults.status(503, method="POST", op="deploy", times=1)

    report = client.machines.bulk("deploy", ready[:5], concurrency=1)

    assert [r.outcome for r in report] == [BulkOutcome.FAILED] + [BulkOutcome.SUCCEEDED] * 4
    assert isinstance(report[0].error, ServiceUnavailableError)


def test_a_request_timeout_is_reported_as_timed_out(fake: FakeMAAS) -> None:
    timeouts = [1]

    def slow_first_deploy(request: WireRequest) -> WireResponse:
        if "op=deploy" in request.url and timeouts:
            timeouts.pop()
            raise ReadTimedOut
        return fake.handle(request)

    client = MAASClient(fake.url, fake.api_key(), handler=slow_first_deploy, clock=fake.clock)
    ready, _ = by_status(client)

    report = client.machines.bulk("deploy", ready[:3], concurrency=1)

    first = report[0]
    assert first.outcome is BulkOutcome.TIMED_OUT
    assert isinstance(first.error, APITimeoutError)
    assert first.error.outcome_unknown
    assert [r.outcome for r in report[1:]] == [BulkOutcome.SUCCEEDED] * 2


def test_machines_may_be_models_and_actions_callables(client: MAASClient) -> None:
    machines = client.machines.list(status="ready")[:3]

    report = client.machines.bulk(lambda system_id: system_id.upper(), machines)

    assert report.values == [m.system_id.upper() for m in machines]


def test_unknown_actions_and_arguments_are_refused_before_any_request(
    fake: FakeMAAS, client: MAASClient
) -> None:
    before = len(fake.requests)
    with pytest.raises(ValueError, match="unknown bulk action 'explode'"):
        client.machines.bulk("explode", ["abc123"])
    with pytest.raises(ValueError, match="deploy"):
        client.machines.bulk("deploy", ["abc123"], distro="jammy")
    with pytest.raises(ValueError, match="callable"):
        client.machines.bulk(str.upper, ["abc123"], comment="no")  # type: ignore[call-overload]
    assert len(fake.requests) == before


class Row(MachineView):
    system_id: str
    hostname: str
    status: NodeStatus
    memory: int


def test_list_as_returns_typed_records_of_the_declared_fields(client: MAASClient) -> None:
    full = {m.system_id: m for m in client.machines.list(pool="compute")}

    rows = client.machines.list_as(Row, pool="compute")

    assert {row.system_id for row in rows} == set(full)
    for row in rows:
        assert isinstance(row, Row)
        machine = full[row.system_id]
        assert (row.hostname, row.status, row.memory) == (
            machine.hostname,
            machine.status,
            machine.memory,
        )
    with pytest.raises(ValueError, match="frozen"):
        rows[0].hostname = "other"  # type: ignore[misc]


def test_list_fields_types_fields_as_the_machine_does(client: MAASClient) -> None:
    rows = client.machines.list_fields("system_id", "status", "boot_interface_ref", tags="gpu")

    expected = client.machines.list(tags="gpu")
    assert [row.system_id for row in rows] == [m.system_id for m in expected]
    assert all(isinstance(row.status, NodeStatus) for row in rows)
    assert [row.boot_interface_ref for row in rows] == [m.boot_interface_ref for m in expected]
    assert machine_view(("system_id", "status", "boot_interface_ref")) is type(rows[0])
    with pytest.raises(ValueError, match="not fields of Machine: nope"):
        client.machines.list_fields("system_id", "nope")


def test_a_filter_that_matches_nothing_sends_nothing(fake: FakeMAAS, client: MAASClient) -> None:
    before = len(fake.requests)

    assert client.machines.list_fields("system_id", simple_status=[]) == []
    assert list(client.machines.iter(simple_status=[])) == []
    assert len(fake.requests) == before


@pytest.mark.parametrize("threshold", [1, 1 << 40])
def test_iter_yields_the_same_bound_machines_as_list(
    client: MAASClient, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    monkeypatch.setattr(_decoding, "CHUNKED_THRESHOLD", threshold)
    expected = client.machines.list(zone="zone-a")

    machines = list(client.machines.iter(zone="zone-a"))

    assert [m.model_dump() for m in machines] == [m.model_dump() for m in expected]
    assert machines[0].refresh() is machines[0]


def test_iter_raises_our_decode_error_for_a_bad_element(fake: FakeMAAS, client: MAASClient) -> None:
    fake.faults.malformed_json(method="GET", path="machines/")

    with pytest.raises(ResponseDecodeError):
        list(client.machines.iter())
