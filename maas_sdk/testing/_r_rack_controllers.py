"""``rackcontrollers/`` and ``rackcontrollers/{system_id}/`` of the fake region.

Region-and-rack controllers are served here too. Non-admins list no controllers but may read
one; the admin-only methods answer 403 ``This method is reserved for admin users.``, the
permission checks an empty 403 (REFERENCE.md §5, §8, §22.12).
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from . import _r_controller_ops as ops
from ._machine_forms import UBUNTU_SERIES
from ._machine_table import machine_table
from ._r_node_common import (
    details_response,
    is_action_in_progress,
    is_registered,
    listed_records,
    lookup,
    require_admin_perm,
    set_zone,
)
from ._r_node_records import RACK_TYPES, NodeRecord, node_table
from ._r_node_render import list_response, object_response, rack_dict
from ._r_power_types import power_type_descriptions
from ._responses import accepted, json_response, no_content, null_response, pretty_json
from ._router import RequestContext, routes

__all__ = ["boot_images"]

_RACKS = "rackcontrollers/"
_RACK = "rackcontrollers/{system_id}/"


def _rack(ctx: RequestContext) -> NodeRecord:
    return lookup(ctx, RACK_TYPES, "RackController")


def _answer(ctx: RequestContext, record: NodeRecord) -> WireResponse:
    return object_response(rack_dict(ctx.store, record))


def boot_images(ctx: RequestContext) -> dict[str, object]:
    """The ``list_boot_images`` answer: one image per release and architecture the fake has."""
    images = []
    for architecture in machine_table(ctx.store).architectures:
        arch, _, subarch = architecture.partition("/")
        images += [
            {"name": f"ubuntu/{series}", "architecture": arch, "subarches": [subarch or "generic"]}
            for series in UBUNTU_SERIES
        ]
    return {"images": images, "connected": True, "status": "synced"}


@routes.route("GET", _RACKS)
def list_racks(ctx: RequestContext) -> WireResponse:
    """``GET rackcontrollers/``: rack and region-and-rack controllers (none for non-admins).

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/
    """
    records = listed_records(ctx, RACK_TYPES)
    items = [pretty_json(rack_dict(ctx.store, r)).encode("utf-8") for r in records]
    return list_response(items)


@routes.route("GET", _RACK)
def read(ctx: RequestContext) -> WireResponse:
    """``GET rackcontrollers/{system_id}/``.

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/{system_id}/
    """
    return _answer(ctx, _rack(ctx))


@routes.route("PUT", _RACK)
def update(ctx: RequestContext) -> WireResponse:
    """``PUT rackcontrollers/{system_id}/``: description, domain, zone, power (admin).

    MAAS API: PUT /MAAS/api/2.0/rackcontrollers/{system_id}/
    """
    ctx.require_admin()
    record = _rack(ctx)
    ops.update_controller(ctx, record)
    return _answer(ctx, record)


@routes.route("DELETE", _RACK)
def delete(ctx: RequestContext) -> WireResponse:
    """``DELETE rackcontrollers/{system_id}/``: 204; a region-and-rack controller stays a region.

    MAAS API: DELETE /MAAS/api/2.0/rackcontrollers/{system_id}/
    """
    ops.delete_controller(ctx, _rack(ctx), as_rack=True)
    return no_content()


@routes.route("GET", _RACK, op="details")
def details(ctx: RequestContext) -> WireResponse:
    """``op=details``: BSON lshw/lldp.

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/{system_id}/?op=details
    """
    return details_response(_rack(ctx))


@routes.route("GET", _RACK, op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters`` (admin).

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/{system_id}/?op=power_parameters
    """
    record = _rack(ctx)
    require_admin_perm(ctx.require_user())
    return json_response(dict(record.power_parameters))


@routes.route("GET", _RACK, op="query_power_state")
def query_power_state(ctx: RequestContext) -> WireResponse:
    """``op=query_power_state``.

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/{system_id}/?op=query_power_state
    """
    return ops.query_power_state(ctx, _rack(ctx))


@routes.route("GET", _RACK, op="list_boot_images")
def list_boot_images(ctx: RequestContext) -> WireResponse:
    """``op=list_boot_images`` (admin).

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/{system_id}/?op=list_boot_images
    """
    ctx.require_admin()
    _rack(ctx)
    return json_response(boot_images(ctx))


@routes.route("POST", _RACK, op="power_on")
def power_on(ctx: RequestContext) -> WireResponse:
    """``op=power_on``.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=power_on
    """
    record = _rack(ctx)
    ops.power_on(ctx, record)
    return _answer(ctx, record)


@routes.route("POST", _RACK, op="power_off")
def power_off(ctx: RequestContext) -> WireResponse:
    """``op=power_off``: the controller, or ``null`` when no power action was needed.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=power_off
    """
    record = _rack(ctx)
    return _answer(ctx, record) if ops.power_off(ctx, record) else null_response()


@routes.route("POST", _RACK, op="abort")
def abort(ctx: RequestContext) -> WireResponse:
    """``op=abort``.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=abort
    """
    record = _rack(ctx)
    ops.abort(ctx, record)
    return _answer(ctx, record)


@routes.route("POST", _RACK, op="test")
def test(ctx: RequestContext) -> WireResponse:
    """``op=test`` (admin).

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=test
    """
    record = _rack(ctx)
    ops.start_testing(ctx, record)
    return _answer(ctx, record)


@routes.route("POST", _RACK, op="override_failed_testing")
def override_failed_testing(ctx: RequestContext) -> WireResponse:
    """``op=override_failed_testing`` (admin).

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=override_failed_testing
    """
    record = _rack(ctx)
    ops.override_failed_testing(ctx, record)
    return _answer(ctx, record)


@routes.route("POST", _RACK, op="import_boot_images")
def import_boot_images(ctx: RequestContext) -> WireResponse:
    """``op=import_boot_images`` on one rack (admin): 202 ``Accepted``.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=import_boot_images
    """
    ctx.require_admin()
    _rack(ctx)
    return accepted()


@routes.route("POST", _RACKS, op="import_boot_images")
def import_all_boot_images(ctx: RequestContext) -> WireResponse:
    """``op=import_boot_images`` on every rack (admin): 202 ``Accepted``.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/?op=import_boot_images
    """
    ctx.require_admin()
    return accepted()


@routes.route("GET", _RACKS, op="describe_power_types")
def describe_power_types(ctx: RequestContext) -> WireResponse:
    """``op=describe_power_types`` (admin): the 24 power drivers.

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/?op=describe_power_types
    """
    ctx.require_admin()
    return json_response(power_type_descriptions())


@routes.route("GET", _RACKS, op="power_parameters")
def power_parameters_many(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters`` (admin): rack power parameters by system_id.

    MAAS API: GET /MAAS/api/2.0/rackcontrollers/?op=power_parameters
    """
    ctx.require_admin()
    ids = set(ctx.query.getlist("id"))
    records = node_table(ctx.store).of_types(RACK_TYPES)
    return json_response(
        {r.system_id: dict(r.power_parameters) for r in records if not ids or r.system_id in ids}
    )


routes.route("GET", _RACKS, op="is_registered")(is_registered)
routes.route("GET", _RACKS, op="is_registered", anonymous=True)(is_registered)
routes.route("GET", _RACKS, op="is_action_in_progress", anonymous=True)(is_action_in_progress)
routes.route("POST", _RACKS, op="set_zone")(set_zone)
