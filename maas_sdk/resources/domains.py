"""DNS domains: the :class:`Domain` model and the :class:`Domains` manager (``client.domains``).

A domain is addressed by id or name (``domains/{id}/``); the default domain ``maas`` has id 0.
``authoritative`` is a Django ``NullBooleanField`` on the server: only ``true``/``false`` are
understood (anything else is silently ignored), which is what this SDK sends.

MAAS API: ``domains/``, ``domains/{id}/`` (REFERENCE.md §10.3).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources import common
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)

__all__ = ["MAX_DNS_SERIAL", "Domain", "DomainRef", "Domains"]

MAX_DNS_SERIAL = 2**32 - 1
"""The largest serial ``set_serial`` accepts (serials start at 1)."""

DomainRef = int | str | common.Domain
"""A domain given by id, by name, or as an object."""


class Domain(Resource, common.Domain):
    """A DNS domain with its bound actions.

    It is a :class:`maas_sdk.resources.common.Domain` (the object a machine's ``domain`` holds)
    that can also be saved, deleted and made the default. Compares equal to another domain with
    the same :attr:`id`. ``name``, ``ttl`` and ``authoritative`` can be assigned and sent with
    :meth:`save`; assigning ``ttl = None`` resets it to the global default.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "ttl", "authoritative"})
    if TYPE_CHECKING:
        _manager: Domains | None

    def __repr__(self) -> str:
        default = " default" if self.is_default else ""
        return f"<Domain {self.id} {self.name}{default}>"

    __str__ = __repr__

    def _domains(self) -> Domains:
        manager: Domains | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Domain:
        """Re-read the domain from the server (dropping unsaved changes) and return it."""
        return self._apply(self._domains().get(self.id))

    def save(self) -> Domain:
        """Send the assigned fields (nothing if none changed) and return the domain."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        if "ttl" in changes and changes["ttl"] is None:
            changes["ttl"] = ""
        return self._apply(self._domains().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the domain; see :meth:`Domains.delete`."""
        self._domains().delete(self.id)

    def set_default(self) -> Domain:
        """Make this the default domain for new nodes; see :meth:`Domains.set_default`."""
        return self._apply(self._domains().set_default(self.id))


_DOMAIN = TypeAdapter(Domain)
_DOMAINS = TypeAdapter(list[Domain])


class Domains:
    """Manager of DNS domains, reached as ``client.domains``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Domains manager>"

    @api_operation("GET", "domains/")
    def list(self) -> builtins.list[Domain]:
        """List the domains, ordered by name.

        MAAS API: ``GET domains/``.
        """
        domains = decode(self._transport.get("domains/"), _DOMAINS)
        bind_all(domains, self)
        return domains

    @api_operation("GET", "domains/{id}/")
    def get(self, domain: DomainRef) -> Domain:
        """Read one domain by id or name.

        MAAS API: ``GET domains/{id}/``.

        Raises:
            NotFoundError: No domain matches (``No Domain matches the given query.``).
        """
        return decode(self._transport.get(_domain_path(domain)), _DOMAIN)._bind(self)

    def get_default(self) -> Domain:
        """Return the default domain (the one flagged ``is_default``).

        MAAS API: ``GET domains/`` (there is no direct read of the default).
        """
        return next(domain for domain in self.list() if domain.is_default)

    @api_operation("POST", "domains/")
    def create(
        self,
        name: str,
        *,
        authoritative: bool | None = None,
        ttl: int | None = None,
        forward_dns_servers: str | Sequence[str] | None = None,
    ) -> Domain:
        """Create a domain (admin only).

        MAAS API: ``POST domains/``.

        Args:
            name: The domain name, e.g. ``example.com``.
            authoritative: Whether MAAS is authoritative for it (server default: true).
            ttl: Default TTL of its records in seconds (default: the global ``default_dns_ttl``).
            forward_dns_servers: DNS servers to forward queries for a non-authoritative domain
                to (addresses; a string may separate them with spaces or commas).

        Raises:
            BadRequestError: The name is taken or invalid (``field_errors["name"]``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _domain_form(name, authoritative, ttl, forward_dns_servers)
        return decode(self._transport.post("domains/", data=data), _DOMAIN)._bind(self)

    @api_operation("PUT", "domains/{id}/")
    def update(
        self,
        domain: DomainRef,
        *,
        name: str | None = None,
        authoritative: bool | None = None,
        ttl: int | Literal[""] | None = None,
        forward_dns_servers: str | Sequence[str] | None = None,
    ) -> Domain:
        """Change a domain (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT domains/{id}/``.

        Args:
            domain: The domain (id, name or object).
            name: A new name.
            authoritative: Whether MAAS is authoritative for it.
            ttl: A new default TTL in seconds; ``""`` resets it to the global default.
            forward_dns_servers: New forward DNS servers.

        Raises:
            BadRequestError: Invalid or duplicate name.
            NotFoundError: No domain matches.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _domain_form(name, authoritative, ttl, forward_dns_servers)
        answer = self._transport.put(_domain_path(domain), data=data)
        return decode(answer, _DOMAIN)._bind(self)

    @api_operation("DELETE", "domains/{id}/")
    def delete(self, domain: DomainRef) -> None:
        """Delete a domain (admin only).

        MAAS API: ``DELETE domains/{id}/``.

        Raises:
            BadRequestError: It is the default domain.
            NotFoundError: No domain matches.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_domain_path(domain))

    @api_operation("POST", "domains/{id}/", op="set_default")
    def set_default(self, domain: DomainRef) -> Domain:
        """Make a domain the default one for new nodes (admin only).

        MAAS API: ``POST domains/{id}/?op=set_default``.

        Returns:
            The domain, now with ``is_default`` true.
        """
        answer = self._transport.post(_domain_path(domain), op="set_default")
        return decode(answer, _DOMAIN)._bind(self)

    @api_operation("POST", "domains/", op="set_serial")
    def set_serial(self, serial: int) -> None:
        """Set the serial number of the DNS zones MAAS serves (admin only).

        Zone serials must keep growing for secondaries to transfer the zones; use this after
        restoring a region from a backup. The server answers ``null``.

        MAAS API: ``POST domains/?op=set_serial``.

        Args:
            serial: The new serial, 1 to 4294967295.

        Raises:
            ValueError: The serial is out of range (checked before sending).
            BadRequestError: The server rejected the serial.
            PermissionDeniedError: The caller is not an administrator.
        """
        if isinstance(serial, bool) or not 1 <= serial <= MAX_DNS_SERIAL:
            raise ValueError(f"a DNS serial must be between 1 and {MAX_DNS_SERIAL}, not {serial}")
        self._transport.post("domains/", op="set_serial", data=form({"serial": serial}))


def _domain_path(domain: DomainRef) -> str:
    key = domain.id if isinstance(domain, common.Domain) else domain
    return f"domains/{path_segment(key)}/"


def _domain_form(
    name: str | None,
    authoritative: bool | None,
    ttl: int | str | None,
    forward_dns_servers: str | Sequence[str] | None,
) -> builtins.list[tuple[str, str]]:
    servers = (
        forward_dns_servers
        if forward_dns_servers is None or isinstance(forward_dns_servers, str)
        else " ".join(forward_dns_servers)
    )
    return form(
        {
            "name": name,
            "authoritative": authoritative,
            "ttl": ttl,
            "forward_dns_servers": servers,
        }
    )
