"""``machines/``: list with filters, create (enlist), allocate and the other collection ops.

REFERENCE.md §7.2-§7.3 and the literal answers of §22.1, §22.4, §22.5.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from . import _machine_lifecycle as life
from ._allocate import Selection, constraints_by_type, parse_selection, resolved_description
from ._forms import FormData, django_bool, require_param, string_bool
from ._machine_forms import (
    FormErrors,
    normalise_mac,
    validate_architecture,
    validate_machine_fields,
)
from ._machine_model import RELEASABLE_STATUSES, Interface, Machine, NodeStatus, ScriptStatus
from ._machine_render import anonymous_machine_dict
from ._machine_table import MachineTable, can_view, machine_table
from ._models import User
from ._responses import (
    BadRequest,
    Conflict,
    FakeAPIError,
    FieldErrors,
    Forbidden,
    json_response,
    null_response,
)
from ._router import RequestContext, routes
from ._store import Store

__all__ = ["create_machine_record", "new_metadata_token", "visible_machines"]

S = NodeStatus
_ADJECTIVES = (
    "able", "brave", "calm", "clean", "cool", "eager", "fair", "fine", "glad", "good", "keen",
    "kind", "live", "neat", "nice", "pure", "quick", "rare", "safe", "sharp", "smart", "sure",
    "tidy", "vast", "warm", "wise",
)  # fmt: skip
_ANIMALS = (
    "ant", "bat", "bee", "cat", "cod", "cow", "doe", "eel", "elk", "emu", "fox", "gnu", "hen",
    "jay", "koi", "lark", "mole", "moth", "newt", "owl", "pig", "ram", "seal", "swan", "yak",
)  # fmt: skip


def visible_machines(table: MachineTable, user: User) -> list[Machine]:
    """Return the machines ``user`` may see, ordered by id."""
    if user.is_superuser:
        return list(table.machines.values())
    return [m for m in table.machines.values() if can_view(user, m)]


def new_metadata_token(store: Store) -> dict[str, str]:
    """Return a machine metadata token as ``get_token`` renders it."""
    return {
        "token_key": store.random_string(18),
        "token_secret": store.random_string(32),
        "consumer_key": store.random_string(18),
    }


def _petname(table: MachineTable) -> str:
    rng = table.store.random
    while True:
        name = f"{rng.choice(_ADJECTIVES)}-{rng.choice(_ANIMALS)}"
        if name not in table.by_hostname:
            return name
        name = f"{name}-{rng.randrange(100, 1000)}"
        if name not in table.by_hostname:
            return name


def create_machine_record(
    table: MachineTable,
    *,
    hostname: str | None,
    architecture: str,
    macs: list[str],
    values: dict[str, object] | None = None,
) -> Machine:
    """Create and register a New machine with one physical interface per MAC."""
    store = table.store
    machine = Machine(
        id=store.next_id("node"),
        system_id=table.new_system_id(),
        hostname=hostname or _petname(table),
        domain_id=store.default_domain_id,
        zone_id=store.default_zone_id,
        pool_id=store.default_pool_id,
        architecture=architecture,
    )
    for key, value in (values or {}).items():
        setattr(machine, key, value)
    for index, mac in enumerate(macs):
        machine.interfaces.append(Interface(store.next_id("interface"), f"eth{index}", mac))
    table.add(machine)
    return machine


@routes.route("GET", "machines/")
def list_machines(ctx: RequestContext) -> WireResponse:
    """``GET machines/``: every visible machine matching the filters, ordered by id.

    MAAS API: GET /MAAS/api/2.0/machines/
    """
    table = machine_table(ctx.store)
    selection = parse_selection(ctx.store, table, ctx.query, allocate=False)
    machines = visible_machines(table, ctx.require_user())
    if selection.predicates:
        machines = [m for m in machines if selection.matches(m)]
    return table.list_response(machines)


def _validate_macs(table: MachineTable, values: list[str], errors: FormErrors) -> list[str]:
    macs: list[str] = []
    for value in values:
        mac = normalise_mac(value)
        if mac is None:
            errors.add("mac_addresses", f"'{value}' is not a valid MAC address.")
        elif mac in table.by_mac:
            owner = table.by_mac[mac][0]
            errors.add("mac_addresses", f"MAC address {mac} already in use on {owner.hostname}.")
        else:
            macs.append(mac)
    return macs


def _enlisting_machine(table: MachineTable, params: FormData) -> Machine | None:
    for value in params.getlist("mac_addresses"):
        mac = normalise_mac(value)
        found = table.by_mac.get(mac) if mac else None
        if found is not None and found[0].status in (S.NEW, S.COMMISSIONING):
            return found[0]
    return None


@routes.route("POST", "machines/")
@routes.route("POST", "machines/", anonymous=True)
def create_machine(ctx: RequestContext) -> WireResponse:
    """``POST machines/``: enlist a machine (New, Commissioning, or Deployed with ``deployed``).

    MAAS API: POST /MAAS/api/2.0/machines/
        POST /MAAS/api/2.0/machines/ (anonymous)
    """
    store, params, user = ctx.store, ctx.data, ctx.user
    table = machine_table(store)
    is_admin = user is not None and user.is_superuser
    commission = string_bool(params, "commission", True)
    deployed = is_admin and django_bool(params.get("deployed"))
    if user is None:
        existing = _enlisting_machine(table, params)
        if existing is not None:
            return json_response(anonymous_machine_dict(existing, table.view()))
    errors = FormErrors()
    power_type = params.get("power_type") or ""
    bmc_only = power_type == "ipmi" or deployed
    architecture = ""
    arch_value = params.get("architecture")
    if arch_value:
        arch, message = validate_architecture(table, arch_value, params.get("subarchitecture"))
        if message is not None:
            errors.add("architecture", message)
        architecture = arch or ""
    elif not bmc_only:
        errors.add("architecture", "This field is required.")
    mac_values = [v for v in params.getlist("mac_addresses") if v]
    if not mac_values and not bmc_only:
        errors.add("mac_addresses", "This field is required.")
    macs = _validate_macs(table, mac_values, errors)
    changes = validate_machine_fields(store, table, params, None, errors)
    if errors:
        raise FieldErrors(errors.errors)
    if is_admin and commission and not deployed:
        table.require_ephemeral()
    values = dict(changes.values)
    hostname = values.pop("hostname", None)
    machine = create_machine_record(
        table,
        hostname=str(hostname) if hostname else None,
        architecture=architecture or "amd64/generic",
        macs=macs,
        values=values,
    )
    if deployed:
        assert user is not None
        machine.status = S.DEPLOYED
        machine.owner = user.username
        machine.current_commissioning_result_id = store.next_id("scriptset")
        machine.script_statuses["commissioning"] = ScriptStatus.PENDING
        machine.metadata_token = new_metadata_token(store)
        machine.touch()
    elif is_admin and commission:
        assert user is not None
        machine.metadata_token = new_metadata_token(store)
        testing = params.get("testing_scripts")
        life.start_commissioning(
            table,
            machine,
            user.username,
            run_tests=(testing or "").strip().lower() != "none",
            skip_storage=django_bool(params.get("skip_storage")),
        )
    if user is None:
        return json_response(anonymous_machine_dict(machine, table.view()))
    return table.response(machine)


def _ids(table: MachineTable, ids: list[str]) -> list[Machine]:
    unknown = [system_id for system_id in ids if system_id not in table.machines]
    if unknown:
        raise BadRequest(f"Unknown machine(s): {', '.join(unknown)}.")
    return [table.machines[system_id] for system_id in ids]


@routes.route("POST", "machines/", op="accept", anonymous=True)
def accept_anonymous(ctx: RequestContext) -> WireResponse:
    """Anonymous ``op=accept``: always 401.

    MAAS API: POST /MAAS/api/2.0/machines/?op=accept (anonymous)
    """
    raise FakeAPIError(401, "You must be logged in to accept machines.")


def _commission_accepted(table: MachineTable, accepted: list[Machine], user: str) -> WireResponse:
    if accepted:
        table.require_ephemeral()
    for machine in accepted:
        life.start_commissioning(table, machine, user)
    return table.list_response(accepted)


@routes.route("POST", "machines/", op="accept")
def accept(ctx: RequestContext) -> WireResponse:
    """``op=accept``: start commissioning the given New machines (admin).

    MAAS API: POST /MAAS/api/2.0/machines/?op=accept
    """
    table = machine_table(ctx.store)
    user = ctx.require_user()
    machines = _ids(table, ctx.data.getlist("machines"))
    if not user.is_superuser and machines:
        listed = ", ".join(m.system_id for m in machines)
        raise Forbidden(
            f"You don't have the required permission to accept the following machine(s): {listed}."
        )
    for machine in machines:
        if machine.status not in (S.NEW, S.READY, S.COMMISSIONING):
            raise Conflict(
                f"Cannot accept node enlistment: node {machine.system_id} is in state "
                f"{machine.status.label}."
            )
    accepted = [m for m in machines if m.status == S.NEW]
    return _commission_accepted(table, accepted, user.username)


@routes.route("POST", "machines/", op="accept_all")
def accept_all(ctx: RequestContext) -> WireResponse:
    """``op=accept_all``: commission every New machine (a non-admin accepts none).

    MAAS API: POST /MAAS/api/2.0/machines/?op=accept_all
    """
    table = machine_table(ctx.store)
    user = ctx.require_user()
    if not user.is_superuser:
        return table.list_response([])
    accepted = [m for m in table.machines.values() if m.status == S.NEW and not m.locked]
    return _commission_accepted(table, accepted, user.username)


@routes.route("POST", "machines/", op="allocate")
def allocate(ctx: RequestContext) -> WireResponse:
    """``op=allocate``: give the cheapest matching Ready machine to the caller.

    MAAS API: POST /MAAS/api/2.0/machines/?op=allocate
    """
    if ctx.body_is_json:
        raise FakeAPIError(500, "'dict' object has no attribute 'lists'")
    store, params = ctx.store, ctx.data.without("op")
    table = machine_table(store)
    user = ctx.require_user()
    dry_run = string_bool(params, "dry_run", False)
    string_bool(params, "verbose", False)
    selection = parse_selection(store, table, params, allocate=True)
    candidates = [
        m
        for m in table.machines.values()
        if m.status == S.READY and not m.locked and can_view(user, m) and selection.matches(m)
    ]
    if not candidates:
        raise Conflict(_no_match_message(params, selection.constraints))
    chosen = min(candidates, key=lambda m: (m.cpu_count + m.memory / 1024, m.id))
    by_type = constraints_by_type(store, selection, chosen)
    if not dry_run:
        life.allocate(
            table,
            chosen,
            user.username,
            agent_name=params.get("agent_name") or "",
            comment=params.get("comment") or "",
        )
    return table.response(chosen, constraints_by_type=by_type)


def _no_match_message(params: FormData, constraints: dict[str, list[str]]) -> str:
    if "system_id" in constraints:
        return f"No machine with system ID {constraints['system_id'][-1]} available."
    if not constraints:
        return "No machine available."
    submitted = [(name, params.getlist(name)) for name in params]
    resolved = resolved_description(Selection(constraints=constraints))
    return f'No available machine matches constraints: {submitted!r} (resolved to "{resolved}")'


@routes.route("POST", "machines/", op="release")
def release_many(ctx: RequestContext) -> WireResponse:
    """``op=release``: release several machines; all or nothing.

    MAAS API: POST /MAAS/api/2.0/machines/?op=release
    """
    table = machine_table(ctx.store)
    user = ctx.require_user()
    machines = _ids(table, ctx.data.getlist("machines"))
    denied = [m.system_id for m in machines if not can_view(user, m) or m.locked]
    if denied:
        raise Forbidden(
            "You don't have the required permission to release the following machine(s): "
            f"{', '.join(denied)}."
        )
    bad = sorted(
        (m for m in machines if m.status not in RELEASABLE_STATUSES | {S.READY, S.RELEASING}),
        key=lambda m: m.system_id,
    )
    if bad:
        listed = ", ".join(f"{m.system_id} ('{m.status.label}')" for m in bad)
        raise Conflict(f"Machine(s) cannot be released in their current state: {listed}.")
    released: list[str] = []
    comment = ctx.data.get("comment") or ""
    for machine in machines:
        if machine.status in RELEASABLE_STATUSES:
            life.release(table, machine, user.username, comment=comment)
            released.append(machine.system_id)
    return json_response(released)


@routes.route("GET", "machines/", op="list_allocated")
def list_allocated(ctx: RequestContext) -> WireResponse:
    """``op=list_allocated``: the caller's machines in status Allocated.

    MAAS API: GET /MAAS/api/2.0/machines/?op=list_allocated
    """
    table = machine_table(ctx.store)
    user = ctx.require_user()
    ids = set(ctx.query.getlist("id"))
    machines = [
        m
        for m in table.machines.values()
        if m.status == S.ALLOCATED and m.owner == user.username and (not ids or m.system_id in ids)
    ]
    return table.list_response(machines)


@routes.route("GET", "machines/", op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters``: power parameters of the given (or all) machines (admin).

    MAAS API: GET /MAAS/api/2.0/machines/?op=power_parameters
    """
    ctx.require_admin()
    table = machine_table(ctx.store)
    ids = ctx.query.getlist("id")
    machines = [table.machines[i] for i in ids if i in table.machines] if ids else table.machines
    chosen = machines if isinstance(machines, list) else list(machines.values())
    return json_response({m.system_id: dict(m.power_parameters) for m in chosen})


@routes.route("GET", "machines/", op="is_registered")
@routes.route("GET", "machines/", op="is_registered", anonymous=True)
def is_registered(ctx: RequestContext) -> WireResponse:
    """``op=is_registered``: whether a non-retired machine has the MAC (anonymous: not New).

    MAAS API: GET /MAAS/api/2.0/machines/?op=is_registered
        GET /MAAS/api/2.0/machines/?op=is_registered (anonymous)
    """
    value = require_param(ctx.query, "mac_address")
    mac = normalise_mac(value)
    found = machine_table(ctx.store).by_mac.get(mac) if mac else None
    registered = found is not None and found[0].status != S.RETIRED
    if registered and ctx.user is None and found is not None:
        registered = found[0].status not in (S.NEW, S.COMMISSIONING)
    return json_response(registered)


@routes.route("GET", "machines/", op="is_action_in_progress", anonymous=True)
def is_action_in_progress(ctx: RequestContext) -> WireResponse:
    """Anonymous ``op=is_action_in_progress``: the MAC's machine commissions or deploys.

    MAAS API: GET /MAAS/api/2.0/machines/?op=is_action_in_progress (anonymous)
    """
    value = require_param(ctx.query, "mac_address")
    mac = normalise_mac(value)
    found = machine_table(ctx.store).by_mac.get(mac) if mac else None
    busy = found is not None and found[0].status in (S.COMMISSIONING, S.DEPLOYING)
    return json_response(busy)


@routes.route("POST", "machines/", op="set_zone")
def set_zone(ctx: RequestContext) -> WireResponse:
    """``op=set_zone``: move machines to a zone (admin).

    MAAS API: POST /MAAS/api/2.0/machines/?op=set_zone
    """
    user = ctx.require_user()
    table = machine_table(ctx.store)
    errors: dict[str, list[str]] = {}
    zone = ctx.store.zone_by_name(ctx.data.get("zone") or "")
    if zone is None:
        errors["zone"] = [
            "Select a valid choice. That choice is not one of the available choices."
            if ctx.data.get("zone")
            else "This field is required."
        ]
    ids = ctx.data.getlist("nodes")
    if not user.is_superuser or any(i not in table.machines for i in ids):
        errors["system_id"] = ["Some of the given system ids are invalid system ids."]
    if errors:
        raise FieldErrors(errors)
    assert zone is not None
    for system_id in ids:
        machine = table.machines[system_id]
        machine.zone_id = zone.id
        machine.touch()
    return null_response()
