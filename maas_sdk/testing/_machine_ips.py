"""IP addresses machines hold on the fake's subnets (static links and deployment addresses).

Every address a machine's link holds is indexed in ``MachineTable.addresses`` so that "in use"
checks and "next free address" picks stay cheap with thousands of machines. Free addresses skip
the subnet's gateway, its dynamic and reserved IP ranges and user-reserved addresses, like MAAS.
"""

from __future__ import annotations

import ipaddress

from ._machine_model import Link, Machine
from ._machine_table import MachineTable
from ._models import Subnet
from ._store import Store

__all__ = ["address_in_use", "assign_address", "free_address", "release_address"]

_SCAN_LIMIT = 65536


def address_in_use(store: Store, table: MachineTable, ip: str) -> bool:
    """Whether a machine link or a user reservation already holds ``ip``."""
    if ip in table.addresses:
        return True
    return any(reserved.ip == ip for reserved in store.reserved_ips.values())


def _excluded_ranges(store: Store, subnet: Subnet) -> list[tuple[int, int]]:
    ranges = []
    for iprange in store.ipranges.values():
        if iprange.subnet_id == subnet.id:
            start = int(ipaddress.ip_address(iprange.start_ip))
            end = int(ipaddress.ip_address(iprange.end_ip))
            ranges.append((start, end))
    return ranges


def free_address(store: Store, table: MachineTable, subnet: Subnet) -> str | None:
    """Return the lowest address of ``subnet`` that nobody holds, or None if exhausted."""
    network = ipaddress.ip_network(subnet.cidr, strict=False)
    excluded = _excluded_ranges(store, subnet)
    reserved = {r.ip for r in store.reserved_ips.values() if r.subnet_id == subnet.id}
    for count, host in enumerate(network.hosts()):
        if count >= _SCAN_LIMIT:
            return None
        text = str(host)
        if text == subnet.gateway_ip or text in table.addresses or text in reserved:
            continue
        value = int(host)
        if any(start <= value <= end for start, end in excluded):
            continue
        return text
    return None


def assign_address(table: MachineTable, machine: Machine, link: Link, ip: str) -> None:
    """Give ``ip`` to the link and index it."""
    if link.ip_address:
        release_address(table, link)
    link.ip_address = ip
    table.addresses[ip] = (machine, link)
    machine.touch()


def release_address(table: MachineTable, link: Link) -> None:
    """Take the address away from a link (if it has one)."""
    if link.ip_address and table.addresses.get(link.ip_address, (None, None))[1] is link:
        del table.addresses[link.ip_address]
    link.ip_address = None
