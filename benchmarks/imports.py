"""Import time of maas-sdk against that of its four dependencies, in fresh interpreters.

Each measurement is one ``python -X importtime -c "<import>"``: the cumulative microseconds
the interpreter reports for the top-level imports of the statement (the modules every
interpreter loads at start-up are left out), so process start-up and exit, which dominate a
wall-clock measurement and vary run to run, are not counted.
"""

from __future__ import annotations

import subprocess

STATEMENTS = {
    "dependencies": "import requests, requests_oauthlib, pydantic, tenacity",
    "maas_sdk": "import maas_sdk",
    "client": "from maas_sdk import MAASClient",
}


def _top_level(python: str, statement: str) -> dict[str, int]:
    done = subprocess.run(
        [python, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    cumulative: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, total, name = line.split("|")
        if name.startswith(" ") and not name.startswith("  ") and total.strip().isdigit():
            cumulative[name.strip()] = cumulative.get(name.strip(), 0) + int(total)
    return cumulative


def measure(python: str, runs: int) -> dict[str, list[float]]:
    """Seconds spent importing each statement, ``runs`` times, statements interleaved."""
    startup = set(_top_level(python, "pass"))
    results: dict[str, list[float]] = {key: [] for key in STATEMENTS}
    for _ in range(runs):
        for key, statement in STATEMENTS.items():
            modules = _top_level(python, statement)
            results[key].append(
                sum(us for name, us in modules.items() if name not in startup) / 1e6
            )
    return results
