"""What the non-node resources need to know about nodes, as overridable hooks.

Tags, zones, pools, domains, users, subnets and events touch nodes (machines, devices,
controllers), which live in another part of the fake. Those resources call the methods of
:class:`NodeHooks` held in ``store.hooks``; the default implementation knows no nodes. The node
modules subclass it and install their instance with ``store.hooks = MyNodeHooks(store)``.

Every hook runs with the store lock held, inside the request that triggered it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ._responses import json_list_response

if TYPE_CHECKING:
    from maas_sdk._wire import WireResponse

    from ._forms import FormData
    from ._models import Domain, ResourcePool, Subnet, Tag, User, Zone
    from ._router import RequestContext
    from ._store import Store

__all__ = [
    "AddressUse",
    "NodeHooks",
    "NodeLike",
    "address_summary",
    "drop_tag",
    "move_nodes",
    "rename_tag",
    "tag_members",
]


class NodeLike(Protocol):
    """What the hook helpers read and change on a machine, device or controller."""

    system_id: str
    hostname: str
    domain_id: int
    tag_names: list[str]


N = TypeVar("N", bound=NodeLike)
Changed = Callable[[N], None]


@dataclass
class AddressUse:
    """An IP address a node holds, as subnet statistics and ``ip_addresses`` report it.

    Attributes:
        ip: The address.
        alloc_type: 0 Automatic, 1 Static, 4 User reserved, 5 DHCP, 6 Observed.
        created: When it was assigned (virtual wall clock).
        updated: Last change.
        username: The user it is assigned to (node owner), or None.
        node_summary: ``{system_id, node_type, fqdn, hostname, is_container, via}`` or None.
        interface_set: Rendered interfaces holding it (``ipaddresses/?all=1`` shows them).
    """

    ip: str
    alloc_type: int
    created: datetime
    updated: datetime
    username: str | None = None
    node_summary: dict[str, Any] | None = None
    interface_set: list[Any] = field(default_factory=list)


class NodeHooks:
    """Node knowledge for the other resources; the default knows no nodes.

    Override the methods whose behaviour involves nodes. A hook may raise
    :class:`~maas_sdk.testing._responses.FakeAPIError` to refuse an operation.
    """

    def node_exists(self, system_id: str) -> bool:
        """Return whether a node (of any type) has this system_id."""
        return False

    def tag_nodes(self, tag: Tag, add: list[str], remove: list[str]) -> tuple[int, int]:
        """Attach ``tag`` to the ``add`` nodes and detach it from ``remove`` (``update_nodes``).

        Returns:
            ``(added, removed)``: how many of the given ids exist (an id already carrying the
            tag counts again as added; unknown ids are ignored).
        """
        return (0, 0)

    def tag_renamed(self, old_name: str, new_name: str) -> None:
        """Rename the tag on every node that carries it."""

    def tag_deleted(self, name: str) -> None:
        """Remove a deleted tag from every node."""

    def tagged_nodes(self, ctx: RequestContext, tag: Tag, kind: str) -> WireResponse:
        """Answer ``GET tags/{name}/?op=<kind>``.

        Args:
            ctx: The request (its user decides which nodes are visible).
            tag: The tag.
            kind: ``machines``, ``devices``, ``nodes``, ``rack_controllers`` or
                ``region_controllers``.
        """
        return json_list_response([])

    def zone_deleted(self, zone: Zone, default_zone: Zone) -> None:
        """Move the nodes of a deleted zone to the default zone."""

    def pool_deleting(self, pool: ResourcePool, default_pool: ResourcePool) -> None:
        """Prepare (or refuse) the deletion of a resource pool that may hold machines."""

    def domain_deleting(self, domain: Domain) -> None:
        """Prepare (or refuse) the deletion of a domain that may hold nodes."""

    def user_deleting(self, user: User, transfer_to: User | None) -> None:
        """Refuse or prepare the deletion of a user.

        MAAS answers 400 ``User <username> cannot be deleted: <n> node(s) are still allocated``
        when the user owns nodes and no ``transfer_resources_to`` was given; with one, the
        nodes move to that user.
        """

    def vlan_deleting(self, vlan_id: int) -> None:
        """Detach interfaces from a VLAN about to be deleted."""

    def subnet_deleting(self, subnet: Subnet) -> None:
        """Remove the links and addresses nodes hold on a subnet about to be deleted."""

    def addresses_in_subnet(self, subnet: Subnet) -> list[AddressUse]:
        """Return the addresses nodes hold in ``subnet`` (static links, DHCP leases...)."""
        return []

    def event_nodes(self, params: FormData) -> set[str] | None:
        """Return the system_ids selected by the node filters of ``events/?op=query``.

        Args:
            params: The query (``hostname``, ``mac_address``, ``id``, ``domain``, ``zone``,
                ``pool``, ``agent_name``, ``owner``...).

        Returns:
            None when the default node matching (on the system_id and hostname recorded in
            each event) should be used.
        """
        return None


def _unchanged(node: NodeLike) -> None:
    """Default ``changed`` callback: nothing caches the node."""


def tag_members(
    nodes: Mapping[str, N],
    tag: str,
    add: list[str],
    remove: list[str],
    changed: Changed[N] = _unchanged,
) -> tuple[int, int]:
    """Attach ``tag`` to the ``add`` ids and detach it from the ``remove`` ids of ``nodes``.

    ``changed`` runs for every node whose tags changed.

    Returns:
        How many ``add`` and ``remove`` ids are in ``nodes`` (counted even when unchanged).
    """
    added = removed = 0
    for system_id in add:
        node = nodes.get(system_id)
        if node is not None:
            if tag not in node.tag_names:
                node.tag_names.append(tag)
                changed(node)
            added += 1
    for system_id in remove:
        node = nodes.get(system_id)
        if node is not None:
            if tag in node.tag_names:
                node.tag_names.remove(tag)
                changed(node)
            removed += 1
    return added, removed


def rename_tag(
    nodes: Iterable[N], old_name: str, new_name: str, changed: Changed[N] = _unchanged
) -> None:
    """Rename a tag on every node carrying it."""
    for node in nodes:
        if old_name in node.tag_names:
            node.tag_names = [new_name if t == old_name else t for t in node.tag_names]
            changed(node)


def drop_tag(nodes: Iterable[N], name: str, changed: Changed[N] = _unchanged) -> None:
    """Remove a tag from every node carrying it."""
    for node in nodes:
        if name in node.tag_names:
            node.tag_names.remove(name)
            changed(node)


def move_nodes(
    nodes: Iterable[N],
    selected: Callable[[N], bool],
    attribute: str,
    value: int,
    changed: Changed[N] = _unchanged,
) -> None:
    """Set ``attribute`` to ``value`` on the selected nodes (to the default zone, domain...)."""
    for node in nodes:
        if selected(node):
            setattr(node, attribute, value)
            changed(node)


def address_summary(store: Store, node: NodeLike, node_type: int, via: str) -> dict[str, Any]:
    """The ``node_summary`` of an :class:`AddressUse` held by ``node`` on interface ``via``."""
    domain = store.domains.get(node.domain_id, store.default_domain)
    return {
        "system_id": node.system_id,
        "node_type": node_type,
        "fqdn": f"{node.hostname}.{domain.name}",
        "hostname": node.hostname,
        "is_container": False,
        "via": via,
    }
