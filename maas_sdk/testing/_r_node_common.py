"""What every node collection shares: lookups, listings and the collection ops.

``devices/``, ``rackcontrollers/``, ``regioncontrollers/`` and ``nodes/`` all answer
``is_registered`` (any node type, not only their own), the anonymous-only
``is_action_in_progress`` and ``set_zone`` (nodes of any type). Machines are read from the
machines table; the one change made to them (``set_zone``) goes through the machines' own
``machines/?op=set_zone`` handler.

MAAS API: REFERENCE.md §8, §22.1, §22.5; NodesHandler and AnonNodesHandler of MAAS 3.7.3.
"""

from __future__ import annotations

import dataclasses

from maas_sdk._wire import WireResponse

from . import _machine_routes
from ._forms import FormData, require_param
from ._machine_forms import normalise_mac
from ._machine_model import NodeStatus
from ._machine_render import bson_document
from ._machine_table import machine_table
from ._models import User
from ._r_node_filters import node_selection, record_matches
from ._r_node_records import NodeRecord, listed_for, node_table
from ._responses import (
    FieldErrors,
    Forbidden,
    NotFound,
    bytes_response,
    json_response,
    null_response,
)
from ._router import RequestContext, routes

__all__ = [
    "INVALID_CHOICE",
    "details_response",
    "is_action_in_progress",
    "is_registered",
    "listed_records",
    "lookup",
    "power_parameters_response",
    "register_collection_ops",
    "require_admin_perm",
    "require_edit",
    "set_zone",
]

INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
_ANONYMOUS_IGNORED = frozenset({NodeStatus.NEW, NodeStatus.COMMISSIONING, NodeStatus.RETIRED})


def lookup(ctx: RequestContext, types: frozenset[int], model: str) -> NodeRecord:
    """Return the device or controller of the path (404 ``No <model> matches...``).

    Devices and controllers are in no resource pool, so every user may view them (MAAS's
    view check only restricts machines).
    """
    ctx.require_user()
    record = node_table(ctx.store).get(ctx.args["system_id"])
    if record is None or record.node_type not in types:
        raise NotFound(model)
    return record


def require_edit(user: User, record: NodeRecord) -> None:
    """Empty 403 unless the user may edit the record (unowned, theirs, or admin)."""
    if not (user.is_superuser or record.owner is None or record.owner == user.username):
        raise Forbidden()


def require_admin_perm(user: User) -> None:
    """Empty 403 (a permission check, not an admin-only method) for non-admins."""
    if not user.is_superuser:
        raise Forbidden()


def power_parameters_response(ctx: RequestContext, record: NodeRecord) -> WireResponse:
    """``op=power_parameters`` of a device or controller (empty 403 for non-admins)."""
    require_admin_perm(ctx.require_user())
    return json_response(dict(record.power_parameters))


def listed_records(ctx: RequestContext, types: frozenset[int]) -> list[NodeRecord]:
    """The records of ``types`` a listing shows the caller, filtered, ordered by id.

    Raises:
        FieldErrors: An unknown filter or a bad value (as ``GET machines/``).
    """
    user = ctx.require_user()
    selection = node_selection(ctx.store, ctx.query)
    return [
        record
        for record in node_table(ctx.store).of_types(types)
        if listed_for(user, record) and record_matches(ctx.store, selection, record)
    ]


def details_response(record: NodeRecord) -> WireResponse:
    """``op=details``: BSON ``{"lldp": ..., "lshw": ...}``, nulls for never-commissioned nodes."""
    if record.current_commissioning_result_id is None:
        body = bson_document({"lldp": None, "lshw": None})
    else:
        lshw = (
            f'<?xml version="1.0" standalone="yes" ?>\n<list>\n<node id="{record.hostname}" '
            f'class="system"><product>{record.hardware_info.get("system_product", "")}'
            "</product></node>\n</list>\n"
        )
        lldp = '<?xml version="1.0" encoding="UTF-8"?>\n<lldp label="LLDP neighbors"/>\n'
        body = bson_document({"lldp": lldp.encode(), "lshw": lshw.encode()})
    return bytes_response(body, "application/bson")


def _mac(ctx: RequestContext) -> str | None:
    return normalise_mac(require_param(ctx.query, "mac_address"))


def is_registered(ctx: RequestContext) -> WireResponse:
    """``op=is_registered``: a node of any type has the MAC (anonymous: not New/Commissioning).

    Retired nodes never count.
    """
    mac = _mac(ctx)
    ignored = _ANONYMOUS_IGNORED if ctx.user is None else frozenset({NodeStatus.RETIRED})
    if mac is None:
        return json_response(False)
    machine = machine_table(ctx.store).by_mac.get(mac)
    if machine is not None and machine[0].status not in ignored:
        return json_response(True)
    record = node_table(ctx.store).by_mac(mac)
    return json_response(record is not None and record.status not in ignored)


def is_action_in_progress(ctx: RequestContext) -> WireResponse:
    """Anonymous ``op=is_action_in_progress``: the MAC's node commissions or deploys."""
    value = require_param(ctx.query, "mac_address")
    mac = normalise_mac(value)
    busy = (NodeStatus.COMMISSIONING, NodeStatus.DEPLOYING)
    machine = machine_table(ctx.store).by_mac.get(mac) if mac else None
    record = node_table(ctx.store).by_mac(mac) if mac else None
    return json_response(
        (machine is not None and machine[0].status in busy)
        or (record is not None and record.status in busy)
    )


def set_zone(ctx: RequestContext) -> WireResponse:
    """``op=set_zone``: move nodes of any type to a zone (admin; all or nothing)."""
    user = ctx.require_user()
    store = ctx.store
    machines, records = machine_table(store).machines, node_table(store).nodes
    errors: dict[str, list[str]] = {}
    name = ctx.data.get("zone") or ""
    zone = store.zone_by_name(name)
    if zone is None:
        errors["zone"] = [INVALID_CHOICE if name else "This field is required."]
    ids = ctx.data.getlist("nodes")
    if not user.is_superuser or any(i not in machines and i not in records for i in ids):
        errors["system_id"] = ["Some of the given system ids are invalid system ids."]
    if errors:
        raise FieldErrors(errors)
    assert zone is not None
    for system_id in ids:
        if system_id in records:
            records[system_id].zone_id = zone.id
    machine_ids = [i for i in ids if i in machines]
    if machine_ids:
        pairs = [("zone", zone.name)] + [("nodes", i) for i in machine_ids]
        _machine_routes.set_zone(dataclasses.replace(ctx, data=FormData(pairs)))
    return null_response()


def register_collection_ops(collection: str) -> None:
    """Route the ops every node collection answers on ``collection``.

    They are ``is_registered`` (also anonymous), the anonymous-only ``is_action_in_progress``
    and ``set_zone``.

    MAAS API: GET /MAAS/api/2.0/<collection>/?op=is_registered,
        GET /MAAS/api/2.0/<collection>/?op=is_action_in_progress (anonymous),
        POST /MAAS/api/2.0/<collection>/?op=set_zone
    """
    routes.route("GET", collection, op="is_registered")(is_registered)
    routes.route("GET", collection, op="is_registered", anonymous=True)(is_registered)
    routes.route("GET", collection, op="is_action_in_progress", anonymous=True)(
        is_action_in_progress
    )
    routes.route("POST", collection, op="set_zone")(set_zone)
