"""Scripts: ``scripts/`` and ``scripts/{name}`` (no trailing slash; REFERENCE.md §19).

``install`` seeds the built-in scripts (``_script_state``). Reading is open to every user;
everything else is admin-only.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import FormData, require_param, require_tag
from ._responses import (
    BadRequest,
    NotFound,
    bytes_response,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._script_state import (
    ScriptRecord,
    apply_script_form,
    find_script,
    install_scripts,
    render_script,
    scripts_of,
    translate,
)
from ._store import Store
from ._versioned import revert_revisions


def install(store: Store) -> None:
    """Seed the built-in scripts."""
    install_scripts(store)


def _script(ctx: RequestContext) -> ScriptRecord:
    record = find_script(ctx.store, ctx.args["name"])
    if record is None:
        raise NotFound("Script")
    return record


def _include(params: FormData) -> bool:
    # formencode's Bool: any non-empty value (even "false") means yes.
    return bool(params.get("include_script"))


def uploaded_script(ctx: RequestContext, data: FormData) -> tuple[FormData, str | None]:
    """The script text of a create/update: the ``script`` part, or the one part there is."""
    if "script" in ctx.files:
        return data, ctx.files["script"][0].content.decode("utf-8", errors="replace")
    parts = [(name, part) for name, parts in ctx.files.items() for part in parts]
    if len(parts) == 1:
        name, part = parts[0]
        named = FormData([*data.without("name").items(), ("name", name)])
        return named, part.content.decode("utf-8", errors="replace")
    if "script" in data:
        return data, data.get("script")
    return data, None


@routes.route("GET", "scripts/")
def list_scripts(ctx: RequestContext) -> WireResponse:
    """List scripts, filtered by ``type``, ``hardware_type`` and ``filters``.

    MAAS API: GET /MAAS/api/2.0/scripts/
    """
    ctx.require_user()
    params = ctx.query
    records = sorted(scripts_of(ctx.store).values(), key=lambda r: r.id)
    for key, attribute in (("type", "script_type"), ("hardware_type", "hardware_type")):
        value = params.get(key)
        if value is not None:
            try:
                wanted = translate(attribute, value)
            except ValueError as error:
                raise BadRequest(str(error)) from None
            records = [r for r in records if getattr(r, attribute) == wanted]
    filters = params.get("filters")
    if filters is not None:
        names = set(filters.split(","))
        records = [r for r in records if r.name in names or not names.isdisjoint(r.tags)]
    include = _include(params)
    return json_response([render_script(r, include_script=include) for r in records])


@routes.route("POST", "scripts/")
def create_script(ctx: RequestContext) -> WireResponse:
    """Create a script (admin) from the ``script`` file part.

    MAAS API: POST /MAAS/api/2.0/scripts/
    """
    ctx.require_admin()
    data, text = uploaded_script(ctx, ctx.data)
    record = apply_script_form(ctx.store, None, data, text)
    return json_response(render_script(record))


@routes.route("GET", "scripts/{name}")
def read_script(ctx: RequestContext) -> WireResponse:
    """Read a script by name or id.

    MAAS API: GET /MAAS/api/2.0/scripts/{name}
    """
    ctx.require_user()
    return json_response(render_script(_script(ctx), include_script=_include(ctx.query)))


@routes.route("PUT", "scripts/{name}")
def update_script(ctx: RequestContext) -> WireResponse:
    """Update a script (admin); a new text becomes a new revision.

    MAAS API: PUT /MAAS/api/2.0/scripts/{name}
    """
    ctx.require_admin()
    record = _script(ctx)
    data, text = uploaded_script(ctx, ctx.data)
    record = apply_script_form(ctx.store, record, data, text)
    return json_response(render_script(record))


@routes.route("DELETE", "scripts/{name}")
def delete_script(ctx: RequestContext) -> WireResponse:
    """Delete a script (admin; not a built-in one).

    MAAS API: DELETE /MAAS/api/2.0/scripts/{name}
    """
    ctx.require_admin()
    record = _script(ctx)
    if record.default:
        raise BadRequest("Unable to delete default script")
    del scripts_of(ctx.store)[record.id]
    return no_content()


@routes.route("GET", "scripts/{name}", op="download")
def download_script(ctx: RequestContext) -> WireResponse:
    """Download a script's text (``revision`` or ``rev`` picks an older one).

    MAAS API: GET /MAAS/api/2.0/scripts/{name}?op=download
    """
    ctx.require_user()
    record = _script(ctx)
    text = ctx.query.get("revision") or ctx.query.get("rev")
    revision = record.revisions[0]
    if text is not None:
        if not text.lstrip("-").isdigit():
            raise BadRequest("Invalid revision: Please enter an integer value")
        found = next((r for r in record.revisions if r.id == int(text)), None)
        if found is None:
            raise BadRequest(f"{text} not found in history")
        revision = found
    return bytes_response(revision.data.encode("utf-8"), "application/binary")


@routes.route("POST", "scripts/{name}", op="revert")
def revert_script(ctx: RequestContext) -> WireResponse:
    """Revert a script to an earlier revision (admin).

    MAAS API: POST /MAAS/api/2.0/scripts/{name}?op=revert
    """
    ctx.require_admin()
    text = require_param(ctx.data, "to")
    if not text.lstrip("-").isdigit():
        raise BadRequest("Invalid to: Please enter an integer value")
    record = _script(ctx)
    if record.default:
        raise BadRequest("Unable to revert default script")
    try:
        record.revisions = revert_revisions(record.revisions, int(text))
    except ValueError as error:
        raise BadRequest(str(error)) from None
    return json_response(render_script(record))


@routes.route("POST", "scripts/{name}", op="add_tag")
def add_script_tag(ctx: RequestContext) -> WireResponse:
    """Add a tag to a script (admin).

    MAAS API: POST /MAAS/api/2.0/scripts/{name}?op=add_tag
    """
    ctx.require_admin()
    tag = require_tag(ctx.data)
    record = _script(ctx)
    if tag not in record.tags:
        record.tags.append(tag)
    return json_response(render_script(record))


@routes.route("POST", "scripts/{name}", op="remove_tag")
def remove_script_tag(ctx: RequestContext) -> WireResponse:
    """Remove a tag from a script (admin).

    MAAS API: POST /MAAS/api/2.0/scripts/{name}?op=remove_tag
    """
    ctx.require_admin()
    tag = require_param(ctx.data, "tag")
    record = _script(ctx)
    if tag in record.tags:
        record.tags.remove(tag)
    return json_response(render_script(record))
