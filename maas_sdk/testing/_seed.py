"""Seed a fake region with many realistic machines, deterministically.

:func:`seed_machines` creates machines shaped like MAAS's own examples: 1-4 interfaces on a few
fabrics and VLANs with AUTO/STATIC/DHCP links, 1-3 disks with a storage layout on the boot disk,
tags, zones, resource pools, owners, power types and a realistic mix of statuses. The same
``seed`` on a fresh fake gives the same machines (system_ids, names, hardware, addresses).
Machines seeded in a transitional status (Commissioning, Deploying, ...) finish on the clock.
"""

from __future__ import annotations

import random
from typing import TypeVar

from . import _machine_lifecycle as life
from ._machine_layout import partition_boot_disk, random_uuid
from ._machine_model import (
    BlockDevice,
    Interface,
    Link,
    Machine,
    NodeStatus,
    ScriptStatus,
)
from ._machine_table import SYSTEM_ID_ALPHABET, MachineTable, machine_table
from ._models import VLAN, Fabric, ResourcePool, Space, Subnet, Tag, Zone
from ._store import HasStore, Store, store_of

__all__ = ["seed_machines"]

S = NodeStatus
T = TypeVar("T")
_STATUSES: tuple[tuple[NodeStatus, int], ...] = (
    (S.READY, 38),
    (S.DEPLOYED, 28),
    (S.ALLOCATED, 8),
    (S.NEW, 5),
    (S.BROKEN, 3),
    (S.FAILED_DEPLOYMENT, 3),
    (S.FAILED_COMMISSIONING, 2),
    (S.FAILED_TESTING, 2),
    (S.DEPLOYING, 3),
    (S.COMMISSIONING, 2),
    (S.TESTING, 1),
    (S.DISK_ERASING, 1),
    (S.RESCUE_MODE, 1),
    (S.FAILED_RELEASING, 1),
    (S.FAILED_DISK_ERASING, 1),
    (S.RELEASING, 1),
)
_OWNED = frozenset(
    {S.DEPLOYED, S.ALLOCATED, S.DEPLOYING, S.FAILED_DEPLOYMENT, S.RESCUE_MODE, S.FAILED_RELEASING}
    | {S.FAILED_DISK_ERASING, S.RELEASING, S.DISK_ERASING}
)
_UNCOMMISSIONED = frozenset({S.NEW, S.COMMISSIONING, S.FAILED_COMMISSIONING})
_POWER = (("ipmi", 50), ("redfish", 15), ("virsh", 10), ("lxd", 10), ("manual", 10), ("webhook", 5))
_CPUS = (4, 8, 16, 24, 32, 48, 64, 96, 128)
_MEMORY = (8192, 16384, 32768, 65536, 131072, 262144, 524288)
_DISK_SIZES = (240_057_409_536, 480_103_981_056, 960_197_124_096, 1_920_383_410_176, 4e12)
_DISK_MODELS = (
    ("SAMSUNG MZ7LH480", "ssd"),
    ("INTEL SSDPE2KX010T8", "nvme"),
    ("ST4000NM0035-1V4", "rotary"),
    ("Micron_5300_MTFD", "ssd"),
)
_VENDORS = (
    ("Dell Inc.", "PowerEdge R650", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz"),
    ("HPE", "ProLiant DL360 Gen10", "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz"),
    ("Supermicro", "SYS-1029P-WTR", "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz"),
    ("Lenovo", "ThinkSystem SR645", "AMD EPYC 7313 16-Core Processor"),
)
_TAGS = ("virtual", "gpu", "ssd", "nvme", "compute", "storage", "fast-nic", "bios-uefi")
_ZONES = ("zone-a", "zone-b", "zone-c")
_POOLS = ("compute", "storage")
_OWNERS = ("alice", "bob", "carol")
_SERIES = (("jammy", "22.04"), ("focal", "20.04"), ("noble", "24.04"))


def _pick(rng: random.Random, weighted: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


class _Network:
    """The fabrics, VLANs and subnets seeded machines attach to (created once per region)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        fabric0 = store.default_fabric_id
        self.main_vlan = next(v.id for v in store.fabric_vlans(fabric0) if v.vid == 0)
        storage_fabric = self._fabric("fabric-storage")
        self.storage_vlan = self._vlan(storage_fabric, 0, None)
        self.tagged_vlan = self._vlan(storage_fabric, 100, "storage-100")
        space = self._space("storage")
        store.vlans[self.tagged_vlan].space_id = space
        self.main = self._subnet("10.64.0.0/16", self.main_vlan, "10.64.0.1")
        self.main6 = self._subnet("fd42:64::/64", self.main_vlan, "fd42:64::1")
        self.storage = self._subnet("10.65.0.0/16", self.storage_vlan, None)
        self.tagged = self._subnet("10.100.0.0/16", self.tagged_vlan, "10.100.0.1")
        self.next_host: dict[int, int] = {}

    def _fabric(self, name: str) -> int:
        found = self.store.find_fabric(name)
        if found is not None:
            return found.id
        fabric = Fabric(self.store.next_id("fabric"), name)
        self.store.fabrics[fabric.id] = fabric
        return fabric.id

    def _vlan(self, fabric_id: int, vid: int, name: str | None) -> int:
        for vlan in self.store.fabric_vlans(fabric_id):
            if vlan.vid == vid:
                return vlan.id
        vlan = VLAN(self.store.next_id("vlan"), fabric_id, vid, name, dhcp_on=vid == 0)
        self.store.vlans[vlan.id] = vlan
        return vlan.id

    def _space(self, name: str) -> int:
        found = self.store.find_space(name)
        if found is not None:
            return found.id
        space = Space(self.store.next_id("space"), name)
        self.store.spaces[space.id] = space
        return space.id

    def _subnet(self, cidr: str, vlan_id: int, gateway: str | None) -> int:
        found = next((s for s in self.store.subnets.values() if s.cidr == cidr), None)
        if found is not None:
            return found.id
        subnet = Subnet(self.store.next_id("subnet"), cidr, cidr, vlan_id, gateway_ip=gateway)
        self.store.subnets[subnet.id] = subnet
        return subnet.id

    def address(self, table: MachineTable, subnet_id: int) -> str:
        """Return the next free address of a seeded subnet."""
        subnet = self.store.subnets[subnet_id]
        prefix = subnet.cidr.split("/")[0]
        while True:
            host = self.next_host.get(subnet_id, 10)
            self.next_host[subnet_id] = host + 1
            if ":" in prefix:
                ip = f"{prefix}{host:x}"
            else:
                a, b, _, _ = prefix.split(".")
                ip = f"{a}.{b}.{host // 256}.{host % 256}"
            if ip not in table.addresses:
                return ip


def _ensure_named(store: Store) -> tuple[list[int], list[int], list[str]]:
    zones = [store.default_zone_id]
    for name in _ZONES:
        zone = store.zone_by_name(name)
        if zone is None:
            zone = Zone(store.next_id("zone"), name, f"Racks of {name}")
            store.zones[zone.id] = zone
        zones.append(zone.id)
    pools = [store.default_pool_id]
    for name in _POOLS:
        pool = store.pool_by_name(name)
        if pool is None:
            pool = ResourcePool(store.next_id("pool"), name, f"{name.title()} machines")
            store.pools[pool.id] = pool
        pools.append(pool.id)
    for name in _TAGS:
        if store.tag_by_name(name) is None:
            tag = Tag(store.next_id("tag"), name, comment=f"seeded {name}")
            store.tags[tag.id] = tag
    owners = [u.username for u in store.users.values() if u.is_superuser and not u.is_system]
    for name in _OWNERS:
        if name not in store.users:
            store.add_user(name, email=f"{name}@example.com", is_superuser=False, password=None)
        owners.append(name)
    return zones, pools, owners


def seed_machines(fake: HasStore | Store, n: int, seed: int = 0) -> list[str]:
    """Create ``n`` realistic machines in a fake region and return their system_ids.

    Also creates (once) the zones ``zone-a..c``, the pools ``compute`` and ``storage``, some
    tags, three non-admin users (``alice``, ``bob``, ``carol``) who own some machines, and a
    storage fabric with an untagged and a VID 100 VLAN, plus IPv4/IPv6 subnets.

    Args:
        fake: A :class:`~maas_sdk.testing.FakeMAAS` (or its store).
        n: How many machines.
        seed: Makes the machines reproducible: the same seed on a fresh fake gives the same
            machines.

    Returns:
        The new machines' system_ids, in creation order.
    """
    store = store_of(fake)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    with store.lock:
        table = machine_table(store)
        zones, pools, owners = _ensure_named(store)
        network = _Network(store)
        store.changed()
        if "arm64/generic" not in table.architectures:
            table.architectures.append("arm64/generic")
        created = [
            _seed_one(store, table, network, rng, zones, pools, owners, index) for index in range(n)
        ]
        for machine in created:
            life.resume(table, machine)
        return [m.system_id for m in created]


def _system_id(table: MachineTable, rng: random.Random) -> str:
    while True:
        candidate = "".join(rng.choice(SYSTEM_ID_ALPHABET) for _ in range(6))
        if candidate not in table.machines and not table.store.hooks.node_exists(candidate):
            return candidate


def _hostname(table: MachineTable, seed_index: int, rng: random.Random) -> str:
    rack = rng.randrange(1, 40)
    name = f"r{rack:02d}-node-{seed_index:05d}"
    while name in table.by_hostname:
        name = f"{name}x"
    return name


def _mac(table: MachineTable, rng: random.Random, taken: set[str]) -> str:
    while True:
        mac = "52:54:00:" + ":".join(f"{rng.randrange(256):02x}" for _ in range(3))
        if mac not in table.by_mac and mac not in taken:
            taken.add(mac)
            return mac


def _seed_one(
    store: Store,
    table: MachineTable,
    network: _Network,
    rng: random.Random,
    zones: list[int],
    pools: list[int],
    owners: list[str],
    index: int,
) -> Machine:
    status = _pick(rng, _STATUSES)
    power_type = _pick(rng, _POWER)
    vendor, product, cpu_model = rng.choice(_VENDORS)
    cpu_count = rng.choice(_CPUS)
    machine = Machine(
        id=store.next_id("node"),
        system_id=_system_id(table, rng),
        hostname=_hostname(table, index, rng),
        domain_id=store.default_domain_id,
        zone_id=rng.choice(zones),
        pool_id=rng.choice(pools),
        architecture="arm64/generic" if rng.random() < 0.1 else "amd64/generic",
        status=status,
        power_type=power_type,
        power_parameters=_power_parameters(power_type, index, rng),
        cpu_count=cpu_count,
        cpu_speed=rng.choice((2000, 2100, 2200, 2400, 2900, 3000)),
        memory=rng.choice(_MEMORY),
        tag_names=sorted(rng.sample(_TAGS, rng.randrange(0, 4))),
        hardware_uuid=random_uuid(rng),
        bios_boot_method=rng.choice(("uefi", "uefi", "pxe")),
        description=rng.choice(("", "", "rack spare", "customer workload")),
    )
    commissioned = status not in _UNCOMMISSIONED
    if commissioned:
        machine.commissioned = True
        machine.hardware_info = {
            "system_vendor": vendor,
            "system_product": product,
            "system_serial": f"SN{rng.randrange(10**8):08d}",
            "cpu_model": cpu_model,
            "mainboard_vendor": vendor,
            "mainboard_product": product,
            "mainboard_firmware_version": f"{rng.randrange(1, 3)}.{rng.randrange(20)}.0",
            "chassis_vendor": vendor,
            "chassis_type": "Rack Mount Chassis",
        }
        machine.current_commissioning_result_id = store.next_id("scriptset")
        machine.current_testing_result_id = store.next_id("scriptset")
        for prefix in ("commissioning", "testing", "storage_test", "network_test"):
            machine.script_statuses[prefix] = ScriptStatus.PASSED
        if status == S.FAILED_TESTING:
            machine.script_statuses["testing"] = ScriptStatus.FAILED
            machine.script_statuses["storage_test"] = ScriptStatus.FAILED
    elif status == S.FAILED_COMMISSIONING:
        machine.current_commissioning_result_id = store.next_id("scriptset")
        machine.script_statuses["commissioning"] = ScriptStatus.FAILED
    if status in _OWNED:
        machine.owner = rng.choice(owners)
    if status in (S.DEPLOYED, S.DEPLOYING, S.FAILED_DEPLOYMENT, S.RESCUE_MODE):
        series, version = rng.choice(_SERIES)
        machine.osystem, machine.distro_series, machine.hwe_kernel = (
            "ubuntu",
            series,
            f"ga-{version}",
        )
        machine.current_installation_result_id = store.next_id("scriptset")
        if rng.random() < 0.3:
            machine.workload_annotations = {"env": rng.choice(("prod", "staging", "dev"))}
    if status == S.RESCUE_MODE:
        machine.status_before = S.DEPLOYED
    if status == S.BROKEN:
        machine.error_description = "Seeded as broken"
    if status == S.DEPLOYED and rng.random() < 0.05:
        machine.locked = True
    on = status in (S.DEPLOYED, S.DEPLOYING, S.RESCUE_MODE, S.COMMISSIONING, S.TESTING)
    machine.power_state = "unknown" if power_type == "manual" else ("on" if on else "off")
    machine.status_action = "" if status != S.NEW else None
    machine.status_message = None if status == S.NEW else status.label
    _seed_interfaces(store, table, network, rng, machine)
    if commissioned or status == S.FAILED_COMMISSIONING:
        _seed_disks(store, rng, machine, layout=commissioned)
    table.add(machine)
    return machine


def _power_parameters(power_type: str, index: int, rng: random.Random) -> dict[str, object]:
    bmc = f"10.200.{index // 250 % 256}.{index % 250 + 1}"
    if power_type in ("ipmi", "redfish"):
        params: dict[str, object] = {
            "power_address": bmc,
            "power_user": "maas",
            "power_pass": f"pw{rng.randrange(10**6):06d}",
        }
        if power_type == "ipmi":
            params.update({"power_driver": "LAN_2_0", "power_boot_type": "efi"})
        return params
    if power_type == "virsh":
        return {"power_address": "qemu+ssh://ubuntu@10.0.0.2/system", "power_id": f"vm{index}"}
    if power_type == "lxd":
        return {"power_address": "https://10.0.0.3:8443", "instance_name": f"vm{index}"}
    if power_type == "webhook":
        return {"power_on_uri": f"https://power.example.com/{index}/on"}
    return {}


def _seed_interfaces(
    store: Store, table: MachineTable, network: _Network, rng: random.Random, machine: Machine
) -> None:
    count = rng.choice((1, 2, 2, 2, 3, 4))
    deployed = machine.status in (S.DEPLOYED, S.DEPLOYING, S.RESCUE_MODE, S.FAILED_DEPLOYMENT)
    speed = rng.choice((1000, 10000, 25000))
    plans: tuple[tuple[int | None, list[tuple[str, int]]], ...] = (
        (network.main_vlan, [("auto", network.main), ("auto", network.main6)]),
        (network.tagged_vlan, [("static", network.tagged)]),
        (network.storage_vlan, [("dhcp", network.storage)]),
        (None, []),
    )
    for position in range(count):
        vlan_id, links = plans[position]
        iface = Interface(
            id=store.next_id("interface"),
            name=f"eno{position + 1}",
            mac_address=_mac(table, rng, {m for i in machine.interfaces if (m := i.mac_address)}),
            vlan_id=vlan_id,
            vendor="Intel Corporation",
            product="Ethernet Controller X710 for 10GbE SFP+",
            firmware_version="8.50",
            interface_speed=speed,
            link_speed=speed if vlan_id is not None else 0,
            link_connected=vlan_id is not None,
        )
        if machine.status != S.NEW:
            for mode, subnet_id in links:
                if mode == "auto" and subnet_id == network.main6 and rng.random() < 0.5:
                    continue
                link = Link(store.next_id("staticipaddress"), mode, subnet_id)
                if mode == "static" or (mode == "auto" and deployed):
                    link.ip_address = network.address(table, subnet_id)
                    link.auto_assigned = mode == "auto"
                iface.links.append(link)
        machine.interfaces.append(iface)


def _seed_disks(store: Store, rng: random.Random, machine: Machine, *, layout: bool) -> None:
    for position in range(rng.choice((1, 1, 2, 2, 3))):
        model, kind = rng.choice(_DISK_MODELS)
        device = BlockDevice(
            id=store.next_id("blockdevice"),
            name=f"sd{chr(ord('a') + position)}",
            size=int(rng.choice(_DISK_SIZES)),
            block_size=512 if kind == "rotary" else 4096,
            model=model,
            serial=f"S{rng.randrange(16**10):010X}",
            id_path=None,
            tags=[kind] if kind != "nvme" else ["ssd", "nvme"],
            firmware_version=f"{rng.randrange(100, 999)}Q",
        )
        machine.block_devices.append(device)
    if not layout:
        return
    disk = machine.block_devices[0]
    partition_boot_disk(store, machine, disk, "flat", lambda: random_uuid(rng))
