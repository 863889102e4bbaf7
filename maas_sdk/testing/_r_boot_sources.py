"""Boot sources and their selections: ``boot-sources/...`` (admin only).

Other users get 403 ``User is not allowed access to this API.``

Every fake source offers the same catalogue (``_boot_state.UBUNTU_RELEASES`` for
``CATALOGUE_ARCHES``), which selections are validated against.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlsplit

from maas_sdk._wire import WireResponse

from ._boot_state import (
    CATALOGUE_ARCHES,
    CATALOGUE_LABELS,
    UBUNTU_RELEASES,
    BootSourceRecord,
    SelectionRecord,
    boot_state,
    django_time,
)
from ._forms import FormData
from ._render import API_PREFIX
from ._responses import (
    NOT_ALLOWED,
    BadRequest,
    FieldErrors,
    NotFound,
    get_or_404,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._validate import REQUIRED


def render_source(source: BootSourceRecord) -> dict[str, Any]:
    """Render a boot source (``keyring_data`` base64-encoded)."""
    return {
        "id": source.id,
        "url": source.url,
        "keyring_filename": source.keyring_filename,
        "keyring_data": base64.b64encode(source.keyring_data).decode("ascii"),
        "created": django_time(source.created),
        "updated": django_time(source.updated),
        "resource_uri": f"{API_PREFIX}boot-sources/{source.id}/",
    }


def render_selection(selection: SelectionRecord) -> dict[str, Any]:
    """Render a boot source selection."""
    return {
        "boot_source_id": selection.source_id,
        "id": selection.id,
        "os": selection.os,
        "release": selection.release,
        "arches": list(selection.arches),
        "subarches": list(selection.subarches),
        "labels": list(selection.labels),
        "resource_uri": (
            f"{API_PREFIX}boot-sources/{selection.source_id}/selections/{selection.id}/"
        ),
    }


def _source(ctx: RequestContext, key: str = "id") -> BootSourceRecord:
    return get_or_404(boot_state(ctx.store).sources, ctx.args[key], "BootSource")


def _selection(ctx: RequestContext, source: BootSourceRecord) -> SelectionRecord:
    value = ctx.args["id"]
    selection = boot_state(ctx.store).selections.get(int(value)) if value.isdigit() else None
    if selection is None or selection.source_id != source.id:
        raise NotFound("BootSourceSelection")
    return selection


@routes.route("GET", "boot-sources/")
def list_boot_sources(ctx: RequestContext) -> WireResponse:
    """List boot sources.

    MAAS API: GET /MAAS/api/2.0/boot-sources/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    sources = sorted(boot_state(ctx.store).sources.values(), key=lambda s: s.id)
    return json_response([render_source(source) for source in sources])


@routes.route("POST", "boot-sources/")
def create_boot_source(ctx: RequestContext) -> WireResponse:
    """Add a boot source; answers 201.

    MAAS API: POST /MAAS/api/2.0/boot-sources/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    now = ctx.clock.now()
    source = BootSourceRecord(0, "", "", b"", now, now)
    _apply_source(ctx, source, creating=True)
    source.id = ctx.store.next_id("bootsource")
    boot_state(ctx.store).sources[source.id] = source
    return json_response(render_source(source), status=201)


@routes.route("GET", "boot-sources/{id}/")
def read_boot_source(ctx: RequestContext) -> WireResponse:
    """Read a boot source.

    MAAS API: GET /MAAS/api/2.0/boot-sources/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    return json_response(render_source(_source(ctx)))


@routes.route("PUT", "boot-sources/{id}/")
def update_boot_source(ctx: RequestContext) -> WireResponse:
    """Update a boot source.

    MAAS API: PUT /MAAS/api/2.0/boot-sources/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    source = _source(ctx)
    _apply_source(ctx, source, creating=False)
    source.updated = ctx.clock.now()
    return json_response(render_source(source))


@routes.route("DELETE", "boot-sources/{id}/")
def delete_boot_source(ctx: RequestContext) -> WireResponse:
    """Delete a boot source and its selections.

    MAAS API: DELETE /MAAS/api/2.0/boot-sources/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    source = _source(ctx)
    state = boot_state(ctx.store)
    for selection in [s for s in state.selections.values() if s.source_id == source.id]:
        del state.selections[selection.id]
    del state.sources[source.id]
    return no_content()


def _apply_source(ctx: RequestContext, source: BootSourceRecord, *, creating: bool) -> None:
    data = ctx.data
    url = data.get("url") if "url" in data else (None if not creating else "")
    keyring_filename = data.get("keyring_filename")
    uploads = ctx.files.get("keyring_data", [])
    errors: dict[str, list[str]] = {}
    if url is not None:
        parts = urlsplit(url)
        if not url:
            errors["url"] = [REQUIRED]
        elif parts.scheme not in ("http", "https", "ftp", "ftps") or not parts.netloc:
            errors["url"] = ["Enter a valid URL."]
        elif any(s.url == url and s is not source for s in boot_state(ctx.store).sources.values()):
            errors["url"] = ["Boot source with this Url already exists."]
    if errors:
        raise FieldErrors(errors)
    new_filename = source.keyring_filename if keyring_filename is None else keyring_filename
    new_data = uploads[0].content if uploads else source.keyring_data
    if not new_filename and not new_data:
        raise FieldErrors(
            {"__all__": ["One of keyring_data or keyring_filename must be specified."]}
        )
    if new_filename and new_data:
        raise FieldErrors(
            {"__all__": ["Only one of keyring_filename or keyring_data can be specified."]}
        )
    if url is not None:
        source.url = url
    source.keyring_filename = new_filename
    source.keyring_data = new_data


# --- selections -------------------------------------------------------------------------


@routes.route("GET", "boot-sources/{boot_source_id}/selections/")
def list_selections(ctx: RequestContext) -> WireResponse:
    """List a source's selections.

    MAAS API: GET /MAAS/api/2.0/boot-sources/{boot_source_id}/selections/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    source = _source(ctx, "boot_source_id")
    selections = [s for s in boot_state(ctx.store).selections.values() if s.source_id == source.id]
    return json_response([render_selection(s) for s in sorted(selections, key=lambda s: s.id)])


@routes.route("POST", "boot-sources/{boot_source_id}/selections/")
def create_selection(ctx: RequestContext) -> WireResponse:
    """Add a selection to a source.

    MAAS API: POST /MAAS/api/2.0/boot-sources/{boot_source_id}/selections/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    source = _source(ctx, "boot_source_id")
    selection = SelectionRecord(0, source.id, "", "", [], [], [])
    _apply_selection(ctx, selection, ctx.data)
    selection.id = ctx.store.next_id("bootsourceselection")
    boot_state(ctx.store).selections[selection.id] = selection
    return json_response(render_selection(selection))


@routes.route("GET", "boot-sources/{boot_source_id}/selections/{id}/")
def read_selection(ctx: RequestContext) -> WireResponse:
    """Read a selection.

    MAAS API: GET /MAAS/api/2.0/boot-sources/{boot_source_id}/selections/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    return json_response(render_selection(_selection(ctx, _source(ctx, "boot_source_id"))))


@routes.route("PUT", "boot-sources/{boot_source_id}/selections/{id}/")
def update_selection(ctx: RequestContext) -> WireResponse:
    """Update a selection.

    MAAS API: PUT /MAAS/api/2.0/boot-sources/{boot_source_id}/selections/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    selection = _selection(ctx, _source(ctx, "boot_source_id"))
    _apply_selection(ctx, selection, ctx.data)
    return json_response(render_selection(selection))


@routes.route("DELETE", "boot-sources/{boot_source_id}/selections/{id}/")
def delete_selection(ctx: RequestContext) -> WireResponse:
    """Delete a selection (not the one of the commissioning release).

    MAAS API: DELETE /MAAS/api/2.0/boot-sources/{boot_source_id}/selections/{id}/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    selection = _selection(ctx, _source(ctx, "boot_source_id"))
    config = ctx.store.config
    if (selection.os, selection.release) == (
        config.get("commissioning_osystem", "ubuntu"),
        config.get("commissioning_distro_series"),
    ):
        raise BadRequest(
            f"Unable to delete {selection.os} {selection.release}. "
            "It is the operating system used for commissioning."
        )
    del boot_state(ctx.store).selections[selection.id]
    return no_content()


def _apply_selection(ctx: RequestContext, selection: SelectionRecord, data: FormData) -> None:
    os_name = data.get("os", selection.os) or ""
    release = data.get("release", selection.release) or ""
    arches = _values(data, "arches", selection.arches)
    subarches = _values(data, "subarches", selection.subarches)
    labels = _values(data, "labels", selection.labels)
    errors: dict[str, list[str]] = {}
    if os_name not in ("", "ubuntu") or release not in UBUNTU_RELEASES:
        errors["os"] = [f"OS {os_name} with release {release} has no available images for download"]
    else:
        for key, values, offered in (
            ("arches", arches, CATALOGUE_ARCHES),
            ("labels", labels, CATALOGUE_LABELS),
        ):
            if "*" not in values and not set(values) <= set(offered):
                errors[key] = [f"No available images to download for {values}"]
    if errors:
        raise FieldErrors(errors)
    for other in boot_state(ctx.store).selections.values():
        if other is not selection and (other.source_id, other.os, other.release) == (
            selection.source_id,
            os_name,
            release,
        ):
            raise FieldErrors(
                {
                    "__all__": [
                        "Boot source selection with this Boot source, Os and Release "
                        "already exists."
                    ]
                }
            )
    selection.os, selection.release = os_name, release
    selection.arches, selection.subarches, selection.labels = arches, subarches, labels


def _values(data: FormData, key: str, current: list[str]) -> list[str]:
    if key not in data:
        return list(current)
    return [part.strip() for value in data.getlist(key) for part in value.split(",") if part]
