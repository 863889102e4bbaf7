"""What rack and region controllers share: the update form, deletion, power and testing.

Permissions follow MAAS 3.7.3 without RBAC: controllers are in no resource pool, so every
user may view them, and an unowned controller passes the *edit* check (power and abort);
update, test and override need an admin. Power answers depend on the controller's BMC: none
(``power_type`` ``""``) → 503 ``No BMC is defined.  Cannot power control node.``; ``manual``
→ nothing to do; any other driver → the power state changes at once.

MAAS API: REFERENCE.md §8; RackControllerHandler, RegionControllerHandler, PowerMixin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import string_bool
from ._machine_forms import FormErrors, require_power_type, validate_power
from ._machine_model import NodeStatus, ScriptStatus
from ._machine_table import machine_table
from ._r_node_common import (
    INVALID_CHOICE,
    details_response,
    listed_records,
    lookup,
    power_parameters_response,
    register_collection_ops,
    require_admin_perm,
    require_edit,
)
from ._r_node_records import RACK, REGION, REGION_AND_RACK, NodeRecord, node_table
from ._responses import (
    Conflict,
    FakeAPIError,
    FieldErrors,
    json_response,
    no_content,
    pretty_json,
    rendered_list_response,
)
from ._router import RequestContext, routes
from ._store import Store

__all__ = [
    "abort",
    "controller_routes",
    "delete_controller",
    "override_failed_testing",
    "power_off",
    "power_on",
    "query_power_state",
    "start_testing",
    "update_controller",
]

Renderer = Callable[[Store, NodeRecord], dict[str, Any]]

_NO_BMC = "No BMC is defined.  Cannot power control node."


def update_controller(ctx: RequestContext, record: NodeRecord) -> None:
    """Apply ``PUT`` (ControllerForm: description, domain, zone, power) to a controller."""
    store, data = ctx.store, ctx.data
    errors = FormErrors()
    values: dict[str, object] = {}
    if data.get("description") is not None:
        values["description"] = data.get("description")
    for name, find in (("domain", store.find_domain), ("zone", store.zone_by_name)):
        spec = data.get(name)
        if not spec:
            continue
        found = find(spec)
        if found is None or (name == "domain" and spec.isdigit()):
            errors.add(name, INVALID_CHOICE)
        else:
            values[f"{name}_id"] = found.id
    power_type, parameters = validate_power(
        data, record.power_type, record.power_parameters, errors
    )
    if errors:
        raise FieldErrors(errors.errors)
    values["power_type"], values["power_parameters"] = power_type, parameters
    for name, value in values.items():
        setattr(record, name, value)


def delete_controller(ctx: RequestContext, record: NodeRecord, *, as_rack: bool) -> None:
    """Delete a controller (admin); a region-and-rack controller only loses the deleted role."""
    require_admin_perm(ctx.require_user())
    string_bool(ctx.query, "force", False)
    if record.node_type == REGION_AND_RACK:
        record.node_type = REGION if as_rack else RACK
    else:
        node_table(ctx.store).remove(record)


def _bmc_problem(ctx: RequestContext, record: NodeRecord) -> FakeAPIError | None:
    if not record.power_type:
        return FakeAPIError(503, _NO_BMC)
    if record.power_type != "manual" and not machine_table(ctx.store).rack_connected:
        return FakeAPIError(
            503, f"No rack controllers can access the BMC of node {record.hostname}"
        )
    return None


def query_power_state(ctx: RequestContext, record: NodeRecord) -> WireResponse:
    """``op=query_power_state``: ``{"state": ...}`` (``unknown`` for ``manual``)."""
    problem = _bmc_problem(ctx, record)
    if problem is not None:
        raise problem
    state = "unknown" if record.power_type == "manual" else record.power_state
    return json_response({"state": state})


def power_on(ctx: RequestContext, record: NodeRecord) -> None:
    """``op=power_on``: only a pure rack controller may be started without an owner."""
    require_edit(ctx.require_user(), record)
    if record.owner is None and record.node_type != RACK:
        raise Conflict("Can't start node: it hasn't been allocated.")
    problem = _bmc_problem(ctx, record)
    if problem is not None:
        raise problem
    if record.power_type != "manual":
        record.power_state = "on"


def power_off(ctx: RequestContext, record: NodeRecord) -> bool:
    """``op=power_off``: return whether a power action was sent (not for ``manual``)."""
    require_edit(ctx.require_user(), record)
    problem = _bmc_problem(ctx, record)
    if problem is not None:
        raise problem
    if record.power_type == "manual":
        return False
    record.power_state = "off"
    return True


def _finish_testing(store: Store, record: NodeRecord, testing_id: int) -> None:
    with store.lock:
        if record.status != NodeStatus.TESTING or record.current_testing_result_id != testing_id:
            return
        if record.tests_fail:
            record.tests_fail = False
            record.script_statuses["testing"] = ScriptStatus.FAILED
            record.status = NodeStatus.FAILED_TESTING
        else:
            record.script_statuses["testing"] = ScriptStatus.PASSED
            record.status = record.previous_status or NodeStatus.DEPLOYED
        record.status_action = ""


def start_testing(ctx: RequestContext, record: NodeRecord) -> None:
    """``op=test`` (admin): run tests for the machines' testing time, then pass or fail."""
    require_admin_perm(ctx.require_user())
    require_power_type(record.power_type)
    if record.status != NodeStatus.TESTING:
        record.previous_status = (
            NodeStatus.DEPLOYED if record.status == NodeStatus.FAILED_TESTING else record.status
        )
    record.status = NodeStatus.TESTING
    record.status_action = "start testing"
    testing_id = ctx.store.next_id("scriptset")
    record.current_testing_result_id = testing_id
    record.script_statuses["testing"] = ScriptStatus.RUNNING
    store = ctx.store
    delay = machine_table(store).timings.testing
    ctx.clock.call_later(delay, lambda: _finish_testing(store, record, testing_id))


def abort(ctx: RequestContext, record: NodeRecord) -> None:
    """``op=abort``: stop running tests (edit); anything else is a 409."""
    require_edit(ctx.require_user(), record)
    if record.status != NodeStatus.TESTING:
        raise Conflict(
            f"Cannot abort in current state: node {record.system_id} is in state "
            f"{record.status.label}."
        )
    record.script_statuses["testing"] = ScriptStatus.ABORTED
    record.status = record.previous_status or NodeStatus.DEPLOYED
    record.status_action = "abort"


def override_failed_testing(ctx: RequestContext, record: NodeRecord) -> None:
    """``op=override_failed_testing`` (admin): Failed testing becomes Deployed."""
    require_admin_perm(ctx.require_user())
    if record.status != NodeStatus.FAILED_TESTING:
        raise Conflict("Unable to override node status. Node is not in 'Failed testing' status.")
    record.status = NodeStatus.DEPLOYED if record.osystem else NodeStatus.READY


def controller_routes(
    collection: str, types: frozenset[int], model: str, render: Renderer, *, as_rack: bool
) -> Callable[[RequestContext], NodeRecord]:
    """Register what ``rackcontrollers/`` and ``regioncontrollers/`` both answer.

    The collection lists the controllers of ``types`` (admins only see any) and answers the
    ops of every node collection; an instance answers ``GET``, ``PUT`` (admin: description,
    domain, zone, power), ``DELETE`` (204; a region-and-rack controller keeps its other role),
    ``op=details`` (BSON lshw/lldp) and ``op=power_parameters`` (admin).

    MAAS API: GET /MAAS/api/2.0/<collection>/,
        GET PUT DELETE /MAAS/api/2.0/<collection>/{system_id}/,
        GET /MAAS/api/2.0/<collection>/{system_id}/?op=details,
        GET /MAAS/api/2.0/<collection>/{system_id}/?op=power_parameters

    Args:
        collection: ``rackcontrollers/`` or ``regioncontrollers/``.
        types: The node types the routes serve.
        model: Model name of the 404 ``No <model> matches the given query.``.
        render: The controller's JSON rendering.
        as_rack: Whether ``DELETE`` removes the rack role (else the region role).

    Returns:
        The lookup of an instance route's controller, for the routes only one kind has.
    """
    instance = f"{collection}{{system_id}}/"

    def find(ctx: RequestContext) -> NodeRecord:
        return lookup(ctx, types, model)

    @routes.route("GET", collection)
    def list_controllers(ctx: RequestContext) -> WireResponse:
        records = listed_records(ctx, types)
        return rendered_list_response(
            [pretty_json(render(ctx.store, r)).encode("utf-8") for r in records]
        )

    @routes.route("GET", instance)
    def read(ctx: RequestContext) -> WireResponse:
        return json_response(render(ctx.store, find(ctx)))

    @routes.route("PUT", instance)
    def update(ctx: RequestContext) -> WireResponse:
        ctx.require_admin()
        record = find(ctx)
        update_controller(ctx, record)
        return json_response(render(ctx.store, record))

    @routes.route("DELETE", instance)
    def delete(ctx: RequestContext) -> WireResponse:
        delete_controller(ctx, find(ctx), as_rack=as_rack)
        return no_content()

    @routes.route("GET", instance, op="details")
    def details(ctx: RequestContext) -> WireResponse:
        return details_response(find(ctx))

    @routes.route("GET", instance, op="power_parameters")
    def power_parameters(ctx: RequestContext) -> WireResponse:
        return power_parameters_response(ctx, find(ctx))

    register_collection_ops(collection)
    return find
