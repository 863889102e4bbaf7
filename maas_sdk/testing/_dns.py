"""DNS resources and their records in a fake region: tables, lookups, validation, rendering.

Shared by :mod:`._r_dnsresources` and :mod:`._r_dnsresourcerecords`. A DNS resource is a label
in a domain with addresses (kept as IP strings: a user-reserved address of ``store.reserved_ips``
when a subnet contains it, else a subnet-less address of this module) and records (``DNSData``).
Every change recomputes the domains' ``resource_record_count`` (addresses plus records).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ._forms import FormData
from ._models import Domain, ReservedIP
from ._r_ipaddresses import ALLOC_TYPE_NAMES, iso_naive
from ._render import API_PREFIX, render_subnet, render_user
from ._responses import FakeAPIError, FieldErrors, NotFound
from ._store import Store
from ._validate import REQUIRED

__all__ = [
    "DNSData",
    "DNSResource",
    "DNSTables",
    "domain_or_404",
    "render_dnsdata",
    "render_dnsresource",
    "separate_fqdn",
    "tables",
]

LABEL = r"[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}"
SRV_LABEL = r"_[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}[a-zA-Z0-9]){0,1}"
NAMESPEC = rf"({LABEL}[.])*{LABEL}[.]?"
SRV_LHS = rf"{SRV_LABEL}\.{SRV_LABEL}(\.{LABEL})?"
SPECIAL_NAMES = ("", "@", "*")
MAX_TTL = (1 << 31) - 1


@dataclass
class DNSResource:
    """A label in a domain.

    Attributes:
        ips: Its addresses as text, in the order they were given.
    """

    id: int
    name: str
    domain_id: int
    address_ttl: int | None = None
    ips: list[str] = field(default_factory=list)


@dataclass
class DNSData:
    """A non-address record of a DNS resource."""

    id: int
    resource_id: int
    rrtype: str
    rrdata: str
    ttl: int | None = None


@dataclass
class LooseAddress:
    """A user-reserved address no known subnet contains (``subnet: null``)."""

    ip: str
    username: str
    created: datetime


@dataclass
class DNSTables:
    """The DNS state of one fake region (``store.state("dns", DNSTables)``)."""

    resources: dict[int, DNSResource] = field(default_factory=dict)
    records: dict[int, DNSData] = field(default_factory=dict)
    loose: dict[str, LooseAddress] = field(default_factory=dict)


def tables(store: Store) -> DNSTables:
    """Return the region's DNS tables, without the resources of domains deleted meanwhile.

    ``domains/{id}/`` DELETE (another module) does not know about DNS resources; the real
    server refuses to delete a domain that still has some (a protected foreign key), the fake
    drops them with the domain so that nothing refers to a missing domain.
    """
    dns: DNSTables = store.state("dns", DNSTables)
    orphans = [key for key, r in dns.resources.items() if r.domain_id not in store.domains]
    for key in orphans:
        del dns.resources[key]
    if orphans:
        for key in [k for k, record in dns.records.items() if record.resource_id in orphans]:
            del dns.records[key]
    return dns


def recount(store: Store) -> None:
    """Recompute every domain's ``resource_record_count`` (addresses plus records)."""
    dns = tables(store)
    counts = dict.fromkeys(store.domains, 0)
    for resource in dns.resources.values():
        counts[resource.domain_id] = counts.get(resource.domain_id, 0) + len(resource.ips)
    for record in dns.records.values():
        resource = dns.resources[record.resource_id]
        counts[resource.domain_id] = counts.get(resource.domain_id, 0) + 1
    for domain_id, domain in store.domains.items():
        domain.resource_record_count = counts.get(domain_id, 0)
    store.changed()


# --- names --------------------------------------------------------------------------------


def separate_fqdn(store: Store, fqdn: str, rrtype: str | None) -> tuple[str, str]:
    """Split an FQDN into ``(label, domain name)`` as MAAS does (a domain's own name is ``@``).

    Raises:
        FakeAPIError: 500 when the FQDN cannot be split (MAAS unpacks ``None`` there).
    """
    if fqdn in SPECIAL_NAMES:
        raise FakeAPIError(500, "cannot unpack non-iterable NoneType object")
    if any(domain.name == fqdn for domain in store.domains.values()):
        return ("@", fqdn)
    spec = SRV_LHS if rrtype == "SRV" else LABEL
    match = re.match(rf"^(?P<name>{spec}).(?P<domain>{NAMESPEC})$", fqdn)
    if match is None:
        raise FakeAPIError(500, "cannot unpack non-iterable NoneType object")
    return match.group("name"), match.group("domain")


def domain_or_404(store: Store, spec: str) -> Domain:
    """Find a domain by id (digits) or name, as the DNS handlers do.

    Raises:
        NotFound: ``No Domain matches the given query.``
    """
    if spec.isdigit():
        domain = store.domains.get(int(spec))
    else:
        domain = next((d for d in store.domains.values() if d.name == spec), None)
    if domain is None:
        raise NotFound("Domain")
    return domain


def valid_label(name: str, rrtype: str | None) -> bool:
    """Return whether ``name`` is a valid label for records of ``rrtype``."""
    if name in SPECIAL_NAMES:
        return True
    spec = SRV_LHS if rrtype == "SRV" else LABEL
    return re.match(rf"^{spec}$", name) is not None


def fqdn_of(store: Store, resource: DNSResource) -> str:
    """Return a resource's FQDN (``@`` is the domain itself)."""
    domain = store.domains[resource.domain_id].name
    return domain if resource.name == "@" else f"{resource.name}.{domain}"


def optional_ttl(data: FormData, key: str) -> tuple[bool, int | None]:
    """Parse an optional TTL field: ``(given, value)``; ``""`` means ``None``.

    Raises:
        FieldErrors: Not a whole number, or out of range.
    """
    if key not in data:
        return False, None
    text = (data.get(key) or "").strip()
    if not text:
        return True, None
    try:
        value = int(text)
    except ValueError:
        raise FieldErrors({key: "Enter a whole number."}) from None
    if value < 0:
        raise FieldErrors({key: "Ensure this value is greater than or equal to 0."})
    if value > MAX_TTL:
        raise FieldErrors({key: f"Ensure this value is less than or equal to {MAX_TTL}."})
    return True, value


def required(data: FormData, key: str) -> str:
    """Return a required form field.

    Raises:
        FieldErrors: ``This field is required.``
    """
    value = data.get(key)
    if not value:
        raise FieldErrors({key: REQUIRED})
    return value


# --- addresses ----------------------------------------------------------------------------


def resolve_addresses(store: Store, text: str) -> list[str]:
    """Turn an ``ip_addresses`` field (space-separated IPs or address ids) into IPs.

    Raises:
        FieldErrors: An id that is no address, or a value that is neither.
    """
    resolved = []
    for item in text.split():
        if item.isdigit():
            reserved = store.reserved_ips.get(int(item))
            if reserved is None:
                message = f"Select a valid choice. {item} is not one of the available choices."
                raise FieldErrors({"ip_addresses": message})
            resolved.append(reserved.ip)
            continue
        try:
            resolved.append(str(ipaddress.ip_address(item)))
        except ValueError:
            raise FieldErrors({"ip_addresses": "Enter a valid IPv4 or IPv6 address."}) from None
    return list(dict.fromkeys(resolved))


def claim_address(store: Store, ip: str, username: str) -> None:
    """Make sure ``ip`` exists as an address (reserved for ``username`` if it is new)."""
    if any(reserved.ip == ip for reserved in store.reserved_ips.values()):
        return
    if ip in tables(store).loose:
        return
    subnet = store.subnet_for_ip(ip)
    now = store.clock.now()
    if subnet is None:
        tables(store).loose[ip] = LooseAddress(ip, username, now)
        return
    reserved = ReservedIP(store.next_id("reserved_ip"), ip, subnet.id, username, now)
    store.reserved_ips[reserved.id] = reserved


def release_unused(store: Store, ips: list[str]) -> None:
    """Release the addresses no DNS resource refers to any more."""
    dns = tables(store)
    in_use = {ip for resource in dns.resources.values() for ip in resource.ips}
    for ip in ips:
        if ip in in_use:
            continue
        dns.loose.pop(ip, None)
        for key in [k for k, r in store.reserved_ips.items() if r.ip == ip]:
            del store.reserved_ips[key]


def render_address(store: Store, ip: str) -> dict[str, Any]:
    """Render an address the way ``ipaddresses/`` items look."""
    reserved = next((r for r in store.reserved_ips.values() if r.ip == ip), None)
    if reserved is not None:
        username, created = reserved.username, reserved.created
        subnet: dict[str, Any] | None = render_subnet(store, store.subnets[reserved.subnet_id])
    else:
        loose = tables(store).loose[ip]
        username, created, subnet = loose.username, loose.created, None
    owner = store.users.get(username)
    return {
        "created": iso_naive(created),
        "ip": ip,
        "alloc_type": 4,
        "subnet": subnet,
        "alloc_type_name": ALLOC_TYPE_NAMES[4],
        "owner": render_user(owner) if owner is not None else None,
        "interface_set": [],
        "resource_uri": f"{API_PREFIX}ipaddresses/",
    }


# --- rendering ----------------------------------------------------------------------------


def render_dnsdata(store: Store, record: DNSData) -> dict[str, Any]:
    """Render a record (key order of MAAS's examples)."""
    resource = tables(store).resources[record.resource_id]
    return {
        "ttl": record.ttl,
        "rrtype": record.rrtype,
        "rrdata": record.rrdata,
        "fqdn": fqdn_of(store, resource),
        "id": record.id,
        "resource_uri": f"{API_PREFIX}dnsresourcerecords/{record.id}/",
    }


def render_dnsresource(store: Store, resource: DNSResource) -> dict[str, Any]:
    """Render a resource with its addresses and its records ordered by type."""
    records = [r for r in tables(store).records.values() if r.resource_id == resource.id]
    records.sort(key=lambda record: (record.rrtype, record.id))
    return {
        "address_ttl": resource.address_ttl,
        "fqdn": fqdn_of(store, resource),
        "resource_records": [render_dnsdata(store, record) for record in records],
        "id": resource.id,
        "ip_addresses": [render_address(store, ip) for ip in resource.ips],
        "resource_uri": f"{API_PREFIX}dnsresources/{resource.id}/",
    }
