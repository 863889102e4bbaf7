"""`make bench` at a tiny size, so the benchmark suite never rots (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ROWS = (
    "| 1. list 50 machines",
    "| 1. same listing: peak memory",
    "| 1. same listing + 5 fields per machine vs python-libmaas 0.6.8",
    "| 2. 50 small GETs over keep-alive",
    "| 3. bulk deploy of 20 machines",
    "| 4. import maas_sdk",
    "| 4. from maas_sdk import MAASClient",
    "| 5. large fleet: list_fields()",
    "| 5. large fleet: iter()",
)


def test_the_benchmark_command_runs_every_row_at_smoke_size() -> None:
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "--machines",
        "50",
        "--calls",
        "50",
        "--bulk",
        "20",
        "--latency-ms",
        "0",
        "--repeat",
        "1",
        "--import-runs",
        "1",
        "--skip-libmaas",
    ]

    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=110, check=False
    )

    assert done.returncode == 0, done.stderr[-3000:]
    for row in ROWS:
        assert row in done.stdout, f"missing row {row!r} in:\n{done.stdout}"
    assert "skipped (--skip-libmaas)" in done.stdout
    assert "Python 3." in done.stdout
