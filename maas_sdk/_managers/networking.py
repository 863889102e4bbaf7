"""Networking managers.

Covers fabrics, VLANs, spaces, IP ranges, static routes, IP addresses, reserved IPs, discoveries
and networks.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport
    from maas_sdk.resources.discoveries import Discoveries
    from maas_sdk.resources.fabrics import Fabrics
    from maas_sdk.resources.ip_addresses import IPAddresses
    from maas_sdk.resources.ip_ranges import IPRanges
    from maas_sdk.resources.networks import Networks
    from maas_sdk.resources.reserved_ips import ReservedIPs
    from maas_sdk.resources.spaces import Spaces
    from maas_sdk.resources.static_routes import StaticRoutes
    from maas_sdk.resources.vlans import VLANs

__all__ = ["NetworkingManagers"]


class NetworkingManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport

    @cached_property
    def fabrics(self) -> Fabrics:
        """Fabrics and, through ``fabric.vlans``, their VLANs (``fabrics/``)."""
        from maas_sdk.resources.fabrics import Fabrics

        return Fabrics(self.transport, self.vlans)

    @cached_property
    def vlans(self) -> VLANs:
        """VLANs by database id or by fabric and VID, with DHCP on/off and relay."""
        from maas_sdk.resources.vlans import VLANs

        return VLANs(self.transport)

    @cached_property
    def spaces(self) -> Spaces:
        """Network spaces (``spaces/``)."""
        from maas_sdk.resources.spaces import Spaces

        return Spaces(self.transport)

    @cached_property
    def ip_ranges(self) -> IPRanges:
        """Dynamic and reserved IP ranges (``ipranges/``)."""
        from maas_sdk.resources.ip_ranges import IPRanges

        return IPRanges(self.transport)

    @cached_property
    def static_routes(self) -> StaticRoutes:
        """Static routes between subnets (``static-routes/``)."""
        from maas_sdk.resources.static_routes import StaticRoutes

        return StaticRoutes(self.transport)

    @cached_property
    def ip_addresses(self) -> IPAddresses:
        """IP address reservations for use outside MAAS (``ipaddresses/``)."""
        from maas_sdk.resources.ip_addresses import IPAddresses

        return IPAddresses(self.transport)

    @cached_property
    def reserved_ips(self) -> ReservedIPs:
        """DHCP fixed-address reservations, MAAS 3.6+ (``reservedips/``)."""
        from maas_sdk.resources.reserved_ips import ReservedIPs

        return ReservedIPs(self.transport)

    @cached_property
    def discoveries(self) -> Discoveries:
        """Devices observed on the networks by the rack controllers (``discovery/``)."""
        from maas_sdk.resources.discoveries import Discoveries

        return Discoveries(self.transport)

    @cached_property
    def networks(self) -> Networks:
        """The deprecated 1.x view of subnets (``networks/``); use ``subnets`` instead."""
        from maas_sdk.resources.networks import Networks

        return Networks(self.transport)
