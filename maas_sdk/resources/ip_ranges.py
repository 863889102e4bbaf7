"""IP ranges: the :class:`IPRange` model and the :class:`IPRanges` manager (``client.ip_ranges``).

A range is ``dynamic`` (handed out by MAAS DHCP; admin only) or ``reserved`` (kept out of MAAS's
allocation; any user, who then owns it). Only the owner or an administrator may change or delete
a range.

MAAS API: ``ipranges/``, ``ipranges/{id}/`` (REFERENCE.md §9.5).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import IPRangeType
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.subnets import Subnet
from maas_sdk.resources.users import User

__all__ = ["IPRange", "IPRangeRef", "IPRangeType", "IPRanges", "SubnetRef"]

SubnetRef = int | str | Subnet
"""A subnet given by id, CIDR, name or specifier, or as an object."""


class IPRange(Resource):
    """A dynamic or reserved range of addresses in a subnet.

    Compares equal to another :class:`IPRange` with the same :attr:`id`. ``start_ip``,
    ``end_ip`` and ``comment`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"start_ip", "end_ip", "comment"})
    if TYPE_CHECKING:
        _manager: IPRanges | None

    id: int
    """Database id."""
    type: IPRangeType = IPRangeType.RESERVED
    """``dynamic`` or ``reserved``."""
    start_ip: str = ""
    """First address of the range."""
    end_ip: str = ""
    """Last address of the range."""
    comment: str = ""
    """Free-form comment."""
    user: User | None = None
    """The user who owns the range, or ``None``."""
    subnet: Subnet | None = None
    """The subnet the range is in."""
    resource_uri: str = ""
    """Absolute API path of the range (``/MAAS/api/2.0/ipranges/<id>/``)."""

    def __repr__(self) -> str:
        return f"<IPRange {self.id} {self.type.value} {self.start_ip}-{self.end_ip}>"

    __str__ = __repr__

    def _ranges(self) -> IPRanges:
        manager: IPRanges | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> IPRange:
        """Re-read the range (dropping unsaved changes) and return it."""
        return self._apply(self._ranges().get(self.id))

    def save(self) -> IPRange:
        """Send the assigned fields (nothing if none changed) and return the range."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._ranges().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the range; see :meth:`IPRanges.delete`."""
        self._ranges().delete(self.id)


IPRangeRef = int | IPRange
"""An IP range given by id, or as an object."""

_RANGE = TypeAdapter(IPRange)
_RANGE_LIST = TypeAdapter(list[IPRange])


class IPRanges:
    """Manager of IP ranges, reached as ``client.ip_ranges``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<IPRanges manager>"

    @api_operation("GET", "ipranges/")
    def list(self) -> builtins.list[IPRange]:
        """List every IP range.

        MAAS API: ``GET ipranges/``.
        """
        ranges = decode(self._transport.get("ipranges/"), _RANGE_LIST)
        bind_all(ranges, self)
        return ranges

    @api_operation("GET", "ipranges/{id}/")
    def get(self, iprange: IPRangeRef) -> IPRange:
        """Read one IP range by id.

        MAAS API: ``GET ipranges/{id}/``.

        Raises:
            NotFoundError: No such range (``No IPRange matches the given query.``).
        """
        return decode(self._transport.get(_range_path(iprange)), _RANGE)._bind(self)

    @api_operation("POST", "ipranges/")
    def create(
        self,
        type: IPRangeType | str,  # noqa: A002 - MAAS's parameter name
        start_ip: str,
        end_ip: str,
        *,
        subnet: SubnetRef | None = None,
        comment: str | None = None,
    ) -> IPRange:
        """Create an IP range; the caller becomes its owner.

        MAAS API: ``POST ipranges/``.

        Args:
            type: ``dynamic`` (admin only) or ``reserved``.
            start_ip: First address.
            end_ip: Last address.
            subnet: The subnet (id, CIDR, name or object); default: the subnet holding
                ``start_ip``.
            comment: Free-form comment.

        Raises:
            BadRequestError: Overlap with another range (or, for a dynamic range, with an
                address in use), addresses outside the subnet, start after end
                (``field_errors``).
            PermissionDeniedError: A non-administrator asked for a dynamic range.
        """
        data = form(
            {
                "type": type,
                "start_ip": start_ip,
                "end_ip": end_ip,
                "subnet": subnet.id if isinstance(subnet, Subnet) else subnet,
                "comment": comment,
            }
        )
        return decode(self._transport.post("ipranges/", data=data), _RANGE)._bind(self)

    @api_operation("PUT", "ipranges/{id}/")
    def update(
        self,
        iprange: IPRangeRef,
        *,
        start_ip: str | None = None,
        end_ip: str | None = None,
        comment: str | None = None,
    ) -> IPRange:
        """Change a range's addresses or comment (owner or admin); omitted fields stay unchanged.

        MAAS API: ``PUT ipranges/{id}/``.

        Raises:
            BadRequestError: The new addresses overlap or leave the subnet.
            NotFoundError: No such range.
            PermissionDeniedError: The caller neither owns the range nor is an administrator
                (``Unable to modify IP range. You don't own the IP range.``).
        """
        data = form({"start_ip": start_ip, "end_ip": end_ip, "comment": comment})
        return decode(self._transport.put(_range_path(iprange), data=data), _RANGE)._bind(self)

    @api_operation("DELETE", "ipranges/{id}/")
    def delete(self, iprange: IPRangeRef) -> None:
        """Delete a range (owner or admin).

        MAAS API: ``DELETE ipranges/{id}/``.

        Raises:
            NotFoundError: No such range.
            PermissionDeniedError: The caller neither owns the range nor is an administrator.
        """
        self._transport.delete(_range_path(iprange))


def _range_path(iprange: IPRangeRef) -> str:
    key = iprange.id if isinstance(iprange, IPRange) else iprange
    return f"ipranges/{path_segment(key)}/"
