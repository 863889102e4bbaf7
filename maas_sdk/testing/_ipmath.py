"""Address accounting of a subnet: used and free ranges, statistics (REFERENCE.md §9.1)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from ._models import Subnet
from ._store import Store

__all__ = ["AddressRange", "subnet_statistics", "unused_ranges", "used_ranges"]


@dataclass
class AddressRange:
    """An inclusive range of addresses (as integers) and why they are in use."""

    first: int
    last: int
    purposes: set[str] = field(default_factory=set)

    def render(self, version: int, *, with_purpose: bool = True) -> dict[str, Any]:
        """Render as MAAS does: ``start``, ``end``, ``num_addresses`` (, sorted ``purpose``)."""
        body: dict[str, Any] = {
            "start": str(ipaddress.ip_address(self.first) if version == 4 else _v6(self.first)),
            "end": str(ipaddress.ip_address(self.last) if version == 4 else _v6(self.last)),
            "num_addresses": self.last - self.first + 1,
        }
        if with_purpose:
            body["purpose"] = sorted(self.purposes)
        return body


def _v6(value: int) -> ipaddress.IPv6Address:
    return ipaddress.IPv6Address(value)


def usable_bounds(subnet: Subnet) -> tuple[int, int, int]:
    """Return ``(first, last, ip_version)`` of the addresses hosts may use in ``subnet``."""
    network = ipaddress.ip_network(subnet.cidr)
    first, last = int(network.network_address), int(network.broadcast_address)
    if network.version == 4 and network.prefixlen < 31:
        return first + 1, last - 1, 4
    if network.version == 6 and network.prefixlen < 127:
        return first + 1, last, 6
    return first, last, network.version


def _in_use(store: Store, subnet: Subnet) -> list[AddressRange]:
    first, last, _ = usable_bounds(subnet)
    found: list[AddressRange] = []

    def add(start: str, end: str, purpose: str) -> None:
        low, high = int(ipaddress.ip_address(start)), int(ipaddress.ip_address(end))
        low, high = max(low, first), min(high, last)
        if low <= high:
            found.append(AddressRange(low, high, {purpose}))

    if subnet.gateway_ip:
        add(subnet.gateway_ip, subnet.gateway_ip, "gateway-ip")
    network = ipaddress.ip_network(subnet.cidr)
    for server in subnet.dns_servers:
        try:
            if ipaddress.ip_address(server) in network:
                add(server, server, "dns-server")
        except ValueError:
            continue
    for iprange in store.ipranges.values():
        if iprange.subnet_id == subnet.id:
            add(iprange.start_ip, iprange.end_ip, iprange.type)
    for reserved in store.reserved_ips.values():
        if reserved.subnet_id == subnet.id:
            add(reserved.ip, reserved.ip, "assigned-ip")
    for use in store.hooks.addresses_in_subnet(subnet):
        add(use.ip, use.ip, "assigned-ip")
    return found


def used_ranges(store: Store, subnet: Subnet) -> list[AddressRange]:
    """Return the addresses in use, overlapping ranges combined, ordered by address."""
    merged: list[AddressRange] = []
    for item in sorted(_in_use(store, subnet), key=lambda r: (r.first, r.last)):
        if merged and item.first <= merged[-1].last:
            merged[-1].last = max(merged[-1].last, item.last)
            merged[-1].purposes |= item.purposes
        else:
            merged.append(AddressRange(item.first, item.last, set(item.purposes)))
    return merged


def unused_ranges(store: Store, subnet: Subnet) -> list[AddressRange]:
    """Return the free ranges between the used ones."""
    first, last, _ = usable_bounds(subnet)
    free: list[AddressRange] = []
    cursor = first
    for used in used_ranges(store, subnet):
        if used.first > cursor:
            free.append(AddressRange(cursor, used.first - 1, {"unused"}))
        cursor = max(cursor, used.last + 1)
    if cursor <= last:
        free.append(AddressRange(cursor, last, {"unused"}))
    return free


def subnet_statistics(
    store: Store, subnet: Subnet, *, include_ranges: bool, include_suggestions: bool
) -> dict[str, Any]:
    """Return the ``op=statistics`` answer of a subnet."""
    first, last, version = usable_bounds(subnet)
    used = used_ranges(store, subnet)
    free = unused_ranges(store, subnet)
    total = last - first + 1
    unavailable = sum(r.last - r.first + 1 for r in used)
    available = total - unavailable
    usage = unavailable / total if total else 0.0
    body: dict[str, Any] = {
        "num_available": available,
        "largest_available": max((r.last - r.first + 1 for r in free), default=0),
        "num_unavailable": unavailable,
        "total_addresses": total,
        "usage": usage,
        "usage_string": f"{usage:.0%}",
        "available_string": f"{(available / total if total else 0.0):.0%}",
        "first_address": AddressRange(first, first).render(version)["start"],
        "last_address": AddressRange(last, last).render(version)["start"],
        "ip_version": version,
    }
    if include_ranges:
        ranges = sorted(used + free, key=lambda r: r.first)
        body["ranges"] = [r.render(version) for r in ranges]
    if include_suggestions:
        body["suggested_gateway"] = (
            AddressRange(first, first).render(version)["start"] if not subnet.gateway_ip else None
        )
        largest = max(free, key=lambda r: r.last - r.first, default=None)
        if largest is None:
            body["suggested_dynamic_range"] = None
        else:
            start = largest.first + (largest.last - largest.first + 1) // 2
            body["suggested_dynamic_range"] = AddressRange(start, largest.last).render(
                version, with_purpose=False
            )
    return body
