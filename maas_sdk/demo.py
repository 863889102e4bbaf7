"""The README's first command: a short, readable tour of the SDK.

Without ``MAAS_URL`` it starts the embedded fake MAAS on a loopback port, seeds a small fleet and
walks the classic workflow over real HTTP: enlist, commission, allocate, deploy (with live
progress), release. With ``MAAS_URL`` and ``MAAS_API_KEY`` set it takes a read-only tour of that
MAAS instead: nothing is changed there.

Run it with ``make demo`` or ``python -m maas_sdk.demo``.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import MAASError
from maas_sdk.resources.machines import Machine

__all__ = ["main"]

_FLEET_SIZE = 12
_POLL = 0.1
_DEADLINE = 600.0
_CLOCK_SPEED = 40.0
"""Virtual seconds per real second in the fake: a 6 s deployment shows for a fraction of one."""


def _table(rows: Sequence[Sequence[object]], out: TextIO) -> None:
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    for index, row in enumerate(cells):
        print(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)),
            file=out,
        )
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths), file=out)


class _Progress:
    """Shows a machine's status as it changes: in place on a terminal, one line per change else."""

    def __init__(self, label: str, out: TextIO) -> None:
        self._label = label
        self._out = out
        self._started = time.monotonic()
        self._last = ""
        self._live = out.isatty()

    def __call__(self, machine: Machine) -> None:
        status = machine.status_name
        elapsed = time.monotonic() - self._started
        if self._live:
            print(f"\r  {self._label}: {status:<22} {elapsed:5.1f}s", end="", file=self._out)
        elif status != self._last:
            print(f"  {self._label}: {status}", file=self._out)
        self._last = status

    def done(self, machine: Machine) -> None:
        if self._live:
            self(machine)
            print(file=self._out)
        elif machine.status_name != self._last:
            print(f"  {self._label}: {machine.status_name}", file=self._out)


def _inventory(client: MAASClient, out: TextIO) -> None:
    machines = client.machines.list()
    by_zone_status = Counter((m.zone.name, m.status_name) for m in machines)
    rows: list[list[object]] = [["zone", "status", "machines"]]
    rows += [[zone, status, count] for (zone, status), count in sorted(by_zone_status.items())]
    print(f"\nInventory: {len(machines)} machines", file=out)
    _table(rows, out)


def _read_only_tour(client: MAASClient, out: TextIO) -> None:
    zones = client.zones.list()
    subnets = client.subnets.list()
    print(f"\nZones ({len(zones)}): {', '.join(zone.name for zone in zones)}", file=out)
    print(f"Subnets ({len(subnets)}):", file=out)
    rows: list[list[object]] = [["cidr", "name", "vlan"]]
    rows += [[s.cidr, s.name, s.vlan.vid if s.vlan else "-"] for s in subnets[:10]]
    _table(rows, out)
    _inventory(client, out)


def _workflow(client: MAASClient, out: TextIO) -> None:
    _inventory(client, out)

    print("\n1. Enlist a machine (MAAS commissions and tests it)", file=out)
    progress = _Progress("demo-01", out)
    machine = client.machines.create(
        hostname="demo-01",
        architecture="amd64/generic",
        mac_addresses=["52:54:00:de:00:01"],
        power_type="manual",
    )
    machine.wait_for(NodeStatus.READY, on_progress=progress, poll_interval=_POLL, timeout=_DEADLINE)
    progress.done(machine)

    print("\n2. Allocate it by constraints", file=out)
    allocated = client.machines.allocate(name="demo-01")
    print(f"  allocated {allocated.hostname} to {allocated.owner}", file=out)

    print("\n3. Deploy Ubuntu 22.04 with cloud-init user data", file=out)
    progress = _Progress("demo-01", out)
    allocated.deploy(
        distro_series="jammy",
        user_data="#cloud-config\npackages: [htop]\n",
        wait=True,
        on_progress=progress,
        poll_interval=_POLL,
        timeout=_DEADLINE,
    )
    progress.done(allocated)

    print("\n4. Release it, erasing its disks", file=out)
    progress = _Progress("demo-01", out)
    allocated.release(
        erase=True, wait=True, on_progress=progress, poll_interval=_POLL, timeout=_DEADLINE
    )
    progress.done(allocated)
    _inventory(client, out)


@contextmanager
def _session(out: TextIO) -> Iterator[tuple[MAASClient, bool]]:
    if os.environ.get("MAAS_URL") or os.environ.get("MAAS_API_URL"):
        with MAASClient.from_env(user_agent="maas-sdk-demo") as client:
            print(f"Connected to {client.url} (read-only tour)", file=out)
            yield client, False
        return
    from maas_sdk.testing import FakeMAAS
    from maas_sdk.testing._clock import FakeClock

    fake = FakeMAAS(seed=7, clock=FakeClock(realtime_rate=_CLOCK_SPEED))
    fake.seed_machines(_FLEET_SIZE, seed=7)
    with (
        fake.serve() as server,
        MAASClient(server.url, server.api_key, user_agent="maas-sdk-demo") as client,
    ):
        print(f"Started the embedded fake MAAS at {server.url}", file=out)
        print("(set MAAS_URL and MAAS_API_KEY to tour a real MAAS, read-only)", file=out)
        yield client, True


def main(out: TextIO = sys.stdout) -> int:
    """Run the demo.

    MAAS API: ``GET version/``, ``GET users/?op=whoami``, ``GET zones/``, ``GET subnets/``,
    ``GET machines/``; against the fake also ``POST machines/`` and the machine ops
    ``allocate``, ``deploy`` and ``release``.

    Args:
        out: Where to print.

    Returns:
        The process exit code (0 on success).
    """
    try:
        with _session(out) as (client, is_fake):
            version = client.version()
            user = client.whoami()
            role = "admin" if user.is_superuser else "user"
            print(f"MAAS {version.version}, signed in as {user.username} ({role})", file=out)
            if is_fake:
                _workflow(client, out)
            else:
                _read_only_tour(client, out)
    except MAASError as error:
        print(f"\ndemo failed: {error}", file=sys.stderr)
        return 1
    print("\nDone.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
