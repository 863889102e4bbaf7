"""python-libmaas 0.6.8 listing every machine, run by the benchmark's own environment.

``benchmarks/.venv-libmaas/bin/python benchmarks/libmaas_case.py <url> <api_key>`` prints one
JSON line like :mod:`benchmarks.cases`. It imports nothing from maas-sdk.

python-libmaas normally starts by fetching ``describe/`` (the API description) and builds its
objects from it; the fake region does not serve that document, so this script gives libmaas the
description of the two handlers a listing uses (``MachinesHandler``, ``MachineHandler``), the
way ``describe/`` lists them. Timing starts after that: it measures
``client.machines.list()`` plus reading five fields of every machine, nothing else.
"""

from __future__ import annotations

import json
import resource
import sys
import time

FIELDS = ("system_id", "hostname", "status", "cpus", "memory")
"""The five fields read (libmaas names ``cpu_count`` ``cpus``)."""


def _action(name: str, method: str, op: str | None, restful: bool) -> dict[str, object]:
    return {"name": name, "method": method, "op": op, "restful": restful, "doc": ""}


def describe(api_root: str) -> dict[str, object]:
    """The part of ``GET describe/`` that ``client.machines.list()`` needs."""
    path = api_root[api_root.index("/MAAS/") :]
    machines = {
        "name": "MachinesHandler",
        "doc": "Manage the collection of all the machines in the MAAS.",
        "params": [],
        "path": f"{path}machines/",
        "uri": f"{api_root}machines/",
        "actions": [
            _action("read", "GET", None, True),
            _action("create", "POST", None, True),
            _action("allocate", "POST", "allocate", False),
        ],
    }
    machine = {
        "name": "MachineHandler",
        "doc": "Manage an individual machine.",
        "params": ["system_id"],
        "path": f"{path}machines/{{system_id}}/",
        "uri": f"{api_root}machines/{{system_id}}/",
        "actions": [
            _action("read", "GET", None, True),
            _action("update", "PUT", None, True),
            _action("delete", "DELETE", None, True),
            _action("deploy", "POST", "deploy", False),
            _action("release", "POST", "release", False),
        ],
    }
    return {
        "doc": "MAAS API",
        "hash": "benchmark",
        "resources": [
            {"name": "MachinesHandler", "anon": None, "auth": machines},
            {"name": "MachineHandler", "anon": None, "auth": machine},
        ],
        "handlers": [machines, machine],
    }


def main(argv: list[str]) -> int:
    url, api_key = argv[0], argv[1]
    from maas.client.bones import SessionAPI  # type: ignore[import-not-found]
    from maas.client.facade import Client  # type: ignore[import-not-found]
    from maas.client.utils.creds import Credentials  # type: ignore[import-not-found]
    from maas.client.viscera import Origin  # type: ignore[import-not-found]

    api_root = f"{url.rstrip('/')}/api/2.0/"
    session = SessionAPI(describe(api_root), Credentials.parse(api_key))
    client = Client(Origin(session))
    started = time.perf_counter()
    machines = client.machines.list()
    rows = [tuple(getattr(machine, name) for name in FIELDS) for machine in machines]
    if "--show" in argv:
        print(rows[:2], file=sys.stderr)
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "count": len(rows),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
