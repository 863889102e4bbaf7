"""Subnets: the :class:`Subnet` model and the :class:`Subnets` manager (``client.subnets``).

A subnet is addressed by its numeric id, its CIDR (``subnets/10.0.0.0/24/``) or its name; the
manager accepts any of them. The subnet's space is derived from its VLAN and cannot be set here.

MAAS API: ``subnets/``, ``subnets/{id}/`` (REFERENCE.md §9.1).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import IPAllocType, NodeType, RDNSMode
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.common import VLAN

__all__ = [
    "AddressRange",
    "NodeSummary",
    "Subnet",
    "SubnetIPAddress",
    "SubnetStatistics",
    "Subnets",
]


class Subnet(Resource):
    """An IP subnet.

    Compares equal to another :class:`Subnet` with the same :attr:`id`. Every field except
    ``id``, ``space`` and ``resource_uri`` can be assigned and sent with :meth:`save`; assign
    ``vlan`` a :class:`~maas_sdk.resources.common.VLAN` to move the subnet.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "description",
            "vlan",
            "cidr",
            "gateway_ip",
            "dns_servers",
            "rdns_mode",
            "active_discovery",
            "allow_dns",
            "allow_proxy",
            "managed",
            "disabled_boot_architectures",
        }
    )
    if TYPE_CHECKING:
        _manager: Subnets | None

    id: int
    """Database id."""
    name: str = ""
    """Subnet name (defaults to the CIDR)."""
    description: str = ""
    """Free-form description."""
    vlan: VLAN | None = None
    """The VLAN the subnet is on."""
    space: str | None = None
    """Name of the space (from the VLAN; ``"undefined"`` when none). Read-only."""
    cidr: str = ""
    """Network in CIDR notation, e.g. ``10.0.0.0/24``."""
    gateway_ip: str | None = None
    """Default gateway address, or ``None``."""
    dns_servers: list[str] = Field(default_factory=list)
    """DNS servers handed out on the subnet."""
    rdns_mode: RDNSMode = RDNSMode.RFC2317
    """How reverse DNS is generated for the subnet."""
    active_discovery: bool = False
    """Whether MAAS actively scans the subnet for devices."""
    allow_dns: bool = True
    """Whether MAAS DNS resolution is offered on the subnet."""
    allow_proxy: bool = True
    """Whether the MAAS proxy may be used from the subnet."""
    managed: bool = True
    """Whether MAAS manages address allocation (DHCP and static) on the subnet."""
    disabled_boot_architectures: list[str] = Field(default_factory=list)
    """Boot architectures MAAS will not answer on the subnet."""
    resource_uri: str = ""
    """Absolute API path of the subnet (``/MAAS/api/2.0/subnets/<id>/``)."""

    def __repr__(self) -> str:
        return f"<Subnet {self.id} {self.cidr}>"

    __str__ = __repr__

    def _subnets(self) -> Subnets:
        manager: Subnets | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Subnet:
        """Re-read the subnet from the server (dropping unsaved changes) and return it.

        MAAS API: ``GET subnets/{id}/``.
        """
        return self._apply(self._subnets().get(self.id))

    def save(self) -> Subnet:
        """Send the assigned fields to the server (nothing if none changed); return the subnet.

        A field assigned ``None`` is sent empty, which MAAS takes as "clear".

        MAAS API: ``PUT subnets/{id}/``.
        """
        changes = self.changes
        if not changes:
            return self
        cleared: dict[str, Any] = {k: "" if v is None else v for k, v in changes.items()}
        return self._apply(self._subnets().update(self.id, **cleared))

    def delete(self, *, force: bool | None = None) -> None:
        """Delete the subnet; see :meth:`Subnets.delete`.

        MAAS API: ``DELETE subnets/{id}/``.
        """
        self._subnets().delete(self.id, force=force)

    def ip_addresses(
        self, *, with_username: bool | None = None, with_summary: bool | None = None
    ) -> builtins.list[SubnetIPAddress]:
        """List the addresses in use on the subnet; see :meth:`Subnets.ip_addresses`.

        MAAS API: ``GET subnets/{id}/?op=ip_addresses``.
        """
        return self._subnets().ip_addresses(
            self.id, with_username=with_username, with_summary=with_summary
        )

    def reserved_ip_ranges(self) -> builtins.list[AddressRange]:
        """List the subnet's reserved ranges; see :meth:`Subnets.reserved_ip_ranges`.

        MAAS API: ``GET subnets/{id}/?op=reserved_ip_ranges``.
        """
        return self._subnets().reserved_ip_ranges(self.id)

    def unreserved_ip_ranges(self) -> builtins.list[AddressRange]:
        """List the subnet's free ranges; see :meth:`Subnets.unreserved_ip_ranges`.

        MAAS API: ``GET subnets/{id}/?op=unreserved_ip_ranges``.
        """
        return self._subnets().unreserved_ip_ranges(self.id)

    def statistics(
        self, *, include_ranges: bool | None = None, include_suggestions: bool | None = None
    ) -> SubnetStatistics:
        """Return the subnet's usage statistics; see :meth:`Subnets.statistics`.

        MAAS API: ``GET subnets/{id}/?op=statistics``.
        """
        return self._subnets().statistics(
            self.id, include_ranges=include_ranges, include_suggestions=include_suggestions
        )


class AddressRange(MAASModel):
    """A range of addresses in a subnet (reserved, unreserved, or a statistics range)."""

    start: str
    """First address of the range."""
    end: str
    """Last address of the range."""
    num_addresses: int = 0
    """Number of addresses in the range."""
    purpose: list[str] = Field(default_factory=list)
    """Why the range is reserved (``gateway-ip``, ``assigned-ip``, ``dynamic``, ``reserved``,
    ``dns-server``, ...); empty for unreserved ranges."""


class SubnetStatistics(MAASModel):
    """Address usage of a subnet (``op=statistics``)."""

    num_available: int = 0
    """Number of free addresses."""
    largest_available: int = 0
    """Size of the largest free range."""
    num_unavailable: int = 0
    """Number of addresses in use or reserved."""
    total_addresses: int = 0
    """Number of usable addresses in the subnet."""
    usage: float = 0.0
    """Fraction of addresses in use, from 0 to 1."""
    usage_string: str = ""
    """``usage`` as a percentage text, e.g. ``"9%"``."""
    available_string: str = ""
    """Free fraction as a percentage text, e.g. ``"91%"``."""
    first_address: str | None = None
    """First usable address."""
    last_address: str | None = None
    """Last usable address."""
    ip_version: int = 4
    """4 or 6."""
    ranges: list[AddressRange] | None = None
    """Every range of the subnet (only with ``include_ranges``)."""
    suggested_gateway: str | None = None
    """A suggested gateway address (only with ``include_suggestions``)."""
    suggested_dynamic_range: AddressRange | None = None
    """A suggested dynamic range (only with ``include_suggestions``)."""


class NodeSummary(MAASModel):
    """The node an address is assigned to (``op=ip_addresses`` with ``with_summary``)."""

    system_id: str
    """system_id of the node."""
    node_type: NodeType = NodeType.MACHINE
    """Kind of node."""
    fqdn: str = ""
    """Fully qualified domain name of the node."""
    hostname: str = ""
    """Hostname of the node."""
    is_container: bool = False
    """Whether the node is a container."""
    via: str | None = None
    """Name of the interface that holds the address."""


class SubnetIPAddress(MAASModel):
    """An address in use on a subnet (``op=ip_addresses``)."""

    ip: str
    """The address."""
    alloc_type: IPAllocType = IPAllocType.AUTO
    """How the address was allocated."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the address was allocated (server time; no zone before MAAS 3.6)."""
    updated: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the allocation last changed."""
    user: str | None = None
    """Username of the user who holds the address (with ``with_username``)."""
    node_summary: NodeSummary | None = None
    """The node holding the address (with ``with_summary``)."""
    bmcs: list[dict[str, Any]] | None = None
    """BMCs using the address, when any."""
    dns_records: list[dict[str, Any]] | None = None
    """DNS records pointing at the address, when any."""


_SUBNET = TypeAdapter(Subnet)
_SUBNETS = TypeAdapter(list[Subnet])
_RANGES = TypeAdapter(list[AddressRange])
_STATISTICS = TypeAdapter(SubnetStatistics)
_ADDRESSES = TypeAdapter(list[SubnetIPAddress])


class Subnets:
    """Manager of subnets, reached as ``client.subnets``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Subnets manager>"

    @api_operation("GET", "subnets/")
    def list(self) -> builtins.list[Subnet]:
        """List every subnet (the API has no filters here).

        MAAS API: ``GET subnets/``.
        """
        subnets = decode(self._transport.get("subnets/"), _SUBNETS)
        bind_all(subnets, self)
        return subnets

    @api_operation("GET", "subnets/{id}/")
    def get(self, subnet: int | str) -> Subnet:
        """Read one subnet by id, CIDR (``"10.0.0.0/24"``), name or specifier (``"ip:10.0.0.5"``).

        MAAS API: ``GET subnets/{id}/``.

        Raises:
            NotFoundError: No subnet matches.
            PermissionDeniedError: The specifier matches several subnets.
        """
        return decode(self._transport.get(_subnet_path(subnet)), _SUBNET)._bind(self)

    @api_operation("POST", "subnets/")
    def create(
        self,
        cidr: str,
        *,
        name: str | None = None,
        description: str | None = None,
        vlan: int | str | VLAN | None = None,
        fabric: int | str | None = None,
        vid: int | None = None,
        gateway_ip: str | None = None,
        dns_servers: str | Sequence[str] | None = None,
        rdns_mode: RDNSMode | int | None = None,
        active_discovery: bool | None = None,
        allow_dns: bool | None = None,
        allow_proxy: bool | None = None,
        managed: bool | None = None,
        disabled_boot_architectures: str | Sequence[str] | None = None,
    ) -> Subnet:
        """Create a subnet (admin only).

        MAAS API: ``POST subnets/``.

        Args:
            cidr: The network, e.g. ``"10.0.0.0/24"``.
            name: Name (defaults to the CIDR).
            description: Free-form description.
            vlan: The VLAN (database id, specifier or model); default: the untagged VLAN of the
                default fabric, or of ``fabric``.
            fabric: Fabric id or name, with ``vid``, to pick the VLAN.
            vid: VID of the VLAN in ``fabric``.
            gateway_ip: Default gateway address (inside the CIDR).
            dns_servers: DNS servers to hand out.
            rdns_mode: Reverse DNS mode.
            active_discovery: Scan the subnet for devices.
            allow_dns: Offer MAAS DNS on the subnet.
            allow_proxy: Allow the MAAS proxy from the subnet.
            managed: Let MAAS manage address allocation.
            disabled_boot_architectures: Boot architectures not to answer.

        Raises:
            BadRequestError: Invalid or duplicate CIDR, gateway outside the network, ...
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _subnet_form(locals())
        return decode(self._transport.post("subnets/", data=data), _SUBNET)._bind(self)

    @api_operation("PUT", "subnets/{id}/")
    def update(
        self,
        subnet: int | str,
        *,
        cidr: str | None = None,
        name: str | None = None,
        description: str | None = None,
        vlan: int | str | VLAN | None = None,
        fabric: int | str | None = None,
        vid: int | None = None,
        gateway_ip: str | None = None,
        dns_servers: str | Sequence[str] | None = None,
        rdns_mode: RDNSMode | int | None = None,
        active_discovery: bool | None = None,
        allow_dns: bool | None = None,
        allow_proxy: bool | None = None,
        managed: bool | None = None,
        disabled_boot_architectures: str | Sequence[str] | None = None,
    ) -> Subnet:
        """Change a subnet (admin only); omitted (``None``) arguments stay unchanged.

        Pass ``""`` to clear a text field such as ``gateway_ip``. The arguments are those of
        :meth:`create`.

        MAAS API: ``PUT subnets/{id}/``.
        """
        arguments = locals()
        data = _subnet_form(arguments)
        return decode(self._transport.put(_subnet_path(subnet), data=data), _SUBNET)._bind(self)

    @api_operation("DELETE", "subnets/{id}/")
    def delete(self, subnet: int | str, *, force: bool | None = None) -> None:
        """Delete a subnet (admin only).

        MAAS API: ``DELETE subnets/{id}/``.

        Args:
            subnet: Id, CIDR or name.
            force: Delete even if addresses are in use (MAAS 3.7+).
        """
        self._transport.delete(_subnet_path(subnet), params=form({"force": force}))

    @api_operation("GET", "subnets/{id}/", op="ip_addresses")
    def ip_addresses(
        self,
        subnet: int | str,
        *,
        with_username: bool | None = None,
        with_summary: bool | None = None,
    ) -> builtins.list[SubnetIPAddress]:
        """List the addresses in use on a subnet.

        MAAS API: ``GET subnets/{id}/?op=ip_addresses``.

        Args:
            subnet: Id, CIDR or name.
            with_username: Include the user holding each address (server default: true).
            with_summary: Include the node holding each address (server default: true).
        """
        params = form({"with_username": with_username, "with_summary": with_summary})
        answer = self._transport.get(_subnet_path(subnet), op="ip_addresses", params=params)
        return decode(answer, _ADDRESSES)

    @api_operation("GET", "subnets/{id}/", op="reserved_ip_ranges")
    def reserved_ip_ranges(self, subnet: int | str) -> builtins.list[AddressRange]:
        """List the ranges of a subnet that are reserved or in use, with their purpose.

        MAAS API: ``GET subnets/{id}/?op=reserved_ip_ranges``.
        """
        answer = self._transport.get(_subnet_path(subnet), op="reserved_ip_ranges")
        return decode(answer, _RANGES)

    @api_operation("GET", "subnets/{id}/", op="unreserved_ip_ranges")
    def unreserved_ip_ranges(self, subnet: int | str) -> builtins.list[AddressRange]:
        """List the free ranges of a subnet.

        MAAS API: ``GET subnets/{id}/?op=unreserved_ip_ranges``.
        """
        answer = self._transport.get(_subnet_path(subnet), op="unreserved_ip_ranges")
        return decode(answer, _RANGES)

    @api_operation("GET", "subnets/{id}/", op="statistics")
    def statistics(
        self,
        subnet: int | str,
        *,
        include_ranges: bool | None = None,
        include_suggestions: bool | None = None,
    ) -> SubnetStatistics:
        """Return a subnet's address usage.

        MAAS API: ``GET subnets/{id}/?op=statistics``.

        Args:
            subnet: Id, CIDR or name.
            include_ranges: Also list every range.
            include_suggestions: Also suggest a gateway and a dynamic range.
        """
        params = form(
            {"include_ranges": include_ranges, "include_suggestions": include_suggestions}
        )
        answer = self._transport.get(_subnet_path(subnet), op="statistics", params=params)
        return decode(answer, _STATISTICS)


def _subnet_path(subnet: int | str) -> str:
    return f"subnets/{path_segment(subnet)}/"


def _subnet_form(arguments: dict[str, Any]) -> builtins.list[tuple[str, str]]:
    values = {
        key: value for key, value in arguments.items() if key not in ("self", "subnet", "arguments")
    }
    vlan = values.get("vlan")
    if isinstance(vlan, VLAN):
        values["vlan"] = vlan.id
    for key, separator in (("dns_servers", " "), ("disabled_boot_architectures", ",")):
        value = values.get(key)
        if value is not None and not isinstance(value, str):
            values[key] = separator.join(value)
    return form(values)
