"""Domains: ``domains/`` and ``domains/{id}/`` (id or name; REFERENCE.md §10.3)."""

from __future__ import annotations

import re

from maas_sdk._wire import WireResponse

from ._forms import null_bool
from ._models import Domain
from ._render import render_domain
from ._responses import BadRequest, FieldErrors, NotFound, json_response, no_content, null_response
from ._router import RequestContext, routes
from ._validate import REQUIRED, optional_int

_NAME_CHARACTERS = re.compile(r"^[a-zA-Z0-9.\-_]+$")
_LABEL = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")
_MAX_SERIAL = 2**32 - 1


def _domain(ctx: RequestContext) -> Domain:
    domain = ctx.store.find_domain(ctx.args["id"])
    if domain is None:
        raise NotFound("Domain")
    return domain


def _name_errors(ctx: RequestContext, name: str, current: Domain | None) -> list[str]:
    if not name:
        return [REQUIRED]
    messages = []
    if not _NAME_CHARACTERS.match(name):
        messages.append("Domain name contains invalid characters.")
    messages += [
        f"Label contains disallowed characters: {label!r}."
        for label in name.split(".")
        if not _LABEL.match(label)
    ]
    if messages:
        return messages
    existing = next((d for d in ctx.store.domains.values() if d.name == name), None)
    if existing is not None and existing is not current:
        return ["Domain with this Name already exists."]
    return []


def _apply_fields(ctx: RequestContext, domain: Domain) -> None:
    authoritative = null_bool(ctx.data.get("authoritative"))
    if authoritative is not None:
        domain.authoritative = authoritative
    if "ttl" in ctx.data:
        domain.ttl = optional_int(ctx.data, "ttl")
    servers = ctx.data.get("forward_dns_servers")
    if servers is not None:
        domain.forward_dns_servers = servers.replace(",", " ").split()


@routes.route("GET", "domains/")
def list_domains(ctx: RequestContext) -> WireResponse:
    """List domains ordered by name.

    MAAS API: GET /MAAS/api/2.0/domains/
    """
    domains = sorted(ctx.store.domains.values(), key=lambda domain: domain.name)
    return json_response([render_domain(ctx.store, domain) for domain in domains])


@routes.route("POST", "domains/")
def create_domain(ctx: RequestContext) -> WireResponse:
    """Create a domain (admin); ``authoritative`` is a NullBooleanField defaulting to true.

    MAAS API: POST /MAAS/api/2.0/domains/
    """
    ctx.require_admin()
    name = ctx.data.get("name") or ""
    errors = _name_errors(ctx, name, None)
    if errors:
        raise FieldErrors({"name": errors})
    domain = Domain(ctx.store.next_id("domain"), name)
    _apply_fields(ctx, domain)
    ctx.store.domains[domain.id] = domain
    ctx.store.changed()
    return json_response(render_domain(ctx.store, domain))


@routes.route("POST", "domains/", op="set_serial")
def set_serial(ctx: RequestContext) -> WireResponse:
    """Set the DNS zone serial (admin); answers ``null``.

    MAAS API: POST /MAAS/api/2.0/domains/?op=set_serial
    """
    ctx.require_admin()
    serial = ctx.data.get("serial")
    if serial is None:
        raise FieldErrors({"serial": "Missing parameter"})
    if not serial.strip().isdigit() or not 1 <= int(serial) <= _MAX_SERIAL:
        raise FieldErrors({"serial": "Expected a serial number"})
    ctx.store.config["dns_serial"] = int(serial)
    return null_response()


@routes.route("GET", "domains/{id}/")
def read_domain(ctx: RequestContext) -> WireResponse:
    """Read a domain by id or name.

    MAAS API: GET /MAAS/api/2.0/domains/{id}/
    """
    return json_response(render_domain(ctx.store, _domain(ctx)))


@routes.route("PUT", "domains/{id}/")
def update_domain(ctx: RequestContext) -> WireResponse:
    """Update a domain (admin); unparseable ``authoritative`` values leave it unchanged.

    MAAS API: PUT /MAAS/api/2.0/domains/{id}/
    """
    ctx.require_admin()
    domain = _domain(ctx)
    name = ctx.data.get("name")
    if name is not None:
        errors = _name_errors(ctx, name, domain)
        if errors:
            raise FieldErrors({"name": errors})
        domain.name = name
    _apply_fields(ctx, domain)
    ctx.store.changed()
    return json_response(render_domain(ctx.store, domain))


@routes.route("POST", "domains/{id}/", op="set_default")
def set_default_domain(ctx: RequestContext) -> WireResponse:
    """Make a domain the default (admin).

    MAAS API: POST /MAAS/api/2.0/domains/{id}/?op=set_default
    """
    ctx.require_admin()
    domain = _domain(ctx)
    ctx.store.default_domain_id = domain.id
    ctx.store.changed()
    return json_response(render_domain(ctx.store, domain))


@routes.route("DELETE", "domains/{id}/")
def delete_domain(ctx: RequestContext) -> WireResponse:
    """Delete a domain (admin); the default domain cannot be deleted.

    MAAS API: DELETE /MAAS/api/2.0/domains/{id}/
    """
    ctx.require_admin()
    domain = _domain(ctx)
    store = ctx.store
    if domain.id == store.default_domain_id:
        raise BadRequest("This domain is the default domain, it cannot be deleted.")
    store.hooks.domain_deleting(domain)
    del store.domains[domain.id]
    store.changed()
    return no_content()
