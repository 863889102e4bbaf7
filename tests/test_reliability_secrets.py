"""No secret leaves the client over the wire: a whole scenario against the loopback fake MAAS.

Every logger (the root one and every library's) records at DEBUG while clients make real HTTP
requests: a password login, a wrong token secret (MAAS's 401 echoes the real one), bursts of
409/503 retried, dropped connections, a read timeout, field errors, wrong-state conflicts and a
corrupt answer that lists the API keys. Then every captured log byte, every error (str, repr,
args, attributes, traceback, pickle) and every repr is searched for the token secrets, the API keys
and the ``Authorization`` header values the server actually received.

Real delays: one read timeout of 0.1 s on an answer that takes 0.3 s.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from secret_scan import CaptureAll, NoSleep, capturing_all_logs, error_texts, leaks

from maas_sdk._retry import RetryPolicy
from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    MAASError,
    ResponseDecodeError,
    redact_server_text,
)
from maas_sdk.testing import FakeMAAS

WRONG_SECRET = "Wr0ngS3cr3tWr0ngS3cr3tWr0ngS3cr3"


@pytest.fixture
def all_logs() -> Iterator[CaptureAll]:
    """Every logger at DEBUG, propagating to a capture on the root logger."""
    with capturing_all_logs() as capture:
        yield capture


class Recorder:
    """Wraps the fake's handler: keeps each ``Authorization`` header the server received."""

    def __init__(self, fake: FakeMAAS) -> None:
        self._handle = fake.handle
        self.authorizations: list[str] = []
        self._done = threading.Semaphore(0)
        self._lock = threading.Lock()

    def __call__(self, request: WireRequest) -> WireResponse:
        header = {k.lower(): v for k, v in request.headers.items()}.get("authorization")
        if header:
            with self._lock:
                self.authorizations.append(header)
        try:
            return self._handle(request)
        finally:
            self._done.release()

    def drain(self, count: int) -> None:
        for _ in range(count):
            assert self._done.acquire(timeout=10), "the fake never finished a request"


class Scenario:
    """What the scenario left behind: the errors raised, reprs, and the keys it used."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.reprs: list[str] = []
        self.keys: list[str] = []

    def expect(self, error_type: type[MAASError], step: Callable[[], object]) -> None:
        with pytest.raises(error_type) as caught:
            step()
        self.errors.append(caught.value)

    def texts(self) -> list[str]:
        return self.reprs + [text for error in self.errors for text in error_texts(error)]


def run_scenario(fake: FakeMAAS, recorder: Recorder) -> Scenario:
    fake.seed_machines(12, seed=3)
    done = Scenario()
    expect = done.expect
    with fake.serve() as server:
        retry = RetryPolicy(max_attempts=3)
        client = MAASClient.login(
            server.url, "admin", "admin", timeout=(5, 10), clock=NoSleep(), retry=retry
        )
        consumer, token, _ = server.api_key.split(":")
        wrong = MAASClient(server.url, f"{consumer}:{token}:{WRONG_SECRET}", clock=NoSleep())
        admin = MAASClient(server.url, server.api_key, clock=NoSleep(), retry=retry)
        hurried = MAASClient(server.url, server.api_key, timeout=(5, 0.1), clock=NoSleep())
        with client, wrong, admin, hurried:
            expect(AuthenticationError, wrong.whoami)
            expect(AuthenticationError, lambda: wrong.zones.create("never"))

            fake.faults.status(503, retry_after=1, path="machines/", times=2)
            machines = client.machines.list()
            fake.faults.status(409, retry_after=1, op="deploy", times=None)
            ready = next(m for m in machines if m.status_name == "Ready")
            expect(ConflictError, ready.deploy)
            fake.faults.clear()

            fake.faults.drop(method="GET", path="zones/")
            client.zones.list()
            fake.faults.drop(after_apply=True, method="POST", path="zones/")
            expect(APIConnectionError, lambda: client.zones.create("rack-1"))
            fake.faults.drop(method="POST", op="deploy")
            expect(APIConnectionError, lambda: admin.machines.deploy(ready.system_id))

            fake.faults.delay(0, real_seconds=0.3, method="POST", path="zones/")
            expect(APITimeoutError, lambda: hurried.zones.create("rack-2"))
            recorder.drain(len(fake.requests))

            expect(BadRequestError, lambda: client.machines.list(zone="nosuchzone"))
            expect(BadRequestError, lambda: admin.zones.create("default"))
            deployed = next(m for m in machines if m.status_name == "Deployed")
            expect(ConflictError, deployed.deploy)

            for name in ("ci-1", "ci-2", "ci-3"):
                admin.account.create_token(name)
            tokens = admin.account.list_tokens()
            fake.faults.truncate(op="list_authorisation_tokens")
            expect(ResponseDecodeError, admin.account.list_tokens)
            fake.faults.html(path="users/", op="whoami")
            expect(ResponseDecodeError, admin.whoami)

            for each in (client, wrong, admin, hurried):
                done.reprs += [repr(each), repr(each.transport), str(each.api_key)]
                done.reprs.append(repr(each.api_key))
            done.reprs += [repr(m) for m in machines] + [repr(t) for t in tokens]
            done.reprs.append(repr(list(fake.requests)))
            done.keys = [server.api_key, str(client.api_key), WRONG_SECRET]
            login = client.api_key
            done.keys[1] = f"{login.consumer_key}:{login.token_key}:{login.token_secret}"
    return done


def test_a_whole_scenario_over_the_wire_leaks_no_secret(
    all_logs: CaptureAll, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMAAS(seed=23, strict=True)
    recorder = Recorder(fake)
    monkeypatch.setattr(fake, "handle", recorder)

    done = run_scenario(fake, recorder)

    admin_key, login_key, _ = done.keys
    secrets = [admin_key.rsplit(":", 1)[1], login_key.rsplit(":", 1)[1], WRONG_SECRET]
    forbidden = {admin_key, login_key, "oauth_signature=", *secrets}
    forbidden |= {f"%26{secret}" for secret in secrets}
    forbidden |= set(recorder.authorizations)
    assert [type(error).__name__ for error in done.errors] == [
        "AuthenticationError",
        "AuthenticationError",
        "ConflictError",
        "APIConnectionError",
        "APIConnectionError",
        "APITimeoutError",
        "BadRequestError",
        "BadRequestError",
        "ConflictError",
        "ResponseDecodeError",
        "ResponseDecodeError",
    ]
    # The search is not vacuous: the secrets went over the wire, the libraries logged at DEBUG,
    # MAAS's 401 echoed the real secret and the corrupt answer held the API key.
    assert any(f"%26{secrets[0]}" in header for header in recorder.authorizations)
    assert any(f"%26{secrets[1]}" in header for header in recorder.authorizations)
    assert len(recorder.authorizations) >= 20
    assert {"maas_sdk", "urllib3.connectionpool"} <= all_logs.names
    assert sum("retrying" in text for text in all_logs.texts) >= 4
    assert "Expected signature base string: [redacted]" in str(done.errors[0])
    assert "[redacted]" in done.errors[9].snippet  # type: ignore[attr-defined]
    everything = all_logs.texts + done.texts()
    assert leaks(everything, forbidden) == []


KEY_OF_ANOTHER_CLIENT = "Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:Uv78Wx90Yz12Ab34Cd56Ef78Gh90Ij12"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            f'[{{"name": "ci", "token": "{KEY_OF_ANOTHER_CLIENT}"}}]',
            '[{"name": "ci", "token": "Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:[redacted]"}]',
        ),
        (
            f'"token": "{KEY_OF_ANOTHER_CLIENT[:50]}',
            '"token": "Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:[redacted]',
        ),
        (
            '{"token_key": "Kl90Mn12Op34Qr56St", "token_secret": "Uv78Wx90Yz12A',
            '{"token_key": "Kl90Mn12Op34Qr56St", "token_secret": "[redacted]',
        ),
        ("No Machine matches the given query.", "No Machine matches the given query."),
    ],
)
def test_keys_in_server_text_lose_their_secret_even_when_cut_short(text: str, shown: str) -> None:
    assert redact_server_text(text) == shown
