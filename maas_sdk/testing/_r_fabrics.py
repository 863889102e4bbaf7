"""Fabrics and VLANs (REFERENCE.md §9.2, §9.3).

URLs: ``fabrics/``, ``fabrics/{id}/``, ``fabrics/{fabric_id}/vlans/``,
``fabrics/{fabric_id}/vlans/{vid}/`` (by VID) and ``vlans/{vlan_id}/`` (by database id).
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import django_bool
from ._models import VLAN, Fabric
from ._render import render_fabric, render_vlan
from ._responses import BadRequest, FieldErrors, NotFound, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._validate import REQUIRED, optional_int

_VID_RANGE = "VID must be between 0 and 4094."
_INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def _fabric(ctx: RequestContext, key: str = "id") -> Fabric:
    fabric = ctx.store.find_fabric(ctx.args[key])
    if fabric is None:
        raise NotFound("Fabric")
    return fabric


def _check_fabric_name(ctx: RequestContext, name: str, current: Fabric | None) -> None:
    for fabric in ctx.store.fabrics.values():
        if fabric is not current and fabric.display_name == name:
            raise FieldErrors({"name": "Fabric with this Name already exists."})


@routes.route("GET", "fabrics/")
def list_fabrics(ctx: RequestContext) -> WireResponse:
    """List fabrics with their VLANs.

    MAAS API: GET /MAAS/api/2.0/fabrics/
    """
    fabrics = sorted(ctx.store.fabrics.values(), key=lambda fabric: fabric.id)
    return json_response([render_fabric(ctx.store, fabric) for fabric in fabrics])


@routes.route("POST", "fabrics/")
def create_fabric(ctx: RequestContext) -> WireResponse:
    """Create a fabric (admin) with its untagged VLAN; unnamed ones are ``fabric-<id>``.

    MAAS API: POST /MAAS/api/2.0/fabrics/
    """
    ctx.require_admin()
    store = ctx.store
    name = ctx.data.get("name") or None
    if name is not None:
        _check_fabric_name(ctx, name, None)
    fabric = Fabric(
        store.next_id("fabric"),
        name,
        class_type=ctx.data.get("class_type") or None,
        description=ctx.data.get("description") or "",
    )
    store.fabrics[fabric.id] = fabric
    vlan = VLAN(store.next_id("vlan"), fabric.id, 0)
    store.vlans[vlan.id] = vlan
    store.changed()
    return json_response(render_fabric(store, fabric))


@routes.route("GET", "fabrics/{id}/")
def read_fabric(ctx: RequestContext) -> WireResponse:
    """Read a fabric by id or name.

    MAAS API: GET /MAAS/api/2.0/fabrics/{id}/
    """
    return json_response(render_fabric(ctx.store, _fabric(ctx)))


@routes.route("PUT", "fabrics/{id}/")
def update_fabric(ctx: RequestContext) -> WireResponse:
    """Update a fabric's name, description or class type (admin).

    MAAS API: PUT /MAAS/api/2.0/fabrics/{id}/
    """
    ctx.require_admin()
    fabric = _fabric(ctx)
    if "name" in ctx.data:
        name = ctx.data.get("name") or None
        if name is not None:
            _check_fabric_name(ctx, name, fabric)
        fabric.name = name
    if "class_type" in ctx.data:
        fabric.class_type = ctx.data.get("class_type") or None
    if "description" in ctx.data:
        fabric.description = ctx.data.get("description") or ""
    ctx.store.changed()
    return json_response(render_fabric(ctx.store, fabric))


@routes.route("DELETE", "fabrics/{id}/")
def delete_fabric(ctx: RequestContext) -> WireResponse:
    """Delete a fabric and its VLANs (admin); the default fabric cannot be deleted.

    MAAS API: DELETE /MAAS/api/2.0/fabrics/{id}/
    """
    ctx.require_admin()
    fabric = _fabric(ctx)
    store = ctx.store
    if fabric.id == store.default_fabric_id:
        raise BadRequest("This fabric is the default fabric, it cannot be deleted.")
    for vlan in store.fabric_vlans(fabric.id):
        _remove_vlan(ctx, vlan)
    del store.fabrics[fabric.id]
    store.changed()
    return no_content()


def _remove_vlan(ctx: RequestContext, vlan: VLAN) -> None:
    store = ctx.store
    store.hooks.vlan_deleting(vlan.id)
    for subnet in store.vlan_subnets(vlan.id):
        store.hooks.subnet_deleting(subnet)
        for range_id in [r.id for r in store.ipranges.values() if r.subnet_id == subnet.id]:
            del store.ipranges[range_id]
        del store.subnets[subnet.id]
    del store.vlans[vlan.id]


@routes.route("GET", "fabrics/{fabric_id}/vlans/")
def list_vlans(ctx: RequestContext) -> WireResponse:
    """List a fabric's VLANs.

    MAAS API: GET /MAAS/api/2.0/fabrics/{fabric_id}/vlans/
    """
    fabric = _fabric(ctx, "fabric_id")
    vlans = ctx.store.fabric_vlans(fabric.id)
    return json_response([render_vlan(ctx.store, vlan) for vlan in vlans])


def _parse_vid(raw: str | None) -> int:
    if raw is None or raw.strip() == "":
        raise FieldErrors({"vid": [REQUIRED, _VID_RANGE]})
    try:
        vid = int(raw)
    except ValueError:
        raise FieldErrors({"vid": ["Enter a whole number.", _VID_RANGE]}) from None
    if not 0 <= vid <= 4094:
        raise FieldErrors({"vid": _VID_RANGE})
    return vid


def _space_id(ctx: RequestContext, raw: str) -> int | None:
    if raw in ("", "undefined", "-1"):
        return None
    space = ctx.store.find_space(raw)
    if space is None:
        raise FieldErrors({"space": _INVALID_CHOICE})
    return space.id


@routes.route("POST", "fabrics/{fabric_id}/vlans/")
def create_vlan(ctx: RequestContext) -> WireResponse:
    """Create a VLAN in a fabric (admin).

    MAAS API: POST /MAAS/api/2.0/fabrics/{fabric_id}/vlans/
    """
    ctx.require_admin()
    fabric = _fabric(ctx, "fabric_id")
    vid = _parse_vid(ctx.data.get("vid"))
    mtu = optional_int(ctx.data, "mtu")
    space_id = _space_id(ctx, ctx.data.get("space") or "")
    if any(vlan.vid == vid for vlan in ctx.store.fabric_vlans(fabric.id)):
        raise FieldErrors(
            {"__all__": "A VLAN with the specified VID already exists in the destination fabric."},
            charset=False,
        )
    vlan = VLAN(
        ctx.store.next_id("vlan"),
        fabric.id,
        vid,
        name=ctx.data.get("name") or None,
        description=ctx.data.get("description") or "",
        mtu=mtu if mtu is not None else 1500,
        space_id=space_id,
    )
    ctx.store.vlans[vlan.id] = vlan
    ctx.store.changed()
    return json_response(render_vlan(ctx.store, vlan))


def _vlan_in_fabric(ctx: RequestContext) -> VLAN:
    fabric = _fabric(ctx, "fabric_id")
    raw = ctx.args["vid"]
    vid = 0 if raw == "untagged" else int(raw) if raw.isdigit() else None
    vlan = next((v for v in ctx.store.fabric_vlans(fabric.id) if v.vid == vid), None)
    if vlan is None:
        raise NotFound("VLAN")
    return vlan


def _vlan_by_id(ctx: RequestContext) -> VLAN:
    return get_or_404(
        ctx.store.vlans, ctx.args["vlan_id"], text="VLAN with specified ID does not exist."
    )


def _update_vlan(ctx: RequestContext, vlan: VLAN) -> WireResponse:
    ctx.require_admin()
    data, store = ctx.data, ctx.store
    if "name" in data:
        vlan.name = data.get("name") or None
    if "description" in data:
        vlan.description = data.get("description") or ""
    mtu = optional_int(data, "mtu")
    if mtu is not None:
        vlan.mtu = mtu
    if "space" in data:
        vlan.space_id = _space_id(ctx, data.get("space") or "")
    for rack_field in ("primary_rack", "secondary_rack"):
        if data.get(rack_field):
            raise FieldErrors({rack_field: _INVALID_CHOICE})
    if "relay_vlan" in data:
        vlan.relay_vlan_id = _relay_vlan(ctx, data.get("relay_vlan") or "")
    if "dhcp_on" in data:
        dhcp_on = django_bool(data.get("dhcp_on"))
        if dhcp_on:
            subnets = {subnet.id for subnet in store.vlan_subnets(vlan.id)}
            if not any(
                r.type == "dynamic" and r.subnet_id in subnets for r in store.ipranges.values()
            ):
                raise FieldErrors(
                    {"dhcp_on": "dhcp can only be turned on when a dynamic IP range is defined."}
                )
            if vlan.primary_rack is None:
                raise FieldErrors(
                    {"__all__": "dhcp can only be turned on when a primary rack controller is set."}
                )
        vlan.dhcp_on = dhcp_on
    store.changed()
    return json_response(render_vlan(store, vlan))


def _relay_vlan(ctx: RequestContext, raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or int(raw) not in ctx.store.vlans:
        raise FieldErrors({"relay_vlan": _INVALID_CHOICE})
    return int(raw)


def _delete_vlan(ctx: RequestContext, vlan: VLAN) -> WireResponse:
    ctx.require_admin()
    if vlan.vid == 0:
        raise BadRequest("This VLAN is the default VLAN in the fabric, it cannot be deleted.")
    _remove_vlan(ctx, vlan)
    ctx.store.changed()
    return no_content()


@routes.route("GET", "fabrics/{fabric_id}/vlans/{vid}/")
def read_vlan_by_vid(ctx: RequestContext) -> WireResponse:
    """Read a VLAN by its VID (or ``untagged``).

    MAAS API: GET /MAAS/api/2.0/fabrics/{fabric_id}/vlans/{vid}/
    """
    return json_response(render_vlan(ctx.store, _vlan_in_fabric(ctx)))


@routes.route("PUT", "fabrics/{fabric_id}/vlans/{vid}/")
def update_vlan_by_vid(ctx: RequestContext) -> WireResponse:
    """Update a VLAN addressed by VID (admin).

    MAAS API: PUT /MAAS/api/2.0/fabrics/{fabric_id}/vlans/{vid}/
    """
    ctx.require_admin()
    return _update_vlan(ctx, _vlan_in_fabric(ctx))


@routes.route("DELETE", "fabrics/{fabric_id}/vlans/{vid}/")
def delete_vlan_by_vid(ctx: RequestContext) -> WireResponse:
    """Delete a VLAN addressed by VID (admin); the untagged VLAN cannot be deleted.

    MAAS API: DELETE /MAAS/api/2.0/fabrics/{fabric_id}/vlans/{vid}/
    """
    ctx.require_admin()
    return _delete_vlan(ctx, _vlan_in_fabric(ctx))


@routes.route("GET", "vlans/{vlan_id}/")
def read_vlan(ctx: RequestContext) -> WireResponse:
    """Read a VLAN by database id.

    MAAS API: GET /MAAS/api/2.0/vlans/{vlan_id}/
    """
    return json_response(render_vlan(ctx.store, _vlan_by_id(ctx)))


@routes.route("PUT", "vlans/{vlan_id}/")
def update_vlan(ctx: RequestContext) -> WireResponse:
    """Update a VLAN by database id (admin).

    MAAS API: PUT /MAAS/api/2.0/vlans/{vlan_id}/
    """
    ctx.require_admin()
    return _update_vlan(ctx, _vlan_by_id(ctx))


@routes.route("DELETE", "vlans/{vlan_id}/")
def delete_vlan(ctx: RequestContext) -> WireResponse:
    """Delete a VLAN by database id (admin).

    MAAS API: DELETE /MAAS/api/2.0/vlans/{vlan_id}/
    """
    ctx.require_admin()
    return _delete_vlan(ctx, _vlan_by_id(ctx))
