"""One client shared by 16 threads, 200 calls each, against the fake MAAS over loopback.

``MAASClient`` documents that it is safe to share between threads: one ``requests`` session with
a connection pool, credentials that never change, and a signer that makes a fresh nonce for every
request. This drives reads and writes through the typed managers from 16 threads at once and
checks every answer, the fake's request log and the server state.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from maas_sdk.client import MAASClient
from maas_sdk.testing import FakeMAAS

THREADS = 16
CALLS = 200


def test_sixteen_threads_share_one_client_for_3200_calls() -> None:
    fake = FakeMAAS(seed=29, strict=True)

    with (
        fake.serve() as server,
        MAASClient(server.url, server.api_key, timeout=(10, 60), pool_size=THREADS) as client,
    ):

        def work(worker: int) -> list[str]:
            zone = f"worker-{worker}"
            seen = [client.zones.create(zone, description=str(worker)).name]
            for call in range(1, CALLS):
                if call % 3 == 0:
                    seen.append(client.whoami().username)
                elif call % 3 == 1:
                    seen.append(client.zones.get(zone).description)
                else:
                    seen.append(client.version().version)
            return seen

        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(work, range(THREADS)))

        for worker, seen in enumerate(results):
            expected = [f"worker-{worker}"] + [
                ("admin", str(worker), "3.4.10")[call % 3] for call in range(1, CALLS)
            ]
            assert seen == expected
        assert len(fake.requests) == THREADS * CALLS
        assert {entry.status for entry in fake.requests} == {200}
        assert {entry.fault for entry in fake.requests} == {None}
        assert fake.requests.count(method="POST", path="zones/") == THREADS
        names = {zone.name for zone in client.zones.list()}
        assert {f"worker-{worker}" for worker in range(THREADS)} <= names


def test_the_client_docstring_promises_thread_safety() -> None:
    assert MAASClient.__doc__ is not None
    assert "It is safe to share one client between threads." in MAASClient.__doc__
