"""A fleet report: machines, cores and memory by zone and status.

Run it against your MAAS (any user's key; it only reads)::

    export MAAS_URL=http://maas.example:5240/MAAS
    export MAAS_API_KEY=consumer:token:secret
    python examples/inventory_report.py
    python examples/inventory_report.py --zone zone-a --zone zone-b --status ready --tag gpu

The filters run on the server: API 2.0 does not paginate ``machines/``, so on a large region
asking MAAS for only the machines you need is what keeps the report fast. The whole report is
one request.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from maas_sdk import MAASClient, MAASError
from maas_sdk.enums import NodeStatus
from maas_sdk.resources import Machine


@dataclass
class Totals:
    """What a group of machines adds up to."""

    machines: int = 0
    cores: int = 0
    memory_mib: int = 0

    def add(self, machine: Machine) -> None:
        """Count one machine in."""
        self.machines += 1
        self.cores += machine.cpu_count
        self.memory_mib += machine.memory

    def merge(self, other: Totals) -> None:
        """Add another group's totals."""
        self.machines += other.machines
        self.cores += other.cores
        self.memory_mib += other.memory_mib


Report = dict[str, dict[NodeStatus, Totals]]
"""Totals by zone name, then by status."""


def build_report(machines: Sequence[Machine]) -> Report:
    """Group machines by zone and status."""
    report: defaultdict[str, defaultdict[NodeStatus, Totals]] = defaultdict(
        lambda: defaultdict(Totals)
    )
    for machine in machines:
        report[machine.zone.name][machine.status].add(machine)
    return {zone: dict(by_status) for zone, by_status in report.items()}


def print_report(report: Report) -> None:
    """Print the report as a table, with a subtotal per zone and a grand total."""
    header = f"{'zone':<12} {'status':<22} {'machines':>8} {'cores':>7} {'memory GiB':>11}"
    print(header)
    print("-" * len(header))

    def row(zone: str, status: str, totals: Totals) -> None:
        memory_gib = totals.memory_mib / 1024
        print(
            f"{zone:<12} {status:<22} {totals.machines:>8} {totals.cores:>7} {memory_gib:>11,.0f}"
        )

    grand_total = Totals()
    for zone in sorted(report):
        zone_total = Totals()
        # NodeStatus values are MAAS's numbers, not lifecycle order: sort by label instead.
        for status, totals in sorted(report[zone].items(), key=lambda item: item[0].label):
            row(zone, status.label, totals)
            zone_total.merge(totals)
        row(zone, "(all)", zone_total)
        grand_total.merge(zone_total)
    print("-" * len(header))
    row("total", "", grand_total)


def main(
    client: MAASClient,
    *,
    zones: Sequence[str] | None = None,
    statuses: Sequence[NodeStatus | str] | None = None,
    pools: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
) -> Report:
    """Print the machines matching the filters, by zone and status, and return the totals.

    MAAS API: ``GET machines/`` with ``zone``, ``status``, ``pool`` and ``tags`` filters.

    Args:
        client: The client to use.
        zones: Only these zones (any of them).
        statuses: Only these statuses, as :class:`NodeStatus` members or keywords
            (``"ready"``, ``"failed_deployment"``).
        pools: Only these resource pools (any of them).
        tags: Only machines carrying every one of these tags.

    Returns:
        The totals by zone, then by status.

    Raises:
        BadRequestError: A filter names an unknown zone, pool, tag or status.
    """
    machines = client.machines.list(zone=zones, status=statuses, pool=pools, tags=tags)
    report = build_report(machines)
    print(f"{len(machines)} machines")
    if machines:
        print_report(report)
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Machines, cores and memory by zone and status.")
    parser.add_argument("--zone", action="append", help="only this zone (repeatable)")
    parser.add_argument("--status", action="append", help="only this status, e.g. ready")
    parser.add_argument("--pool", action="append", help="only this resource pool (repeatable)")
    parser.add_argument("--tag", action="append", help="only machines with this tag (all given)")
    arguments = parser.parse_args()
    try:
        with MAASClient.from_env(user_agent="maas-sdk-examples/inventory_report") as maas:
            main(
                maas,
                zones=arguments.zone,
                statuses=arguments.status,
                pools=arguments.pool,
                tags=arguments.tag,
            )
    except MAASError as failure:
        sys.exit(f"error: {failure}")
