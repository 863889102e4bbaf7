"""What the managers and models of devices, controllers and generic nodes have in common.

MAAS serves every node collection (``devices/``, ``nodes/``, ``rackcontrollers/``,
``regioncontrollers/``) with the same instance reads (the node itself, ``op=details`` and
``op=power_parameters``) and the same collection ops (``is_registered``,
``is_action_in_progress``, ``set_zone``). :class:`NodeCollection` implements them once for the
collection its subclass names, declaring each operation on all four routes;
:class:`NodeResource` gives the models the matching bound methods.

MAAS API: ``devices/``, ``nodes/``, ``rackcontrollers/``, ``regioncontrollers/`` and their
``{system_id}/`` instances (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    FormPairs,
    Resource,
    ResponseLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources._node_support import (
    NodeTransport,
    bool_answer,
    check_action_in_progress,
    node_filter_params,
    read_details,
    read_power_parameters,
    set_zone_form,
)
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk.resources.interfaces import Interface
    from maas_sdk.resources.machine_settings import MachineDetails

__all__ = ["NodeCollection", "NodeResource"]

NodeT = TypeVar("NodeT", bound="NodeResource")


class NodeResource(Resource):
    """Base of the device, node and controller models: identity and the node-wide reads.

    Compares equal to another object of the same class with the same ``system_id``.
    """

    _identity_field: ClassVar[str] = "system_id"
    if TYPE_CHECKING:
        # Declared by every subclass (where they sit in its field order).
        system_id: str
        ip_addresses: builtins.list[str]
        interface_set: builtins.list[Interface]

    @property
    def addresses(self) -> builtins.list[str]:
        """The node's IP addresses, from ``ip_addresses`` or else from its interface links."""
        if self.ip_addresses:
            return builtins.list(self.ip_addresses)
        return [
            link.ip_address
            for interface in self.interface_set
            for link in interface.links
            if link.ip_address
        ]

    def _node_manager(self) -> NodeCollection[Self]:
        manager: NodeCollection[Self] | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Self:
        """Re-read the node (dropping unsaved changes) and return it."""
        return self._apply(self._node_manager().get(self.system_id))

    def details(self) -> MachineDetails:
        """Return commissioning's lshw/lldp output; see :meth:`NodeCollection.details`."""
        return self._node_manager().details(self.system_id)

    def power_parameters(self) -> dict[str, Any]:
        """Return the power parameters; see :meth:`NodeCollection.power_parameters`."""
        return self._node_manager().power_parameters(self.system_id)


class NodeCollection(Generic[NodeT]):
    """The operations every node collection serves, on the collection a subclass names.

    Args:
        transport: The client's transport.
        collection: The collection's path, e.g. ``devices/``.
        one: Adapter of the model.
        many: Adapter of a list of the model.
    """

    def __init__(
        self,
        transport: NodeTransport,
        collection: str,
        one: TypeAdapter[NodeT],
        many: TypeAdapter[builtins.list[NodeT]],
    ) -> None:
        self._transport = transport
        self._collection = collection
        self._adapter = one
        self._list_adapter = many

    def __repr__(self) -> str:
        return f"<{type(self).__name__} manager>"

    def _path(self, system_id: str) -> str:
        return f"{self._collection}{path_segment(system_id)}/"

    def _one(self, answer: ResponseLike) -> NodeT:
        return decode(answer, self._adapter)._bind(self)

    def _post(self, system_id: str, op: str, data: FormPairs) -> NodeT:
        return self._one(self._transport.post(self._path(system_id), op=op, data=data))

    def _list(self, filters: Mapping[str, Any]) -> builtins.list[NodeT]:
        """List the collection with the node filters (no request when they match nothing)."""
        params = node_filter_params(filters)
        if params is None:
            return []
        nodes = decode(self._transport.get(self._collection, params=params), self._list_adapter)
        bind_all(nodes, self)
        return nodes

    @api_operation("GET", "devices/{system_id}/")
    @api_operation("GET", "nodes/{system_id}/")
    @api_operation("GET", "rackcontrollers/{system_id}/")
    @api_operation("GET", "regioncontrollers/{system_id}/")
    def get(self, system_id: str) -> NodeT:
        """Read one node of the manager's kind.

        MAAS API: ``GET devices/{system_id}/``, ``GET nodes/{system_id}/``,
        ``GET rackcontrollers/{system_id}/`` or ``GET regioncontrollers/{system_id}/``.

        Raises:
            NotFoundError: No node of that kind has that system_id (``nodes/`` has every kind;
                a machine is not a device, a region controller is not a rack controller).
        """
        return self._one(self._transport.get(self._path(system_id)))

    @api_operation("GET", "devices/{system_id}/", op="details")
    @api_operation("GET", "nodes/{system_id}/", op="details")
    @api_operation("GET", "rackcontrollers/{system_id}/", op="details")
    @api_operation("GET", "regioncontrollers/{system_id}/", op="details")
    def details(self, system_id: str) -> MachineDetails:
        """Return the ``lshw`` and ``lldp`` XML commissioning collected.

        Devices normally have none.

        MAAS API: ``GET <collection>/{system_id}/?op=details`` (``application/bson``) on
        ``devices/``, ``nodes/``, ``rackcontrollers/`` or ``regioncontrollers/``.
        """
        return read_details(self._transport, self._path(system_id))

    @api_operation("GET", "devices/{system_id}/", op="power_parameters")
    @api_operation("GET", "nodes/{system_id}/", op="power_parameters")
    @api_operation("GET", "rackcontrollers/{system_id}/", op="power_parameters")
    @api_operation("GET", "regioncontrollers/{system_id}/", op="power_parameters")
    def power_parameters(self, system_id: str) -> dict[str, Any]:
        """Return the node's power parameters, secrets included (admin).

        A device's are usually ``{}``.

        MAAS API: ``GET <collection>/{system_id}/?op=power_parameters`` on ``devices/``,
        ``nodes/``, ``rackcontrollers/`` or ``regioncontrollers/``.
        """
        return read_power_parameters(self._transport, self._path(system_id))

    @api_operation("GET", "devices/", op="is_registered")
    @api_operation("GET", "nodes/", op="is_registered")
    @api_operation("GET", "rackcontrollers/", op="is_registered")
    @api_operation("GET", "regioncontrollers/", op="is_registered")
    def is_registered(self, mac_address: str) -> bool:
        """Whether a (non-retired) node of any kind has an interface with this MAC.

        MAAS API: ``GET <collection>?op=is_registered`` on ``devices/``, ``nodes/``,
        ``rackcontrollers/`` or ``regioncontrollers/``.
        """
        params = form({"mac_address": mac_address})
        answer = self._transport.get(self._collection, op="is_registered", params=params)
        return bool_answer(answer)

    @api_operation("GET", "devices/", op="is_action_in_progress")
    @api_operation("GET", "nodes/", op="is_action_in_progress")
    @api_operation("GET", "rackcontrollers/", op="is_action_in_progress")
    @api_operation("GET", "regioncontrollers/", op="is_action_in_progress")
    def is_action_in_progress(self, mac_address: str) -> bool:
        """Whether the node with this MAC is commissioning or deploying (asked anonymously).

        MAAS API: ``GET <collection>?op=is_action_in_progress`` (anonymous only) on
        ``devices/``, ``nodes/``, ``rackcontrollers/`` or ``regioncontrollers/``.
        """
        return check_action_in_progress(self._transport, self._collection, mac_address)

    @api_operation("POST", "devices/", op="set_zone")
    @api_operation("POST", "nodes/", op="set_zone")
    @api_operation("POST", "rackcontrollers/", op="set_zone")
    @api_operation("POST", "regioncontrollers/", op="set_zone")
    def set_zone(self, zone: str | Zone, system_ids: Iterable[str]) -> None:
        """Move nodes of any kind to a zone (admin).

        MAAS API: ``POST <collection>?op=set_zone`` on ``devices/``, ``nodes/``,
        ``rackcontrollers/`` or ``regioncontrollers/``.

        Raises:
            BadRequestError: Unknown zone or system_ids.
        """
        data = set_zone_form(zone, system_ids)
        self._transport.post(self._collection, op="set_zone", data=data)
