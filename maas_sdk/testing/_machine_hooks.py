"""What the other resources of the fake learn about machines (:class:`NodeHooks`).

:class:`MachineHooks` answers for machines and hands everything else (devices, controllers,
if another module provides them) to the hooks it replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._forms import FormData
from ._hooks import (
    AddressUse,
    NodeHooks,
    address_summary,
    drop_tag,
    move_nodes,
    rename_tag,
    tag_members,
)
from ._machine_ips import release_address
from ._machine_model import Machine
from ._machine_render import interface_dict
from ._machine_table import MachineTable, can_view, machine_table
from ._models import Domain, ResourcePool, Subnet, Tag, User, Zone
from ._responses import BadRequest
from ._store import Store

if TYPE_CHECKING:
    from maas_sdk._wire import WireResponse

    from ._router import RequestContext

__all__ = ["MachineHooks"]


class MachineHooks(NodeHooks):
    """Node hooks that know the region's machines.

    Args:
        store: The region.
        inner: The hooks installed before (answers for non-machine nodes).
    """

    def __init__(self, store: Store, inner: NodeHooks) -> None:
        self.store = store
        self.inner = inner

    @property
    def table(self) -> MachineTable:
        """The region's machines."""
        return machine_table(self.store)

    def node_exists(self, system_id: str) -> bool:
        """Machines first, then whatever the previous hooks know."""
        return system_id in self.table.machines or self.inner.node_exists(system_id)

    def tag_nodes(self, tag: Tag, add: list[str], remove: list[str]) -> tuple[int, int]:
        """Attach/detach the tag on machines; other ids go to the previous hooks."""
        machines = self.table.machines
        added, removed = tag_members(machines, tag.name, add, remove, Machine.touch)
        other_add = [i for i in add if i not in machines]
        other_remove = [i for i in remove if i not in machines]
        more_added, more_removed = self.inner.tag_nodes(tag, other_add, other_remove)
        return added + more_added, removed + more_removed

    def tag_renamed(self, old_name: str, new_name: str) -> None:
        """Rename the tag on every machine carrying it."""
        rename_tag(self.table.machines.values(), old_name, new_name, Machine.touch)
        self.inner.tag_renamed(old_name, new_name)

    def tag_deleted(self, name: str) -> None:
        """Remove the tag from every machine."""
        drop_tag(self.table.machines.values(), name, Machine.touch)
        self.inner.tag_deleted(name)

    def tagged_nodes(self, ctx: RequestContext, tag: Tag, kind: str) -> WireResponse:
        """List the visible machines carrying the tag (``machines`` and ``nodes``)."""
        if kind not in ("machines", "nodes"):
            return self.inner.tagged_nodes(ctx, tag, kind)
        user = ctx.require_user()
        machines = [
            m for m in self.table.machines.values() if tag.name in m.tag_names and can_view(user, m)
        ]
        return self.table.list_response(machines)

    def zone_deleted(self, zone: Zone, default_zone: Zone) -> None:
        """Move the machines of a deleted zone to the default zone."""
        self._move(lambda m: m.zone_id == zone.id, "zone_id", default_zone.id)
        self.inner.zone_deleted(zone, default_zone)

    def pool_deleting(self, pool: ResourcePool, default_pool: ResourcePool) -> None:
        """Move the machines of a deleted pool to the default pool."""
        self._move(lambda m: m.pool_id == pool.id, "pool_id", default_pool.id)
        self.inner.pool_deleting(pool, default_pool)

    def domain_deleting(self, domain: Domain) -> None:
        """Move the machines of a deleted domain to the default domain."""
        default = self.store.default_domain_id
        self._move(lambda m: m.domain_id == domain.id, "domain_id", default)
        self.inner.domain_deleting(domain)

    def _move(self, selected: Callable[[Machine], bool], attribute: str, value: int) -> None:
        move_nodes(self.table.machines.values(), selected, attribute, value, Machine.touch)

    def user_deleting(self, user: User, transfer_to: User | None) -> None:
        """Refuse while the user owns machines, or hand them to ``transfer_to``."""
        owned = [m for m in self.table.machines.values() if m.owner == user.username]
        if owned and transfer_to is None:
            raise BadRequest(
                f"User {user.username} cannot be deleted: {len(owned)} node(s) are still allocated"
            )
        self.inner.user_deleting(user, transfer_to)
        for machine in owned:
            assert transfer_to is not None
            machine.owner = transfer_to.username
            machine.touch()

    def vlan_deleting(self, vlan_id: int) -> None:
        """Disconnect the interfaces on a VLAN about to be deleted."""
        for machine in self.table.machines.values():
            for iface in machine.interfaces:
                if iface.vlan_id == vlan_id:
                    for link in iface.links:
                        release_address(self.table, link)
                    iface.links = []
                    iface.vlan_id = None
                    machine.touch()
        self.inner.vlan_deleting(vlan_id)

    def subnet_deleting(self, subnet: Subnet) -> None:
        """Remove the links machines hold on a subnet about to be deleted."""
        for machine in self.table.machines.values():
            for iface in machine.interfaces:
                kept = [link for link in iface.links if link.subnet_id != subnet.id]
                if len(kept) != len(iface.links):
                    for link in iface.links:
                        if link.subnet_id == subnet.id:
                            release_address(self.table, link)
                    iface.links = kept
                    machine.touch()
        self.inner.subnet_deleting(subnet)

    def event_nodes(self, params: FormData) -> set[str] | None:
        """Select machines by ``mac_address``/``domain``/``zone``/``pool``/``agent_name``.

        Returns:
            None (the default matching on recorded ids and hostnames) unless one of those
            filters is given.
        """
        if not any(name in params for name in _EVENT_FILTERS):
            return self.inner.event_nodes(params)
        wanted = {
            name: {v.lower() if name == "mac_address" else v for v in params.getlist(name)}
            for name in ("id", "hostname", *_EVENT_FILTERS)
            if params.getlist(name)
        }
        return {
            m.system_id
            for m in self.table.machines.values()
            if all(_event_keys(self.store, m, name) & values for name, values in wanted.items())
        }

    def addresses_in_subnet(self, subnet: Subnet) -> list[AddressUse]:
        """The addresses machine links hold in the subnet (static and deployment ones)."""
        now = self.store.clock.now()
        table = self.table
        uses: list[AddressUse] = []
        for ip, (machine, link) in table.addresses.items():
            if link.subnet_id != subnet.id:
                continue
            iface = next(i for i in machine.interfaces if link in i.links)
            uses.append(
                AddressUse(
                    ip=ip,
                    alloc_type=0 if link.mode == "auto" else 1,
                    created=now,
                    updated=now,
                    username=machine.owner,
                    node_summary=address_summary(self.store, machine, 0, iface.name),
                    interface_set=[interface_dict(machine, iface, table.view())],
                )
            )
        return uses + self.inner.addresses_in_subnet(subnet)


_EVENT_FILTERS = ("mac_address", "domain", "zone", "pool", "agent_name")


def _name(table: Mapping[int, Any], object_id: int) -> str:
    item = table.get(object_id)
    return str(item.name) if item is not None else ""


def _event_keys(store: Store, machine: Machine, name: str) -> set[str]:
    if name == "mac_address":
        return set(machine.mac_addresses())
    keys = {
        "id": machine.system_id,
        "hostname": machine.hostname,
        "agent_name": machine.agent_name,
        "domain": _name(store.domains, machine.domain_id),
        "zone": _name(store.zones, machine.zone_id),
        "pool": _name(store.pools, machine.pool_id),
    }
    return {keys[name]}
