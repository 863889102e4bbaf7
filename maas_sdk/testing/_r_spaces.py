"""Spaces: ``spaces/`` and ``spaces/{id}/`` plus the synthetic ``undefined`` space (§9.4)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._models import Space
from ._render import render_space, render_undefined_space
from ._responses import BadRequest, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._validate import check_model_name

_UNDEFINED = ("undefined", "-1")


def _space(ctx: RequestContext) -> Space:
    space = ctx.store.find_space(ctx.args["id"])
    if space is None:
        raise NotFound("Space")
    return space


def _check_name(ctx: RequestContext, name: str, current: Space | None) -> None:
    existing = ctx.store.find_space(name)
    holder = existing if existing is not None and existing.name == name else None
    check_model_name(name, holder, current, "Space with this Name already exists.")


@routes.route("GET", "spaces/")
def list_spaces(ctx: RequestContext) -> WireResponse:
    """List spaces, plus ``undefined`` while some VLAN has no space.

    MAAS API: GET /MAAS/api/2.0/spaces/
    """
    store = ctx.store
    items = [render_space(store, space) for space in sorted(store.spaces.values(), key=_id)]
    if any(vlan.space_id is None for vlan in store.vlans.values()):
        items.append(render_undefined_space(store))
    return json_response(items)


def _id(space: Space) -> int:
    return space.id


@routes.route("POST", "spaces/")
def create_space(ctx: RequestContext) -> WireResponse:
    """Create a space (admin); without ``name`` it is called ``space-<id>``.

    MAAS API: POST /MAAS/api/2.0/spaces/
    """
    ctx.require_admin()
    name = ctx.data.get("name") or ""
    if name:
        _check_name(ctx, name, None)
    space = Space(ctx.store.next_id("space"), name, ctx.data.get("description") or "")
    space.name = name or f"space-{space.id}"
    ctx.store.spaces[space.id] = space
    ctx.store.changed()
    return json_response(render_space(ctx.store, space))


@routes.route("GET", "spaces/{id}/")
def read_space(ctx: RequestContext) -> WireResponse:
    """Read a space by id or name (``-1``/``undefined`` for the synthetic one).

    MAAS API: GET /MAAS/api/2.0/spaces/{id}/
    """
    if ctx.args["id"] in _UNDEFINED:
        return json_response(render_undefined_space(ctx.store))
    return json_response(render_space(ctx.store, _space(ctx)))


@routes.route("PUT", "spaces/{id}/")
def update_space(ctx: RequestContext) -> WireResponse:
    """Update a space's name and description (admin).

    MAAS API: PUT /MAAS/api/2.0/spaces/{id}/
    """
    ctx.require_admin()
    if ctx.args["id"] in _UNDEFINED:
        raise BadRequest("Space cannot be modified: undefined")
    space = _space(ctx)
    name = ctx.data.get("name")
    if name:
        _check_name(ctx, name, space)
        space.name = name
    description = ctx.data.get("description")
    if description is not None:
        space.description = description
    ctx.store.changed()
    return json_response(render_space(ctx.store, space))


@routes.route("DELETE", "spaces/{id}/")
def delete_space(ctx: RequestContext) -> WireResponse:
    """Delete a space (admin); its VLANs fall back to ``undefined``.

    MAAS API: DELETE /MAAS/api/2.0/spaces/{id}/
    """
    ctx.require_admin()
    if ctx.args["id"] in _UNDEFINED:
        raise BadRequest("Space cannot be deleted: undefined")
    space = _space(ctx)
    for vlan in ctx.store.vlans.values():
        if vlan.space_id == space.id:
            vlan.space_id = None
    del ctx.store.spaces[space.id]
    ctx.store.changed()
    return no_content()
