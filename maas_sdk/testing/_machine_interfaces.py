"""``nodes/{system_id}/interfaces/``: a machine's interfaces and their subnet links (§15).

Reads are open to whoever may see the machine; changes need an admin and a machine that is
New, Ready, Failed testing, Allocated or Broken (an update also works on a Deployed machine).
"""

from __future__ import annotations

import ipaddress

from maas_sdk._wire import WireResponse

from ._forms import apply_tag_op, django_bool
from ._machine_forms import normalise_mac
from ._machine_ips import address_in_use, assign_address, free_address, release_address
from ._machine_model import Interface, Link, Machine, NodeStatus
from ._machine_render import interface_text
from ._machine_table import MachineTable, Perm, check_permission, machine_table
from ._models import Subnet
from ._responses import (
    Conflict,
    FakeAPIError,
    FieldErrors,
    NotFound,
    bytes_response,
    no_content,
    rendered_list_response,
)
from ._router import RequestContext, routes

__all__ = ["interface_response", "node_machine", "reset_links"]

S = NodeStatus
_COLLECTION = "nodes/{system_id}/interfaces/"
_INSTANCE = "nodes/{system_id}/interfaces/{id}/"
_CHANGEABLE = frozenset({S.NEW, S.READY, S.FAILED_TESTING, S.ALLOCATED, S.BROKEN})
_MODES = ("auto", "dhcp", "static", "link_up")
_INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def node_machine(ctx: RequestContext, perm: Perm) -> tuple[MachineTable, Machine]:
    """Return the machine of a ``nodes/{system_id}/…`` path (404 ``No Node matches…``)."""
    table = machine_table(ctx.store)
    machine = table.get(ctx.args["system_id"])
    if machine is None:
        raise NotFound("Node")
    check_permission(ctx.require_user(), machine, perm)
    return table, machine


def _interface(ctx: RequestContext, perm: Perm) -> tuple[MachineTable, Machine, Interface]:
    table, machine = node_machine(ctx, perm)
    iface = machine.interface(ctx.args["id"])
    if iface is None:
        raise NotFound("Interface")
    return table, machine, iface


def _changeable(machine: Machine, verb: str, *, deployed_ok: bool = False) -> None:
    if machine.status in _CHANGEABLE or (deployed_ok and machine.status == S.DEPLOYED):
        return
    raise Conflict(
        f"Cannot {verb} interface because the machine is not New, Ready, Allocated, or Broken."
    )


def interface_response(table: MachineTable, machine: Machine, iface: Interface) -> WireResponse:
    """Return ``200`` with the rendered interface."""
    body = interface_text(machine, iface, table.view()).encode("utf-8")
    return bytes_response(body)


def reset_links(table: MachineTable, machine: Machine) -> None:
    """Restore the default network configuration: an AUTO link on the boot interface only."""
    boot = machine.boot_interface()
    for iface in machine.interfaces:
        for link in iface.links:
            release_address(table, link)
        iface.links = []
        if iface is boot and iface.vlan_id is not None:
            subnets = table.store.vlan_subnets(iface.vlan_id)
            if subnets:
                iface.links.append(
                    Link(table.store.next_id("staticipaddress"), "auto", subnets[0].id)
                )
    machine.gateway_link_ipv4 = machine.gateway_link_ipv6 = None
    machine.touch()


@routes.route("GET", _COLLECTION)
def list_interfaces(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/interfaces/``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/interfaces/
    """
    table, machine = node_machine(ctx, Perm.VIEW)
    view = table.view()
    items = [interface_text(machine, iface, view).encode("utf-8") for iface in machine.interfaces]
    return rendered_list_response(items)


@routes.route("GET", _INSTANCE)
def read_interface(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/interfaces/{id}/`` (id or name).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/
    """
    table, machine, iface = _interface(ctx, Perm.VIEW)
    return interface_response(table, machine, iface)


def _vlan_id(ctx: RequestContext, errors: dict[str, list[str]]) -> int | None:
    value = ctx.data.get("vlan")
    if not value:
        return None
    if value.isdigit() and int(value) in ctx.store.vlans:
        return int(value)
    errors["vlan"] = [_INVALID_CHOICE]
    return None


def _tags(value: str | None) -> list[str]:
    return [t for t in (value or "").replace(",", " ").split() if t]


@routes.route("POST", _COLLECTION, op="create_physical")
def create_physical(ctx: RequestContext) -> WireResponse:
    """``op=create_physical``: add a physical interface (admin).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/?op=create_physical
    """
    table, machine = node_machine(ctx, Perm.ADMIN)
    _changeable(machine, "create")
    errors: dict[str, list[str]] = {}
    raw_mac = ctx.data.get("mac_address")
    mac = normalise_mac(raw_mac) if raw_mac else None
    if not raw_mac:
        errors["mac_address"] = ["This field is required."]
    elif mac is None:
        errors["mac_address"] = [f"'{raw_mac}' is not a valid MAC address."]
    elif mac in table.by_mac:
        other_machine, other = table.by_mac[mac]
        errors["mac_address"] = [
            f"This MAC address is already in use by {other.name} ({other.type}) on "
            f"{other_machine.hostname}."
        ]
    names = {i.name for i in machine.interfaces}
    name = ctx.data.get("name") or next(f"eth{n}" for n in range(1000) if f"eth{n}" not in names)
    if name in names:
        errors["name"] = ["Interface name already in use."]
    vlan_id = _vlan_id(ctx, errors)
    if errors:
        raise FieldErrors(errors)
    iface = Interface(ctx.store.next_id("interface"), name, mac, vlan_id=vlan_id)
    iface.tags = _tags(ctx.data.get("tags"))
    _apply_params(ctx, iface)
    machine.interfaces.append(iface)
    table.index_interface(machine, iface, None)
    machine.touch()
    return interface_response(table, machine, iface)


def _apply_params(ctx: RequestContext, iface: Interface) -> None:
    mtu = ctx.data.get("mtu")
    if mtu:
        if not mtu.isdigit():
            raise FieldErrors({"mtu": "Enter a whole number."})
        iface.params["mtu"] = int(mtu)
        iface.mtu = int(mtu)
    if ctx.data.get("accept_ra") is not None:
        iface.params["accept_ra"] = django_bool(ctx.data.get("accept_ra"))


@routes.route("PUT", _INSTANCE)
def update_interface(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/interfaces/{id}/`` (Deployed: name and MAC only).

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "update", deployed_ok=True)
    errors: dict[str, list[str]] = {}
    raw_mac = ctx.data.get("mac_address")
    mac = normalise_mac(raw_mac) if raw_mac else None
    if raw_mac and mac is None:
        errors["mac_address"] = [f"'{raw_mac}' is not a valid MAC address."]
    elif mac and mac in table.by_mac and table.by_mac[mac][1] is not iface:
        other_machine, other = table.by_mac[mac]
        errors["mac_address"] = [
            f"This MAC address is already in use by {other.name} ({other.type}) on "
            f"{other_machine.hostname}."
        ]
    vlan_id = _vlan_id(ctx, errors) if machine.status != S.DEPLOYED else None
    if errors:
        raise FieldErrors(errors)
    if ctx.data.get("name"):
        iface.name = ctx.data.get("name") or iface.name
    if mac:
        old = iface.mac_address
        iface.mac_address = mac
        table.index_interface(machine, iface, old)
    if machine.status != S.DEPLOYED:
        if vlan_id is not None:
            iface.vlan_id = vlan_id
        if ctx.data.get("tags") is not None:
            iface.tags = _tags(ctx.data.get("tags"))
        for name in ("interface_speed", "link_speed"):
            value = ctx.data.get(name)
            if value:
                setattr(iface, name, int(value) if value.isdigit() else getattr(iface, name))
        if ctx.data.get("link_connected") is not None:
            iface.link_connected = django_bool(ctx.data.get("link_connected"))
        _apply_params(ctx, iface)
    machine.touch()
    return interface_response(table, machine, iface)


@routes.route("DELETE", _INSTANCE)
def delete_interface(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/interfaces/{id}/``: 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "delete")
    for link in iface.links:
        release_address(table, link)
    table.unindex_interface(iface)
    machine.interfaces.remove(iface)
    machine.touch()
    return no_content()


def _subnet_label(ctx: RequestContext, subnet: Subnet) -> str:
    vid = ctx.store.vlans[subnet.vlan_id].vid
    return f"{subnet.name}:{subnet.cidr}(vid={vid})"


def _find_subnet(ctx: RequestContext, spec: str) -> Subnet | None:
    try:
        return ctx.store.find_subnet(spec)
    except FakeAPIError:
        return None


@routes.route("POST", _INSTANCE, op="link_subnet")
def link_subnet(ctx: RequestContext) -> WireResponse:
    """``op=link_subnet``: add an AUTO/DHCP/STATIC/LINK_UP link to the interface.

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=link_subnet
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "link")
    data = ctx.data
    mode = (data.get("mode") or "").lower()
    force = django_bool(data.get("force"))
    errors: dict[str, list[str]] = {}
    if not data.get("mode"):
        errors["mode"] = ["This field is required."]
    elif mode not in _MODES:
        choices = ", ".join(f"'{m}'" for m in _MODES)
        errors["mode"] = [
            f"'{data.get('mode')}' is not a valid mode.  It should be one of: {choices}."
        ]
    subnet = _find_subnet(ctx, data.get("subnet") or "") if data.get("subnet") else None
    if data.get("subnet") and (
        subnet is None
        or (iface.vlan_id is not None and subnet.vlan_id != iface.vlan_id and not force)
    ):
        errors["subnet"] = [_INVALID_CHOICE]
    elif not data.get("subnet") and mode in ("auto", "static"):
        errors["subnet"] = ["This field is required."]
    if mode == "link_up" and iface.links and not force:
        errors["mode"] = [
            "Cannot configure interface to link up (with no IP address) while other links are "
            "already configured. Specify force=True to override this behavior and delete all "
            "links."
        ]
    ip = data.get("ip_address")
    if mode == "static" and ip and subnet is not None and not _in_subnet(ip, subnet):
        errors["ip_address"] = [
            f"IP address is not in the given subnet '{_subnet_label(ctx, subnet)}'."
        ]
    if errors:
        raise FieldErrors(errors)
    if mode == "static" and ip and address_in_use(ctx.store, table, ip):
        raise FakeAPIError(404, "IP address is already in use.")
    if mode == "link_up" and force:
        for old in iface.links:
            release_address(table, old)
        iface.links = []
    if subnet is not None:
        iface.vlan_id = subnet.vlan_id
    link = Link(ctx.store.next_id("staticipaddress"), mode, subnet.id if subnet else None)
    iface.links.append(link)
    if mode == "static" and subnet is not None:
        address = ip or free_address(ctx.store, table, subnet)
        if address is None:
            raise FakeAPIError(
                503, f"{machine.system_id}: Unable to allocate static IP due to address exhaustion."
            )
        assign_address(table, machine, link, address)
    if django_bool(data.get("default_gateway")) and mode in ("auto", "static") and subnet:
        if ":" in subnet.cidr:
            machine.gateway_link_ipv6 = link.id
        else:
            machine.gateway_link_ipv4 = link.id
    machine.touch()
    return interface_response(table, machine, iface)


def _in_subnet(ip: str, subnet: Subnet) -> bool:
    try:
        return ipaddress.ip_address(ip) in ipaddress.ip_network(subnet.cidr, strict=False)
    except ValueError:
        return False


@routes.route("POST", _INSTANCE, op="unlink_subnet")
def unlink_subnet(ctx: RequestContext) -> WireResponse:
    """``op=unlink_subnet``: remove one link (by link id).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=unlink_subnet
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "unlink")
    value = ctx.data.get("id")
    if not value:
        raise FieldErrors({"id": "This field is required."})
    link = next((link for link in iface.links if str(link.id) == value), None)
    if link is None:
        choices = ", ".join(f"'{link.id}'" for link in iface.links)
        raise FieldErrors({"id": f"'{value}' is not a valid id.  It should be one of: {choices}."})
    release_address(table, link)
    iface.links.remove(link)
    if link.id in (machine.gateway_link_ipv4, machine.gateway_link_ipv6):
        machine.gateway_link_ipv4 = machine.gateway_link_ipv6 = None
    machine.touch()
    return interface_response(table, machine, iface)


@routes.route("POST", _INSTANCE, op="disconnect")
def disconnect(ctx: RequestContext) -> WireResponse:
    """``op=disconnect``: remove every link and the VLAN.

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=disconnect
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "disconnect")
    for link in iface.links:
        release_address(table, link)
    iface.links = []
    iface.vlan_id = None
    machine.touch()
    return interface_response(table, machine, iface)


@routes.route("POST", _INSTANCE, op="set_default_gateway")
def set_default_gateway(ctx: RequestContext) -> WireResponse:
    """``op=set_default_gateway``: use this interface's link(s) as the default gateway.

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=set_default_gateway
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    _changeable(machine, "set default gateway for")
    candidates = [
        link
        for link in iface.links
        if link.mode in ("auto", "static")
        and link.subnet_id in ctx.store.subnets
        and ctx.store.subnets[link.subnet_id].gateway_ip
    ]
    value = ctx.data.get("link_id")
    if value:
        candidates = [link for link in candidates if str(link.id) == value]
        if not candidates:
            raise FieldErrors({"link_id": _INVALID_CHOICE})
    if not candidates:
        raise FieldErrors({"__all__": "This interface has no usable gateways."})
    for link in candidates:
        cidr = ctx.store.subnets[link.subnet_id or 0].cidr
        if ":" in cidr:
            machine.gateway_link_ipv6 = link.id
        else:
            machine.gateway_link_ipv4 = link.id
    machine.touch()
    return interface_response(table, machine, iface)


@routes.route("POST", _INSTANCE, op="add_tag")
@routes.route("POST", _INSTANCE, op="remove_tag")
def interface_tag(ctx: RequestContext) -> WireResponse:
    """``op=add_tag`` / ``op=remove_tag`` on an interface.

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=add_tag
        POST /MAAS/api/2.0/nodes/{system_id}/interfaces/{id}/?op=remove_tag
    """
    table, machine, iface = _interface(ctx, Perm.ADMIN)
    apply_tag_op(ctx.data, ctx.op, iface.tags)
    machine.touch()
    return interface_response(table, machine, iface)
