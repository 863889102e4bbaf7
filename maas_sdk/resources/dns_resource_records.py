"""DNS resource records (CNAME, MX, NS, SRV, SSHFP, TXT): ``client.dns_resource_records``.

A record belongs to a DNS resource (a name in a domain); creating a record for a name that has
no resource yet creates the resource, and deleting a resource's last record (when it has no
address either) deletes the resource. Address records (A/AAAA) are not records here: they are
the ``ip_addresses`` of the DNS resource (see :mod:`maas_sdk.resources.dns_resources`).

MAAS API: ``dnsresourcerecords/``, ``dnsresourcerecords/{id}/`` (REFERENCE.md §10.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import RRType
from maas_sdk.resources import common
from maas_sdk.resources._base import (
    Resource,
    ResponseLike,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = ["DNSResourceRecord", "DNSResourceRecords", "RRType"]


class DNSResourceRecord(Resource):
    """One DNS resource record.

    Compares equal to another record with the same :attr:`id`. ``ttl``, ``rrtype`` and
    ``rrdata`` can be assigned and sent with :meth:`save` (``ttl = None`` resets it to the
    domain's TTL).
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"ttl", "rrtype", "rrdata"})
    if TYPE_CHECKING:
        _manager: DNSResourceRecords | None

    id: int
    """Database id."""
    fqdn: str = ""
    """Name of the record, with its domain (``www.example.com``)."""
    ttl: int | None = None
    """TTL in seconds, or ``None`` for the domain's (or the global) default."""
    rrtype: RRType = RRType.TXT
    """Record type."""
    rrdata: str = ""
    """Everything right of the type in a zone file line (``10 mail.example.com``)."""
    resource_uri: str = ""
    """Absolute API path of the record (``/MAAS/api/2.0/dnsresourcerecords/<id>/``)."""

    def __repr__(self) -> str:
        return f"<DNSResourceRecord {self.id} {self.fqdn} {self.rrtype} {self.rrdata!r}>"

    __str__ = __repr__

    def _records(self) -> DNSResourceRecords:
        manager: DNSResourceRecords | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> DNSResourceRecord:
        """Re-read the record (dropping unsaved changes) and return it."""
        return self._apply(self._records().get(self.id))

    def save(self) -> DNSResourceRecord:
        """Send the assigned fields (nothing if none changed) and return the record."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        if "ttl" in changes and changes["ttl"] is None:
            changes["ttl"] = ""
        return self._apply(self._records().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the record; see :meth:`DNSResourceRecords.delete`."""
        self._records().delete(self.id)


_RECORD = TypeAdapter(DNSResourceRecord)
_RECORDS = TypeAdapter(list[DNSResourceRecord])


class DNSResourceRecords:
    """Manager of DNS resource records, reached as ``client.dns_resource_records``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<DNSResourceRecords manager>"

    def _one(self, answer: ResponseLike) -> DNSResourceRecord:
        return decode(answer, _RECORD)._bind(self)

    @api_operation("GET", "dnsresourcerecords/")
    def list(
        self,
        *,
        fqdn: str | None = None,
        domain: int | str | common.Domain | None = None,
        name: str | None = None,
        rrtype: RRType | str | None = None,
    ) -> builtins.list[DNSResourceRecord]:
        """List records, ordered by domain and name.

        MAAS API: ``GET dnsresourcerecords/``.

        Args:
            fqdn: Only the records of this name (ignored when ``name`` or ``domain`` is
                given).
            domain: Only the records of this domain (id, name or object).
            name: Only the records of this name (label without the domain).
            rrtype: Only records of this type (upper case, as MAAS stores them).

        Raises:
            NotFoundError: ``domain`` names no domain.
        """
        params = form({"fqdn": fqdn, "domain": _domain_key(domain), "name": name, "rrtype": rrtype})
        records = decode(self._transport.get("dnsresourcerecords/", params=params), _RECORDS)
        bind_all(records, self)
        return records

    @api_operation("GET", "dnsresourcerecords/{id}/")
    def get(self, record_id: int) -> DNSResourceRecord:
        """Read one record.

        MAAS API: ``GET dnsresourcerecords/{id}/``.

        Raises:
            NotFoundError: No record has that id (``No DNSData matches the given query.``).
        """
        return self._one(self._transport.get(_record_path(record_id)))

    @api_operation("POST", "dnsresourcerecords/")
    def create(
        self,
        *,
        rrtype: RRType | str,
        rrdata: str,
        fqdn: str | None = None,
        name: str | None = None,
        domain: int | str | common.Domain | None = None,
        ttl: int | None = None,
    ) -> DNSResourceRecord:
        """Create a record (admin only), and its DNS resource if the name has none yet.

        Give either ``fqdn`` or both ``name`` and ``domain``.

        MAAS API: ``POST dnsresourcerecords/``.

        Args:
            rrtype: The record type (``CNAME``, ``MX``, ``NS``, ``SRV``, ``SSHFP``, ``TXT``).
            rrdata: The record data, e.g. ``10 mail.example.com`` for an MX.
            fqdn: The record's full name (``www.example.com``).
            name: The name without the domain (``www``; ``@`` for the domain itself).
            domain: The domain (id, name or object).
            ttl: TTL in seconds (default: the domain's).

        Raises:
            BadRequestError: Invalid data for the type (``field_errors["__all__"]``), an
                unsupported type (``field_errors["rrtype"]``), a CNAME next to other records,
                or no name.
            NotFoundError: The domain does not exist.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form(
            {
                "fqdn": fqdn,
                "name": name,
                "domain": _domain_key(domain),
                "rrtype": rrtype,
                "rrdata": rrdata,
                "ttl": ttl,
            }
        )
        return self._one(self._transport.post("dnsresourcerecords/", data=data))

    @api_operation("PUT", "dnsresourcerecords/{id}/")
    def update(
        self,
        record_id: int,
        *,
        rrtype: RRType | str | None = None,
        rrdata: str | None = None,
        ttl: int | Literal[""] | None = None,
    ) -> DNSResourceRecord:
        """Change a record (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT dnsresourcerecords/{id}/``.

        Args:
            record_id: The record's id.
            rrtype: A new type.
            rrdata: New data.
            ttl: A new TTL; ``""`` resets it to the domain's.

        Raises:
            BadRequestError: Invalid data for the type.
            NotFoundError: No record has that id.
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        data = form({"rrtype": rrtype, "rrdata": rrdata, "ttl": ttl})
        return self._one(self._transport.put(_record_path(record_id), data=data))

    @api_operation("DELETE", "dnsresourcerecords/{id}/")
    def delete(self, record_id: int) -> None:
        """Delete a record (admin only); a DNS resource left with nothing is deleted too.

        MAAS API: ``DELETE dnsresourcerecords/{id}/``.

        Raises:
            NotFoundError: No record has that id.
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        self._transport.delete(_record_path(record_id))


def _record_path(record_id: int) -> str:
    return f"dnsresourcerecords/{int(record_id)}/"


def _domain_key(domain: int | str | common.Domain | None) -> int | str | None:
    """The value MAAS takes for a domain: its id when given the object, else as given."""
    return domain.id if isinstance(domain, common.Domain) else domain
