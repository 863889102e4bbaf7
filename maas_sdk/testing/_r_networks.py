"""The deprecated 1.x networks: ``networks/`` and ``networks/{name}/`` (REFERENCE.md §19).

A network is a subnet seen through the old API, named ``subnet-<id>``. Reads work; create,
update, delete, ``connect_macs`` and ``disconnect_macs`` answer 410 ``Gone`` (403 first for a
non-admin), as every region since 2.0 does.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from maas_sdk._wire import WireResponse

from ._models import Subnet
from ._render import API_PREFIX
from ._responses import TEXT_NO_CHARSET, FieldErrors, NotFound, json_response, text_response
from ._router import RequestContext, routes
from ._store import Store

__all__ = ["render_network"]


def render_network(store: Store, subnet: Subnet) -> dict[str, Any]:
    """Render a subnet as a network (the 1.x shape)."""
    network = ipaddress.ip_network(subnet.cidr)
    return {
        "name": f"subnet-{subnet.id}",
        "ip": str(network.network_address),
        "netmask": str(network.netmask),
        "vlan_tag": store.vlans[subnet.vlan_id].vid,
        "description": subnet.name,
        "default_gateway": subnet.gateway_ip,
        "dns_servers": list(subnet.dns_servers),
        "resource_uri": f"{API_PREFIX}networks/subnet-{subnet.id}/",
    }


def _subnet(ctx: RequestContext) -> Subnet:
    name = ctx.args["name"]
    prefix, _, number = name.strip().partition("subnet-")
    subnet = None
    if not prefix and number.isdigit():
        subnet = ctx.store.subnets.get(int(number))
    if subnet is None:
        subnet = ctx.store.find_subnet(name)
    if subnet is None:
        raise NotFound("Subnet")
    return subnet


def _holders(store: Store, subnet: Subnet) -> set[str]:
    holders: set[str] = set()
    for use in store.hooks.addresses_in_subnet(subnet):
        if use.node_summary and use.node_summary.get("system_id"):
            holders.add(str(use.node_summary["system_id"]))
    return holders


def _gone(ctx: RequestContext) -> WireResponse:
    ctx.require_admin()
    return text_response("Gone", status=410, content_type=TEXT_NO_CHARSET)


@routes.route("GET", "networks/")
def list_networks(ctx: RequestContext) -> WireResponse:
    """List networks (``node=`` repeated: only those every given node has an address on).

    MAAS API: GET /MAAS/api/2.0/networks/
    """
    store = ctx.store
    nodes = ctx.query.getlist("node")
    unknown = sorted({node for node in nodes if not store.hooks.node_exists(node)})
    if unknown:
        raise FieldErrors({"node": f"Unknown node(s): {', '.join(unknown)}."})
    subnets = sorted(store.subnets.values(), key=lambda subnet: subnet.id)
    if nodes:
        subnets = [s for s in subnets if set(nodes) <= _holders(store, s)]
    return json_response([render_network(store, subnet) for subnet in subnets])


@routes.route("POST", "networks/")
def create_network(ctx: RequestContext) -> WireResponse:
    """Gone since MAAS 2.0.

    MAAS API: POST /MAAS/api/2.0/networks/
    """
    return _gone(ctx)


@routes.route("GET", "networks/{name}/")
def read_network(ctx: RequestContext) -> WireResponse:
    """Read a network (``subnet-<id>`` or any subnet specifier).

    MAAS API: GET /MAAS/api/2.0/networks/{name}/
    """
    return json_response(render_network(ctx.store, _subnet(ctx)))


@routes.route("GET", "networks/{name}/", op="list_connected_macs")
def list_connected_macs(ctx: RequestContext) -> WireResponse:
    """List the MACs of node interfaces holding an address on the network.

    MAAS API: GET /MAAS/api/2.0/networks/{name}/?op=list_connected_macs
    """
    subnet = _subnet(ctx)
    found: dict[str, str] = {}
    for use in ctx.store.hooks.addresses_in_subnet(subnet):
        hostname = str((use.node_summary or {}).get("hostname", ""))
        for iface in use.interface_set:
            mac = iface.get("mac_address") if isinstance(iface, dict) else None
            if mac and mac not in found:
                found[str(mac)] = hostname
    ordered = sorted(found.items(), key=lambda item: (item[1].lower(), item[0]))
    return json_response([{"mac_address": mac} for mac, _ in ordered])


@routes.route("PUT", "networks/{name}/")
def update_network(ctx: RequestContext) -> WireResponse:
    """Gone since MAAS 2.0.

    MAAS API: PUT /MAAS/api/2.0/networks/{name}/
    """
    return _gone(ctx)


@routes.route("DELETE", "networks/{name}/")
def delete_network(ctx: RequestContext) -> WireResponse:
    """Gone since MAAS 2.0.

    MAAS API: DELETE /MAAS/api/2.0/networks/{name}/
    """
    return _gone(ctx)


@routes.route("POST", "networks/{name}/", op="connect_macs")
def connect_macs(ctx: RequestContext) -> WireResponse:
    """Gone since MAAS 2.0.

    MAAS API: POST /MAAS/api/2.0/networks/{name}/?op=connect_macs
    """
    return _gone(ctx)


@routes.route("POST", "networks/{name}/", op="disconnect_macs")
def disconnect_macs(ctx: RequestContext) -> WireResponse:
    """Gone since MAAS 2.0.

    MAAS API: POST /MAAS/api/2.0/networks/{name}/?op=disconnect_macs
    """
    return _gone(ctx)
