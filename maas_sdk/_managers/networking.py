"""Networking managers.

Covers fabrics, VLANs, spaces, IP ranges, static routes, IP addresses, reserved IPs, discoveries
and networks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport

__all__ = ["NetworkingManagers"]


class NetworkingManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
