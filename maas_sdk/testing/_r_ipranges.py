"""IP ranges: ``ipranges/`` and ``ipranges/{id}/`` (REFERENCE.md §9.5)."""

from __future__ import annotations

import ipaddress

from maas_sdk._wire import WireResponse

from ._models import IPRange
from ._render import render_iprange
from ._responses import FieldErrors, Forbidden, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._validate import REQUIRED, ip_int

_BOTH_REQUIRED = "Start IP address and end IP address are both required."
_NOT_OWNER = "Unable to modify IP range. You don't own the IP range."


def _iprange(ctx: RequestContext) -> IPRange:
    return get_or_404(ctx.store.ipranges, ctx.args["id"], "IPRange")


def _validate(ctx: RequestContext, iprange: IPRange) -> None:
    store = ctx.store
    subnet = store.subnets[iprange.subnet_id]
    network = ipaddress.ip_network(subnet.cidr)
    start_ip, end_ip = ipaddress.ip_address(iprange.start_ip), ipaddress.ip_address(iprange.end_ip)
    if start_ip not in network or end_ip not in network:
        field = "start_ip" if start_ip not in network else "end_ip"
        label = "Start" if field == "start_ip" else "End"
        raise FieldErrors({field: f"{label} IP address must be within subnet: {subnet.cidr}."})
    start, end = ip_int(iprange.start_ip), ip_int(iprange.end_ip)
    if end < start:
        raise FieldErrors({"end_ip": "End IP address must not be less than Start IP address."})
    overlaps = any(
        other.id != iprange.id
        and other.subnet_id == subnet.id
        and ip_int(other.start_ip) <= end
        and start <= ip_int(other.end_ip)
        for other in store.ipranges.values()
    )
    if iprange.type == "reserved":
        if overlaps:
            message = "Requested reserved range conflicts with an existing range."
            raise FieldErrors({"start_ip": message, "end_ip": message})
        return
    used = [r.ip for r in store.reserved_ips.values() if r.subnet_id == subnet.id]
    used += [u.ip for u in store.hooks.addresses_in_subnet(subnet)]
    if overlaps or any(start <= ip_int(ip) <= end for ip in used):
        message = "Requested dynamic range conflicts with an existing IP address or range."
        raise FieldErrors({"start_ip": message, "end_ip": message})


@routes.route("GET", "ipranges/")
def list_ipranges(ctx: RequestContext) -> WireResponse:
    """List IP ranges.

    MAAS API: GET /MAAS/api/2.0/ipranges/
    """
    ranges = sorted(ctx.store.ipranges.values(), key=lambda r: r.id)
    return json_response([render_iprange(ctx.store, r) for r in ranges])


@routes.route("POST", "ipranges/")
def create_iprange(ctx: RequestContext) -> WireResponse:
    """Create a range; dynamic ranges need admin rights.

    MAAS API: POST /MAAS/api/2.0/ipranges/
    """
    user = ctx.require_user()
    data, store = ctx.data, ctx.store
    range_type = data.get("type") or ""
    if range_type == "dynamic" and not user.is_superuser:
        raise Forbidden("Unable to create dynamic IP range. You don't have sufficient privileges.")
    start_text, end_text = data.get("start_ip") or "", data.get("end_ip") or ""
    errors: dict[str, list[str]] = {}
    subnet = None
    if data.get("subnet"):
        subnet = store.find_subnet(data.get("subnet") or "")
    elif start_text and end_text:
        subnet = store.subnet_for_ip(start_text)
    if subnet is None:
        errors["subnet"] = [REQUIRED]
    if not range_type:
        errors["type"] = [REQUIRED]
    elif range_type not in ("dynamic", "reserved"):
        errors["type"] = [
            f"Select a valid choice. {range_type} is not one of the available choices."
        ]
    for field, text in (("start_ip", start_text), ("end_ip", end_text)):
        if not text:
            errors[field] = [REQUIRED, _BOTH_REQUIRED]
        elif _invalid_ip(text):
            errors[field] = ["Enter a valid IPv4 or IPv6 address."]
    if errors or subnet is None:
        raise FieldErrors(errors)
    iprange = IPRange(
        store.next_id("iprange"),
        range_type,
        start_text,
        end_text,
        subnet.id,
        data.get("comment") or "",
        user.username,
    )
    _validate(ctx, iprange)
    store.ipranges[iprange.id] = iprange
    return json_response(render_iprange(store, iprange))


def _invalid_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return True
    return False


@routes.route("GET", "ipranges/{id}/")
def read_iprange(ctx: RequestContext) -> WireResponse:
    """Read an IP range.

    MAAS API: GET /MAAS/api/2.0/ipranges/{id}/
    """
    return json_response(render_iprange(ctx.store, _iprange(ctx)))


def _owned(ctx: RequestContext) -> IPRange:
    iprange = _iprange(ctx)
    user = ctx.require_user()
    if not user.is_superuser and iprange.username != user.username:
        raise Forbidden(_NOT_OWNER)
    return iprange


@routes.route("PUT", "ipranges/{id}/")
def update_iprange(ctx: RequestContext) -> WireResponse:
    """Update a range's addresses or comment (owner or admin).

    MAAS API: PUT /MAAS/api/2.0/ipranges/{id}/
    """
    iprange = _owned(ctx)
    data = ctx.data
    updated = IPRange(**vars(iprange))
    for field in ("start_ip", "end_ip"):
        text = data.get(field)
        if text:
            if _invalid_ip(text):
                raise FieldErrors({field: "Enter a valid IPv4 or IPv6 address."})
            setattr(updated, field, text)
    if "comment" in data:
        updated.comment = data.get("comment") or ""
    _validate(ctx, updated)
    ctx.store.ipranges[iprange.id] = updated
    return json_response(render_iprange(ctx.store, updated))


@routes.route("DELETE", "ipranges/{id}/")
def delete_iprange(ctx: RequestContext) -> WireResponse:
    """Delete a range (owner or admin).

    MAAS API: DELETE /MAAS/api/2.0/ipranges/{id}/
    """
    iprange = _owned(ctx)
    del ctx.store.ipranges[iprange.id]
    return no_content()
