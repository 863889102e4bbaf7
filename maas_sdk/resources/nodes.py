"""Nodes of every kind: the :class:`Node` summary and the :class:`Nodes` manager (``client.nodes``).

``nodes/`` lists machines, devices, rack and region controllers together, each rendered with
its own type's fields. :class:`Node` reads the fields they share and tells them apart by
:attr:`Node.node_type`; the type-specific keys stay available in ``model_extra``. To act on a
node through its own type's operations, read it from its manager (``client.machines.get``,
``client.devices.get``, ...).

MAAS API: ``nodes/``, ``nodes/{system_id}/`` (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Unpack

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeStatus, NodeType, PowerState
from maas_sdk.resources._base import bound_manager
from maas_sdk.resources._node_collection import NodeCollection, NodeResource
from maas_sdk.resources._node_support import NodeFilters, NodeTransport
from maas_sdk.resources.common import Domain, ResourcePool
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.zones import Zone

__all__ = ["Node", "Nodes"]


class Node(NodeResource):
    """A node of any kind, with the fields every kind has.

    Fields only some kinds have (``status`` and ``pool`` for machines, ``architecture`` for
    machines and controllers) are ``None`` for the others. Compares equal to another
    :class:`Node` with the same ``system_id``. ``nodes/`` has no update, so nothing is writable.
    """

    if TYPE_CHECKING:
        _manager: Nodes | None

    system_id: str
    """Stable identifier of the node."""
    hostname: str
    """Host name (without the domain)."""
    node_type: NodeType
    """Kind of node: machine, device, rack, region or region-and-rack controller."""
    node_type_name: str = ""
    """``node_type`` as MAAS labels it (``"Machine"``, ``"Rack controller"``, ...)."""
    description: str = ""
    """Free-form description."""
    domain: Domain | None = None
    """DNS domain of the node."""
    fqdn: str = ""
    """Fully qualified domain name, ``hostname.domain``."""
    zone: Zone | None = None
    """Availability zone."""
    owner: str | None = None
    """Owner's username (machines and devices), or ``None``."""
    tag_names: list[str] = Field(default_factory=list)
    """Names of the tags on the node."""
    ip_addresses: list[str] = Field(default_factory=list)
    """Addresses of the interfaces (MAAS 3.4 leaves the key out)."""
    interface_set: list[Interface] = Field(default_factory=list)
    """Network interfaces of the node."""
    architecture: str | None = None
    """``arch/subarch`` of machines and controllers; ``None`` for devices."""
    power_type: str | None = None
    """Power driver of machines and controllers (``""`` when unset); ``None`` for devices."""
    power_state: PowerState | None = None
    """Last known power state of machines and controllers; ``None`` for devices."""
    status: NodeStatus | None = None
    """Lifecycle status of a machine; ``None`` for other kinds (the API does not show it)."""
    status_name: str | None = None
    """``status`` as MAAS labels it, for machines."""
    pool: ResourcePool | None = None
    """Resource pool of a machine; ``None`` for other kinds."""
    resource_uri: str = ""
    """Absolute API path of the node under its own type (``/MAAS/api/2.0/machines/<id>/``)."""

    def __repr__(self) -> str:
        label = self.node_type_name or self.node_type.name
        return f"<Node {self.system_id} {self.hostname} {label}>"

    __str__ = __repr__

    @property
    def is_machine(self) -> bool:
        """Whether the node is a machine."""
        return self.node_type == NodeType.MACHINE

    @property
    def is_device(self) -> bool:
        """Whether the node is a device."""
        return self.node_type == NodeType.DEVICE

    @property
    def is_controller(self) -> bool:
        """Whether the node is a rack, region, or region-and-rack controller."""
        return self.node_type in (
            NodeType.RACK_CONTROLLER,
            NodeType.REGION_CONTROLLER,
            NodeType.REGION_AND_RACK_CONTROLLER,
        )

    def _nodes(self) -> Nodes:
        manager: Nodes | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def delete(self) -> None:
        """Delete the node; see :meth:`Nodes.delete`."""
        self._nodes().delete(self.system_id)


_NODE = TypeAdapter(Node)
_NODES = TypeAdapter(list[Node])


class Nodes(NodeCollection[Node]):
    """Manager of nodes of every kind, reached as ``client.nodes``.

    ``get``, ``details``, ``power_parameters``, ``is_registered``, ``is_action_in_progress``
    and ``set_zone`` come from :class:`~maas_sdk.resources._node_collection.NodeCollection`
    (``nodes/``).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        super().__init__(transport, "nodes/", _NODE, _NODES)

    @api_operation("GET", "nodes/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[Node]:
        """List the visible nodes of every kind matching every filter given.

        MAAS lists devices first, then machines, rack controllers and region controllers,
        each group ordered by id. A non-admin sees no controllers, and of the machines and
        devices only unowned ones and their own. The filters are those of every node listing.

        MAAS API: ``GET nodes/``.

        Raises:
            BadRequestError: An unknown zone, tag or owner, or a malformed value.
        """
        return self._list(filters)

    @api_operation("DELETE", "nodes/{system_id}/")
    def delete(self, system_id: str) -> None:
        """Delete a node of any kind (admin).

        MAAS API: ``DELETE nodes/{system_id}/``.

        Raises:
            NotFoundError: No node has that system_id.
            PermissionDeniedError: The caller is not an administrator, or the machine is
                locked.
        """
        self._transport.delete(self._path(system_id))
