"""The deprecated ``commissioning-scripts/`` and ``commissioning-scripts/{name}`` (admin only).

The instance URL has no trailing slash.

They are the commissioning scripts of ``_script_state``, seen through the old API: the text
travels as the file part ``content``.
"""

from __future__ import annotations

import base64

from maas_sdk._wire import WireResponse

from ._forms import FormData
from ._render import API_PREFIX
from ._responses import (
    NOT_ALLOWED,
    TEXT_NO_CHARSET,
    BadRequest,
    NotFound,
    bytes_response,
    json_response,
    no_content,
    text_response,
)
from ._router import RequestContext, routes
from ._script_state import ScriptRecord, apply_script_form, scripts_of

_COMMISSIONING = 0


def _content(ctx: RequestContext) -> str:
    parts = ctx.files.get("content")
    if not parts:
        raise BadRequest("No provided content!")
    return parts[0].content.decode("utf-8", errors="replace")


def _by_name(ctx: RequestContext) -> ScriptRecord:
    name = ctx.args["name"]
    record = next((r for r in scripts_of(ctx.store).values() if r.name == name), None)
    if record is None:
        raise NotFound("Script")
    return record


@routes.route("GET", "commissioning-scripts/")
def list_commissioning_scripts(ctx: RequestContext) -> WireResponse:
    """List the names of the commissioning scripts, sorted.

    MAAS API: GET /MAAS/api/2.0/commissioning-scripts/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    names = sorted(r.name for r in scripts_of(ctx.store).values() if r.script_type == 0)
    return json_response(names)


@routes.route("POST", "commissioning-scripts/")
def create_commissioning_script(ctx: RequestContext) -> WireResponse:
    """Create a commissioning script from the ``content`` file part.

    MAAS API: POST /MAAS/api/2.0/commissioning-scripts/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    content = _content(ctx)
    record = apply_script_form(ctx.store, None, ctx.data, content, forced_type=_COMMISSIONING)
    return json_response(
        {
            "name": record.name,
            "content": base64.b64encode(content.encode("utf-8")).decode("ascii"),
            "deprecated": (
                "The commissioning-scripts endpoint is deprecated. "
                "Please use the node-scripts endpoint."
            ),
            "resource_uri": f"{API_PREFIX}commissioning-scripts/{record.name}",
        }
    )


@routes.route("GET", "commissioning-scripts/{name}")
def read_commissioning_script(ctx: RequestContext) -> WireResponse:
    """Return a script's text.

    MAAS API: GET /MAAS/api/2.0/commissioning-scripts/{name}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    record = _by_name(ctx)
    body = record.revisions[0].data.encode("utf-8")
    return bytes_response(body, "application/binary")


@routes.route("PUT", "commissioning-scripts/{name}")
def update_commissioning_script(ctx: RequestContext) -> WireResponse:
    """Replace a script's text; answers ``OK``.

    MAAS API: PUT /MAAS/api/2.0/commissioning-scripts/{name}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    record = _by_name(ctx)
    content = _content(ctx)
    apply_script_form(ctx.store, record, FormData(ctx.data.items()), content)
    return text_response("OK", content_type=TEXT_NO_CHARSET)


@routes.route("DELETE", "commissioning-scripts/{name}")
def delete_commissioning_script(ctx: RequestContext) -> WireResponse:
    """Delete a script.

    MAAS API: DELETE /MAAS/api/2.0/commissioning-scripts/{name}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    record = _by_name(ctx)
    del scripts_of(ctx.store)[record.id]
    return no_content()
