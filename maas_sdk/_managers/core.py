"""The core managers: machines, subnets and zones."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._clock import Clock
    from maas_sdk._transport import Transport
    from maas_sdk.resources.machine_manager import Machines
    from maas_sdk.resources.subnets import Subnets
    from maas_sdk.resources.zones import Zones

__all__ = ["CoreManagers"]


class CoreManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
    clock: Clock

    @cached_property
    def machines(self) -> Machines:
        """Machines: list, get, create, allocate, and every machine operation."""
        from maas_sdk.resources.machine_manager import Machines

        return Machines(self.transport, clock=self.clock)

    @cached_property
    def subnets(self) -> Subnets:
        """Subnets: list, get by id or CIDR, create, update, delete, addresses and statistics."""
        from maas_sdk.resources.subnets import Subnets

        return Subnets(self.transport)

    @cached_property
    def zones(self) -> Zones:
        """Availability zones: list, get by name, create, update, delete."""
        from maas_sdk.resources.zones import Zones

        return Zones(self.transport)
