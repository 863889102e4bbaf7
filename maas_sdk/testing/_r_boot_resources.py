"""Boot resources: ``boot-resources/``, ``boot-resources/{id}/`` (REFERENCE.md §17).

``install`` seeds a new region's images (see ``_boot_state``). Listing and reading are open to
every user; uploading, deleting and importing are admin-only.
"""

from __future__ import annotations

import hashlib

from maas_sdk._wire import WireResponse

from ._boot_state import (
    ARCHITECTURES,
    IMPORT_SECONDS,
    BootResourceRecord,
    ResourceFileRecord,
    ResourceSetRecord,
    boot_state,
    finish_import,
    install_boot_state,
    render_boot_resource,
    resource_order,
)
from ._responses import (
    TEXT,
    BadRequest,
    FieldErrors,
    get_or_404,
    json_response,
    no_content,
    text_response,
)
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

_FILETYPES = {
    "tgz": "root-tgz",
    "tbz": "root-tbz",
    "txz": "root-txz",
    "ddtgz": "root-dd",
    "ddtbz": "root-dd.tar.bz2",
    "ddtxz": "root-dd.tar.xz",
    "ddtar": "root-dd.tar",
    "ddbz2": "root-dd.bz2",
    "ddgz": "root-dd.gz",
    "ddxz": "root-dd.xz",
    "ddraw": "root-dd.raw",
}


def install(store: Store) -> None:
    """Seed the default boot source, its selection and the images it imported."""
    install_boot_state(store)


def _resource(ctx: RequestContext) -> BootResourceRecord:
    return get_or_404(boot_state(ctx.store).resources, ctx.args["id"], "BootResource")


@routes.route("GET", "boot-resources/")
def list_boot_resources(ctx: RequestContext) -> WireResponse:
    """List boot resources, optionally of one ``type``.

    MAAS API: GET /MAAS/api/2.0/boot-resources/
    """
    ctx.require_user()
    kind = ctx.query.get("type", "all")
    legacy = ctx.store.maas_version.startswith(("2.", "3.0", "3.1", "3.2", "3.3", "3.4"))
    kinds = {"synced": "Synced", "uploaded": "Uploaded"}
    if legacy:
        kinds["generated"] = "Generated"
    if kind != "all" and kind not in kinds:
        names = ["synced", "generated", "uploaded"] if legacy else ["synced", "uploaded"]
        raise BadRequest(f"'{kind}' is not a valid boot resource type. Available types: {names}")
    records = sorted(boot_state(ctx.store).resources.values(), key=resource_order)
    if kind != "all":
        records = [r for r in records if r.rtype == kinds[kind]]
    return json_response([render_boot_resource(ctx.store, r) for r in records])


@routes.route("POST", "boot-resources/")
def create_boot_resource(ctx: RequestContext) -> WireResponse:
    """Upload a custom image (admin); answers 201 with the resource and its sets.

    MAAS API: POST /MAAS/api/2.0/boot-resources/
    """
    ctx.require_admin()
    store, data = ctx.store, ctx.data
    uploads = ctx.files.get("content", [])
    content = uploads[0].content if uploads else None
    errors: dict[str, list[str]] = {}
    name = data.get("name") or ""
    architecture = data.get("architecture") or ""
    filetype = data.get("filetype") or "tgz"
    for key, value in (("name", name), ("architecture", architecture)):
        if not value:
            errors[key] = [REQUIRED]
    if architecture and architecture not in ARCHITECTURES:
        errors["architecture"] = [
            f"Select a valid choice. {architecture} is not one of the available choices."
        ]
    if filetype not in _FILETYPES:
        errors["filetype"] = [
            f"Select a valid choice. {filetype} is not one of the available choices."
        ]
    sha256 = data.get("sha256") or ""
    size_text = data.get("size") or ""
    if content is None:
        for key, value in (("sha256", sha256), ("size", size_text)):
            if not value:
                errors[key] = [REQUIRED]
        if size_text and not size_text.isdigit():
            errors["size"] = ["Enter a whole number."]
    if errors:
        raise FieldErrors(errors)
    if content is not None:
        sha256 = hashlib.sha256(content).hexdigest()
    size = len(content) if content is not None else int(size_text)
    record = _uploaded_record(store, name, architecture)
    record.extra = {"subarches": "generic", "title": data.get("title") or ""}
    record.base_image = data.get("base_image") or ""
    version = ctx.clock.now().strftime("%Y%m%d")
    record.sets = [s for s in record.sets if s.version != version]
    rfile = ResourceFileRecord(
        store.next_id("bootresourcefile"),
        _FILETYPES[filetype],
        _FILETYPES[filetype],
        sha256,
        size,
        size if content is not None else 0,
    )
    record.sets.append(ResourceSetRecord(version, "uploaded", [rfile]))
    return json_response(render_boot_resource(store, record, with_sets=True), status=201)


def _uploaded_record(store: Store, name: str, architecture: str) -> BootResourceRecord:
    state = boot_state(store)
    for record in state.resources.values():
        if (record.rtype, record.name, record.architecture) == ("Uploaded", name, architecture):
            return record
    record = BootResourceRecord(store.next_id("bootresource"), "Uploaded", name, architecture)
    state.resources[record.id] = record
    return record


@routes.route("GET", "boot-resources/{id}/")
def read_boot_resource(ctx: RequestContext) -> WireResponse:
    """Read a boot resource with its sets.

    MAAS API: GET /MAAS/api/2.0/boot-resources/{id}/
    """
    ctx.require_user()
    return json_response(render_boot_resource(ctx.store, _resource(ctx), with_sets=True))


@routes.route("DELETE", "boot-resources/{id}/")
def delete_boot_resource(ctx: RequestContext) -> WireResponse:
    """Delete a boot resource (admin).

    MAAS API: DELETE /MAAS/api/2.0/boot-resources/{id}/
    """
    ctx.require_admin()
    record = _resource(ctx)
    del boot_state(ctx.store).resources[record.id]
    return no_content()


@routes.route("POST", "boot-resources/", op="import")
def import_boot_resources(ctx: RequestContext) -> WireResponse:
    """Start an import (admin); it ends after ``IMPORT_SECONDS`` of virtual time.

    MAAS API: POST /MAAS/api/2.0/boot-resources/?op=import
    """
    ctx.require_admin()
    state = boot_state(ctx.store)
    if state.import_timer is None:
        store = ctx.store
        state.import_timer = ctx.clock.call_later(IMPORT_SECONDS, lambda: finish_import(store))
    return text_response("Import of boot resources started", content_type=TEXT)


@routes.route("POST", "boot-resources/", op="stop_import")
def stop_import_boot_resources(ctx: RequestContext) -> WireResponse:
    """Stop a running import (admin).

    MAAS API: POST /MAAS/api/2.0/boot-resources/?op=stop_import
    """
    ctx.require_admin()
    state = boot_state(ctx.store)
    if state.import_timer is not None:
        state.import_timer.cancel()
        state.import_timer = None
    return text_response("Import of boot resources is being stopped", content_type=TEXT)


@routes.route("GET", "boot-resources/", op="is_importing")
def is_importing(ctx: RequestContext) -> WireResponse:
    """Whether an import is running.

    MAAS API: GET /MAAS/api/2.0/boot-resources/?op=is_importing
    """
    ctx.require_user()
    return json_response(boot_state(ctx.store).importing)
