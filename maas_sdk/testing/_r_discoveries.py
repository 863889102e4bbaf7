"""Network discovery: ``discovery/`` and ``discovery/{discovery_id}/`` (REFERENCE.md §19).

A real region learns discoveries from its rack controllers; the fake learns them from tests::

    from maas_sdk.testing._r_discoveries import add_discovery, set_scan_racks

    add_discovery(fake, "10.0.0.77", "52:54:00:12:34:56", hostname="printer")
    set_scan_racks(fake, [("4y3h7n", "rack-1")])   # racks that answer op=scan

A discovery is "known" (left out of the ``by_unknown_*`` lists) when a node interface or an
``ipaddresses/`` reservation carries its MAC, or some allocated address equals its IP.
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import require_param, string_bool
from ._r_ipaddresses import iso_naive
from ._r_reservedips import dhcp_reservations
from ._render import API_PREFIX
from ._responses import (
    TEXT_NO_CHARSET,
    BadRequest,
    FakeAPIError,
    NotFound,
    json_response,
    no_content,
    text_response,
)
from ._router import RequestContext, routes
from ._store import HasStore, Store, store_of

__all__ = ["ObservedDevice", "add_discovery", "discoveries_of", "set_scan_racks"]

_NOT_ADMIN = "Must be an administrator to clear discovery entries."
_NOTHING_TO_CLEAR = (
    "Bad request: could not determine what data to clear.\n"
    "Must specify mdns=True, neighbours=True, or all=True."
)
_SCAN_ALL_REFUSED = (
    "Bad request: scanning all subnets is not allowed unless force=True is specified.\n\n"
    "**WARNING: This will scan ALL networks attached to MAAS rack controllers.\n"
    "Check with your internet service provider or IT department to be sure this is\n"
    "allowed before proceeding.**\n"
)
_NO_RACK = (
    "Unable to initiate network scanning on any rack controller. Verify that the rack "
    "controllers are started and have connected to the region."
)
_BAD_CIDR = "Invalid cidr: Please enter a valid IP address (a.b.c.d) or IP network (a.b.c.d/e)"
_SCANNING = "Scanning is in-progress on all rack controllers."


@dataclass
class ObservedDevice:
    """One discovery: an IP/MAC pair a rack controller saw, with its mDNS name.

    Attributes:
        hostname: The name learnt over mDNS (cleared by ``op=clear`` with ``mdns``).
        observer: ``(system_id, hostname, interface_id, interface_name)`` of the rack
            controller interface that saw it.
    """

    ip: str
    mac_address: str
    last_seen: datetime
    fabric_name: str
    vid: int
    observer: tuple[str, str, int, str]
    hostname: str | None = None
    mac_organization: str | None = None

    @property
    def discovery_id(self) -> str:
        """Base64 of ``<ip>,<mac>``, as MAAS computes it."""
        return base64.b64encode(f"{self.ip},{self.mac_address}".encode()).decode("ascii")


def discoveries_of(store: Store) -> dict[str, ObservedDevice]:
    """Return the region's discoveries by discovery_id (hold ``store.lock``)."""
    table: dict[str, ObservedDevice] = store.state("discoveries", dict)
    return table


def _scan_racks(store: Store) -> list[tuple[str, str]]:
    racks: list[tuple[str, str]] = store.state("discovery_scan_racks", list)
    return racks


def add_discovery(
    fake: HasStore | Store,
    ip: str,
    mac_address: str,
    *,
    hostname: str | None = None,
    vid: int | None = None,
    fabric_name: str | None = None,
    last_seen: datetime | None = None,
    observer: tuple[str, str, int, str] = ("4y3h7n", "rack-1", 1, "eth0"),
    mac_organization: str | None = None,
) -> str:
    """Record that a rack controller saw ``ip`` at ``mac_address`` (again: updates it).

    Args:
        fake: The fake (or its store).
        ip: The observed address.
        mac_address: The observed MAC.
        hostname: A name learnt over mDNS.
        vid: VID of the VLAN it was seen on (default: that of the subnet holding ``ip``, or 0).
        fabric_name: Fabric it was seen on (default: that subnet's fabric, or ``fabric-0``).
        last_seen: When (default: the fake clock's now).
        observer: ``(system_id, hostname, interface_id, interface_name)`` of the observer.
        mac_organization: The MAC's vendor.

    Returns:
        The discovery_id.
    """
    store = store_of(fake)
    with store.lock:
        subnet = store.subnet_for_ip(ip)
        vlan = store.vlans.get(subnet.vlan_id) if subnet is not None else None
        if vlan is None:
            vlan = store.fabric_vlans(store.default_fabric_id)[0]
        device = ObservedDevice(
            ip=str(ipaddress.ip_address(ip)),
            mac_address=mac_address.lower(),
            last_seen=last_seen or store.clock.now(),
            fabric_name=fabric_name or store.fabrics[vlan.fabric_id].display_name,
            vid=vid if vid is not None else vlan.vid,
            observer=observer,
            hostname=hostname,
            mac_organization=mac_organization,
        )
        discoveries_of(store)[device.discovery_id] = device
        return device.discovery_id


def set_scan_racks(fake: HasStore | Store, racks: Iterable[tuple[str, str]]) -> None:
    """Set the rack controllers (``(system_id, hostname)``) that start a scan on ``op=scan``."""
    store = store_of(fake)
    with store.lock:
        _scan_racks(store)[:] = list(racks)


def _render(device: ObservedDevice) -> dict[str, Any]:
    system_id, hostname, interface_id, interface_name = device.observer
    return {
        "discovery_id": device.discovery_id,
        "ip": device.ip,
        "mac_address": device.mac_address,
        "last_seen": iso_naive(device.last_seen),
        "hostname": device.hostname,
        "fabric_name": device.fabric_name,
        "vid": device.vid,
        "observer": {
            "system_id": system_id,
            "hostname": hostname,
            "interface_id": interface_id,
            "interface_name": interface_name,
        },
        "mac_organization": device.mac_organization,
        "resource_uri": f"{API_PREFIX}discovery/{device.discovery_id}/",
    }


def _known_addresses(store: Store) -> tuple[set[str], set[str]]:
    """Return the MACs and IPs MAAS knows (node interfaces, reservations, allocations)."""
    macs: set[str] = set()
    ips: set[str] = {r.ip for r in store.reserved_ips.values()}
    macs.update(r.mac.lower() for r in store.reserved_ips.values() if r.mac)
    macs.update(entry.mac_address for entry in dhcp_reservations(store).values())
    for subnet in store.subnets.values():
        for use in store.hooks.addresses_in_subnet(subnet):
            ips.add(use.ip)
            for iface in use.interface_set:
                if isinstance(iface, dict) and iface.get("mac_address"):
                    macs.add(str(iface["mac_address"]).lower())
    try:
        from ._machines import machines_of
    except ImportError:  # pragma: no cover - the machine part is always present
        return macs, ips
    macs.update(mac.lower() for mac in machines_of(store).by_mac)
    return macs, ips


def _listing(ctx: RequestContext, *, unknown_mac: bool, unknown_ip: bool) -> WireResponse:
    devices = sorted(discoveries_of(ctx.store).values(), key=lambda d: d.last_seen, reverse=True)
    if unknown_mac or unknown_ip:
        macs, ips = _known_addresses(ctx.store)
        if unknown_mac:
            devices = [d for d in devices if d.mac_address not in macs]
        if unknown_ip:
            devices = [d for d in devices if d.ip not in ips]
    return json_response([_render(device) for device in devices])


@routes.route("GET", "discovery/")
def list_discoveries(ctx: RequestContext) -> WireResponse:
    """List discoveries, most recently seen first.

    MAAS API: GET /MAAS/api/2.0/discovery/
    """
    return _listing(ctx, unknown_mac=False, unknown_ip=False)


@routes.route("GET", "discovery/", op="by_unknown_mac")
def by_unknown_mac(ctx: RequestContext) -> WireResponse:
    """List discoveries whose MAC MAAS does not know.

    MAAS API: GET /MAAS/api/2.0/discovery/?op=by_unknown_mac
    """
    return _listing(ctx, unknown_mac=True, unknown_ip=False)


@routes.route("GET", "discovery/", op="by_unknown_ip")
def by_unknown_ip(ctx: RequestContext) -> WireResponse:
    """List discoveries whose IP MAAS does not know.

    MAAS API: GET /MAAS/api/2.0/discovery/?op=by_unknown_ip
    """
    return _listing(ctx, unknown_mac=False, unknown_ip=True)


@routes.route("GET", "discovery/", op="by_unknown_ip_and_mac")
def by_unknown_ip_and_mac(ctx: RequestContext) -> WireResponse:
    """List discoveries whose IP and MAC are both unknown.

    MAAS API: GET /MAAS/api/2.0/discovery/?op=by_unknown_ip_and_mac
    """
    return _listing(ctx, unknown_mac=True, unknown_ip=True)


@routes.route("GET", "discovery/{discovery_id}/")
def read_discovery(ctx: RequestContext) -> WireResponse:
    """Read a discovery by id or specifier (``ip:<address>``, ``mac:<mac>``).

    MAAS API: GET /MAAS/api/2.0/discovery/{discovery_id}/
    """
    spec = ctx.args["discovery_id"]
    devices = list(discoveries_of(ctx.store).values())
    kind, sep, value = spec.partition(":")
    if sep and kind == "ip":
        matches = [d for d in devices if d.ip == value]
    elif sep and kind == "mac":
        matches = [d for d in devices if d.mac_address == value.lower()]
    else:
        matches = [d for d in devices if d.discovery_id == spec]
    if len(matches) > 1:
        raise FakeAPIError(403, "Too many Discovery objects match the given query.")
    if not matches:
        raise NotFound("Discovery")
    return json_response(_render(matches[0]))


def _forbidden() -> WireResponse:
    return text_response(_NOT_ADMIN, status=403, content_type=TEXT_NO_CHARSET)


@routes.route("POST", "discovery/", op="clear")
def clear(ctx: RequestContext) -> WireResponse:
    """Delete discovery data: ``mdns`` names, ``neighbours`` or ``all`` (admin).

    MAAS API: POST /MAAS/api/2.0/discovery/?op=clear
    """
    everything = string_bool(ctx.data, "all", False)
    mdns = string_bool(ctx.data, "mdns", False)
    neighbours = string_bool(ctx.data, "neighbours", False)
    if not ctx.is_admin:
        return _forbidden()
    if not (everything or mdns or neighbours):
        return text_response(_NOTHING_TO_CLEAR, status=400, content_type=TEXT_NO_CHARSET)
    table = discoveries_of(ctx.store)
    if everything or neighbours:
        table.clear()
    else:
        for device in table.values():
            device.hostname = None
    return no_content()


@routes.route("POST", "discovery/", op="clear_by_mac_and_ip")
def clear_by_mac_and_ip(ctx: RequestContext) -> WireResponse:
    """Delete the discoveries of one IP/MAC pair (admin); 410 ``Gone`` when none matched.

    MAAS API: POST /MAAS/api/2.0/discovery/?op=clear_by_mac_and_ip
    """
    ip = require_param(ctx.data, "ip")
    mac = require_param(ctx.data, "mac").lower()
    if not ctx.is_admin:
        return _forbidden()
    table = discoveries_of(ctx.store)
    doomed = [key for key, d in table.items() if d.ip == ip and d.mac_address == mac]
    for key in doomed:
        del table[key]
    for device in table.values():
        if device.ip == ip:
            device.hostname = None
    if not doomed:
        return text_response("Gone", status=410, content_type=TEXT_NO_CHARSET)
    return no_content()


@routes.route("POST", "discovery/", op="scan")
def scan(ctx: RequestContext) -> WireResponse:
    """Start a scan on the rack controllers (see :func:`set_scan_racks`).

    MAAS API: POST /MAAS/api/2.0/discovery/?op=scan
    """
    data = ctx.data
    for cidr in data.getlist("cidr"):
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise BadRequest(_BAD_CIDR) from None
    force = string_bool(data, "force", False)
    string_bool(data, "always_use_ping", False)
    string_bool(data, "slow", False)
    threads = data.get("threads")
    if threads is not None:
        try:
            float(threads)
        except ValueError:
            raise BadRequest("Invalid threads: Please enter a number") from None
    if not data.getlist("cidr") and not force:
        return text_response(_SCAN_ALL_REFUSED, status=400, content_type=TEXT_NO_CHARSET)
    racks = [{"system_id": sid, "hostname": host} for sid, host in _scan_racks(ctx.store)]
    return json_response(
        {
            "result": _SCANNING if racks else _NO_RACK,
            "scan_started_on": racks,
            "scan_failed_on": [],
            "scan_attempted_on": racks,
            "failed_to_connect_to": [],
            "rpc_call_timed_out_on": [],
            "failures": [],
        }
    )
