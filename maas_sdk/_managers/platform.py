"""Platform managers.

Covers VM hosts, virtual machines, VM clusters, boot resources and sources, files, scripts,
notifications, package repositories, license keys and DHCP snippets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport

__all__ = ["PlatformManagers"]


class PlatformManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
