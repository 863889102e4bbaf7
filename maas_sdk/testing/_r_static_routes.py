"""Static routes: ``static-routes/`` and ``static-routes/{id}/`` (REFERENCE.md §9.6)."""

from __future__ import annotations

import ipaddress

from maas_sdk._wire import WireResponse

from ._models import StaticRoute, Subnet
from ._render import render_static_route
from ._responses import FieldErrors, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._validate import REQUIRED, parse_int

_INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def _route(ctx: RequestContext) -> StaticRoute:
    return get_or_404(ctx.store.static_routes, ctx.args["id"], "StaticRoute")


def _subnet_field(ctx: RequestContext, field: str, errors: dict[str, list[str]]) -> Subnet | None:
    spec = ctx.data.get(field)
    if not spec:
        errors[field] = [REQUIRED]
        return None
    subnet = ctx.store.find_subnet(spec)
    if subnet is None:
        errors[field] = [_INVALID_CHOICE]
    return subnet


def _apply(ctx: RequestContext, route: StaticRoute, *, creating: bool) -> None:
    data, store = ctx.data, ctx.store
    errors: dict[str, list[str]] = {}
    for field in ("source", "destination"):
        if creating or field in data:
            subnet = _subnet_field(ctx, field, errors)
            if subnet is not None:
                setattr(route, f"{field}_id", subnet.id)
    if creating or "gateway_ip" in data:
        gateway = data.get("gateway_ip") or ""
        if not gateway:
            errors["gateway_ip"] = [REQUIRED]
        route.gateway_ip = gateway
    if data.get("metric"):
        route.metric = parse_int(data.get("metric") or "", "metric")
    if errors:
        raise FieldErrors(errors)
    source = store.subnets[route.source_id]
    if route.source_id == route.destination_id:
        raise FieldErrors({"__all__": "source and destination cannot be the same subnet."})
    try:
        inside = ipaddress.ip_address(route.gateway_ip) in ipaddress.ip_network(source.cidr)
    except ValueError:
        raise FieldErrors({"gateway_ip": "Enter a valid IPv4 or IPv6 address."}) from None
    if not inside:
        raise FieldErrors({"gateway_ip": f"Enter an IP address in {source.cidr}."})
    for other in store.static_routes.values():
        same = (other.source_id, other.destination_id, other.gateway_ip) == (
            route.source_id,
            route.destination_id,
            route.gateway_ip,
        )
        if other.id != route.id and same:
            raise FieldErrors(
                {
                    "__all__": "Static route with this Source, Destination and Gateway ip"
                    " already exists."
                }
            )


@routes.route("GET", "static-routes/")
def list_static_routes(ctx: RequestContext) -> WireResponse:
    """List static routes.

    MAAS API: GET /MAAS/api/2.0/static-routes/
    """
    routes_ = sorted(ctx.store.static_routes.values(), key=lambda r: r.id)
    return json_response([render_static_route(ctx.store, r) for r in routes_])


@routes.route("POST", "static-routes/")
def create_static_route(ctx: RequestContext) -> WireResponse:
    """Create a static route (admin).

    MAAS API: POST /MAAS/api/2.0/static-routes/
    """
    ctx.require_admin()
    route = StaticRoute(ctx.store.next_id("static_route"), -1, -1, "")
    _apply(ctx, route, creating=True)
    ctx.store.static_routes[route.id] = route
    return json_response(render_static_route(ctx.store, route))


@routes.route("GET", "static-routes/{id}/")
def read_static_route(ctx: RequestContext) -> WireResponse:
    """Read a static route.

    MAAS API: GET /MAAS/api/2.0/static-routes/{id}/
    """
    return json_response(render_static_route(ctx.store, _route(ctx)))


@routes.route("PUT", "static-routes/{id}/")
def update_static_route(ctx: RequestContext) -> WireResponse:
    """Update a static route (admin).

    MAAS API: PUT /MAAS/api/2.0/static-routes/{id}/
    """
    ctx.require_admin()
    route = _route(ctx)
    updated = StaticRoute(**vars(route))
    _apply(ctx, updated, creating=False)
    ctx.store.static_routes[route.id] = updated
    return json_response(render_static_route(ctx.store, updated))


@routes.route("DELETE", "static-routes/{id}/")
def delete_static_route(ctx: RequestContext) -> WireResponse:
    """Delete a static route (admin).

    MAAS API: DELETE /MAAS/api/2.0/static-routes/{id}/
    """
    ctx.require_admin()
    del ctx.store.static_routes[_route(ctx).id]
    return no_content()
