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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Unpack

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeStatus, NodeType, PowerState
from maas_sdk.resources._base import (
    Resource,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources._node_support import (
    NodeFilters,
    NodeTransport,
    bool_answer,
    check_action_in_progress,
    node_filter_params,
    read_details,
    read_power_parameters,
    set_zone_form,
)
from maas_sdk.resources.common import Domain, ResourcePool
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk.resources.machine_settings import MachineDetails

__all__ = ["Node", "Nodes"]


class Node(Resource):
    """A node of any kind, with the fields every kind has.

    Fields only some kinds have (``status`` and ``pool`` for machines, ``architecture`` for
    machines and controllers) are ``None`` for the others. Compares equal to another
    :class:`Node` with the same ``system_id``. ``nodes/`` has no update, so nothing is writable.
    """

    _identity_field: ClassVar[str] = "system_id"
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
    def addresses(self) -> list[str]:
        """The node's addresses, from ``ip_addresses`` or else from its interface links."""
        if self.ip_addresses:
            return list(self.ip_addresses)
        return [
            link.ip_address
            for interface in self.interface_set
            for link in interface.links
            if link.ip_address
        ]

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

    def refresh(self) -> Node:
        """Re-read the node and return it."""
        return self._apply(self._nodes().get(self.system_id))

    def delete(self) -> None:
        """Delete the node; see :meth:`Nodes.delete`."""
        self._nodes().delete(self.system_id)

    def details(self) -> MachineDetails:
        """Return commissioning's lshw/lldp output; see :meth:`Nodes.details`."""
        return self._nodes().details(self.system_id)

    def power_parameters(self) -> dict[str, Any]:
        """Return the power parameters; see :meth:`Nodes.power_parameters`."""
        return self._nodes().power_parameters(self.system_id)


_NODE = TypeAdapter(Node)
_NODES = TypeAdapter(list[Node])


class Nodes:
    """Manager of nodes of every kind, reached as ``client.nodes``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Nodes manager>"

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
        params = node_filter_params(filters)
        if params is None:
            return []
        nodes = decode(self._transport.get("nodes/", params=params), _NODES)
        bind_all(nodes, self)
        return nodes

    @api_operation("GET", "nodes/{system_id}/")
    def get(self, system_id: str) -> Node:
        """Read one node of any kind.

        MAAS API: ``GET nodes/{system_id}/``.

        Raises:
            NotFoundError: No node has that system_id.
        """
        return decode(self._transport.get(_node_path(system_id)), _NODE)._bind(self)

    @api_operation("DELETE", "nodes/{system_id}/")
    def delete(self, system_id: str) -> None:
        """Delete a node of any kind (admin).

        MAAS API: ``DELETE nodes/{system_id}/``.

        Raises:
            NotFoundError: No node has that system_id.
            PermissionDeniedError: The caller is not an administrator, or the machine is
                locked.
        """
        self._transport.delete(_node_path(system_id))

    @api_operation("GET", "nodes/{system_id}/", op="details")
    def details(self, system_id: str) -> MachineDetails:
        """Return the ``lshw`` and ``lldp`` XML commissioning collected.

        MAAS API: ``GET nodes/{system_id}/?op=details`` (``application/bson``).
        """
        return read_details(self._transport, _node_path(system_id))

    @api_operation("GET", "nodes/{system_id}/", op="power_parameters")
    def power_parameters(self, system_id: str) -> dict[str, Any]:
        """Return the node's power parameters, secrets included (admin).

        MAAS API: ``GET nodes/{system_id}/?op=power_parameters``.
        """
        return read_power_parameters(self._transport, _node_path(system_id))

    @api_operation("GET", "nodes/", op="is_registered")
    def is_registered(self, mac_address: str) -> bool:
        """Whether a (non-retired) node of any kind has an interface with this MAC.

        MAAS API: ``GET nodes/?op=is_registered``.
        """
        params = form({"mac_address": mac_address})
        return bool_answer(self._transport.get("nodes/", op="is_registered", params=params))

    @api_operation("GET", "nodes/", op="is_action_in_progress")
    def is_action_in_progress(self, mac_address: str) -> bool:
        """Whether the node with this MAC is commissioning or deploying (asked anonymously).

        MAAS API: ``GET nodes/?op=is_action_in_progress`` (anonymous only).
        """
        return check_action_in_progress(self._transport, "nodes/", mac_address)

    @api_operation("POST", "nodes/", op="set_zone")
    def set_zone(self, zone: str | Zone, system_ids: Iterable[str]) -> None:
        """Move nodes of any kind to a zone (admin).

        MAAS API: ``POST nodes/?op=set_zone``.

        Raises:
            BadRequestError: Unknown zone or system_ids.
        """
        self._transport.post("nodes/", op="set_zone", data=set_zone_form(zone, system_ids))


def _node_path(system_id: str) -> str:
    return f"nodes/{path_segment(system_id)}/"
