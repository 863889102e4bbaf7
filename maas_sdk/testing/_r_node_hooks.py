"""Devices and controllers as the other resources see them, and the controllers a fake starts with.

:func:`install` runs for every new :class:`~maas_sdk.testing.FakeMAAS` (after the machines
module installed its hooks): it seeds a region controller and a rack controller, as a fresh
MAAS has at least one of each, and wraps the store's hooks in :class:`NodeTypeHooks`, which
answer for devices and controllers and pass everything else on to the machine hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ._hooks import (
    AddressUse,
    NodeHooks,
    address_summary,
    drop_tag,
    move_nodes,
    rename_tag,
    tag_members,
)
from ._machine_model import Interface, NodeStatus
from ._machine_table import can_view, machine_table
from ._models import Domain, ResourcePool, Subnet, Tag, User, Zone
from ._r_node_records import (
    DEVICE,
    RACK,
    RACK_TYPES,
    REGION,
    REGION_TYPES,
    NodeRecord,
    NodeTable,
    listed_for,
    node_table,
)
from ._r_node_render import interface_dict, node_json
from ._responses import BadRequest, rendered_list_response
from ._store import Store

if TYPE_CHECKING:
    from maas_sdk._wire import WireResponse

    from ._forms import FormData
    from ._router import RequestContext

__all__ = ["NodeTypeHooks", "install", "seed_controller"]

_CONTROLLER_HARDWARE = {
    "system_vendor": "QEMU",
    "system_product": "Standard PC (Q35 + ICH9, 2009)",
    "system_version": "pc-q35-8.2",
    "cpu_model": "Intel Core Processor (Skylake, IBRS)",
    "mainboard_vendor": "Canonical Ltd.",
    "mainboard_firmware_vendor": "EFI Development Kit II / OVMF",
    "mainboard_firmware_version": "2024.02-2",
    "chassis_vendor": "QEMU",
    "chassis_type": "Other",
}


def install(store: Store) -> None:
    """Seed a region controller and a rack controller, and install the node hooks."""
    with store.lock:
        table = node_table(store)
        store.hooks = NodeTypeHooks(store, store.hooks)
        seed_controller(table, REGION, "maas-region", "00:16:3e:5e:ed:01")
        seed_controller(table, RACK, "maas-rack", "00:16:3e:5e:ed:02")


def seed_controller(table: NodeTable, node_type: int, hostname: str, mac: str) -> NodeRecord:
    """Register a deployed controller with one interface on ``fabric-0``.

    Like the controllers of the region REFERENCE.md §22 was observed on, it has no script
    results (``GET commissioning-results/`` answers ``[]``).
    """
    store = table.store
    system_id = table.new_system_id(fixed=True)
    record = NodeRecord(
        id=store.next_id("node"),
        system_id=system_id,
        hostname=hostname,
        node_type=node_type,
        domain_id=store.default_domain_id,
        zone_id=store.default_zone_id,
        status=NodeStatus.DEPLOYED,
        architecture="amd64/generic",
        cpu_count=4,
        cpu_speed=2400,
        memory=8192,
        osystem="ubuntu",
        distro_series="jammy",
        status_action="",
        hardware_uuid=f"9d6f5c3e-0000-4000-8000-{int(mac.replace(':', ''), 16):012x}",
        hardware_info=dict(_CONTROLLER_HARDWARE),
    )
    vlan_id = store.fabric_vlans(store.default_fabric_id)[0].id
    record.interfaces.append(
        Interface(
            store.next_id("interface"),
            "eth0",
            mac,
            vlan_id=vlan_id,
            vendor="Red Hat, Inc.",
            product="Virtio network device",
            interface_speed=10000,
            link_speed=10000,
        )
    )
    table.add(record)
    return record


class NodeTypeHooks(NodeHooks):
    """Node hooks that know devices and controllers and defer machines to ``inner``.

    Args:
        store: The region.
        inner: The hooks installed before (the machine hooks).
    """

    def __init__(self, store: Store, inner: NodeHooks) -> None:
        self.store = store
        self.inner = inner

    @property
    def table(self) -> NodeTable:
        """The region's devices and controllers."""
        return node_table(self.store)

    def node_exists(self, system_id: str) -> bool:
        """Devices and controllers first, then whatever the previous hooks know."""
        return system_id in self.table.nodes or self.inner.node_exists(system_id)

    def tag_nodes(self, tag: Tag, add: list[str], remove: list[str]) -> tuple[int, int]:
        """Attach/detach the tag on devices and controllers; other ids go to ``inner``."""
        nodes = self.table.nodes
        added, removed = tag_members(nodes, tag.name, add, remove)
        more_added, more_removed = self.inner.tag_nodes(
            tag, [i for i in add if i not in nodes], [i for i in remove if i not in nodes]
        )
        return added + more_added, removed + more_removed

    def tag_renamed(self, old_name: str, new_name: str) -> None:
        """Rename the tag on every device and controller carrying it."""
        rename_tag(self.table.nodes.values(), old_name, new_name)
        self.inner.tag_renamed(old_name, new_name)

    def tag_deleted(self, name: str) -> None:
        """Remove the tag from every device and controller."""
        drop_tag(self.table.nodes.values(), name)
        self.inner.tag_deleted(name)

    def tagged_nodes(self, ctx: RequestContext, tag: Tag, kind: str) -> WireResponse:
        """Answer the tag listings of devices, controllers and all nodes (machines: ``inner``)."""
        if kind == "machines":
            return self.inner.tagged_nodes(ctx, tag, kind)
        user = ctx.require_user()
        types = {
            "devices": frozenset({DEVICE}),
            "rack_controllers": RACK_TYPES,
            "region_controllers": REGION_TYPES,
        }.get(kind)
        mine = [
            r
            for r in self.table.nodes.values()
            if tag.name in r.tag_names
            and listed_for(user, r)
            and (types is None or r.node_type in types)
        ]
        items: list[tuple[int, bytes]] = [(r.id, node_json(self.store, r)) for r in mine]
        if kind == "nodes":
            machines = machine_table(self.store)
            items += [
                (m.id, machines.render(m))
                for m in machines.machines.values()
                if tag.name in m.tag_names and can_view(user, m)
            ]
        return rendered_list_response([body for _, body in sorted(items, key=lambda item: item[0])])

    def zone_deleted(self, zone: Zone, default_zone: Zone) -> None:
        """Move the devices and controllers of a deleted zone to the default zone."""
        self._move(lambda r: r.zone_id == zone.id, "zone_id", default_zone.id)
        self.inner.zone_deleted(zone, default_zone)

    def pool_deleting(self, pool: ResourcePool, default_pool: ResourcePool) -> None:
        """Devices and controllers are in no pool: only ``inner`` is concerned."""
        self.inner.pool_deleting(pool, default_pool)

    def domain_deleting(self, domain: Domain) -> None:
        """Move the devices and controllers of a deleted domain to the default domain."""
        default = self.store.default_domain_id
        self._move(lambda r: r.domain_id == domain.id, "domain_id", default)
        self.inner.domain_deleting(domain)

    def _move(self, selected: Callable[[NodeRecord], bool], attribute: str, value: int) -> None:
        move_nodes(self.table.nodes.values(), selected, attribute, value)

    def user_deleting(self, user: User, transfer_to: User | None) -> None:
        """Refuse while the user owns nodes of any kind, or hand them to ``transfer_to``."""
        owned = [r for r in self.table.nodes.values() if r.owner == user.username]
        machines = machine_table(self.store).machines.values()
        total = len(owned) + sum(1 for m in machines if m.owner == user.username)
        if owned and transfer_to is None:
            raise BadRequest(
                f"User {user.username} cannot be deleted: {total} node(s) are still allocated"
            )
        self.inner.user_deleting(user, transfer_to)
        for record in owned:
            assert transfer_to is not None
            record.owner = transfer_to.username

    def vlan_deleting(self, vlan_id: int) -> None:
        """Disconnect the device and controller interfaces on a VLAN about to be deleted."""
        for record in self.table.nodes.values():
            for iface in record.interfaces:
                if iface.vlan_id == vlan_id:
                    iface.links = []
                    iface.vlan_id = None
        self.inner.vlan_deleting(vlan_id)

    def subnet_deleting(self, subnet: Subnet) -> None:
        """Remove the links devices and controllers hold on a subnet about to be deleted."""
        for record in self.table.nodes.values():
            for iface in record.interfaces:
                iface.links = [link for link in iface.links if link.subnet_id != subnet.id]
        self.inner.subnet_deleting(subnet)

    def addresses_in_subnet(self, subnet: Subnet) -> list[AddressUse]:
        """The addresses device and controller links hold in the subnet, then the machines'."""
        now = self.store.clock.now()
        uses: list[AddressUse] = []
        for record in self.table.nodes.values():
            for iface in record.interfaces:
                for link in iface.links:
                    if link.subnet_id != subnet.id or not link.ip_address:
                        continue
                    uses.append(
                        AddressUse(
                            ip=link.ip_address,
                            alloc_type=0 if link.mode == "auto" else 1,
                            created=now,
                            updated=now,
                            username=record.owner,
                            node_summary=address_summary(
                                self.store, record, record.node_type, iface.name
                            ),
                            interface_set=[interface_dict(self.store, record, iface)],
                        )
                    )
        return uses + self.inner.addresses_in_subnet(subnet)

    def event_nodes(self, params: FormData) -> set[str] | None:
        """Only machines are selected by event filters (device events are never listed)."""
        return self.inner.event_nodes(params)
