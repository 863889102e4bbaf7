"""Zones: ``zones/`` and ``zones/{name}/`` (addressed by name; REFERENCE.md §10.1)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._models import Zone
from ._render import render_zone
from ._responses import BadRequest, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._validate import check_model_name, update_described


def _zone(ctx: RequestContext) -> Zone:
    zone = ctx.store.zone_by_name(ctx.args["name"])
    if zone is None:
        raise NotFound("Zone")
    return zone


def _check_name(ctx: RequestContext, name: str, current: Zone | None) -> None:
    check_model_name(
        name, ctx.store.zone_by_name(name), current, "Physical zone with this Name already exists."
    )


@routes.route("GET", "zones/")
def list_zones(ctx: RequestContext) -> WireResponse:
    """List zones ordered by name.

    MAAS API: GET /MAAS/api/2.0/zones/
    """
    zones = sorted(ctx.store.zones.values(), key=lambda zone: zone.name)
    return json_response([render_zone(zone) for zone in zones])


@routes.route("POST", "zones/")
def create_zone(ctx: RequestContext) -> WireResponse:
    """Create a zone (admin).

    MAAS API: POST /MAAS/api/2.0/zones/
    """
    ctx.require_admin()
    name = ctx.data.get("name") or ""
    _check_name(ctx, name, None)
    zone = Zone(ctx.store.next_id("zone"), name, ctx.data.get("description") or "")
    ctx.store.zones[zone.id] = zone
    ctx.store.changed()
    return json_response(render_zone(zone))


@routes.route("GET", "zones/{name}/")
def read_zone(ctx: RequestContext) -> WireResponse:
    """Read a zone by name.

    MAAS API: GET /MAAS/api/2.0/zones/{name}/
    """
    return json_response(render_zone(_zone(ctx)))


@routes.route("PUT", "zones/{name}/")
def update_zone(ctx: RequestContext) -> WireResponse:
    """Update a zone's name and description (admin).

    MAAS API: PUT /MAAS/api/2.0/zones/{name}/
    """
    ctx.require_admin()
    zone = _zone(ctx)
    update_described(ctx.data, zone, lambda name: _check_name(ctx, name, zone))
    ctx.store.changed()
    return json_response(render_zone(zone))


@routes.route("DELETE", "zones/{name}/")
def delete_zone(ctx: RequestContext) -> WireResponse:
    """Delete a zone (admin); its nodes move to ``default``; unknown zones answer 204 too.

    MAAS API: DELETE /MAAS/api/2.0/zones/{name}/
    """
    ctx.require_admin()
    store = ctx.store
    zone = store.zone_by_name(ctx.args["name"])
    if zone is None:
        return no_content()
    if zone.id == store.default_zone_id:
        raise BadRequest("This zone is the default zone, it cannot be deleted.")
    store.hooks.zone_deleted(zone, store.default_zone)
    del store.zones[zone.id]
    store.changed()
    return no_content()
