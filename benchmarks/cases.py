"""One measured workload per process: ``python -m benchmarks.cases <case> <url> <api_key> [n]``.

Every case runs in a fresh interpreter, started by :mod:`benchmarks.run`, so that no case
inherits another's heap, caches or imported modules. It prints one JSON line:
``{"seconds": <wall time of the workload>, "peak_rss_mb": <peak resident set size>,
"rss_before_mb": <resident set size just before the workload>, ...}``.

Peak memory is ``getrusage(RUSAGE_SELF).ru_maxrss``: the kernel's high-water mark of the whole
process, which counts every allocator (pydantic-core's Rust buffers and the JSON parser's
tree included), where ``tracemalloc`` would only see Python's own allocations and slow the run
down several times. Both sides of a comparison pay for their interpreter and imports alike.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable, Sized
from typing import Any

SAMPLE_FIELDS = ("system_id", "hostname", "status", "cpu_count", "memory")
"""The five fields read from every machine where a case reads fields."""


def _rss_now_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _listed(seconds: float, before: float, items: Sized) -> dict[str, Any]:
    """What a listing case reports; ``rss_held_mb`` is what holding the result costs."""
    gc.collect()
    return {
        "seconds": seconds,
        "rss_before_mb": before,
        "rss_held_mb": _rss_now_mb() - before,
        "count": len(items),
    }


def _oauth(api_key: str) -> Any:
    from requests_oauthlib import OAuth1

    consumer, token, secret = api_key.split(":")
    return OAuth1(
        consumer,
        client_secret="",
        resource_owner_key=token,
        resource_owner_secret=secret,
        signature_method="PLAINTEXT",
        signature_type="AUTH_HEADER",
    )


def _client(url: str, api_key: str, **options: Any) -> Any:
    """A client with its machines manager loaded (the baselines import requests untimed too)."""
    from maas_sdk import MAASClient

    client = MAASClient(url, api_key, **options)
    assert client.machines is not None
    return client


# --- listing ---------------------------------------------------------------------------------


def listing_baseline(url: str, api_key: str, _: int) -> dict[str, Any]:
    import requests

    auth = _oauth(api_key)
    with requests.Session() as session:
        before = _rss_now_mb()
        started = time.perf_counter()
        machines = session.get(f"{url}api/2.0/machines/", auth=auth, timeout=600).json()
        seconds = time.perf_counter() - started
    return _listed(seconds, before, machines)


def listing_sdk(url: str, api_key: str, _: int) -> dict[str, Any]:
    with _client(url, api_key, timeout=(10, 600)) as client:
        before = _rss_now_mb()
        started = time.perf_counter()
        machines = client.machines.list()
        seconds = time.perf_counter() - started
        assert type(machines[0]).__name__ == "Machine"
    return _listed(seconds, before, machines)


def listing_sdk_fields(url: str, api_key: str, _: int) -> dict[str, Any]:
    """The SDK listing plus reading five fields of every machine (the libmaas comparison)."""
    with _client(url, api_key, timeout=(10, 600)) as client:
        before = _rss_now_mb()
        started = time.perf_counter()
        rows = [
            (m.system_id, m.hostname, m.status, m.cpu_count, m.memory)
            for m in client.machines.list()
        ]
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "rss_before_mb": before, "count": len(rows)}


def listing_sdk_gc(url: str, api_key: str, _: int) -> dict[str, Any]:
    """The SDK listing followed by one full garbage collection, timed together."""
    with _client(url, api_key, timeout=(10, 600)) as client:
        started = time.perf_counter()
        machines = client.machines.list()
        gc.collect()
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "count": len(machines)}


def listing_baseline_gc(url: str, api_key: str, _: int) -> dict[str, Any]:
    """The naive listing followed by one full garbage collection, timed together."""
    import requests

    auth = _oauth(api_key)
    with requests.Session() as session:
        started = time.perf_counter()
        machines = session.get(f"{url}api/2.0/machines/", auth=auth, timeout=600).json()
        gc.collect()
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "count": len(machines)}


# --- per-call overhead ------------------------------------------------------------------------


def calls_baseline(url: str, api_key: str, calls: int) -> dict[str, Any]:
    import requests

    auth = _oauth(api_key)
    target = f"{url}api/2.0/users/?op=whoami"
    with requests.Session() as session:
        session.get(target, auth=auth, timeout=30).json()
        started = time.perf_counter()
        for _ in range(calls):
            session.get(target, auth=auth, timeout=30).json()
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "count": calls}


def calls_sdk(url: str, api_key: str, calls: int) -> dict[str, Any]:
    with _client(url, api_key) as client:
        client.whoami()
        started = time.perf_counter()
        for _ in range(calls):
            client.whoami()
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "count": calls}


# --- bulk actions -----------------------------------------------------------------------------


def _system_ids(client: Any) -> list[str]:
    return [row.system_id for row in client.machines.list_fields("system_id")]


def bulk_sequential(url: str, api_key: str, _: int) -> dict[str, Any]:
    from maas_sdk import MAASError

    with _client(url, api_key) as client:
        system_ids = _system_ids(client)
        succeeded = failed = 0
        started = time.perf_counter()
        for system_id in system_ids:
            try:
                client.machines.deploy(system_id)
            except MAASError:
                failed += 1
            else:
                succeeded += 1
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "count": len(system_ids), "succeeded": succeeded, "failed": failed}


def bulk_concurrent(url: str, api_key: str, concurrency: int) -> dict[str, Any]:
    with _client(url, api_key) as client:
        system_ids = _system_ids(client)
        started = time.perf_counter()
        report = client.machines.bulk("deploy", system_ids, concurrency=concurrency)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "count": len(report),
        "succeeded": len(report.succeeded),
        "failed": len(report.failed),
    }


# --- large fleets -----------------------------------------------------------------------------


def fleet_fields(url: str, api_key: str, _: int) -> dict[str, Any]:
    """A projection: five fields of every machine as light typed records."""
    with _client(url, api_key, timeout=(10, 600)) as client:
        before = _rss_now_mb()
        started = time.perf_counter()
        rows = client.machines.list_fields(*SAMPLE_FIELDS)
        seconds = time.perf_counter() - started
        assert rows[0].system_id
    return _listed(seconds, before, rows)


def fleet_iter(url: str, api_key: str, _: int) -> dict[str, Any]:
    """Streaming: every machine as a full model, one at a time, none kept."""
    with _client(url, api_key, timeout=(10, 600)) as client:
        before = _rss_now_mb()
        started = time.perf_counter()
        count = 0
        cores = 0
        for machine in client.machines.iter():
            count += 1
            cores += machine.cpu_count
        seconds = time.perf_counter() - started
    return _listed(seconds, before, range(count))


CASES: dict[str, Callable[[str, str, int], dict[str, Any]]] = {
    "listing-baseline": listing_baseline,
    "listing-sdk": listing_sdk,
    "listing-sdk-fields": listing_sdk_fields,
    "listing-baseline-gc": listing_baseline_gc,
    "listing-sdk-gc": listing_sdk_gc,
    "calls-baseline": calls_baseline,
    "calls-sdk": calls_sdk,
    "bulk-sequential": bulk_sequential,
    "bulk-concurrent": bulk_concurrent,
    "fleet-fields": fleet_fields,
    "fleet-iter": fleet_iter,
}


def main(argv: list[str]) -> int:
    case, url, api_key = argv[0], argv[1], argv[2]
    size = int(argv[3]) if len(argv) > 3 else 0
    result = CASES[case](url, api_key, size)
    result["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
