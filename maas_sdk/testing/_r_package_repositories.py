"""Package repositories: ``package-repositories/``, ``package-repositories/{id}/``.

``install`` seeds the two default Ubuntu archives, which cannot be deleted or disabled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool
from ._render import API_PREFIX
from ._responses import BadRequest, FieldErrors, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

MAIN_ARCHES = ["amd64", "i386"]
PORTS_ARCHES = ["armhf", "arm64", "ppc64el", "s390x"]
POCKETS = ["updates", "security", "backports"]
COMPONENTS = ["restricted", "universe", "multiverse"]
_LISTS = ("distributions", "disabled_pockets", "disabled_components", "components", "arches")


@dataclass
class RepositoryRecord:
    """A package repository."""

    id: int
    name: str
    url: str
    arches: list[str]
    default: bool = False
    distributions: list[str] = field(default_factory=list)
    disabled_pockets: list[str] = field(default_factory=list)
    disabled_components: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    disable_sources: bool = True
    key: str = ""
    enabled: bool = True


def _repositories(store: Store) -> dict[int, RepositoryRecord]:
    return store.state("package_repositories", dict)


def install(store: Store) -> None:
    """Seed ``main_archive`` and ``ports_archive``."""
    repositories = _repositories(store)
    for name, url, arches in (
        ("main_archive", "http://archive.ubuntu.com/ubuntu", MAIN_ARCHES),
        ("ports_archive", "http://ports.ubuntu.com/ubuntu-ports", PORTS_ARCHES),
    ):
        record = RepositoryRecord(store.next_id("packagerepository"), name, url, list(arches))
        record.default = True
        repositories[record.id] = record


def _render(record: RepositoryRecord) -> dict[str, Any]:
    return {
        "name": record.name,
        "url": record.url,
        "distributions": list(record.distributions),
        "disabled_pockets": list(record.disabled_pockets),
        "disabled_components": list(record.disabled_components),
        "disable_sources": record.disable_sources,
        "components": list(record.components),
        "arches": list(record.arches),
        "key": record.key,
        "enabled": record.enabled,
        "id": record.id,
        "resource_uri": f"{API_PREFIX}package-repositories/{record.id}/",
    }


def _repository(ctx: RequestContext) -> RepositoryRecord:
    return get_or_404(_repositories(ctx.store), ctx.args["id"], "PackageRepository")


@routes.route("GET", "package-repositories/")
def list_repositories(ctx: RequestContext) -> WireResponse:
    """List package repositories by id.

    MAAS API: GET /MAAS/api/2.0/package-repositories/
    """
    ctx.require_user()
    records = sorted(_repositories(ctx.store).values(), key=lambda r: r.id)
    return json_response([_render(r) for r in records])


@routes.route("POST", "package-repositories/")
def create_repository(ctx: RequestContext) -> WireResponse:
    """Add a package repository (admin).

    MAAS API: POST /MAAS/api/2.0/package-repositories/
    """
    ctx.require_admin()
    record = RepositoryRecord(0, "", "", [], disable_sources=False)
    _apply(ctx.store, record, ctx.data, creating=True)
    record.id = ctx.store.next_id("packagerepository")
    _repositories(ctx.store)[record.id] = record
    return json_response(_render(record))


@routes.route("GET", "package-repositories/{id}/")
def read_repository(ctx: RequestContext) -> WireResponse:
    """Read a package repository.

    MAAS API: GET /MAAS/api/2.0/package-repositories/{id}/
    """
    ctx.require_user()
    return json_response(_render(_repository(ctx)))


@routes.route("PUT", "package-repositories/{id}/")
def update_repository(ctx: RequestContext) -> WireResponse:
    """Update a package repository (admin).

    MAAS API: PUT /MAAS/api/2.0/package-repositories/{id}/
    """
    ctx.require_admin()
    record = _repository(ctx)
    _apply(ctx.store, record, ctx.data, creating=False)
    return json_response(_render(record))


@routes.route("DELETE", "package-repositories/{id}/")
def delete_repository(ctx: RequestContext) -> WireResponse:
    """Delete a package repository (admin; not a default archive).

    MAAS API: DELETE /MAAS/api/2.0/package-repositories/{id}/
    """
    ctx.require_admin()
    record = _repository(ctx)
    if record.default:
        raise BadRequest("Cannot delete default Ubuntu archives.")
    del _repositories(ctx.store)[record.id]
    return no_content()


def _values(data: FormData, key: str) -> list[str] | None:
    if key not in data:
        return None
    values = [part.strip() for value in data.getlist(key) for part in value.split(",")]
    return [] if values in ([""], ["None"], ["[]"]) else [v for v in values if v]


def _apply(store: Store, record: RepositoryRecord, data: FormData, *, creating: bool) -> None:
    errors: dict[str, list[str]] = {}
    name = data.get("name", None if not creating else "")
    url = data.get("url", None if not creating else "")
    for key, value in (("name", name), ("url", url)):
        if value is not None and not value:
            errors[key] = [REQUIRED]
    if name and any(r.name == name and r is not record for r in _repositories(store).values()):
        errors["name"] = ["Package repository with this Name already exists."]
    if url and not (url.startswith(("http://", "https://", "ppa:")) and len(url) > 6):
        errors["url"] = ["Enter a valid repository URL or PPA location."]
    lists = {key: _values(data, key) for key in _LISTS}
    known = sorted(MAIN_ARCHES + PORTS_ARCHES)
    for arch in lists["arches"] or []:
        if arch not in known:
            errors["arches"] = [
                f"'{arch}' is not a valid architecture. Known architectures: {', '.join(known)}"
            ]
    for pocket in lists["disabled_pockets"] or []:
        if pocket not in POCKETS:
            errors["disabled_pockets"] = [
                f"'{pocket}' is not a valid Ubuntu archive pocket. You can only disable {POCKETS}."
            ]
    disabled_components = lists["disabled_components"] or []
    if disabled_components and not record.default:
        errors["disabled_components"] = [
            "This is a custom repository. Please update 'components' instead."
        ]
    elif any(c not in COMPONENTS for c in disabled_components):
        bad = next(c for c in disabled_components if c not in COMPONENTS)
        errors["disabled_components"] = [
            f"'{bad}' is not a valid Ubuntu archive component. You can only disable {COMPONENTS}."
        ]
    if lists["components"] and record.default:
        errors["components"] = [
            "This is a default Ubuntu repository. Please update 'disabled_components' instead."
        ]
    enabled = record.enabled if "enabled" not in data else django_bool(data.get("enabled"))
    if record.default and not enabled:
        errors["__all__"] = ["Default repositories may not be disabled."]
    if errors:
        raise FieldErrors(errors)
    if name:
        record.name = name
    if url:
        record.url = url
    for key, values in lists.items():
        if values is not None:
            setattr(record, key, values)
    if not record.arches:
        record.arches = list(PORTS_ARCHES if record.name == "ports_archive" else MAIN_ARCHES)
    if data.get("key") is not None:
        record.key = data.get("key") or ""
    if "disable_sources" in data:
        record.disable_sources = django_bool(data.get("disable_sources"))
    record.enabled = enabled
