"""Run every benchmark and print the table: ``python -m benchmarks`` (``make bench``).

Each row compares maas-sdk with its baseline on the same bytes, measured in the same run:

* the fake region serves seeded machines from its loopback HTTP server in a separate process,
  so its CPU and memory never count towards the client's numbers;
* every measured workload runs in a fresh interpreter (:mod:`benchmarks.cases`), the two sides
  alternately, ``--repeat`` times; the table shows medians.

``--machines 50 --calls 50 --bulk 20 --skip-libmaas`` is the smoke size CI runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import imports, libmaas

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Row:
    """One line of the table."""

    name: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""


@dataclass
class Server:
    """A fake region serving on loopback from its own process."""

    url: str
    api_key: str
    bytes: int
    process: subprocess.Popen[str] = field(repr=False)


@contextmanager
def serving(machines: int, *, latency_ms: float = 0.0) -> Iterator[Server]:
    """Start ``python -m benchmarks.server`` and stop it (by closing its stdin) afterwards."""
    command = [PYTHON, "-m", "benchmarks.server", "--machines", str(machines)]
    if latency_ms:
        command += ["--latency-ms", str(latency_ms)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdin is not None
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise RuntimeError(f"the benchmark server exited with status {process.returncode}")
    ready = json.loads(line)
    try:
        yield Server(ready["url"], ready["api_key"], ready["bytes"], process)
    finally:
        process.stdin.close()
        process.wait(timeout=60)


def run_case(case: str, server: Server, size: int = 0) -> dict[str, Any]:
    """Run one workload in a fresh interpreter and return what it measured."""
    command = [PYTHON, "-m", "benchmarks.cases", case, server.url, server.api_key, str(size)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"case {case} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def alternate(
    cases: Sequence[str], server: Server, repeat: int, size: int = 0
) -> dict[str, list[dict[str, Any]]]:
    """Run the cases in turn, ``repeat`` rounds, rotating which goes first."""
    results: dict[str, list[dict[str, Any]]] = {case: [] for case in cases}
    for round_number in range(repeat):
        shift = round_number % len(cases)
        for case in [*cases[shift:], *cases[:shift]]:
            results[case].append(run_case(case, server, size))
    return results


def median(results: list[dict[str, Any]], key: str) -> float:
    """The median of one measurement over the repetitions."""
    return float(statistics.median(result[key] for result in results))


def spread(results: list[dict[str, Any]], key: str, unit: Callable[[float], str]) -> str:
    """``median (min-max)`` of one measurement, formatted."""
    values = [result[key] for result in results]
    if len(values) == 1:
        return unit(values[0])
    return f"{unit(statistics.median(values))} ({unit(min(values))}-{unit(max(values))})"


def held(results: list[dict[str, Any]]) -> str:
    """The memory a listing's result keeps, formatted."""
    return f"held {median(results, 'rss_held_mb'):.0f} MB"


def seconds(value: float) -> str:
    """Format seconds."""
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def megabytes(value: float) -> str:
    """Format megabytes."""
    return f"{value:.0f} MB"


def listing_rows(args: argparse.Namespace, rows: list[Row], raw: dict[str, Any]) -> None:
    """Rows 1, 1b, 1c (listing) and 5 (large fleets), all against one server."""
    with serving(args.machines) as server:
        size = f"{args.machines:,} machines, {server.bytes / 2**20:.0f} MB of JSON"
        results = alternate(["listing-baseline", "listing-sdk"], server, args.repeat)
        raw["listing"] = results
        ours, base = results["listing-sdk"], results["listing-baseline"]
        ratio = median(ours, "seconds") / median(base, "seconds")
        rows.append(
            Row(
                f"1. list {size} into Machine models: time",
                spread(ours, "seconds", seconds),
                spread(base, "seconds", seconds),
                ratio,
                "<= 0.50",
                ratio <= 0.5,
                "baseline: requests.Session().get(url, auth=OAuth1(...)).json()",
            )
        )
        ratio = median(ours, "peak_rss_mb") / median(base, "peak_rss_mb")
        rows.append(
            Row(
                "1. same listing: peak memory (process RSS)",
                f"{spread(ours, 'peak_rss_mb', megabytes)}; {held(ours)}",
                f"{spread(base, 'peak_rss_mb', megabytes)}; {held(base)}",
                ratio,
                "<= 0.80",
                ratio <= 0.8,
                "held = resident memory the result keeps once the call returned",
            )
        )
        libmaas_row(args, server, rows, raw)
        fleet = alternate(["fleet-fields", "fleet-iter"], server, max(1, args.repeat // 2))
        raw["fleet"] = fleet
        for case, label in (
            ("fleet-fields", "list_fields() of 5 fields"),
            ("fleet-iter", "iter() over full models, none kept"),
        ):
            ratio = median(fleet[case], "peak_rss_mb") / median(base, "peak_rss_mb")
            rows.append(
                Row(
                    f"5. large fleet: {label}: peak memory",
                    f"{spread(fleet[case], 'peak_rss_mb', megabytes)}; {held(fleet[case])}"
                    f"; {seconds(median(fleet[case], 'seconds'))}",
                    f"{spread(base, 'peak_rss_mb', megabytes)}; {held(base)}",
                    ratio,
                    "documented",
                    None,
                    "the answer's bytes are held whole: API 2.0 returns them in one body",
                )
            )


def libmaas_row(
    args: argparse.Namespace, server: Server, rows: list[Row], raw: dict[str, Any]
) -> None:
    """Row 1c: python-libmaas in its own environment (or why it could not run)."""
    name = "1. same listing + 5 fields per machine vs python-libmaas 0.6.8: speed-up"
    if args.skip_libmaas:
        rows.append(Row(name, "-", "skipped (--skip-libmaas)", None, ">= 10x", None))
        return
    python, problem = libmaas.environment(ROOT / "benchmarks" / ".venv-libmaas")
    if python is None:
        rows.append(
            Row(name, "-", f"python-libmaas not installed: {problem}", None, ">= 10x", None)
        )
        return
    ours = [run_case("listing-sdk-fields", server) for _ in range(args.repeat)]
    theirs = [libmaas.run(python, server.url, server.api_key) for _ in range(args.libmaas_repeat)]
    raw["libmaas"] = {"ours": ours, "libmaas": theirs}
    speedup = median(theirs, "seconds") / median(ours, "seconds")
    rows.append(
        Row(
            name,
            spread(ours, "seconds", seconds),
            spread(theirs, "seconds", seconds),
            speedup,
            ">= 10x",
            speedup >= 10,
            "ratio column: libmaas time / ours",
        )
    )


def calls_row(args: argparse.Namespace, rows: list[Row], raw: dict[str, Any]) -> None:
    """Row 2: per-call overhead over keep-alive."""
    with serving(0) as server:
        results = alternate(["calls-baseline", "calls-sdk"], server, args.repeat, args.calls)
    raw["calls"] = results
    ours, base = results["calls-sdk"], results["calls-baseline"]
    ratio = median(ours, "seconds") / median(base, "seconds")
    per_call = args.calls / 1000
    rows.append(
        Row(
            f"2. {args.calls:,} small GETs over keep-alive (client.whoami())",
            spread(ours, "seconds", seconds)
            + f" = {median(ours, 'seconds') / per_call:.2f} ms/call",
            spread(base, "seconds", seconds)
            + f" = {median(base, 'seconds') / per_call:.2f} ms/call",
            ratio,
            "<= 1.15",
            ratio <= 1.15,
            "baseline: requests.Session().get(..., auth=OAuth1(...)).json()",
        )
    )


def bulk_row(args: argparse.Namespace, rows: list[Row], raw: dict[str, Any]) -> None:
    """Row 3: bulk deploy against server latency, each run on a freshly seeded region."""
    sequential: list[dict[str, Any]] = []
    concurrent: list[dict[str, Any]] = []
    for round_number in range(args.repeat):
        if round_number < args.sequential_repeat:
            with serving(args.bulk, latency_ms=args.latency_ms) as server:
                sequential.append(run_case("bulk-sequential", server))
        with serving(args.bulk, latency_ms=args.latency_ms) as server:
            concurrent.append(run_case("bulk-concurrent", server, args.concurrency))
    raw["bulk"] = {"sequential": sequential, "concurrent": concurrent}
    speedup = median(sequential, "seconds") / median(concurrent, "seconds")
    outcome = concurrent[0]
    rows.append(
        Row(
            f"3. bulk deploy of {args.bulk} machines, {args.latency_ms:g} ms server latency",
            spread(concurrent, "seconds", seconds) + f" (concurrency {args.concurrency})",
            spread(sequential, "seconds", seconds) + " (one at a time)",
            speedup,
            ">= 8x",
            speedup >= 8,
            f"ratio column: sequential / bulk; {outcome['succeeded']} succeeded, "
            f"{outcome['failed']} refused by MAAS (wrong state or owner), alike on both sides",
        )
    )


def import_row(args: argparse.Namespace, rows: list[Row], raw: dict[str, Any]) -> None:
    """Row 4: import time against the four dependencies."""
    measured = imports.measure(PYTHON, args.import_runs)
    raw["imports"] = measured
    deps = statistics.median(measured["dependencies"])
    for key, label in (
        ("maas_sdk", "import maas_sdk"),
        ("client", "from maas_sdk import MAASClient"),
    ):
        ours = statistics.median(measured[key])
        ratio = ours / deps
        rows.append(
            Row(
                f"4. {label} (median of {args.import_runs}, -X importtime)",
                f"{ours * 1000:.0f} ms",
                f"{deps * 1000:.0f} ms (requests, requests_oauthlib, pydantic, tenacity)",
                ratio,
                "<= 1.30",
                ratio <= 1.3 if key == "maas_sdk" else None,
            )
        )


def machine_description() -> list[str]:
    """CPU, cores, memory and Python of this machine."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        memory = "unknown RAM"
    load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    return [
        f"{cpu}, {os.cpu_count()} cores, {memory}{load}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
    ]


def print_table(rows: list[Row], header: list[str]) -> None:
    """Print the rows as a Markdown table."""
    print()
    for line in header:
        print(f"# {line}")
    print()
    print("| benchmark | maas-sdk | baseline | ratio | target | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    rows = sorted(rows, key=lambda row: row.name.split(".")[0])
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}"
        met = {True: "yes", False: "NO", None: "-"}[row.met]
        print(f"| {row.name} | {row.ours} | {row.baseline} | {ratio} | {row.target} | {met} |")
    notes = [f"{row.name.split('.')[0]}: {row.note}" for row in rows if row.note]
    for note in dict.fromkeys(notes):
        print(f"  - {note}")


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--machines", type=int, default=10_000, help="listing size (10000)")
    parser.add_argument("--calls", type=int, default=2_000, help="small GETs (2000)")
    parser.add_argument("--bulk", type=int, default=500, help="machines acted on in bulk (500)")
    parser.add_argument("--latency-ms", type=float, default=50.0, help="bulk server latency")
    parser.add_argument("--concurrency", type=int, default=16, help="bulk concurrency (16)")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per case (5)")
    parser.add_argument("--sequential-repeat", type=int, default=1, help="sequential bulk runs")
    parser.add_argument("--libmaas-repeat", type=int, default=2, help="python-libmaas runs")
    parser.add_argument("--import-runs", type=int, default=9, help="interpreters per import")
    parser.add_argument("--skip-libmaas", action="store_true", help="do not run python-libmaas")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    args = parse_arguments(argv)
    header = machine_description()
    for line in header:
        print(line, flush=True)
    rows: list[Row] = []
    raw: dict[str, Any] = {"arguments": vars(args) | {"json": str(args.json)}}
    steps: list[Callable[[argparse.Namespace, list[Row], dict[str, Any]], None]] = [
        listing_rows,
        calls_row,
        bulk_row,
        import_row,
    ]
    for step in steps:
        print(f"running {step.__name__.replace('_', ' ')} ...", flush=True)
        step(args, rows, raw)
    print_table(rows, header)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
