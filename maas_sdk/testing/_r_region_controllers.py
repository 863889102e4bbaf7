"""``regioncontrollers/`` and ``regioncontrollers/{system_id}/`` of the fake region.

Region-and-rack controllers are served here too, with the region field set but (as MAAS does)
the rack controller's ``resource_uri`` (REFERENCE.md §8, examples ``regioncontrollers.json``).
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from . import _r_controller_ops as ops
from ._r_node_common import (
    details_response,
    is_action_in_progress,
    is_registered,
    listed_records,
    lookup,
    require_admin_perm,
    set_zone,
)
from ._r_node_records import REGION_TYPES, NodeRecord
from ._r_node_render import list_response, object_response, region_dict
from ._responses import json_response, no_content, pretty_json
from ._router import RequestContext, routes

__all__ = ["list_regions"]

_REGIONS = "regioncontrollers/"
_REGION = "regioncontrollers/{system_id}/"


def _region(ctx: RequestContext) -> NodeRecord:
    return lookup(ctx, REGION_TYPES, "RegionController")


@routes.route("GET", _REGIONS)
def list_regions(ctx: RequestContext) -> WireResponse:
    """``GET regioncontrollers/``: region and region-and-rack controllers (admins only see any).

    MAAS API: GET /MAAS/api/2.0/regioncontrollers/
    """
    records = listed_records(ctx, REGION_TYPES)
    items = [pretty_json(region_dict(ctx.store, r)).encode("utf-8") for r in records]
    return list_response(items)


@routes.route("GET", _REGION)
def read(ctx: RequestContext) -> WireResponse:
    """``GET regioncontrollers/{system_id}/``.

    MAAS API: GET /MAAS/api/2.0/regioncontrollers/{system_id}/
    """
    return object_response(region_dict(ctx.store, _region(ctx)))


@routes.route("PUT", _REGION)
def update(ctx: RequestContext) -> WireResponse:
    """``PUT regioncontrollers/{system_id}/``: description, domain, zone, power (admin).

    MAAS API: PUT /MAAS/api/2.0/regioncontrollers/{system_id}/
    """
    ctx.require_admin()
    record = _region(ctx)
    ops.update_controller(ctx, record)
    return object_response(region_dict(ctx.store, record))


@routes.route("DELETE", _REGION)
def delete(ctx: RequestContext) -> WireResponse:
    """``DELETE regioncontrollers/{system_id}/``: 204; a region-and-rack one stays a rack.

    MAAS API: DELETE /MAAS/api/2.0/regioncontrollers/{system_id}/
    """
    ops.delete_controller(ctx, _region(ctx), as_rack=False)
    return no_content()


@routes.route("GET", _REGION, op="details")
def details(ctx: RequestContext) -> WireResponse:
    """``op=details``: BSON lshw/lldp.

    MAAS API: GET /MAAS/api/2.0/regioncontrollers/{system_id}/?op=details
    """
    return details_response(_region(ctx))


@routes.route("GET", _REGION, op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters`` (admin).

    MAAS API: GET /MAAS/api/2.0/regioncontrollers/{system_id}/?op=power_parameters
    """
    record = _region(ctx)
    require_admin_perm(ctx.require_user())
    return json_response(dict(record.power_parameters))


routes.route("GET", _REGIONS, op="is_registered")(is_registered)
routes.route("GET", _REGIONS, op="is_registered", anonymous=True)(is_registered)
routes.route("GET", _REGIONS, op="is_action_in_progress", anonymous=True)(is_action_in_progress)
routes.route("POST", _REGIONS, op="set_zone")(set_zone)
