"""User-reserved IP addresses: ``ipaddresses/`` with ``reserve``/``release`` (§9.7)."""

from __future__ import annotations

import ipaddress
from datetime import datetime
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import require_param, string_bool
from ._hooks import AddressUse
from ._ipmath import unused_ranges, usable_bounds
from ._models import ReservedIP, Subnet
from ._render import API_PREFIX, render_subnet, render_user
from ._responses import (
    TEXT_NO_CHARSET,
    BadRequest,
    FakeAPIError,
    Forbidden,
    NotFound,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._validate import ip_int

ALLOC_TYPE_NAMES = {
    0: "Automatic",
    1: "Static",
    4: "User reserved",
    5: "DHCP",
    6: "Observed",
}


def iso_naive(moment: datetime) -> str:
    """Render a model datetime as a 3.4 region does: naive ISO with milliseconds."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def _render_reserved(ctx: RequestContext, reserved: ReservedIP) -> dict[str, Any]:
    owner = ctx.store.users.get(reserved.username)
    return {
        "created": iso_naive(reserved.created),
        "ip": reserved.ip,
        "alloc_type": 4,
        "subnet": render_subnet(ctx.store, ctx.store.subnets[reserved.subnet_id]),
        "alloc_type_name": ALLOC_TYPE_NAMES[4],
        "owner": render_user(owner) if owner is not None else None,
        "interface_set": [],
        "resource_uri": f"{API_PREFIX}ipaddresses/",
    }


def _render_use(ctx: RequestContext, subnet: Subnet, use: AddressUse) -> dict[str, Any]:
    owner = ctx.store.users.get(use.username) if use.username else None
    return {
        "created": iso_naive(use.created),
        "ip": use.ip,
        "alloc_type": use.alloc_type,
        "subnet": render_subnet(ctx.store, subnet),
        "alloc_type_name": ALLOC_TYPE_NAMES.get(use.alloc_type, "Unknown"),
        "owner": render_user(owner) if owner is not None else None,
        "interface_set": list(use.interface_set),
        "resource_uri": f"{API_PREFIX}ipaddresses/",
    }


@routes.route("GET", "ipaddresses/")
def list_ipaddresses(ctx: RequestContext) -> WireResponse:
    """List the caller's reserved addresses (admins: ``all=1`` or ``owner=<user>``).

    MAAS API: GET /MAAS/api/2.0/ipaddresses/
    """
    user = ctx.require_user()
    show_all = string_bool(ctx.query, "all", False)
    owner = ctx.query.get("owner")
    if show_all and not user.is_superuser:
        raise FakeAPIError(
            403,
            "Listing all IP addresses requires admin privileges.",
            content_type=TEXT_NO_CHARSET,
            hashed=True,
        )
    wanted_ip = ctx.query.get("ip")
    owner_name = owner if owner and user.is_superuser else user.username
    items = [
        (ipaddress.ip_address(r.ip), _render_reserved(ctx, r))
        for r in ctx.store.reserved_ips.values()
        if show_all or r.username == owner_name
    ]
    if show_all:
        for subnet in ctx.store.subnets.values():
            for use in ctx.store.hooks.addresses_in_subnet(subnet):
                items.append((ipaddress.ip_address(use.ip), _render_use(ctx, subnet, use)))
    if wanted_ip:
        items = [item for item in items if item[1]["ip"] == wanted_ip]
    items.sort(key=lambda item: (item[0].version, int(item[0])))
    return json_response([body for _, body in items])


def _address_in_use(ctx: RequestContext, subnet: Subnet, ip: str) -> bool:
    if any(r.ip == ip for r in ctx.store.reserved_ips.values()):
        return True
    if any(use.ip == ip for use in ctx.store.hooks.addresses_in_subnet(subnet)):
        return True
    return subnet.gateway_ip == ip


def _in_dynamic_range(ctx: RequestContext, subnet: Subnet, ip: str) -> bool:
    address = ip_int(ip)
    return any(
        r.type == "dynamic"
        and r.subnet_id == subnet.id
        and ip_int(r.start_ip) <= address <= ip_int(r.end_ip)
        for r in ctx.store.ipranges.values()
    )


@routes.route("POST", "ipaddresses/", op="reserve")
def reserve(ctx: RequestContext) -> WireResponse:
    """Reserve an address (a given ``ip``, or the first free one of ``subnet``).

    MAAS API: POST /MAAS/api/2.0/ipaddresses/?op=reserve
    """
    user = ctx.require_user()
    data, store = ctx.data, ctx.store
    ip = data.get("ip") or data.get("ip_address")
    subnet_spec = data.get("subnet")
    if not ip and not subnet_spec:
        raise BadRequest("Must supply either the 'subnet' or the 'ip' parameter.")
    subnet = store.find_subnet(subnet_spec) if subnet_spec else store.subnet_for_ip(ip or "")
    if subnet is None:
        raise NotFound("Subnet")
    mac = data.get("mac") or None
    if ip:
        if _address_in_use(ctx, subnet, ip):
            raise FakeAPIError(404, f"The IP address {ip} is already in use.")
        if mac is None and _in_dynamic_range(ctx, subnet, ip):
            raise Forbidden(
                f"IP address {ip} belongs to an existing dynamic range. To reserve this IP"
                " address, a MAC address is required. (Create a device instead.)"
            )
    else:
        free = unused_ranges(store, subnet)
        candidate = free[0].first if free else None
        if candidate is None:
            raise FakeAPIError(
                503, f"Unable to allocate static IP due to address exhaustion in {subnet.cidr}."
            )
        version = usable_bounds(subnet)[2]
        address = ipaddress.IPv4Address if version == 4 else ipaddress.IPv6Address
        ip = str(address(candidate))
    reserved = ReservedIP(
        store.next_id("reserved_ip"),
        ip,
        subnet.id,
        user.username,
        store.clock.now(),
        mac=mac,
        hostname=data.get("hostname") or None,
    )
    store.reserved_ips[reserved.id] = reserved
    return json_response(_render_reserved(ctx, reserved))


@routes.route("POST", "ipaddresses/", op="release")
def release(ctx: RequestContext) -> WireResponse:
    """Release a user-reserved address (``force`` lets an admin release anyone's).

    MAAS API: POST /MAAS/api/2.0/ipaddresses/?op=release
    """
    user = ctx.require_user()
    ip = require_param(ctx.data, "ip")
    force = string_bool(ctx.data, "force", False)
    if force and not user.is_superuser:
        raise Forbidden("Force-releasing an IP address requires admin privileges.")
    for key, reserved in ctx.store.reserved_ips.items():
        if reserved.ip == ip and (force or reserved.username == user.username):
            del ctx.store.reserved_ips[key]
            return no_content()
    raise BadRequest(
        f"IP address {ip} does not exist, is not the correct type of address, or does not"
        " belong to the requesting user.\nIf you are sure you want to release this address,"
        " use force=true as a MAAS administrator."
    )
