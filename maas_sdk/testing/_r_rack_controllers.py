"""``rackcontrollers/`` and ``rackcontrollers/{system_id}/`` of the fake region.

Region-and-rack controllers are served here too. Non-admins list no controllers but may read
one; the admin-only methods answer 403 ``This method is reserved for admin users.``, the
permission checks an empty 403 (REFERENCE.md §5, §8, §22.12).
"""

from __future__ import annotations

from collections.abc import Callable

from maas_sdk._wire import WireResponse

from . import _r_controller_ops as ops
from ._machine_forms import UBUNTU_SERIES
from ._machine_table import machine_table
from ._r_node_records import RACK_TYPES, NodeRecord, node_table
from ._r_node_render import rack_dict
from ._r_power_types import power_type_descriptions
from ._responses import accepted, json_response, null_response
from ._router import RequestContext, routes

__all__ = ["boot_images"]

_RACKS = "rackcontrollers/"
_RACK = "rackcontrollers/{system_id}/"

_rack = ops.controller_routes(_RACKS, RACK_TYPES, "RackController", rack_dict, as_rack=True)


def _answer(ctx: RequestContext, record: NodeRecord) -> WireResponse:
    return json_response(rack_dict(ctx.store, record))


def _action(op: str, run: Callable[[RequestContext, NodeRecord], None]) -> None:
    """Route ``POST rackcontrollers/{system_id}/?op=<op>``: ``run`` it, answer the rack.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=<op>
    """

    def act(ctx: RequestContext) -> WireResponse:
        record = _rack(ctx)
        run(ctx, record)
        return _answer(ctx, record)

    routes.route("POST", _RACK, op=op)(act)


_action("power_on", ops.power_on)
_action("abort", ops.abort)
_action("test", ops.start_testing)
_action("override_failed_testing", ops.override_failed_testing)


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


@routes.route("POST", _RACK, op="power_off")
def power_off(ctx: RequestContext) -> WireResponse:
    """``op=power_off``: the controller, or ``null`` when no power action was needed.

    MAAS API: POST /MAAS/api/2.0/rackcontrollers/{system_id}/?op=power_off
    """
    record = _rack(ctx)
    return _answer(ctx, record) if ops.power_off(ctx, record) else null_response()


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
