"""IP addresses: :class:`IPAddress` and the :class:`IPAddresses` manager (``client.ip_addresses``).

``ipaddresses/`` reserves addresses for use outside MAAS (``User reserved``), releases them and
lists them; administrators can list every address MAAS knows. An address has no id: it is
identified by its IP.

MAAS API: ``ipaddresses/`` (REFERENCE.md §9.7).
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import IPAllocType
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.ip_ranges import SubnetRef
from maas_sdk.resources.subnets import Subnet
from maas_sdk.resources.users import User

__all__ = ["IPAddress", "IPAddresses"]

_PATH = "ipaddresses/"


class IPAddress(Resource):
    """An IP address MAAS has allocated (a user reservation, or any address for admins).

    Compares equal to another :class:`IPAddress` with the same :attr:`ip`. Nothing can be
    assigned; :meth:`release` gives a reservation back.
    """

    _identity_field: ClassVar[str] = "ip"
    if TYPE_CHECKING:
        _manager: IPAddresses | None

    ip: str
    """The address."""
    alloc_type: IPAllocType = IPAllocType.USER_RESERVED
    """How it was allocated (4: user reserved, 1: static, 0: automatic, 5: DHCP, 6: observed)."""
    alloc_type_name: str = ""
    """``alloc_type`` as text (``User reserved``, ``Static``...)."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When it was allocated (naive server time before MAAS 3.6, UTC after)."""
    owner: User | None = None
    """The user it is allocated to, or ``None``."""
    interface_set: list[Interface] = Field(default_factory=list)
    """Interfaces holding the address (empty for a plain reservation)."""
    subnet: Subnet | None = None
    """The subnet of the address."""
    resource_uri: str = ""
    """Always ``/MAAS/api/2.0/ipaddresses/`` (addresses have no URL of their own)."""

    def __repr__(self) -> str:
        return f"<IPAddress {self.ip} {self.alloc_type_name or self.alloc_type.name}>"

    __str__ = __repr__

    def release(self, *, force: bool | None = None, discovered: bool | None = None) -> None:
        """Release the address; see :meth:`IPAddresses.release`."""
        manager: IPAddresses | None = getattr(self, "_manager", None)
        bound_manager(self, manager).release(self.ip, force=force, discovered=discovered)


_ADDRESS = TypeAdapter(IPAddress)
_ADDRESS_LIST = TypeAdapter(list[IPAddress])


class IPAddresses:
    """Manager of IP address reservations, reached as ``client.ip_addresses``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<IPAddresses manager>"

    @api_operation("GET", "ipaddresses/")
    def list(
        self,
        *,
        ip: str | None = None,
        all: bool | None = None,  # noqa: A002 - MAAS's parameter name
        owner: str | None = None,
    ) -> builtins.list[IPAddress]:
        """List IP addresses: by default the caller's own reservations.

        MAAS API: ``GET ipaddresses/``.

        Args:
            ip: Only this address.
            all: Every address of every kind and owner (admin only).
            owner: Only the reservations of this user (admin only).

        Raises:
            BadRequestError: ``ip`` is not an address.
            PermissionDeniedError: ``all`` or ``owner`` from a non-administrator (``Listing
                all IP addresses requires admin privileges.``).
        """
        params = form({"ip": ip, "all": all, "owner": owner})
        addresses = decode(self._transport.get(_PATH, params=params), _ADDRESS_LIST)
        bind_all(addresses, self)
        return addresses

    @api_operation("POST", "ipaddresses/", op="reserve")
    def reserve(
        self,
        *,
        subnet: SubnetRef | None = None,
        ip: str | None = None,
        hostname: str | None = None,
        mac: str | None = None,
    ) -> IPAddress:
        """Reserve an address for use outside MAAS (give ``ip``, or ``subnet`` for any free one).

        MAAS API: ``POST ipaddresses/?op=reserve``.

        Args:
            subnet: The subnet to pick a free address from (CIDR, id, name or object).
            ip: The exact address to reserve (it must be in a known subnet).
            hostname: A ``name[.domain]`` to publish in DNS for the address.
            mac: A MAC address to tie the reservation to (required inside a dynamic range).

        Raises:
            BadRequestError: Neither ``ip`` nor ``subnet``, or an unknown subnet.
            NotFoundError: The address is already in use (``The IP address <ip> is already in
                use.``).
            PermissionDeniedError: The address is in a dynamic range and no ``mac`` was given.
            ServiceUnavailableError: The subnet has no free address.
        """
        data = form(
            {
                "subnet": subnet.id if isinstance(subnet, Subnet) else subnet,
                "ip": ip,
                "hostname": hostname,
                "mac": mac,
            }
        )
        answer = self._transport.post(_PATH, op="reserve", data=data)
        return decode(answer, _ADDRESS)._bind(self)

    @api_operation("POST", "ipaddresses/", op="release")
    def release(
        self, ip: str, *, force: bool | None = None, discovered: bool | None = None
    ) -> None:
        """Release an address (MAAS answers 204).

        MAAS API: ``POST ipaddresses/?op=release``.

        Args:
            ip: The address.
            force: Release it whatever its kind and owner (admin only).
            discovered: With ``force``, release an observed (discovered) address.

        Raises:
            BadRequestError: The address is not one of the caller's reservations (``IP address
                <ip> does not exist, is not the correct type of address, or does not belong to
                the requesting user...``).
            PermissionDeniedError: ``force`` from a non-administrator.
        """
        data = form({"ip": ip, "force": force, "discovered": discovered})
        self._transport.post(_PATH, op="release", data=data)
