"""The SDK's own client against the fake, in process (``fake.client()``) and over loopback."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from maas_sdk.testing import FakeMAAS


def test_fixtures_give_an_admin_client(maas_client: MAASClient, maas_fake: FakeMAAS) -> None:
    assert maas_client.whoami().username == "admin"
    assert maas_client.version().version == "3.4.10"
    assert maas_fake.requests.count(op="whoami") == 1


def test_errors_are_mapped(maas_client: MAASClient) -> None:
    with pytest.raises(NotFoundError) as not_found:
        maas_client.transport.get("zones/nosuch/")
    assert not_found.value.message == "No Zone matches the given query."
    with pytest.raises(BadRequestError) as bad:
        maas_client.transport.post("zones/", data={"name": "default"})
    assert bad.value.field_errors == {"name": ["Physical zone with this Name already exists."]}


def test_wrong_secret_is_redacted_by_the_sdk(maas_fake: FakeMAAS) -> None:
    key = maas_fake.api_key()
    wrong = key.rsplit(":", 1)[0] + ":" + "x" * 32
    with (
        MAASClient(maas_fake.url, wrong, handler=maas_fake.handle, clock=maas_fake.clock) as client,
        pytest.raises(AuthenticationError) as error,
    ):
        client.whoami()
    secret = key.split(":")[2]
    assert secret not in str(error.value)
    assert secret not in error.value.message


def test_non_admin_client(maas_fake: FakeMAAS) -> None:
    maas_fake.add_user("bob")
    with maas_fake.client("bob") as client:
        assert client.whoami().username == "bob"
        with pytest.raises(PermissionDeniedError) as denied:
            client.transport.post("zones/", data={"name": "z"})
    assert denied.value.message == "This method is reserved for admin users."


def test_retry_after_is_honoured_on_the_fake_clock(
    maas_client: MAASClient, maas_fake: FakeMAAS
) -> None:
    maas_fake.faults.status(503, retry_after=10, op="whoami")
    start = maas_fake.clock.monotonic()
    assert maas_client.whoami().username == "admin"
    attempts = maas_fake.requests.filter(op="whoami")
    assert [(entry.status, entry.faulted) for entry in attempts] == [(503, True), (200, False)]
    assert maas_fake.clock.monotonic() - start >= 10


def test_conflict_without_retry_after_is_not_retried(
    maas_client: MAASClient, maas_fake: FakeMAAS
) -> None:
    maas_fake.faults.status(409, body="Machine is already locked", method="POST", path="zones/")
    with pytest.raises(ConflictError):
        maas_client.transport.post("zones/", data={"name": "z1"})
    assert maas_fake.requests.count(method="POST", path="zones/") == 1


def test_dropped_post_after_apply_has_an_unknown_outcome(
    maas_client: MAASClient, maas_fake: FakeMAAS
) -> None:
    maas_fake.faults.drop(after_apply=True, method="POST", path="zones/")
    with pytest.raises(APIConnectionError) as error:
        maas_client.transport.post("zones/", data={"name": "z1"})
    assert error.value.outcome_unknown is True
    assert maas_client.transport.get("zones/z1/").json()["name"] == "z1"


def test_dropped_get_is_retried(maas_client: MAASClient, maas_fake: FakeMAAS) -> None:
    maas_fake.faults.drop(path="zones/", times=2)
    assert len(maas_client.transport.get("zones/").json()) == 1
    assert maas_fake.requests.count(path="zones/") == 3


def test_login_with_a_password(maas_fake: FakeMAAS) -> None:
    with MAASClient.login(
        maas_fake.url, "admin", "admin", handler=maas_fake.handle, clock=maas_fake.clock
    ) as client:
        assert client.whoami().username == "admin"
    with pytest.raises(AuthenticationError):
        MAASClient.login(maas_fake.url, "admin", "wrong", handler=maas_fake.handle)


def test_client_over_loopback() -> None:
    fake = FakeMAAS()
    with fake.serve() as server, MAASClient(server.url, server.api_key) as client:
        assert client.whoami().username == "admin"
        assert client.transport.get("zones/").json()[0]["name"] == "default"


def test_concurrent_requests_over_loopback_are_serialised_safely() -> None:
    fake = FakeMAAS()
    with fake.serve() as server:

        def create(index: int) -> int:
            with MAASClient(server.url, server.api_key) as client:
                zone = client.transport.post("zones/", data={"name": f"z{index}"}).json()
                identifier: int = zone["id"]
                return identifier

        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = list(pool.map(create, range(32)))
    assert sorted(ids) == list(range(2, 34))
    assert fake.requests.count(method="POST", path="zones/") == 32


def test_command_line_server_prints_its_url_and_key() -> None:
    command = [sys.executable, "-m", "maas_sdk.testing", "--port", "0", "--seed", "1"]
    command += ["--machines", "3"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().split()[-1]
            key = process.stdout.readline().split()[-1]
            with MAASClient(url, key) as client:
                assert client.whoami().username == "admin"
                assert len(client.transport.get("machines/").json()) == 3
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
    assert url.startswith("http://127.0.0.1:")
    assert key == FakeMAAS(seed=1).api_key()
