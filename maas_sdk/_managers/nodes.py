"""Node managers other than machines.

Covers devices, rack and region controllers, generic nodes and their results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport

__all__ = ["NodesManagers"]


class NodesManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
