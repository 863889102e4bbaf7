"""DHCP reserved IPs (MAAS 3.6+): ``reservedips/`` and ``reservedips/{id}/`` (REFERENCE.md §9.8).

Not to be confused with ``store.reserved_ips``, the user-reserved addresses of
``ipaddresses/?op=reserve``: these entries live in their own table
(:func:`dhcp_reservations`). A fake playing a release older than 3.6 answers 404
``Unknown API endpoint`` on these URLs, as such a region does.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from maas_sdk._wire import WireResponse

from ._models import Subnet
from ._render import API_PREFIX, render_subnet
from ._responses import FakeAPIError, FieldErrors, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED, ip_int

__all__ = ["DHCPReservation", "dhcp_reservations", "render_reservation"]

_MAC = re.compile(r"^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$")
_INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
_IMMUTABLE = (
    "The ip, mac_address and the subnet of a reserved IP are immutable. Delete the entry and"
    " recreate it."
)


@dataclass
class DHCPReservation:
    """One ``reservedips/`` entry: MAAS DHCP always gives ``ip`` to ``mac_address``."""

    id: int
    ip: str
    subnet_id: int
    mac_address: str
    comment: str = ""


def dhcp_reservations(store: Store) -> dict[int, DHCPReservation]:
    """Return the region's DHCP reservations by id (hold ``store.lock``).

    Entries whose subnet was deleted meanwhile are dropped (MAAS deletes them in cascade).
    """
    table: dict[int, DHCPReservation] = store.state("reservedips", dict)
    for key in [key for key, entry in table.items() if entry.subnet_id not in store.subnets]:
        del table[key]
    return table


def render_reservation(store: Store, entry: DHCPReservation) -> dict[str, Any]:
    """Render a reserved IP (``subnet`` is the full subnet object)."""
    return {
        "id": entry.id,
        "ip": entry.ip,
        "subnet": render_subnet(store, store.subnets[entry.subnet_id]),
        "mac_address": entry.mac_address,
        "comment": entry.comment,
        "resource_uri": f"{API_PREFIX}reservedips/{entry.id}/",
    }


def _require_36(ctx: RequestContext) -> None:
    major, _, rest = ctx.store.maas_version.partition(".")
    minor = rest.partition(".")[0]
    if major.isdigit() and minor.isdigit() and (int(major), int(minor)) < (3, 6):
        raise FakeAPIError(404, f"Unknown API endpoint: {ctx.path}.")


def _entry(ctx: RequestContext) -> DHCPReservation:
    return get_or_404(dhcp_reservations(ctx.store), ctx.args["id"], "ReservedIP")


@routes.route("GET", "reservedips/")
def list_reserved_ips(ctx: RequestContext) -> WireResponse:
    """List every DHCP reservation.

    MAAS API: GET /MAAS/api/2.0/reservedips/
    """
    _require_36(ctx)
    entries = sorted(dhcp_reservations(ctx.store).values(), key=lambda entry: entry.id)
    return json_response([render_reservation(ctx.store, entry) for entry in entries])


@routes.route("POST", "reservedips/")
def create_reserved_ip(ctx: RequestContext) -> WireResponse:
    """Create a reservation (admin): ``ip`` and ``mac_address`` required, ``subnet`` inferred.

    MAAS API: POST /MAAS/api/2.0/reservedips/
    """
    _require_36(ctx)
    ctx.require_admin()
    data, store = ctx.data, ctx.store
    errors: dict[str, list[str]] = {}
    ip = _valid_ip(data.get("ip") or "", errors)
    mac = (data.get("mac_address") or "").strip()
    if not mac:
        errors["mac_address"] = [REQUIRED]
    elif not _MAC.match(mac):
        errors["mac_address"] = [f"'{mac}' is not a valid MAC address."]
    subnet = _subnet(ctx, ip, errors)
    if ip is not None and subnet is not None:
        _check_address(ctx, ip, mac, subnet, errors)
    if errors or ip is None or subnet is None:
        raise FieldErrors(errors)
    mac = mac.replace("-", ":").lower()
    table = dhcp_reservations(store)
    if any(entry.ip == ip for entry in table.values()):
        raise FieldErrors({"ip": "Reserved IP with this IP address already exists."})
    if any(e.mac_address == mac and e.subnet_id == subnet.id for e in table.values()):
        raise FieldErrors(
            {"__all__": "Reserved IP with this MAC address and Subnet already exists."}
        )
    entry = DHCPReservation(store.next_id("dhcp_reservation"), ip, subnet.id, mac)
    entry.comment = data.get("comment") or ""
    table[entry.id] = entry
    return json_response(render_reservation(store, entry))


def _valid_ip(text: str, errors: dict[str, list[str]]) -> str | None:
    if not text:
        errors["ip"] = [REQUIRED]
        return None
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        errors["ip"] = ["Enter a valid IPv4 or IPv6 address."]
        return None


def _subnet(ctx: RequestContext, ip: str | None, errors: dict[str, list[str]]) -> Subnet | None:
    spec = ctx.data.get("subnet")
    if spec:
        subnet = ctx.store.find_subnet(spec)
        if subnet is None:
            errors["subnet"] = [_INVALID_CHOICE]
        return subnet
    if ip is None:
        return None
    subnet = ctx.store.subnet_for_ip(ip)
    if subnet is None:
        errors["subnet"] = [f"There is no subnet for {ip}. Create the subnet and try again."]
    return subnet


def _check_address(
    ctx: RequestContext, ip: str, mac: str, subnet: Subnet, errors: dict[str, list[str]]
) -> None:
    store = ctx.store
    network = ipaddress.ip_network(subnet.cidr)
    address = ipaddress.ip_address(ip)
    messages = errors.setdefault("ip", [])
    if address not in network:
        messages.append(f"{ip} is not part of the subnet.")
    elif address == network.network_address:
        messages.append("The network address cannot be a reserved IP.")
    elif address == network.broadcast_address:
        messages.append("The broadcast address cannot be a reserved IP.")
    holders = [u for u in store.hooks.addresses_in_subnet(subnet) if u.ip == ip]
    holder_macs = {
        str(iface.get("mac_address", "")).lower()
        for use in holders
        for iface in use.interface_set
        if isinstance(iface, dict)
    }
    taken = any(r.ip == ip for r in store.reserved_ips.values())
    if (holders or taken) and mac.lower() not in holder_macs:
        messages.append(f"The ip {ip} is already in use by another machine.")
    for iprange in store.ipranges.values():
        inside = ip_int(iprange.start_ip) <= ip_int(ip) <= ip_int(iprange.end_ip)
        if iprange.type == "dynamic" and iprange.subnet_id == subnet.id and inside:
            messages.append(
                f"The reserved IP {ip} must be outside the dynamic range"
                f" {iprange.start_ip} - {iprange.end_ip}."
            )
    if not messages:
        del errors["ip"]


@routes.route("GET", "reservedips/{id}/")
def read_reserved_ip(ctx: RequestContext) -> WireResponse:
    """Read a reservation.

    MAAS API: GET /MAAS/api/2.0/reservedips/{id}/
    """
    _require_36(ctx)
    return json_response(render_reservation(ctx.store, _entry(ctx)))


@routes.route("PUT", "reservedips/{id}/")
def update_reserved_ip(ctx: RequestContext) -> WireResponse:
    """Change a reservation's comment (admin); its ip, MAC and subnet are immutable.

    MAAS API: PUT /MAAS/api/2.0/reservedips/{id}/
    """
    _require_36(ctx)
    ctx.require_admin()
    entry = _entry(ctx)
    data = ctx.data
    given = {
        "ip": data.get("ip", entry.ip),
        "mac_address": data.get("mac_address", entry.mac_address),
        "subnet": data.get("subnet", str(entry.subnet_id)),
    }
    current = {"ip": entry.ip, "mac_address": entry.mac_address, "subnet": str(entry.subnet_id)}
    if given != current:
        raise FieldErrors({"__all__": _IMMUTABLE})
    if "comment" in data:
        entry.comment = data.get("comment") or ""
    return json_response(render_reservation(ctx.store, entry))


@routes.route("DELETE", "reservedips/{id}/")
def delete_reserved_ip(ctx: RequestContext) -> WireResponse:
    """Delete a reservation (admin).

    MAAS API: DELETE /MAAS/api/2.0/reservedips/{id}/
    """
    _require_36(ctx)
    ctx.require_admin()
    del dhcp_reservations(ctx.store)[_entry(ctx).id]
    return no_content()
