"""Reserved IPs (MAAS 3.6+): :class:`ReservedIP` and the :class:`ReservedIPs` manager.

A reserved IP is a DHCP fixed-address entry: MAAS DHCP always hands ``ip`` to ``mac_address``
(it replaces DHCP snippets for that purpose). The address, MAC and subnet cannot change once
created; only the comment can. Reached as ``client.reserved_ips``. Regions older than 3.6 answer
404 ``Unknown API endpoint``.

MAAS API: ``reservedips/``, ``reservedips/{id}/`` (REFERENCE.md §9.8).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.ip_ranges import SubnetRef
from maas_sdk.resources.subnets import Subnet

__all__ = ["ReservedIP", "ReservedIPRef", "ReservedIPs"]


class ReservedIP(Resource):
    """A DHCP fixed-address reservation.

    Compares equal to another :class:`ReservedIP` with the same :attr:`id`. ``comment`` can be
    assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"comment"})
    if TYPE_CHECKING:
        _manager: ReservedIPs | None

    id: int
    """Database id."""
    ip: str = ""
    """The reserved address."""
    subnet: Subnet | None = None
    """The subnet of the address."""
    mac_address: str | None = None
    """The MAC address that always gets :attr:`ip` from MAAS DHCP."""
    comment: str | None = ""
    """Free-form comment."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/reservedips/<id>/``)."""

    def __repr__(self) -> str:
        return f"<ReservedIP {self.id} {self.ip} {self.mac_address}>"

    __str__ = __repr__

    def _reserved(self) -> ReservedIPs:
        manager: ReservedIPs | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> ReservedIP:
        """Re-read the reservation (dropping unsaved changes) and return it."""
        return self._apply(self._reserved().get(self.id))

    def save(self) -> ReservedIP:
        """Send the assigned comment (nothing if unchanged) and return the reservation."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._reserved().update(self.id, comment=changes["comment"] or ""))

    def delete(self) -> None:
        """Delete the reservation; see :meth:`ReservedIPs.delete`."""
        self._reserved().delete(self.id)


ReservedIPRef = int | ReservedIP
"""A reserved IP given by id, or as an object."""

_RESERVED = TypeAdapter(ReservedIP)
_RESERVED_LIST = TypeAdapter(list[ReservedIP])


class ReservedIPs:
    """Manager of DHCP reserved IPs (MAAS 3.6+), reached as ``client.reserved_ips``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<ReservedIPs manager>"

    @api_operation("GET", "reservedips/")
    def list(self) -> builtins.list[ReservedIP]:
        """List every reserved IP.

        MAAS API: ``GET reservedips/``.
        """
        reserved = decode(self._transport.get("reservedips/"), _RESERVED_LIST)
        bind_all(reserved, self)
        return reserved

    @api_operation("GET", "reservedips/{id}/")
    def get(self, reserved_ip: ReservedIPRef) -> ReservedIP:
        """Read one reserved IP by id.

        MAAS API: ``GET reservedips/{id}/``.

        Raises:
            NotFoundError: No such reservation (``No ReservedIP matches the given query.``).
        """
        return decode(self._transport.get(_reserved_path(reserved_ip)), _RESERVED)._bind(self)

    @api_operation("POST", "reservedips/")
    def create(
        self,
        ip: str,
        mac_address: str,
        *,
        subnet: SubnetRef | None = None,
        comment: str | None = None,
    ) -> ReservedIP:
        """Reserve ``ip`` for ``mac_address`` in MAAS DHCP (admin only).

        MAAS API: ``POST reservedips/``.

        Args:
            ip: The address (not the network or broadcast address, outside dynamic ranges).
            mac_address: The MAC that gets it (one reservation per MAC and subnet).
            subnet: The subnet (id, CIDR, name or object); default: the subnet holding ``ip``.
            comment: Free-form comment.

        Raises:
            BadRequestError: A refused value, e.g. ``field_errors["ip"]`` ``Reserved IP with
                this IP address already exists.`` or ``The reserved IP <ip> must be outside
                the dynamic range <start> - <end>.``
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form(
            {
                "ip": ip,
                "mac_address": mac_address,
                "subnet": subnet.id if isinstance(subnet, Subnet) else subnet,
                "comment": comment,
            }
        )
        return decode(self._transport.post("reservedips/", data=data), _RESERVED)._bind(self)

    @api_operation("PUT", "reservedips/{id}/")
    def update(self, reserved_ip: ReservedIPRef, *, comment: str | None = None) -> ReservedIP:
        """Change a reservation's comment (admin only; the rest is immutable).

        MAAS API: ``PUT reservedips/{id}/``.

        Raises:
            NotFoundError: No such reservation.
            PermissionDeniedError: The caller is not an administrator.
        """
        answer = self._transport.put(_reserved_path(reserved_ip), data=form({"comment": comment}))
        return decode(answer, _RESERVED)._bind(self)

    @api_operation("DELETE", "reservedips/{id}/")
    def delete(self, reserved_ip: ReservedIPRef) -> None:
        """Delete a reservation (admin only).

        MAAS API: ``DELETE reservedips/{id}/``.

        Raises:
            NotFoundError: No such reservation.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_reserved_path(reserved_ip))


def _reserved_path(reserved_ip: ReservedIPRef) -> str:
    key = reserved_ip.id if isinstance(reserved_ip, ReservedIP) else reserved_ip
    return f"reservedips/{path_segment(key)}/"
