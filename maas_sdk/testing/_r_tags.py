"""Tags: ``tags/`` and ``tags/{name}/`` with their node listings and ``update_nodes`` (§11).

Node membership lives with the nodes: ``update_nodes`` and the node listings call the node
hooks (``store.hooks``).
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._models import Tag
from ._render import render_tag
from ._responses import (
    TEXT,
    FakeAPIError,
    FieldErrors,
    NotFound,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._validate import REQUIRED, TAG_NAME

NODE_LISTINGS = ("machines", "devices", "nodes", "rack_controllers", "region_controllers")


def _tag(ctx: RequestContext) -> Tag:
    tag = ctx.store.tag_by_name(ctx.args["name"])
    if tag is None:
        raise NotFound("Tag")
    return tag


def _valid_xpath(definition: str) -> bool:
    depth: list[str] = []
    pairs = {"]": "[", ")": "("}
    previous = ""
    for char in definition:
        if char in "[(":
            if previous == char == "[":
                return False
            depth.append(char)
        elif char in pairs and (not depth or depth.pop() != pairs[char] or previous in "[("):
            return False
        previous = char
    return not depth and not definition.rstrip().endswith(("/", "=", "and", "or"))


def _check(ctx: RequestContext, tag: Tag, current: Tag | None) -> None:
    if not tag.name:
        raise FieldErrors({"name": REQUIRED})
    if not TAG_NAME.match(tag.name):
        raise FieldErrors({"name": "Enter a valid value."})
    existing = ctx.store.tag_by_name(tag.name)
    if existing is not None and existing is not current:
        raise FieldErrors({"name": "Tag with this Name already exists."})
    if tag.definition and not _valid_xpath(tag.definition):
        raise FieldErrors({"definition": "Invalid xpath expression: Invalid expression"})


@routes.route("GET", "tags/")
def list_tags(ctx: RequestContext) -> WireResponse:
    """List tags.

    MAAS API: GET /MAAS/api/2.0/tags/
    """
    tags = sorted(ctx.store.tags.values(), key=lambda tag: tag.id)
    return json_response([render_tag(tag) for tag in tags])


@routes.route("POST", "tags/")
def create_tag(ctx: RequestContext) -> WireResponse:
    """Create a tag (admin; others get 403 with an empty body).

    MAAS API: POST /MAAS/api/2.0/tags/
    """
    ctx.forbid_non_admin()
    data = ctx.data
    tag = Tag(
        ctx.store.next_id("tag"),
        data.get("name") or "",
        definition=data.get("definition") or "",
        comment=data.get("comment") or "",
        kernel_opts=data.get("kernel_opts") or "",
    )
    _check(ctx, tag, None)
    ctx.store.tags[tag.id] = tag
    ctx.store.changed()
    return json_response(render_tag(tag))


@routes.route("GET", "tags/{name}/")
def read_tag(ctx: RequestContext) -> WireResponse:
    """Read a tag by name.

    MAAS API: GET /MAAS/api/2.0/tags/{name}/
    """
    return json_response(render_tag(_tag(ctx)))


@routes.route("PUT", "tags/{name}/")
def update_tag(ctx: RequestContext) -> WireResponse:
    """Update a tag (admin); renaming changes its URL and the nodes' ``tag_names``.

    MAAS API: PUT /MAAS/api/2.0/tags/{name}/
    """
    ctx.forbid_non_admin()
    tag = _tag(ctx)
    updated = Tag(**vars(tag))
    for field in ("name", "definition", "comment", "kernel_opts"):
        if field in ctx.data:
            setattr(updated, field, ctx.data.get(field) or "")
    _check(ctx, updated, tag)
    if updated.name != tag.name:
        ctx.store.hooks.tag_renamed(tag.name, updated.name)
    ctx.store.tags[tag.id] = updated
    ctx.store.changed()
    return json_response(render_tag(updated))


@routes.route("DELETE", "tags/{name}/")
def delete_tag(ctx: RequestContext) -> WireResponse:
    """Delete a tag (admin); nodes lose it.

    MAAS API: DELETE /MAAS/api/2.0/tags/{name}/
    """
    ctx.forbid_non_admin()
    tag = _tag(ctx)
    ctx.store.hooks.tag_deleted(tag.name)
    del ctx.store.tags[tag.id]
    ctx.store.changed()
    return no_content()


def _listing(kind: str) -> None:
    def list_nodes(ctx: RequestContext) -> WireResponse:
        return ctx.store.hooks.tagged_nodes(ctx, _tag(ctx), kind)

    list_nodes.__name__ = f"list_tag_{kind}"
    list_nodes.__doc__ = (
        f"List the {kind} carrying a tag.\n\nMAAS API: GET tags/{{name}}/?op={kind}"
    )
    routes.route("GET", "tags/{name}/", op=kind)(list_nodes)


for _kind in NODE_LISTINGS:
    _listing(_kind)


@routes.route("POST", "tags/{name}/", op="update_nodes")
def update_nodes(ctx: RequestContext) -> WireResponse:
    """Attach the tag to ``add`` nodes and detach it from ``remove`` nodes (admin).

    MAAS API: POST /MAAS/api/2.0/tags/{name}/?op=update_nodes
    """
    tag = _tag(ctx)
    ctx.forbid_non_admin("Must be a superuser or supply a rack_controller")
    definition = ctx.data.get("definition")
    if definition is not None and definition != tag.definition:
        raise FakeAPIError(
            409,
            f"Definition supplied '{definition}' doesn't match current definition"
            f" '{tag.definition}'",
            content_type=TEXT,
            hashed=True,
        )
    added, removed = ctx.store.hooks.tag_nodes(
        tag, ctx.data.getlist("add"), ctx.data.getlist("remove")
    )
    return json_response({"added": added, "removed": removed})


@routes.route("POST", "tags/{name}/", op="rebuild")
def rebuild(ctx: RequestContext) -> WireResponse:
    """Re-evaluate a tag's definition (admin); the fake has no hardware data to match.

    MAAS API: POST /MAAS/api/2.0/tags/{name}/?op=rebuild
    """
    tag = _tag(ctx)
    ctx.forbid_non_admin()
    return json_response({"rebuilding": tag.name})
