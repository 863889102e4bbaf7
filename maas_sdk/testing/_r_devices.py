"""``devices/`` and ``devices/{system_id}/`` of the fake region.

Any user may register a device and becomes its owner; the owner (or an admin) edits and deletes
it; the ``restore_*`` ops and ``power_parameters`` are for admins. Answers and error texts
follow REFERENCE.md §8 and §22.11 (DeviceHandler and DeviceWithMACsForm of MAAS 3.7.3).
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._machine_forms import FormErrors, normalise_mac, validate_hostname
from ._machine_model import Interface
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
from ._r_node_records import DEVICE, NodeRecord, NodeTable, node_table
from ._r_node_render import device_dict, node_json
from ._responses import Conflict, FieldErrors, json_response, no_content, rendered_list_response
from ._router import RequestContext, routes

__all__ = ["list_devices"]

_DEVICES = "devices/"
_DEVICE = "devices/{system_id}/"
_TYPES = frozenset({DEVICE})
_NAME_PARTS = (
    ("amber", "brisk", "civic", "dusty", "eager", "fancy", "gentle", "hardy", "ideal", "jolly"),
    ("badger", "crane", "dingo", "ferret", "gecko", "heron", "ibis", "jackal", "koala", "lemur"),
)


def _device(ctx: RequestContext) -> NodeRecord:
    return lookup(ctx, _TYPES, "Device")


def _random_hostname(table: NodeTable) -> str:
    rng = table.store.random
    while True:
        name = f"{rng.choice(_NAME_PARTS[0])}-{rng.choice(_NAME_PARTS[1])}"
        if not table.hostname_taken(name):
            return name
        name = f"{name}-{rng.randrange(100, 1000)}"
        if not table.hostname_taken(name):
            return name


def _validate_form(
    ctx: RequestContext, table: NodeTable, device: NodeRecord | None, errors: FormErrors
) -> dict[str, object]:
    """Validate the DeviceForm fields given; return the attribute values to set."""
    store, data = ctx.store, ctx.data
    values: dict[str, object] = {}
    hostname = data.get("hostname")
    if hostname:
        message = validate_hostname(hostname)
        if message is not None:
            errors.add("hostname", message)
        elif table.hostname_taken(hostname, exclude=device):
            errors.add("hostname", "Node with this Hostname already exists.")
        else:
            values["hostname"] = hostname
    domain_spec = data.get("domain")
    if domain_spec:
        domain = store.find_domain(domain_spec)
        if domain is None:
            errors.add("domain", f"Unable to find domain {domain_spec}")
        else:
            values["domain_id"] = domain.id
    if data.get("description") is not None:
        values["description"] = data.get("description")
    if "parent" in data:
        parent = data.get("parent") or None
        if parent is not None and not table.node_exists(parent):
            errors.add("parent", INVALID_CHOICE)
        else:
            values["parent"] = parent
    zone_name = data.get("zone")
    if zone_name:
        zone = store.zone_by_name(zone_name)
        if zone is None:
            errors.add("zone", INVALID_CHOICE)
        else:
            values["zone_id"] = zone.id
    return values


def _validate_macs(table: NodeTable, values: list[str], errors: FormErrors) -> list[str]:
    macs: list[str] = []
    for value in values:
        mac = normalise_mac(value)
        if mac is None:
            errors.add("mac_addresses", f"'{value}' is not a valid MAC address.")
            continue
        owner = table.mac_owner(mac)
        if owner is not None or mac in macs:
            errors.add("mac_addresses", f"MAC address {mac} already in use on {owner}.")
        else:
            macs.append(mac)
    if not values:
        errors.add("mac_addresses", "This field is required.")
    return macs


def _parent_domain(table: NodeTable, parent: str | None) -> int | None:
    if parent is None:
        return None
    record = table.get(parent)
    if record is not None:
        return record.domain_id
    machine = machine_table(table.store).get(parent)
    return machine.domain_id if machine is not None else None


@routes.route("GET", _DEVICES)
def list_devices(ctx: RequestContext) -> WireResponse:
    """``GET devices/``: the visible devices matching the filters, ordered by id.

    MAAS API: GET /MAAS/api/2.0/devices/
    """
    records = listed_records(ctx, _TYPES)
    return rendered_list_response([node_json(ctx.store, record) for record in records])


@routes.route("POST", _DEVICES)
def create(ctx: RequestContext) -> WireResponse:
    """``POST devices/``: register a device owned by the caller.

    MAAS API: POST /MAAS/api/2.0/devices/
    """
    user = ctx.require_user()
    table = node_table(ctx.store)
    errors = FormErrors()
    values = _validate_form(ctx, table, None, errors)
    macs = _validate_macs(table, [v for v in ctx.data.getlist("mac_addresses") if v], errors)
    if errors:
        raise FieldErrors(errors.errors)
    store = ctx.store
    parent = values.get("parent")
    domain_id = values.get("domain_id")
    if domain_id is None:
        domain_id = _parent_domain(table, parent if isinstance(parent, str) else None)
    record = NodeRecord(
        id=store.next_id("node"),
        system_id=table.new_system_id(),
        hostname=str(values.get("hostname") or _random_hostname(table)),
        node_type=DEVICE,
        domain_id=domain_id if isinstance(domain_id, int) else store.default_domain_id,
        zone_id=int(str(values.get("zone_id", store.default_zone_id))),
        description=str(values.get("description") or ""),
        owner=user.username,
        parent=parent if isinstance(parent, str) else None,
    )
    for index, mac in enumerate(macs):
        record.interfaces.append(Interface(store.next_id("interface"), f"eth{index}", mac))
    table.add(record)
    return json_response(device_dict(store, record))


@routes.route("GET", _DEVICE)
def read(ctx: RequestContext) -> WireResponse:
    """``GET devices/{system_id}/`` (any user may view a device).

    MAAS API: GET /MAAS/api/2.0/devices/{system_id}/
    """
    return json_response(device_dict(ctx.store, _device(ctx)))


@routes.route("PUT", _DEVICE)
def update(ctx: RequestContext) -> WireResponse:
    """``PUT devices/{system_id}/``: hostname, description, domain, parent, zone (edit).

    MAAS API: PUT /MAAS/api/2.0/devices/{system_id}/
    """
    device = _device(ctx)
    require_edit(ctx.require_user(), device)
    errors = FormErrors()
    values = _validate_form(ctx, node_table(ctx.store), device, errors)
    if errors:
        raise FieldErrors(errors.errors)
    for name, value in values.items():
        setattr(device, name, value)
    return json_response(device_dict(ctx.store, device))


@routes.route("DELETE", _DEVICE)
def delete(ctx: RequestContext) -> WireResponse:
    """``DELETE devices/{system_id}/``: 204 (edit).

    MAAS API: DELETE /MAAS/api/2.0/devices/{system_id}/
    """
    device = _device(ctx)
    require_edit(ctx.require_user(), device)
    node_table(ctx.store).remove(device)
    return no_content()


@routes.route("GET", _DEVICE, op="details")
def details(ctx: RequestContext) -> WireResponse:
    """``op=details``: BSON ``{"lldp": null, "lshw": null}`` (devices are never commissioned).

    MAAS API: GET /MAAS/api/2.0/devices/{system_id}/?op=details
    """
    return details_response(_device(ctx))


@routes.route("GET", _DEVICE, op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters``: the device's power parameters, ``{}`` without a BMC (admin).

    MAAS API: GET /MAAS/api/2.0/devices/{system_id}/?op=power_parameters
    """
    return power_parameters_response(ctx, _device(ctx))


@routes.route("POST", _DEVICE, op="restore_networking_configuration")
@routes.route("POST", _DEVICE, op="restore_default_configuration")
def restore_configuration(ctx: RequestContext) -> WireResponse:
    """``op=restore_*_configuration``: drop the interfaces' links (admin).

    MAAS API: POST /MAAS/api/2.0/devices/{system_id}/?op=restore_networking_configuration
        POST /MAAS/api/2.0/devices/{system_id}/?op=restore_default_configuration
    """
    device = _device(ctx)
    require_admin_perm(ctx.require_user())
    for iface in device.interfaces:
        iface.links = []
    return json_response(device_dict(ctx.store, device))


@routes.route("POST", _DEVICE, op="set_workload_annotations")
@routes.route("POST", _DEVICE, op="set_owner_data")
def set_workload_annotations(ctx: RequestContext) -> WireResponse:
    """``op=set_workload_annotations``: set keys, an empty value deletes one (owner only).

    MAAS API: POST /MAAS/api/2.0/devices/{system_id}/?op=set_workload_annotations
        POST /MAAS/api/2.0/devices/{system_id}/?op=set_owner_data
    """
    device = _device(ctx)
    user = ctx.require_user()
    require_edit(user, device)
    if device.owner != user.username:
        raise Conflict("Cannot set workload annotation: it hasn't been acquired.")
    for key, value in ctx.data.items():
        if key == "op":
            continue
        if value == "":
            device.workload_annotations.pop(key, None)
        else:
            device.workload_annotations[key] = value
    return json_response(device_dict(ctx.store, device))


register_collection_ops(_DEVICES)
