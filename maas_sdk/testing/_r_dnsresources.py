"""DNS resources: ``dnsresources/`` and ``dnsresources/{id}/`` (REFERENCE.md §10.3).

Reads are open to every user; creating is admin-only (403 ``This method is reserved for admin
users.``) and updating or deleting needs admin rights too (403 with an empty body). The fake
knows no implicit node records, so ``all=true`` lists the explicit resources only.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._dns import (
    DNSResource,
    claim_address,
    domain_or_404,
    optional_ttl,
    recount,
    release_unused,
    render_dnsresource,
    resolve_addresses,
    separate_fqdn,
    tables,
    valid_label,
)
from ._forms import string_bool
from ._models import Domain
from ._responses import FieldErrors, Forbidden, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._validate import REQUIRED

UNIQUE_LABEL = "Labels must be unique within their zone."


def _resource(ctx: RequestContext) -> DNSResource:
    spec = ctx.args["id"]
    dns = tables(ctx.store)
    resource: DNSResource | None = None
    if spec.isdigit():
        resource = dns.resources.get(int(spec))
    elif spec.startswith("name:"):
        label = spec.removeprefix("name:")
        resource = next((r for r in dns.resources.values() if r.name == label), None)
    if resource is None:
        raise NotFound("DNSResource")
    return resource


def _name_and_domain(ctx: RequestContext) -> tuple[str | None, Domain | None]:
    data = ctx.data
    name, domain_name, fqdn = data.get("name"), data.get("domain"), data.get("fqdn")
    if domain_name is None and name is None and fqdn is not None:
        name, domain_name = separate_fqdn(ctx.store, fqdn, "A")
    domain = domain_or_404(ctx.store, domain_name) if domain_name is not None else None
    return name, domain


def _check_label(name: str, addresses: list[str] | None) -> None:
    if addresses is not None and not valid_label(name, "A"):
        raise FieldErrors({"__all__": f"Invalid dnsresource name: {name}."})


@routes.route("GET", "dnsresources/")
def list_dnsresources(ctx: RequestContext) -> WireResponse:
    """List DNS resources by domain and name (``rrtype`` repeats a resource per record).

    MAAS API: GET /MAAS/api/2.0/dnsresources/
    """
    query, store = ctx.query, ctx.store
    name, domain_name = query.get("name"), query.get("domain")
    rrtype = query.get("rrtype")
    rrtype = rrtype.upper() if rrtype is not None else None
    string_bool(query, "all", False)
    fqdn = query.get("fqdn")
    if domain_name is None and name is None and fqdn is not None:
        name, domain_name = separate_fqdn(store, fqdn, rrtype)
    dns = tables(store)
    resources = list(dns.resources.values())
    if domain_name is not None:
        domain = domain_or_404(store, domain_name)
        resources = sorted((r for r in resources if r.domain_id == domain.id), key=_by_name)
    else:
        resources.sort(key=lambda r: (r.domain_id, r.name, r.id))
    if name is not None:
        resources = [r for r in resources if r.name == name]
    if rrtype is not None:
        resources = [
            r
            for r in resources
            for record in dns.records.values()
            if record.resource_id == r.id and record.rrtype == rrtype
        ]
    return json_response([render_dnsresource(store, r) for r in resources])


def _by_name(resource: DNSResource) -> tuple[str, int]:
    return resource.name, resource.id


@routes.route("POST", "dnsresources/")
def create_dnsresource(ctx: RequestContext) -> WireResponse:
    """Create a DNS resource (admin); new addresses are reserved for the caller.

    MAAS API: POST /MAAS/api/2.0/dnsresources/
    """
    user = ctx.require_admin()
    store, data = ctx.store, ctx.data
    name, domain = _name_and_domain(ctx)
    if not name or domain is None:
        missing = [field for field, value in (("name", name), ("domain", domain)) if not value]
        raise FieldErrors(dict.fromkeys(missing, REQUIRED))
    _, address_ttl = optional_ttl(data, "address_ttl")
    text = data.get("ip_addresses")
    addresses = resolve_addresses(store, text) if text is not None else None
    _check_label(name, addresses)
    dns = tables(store)
    if any(r.name == name and r.domain_id == domain.id for r in dns.resources.values()):
        raise FieldErrors({"__all__": UNIQUE_LABEL})
    resource = DNSResource(store.next_id("dnsresource"), name, domain.id, address_ttl)
    for ip in addresses or []:
        claim_address(store, ip, user.username)
        resource.ips.append(ip)
    dns.resources[resource.id] = resource
    recount(store)
    return json_response(render_dnsresource(store, resource))


@routes.route("GET", "dnsresources/{id}/")
def read_dnsresource(ctx: RequestContext) -> WireResponse:
    """Read a DNS resource by id (or ``name:<label>``).

    MAAS API: GET /MAAS/api/2.0/dnsresources/{id}/
    """
    return json_response(render_dnsresource(ctx.store, _resource(ctx)))


@routes.route("PUT", "dnsresources/{id}/")
def update_dnsresource(ctx: RequestContext) -> WireResponse:
    """Update a DNS resource (admin; others get 403 with an empty body).

    Given ``ip_addresses`` replace the resource's addresses (the old ones stay reserved).

    MAAS API: PUT /MAAS/api/2.0/dnsresources/{id}/
    """
    store, data = ctx.store, ctx.data
    name, domain = _name_and_domain(ctx)
    resource = _resource(ctx)
    user = ctx.require_user()
    if not user.is_superuser:
        raise Forbidden()
    new_name = name if name is not None else resource.name
    if not new_name:
        raise FieldErrors({"name": REQUIRED})
    given_ttl, address_ttl = optional_ttl(data, "address_ttl")
    text = data.get("ip_addresses")
    addresses = resolve_addresses(store, text) if text is not None else None
    _check_label(new_name, addresses)
    resource.name = new_name
    if domain is not None:
        resource.domain_id = domain.id
    if given_ttl:
        resource.address_ttl = address_ttl
    if addresses is not None:
        for ip in addresses:
            claim_address(store, ip, user.username)
        resource.ips = addresses
    recount(store)
    return json_response(render_dnsresource(store, resource))


@routes.route("DELETE", "dnsresources/{id}/")
def delete_dnsresource(ctx: RequestContext) -> WireResponse:
    """Delete a DNS resource and its records (admin), releasing its unused addresses.

    MAAS API: DELETE /MAAS/api/2.0/dnsresources/{id}/
    """
    resource = _resource(ctx)
    ctx.forbid_non_admin()
    store = ctx.store
    dns = tables(store)
    for key in [k for k, record in dns.records.items() if record.resource_id == resource.id]:
        del dns.records[key]
    del dns.resources[resource.id]
    release_unused(store, resource.ips)
    recount(store)
    return no_content()
