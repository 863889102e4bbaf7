"""Node managers other than machines.

Covers devices, rack and region controllers, generic nodes, their script results (and the
legacy commissioning/installation result listings) and their PCI/USB devices.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport
    from maas_sdk.resources.devices import Devices
    from maas_sdk.resources.node_devices import NodeDevices
    from maas_sdk.resources.node_results import NodeResults
    from maas_sdk.resources.nodes import Nodes
    from maas_sdk.resources.rack_controllers import RackControllers
    from maas_sdk.resources.region_controllers import RegionControllers
    from maas_sdk.resources.script_results import ScriptResults

__all__ = ["NodesManagers"]


class NodesManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport

    @cached_property
    def devices(self) -> Devices:
        """Devices: nodes MAAS tracks but does not deploy (``devices/``)."""
        from maas_sdk.resources.devices import Devices

        return Devices(self.transport)

    @cached_property
    def rack_controllers(self) -> RackControllers:
        """Rack controllers, their power, tests and boot images (``rackcontrollers/``)."""
        from maas_sdk.resources.rack_controllers import RackControllers

        return RackControllers(self.transport)

    @cached_property
    def region_controllers(self) -> RegionControllers:
        """Region controllers (``regioncontrollers/``)."""
        from maas_sdk.resources.region_controllers import RegionControllers

        return RegionControllers(self.transport)

    @cached_property
    def nodes(self) -> Nodes:
        """Nodes of every kind together: machines, devices and controllers (``nodes/``)."""
        from maas_sdk.resources.nodes import Nodes

        return Nodes(self.transport)

    @cached_property
    def script_results(self) -> ScriptResults:
        """Script sets of a node: commissioning, testing, installation (``nodes/{id}/results/``)."""
        from maas_sdk.resources.script_results import ScriptResults

        return ScriptResults(self.transport)

    @cached_property
    def node_results(self) -> NodeResults:
        """Legacy flat result listings (``commissioning-results/``, ``installation-results/``)."""
        from maas_sdk.resources.node_results import NodeResults

        return NodeResults(self.transport)

    @cached_property
    def node_devices(self) -> NodeDevices:
        """PCI and USB devices commissioning found in a node (``nodes/{id}/devices/``)."""
        from maas_sdk.resources.node_devices import NodeDevices

        return NodeDevices(self.transport)
