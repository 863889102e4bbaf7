"""``machines/{system_id}/`` lifecycle ops: deploy, release, commission, abort, test, ...

Permission checks come first (empty 403), then the state checks with MAAS's literal messages
(LIFECYCLE.md §3, REFERENCE.md §22.6-§22.7); the status changes themselves are in
:mod:`._machine_lifecycle`.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from . import _machine_lifecycle as life
from ._forms import FormData, django_bool, string_bool
from ._machine_forms import UBUNTU_SERIES, parse_series, require_power_type, validate_kernel
from ._machine_model import RELEASABLE_STATUSES, Machine, NodeStatus, transition_allowed
from ._machine_routes import new_metadata_token
from ._machine_table import MachineTable, Perm, request_machine
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

__all__ = ["bmc_unreachable"]

S = NodeStatus
_INSTANCE = "machines/{system_id}/"
_DEPLOY_BOOLS = (
    "install_kvm",
    "register_vmhost",
    "ephemeral_deploy",
    "bridge_all",
    "bridge_stp",
    "enable_hw_sync",
    "enable_kernel_crash_dump",
    "vcenter_registration",
    "install_rackd",
)
_COMMISSIONABLE = frozenset({S.NEW, S.FAILED_COMMISSIONING, S.READY, S.BROKEN})
_TESTABLE = frozenset(
    {S.FAILED_COMMISSIONING, S.NEW, S.READY, S.RESERVED, S.ALLOCATED, S.FAILED_DEPLOYMENT}
    | {S.DEPLOYED, S.MISSING, S.RETIRED, S.BROKEN, S.RESCUE_MODE, S.FAILED_RELEASING}
    | {S.FAILED_DISK_ERASING, S.FAILED_ENTERING_RESCUE_MODE, S.FAILED_EXITING_RESCUE_MODE}
    | {S.FAILED_TESTING}
)
_ABORTABLE = frozenset({S.COMMISSIONING, S.DEPLOYING, S.DISK_ERASING, S.TESTING})
_IN_RESCUE = frozenset(
    {S.RESCUE_MODE, S.ENTERING_RESCUE_MODE, S.FAILED_ENTERING_RESCUE_MODE}
    | {S.FAILED_EXITING_RESCUE_MODE}
)


def bmc_unreachable(table: MachineTable, machine: Machine) -> FakeAPIError | None:
    """Return the 503 a region answers when no rack can reach the BMC (scripted or no rack)."""
    if table.rack_connected and table.take_failure(machine, "power") is None:
        return None
    return FakeAPIError(503, f"No rack controllers can access the BMC of node {machine.hostname}")


def _require_bmc(table: MachineTable, machine: Machine) -> None:
    unreachable = bmc_unreachable(table, machine)
    if unreachable is not None:
        raise unreachable


def _comment(ctx: RequestContext) -> str:
    return ctx.data.get("comment") or ""


def _take_user_data(ctx: RequestContext, machine: Machine) -> None:
    user_data = ctx.data.get("user_data")
    if user_data is not None:
        machine.user_data = user_data


def _deploy_options(ctx: RequestContext, machine: Machine) -> dict[str, bool]:
    flags = {name: string_bool(ctx.data, name, False) for name in _DEPLOY_BOOLS}
    if flags["install_rackd"]:
        raise BadRequest(
            "Deploying a machine as a rackd has been disabled and it's not supported anymore."
        )
    vm_host = flags["install_kvm"] or flags["register_vmhost"]
    if vm_host and not ctx.is_admin:
        raise Forbidden("Only administratros can deploy VM hosts")
    if vm_host and flags["ephemeral_deploy"]:
        raise BadRequest("A machine can not be a VM host if it is deployed to memory.")
    return flags


def _series_and_kernel(
    table: MachineTable, params: FormData, machine: Machine
) -> tuple[str, str | None]:
    default = str(table.store.config.get("default_distro_series") or "jammy")
    value = params.get("distro_series")
    series = parse_series(value) if value else (machine.distro_series or default)
    if series is None:
        choices = ", ".join(["''"] + [f"'ubuntu/{name}'" for name in UBUNTU_SERIES])
        raise FieldErrors(
            {
                "distro_series": (
                    f"'{value}' is not a valid distro_series.  It should be one of: {choices}."
                )
            }
        )
    kernel = params.get("hwe_kernel") or None
    if kernel is not None and not validate_kernel(kernel):
        raise FieldErrors(
            {
                "hwe_kernel": (
                    f"{kernel} is not available for ubuntu/{series} on {machine.architecture}."
                )
            }
        )
    return series, kernel


@routes.route("POST", _INSTANCE, op="deploy")
def deploy(ctx: RequestContext) -> WireResponse:
    """``op=deploy``: allocate a Ready machine to the caller if needed, then deploy it.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=deploy
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    user = ctx.require_user().username
    flags = _deploy_options(ctx, machine)
    series, kernel = _series_and_kernel(table, ctx.data, machine)
    comment = _comment(ctx)
    if machine.status == S.READY:
        if machine.owner not in (None, user):
            raise Conflict("Can't allocate a machine belonging to another user.")
        life.allocate(
            table, machine, user, agent_name=ctx.data.get("agent_name") or "", comment=comment
        )
    elif machine.status != S.ALLOCATED:
        raise Conflict(f"Can't deploy a machine that is in the '{machine.status.label}' state")
    _take_user_data(ctx, machine)
    machine.osystem = "ubuntu"
    machine.distro_series = series
    machine.hwe_kernel = kernel or f"ga-{UBUNTU_SERIES[series]}"
    has_disks = any(d.type == "physical" for d in machine.block_devices)
    machine.ephemeral_deploy = flags["ephemeral_deploy"] or not has_disks
    machine.enable_hw_sync = flags["enable_hw_sync"]
    machine.enable_kernel_crash_dump = flags["enable_kernel_crash_dump"]
    if machine.enable_hw_sync:
        machine.sync_interval = 900
    if machine.metadata_token is None:
        machine.metadata_token = new_metadata_token(ctx.store)
    life.start_deployment(table, machine, user, comment)
    return table.response(machine)


def _erase_flag(table: MachineTable, params: FormData, name: str) -> bool:
    if table.is_35_plus:
        return django_bool(params.get(name))
    return string_bool(params, name, False)


@routes.route("POST", _INSTANCE, op="release")
def release(ctx: RequestContext) -> WireResponse:
    """``op=release``: release the machine (no-op when already Ready or Releasing).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=release
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    user = ctx.require_user().username
    erase = any(_erase_flag(table, ctx.data, n) for n in ("erase", "secure_erase", "quick_erase"))
    _erase_flag(table, ctx.data, "force")
    if machine.status in (S.READY, S.RELEASING):
        return table.response(machine)
    if machine.status not in RELEASABLE_STATUSES:
        raise Conflict(
            f"Machine cannot be released in its current state ('{machine.status.label}')."
        )
    erase = erase or bool(ctx.store.config.get("enable_disk_erasing_on_release"))
    life.release(table, machine, user, erase=erase, comment=_comment(ctx))
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="commission")
def commission(ctx: RequestContext) -> WireResponse:
    """``op=commission``: Commissioning now, Testing and Ready on the clock (admin).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=commission
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status not in _COMMISSIONABLE:
        raise FieldErrors(
            {"__all__": "Commission is not available because of the current state of the node."}
        )
    require_power_type(machine.power_type)
    for name in ("enable_ssh", "skip_bmc_config", "skip_networking"):
        django_bool(ctx.data.get(name))
    table.require_ephemeral()
    testing = (ctx.data.get("testing_scripts") or "").strip().lower()
    if machine.metadata_token is None:
        machine.metadata_token = new_metadata_token(ctx.store)
    life.start_commissioning(
        table,
        machine,
        ctx.require_user().username,
        run_tests=testing != "none",
        skip_storage=django_bool(ctx.data.get("skip_storage")),
    )
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="abort")
def abort(ctx: RequestContext) -> WireResponse:
    """``op=abort``: stop commissioning, deploying, testing or erasing (answers the old state).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=abort
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    if machine.status not in _ABORTABLE:
        raise Conflict(
            f"Cannot abort in current state: node {machine.system_id} is in state "
            f"{machine.status.label}."
        )
    answer = table.response(machine)
    life.abort(table, machine, ctx.require_user().username, _comment(ctx))
    return answer


@routes.route("POST", _INSTANCE, op="test")
def test(ctx: RequestContext) -> WireResponse:
    """``op=test``: run tests (admin); Testing now, back (or Failed testing) on the clock.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=test
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status not in _TESTABLE:
        raise FieldErrors(
            {"__all__": "Test is not available because of the current state of the node."}
        )
    if machine.current_commissioning_result_id is None:
        raise BadRequest(
            "Unable to start machine testing; this node has never been commissioned. Please use "
            "the 'Commission' action to commission & test this machine."
        )
    django_bool(ctx.data.get("enable_ssh"))
    scripts = [s.strip() for s in (ctx.data.get("testing_scripts") or "").split(",") if s.strip()]
    if scripts == ["none"]:
        raise BadRequest("No testing scripts found!")
    if machine.status == S.DEPLOYED and any("destructive" in s or "wipe" in s for s in scripts):
        raise FieldErrors(
            {"testing_scripts": "Destructive tests may only be run on undeployed machines."}
        )
    table.require_ephemeral()
    life.start_testing(table, machine, ctx.require_user().username)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="override_failed_testing")
def override_failed_testing(ctx: RequestContext) -> WireResponse:
    """``op=override_failed_testing``: Failed testing -> Ready (Deployed if an OS is set).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=override_failed_testing
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status != S.FAILED_TESTING:
        raise Conflict("Unable to override node status. Node is not in 'Failed testing' status.")
    user = ctx.require_user().username
    life.node_event(
        table,
        machine,
        "User overrode 'Failed testing' status",
        description=_comment(ctx),
        user=user,
    )
    target = S.DEPLOYED if machine.osystem else S.READY
    life.change_status(table, machine, target, user=user)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="mark_broken")
def mark_broken(ctx: RequestContext) -> WireResponse:
    """``op=mark_broken``: only the owner may; releasable machines are released first.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=mark_broken
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    user = ctx.require_user().username
    if machine.owner != user:
        raise Forbidden()
    comment = ctx.data.get("comment") or ctx.data.get("error_description") or ""
    life.mark_broken(table, machine, user, comment)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="mark_fixed")
def mark_fixed(ctx: RequestContext) -> WireResponse:
    """``op=mark_fixed``: Broken -> Ready (or Deployed if it broke while deployed).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=mark_fixed
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status != S.BROKEN:
        raise Conflict("Can't mark a non-broken node as 'Ready'.")
    life.mark_fixed(table, machine, ctx.require_user().username, _comment(ctx))
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="rescue_mode")
def rescue_mode(ctx: RequestContext) -> WireResponse:
    """``op=rescue_mode``: Entering rescue mode now, Rescue mode on the clock (admin).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=rescue_mode
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    user = ctx.require_user().username
    if not transition_allowed(machine.status, S.ENTERING_RESCUE_MODE):
        raise Conflict(f"Invalid transition: {machine.status.label} -> Entering rescue mode.")
    require_power_type(machine.power_type)
    unreachable = bmc_unreachable(table, machine)
    if unreachable is not None:
        previous = machine.status
        life.node_event(table, machine, "User starting rescue mode", user=user)
        life.change_status(table, machine, S.ENTERING_RESCUE_MODE, user=user)
        machine.status = previous
        machine.touch()
        raise unreachable
    life.start_rescue_mode(table, machine, user)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="exit_rescue_mode")
def exit_rescue_mode(ctx: RequestContext) -> WireResponse:
    """``op=exit_rescue_mode``: back to the status before rescue mode (admin).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=exit_rescue_mode
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status not in _IN_RESCUE:
        raise Conflict(f"Invalid transition: {machine.status.label} -> Exiting rescue mode.")
    life.exit_rescue_mode(table, machine, ctx.require_user().username)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="lock")
def lock(ctx: RequestContext) -> WireResponse:
    """``op=lock``: lock a Deployed or Deploying machine against changes.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=lock
    """
    table, machine = request_machine(ctx, Perm.VIEW)
    if machine.locked:
        raise Conflict("Machine is already locked")
    if machine.status not in (S.DEPLOYED, S.DEPLOYING):
        raise Conflict("Can't lock, node is not deployed or deploying")
    return _set_locked(ctx, table, machine, locked=True)


@routes.route("POST", _INSTANCE, op="unlock")
def unlock(ctx: RequestContext) -> WireResponse:
    """``op=unlock``: unlock a locked machine.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=unlock
    """
    table, machine = request_machine(ctx, Perm.VIEW)
    if not machine.locked:
        raise Conflict("Machine is not locked")
    return _set_locked(ctx, table, machine, locked=False)


def _set_locked(
    ctx: RequestContext, table: MachineTable, machine: Machine, *, locked: bool
) -> WireResponse:
    machine.locked = locked
    event = "User locking node" if locked else "User unlocking node"
    user = ctx.require_user().username
    life.node_event(table, machine, event, description=_comment(ctx), user=user)
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="power_on")
def power_on(ctx: RequestContext) -> WireResponse:
    """``op=power_on``: power on an owned machine (starts a deployment when Allocated).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=power_on
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    user = ctx.require_user().username
    if machine.owner is None:
        raise Conflict("Can't start node: it hasn't been allocated.")
    _take_user_data(ctx, machine)
    ephemeral = machine.ephemeral_deploy or not any(
        d.type == "physical" for d in machine.block_devices
    )
    if machine.status == S.DEPLOYED and ephemeral and machine.osystem != "ubuntu":
        raise BadRequest("Ephemeral deployments only supported on Ubuntu Bionic 18.04+")
    if machine.power_type not in ("", "manual"):
        _require_bmc(table, machine)
    comment = _comment(ctx)
    if machine.status == S.ALLOCATED or (machine.status == S.DEPLOYED and ephemeral):
        if not machine.osystem:
            machine.osystem = "ubuntu"
            machine.distro_series = str(ctx.store.config.get("default_distro_series") or "jammy")
        life.start_deployment(table, machine, user, comment)
        return table.response(machine)
    life.node_event(table, machine, "User powering up node", description=comment, user=user)
    life.power(machine, "on")
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="power_off")
def power_off(ctx: RequestContext) -> WireResponse:
    """``op=power_off``: power off; ``null`` when no power action is possible (manual).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=power_off
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    if machine.power_type in ("", "manual"):
        return null_response()
    _require_bmc(table, machine)
    user = ctx.require_user().username
    life.node_event(table, machine, "User powering down node", description=_comment(ctx), user=user)
    life.power(machine, "off")
    return table.response(machine)


@routes.route("GET", _INSTANCE, op="query_power_state")
def query_power_state(ctx: RequestContext) -> WireResponse:
    """``op=query_power_state``: ask the (simulated) BMC; manual power is ``unknown``.

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/?op=query_power_state
    """
    table, machine = request_machine(ctx, Perm.VIEW)
    _require_bmc(table, machine)
    state = "unknown" if machine.power_type in ("", "manual") else machine.power_state
    return json_response({"state": state})
