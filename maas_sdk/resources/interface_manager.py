"""The :class:`Interfaces` manager (``client.interfaces``) and its per-node view.

Every method takes the node's ``system_id`` first (a machine, a device or, for reads, a
controller); ``client.interfaces.of(system_id)`` returns an :class:`InterfacesOfNode` with the same
methods and the node filled in. Interfaces are addressed by id or by name (``eth0``).

For machines, every change needs an administrator and a machine that is New, Ready, Failed
testing, Allocated or Broken (an update also works on a Deployed machine, for the name and MAC
of physical interfaces only); otherwise MAAS answers 409 ``Cannot <op> interface because the
machine is not New, Ready, Allocated, or Broken.``

MAAS API: ``nodes/{system_id}/interfaces/``, ``nodes/{system_id}/interfaces/{id}/``
(REFERENCE.md §15).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import BridgeType, LinkMode
from maas_sdk.resources._base import FormPairs, TransportLike, bind_all, decode, form
from maas_sdk.resources._node_scoped import HasId, nodes_path, reference
from maas_sdk.resources.node_interfaces import (
    BondLacpRate,
    BondMode,
    BondXmitHashPolicy,
    InterfacesOfNode,
    NodeInterface,
)

__all__ = ["InterfaceRef", "Interfaces", "InterfacesOfNode", "Tags", "VLANArg"]

InterfaceRef = int | str | HasId
"""An interface given by id, by name (``eth0``) or as an object."""
VLANArg = int | HasId | Literal[""]
"""A VLAN by database id (not VID) or as an object; ``""`` disconnects (updates only)."""
Tags = str | Sequence[str]
"""Tags: one string (comma-separated) or a sequence of tags."""

_INTERFACE = TypeAdapter(NodeInterface)
_INTERFACES = TypeAdapter(list[NodeInterface])
_COLLECTION = "nodes/{system_id}/interfaces/"
_INSTANCE = "nodes/{system_id}/interfaces/{id}/"


class Interfaces:
    """Manager of the network interfaces of nodes, reached as ``client.interfaces``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Interfaces manager>"

    def of(self, system_id: str) -> InterfacesOfNode:
        """Return the interfaces of one node: this manager with the node filled in."""
        return InterfacesOfNode(self, system_id)

    def _one(self, answer: Any) -> NodeInterface:
        return decode(answer, _INTERFACE)._bind(self)

    @api_operation("GET", _COLLECTION)
    def list(self, system_id: str) -> builtins.list[NodeInterface]:
        """List a node's interfaces (physical, bonds, bridges, VLANs).

        MAAS API: ``GET nodes/{system_id}/interfaces/``.

        Raises:
            NotFoundError: No such node (``No Node matches the given query.``).
        """
        interfaces = decode(self._transport.get(_collection(system_id)), _INTERFACES)
        bind_all(interfaces, self)
        return interfaces

    @api_operation("GET", _INSTANCE)
    def get(self, system_id: str, interface: InterfaceRef) -> NodeInterface:
        """Read one interface by id or name.

        MAAS API: ``GET nodes/{system_id}/interfaces/{id}/``.

        Raises:
            NotFoundError: No such node, or no such interface on it
                (``No Interface matches the given query.``).
        """
        return self._one(self._transport.get(_instance(system_id, interface)))

    @api_operation("POST", _COLLECTION, op="create_physical")
    def create_physical(
        self,
        system_id: str,
        mac_address: str,
        *,
        name: str | None = None,
        tags: Tags | None = None,
        vlan: int | HasId | None = None,
        mtu: int | None = None,
        accept_ra: bool | None = None,
    ) -> NodeInterface:
        """Add a physical interface (admin for machines; the owner may add one to a device).

        MAAS API: ``POST nodes/{system_id}/interfaces/?op=create_physical``.

        Args:
            system_id: The node.
            mac_address: Its MAC address.
            name: Its name (default: the next free ``ethN``).
            tags: Its tags.
            vlan: The VLAN it is connected to (default: disconnected).
            mtu: Its MTU (552 or more).
            accept_ra: Accept IPv6 router advertisements.

        Raises:
            BadRequestError: The MAC is missing, invalid or in use (``field_errors``).
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        data = form({"mac_address": mac_address, "name": name}, _common(tags, vlan, mtu, accept_ra))
        answer = self._transport.post(_collection(system_id), op="create_physical", data=data)
        return self._one(answer)

    @api_operation("POST", _COLLECTION, op="create_bond")
    def create_bond(
        self,
        system_id: str,
        name: str,
        parents: Sequence[int | HasId],
        *,
        mac_address: str | None = None,
        tags: Tags | None = None,
        vlan: int | HasId | None = None,
        bond_mode: BondMode | str | None = None,
        bond_miimon: int | None = None,
        bond_downdelay: int | None = None,
        bond_updelay: int | None = None,
        bond_lacp_rate: BondLacpRate | str | None = None,
        bond_xmit_hash_policy: BondXmitHashPolicy | str | None = None,
        bond_num_grat_arp: int | None = None,
        mtu: int | None = None,
        accept_ra: bool | None = None,
    ) -> NodeInterface:
        """Bond physical interfaces together (admin; machines only).

        The members lose their subnet links and move to the bond's VLAN. Options not given take
        MAAS's defaults (``balance-rr``, miimon 100, LACP ``fast``, ``layer2``, 1 gratuitous ARP).

        MAAS API: ``POST nodes/{system_id}/interfaces/?op=create_bond``.

        Args:
            system_id: The machine.
            name: The bond's name, e.g. ``bond0``.
            parents: The member interfaces (ids or objects).
            mac_address: Its MAC (default: the first member's).
            tags: Its tags.
            vlan: Its VLAN (default: the members' VLAN; all members must share one).
            bond_mode: How traffic is spread over the members.
            bond_miimon: Link monitoring interval in milliseconds.
            bond_downdelay: Milliseconds to wait before disabling a failed member.
            bond_updelay: Milliseconds to wait before enabling a recovered member.
            bond_lacp_rate: LACPDU rate in 802.3ad mode.
            bond_xmit_hash_policy: Member selection policy (balance-xor, 802.3ad, tlb).
            bond_num_grat_arp: Peer notifications sent after a failover (0-255).
            mtu: The bond's MTU.
            accept_ra: Accept IPv6 router advertisements.

        Raises:
            BadRequestError: Missing name or members, members already in use or on different
                VLANs, invalid option (``field_errors``).
            NotFoundError: No such machine (``No Machine matches the given query.``).
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        data = form(
            {"name": name, "parents": [reference(p) for p in parents], "mac_address": mac_address},
            _common(tags, vlan, mtu, accept_ra),
            {
                "bond_mode": bond_mode,
                "bond_miimon": bond_miimon,
                "bond_downdelay": bond_downdelay,
                "bond_updelay": bond_updelay,
                "bond_lacp_rate": bond_lacp_rate,
                "bond_xmit_hash_policy": bond_xmit_hash_policy,
                "bond_num_grat_arp": bond_num_grat_arp,
            },
        )
        answer = self._transport.post(_collection(system_id), op="create_bond", data=data)
        return self._one(answer)

    @api_operation("POST", _COLLECTION, op="create_bridge")
    def create_bridge(
        self,
        system_id: str,
        name: str,
        parent: int | HasId,
        *,
        mac_address: str | None = None,
        tags: Tags | None = None,
        vlan: int | HasId | None = None,
        bridge_type: BridgeType | str | None = None,
        bridge_stp: bool | None = None,
        bridge_fd: int | None = None,
        mtu: int | None = None,
        accept_ra: bool | None = None,
    ) -> NodeInterface:
        """Put a bridge on top of an interface (admin; machines only).

        The parent's subnet links are cleared; on an Allocated machine they move to the bridge.

        MAAS API: ``POST nodes/{system_id}/interfaces/?op=create_bridge``.

        Args:
            system_id: The machine.
            name: The bridge's name, e.g. ``br0``.
            parent: The bridged interface (id or object).
            mac_address: Its MAC (default: the parent's).
            tags: Its tags.
            vlan: Its VLAN (default: the parent's; ignored on an Allocated machine).
            bridge_type: ``standard`` (default) or ``ovs``.
            bridge_stp: Spanning tree protocol on or off (default off).
            bridge_fd: Forward delay in seconds (default 15).
            mtu: The bridge's MTU.
            accept_ra: Accept IPv6 router advertisements.

        Raises:
            BadRequestError: The parent is missing, a bridge, or already in a bond or bridge;
                the name is missing or taken (``field_errors``).
            NotFoundError: No such machine.
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        data = form(
            {"name": name, "parent": reference(parent), "mac_address": mac_address},
            _common(tags, vlan, mtu, accept_ra),
            {"bridge_type": bridge_type, "bridge_stp": bridge_stp, "bridge_fd": bridge_fd},
        )
        answer = self._transport.post(_collection(system_id), op="create_bridge", data=data)
        return self._one(answer)

    @api_operation("POST", _COLLECTION, op="create_vlan")
    def create_vlan(
        self,
        system_id: str,
        vlan: int | HasId,
        parent: int | HasId,
        *,
        tags: Tags | None = None,
        mtu: int | None = None,
        accept_ra: bool | None = None,
    ) -> NodeInterface:
        """Add a tagged VLAN interface on top of an interface (admin; machines only).

        It is named ``<parent>.<vid>``.

        MAAS API: ``POST nodes/{system_id}/interfaces/?op=create_vlan``.

        Args:
            system_id: The machine.
            vlan: The tagged VLAN (database id or object), on the parent's fabric.
            parent: The interface carrying the VLAN (id or object).
            tags: Its tags.
            mtu: Its MTU.
            accept_ra: Accept IPv6 router advertisements.

        Raises:
            BadRequestError: Untagged VLAN or VLAN of another fabric, parent missing or already
                a VLAN or bond member (``field_errors``).
            NotFoundError: No such machine.
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        data = form({"parent": reference(parent)}, _common(tags, vlan, mtu, accept_ra))
        answer = self._transport.post(_collection(system_id), op="create_vlan", data=data)
        return self._one(answer)

    @api_operation("PUT", _INSTANCE)
    def update(
        self,
        system_id: str,
        interface: InterfaceRef,
        *,
        name: str | None = None,
        mac_address: str | None = None,
        tags: Tags | None = None,
        vlan: VLANArg | None = None,
        enabled: bool | None = None,
        parents: Sequence[int | HasId] | None = None,
        parent: int | HasId | None = None,
        bond_mode: BondMode | str | None = None,
        bond_miimon: int | None = None,
        bond_downdelay: int | None = None,
        bond_updelay: int | None = None,
        bond_lacp_rate: BondLacpRate | str | None = None,
        bond_xmit_hash_policy: BondXmitHashPolicy | str | None = None,
        bond_num_grat_arp: int | None = None,
        bridge_type: BridgeType | str | None = None,
        bridge_stp: bool | None = None,
        bridge_fd: int | None = None,
        mtu: int | None = None,
        accept_ra: bool | None = None,
        link_connected: bool | None = None,
        interface_speed: int | None = None,
        link_speed: int | None = None,
    ) -> NodeInterface:
        """Change an interface; omitted (``None``) arguments stay unchanged.

        Which fields apply depends on the interface's type: ``bond_*`` for bonds and
        ``bridge_*`` for bridges (as for :meth:`create_bond` and :meth:`create_bridge`),
        ``enabled`` for physical interfaces. On a Deployed machine only ``name`` and
        ``mac_address`` of a physical interface can change.

        MAAS API: ``PUT nodes/{system_id}/interfaces/{id}/``.

        Args:
            system_id: The node.
            interface: The interface (id, name or object).
            name: A new name.
            mac_address: A new MAC address.
            tags: The new tags (replacing the old ones).
            vlan: A new VLAN (``""`` disconnects the interface).
            enabled: Enable or disable a physical interface.
            parents: New members of a bond.
            parent: New parent of a bridge or VLAN interface.
            mtu: A new MTU.
            accept_ra: Accept IPv6 router advertisements.
            link_connected: Whether a cable is connected.
            interface_speed: The interface's maximum speed in Mbit/s.
            link_speed: The current link speed in Mbit/s.

        Raises:
            BadRequestError: Invalid values (``field_errors``).
            NotFoundError: No such node or interface.
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        arguments = dict(locals())
        values: dict[str, Any] = {
            key: value
            for key, value in arguments.items()
            if key not in ("self", "system_id", "interface", "tags", "vlan", "parents", "parent")
        }
        values["parents"] = None if parents is None else [reference(p) for p in parents]
        values["parent"] = None if parent is None else reference(parent)
        values["vlan"] = None if vlan is None or vlan == "" else reference(vlan)
        data = form(values, [("tags", _tags(tags))])
        if vlan == "":
            data.append(("vlan", ""))
        answer = self._transport.put(_instance(system_id, interface), data=data)
        return self._one(answer)

    @api_operation("DELETE", _INSTANCE)
    def delete(self, system_id: str, interface: InterfaceRef) -> None:
        """Delete an interface (its bonds, bridges and VLANs built only on it go too).

        MAAS API: ``DELETE nodes/{system_id}/interfaces/{id}/``.

        Raises:
            NotFoundError: No such node or interface.
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        self._transport.delete(_instance(system_id, interface))

    @api_operation("POST", _INSTANCE, op="link_subnet")
    def link_subnet(
        self,
        system_id: str,
        interface: InterfaceRef,
        mode: LinkMode | str,
        subnet: int | str | HasId | None = None,
        *,
        ip_address: str | None = None,
        default_gateway: bool | None = None,
        force: bool | None = None,
    ) -> NodeInterface:
        """Link an interface to a subnet.

        An interface without a VLAN moves to the subnet's VLAN; otherwise the subnet must be on
        the interface's VLAN unless ``force`` is given.

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=link_subnet``.

        Args:
            system_id: The node.
            interface: The interface (id, name or object).
            mode: ``auto`` (address picked at deployment), ``dhcp``, ``static`` or ``link_up``
                (any case; devices accept ``static`` only).
            subnet: The subnet (id, CIDR, specifier or object); required except for ``link_up``.
            ip_address: The address of a ``static`` link (default: the next free one).
            default_gateway: Use this link's subnet gateway as the node's default gateway
                (``auto`` and ``static`` only).
            force: Link even if the subnet is on another VLAN; with ``link_up``, drop every
                other link first.

        Raises:
            BadRequestError: Bad mode, subnet or address; the interface is a bond member;
                ``link_up`` while other links exist (``field_errors``).
            NotFoundError: No such node or interface; also (sic) ``IP address is already in
                use.`` for a taken static address.
            ConflictError: The machine is in a state where interfaces cannot change.
        """
        data = form(
            {
                "mode": mode,
                "subnet": None if subnet is None else reference(subnet),
                "ip_address": ip_address,
                "default_gateway": default_gateway,
                "force": force,
            }
        )
        answer = self._transport.post(_instance(system_id, interface), op="link_subnet", data=data)
        return self._one(answer)

    @api_operation("POST", _INSTANCE, op="unlink_subnet")
    def unlink_subnet(
        self, system_id: str, interface: InterfaceRef, link: int | HasId
    ) -> NodeInterface:
        """Remove one of an interface's links (releasing its address).

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=unlink_subnet``.

        Args:
            system_id: The node.
            interface: The interface (id, name or object).
            link: The link's id (``interface.links[i].id``) or the link itself.

        Raises:
            BadRequestError: No such link on the interface (``field_errors["id"]``).
        """
        data = form({"id": reference(link)})
        path = _instance(system_id, interface)
        return self._one(self._transport.post(path, op="unlink_subnet", data=data))

    @api_operation("POST", _INSTANCE, op="disconnect")
    def disconnect(self, system_id: str, interface: InterfaceRef) -> NodeInterface:
        """Remove every link of an interface and take it off its VLAN.

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=disconnect``.
        """
        path = _instance(system_id, interface)
        return self._one(self._transport.post(path, op="disconnect", data=[]))

    @api_operation("POST", _INSTANCE, op="set_default_gateway")
    def set_default_gateway(
        self, system_id: str, interface: InterfaceRef, link: int | HasId | None = None
    ) -> NodeInterface:
        """Make the node's default gateway go through this interface.

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=set_default_gateway``.

        Args:
            system_id: The node.
            interface: The interface (id, name or object).
            link: The link whose subnet gateway to use (default: the interface's one link per
                address family that has a gateway).

        Raises:
            BadRequestError: The interface has no link with a gateway, or no such link.
        """
        data = form({"link_id": None if link is None else reference(link)})
        path = _instance(system_id, interface)
        return self._one(self._transport.post(path, op="set_default_gateway", data=data))

    @api_operation("POST", _INSTANCE, op="add_tag")
    def add_tag(self, system_id: str, interface: InterfaceRef, tag: str) -> NodeInterface:
        """Add a tag to an interface.

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=add_tag``.
        """
        path = _instance(system_id, interface)
        return self._one(self._transport.post(path, op="add_tag", data=form({"tag": tag})))

    @api_operation("POST", _INSTANCE, op="remove_tag")
    def remove_tag(self, system_id: str, interface: InterfaceRef, tag: str) -> NodeInterface:
        """Remove a tag from an interface (nothing happens if it does not have it).

        MAAS API: ``POST nodes/{system_id}/interfaces/{id}/?op=remove_tag``.
        """
        path = _instance(system_id, interface)
        return self._one(self._transport.post(path, op="remove_tag", data=form({"tag": tag})))


def _collection(system_id: str) -> str:
    return nodes_path(system_id, "interfaces") + "/"


def _instance(system_id: str, interface: InterfaceRef) -> str:
    return nodes_path(system_id, "interfaces", reference(interface)) + "/"


def _tags(tags: Tags | None) -> str | None:
    if tags is None or isinstance(tags, str):
        return tags
    return ",".join(tags)


def _common(
    tags: Tags | None, vlan: int | HasId | None, mtu: int | None, accept_ra: bool | None
) -> FormPairs:
    return form(
        {
            "tags": _tags(tags),
            "vlan": None if vlan is None else reference(vlan),
            "mtu": mtu,
            "accept_ra": accept_ra,
        }
    )
