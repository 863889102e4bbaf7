"""Devices and controllers of the fake region: their records and the table that holds them.

Machines live in the machines table (:mod:`._machine_table`); every other node type lives here,
in one :class:`NodeTable` per store (``node_table(store)``). Node records reuse the machine
interface records (:class:`~._machine_model.Interface`, :class:`~._machine_model.Link`) so
that network filters and helpers work on both. The machines table is only ever read from here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from ._machine_model import Interface, NodeStatus, ScriptStatus
from ._machine_table import SYSTEM_ID_ALPHABET, machine_table
from ._models import User
from ._store import Store

__all__ = [
    "CONTROLLER_TYPES",
    "DEVICE",
    "NODE_TYPE_NAMES",
    "RACK",
    "RACK_TYPES",
    "REGION",
    "REGION_AND_RACK",
    "REGION_TYPES",
    "NodeRecord",
    "NodeTable",
    "can_edit",
    "listed_for",
    "node_table",
]

DEVICE, RACK, REGION, REGION_AND_RACK = 1, 2, 3, 4
RACK_TYPES = frozenset({RACK, REGION_AND_RACK})
"""Node types ``rackcontrollers/`` serves."""
REGION_TYPES = frozenset({REGION, REGION_AND_RACK})
"""Node types ``regioncontrollers/`` serves."""
CONTROLLER_TYPES = RACK_TYPES | REGION_TYPES
NODE_TYPE_NAMES = {
    0: "Machine",
    DEVICE: "Device",
    RACK: "Rack controller",
    REGION: "Region controller",
    REGION_AND_RACK: "Region and rack controller",
}
_SYSTEM_ID_SEED = 0x5EED_C0DE
"""Seed of the system_ids of the controllers a fresh fake starts with (same in every fake)."""


@dataclass(slots=True, eq=False)
class NodeRecord:
    """A device or a controller: the state MAAS keeps and the API shows."""

    id: int
    system_id: str
    hostname: str
    node_type: int
    domain_id: int
    zone_id: int
    description: str = ""
    owner: str | None = None
    parent: str | None = None
    tag_names: list[str] = field(default_factory=list)
    address_ttl: int | None = None
    interfaces: list[Interface] = field(default_factory=list)
    workload_annotations: dict[str, str] = field(default_factory=dict)
    status: NodeStatus = NodeStatus.NEW
    """Not shown by the API for these types; drives ``is_registered`` and controller tests."""
    agent_name: str = ""
    architecture: str | None = None
    cpu_count: int = 0
    cpu_speed: int = 0
    memory: int = 0
    swap_size: int | None = None
    osystem: str = ""
    distro_series: str = ""
    power_type: str = ""
    power_parameters: dict[str, Any] = field(default_factory=dict)
    power_state: str = "unknown"
    status_action: str | None = None
    hardware_uuid: str | None = None
    hardware_info: dict[str, str] = field(default_factory=dict)
    script_statuses: dict[str, ScriptStatus] = field(default_factory=dict)
    current_commissioning_result_id: int | None = None
    current_testing_result_id: int | None = None
    current_installation_result_id: int | None = None
    previous_status: NodeStatus | None = None
    """Status to go back to when testing ends."""
    tests_fail: bool = False
    """Make the next ``op=test`` end in Failed testing (set by tests)."""

    @property
    def is_device(self) -> bool:
        """Whether the record is a device."""
        return self.node_type == DEVICE

    @property
    def is_rack(self) -> bool:
        """Whether ``rackcontrollers/`` serves the record."""
        return self.node_type in RACK_TYPES

    @property
    def is_region(self) -> bool:
        """Whether ``regioncontrollers/`` serves the record."""
        return self.node_type in REGION_TYPES

    def script_status(self, prefix: str) -> ScriptStatus:
        """Return the ``<prefix>_status`` value (Unknown when nothing ran)."""
        return self.script_statuses.get(prefix, ScriptStatus.UNKNOWN)

    def mac_addresses(self) -> list[str]:
        """Return the MAC addresses of the interfaces."""
        return [i.mac_address for i in self.interfaces if i.mac_address]


class NodeTable:
    """The devices and controllers of one region, by system_id, in creation order."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.nodes: dict[str, NodeRecord] = {}
        self._controller_ids = random.Random(_SYSTEM_ID_SEED)  # noqa: S311 - test data

    def get(self, system_id: str) -> NodeRecord | None:
        """Return the record with this system_id."""
        return self.nodes.get(system_id)

    def add(self, record: NodeRecord) -> None:
        """Register a record."""
        self.nodes[record.system_id] = record

    def remove(self, record: NodeRecord) -> None:
        """Forget a record."""
        self.nodes.pop(record.system_id, None)

    def of_types(self, types: frozenset[int]) -> list[NodeRecord]:
        """Return the records of the given node types, ordered by id."""
        return sorted((n for n in self.nodes.values() if n.node_type in types), key=_by_id)

    def new_system_id(self, *, fixed: bool = False) -> str:
        """Return a system_id no node uses (``fixed``: from the fake-independent sequence)."""
        rng = self._controller_ids if fixed else self.store.random
        while True:
            candidate = "".join(rng.choice(SYSTEM_ID_ALPHABET) for _ in range(6))
            if not self.store.hooks.node_exists(candidate) and candidate not in self.nodes:
                return candidate

    def by_mac(self, mac: str) -> NodeRecord | None:
        """Return the record with an interface of this (normalised) MAC."""
        for record in self.nodes.values():
            if mac in record.mac_addresses():
                return record
        return None

    def hostname_taken(self, hostname: str, exclude: NodeRecord | None = None) -> bool:
        """Whether any node (machines included) already has this hostname."""
        if hostname in machine_table(self.store).by_hostname:
            return True
        return any(n.hostname == hostname and n is not exclude for n in self.nodes.values())

    def mac_owner(self, mac: str) -> str | None:
        """Return the hostname of the node (machines included) using this MAC, or None."""
        found = machine_table(self.store).by_mac.get(mac)
        if found is not None:
            return found[0].hostname
        record = self.by_mac(mac)
        return record.hostname if record is not None else None

    def node_exists(self, system_id: str) -> bool:
        """Whether a node of any type (machines included) has this system_id."""
        return system_id in self.nodes or system_id in machine_table(self.store).machines


def can_edit(user: User, record: NodeRecord) -> bool:
    """Edit permission on a device or controller: unowned, owned by the user, or admin."""
    return user.is_superuser or record.owner is None or record.owner == user.username


def listed_for(user: User, record: NodeRecord) -> bool:
    """Whether a listing shows the record to ``user``.

    Admins see every node; other users no controllers, and only unowned devices and their own.
    """
    if user.is_superuser:
        return True
    if record.node_type != DEVICE:
        return False
    return record.owner is None or record.owner == user.username


def _by_id(record: NodeRecord) -> int:
    return record.id


def node_table(store: Store) -> NodeTable:
    """Return the region's device and controller table (created on first use)."""
    return store.state("node_records", lambda: NodeTable(store))
