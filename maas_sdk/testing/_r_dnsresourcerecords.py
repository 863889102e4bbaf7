"""DNS resource records: ``dnsresourcerecords/`` and ``dnsresourcerecords/{id}/`` (§10.3).

Creating a record for a name without a DNS resource creates the resource; deleting the last
record of a resource without addresses deletes the resource. Record data is validated per type
with MAAS's messages (form-wide errors, under ``__all__``).
"""

from __future__ import annotations

import re

from maas_sdk._wire import WireResponse

from ._dns import (
    NAMESPEC,
    DNSData,
    DNSResource,
    domain_or_404,
    optional_ttl,
    recount,
    render_dnsdata,
    separate_fqdn,
    tables,
)
from ._models import Domain
from ._responses import (
    BadRequest,
    FieldErrors,
    get_or_404,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

SUPPORTED_RRTYPES = ("CNAME", "MX", "NS", "SRV", "SSHFP", "TXT")
CNAME_LABEL = r"[_a-zA-Z0-9]([-_a-zA-Z0-9]{0,62}[_a-zA-Z0-9]){0,1}"
CNAME_SPEC = rf"^({CNAME_LABEL}\.)*{CNAME_LABEL}\.?$"
INVALID_CNAME = "Invalid CNAME: Should be '<server>'."
INVALID_MX = "Invalid MX: Should be '<preference> <server>'. Range for preference is 0-65535."
INVALID_SRV = (
    "Invalid SRV: Should be '<priority> <weight> <port> <server>'."
    " Range for priority, weight, and port are 0-65536."
)
INVALID_SSHFP = "Invalid SSHFP: Should be '<algorithm> <fptype> <fingerprint>'."
CNAME_AND_OTHER = "CNAME records for a name cannot coexist with non-CNAME records."
MULTI_CNAME = "Only one CNAME can be associated with a name."


def _record(ctx: RequestContext) -> DNSData:
    return get_or_404(tables(ctx.store).records, ctx.args["id"], "DNSData")


def _domain_name_error(store: Store, value: str) -> str | None:
    if len(value) > 255:
        return "Domain name length cannot exceed 255 characters."
    if not re.match(rf"^{NAMESPEC}$", value):
        if re.sub(r"[a-zA-Z0-9\-.]*", "", value):
            return "Domain name contains invalid characters."
        return f"Invalid domain name: {value}."
    if value == store.config.get("maas_internal_domain"):
        return "Domain name cannot duplicate maas internal domain name."
    return None


def _rrdata_error(store: Store, rrtype: str, rrdata: str) -> str | None:
    """Return MAAS's message for record data that does not suit its type."""
    if rrtype == "CNAME":
        return None if re.search(CNAME_SPEC, rrdata) else INVALID_CNAME
    if rrtype == "SSHFP":
        return None if re.search(r"^[0-9]+\s+[0-9]+\s+.*$", rrdata) else INVALID_SSHFP
    if rrtype == "MX":
        match = re.search(r"^(?P<pref>[0-9]+)\s+(?P<host>.+)$", rrdata)
        if match is None or int(match.group("pref")) > 65535:
            return INVALID_MX
        return _domain_name_error(store, match.group("host"))
    if rrtype == "NS":
        return _domain_name_error(store, rrdata)
    if rrtype == "SRV":
        match = re.search(r"^([0-9]+)\s+([0-9]+)\s+([0-9]+)\s+(?P<target>.*)", rrdata)
        if match is None or any(int(part) > 65535 for part in match.groups()[:3]):
            return INVALID_SRV
        target = match.group("target")
        return None if target == "." else _domain_name_error(store, target)
    return None


def _validated(ctx: RequestContext, current: DNSData | None) -> tuple[str, str, bool, int | None]:
    """Validate ``rrtype``/``rrdata``/``ttl`` like DNSDataForm (missing ones from ``current``).

    Returns:
        ``(rrtype, rrdata, ttl given, ttl)``.
    """
    data = ctx.data
    rrtype = data.get("rrtype", current.rrtype if current else None) or ""
    rrdata = data.get("rrdata", current.rrdata if current else None) or ""
    given_ttl, ttl = optional_ttl(data, "ttl")
    errors: dict[str, list[str]] = {}
    if not rrtype:
        errors["rrtype"] = [REQUIRED]
    elif rrtype.upper() not in SUPPORTED_RRTYPES:
        errors["rrtype"] = [f"{rrtype.upper()} is not one of {' '.join(SUPPORTED_RRTYPES)}."]
    if not rrdata:
        errors["rrdata"] = [REQUIRED]
    if errors:
        raise FieldErrors(errors)
    rrtype = rrtype.upper()
    problem = _rrdata_error(ctx.store, rrtype, rrdata)
    if problem is not None:
        raise FieldErrors({"__all__": problem})
    return rrtype, rrdata, given_ttl, ttl


def _check_cname_rules(ctx: RequestContext, resource: DNSResource | None, rrtype: str) -> None:
    if resource is None:
        return
    records = [r for r in tables(ctx.store).records.values() if r.resource_id == resource.id]
    cname_exists = any(r.rrtype == "CNAME" for r in records)
    if rrtype == "CNAME":
        if any(r.rrtype != "CNAME" for r in records) or resource.ips:
            raise FieldErrors({"__all__": CNAME_AND_OTHER})
        if cname_exists:
            raise FieldErrors({"__all__": MULTI_CNAME})
    elif cname_exists:
        raise FieldErrors({"__all__": CNAME_AND_OTHER})


@routes.route("GET", "dnsresourcerecords/")
def list_records(ctx: RequestContext) -> WireResponse:
    """List records by domain and name (``rrtype`` compared as given).

    MAAS API: GET /MAAS/api/2.0/dnsresourcerecords/
    """
    query, store = ctx.query, ctx.store
    name, domain_name, rrtype = query.get("name"), query.get("domain"), query.get("rrtype")
    fqdn = query.get("fqdn")
    if domain_name is None and name is None and fqdn is not None:
        name, domain_name = separate_fqdn(store, fqdn, rrtype)
    dns = tables(store)
    records = list(dns.records.values())
    if domain_name is not None:
        domain = domain_or_404(store, domain_name)
        records = [r for r in records if dns.resources[r.resource_id].domain_id == domain.id]
    if name is not None:
        records = [r for r in records if dns.resources[r.resource_id].name == name]
    if rrtype is not None:
        records = [r for r in records if r.rrtype == rrtype]

    def order(record: DNSData) -> tuple[int, str, int]:
        resource = dns.resources[record.resource_id]
        return resource.domain_id, resource.name, record.id

    records.sort(key=order)
    return json_response([render_dnsdata(store, record) for record in records])


@routes.route("POST", "dnsresourcerecords/")
def create_record(ctx: RequestContext) -> WireResponse:
    """Create a record (admin), and its DNS resource when the name has none.

    MAAS API: POST /MAAS/api/2.0/dnsresourcerecords/
    """
    ctx.require_admin()
    store, data = ctx.store, ctx.data
    raw_rrtype = data.get("rrtype")
    if raw_rrtype is None:
        raise BadRequest("rrtype must be provided.")
    if data.get("rrdata") is None:
        raise BadRequest("rrdata must be provided.")
    name, domain_name, fqdn = data.get("name"), data.get("domain"), data.get("fqdn")
    if domain_name is None and name is None and fqdn is not None:
        name, domain_name = separate_fqdn(store, fqdn, raw_rrtype)
    domain: Domain | None = None
    if domain_name is not None:
        domain = domain_or_404(store, domain_name)
    if domain is None or name is None:
        raise BadRequest("Either name and domain (or fqdn) must be specified")
    if not name:
        raise FieldErrors({"name": REQUIRED})
    dns = tables(store)
    resource = next(
        (r for r in dns.resources.values() if r.name == name and r.domain_id == domain.id), None
    )
    _, address_ttl = optional_ttl(data, "address_ttl") if resource is None else (False, None)
    rrtype, rrdata, _, ttl = _validated(ctx, None)
    _check_cname_rules(ctx, resource, rrtype)
    if resource is None:
        resource = DNSResource(store.next_id("dnsresource"), name, domain.id, address_ttl)
        dns.resources[resource.id] = resource
    record = DNSData(store.next_id("dnsdata"), resource.id, rrtype, rrdata, ttl)
    dns.records[record.id] = record
    recount(store)
    return json_response(render_dnsdata(store, record))


@routes.route("GET", "dnsresourcerecords/{id}/")
def read_record(ctx: RequestContext) -> WireResponse:
    """Read a record by id.

    MAAS API: GET /MAAS/api/2.0/dnsresourcerecords/{id}/
    """
    return json_response(render_dnsdata(ctx.store, _record(ctx)))


@routes.route("PUT", "dnsresourcerecords/{id}/")
def update_record(ctx: RequestContext) -> WireResponse:
    """Update a record's type, data or TTL (admin; others get 403 with an empty body).

    MAAS API: PUT /MAAS/api/2.0/dnsresourcerecords/{id}/
    """
    record = _record(ctx)
    ctx.forbid_non_admin()
    rrtype, rrdata, given_ttl, ttl = _validated(ctx, record)
    record.rrtype, record.rrdata = rrtype, rrdata
    if given_ttl:
        record.ttl = ttl
    recount(ctx.store)
    return json_response(render_dnsdata(ctx.store, record))


@routes.route("DELETE", "dnsresourcerecords/{id}/")
def delete_record(ctx: RequestContext) -> WireResponse:
    """Delete a record (admin); a resource left without records or addresses goes too.

    MAAS API: DELETE /MAAS/api/2.0/dnsresourcerecords/{id}/
    """
    record = _record(ctx)
    ctx.forbid_non_admin()
    dns = tables(ctx.store)
    del dns.records[record.id]
    resource = dns.resources[record.resource_id]
    if not resource.ips and not any(r.resource_id == resource.id for r in dns.records.values()):
        del dns.resources[resource.id]
    recount(ctx.store)
    return no_content()
