"""Subnets: ``subnets/`` and ``subnets/{id}/`` (id, CIDR, name or specifier; §9.1)."""

from __future__ import annotations

import ipaddress
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool, string_bool
from ._ipmath import subnet_statistics, unused_ranges, usable_bounds, used_ranges
from ._models import VLAN, Subnet
from ._render import format_event_time, render_subnet
from ._responses import FieldErrors, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._validate import REQUIRED

_SPACE_REJECTED = "Spaces may no longer be set on subnets. Set the space on the underlying VLAN."
_INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
_BOOLEAN_FIELDS = ("allow_dns", "allow_proxy", "active_discovery", "managed")


def _subnet(ctx: RequestContext) -> Subnet:
    subnet = ctx.store.find_subnet(ctx.args["id"])
    if subnet is None:
        raise NotFound("Subnet")
    return subnet


def _parse_cidr(raw: str) -> str:
    try:
        network = ipaddress.ip_network(raw.strip(), strict=False)
    except ValueError:
        raise FieldErrors({"cidr": "Required format: <network>/<prefixlen>."}) from None
    if "/" not in raw:
        raise FieldErrors({"cidr": "Required format: <network>/<prefixlen>."})
    return str(network)


def _vlan_for(ctx: RequestContext, data: FormData, current: VLAN | None) -> VLAN:
    store = ctx.store
    if data.get("vlan"):
        spec = data.get("vlan") or ""
        vlan = store.vlans.get(int(spec)) if spec.isdigit() else None
        if vlan is None:
            raise FieldErrors({"vlan": _INVALID_CHOICE})
        return vlan
    if data.get("fabric") or data.get("vid"):
        fabric = store.find_fabric(data.get("fabric") or str(store.default_fabric_id))
        if fabric is None:
            raise FieldErrors({"fabric": _INVALID_CHOICE})
        vid_text = data.get("vid") or "0"
        vid = int(vid_text) if vid_text.isdigit() else -1
        vlan = next((v for v in store.fabric_vlans(fabric.id) if v.vid == vid), None)
        if vlan is None:
            raise FieldErrors({"vid": f"No VLAN with vid {vid_text} in default fabric."})
        return vlan
    if current is not None:
        return current
    return next(v for v in store.fabric_vlans(store.default_fabric_id) if v.vid == 0)


def _apply(ctx: RequestContext, subnet: Subnet, *, creating: bool) -> None:
    data, store = ctx.data, ctx.store
    if "space" in data:
        raise FieldErrors({"space": _SPACE_REJECTED})
    errors: dict[str, list[str]] = {}
    if "cidr" in data or creating:
        raw = data.get("cidr") or ""
        if not raw:
            raise FieldErrors({"cidr": REQUIRED})
        cidr = _parse_cidr(raw)
        if any(s.cidr == cidr and s is not subnet for s in store.subnets.values()):
            raise FieldErrors({"cidr": "Subnet with this Cidr already exists."})
        if subnet.name == subnet.cidr:
            subnet.name = cidr
        subnet.cidr = cidr
    network = ipaddress.ip_network(subnet.cidr)
    if "gateway_ip" in data:
        gateway = (data.get("gateway_ip") or "").strip() or None
        if gateway is not None:
            try:
                if ipaddress.ip_address(gateway) not in network:
                    errors["gateway_ip"] = ["Gateway IP must be within CIDR range."]
            except ValueError:
                errors["gateway_ip"] = ["Enter a valid IPv4 or IPv6 address."]
        subnet.gateway_ip = gateway
    if "rdns_mode" in data:
        mode = data.get("rdns_mode") or ""
        if mode not in ("0", "1", "2"):
            errors["rdns_mode"] = [
                f"Select a valid choice. {mode} is not one of the available choices."
            ]
        else:
            subnet.rdns_mode = int(mode)
    if errors:
        raise FieldErrors(errors)
    if data.get("name"):
        subnet.name = data.get("name") or subnet.cidr
    if "description" in data:
        subnet.description = data.get("description") or ""
    if "dns_servers" in data:
        subnet.dns_servers = (data.get("dns_servers") or "").replace(",", " ").split()
    if "disabled_boot_architectures" in data:
        value = data.get("disabled_boot_architectures") or ""
        subnet.disabled_boot_architectures = value.replace(",", " ").split()
    for name in _BOOLEAN_FIELDS:
        if name in data:
            setattr(subnet, name, django_bool(data.get(name)))
    subnet.vlan_id = _vlan_for(ctx, data, store.vlans.get(subnet.vlan_id)).id


@routes.route("GET", "subnets/")
def list_subnets(ctx: RequestContext) -> WireResponse:
    """List every subnet.

    MAAS API: GET /MAAS/api/2.0/subnets/
    """
    subnets = sorted(ctx.store.subnets.values(), key=lambda subnet: subnet.id)
    return json_response([render_subnet(ctx.store, subnet) for subnet in subnets])


@routes.route("POST", "subnets/")
def create_subnet(ctx: RequestContext) -> WireResponse:
    """Create a subnet (admin); its VLAN defaults to the default fabric's untagged VLAN.

    MAAS API: POST /MAAS/api/2.0/subnets/
    """
    ctx.require_admin()
    store = ctx.store
    subnet = Subnet(store.next_id("subnet"), "", "", -1)
    _apply(ctx, subnet, creating=True)
    if not subnet.name:
        subnet.name = subnet.cidr
    store.subnets[subnet.id] = subnet
    store.changed()
    return json_response(render_subnet(store, subnet))


@routes.route("GET", "subnets/{id:subnet}/")
def read_subnet(ctx: RequestContext) -> WireResponse:
    """Read a subnet.

    MAAS API: GET /MAAS/api/2.0/subnets/{id}/
    """
    return json_response(render_subnet(ctx.store, _subnet(ctx)))


@routes.route("PUT", "subnets/{id:subnet}/")
def update_subnet(ctx: RequestContext) -> WireResponse:
    """Update a subnet (admin); omitted fields keep their values.

    MAAS API: PUT /MAAS/api/2.0/subnets/{id}/
    """
    ctx.require_admin()
    subnet = _subnet(ctx)
    _apply(ctx, subnet, creating=False)
    ctx.store.changed()
    return json_response(render_subnet(ctx.store, subnet))


@routes.route("DELETE", "subnets/{id:subnet}/")
def delete_subnet(ctx: RequestContext) -> WireResponse:
    """Delete a subnet with its IP ranges, reserved addresses and static routes (admin).

    MAAS API: DELETE /MAAS/api/2.0/subnets/{id}/
    """
    ctx.require_admin()
    subnet = _subnet(ctx)
    store = ctx.store
    store.hooks.subnet_deleting(subnet)
    for table in (store.ipranges, store.reserved_ips):
        for key in [k for k, item in table.items() if item.subnet_id == subnet.id]:
            del table[key]
    for key in [
        k
        for k, route in store.static_routes.items()
        if subnet.id in (route.source_id, route.destination_id)
    ]:
        del store.static_routes[key]
    del store.subnets[subnet.id]
    store.changed()
    return no_content()


@routes.route("GET", "subnets/{id:subnet}/", op="reserved_ip_ranges")
def reserved_ip_ranges(ctx: RequestContext) -> WireResponse:
    """List the ranges in use and their purposes.

    MAAS API: GET /MAAS/api/2.0/subnets/{id}/?op=reserved_ip_ranges
    """
    subnet = _subnet(ctx)
    version = usable_bounds(subnet)[2]
    return json_response([r.render(version) for r in used_ranges(ctx.store, subnet)])


@routes.route("GET", "subnets/{id:subnet}/", op="unreserved_ip_ranges")
def unreserved_ip_ranges(ctx: RequestContext) -> WireResponse:
    """List the free ranges.

    MAAS API: GET /MAAS/api/2.0/subnets/{id}/?op=unreserved_ip_ranges
    """
    subnet = _subnet(ctx)
    version = usable_bounds(subnet)[2]
    free = unused_ranges(ctx.store, subnet)
    return json_response([r.render(version, with_purpose=False) for r in free])


@routes.route("GET", "subnets/{id:subnet}/", op="statistics")
def statistics(ctx: RequestContext) -> WireResponse:
    """Return usage statistics.

    MAAS API: GET /MAAS/api/2.0/subnets/{id}/?op=statistics
    """
    subnet = _subnet(ctx)
    include_ranges = string_bool(ctx.query, "include_ranges", False)
    include_suggestions = string_bool(ctx.query, "include_suggestions", False)
    body = subnet_statistics(
        ctx.store,
        subnet,
        include_ranges=include_ranges,
        include_suggestions=include_suggestions,
    )
    return json_response(body)


@routes.route("GET", "subnets/{id:subnet}/", op="ip_addresses")
def ip_addresses(ctx: RequestContext) -> WireResponse:
    """List the addresses in use in the subnet.

    MAAS API: GET /MAAS/api/2.0/subnets/{id}/?op=ip_addresses
    """
    subnet = _subnet(ctx)
    with_username = string_bool(ctx.query, "with_username", True)
    with_summary = string_bool(ctx.query, "with_summary", True)
    with_summary = string_bool(ctx.query, "with_node_summary", with_summary)
    items: list[dict[str, Any]] = []
    for reserved in ctx.store.reserved_ips.values():
        if reserved.subnet_id == subnet.id:
            item: dict[str, Any] = {
                "ip": reserved.ip,
                "alloc_type": 4,
                "created": format_event_time(reserved.created),
                "updated": format_event_time(reserved.created),
            }
            if with_username:
                item["user"] = reserved.username
            items.append(item)
    for use in ctx.store.hooks.addresses_in_subnet(subnet):
        item = {
            "ip": use.ip,
            "alloc_type": use.alloc_type,
            "created": format_event_time(use.created),
            "updated": format_event_time(use.updated),
        }
        if with_username and use.username:
            item["user"] = use.username
        if with_summary and use.node_summary is not None:
            item["node_summary"] = use.node_summary
        items.append(item)
    items.sort(key=lambda item: ipaddress.ip_address(item["ip"]))
    return json_response(items)
