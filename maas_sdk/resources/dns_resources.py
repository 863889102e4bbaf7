"""DNS resources: a name in a domain with its addresses and records (``client.dns_resources``).

A DNS resource is one label (``www``, ``@`` for the domain itself, ``_sip._tcp`` for SRV) in a
domain. Its ``ip_addresses`` become A/AAAA records (MAAS reserves each new address for the
caller); its other records are :class:`~maas_sdk.resources.dns_resource_records.
DNSResourceRecord` objects, listed in ``resource_records``.

With ``include_implicit=True`` the listing also shows the records MAAS generates for nodes;
those pseudo-resources have id ``-1``, ``ip_addresses`` ``None`` and records in a different
shape (with ``system_id``, ``node_type``...), and cannot be read, changed or deleted by id.

MAAS API: ``dnsresources/``, ``dnsresources/{id}/`` (REFERENCE.md §10.3).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import IPAllocType, NodeType
from maas_sdk.resources import common
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    MAASModel,
    Resource,
    ResponseLike,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources.dns_resource_records import RRType, _domain_key
from maas_sdk.resources.subnets import Subnet
from maas_sdk.resources.users import User

__all__ = [
    "IMPLICIT_RESOURCE_ID",
    "DNSResource",
    "DNSResourceAddress",
    "DNSResources",
    "ResourceRecord",
]

IMPLICIT_RESOURCE_ID = -1
"""The id MAAS gives the pseudo-resources holding the records it generates for nodes."""

AddressRefs = str | int | Sequence[str | int]
"""Addresses given as IP addresses or ids of existing IP addresses, alone or several."""


class DNSResourceAddress(MAASModel):
    """An IP address of a DNS resource (rendered like an ``ipaddresses/`` item)."""

    ip: str
    """The address."""
    alloc_type: IPAllocType = IPAllocType.USER_RESERVED
    """How the address was allocated (addresses created for a DNS resource are user-reserved)."""
    alloc_type_name: str = ""
    """``alloc_type`` as text (``User reserved``)."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the address was allocated (server time; no zone before MAAS 3.6)."""
    owner: User | None = None
    """The user the address is reserved for."""
    subnet: Subnet | None = None
    """The subnet containing the address, or ``None`` when MAAS knows no such subnet."""
    interface_set: list[dict[str, Any]] = Field(default_factory=list)
    """Interfaces holding the address, when a node uses it."""
    resource_uri: str = ""
    """Path of the IP address collection (``/MAAS/api/2.0/ipaddresses/``)."""


class ResourceRecord(MAASModel):
    """A record inside a DNS resource's ``resource_records``.

    For an explicit resource it has the fields of a
    :class:`~maas_sdk.resources.dns_resource_records.DNSResourceRecord`; for an implicit node
    resource (id -1) it describes a generated record (``system_id``, ``node_type``...).
    """

    id: int | None = None
    """Id of the record (explicit resources only)."""
    fqdn: str | None = None
    """Name of the record (explicit resources only)."""
    ttl: int | None = None
    """TTL in seconds, or ``None`` for the default."""
    rrtype: RRType = RRType.TXT
    """Record type."""
    rrdata: str = ""
    """Record data."""
    system_id: str | None = None
    """system_id of the node the record was generated for (implicit records)."""
    node_type: NodeType | None = None
    """Type of that node (implicit records)."""
    user_id: int | None = None
    """Owner id of the address (implicit records)."""
    dnsresource_id: int | None = None
    """Id of an explicit resource that shares the name (implicit records)."""
    dnsdata_id: int | None = None
    """Id of a record that backs the generated one (implicit records)."""
    resource_uri: str | None = None
    """Absolute API path of the record (explicit resources only)."""


class DNSResource(Resource):
    """A name in a domain with its addresses and records.

    Compares equal to another resource with the same :attr:`id`. ``fqdn`` and ``address_ttl``
    can be assigned and sent with :meth:`save` (``address_ttl = None`` resets it to the
    domain's TTL); change the addresses with :meth:`set_addresses`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"fqdn", "address_ttl"})
    if TYPE_CHECKING:
        _manager: DNSResources | None

    id: int
    """Database id; ``-1`` for the records MAAS generates for a node."""
    fqdn: str = ""
    """The full name (``www.example.com``; the domain name itself for ``@``)."""
    address_ttl: int | None = None
    """TTL of the address records in seconds, or ``None`` for the domain's default."""
    ip_addresses: list[DNSResourceAddress] | None = Field(default_factory=list)
    """The addresses (A/AAAA records); ``None`` for an implicit node resource."""
    resource_records: list[ResourceRecord] = Field(default_factory=list)
    """The other records of the name, ordered by type."""
    resource_uri: str = ""
    """Absolute API path of the resource (``/MAAS/api/2.0/dnsresources/<id>/``)."""

    def __repr__(self) -> str:
        return f"<DNSResource {self.id} {self.fqdn}>"

    __str__ = __repr__

    @property
    def is_implicit(self) -> bool:
        """Whether MAAS generated this resource for a node (it has no id of its own)."""
        return self.id == IMPLICIT_RESOURCE_ID

    @property
    def addresses(self) -> builtins.list[str]:
        """The IP addresses as text."""
        return [address.ip for address in self.ip_addresses or []]

    def _resources(self) -> DNSResources:
        manager: DNSResources | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> DNSResource:
        """Re-read the resource (dropping unsaved changes) and return it."""
        return self._apply(self._resources().get(self.id))

    def save(self) -> DNSResource:
        """Send the assigned fields (nothing if none changed) and return the resource."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        if "address_ttl" in changes and changes["address_ttl"] is None:
            changes["address_ttl"] = ""
        return self._apply(self._resources().update(self.id, **changes))

    def set_addresses(self, ip_addresses: AddressRefs) -> DNSResource:
        """Replace the resource's addresses; see :meth:`DNSResources.update`."""
        return self._apply(self._resources().update(self.id, ip_addresses=ip_addresses))

    def delete(self) -> None:
        """Delete the resource; see :meth:`DNSResources.delete`."""
        self._resources().delete(self.id)


_RESOURCE = TypeAdapter(DNSResource)
_RESOURCES = TypeAdapter(list[DNSResource])


class DNSResources:
    """Manager of DNS resources, reached as ``client.dns_resources``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<DNSResources manager>"

    def _one(self, answer: ResponseLike) -> DNSResource:
        return decode(answer, _RESOURCE)._bind(self)

    @api_operation("GET", "dnsresources/")
    def list(
        self,
        *,
        fqdn: str | None = None,
        domain: int | str | common.Domain | None = None,
        name: str | None = None,
        rrtype: RRType | str | None = None,
        include_implicit: bool | None = None,
    ) -> builtins.list[DNSResource]:
        """List DNS resources, ordered by domain and name.

        MAAS API: ``GET dnsresources/``.

        Args:
            fqdn: Only this name (ignored when ``name`` or ``domain`` is given).
            domain: Only this domain (id, name or object).
            name: Only this label.
            rrtype: Only resources with records of this type (a resource with several such
                records is listed once per record, as MAAS does).
            include_implicit: Also list the records MAAS generates for nodes (sent as
                ``all``; they come as pseudo-resources with id -1).

        Raises:
            NotFoundError: ``domain`` names no domain.
        """
        params = form(
            {
                "fqdn": fqdn,
                "domain": _domain_key(domain),
                "name": name,
                "rrtype": rrtype,
                "all": include_implicit,
            }
        )
        resources = decode(self._transport.get("dnsresources/", params=params), _RESOURCES)
        bind_all(resources, self)
        return resources

    @api_operation("GET", "dnsresources/{id}/")
    def get(self, resource_id: int) -> DNSResource:
        """Read one DNS resource.

        MAAS API: ``GET dnsresources/{id}/``.

        Raises:
            NotFoundError: No resource has that id (``No DNSResource matches the given
                query.``).
        """
        return self._one(self._transport.get(_resource_path(resource_id)))

    @api_operation("POST", "dnsresources/")
    def create(
        self,
        *,
        fqdn: str | None = None,
        name: str | None = None,
        domain: int | str | common.Domain | None = None,
        address_ttl: int | None = None,
        ip_addresses: AddressRefs | None = None,
    ) -> DNSResource:
        """Create a DNS resource (admin only). Give either ``fqdn`` or ``name`` and ``domain``.

        MAAS API: ``POST dnsresources/``.

        Args:
            fqdn: The full name; MAAS splits it into label and domain.
            name: The label (``@`` for the domain itself).
            domain: The domain (id, name or object).
            address_ttl: TTL of the address records in seconds.
            ip_addresses: Addresses for A/AAAA records (new ones are reserved for the caller),
                or ids of existing IP addresses.

        Raises:
            BadRequestError: The label is taken in the domain or invalid
                (``field_errors["__all__"]``), or a field is missing.
            NotFoundError: The domain does not exist.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _resource_form(fqdn, name, domain, address_ttl, ip_addresses)
        return self._one(self._transport.post("dnsresources/", data=data))

    @api_operation("PUT", "dnsresources/{id}/")
    def update(
        self,
        resource_id: int,
        *,
        fqdn: str | None = None,
        name: str | None = None,
        domain: int | str | common.Domain | None = None,
        address_ttl: int | Literal[""] | None = None,
        ip_addresses: AddressRefs | None = None,
    ) -> DNSResource:
        """Change a DNS resource (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT dnsresources/{id}/``.

        Args:
            resource_id: The resource's id.
            fqdn: A new full name.
            name: A new label.
            domain: A new domain.
            address_ttl: A new TTL for the addresses; ``""`` resets it to the domain's.
            ip_addresses: The new set of addresses (replaces the current ones; ``[]`` is not
                sent, so it cannot empty the set).

        Raises:
            BadRequestError: Invalid values.
            NotFoundError: No resource has that id, or the domain does not exist.
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        data = _resource_form(fqdn, name, domain, address_ttl, ip_addresses)
        return self._one(self._transport.put(_resource_path(resource_id), data=data))

    @api_operation("DELETE", "dnsresources/{id}/")
    def delete(self, resource_id: int) -> None:
        """Delete a DNS resource with its records (admin only).

        Addresses that were reserved for it and that no interface uses are released.

        MAAS API: ``DELETE dnsresources/{id}/``.

        Raises:
            NotFoundError: No resource has that id.
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        self._transport.delete(_resource_path(resource_id))


def _resource_path(resource_id: int) -> str:
    return f"dnsresources/{int(resource_id)}/"


def _resource_form(
    fqdn: str | None,
    name: str | None,
    domain: int | str | common.Domain | None,
    address_ttl: int | str | None,
    ip_addresses: AddressRefs | None,
) -> builtins.list[tuple[str, str]]:
    addresses: str | None
    if ip_addresses is None or isinstance(ip_addresses, str | int):
        addresses = None if ip_addresses is None else str(ip_addresses)
    else:
        addresses = " ".join(str(address) for address in ip_addresses) or None
    return form(
        {
            "fqdn": fqdn,
            "name": name,
            "domain": _domain_key(domain),
            "address_ttl": address_ttl,
            "ip_addresses": addresses,
        }
    )
