"""VM hosts: ``vm-hosts/``, ``vm-hosts/{id}/`` and their deprecated twins ``pods/``, ``pods/{id}/``.

Both URL families run the same handlers; only the ``resource_uri`` of the answers differs.
Composing VMs is in ``_r_vm_compose``. REFERENCE.md §18.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool, require_param, require_tag
from ._machine_table import machine_table
from ._responses import (
    BadRequest,
    FieldErrors,
    get_or_404,
    json_response,
    no_content,
)
from ._router import Handler, RequestContext, routes
from ._store import Store
from ._validate import REQUIRED
from ._vmhost_state import (
    MACVLAN_MODES,
    VMHostRecord,
    ensure_console_tag,
    host_vms,
    new_vm_host,
    render_vm_host,
    vmhost_tables,
)

ROOTS = ("vm-hosts/", "pods/")
_VM_HOST_TYPES = ("lxd", "virsh")
_BAD_CHOICE = "Select a valid choice. That choice is not one of the available choices."
_ADJECTIVES = ("able", "brave", "calm", "eager", "fair", "gentle", "happy", "keen", "lucky")
_ANIMALS = ("bat", "cat", "doe", "eel", "fox", "gnu", "owl", "ram", "yak")


def root_of(ctx: RequestContext) -> str:
    """The URL family of the request (``vm-hosts/`` or ``pods/``)."""
    return "pods/" if ctx.pattern.startswith("pods/") else "vm-hosts/"


def on_both(method: str, suffix: str, op: str | None = None) -> Callable[[Handler], Handler]:
    """Register a handler on ``vm-hosts/<suffix>`` and ``pods/<suffix>``."""

    def register(handler: Handler) -> Handler:
        for root in ROOTS:
            routes.route(method, root + suffix, op)(handler)
        return handler

    return register


def find_host(ctx: RequestContext) -> VMHostRecord:
    """The host of ``{id}``, or 404 ``Not Found`` (as MAAS's ``get_pod_or_404`` answers)."""
    return get_or_404(vmhost_tables(ctx.store).hosts, ctx.args["id"], text="Not Found")


def host_response(ctx: RequestContext, host: VMHostRecord) -> WireResponse:
    """Answer one VM host, rendered for the URL family used."""
    return json_response(render_vm_host(ctx.store, host, root=root_of(ctx)))


def pet_name(store: Store, taken: Callable[[str], bool]) -> str:
    """A free ``adjective-animal`` name, like MAAS's petnames."""
    while True:
        name = f"{store.random.choice(_ADJECTIVES)}-{store.random.choice(_ANIMALS)}"
        if not taken(name):
            return name


@on_both("GET", "")
def list_vm_hosts(ctx: RequestContext) -> WireResponse:
    """List VM hosts by id.

    MAAS API: GET /MAAS/api/2.0/vm-hosts/ (also pods/)
    """
    ctx.require_user()
    tables = vmhost_tables(ctx.store)
    root = root_of(ctx)
    hosts = sorted(tables.hosts.values(), key=lambda host: host.id)
    return json_response([render_vm_host(ctx.store, host, root=root) for host in hosts])


@on_both("POST", "")
def create_vm_host(ctx: RequestContext) -> WireResponse:
    """Add a VM host (admin); the fake "discovers" fixed resources at once.

    MAAS API: POST /MAAS/api/2.0/vm-hosts/ (also pods/)
    """
    ctx.require_admin()
    store, data = ctx.store, ctx.data
    errors: dict[str, list[str]] = {}
    host_type = data.get("type") or ""
    if not host_type:
        errors["type"] = [REQUIRED]
    elif host_type not in _VM_HOST_TYPES:
        errors["type"] = [
            f"Select a valid choice. {host_type} is not one of the available choices."
        ]
    address = data.get("power_address") or ""
    if host_type in _VM_HOST_TYPES and not address:
        errors["power_address"] = [REQUIRED]
    zone_id, pool_id = _zone_and_pool(store, data, errors)
    if errors:
        raise FieldErrors(errors)
    tables = vmhost_tables(store)
    for existing in tables.hosts.values():
        if existing.type == host_type and existing.power_parameters["power_address"] == address:
            raise BadRequest(f"Pod {existing.name} with type and parameters already exist.")
    parameters: dict[str, Any] = {"power_address": address}
    for key in ("power_user", "power_pass", "certificate", "key"):
        if data.get(key):
            parameters[key] = data.get(key)
    if host_type == "lxd":
        parameters["project"] = data.get("project") or "default"
        parameters.setdefault("certificate", _pem(store, "CERTIFICATE"))
        parameters.setdefault("key", _pem(store, "PRIVATE KEY"))
    names = {host.name for host in tables.hosts.values()}
    host = new_vm_host(
        store,
        name=data.get("name") or pet_name(store, names.__contains__),
        type=host_type,
        power_parameters=parameters,
        zone_id=zone_id,
        pool_id=pool_id,
        tags=_tags(data.get("tags")),
    )
    return host_response(ctx, host)


@on_both("GET", "{id}/")
def read_vm_host(ctx: RequestContext) -> WireResponse:
    """Read a VM host.

    MAAS API: GET /MAAS/api/2.0/vm-hosts/{id}/ (also pods/{id}/)
    """
    ctx.require_user()
    return host_response(ctx, find_host(ctx))


@on_both("PUT", "{id}/")
def update_vm_host(ctx: RequestContext) -> WireResponse:
    """Update a VM host (admin); its type cannot change.

    MAAS API: PUT /MAAS/api/2.0/vm-hosts/{id}/ (also pods/{id}/)
    """
    ctx.require_admin()
    host = find_host(ctx)
    store, data = ctx.store, ctx.data
    errors: dict[str, list[str]] = {}
    host_type = data.get("type")
    if host_type is not None and host_type != host.type:
        errors["type"] = [
            "Cannot change the type of a pod. Delete and re-create the pod with a different type."
        ]
    zone_id, pool_id = _zone_and_pool(store, data, errors)
    ratios = {key: _ratio(data, key, errors) for key in _RATIOS}
    storage_pool = data.get("default_storage_pool")
    if storage_pool and not any(
        storage_pool in (pool.pool_id, pool.name) for pool in host.storage_pools
    ):
        errors["default_storage_pool"] = [_BAD_CHOICE]
    macvlan = data.get("default_macvlan_mode")
    if macvlan and macvlan not in MACVLAN_MODES:
        errors["default_macvlan_mode"] = [
            f"Select a valid choice. {macvlan} is not one of the available choices."
        ]
    if errors:
        raise FieldErrors(errors)
    if data.get("name"):
        host.name = data.get("name") or host.name
    if zone_id is not None:
        host.zone_id = zone_id
    if pool_id is not None:
        host.pool_id = pool_id
    if "tags" in data:
        host.tags = _tags(data.get("tags"))
        ensure_console_tag(store, host)
    for key, value in ratios.items():
        if value is not None:
            setattr(host, key, value)
    if storage_pool:
        chosen = next(p for p in host.storage_pools if storage_pool in (p.pool_id, p.name))
        host.default_storage_pool = chosen.pool_id
    if macvlan is not None:
        host.default_macvlan_mode = macvlan or None
    for key in ("power_address", "power_pass"):
        if data.get(key):
            host.power_parameters[key] = data.get(key)
    return host_response(ctx, host)


@on_both("DELETE", "{id}/")
def delete_vm_host(ctx: RequestContext) -> WireResponse:
    """Delete a VM host (admin); ``decompose`` also deletes its composed machines.

    MAAS API: DELETE /MAAS/api/2.0/vm-hosts/{id}/ (also pods/{id}/)
    """
    ctx.require_admin()
    host = find_host(ctx)
    remove_host(ctx.store, host, decompose=django_bool(ctx.query.get("decompose")))
    return no_content()


def remove_host(store: Store, host: VMHostRecord, *, decompose: bool) -> None:
    """Forget a host and its VM records; with ``decompose``, delete their machines too."""
    tables = vmhost_tables(store)
    table = machine_table(store)
    for vm in host_vms(tables, host):
        machine = table.machines.get(vm.machine_system_id or "")
        if decompose and machine is not None:
            table.remove(machine)
        del tables.vms[vm.id]
    del tables.hosts[host.id]


@on_both("POST", "{id}/", op="refresh")
def refresh_vm_host(ctx: RequestContext) -> WireResponse:
    """Rediscover a VM host (admin): the fake's hosts never change on their own.

    MAAS API: POST /MAAS/api/2.0/vm-hosts/{id}/?op=refresh (also pods/{id}/)
    """
    ctx.require_admin()
    return host_response(ctx, find_host(ctx))


@on_both("GET", "{id}/", op="parameters")
def vm_host_parameters(ctx: RequestContext) -> WireResponse:
    """Return a VM host's power parameters (admin).

    MAAS API: GET /MAAS/api/2.0/vm-hosts/{id}/?op=parameters (also pods/{id}/)
    """
    ctx.require_admin()
    return json_response(dict(find_host(ctx).power_parameters))


@on_both("POST", "{id}/", op="add_tag")
def add_vm_host_tag(ctx: RequestContext) -> WireResponse:
    """Add a tag to a VM host (admin).

    MAAS API: POST /MAAS/api/2.0/vm-hosts/{id}/?op=add_tag (also pods/{id}/)
    """
    ctx.require_admin()
    tag = require_tag(ctx.data)
    host = find_host(ctx)
    if tag not in host.tags:
        host.tags.append(tag)
    return host_response(ctx, host)


@on_both("POST", "{id}/", op="remove_tag")
def remove_vm_host_tag(ctx: RequestContext) -> WireResponse:
    """Remove a tag from a VM host (admin).

    MAAS API: POST /MAAS/api/2.0/vm-hosts/{id}/?op=remove_tag (also pods/{id}/)
    """
    ctx.require_admin()
    tag = require_param(ctx.data, "tag")
    host = find_host(ctx)
    if tag in host.tags:
        host.tags.remove(tag)
    return host_response(ctx, host)


# --- helpers ------------------------------------------------------------------------------

_RATIOS = ("cpu_over_commit_ratio", "memory_over_commit_ratio")


def _tags(value: str | None) -> list[str]:
    if not value:
        return []
    return [tag.strip() for tag in value.replace(" ", ",").split(",") if tag.strip()]


def _zone_and_pool(
    store: Store, data: FormData, errors: dict[str, list[str]]
) -> tuple[int | None, int | None]:
    zone_id = pool_id = None
    zone_name = data.get("zone")
    if zone_name:
        zone = store.zone_by_name(zone_name)
        if zone is None:
            errors["zone"] = [_BAD_CHOICE]
        else:
            zone_id = zone.id
    pool_name = data.get("pool")
    if pool_name:
        pool = store.pool_by_name(pool_name)
        if pool is None:
            errors["pool"] = [_BAD_CHOICE]
        else:
            pool_id = pool.id
    return zone_id, pool_id


def _ratio(data: FormData, key: str, errors: dict[str, list[str]]) -> float | None:
    text = data.get(key)
    if text is None or text.strip() == "":
        return None
    try:
        value = float(text)
    except ValueError:
        errors[key] = ["Enter a number."]
        return None
    if value < 0:
        errors[key] = ["Ensure this value is greater than or equal to 0."]
    elif value > 10:
        errors[key] = ["Ensure this value is less than or equal to 10."]
    return value


def _pem(store: Store, kind: str) -> str:
    body = store.random_string(64)
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----\n"
