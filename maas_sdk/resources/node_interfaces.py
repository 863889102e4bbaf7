"""Interfaces of a node as top-level objects: :class:`NodeInterface`, its view and enums.

A :class:`NodeInterface` is the :class:`~maas_sdk.resources.interfaces.Interface` a machine
nests in ``interface_set``, read on its own (``nodes/{system_id}/interfaces/{id}/``) and bound to
the :class:`~maas_sdk.resources.interface_manager.Interfaces` manager, so it can be saved,
linked to subnets, tagged or deleted. :class:`InterfacesOfNode` is that manager with a node's
system_id filled in (``client.interfaces.of(system_id)``).

MAAS API: ``nodes/{system_id}/interfaces/{id}/`` (REFERENCE.md §15).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from maas_sdk.enums import BondLacpRate, BondMode, BondXmitHashPolicy, LinkMode
from maas_sdk.resources._base import Resource, bound_manager
from maas_sdk.resources._node_scoped import HasId, bind_node, node_of
from maas_sdk.resources.common import VLAN
from maas_sdk.resources.interfaces import Interface

if TYPE_CHECKING:
    from maas_sdk.resources.interface_manager import Interfaces

__all__ = ["BondLacpRate", "BondMode", "BondXmitHashPolicy", "InterfacesOfNode", "NodeInterface"]


class NodeInterface(Resource, Interface):
    """A network interface of a node, with its bound actions.

    Compares equal to another :class:`NodeInterface` with the same :attr:`id`. ``name``,
    ``mac_address``, ``tags``, ``vlan`` (a VLAN, or ``None`` to disconnect it), ``enabled``,
    ``link_connected``, ``interface_speed`` and ``link_speed`` can be assigned and sent with
    :meth:`save`; options such as ``mtu`` or the ``bond_*`` and ``bridge_*`` settings go through
    :meth:`~maas_sdk.resources.interface_manager.Interfaces.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "mac_address",
            "tags",
            "vlan",
            "enabled",
            "link_connected",
            "interface_speed",
            "link_speed",
        }
    )
    if TYPE_CHECKING:
        _manager: Interfaces | None

    def __repr__(self) -> str:
        return f"<NodeInterface {self.id} {self.name} {self.type.value}>"

    __str__ = __repr__

    def _interfaces(self) -> Interfaces:
        manager: Interfaces | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def _node(self) -> str:
        return node_of(self)

    def refresh(self) -> NodeInterface:
        """Re-read the interface from the server (dropping unsaved changes) and return it."""
        return self._apply(self._interfaces().get(self._node(), self.id))

    def save(self) -> NodeInterface:
        """Send the assigned fields (nothing if none changed) and return the interface.

        ``vlan = None`` disconnects the interface from its VLAN; ``tags`` replaces every tag.
        """
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        if "vlan" in changes:
            vlan: VLAN | None = changes["vlan"]
            changes["vlan"] = "" if vlan is None else vlan.id
        return self._apply(self._interfaces().update(self._node(), self.id, **changes))

    def delete(self) -> None:
        """Delete the interface; see :meth:`Interfaces.delete`."""
        self._interfaces().delete(self._node(), self.id)

    def link_subnet(
        self,
        mode: LinkMode | str,
        subnet: int | str | HasId | None = None,
        *,
        ip_address: str | None = None,
        default_gateway: bool | None = None,
        force: bool | None = None,
    ) -> NodeInterface:
        """Link the interface to a subnet; see :meth:`Interfaces.link_subnet`."""
        answer = self._interfaces().link_subnet(
            self._node(),
            self.id,
            mode,
            subnet,
            ip_address=ip_address,
            default_gateway=default_gateway,
            force=force,
        )
        return self._apply(answer)

    def unlink_subnet(self, link: int | HasId) -> NodeInterface:
        """Remove one link (by link id or link); see :meth:`Interfaces.unlink_subnet`."""
        return self._apply(self._interfaces().unlink_subnet(self._node(), self.id, link))

    def disconnect(self) -> NodeInterface:
        """Remove every link and the VLAN; see :meth:`Interfaces.disconnect`."""
        return self._apply(self._interfaces().disconnect(self._node(), self.id))

    def set_default_gateway(self, link: int | HasId | None = None) -> NodeInterface:
        """Route the node through this interface; see :meth:`Interfaces.set_default_gateway`."""
        return self._apply(self._interfaces().set_default_gateway(self._node(), self.id, link))

    def add_tag(self, tag: str) -> NodeInterface:
        """Add a tag; see :meth:`Interfaces.add_tag`."""
        return self._apply(self._interfaces().add_tag(self._node(), self.id, tag))

    def remove_tag(self, tag: str) -> NodeInterface:
        """Remove a tag; see :meth:`Interfaces.remove_tag`."""
        return self._apply(self._interfaces().remove_tag(self._node(), self.id, tag))


class InterfacesOfNode:
    """The interfaces of one node: the :class:`Interfaces` methods with the node filled in.

    ``client.interfaces.of("abc123").create_bond("bond0", [eth0, eth1])`` is
    ``client.interfaces.create_bond("abc123", "bond0", [eth0, eth1])``.

    Attributes:
        system_id: The node.
        list: :meth:`Interfaces.list` of the node.
        get: :meth:`Interfaces.get` on the node.
        create_physical: :meth:`Interfaces.create_physical` on the node.
        create_bond: :meth:`Interfaces.create_bond` on the node.
        create_bridge: :meth:`Interfaces.create_bridge` on the node.
        create_vlan: :meth:`Interfaces.create_vlan` on the node.
        update: :meth:`Interfaces.update` on the node.
        delete: :meth:`Interfaces.delete` on the node.
        link_subnet: :meth:`Interfaces.link_subnet` on the node.
        unlink_subnet: :meth:`Interfaces.unlink_subnet` on the node.
        disconnect: :meth:`Interfaces.disconnect` on the node.
        set_default_gateway: :meth:`Interfaces.set_default_gateway` on the node.
        add_tag: :meth:`Interfaces.add_tag` on the node.
        remove_tag: :meth:`Interfaces.remove_tag` on the node.
    """

    def __init__(self, manager: Interfaces, system_id: str) -> None:
        self.system_id = system_id
        self.list = bind_node(manager.list, system_id)
        self.get = bind_node(manager.get, system_id)
        self.create_physical = bind_node(manager.create_physical, system_id)
        self.create_bond = bind_node(manager.create_bond, system_id)
        self.create_bridge = bind_node(manager.create_bridge, system_id)
        self.create_vlan = bind_node(manager.create_vlan, system_id)
        self.update = bind_node(manager.update, system_id)
        self.delete = bind_node(manager.delete, system_id)
        self.link_subnet = bind_node(manager.link_subnet, system_id)
        self.unlink_subnet = bind_node(manager.unlink_subnet, system_id)
        self.disconnect = bind_node(manager.disconnect, system_id)
        self.set_default_gateway = bind_node(manager.set_default_gateway, system_id)
        self.add_tag = bind_node(manager.add_tag, system_id)
        self.remove_tag = bind_node(manager.remove_tag, system_id)

    def __repr__(self) -> str:
        return f"<Interfaces of {self.system_id}>"
