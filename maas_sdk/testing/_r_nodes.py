"""``nodes/`` and ``nodes/{system_id}/``: every node type of the fake region together.

``GET nodes/`` lists, as MAAS 3.7.3's NodesHandler does, the visible devices, then machines,
then rack controllers, then region controllers (region-and-rack ones only once, as racks), each
group ordered by id and each node rendered with its own type's fields. Machines are read from
the machines table; the machine cases of ``DELETE``, ``details`` and ``power_parameters`` are
answered by the machines' own handlers.

MAAS API: REFERENCE.md §7 (intro), §8; NodeHandler, NodesHandler, AnonNodesHandler.
"""

from __future__ import annotations

import dataclasses

from maas_sdk._wire import WireResponse

from . import _machine_instance
from ._machine_routes import visible_machines
from ._machine_table import machine_table
from ._r_controller_ops import delete_controller
from ._r_node_common import (
    details_response,
    listed_records,
    power_parameters_response,
    register_collection_ops,
    require_admin_perm,
)
from ._r_node_filters import node_selection
from ._r_node_records import DEVICE, RACK_TYPES, REGION, NodeRecord, node_table
from ._r_node_render import node_dict, node_json
from ._responses import NotFound, json_response, no_content, rendered_list_response
from ._router import RequestContext, routes

__all__ = ["list_nodes"]

_NODES = "nodes/"
_NODE = "nodes/{system_id}/"


def _record(ctx: RequestContext) -> NodeRecord | None:
    """The device or controller of the path; None for a machine; 404 for neither."""
    ctx.require_user()
    system_id = ctx.args["system_id"]
    record = node_table(ctx.store).get(system_id)
    if record is None and system_id not in machine_table(ctx.store).machines:
        raise NotFound("Node")
    return record


def _as_machine_request(ctx: RequestContext) -> RequestContext:
    return dataclasses.replace(ctx, pattern=f"machines/{ctx.args['system_id']}/")


@routes.route("GET", _NODES)
def list_nodes(ctx: RequestContext) -> WireResponse:
    """``GET nodes/``: devices, machines, racks, regions; each group by id.

    MAAS API: GET /MAAS/api/2.0/nodes/
    """
    store = ctx.store
    user = ctx.require_user()
    devices = listed_records(ctx, frozenset({DEVICE}))
    selection = node_selection(store, ctx.query)
    table = machine_table(store)
    machines = [m for m in visible_machines(table, user) if selection.matches(m)]
    racks = listed_records(ctx, RACK_TYPES)
    regions = listed_records(ctx, frozenset({REGION}))
    items = [node_json(store, r) for r in devices]
    items += [table.render(m) for m in sorted(machines, key=lambda m: m.id)]
    items += [node_json(store, r) for r in racks + regions]
    return rendered_list_response(items)


@routes.route("GET", _NODE)
def read(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/``: the node rendered as its own type.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/
    """
    record = _record(ctx)
    if record is None:
        return _machine_instance.read_machine(_as_machine_request(ctx))
    return json_response(node_dict(ctx.store, record))


@routes.route("DELETE", _NODE)
def delete(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/`` (admin): a node of any type.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/
    """
    record = _record(ctx)
    if record is None:
        return _machine_instance.delete_machine(_as_machine_request(ctx))
    if record.node_type == DEVICE:
        require_admin_perm(ctx.require_user())
        node_table(ctx.store).remove(record)
    else:
        delete_controller(ctx, record, as_rack=record.node_type in RACK_TYPES)
    return no_content()


@routes.route("GET", _NODE, op="details")
def details(ctx: RequestContext) -> WireResponse:
    """``op=details``: BSON lshw/lldp of a node of any type.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/?op=details
    """
    record = _record(ctx)
    if record is None:
        return _machine_instance.details(_as_machine_request(ctx))
    return details_response(record)


@routes.route("GET", _NODE, op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters`` (admin) of a node of any type.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/?op=power_parameters
    """
    record = _record(ctx)
    if record is None:
        return _machine_instance.power_parameters(_as_machine_request(ctx))
    return power_parameters_response(ctx, record)


register_collection_ops(_NODES)
