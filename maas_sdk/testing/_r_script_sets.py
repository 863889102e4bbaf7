"""Script sets (commissioning, testing, installation runs) of the fake's nodes.

Nodes only record the ids of their current sets (``current_*_result_id``) and the overall
script statuses. The sets themselves are materialised here the first time they are read, from
a template of MAAS's built-in scripts, and kept: the results of a node's *current* set follow
the node's statuses live; once a newer run replaces a set, it keeps the statuses last shown.
Machines are only read (``ScriptedNode`` is what machines and device/controller records have in
common).

MAAS API: REFERENCE.md §19; NodeScriptResultHandler and NodeResultsHandler of MAAS 3.7.3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from ._machine_model import NodeStatus, ScriptStatus
from ._machine_table import machine_table
from ._r_node_records import node_table
from ._store import Store

__all__ = [
    "COMMISSIONING",
    "INSTALLATION",
    "RESULT_TYPE_NAMES",
    "TESTING",
    "ResultRecord",
    "ScriptSetRecord",
    "ScriptedNode",
    "current_set_id",
    "find_node",
    "node_sets",
    "overall_status",
    "result_statuses",
    "script_sets",
]

COMMISSIONING, INSTALLATION, TESTING, RELEASE = 0, 1, 2, 3
RESULT_TYPE_NAMES = {
    COMMISSIONING: "Commissioning",
    INSTALLATION: "Installation",
    TESTING: "Testing",
    RELEASE: "Release",
}
_CURRENT_FIELDS = {
    COMMISSIONING: "current_commissioning_result_id",
    TESTING: "current_testing_result_id",
    INSTALLATION: "current_installation_result_id",
}
# name, script id, hardware type, tags
_TEMPLATES: dict[int, tuple[tuple[str, int | None, int, tuple[str, ...]], ...]] = {
    COMMISSIONING: (
        ("maas-support-info", 1, 0, ("commissioning",)),
        ("maas-lshw", 2, 0, ("commissioning",)),
        ("maas-list-modaliases", 3, 0, ("commissioning",)),
        ("20-maas-01-install-lldpd", 4, 4, ("commissioning", "network")),
        ("50-maas-01-commissioning", 5, 0, ("commissioning",)),
        ("maas-kernel-cmdline", 6, 0, ("commissioning",)),
    ),
    TESTING: (
        ("memtester", 21, 2, ("memory",)),
        ("smartctl-validate", 20, 3, ("storage", "commissioning")),
    ),
    INSTALLATION: (("/tmp/install.log", None, 0, ()),),  # noqa: S108 - MAAS's curtin log name
}
_STEP = timedelta(seconds=5)
_FINISHED = frozenset(
    {
        ScriptStatus.PASSED,
        ScriptStatus.FAILED,
        ScriptStatus.TIMEDOUT,
        ScriptStatus.ABORTED,
        ScriptStatus.DEGRADED,
        ScriptStatus.SKIPPED,
        ScriptStatus.FAILED_INSTALLING,
        ScriptStatus.FAILED_APPLYING_NETCONF,
    }
)
_PRECEDENCE = (
    ScriptStatus.RUNNING,
    ScriptStatus.APPLYING_NETCONF,
    ScriptStatus.INSTALLING,
    ScriptStatus.PENDING,
    ScriptStatus.ABORTED,
    ScriptStatus.FAILED,
    ScriptStatus.FAILED_APPLYING_NETCONF,
    ScriptStatus.FAILED_INSTALLING,
    ScriptStatus.TIMEDOUT,
    ScriptStatus.DEGRADED,
)
_RUNNING = frozenset({ScriptStatus.RUNNING, ScriptStatus.APPLYING_NETCONF, ScriptStatus.INSTALLING})
_FAILED = frozenset(
    {
        ScriptStatus.FAILED,
        ScriptStatus.TIMEDOUT,
        ScriptStatus.FAILED_INSTALLING,
        ScriptStatus.FAILED_APPLYING_NETCONF,
    }
)


class ScriptedNode(Protocol):
    """What a machine record and a device/controller record both have."""

    system_id: str
    hostname: str
    status: NodeStatus
    script_statuses: dict[str, ScriptStatus]
    current_commissioning_result_id: int | None
    current_testing_result_id: int | None
    current_installation_result_id: int | None


@dataclass(eq=False)
class ResultRecord:
    """One script of a set: what it is, its output, and whether it is suppressed."""

    id: int
    name: str
    script_id: int | None
    hardware_type: int
    tags: tuple[str, ...]
    output: bytes
    parameters: dict[str, Any] = field(default_factory=dict)
    suppressed: bool = False


@dataclass(eq=False)
class ScriptSetRecord:
    """A materialised script set."""

    id: int
    system_id: str
    result_type: int
    created: datetime
    results: list[ResultRecord]
    shown: dict[int, ScriptStatus] = field(default_factory=dict)
    """Statuses last shown while the set was current (kept once it is superseded)."""


class ScriptSetTable:
    """Every materialised script set of a region, and the deleted set ids."""

    def __init__(self) -> None:
        self.sets: dict[int, ScriptSetRecord] = {}
        self.deleted: set[int] = set()


def script_sets(store: Store) -> ScriptSetTable:
    """Return the region's script sets (created on first use)."""
    return store.state("script_sets", ScriptSetTable)


def find_node(store: Store, system_id: str) -> ScriptedNode | None:
    """Return the machine, device or controller with this system_id."""
    machine = machine_table(store).get(system_id)
    if machine is not None:
        return machine
    return node_table(store).get(system_id)


def current_set_id(node: ScriptedNode, result_type: int) -> int | None:
    """The node's current set of a type, unless it was deleted."""
    value: int | None = getattr(node, _CURRENT_FIELDS[result_type])
    return value


def _materialise(store: Store, node: ScriptedNode, set_id: int, result_type: int) -> None:
    table = script_sets(store)
    if set_id in table.sets or set_id in table.deleted:
        return
    results = [
        ResultRecord(
            id=store.next_id("scriptresult"),
            name=name,
            script_id=script_id,
            hardware_type=hardware_type,
            tags=tags,
            output=f"{name}: ran on {node.hostname}\n".encode(),
            parameters=(
                {"storage": {"type": "storage", "value": "all"}} if hardware_type == 3 else {}
            ),
        )
        for name, script_id, hardware_type, tags in _TEMPLATES[result_type]
    ]
    table.sets[set_id] = ScriptSetRecord(
        set_id, node.system_id, result_type, store.clock.now(), results
    )


def node_sets(store: Store, node: ScriptedNode) -> list[ScriptSetRecord]:
    """The node's script sets (its current ones materialised), ordered by id."""
    table = script_sets(store)
    for result_type in _CURRENT_FIELDS:
        set_id = current_set_id(node, result_type)
        if set_id is not None:
            _materialise(store, node, set_id, result_type)
    return sorted(
        (s for s in table.sets.values() if s.system_id == node.system_id), key=lambda s: s.id
    )


def _live_overall(node: ScriptedNode, result_type: int) -> ScriptStatus:
    if result_type == INSTALLATION:
        if node.status == NodeStatus.DEPLOYING:
            return ScriptStatus.RUNNING
        if node.status == NodeStatus.FAILED_DEPLOYMENT:
            return ScriptStatus.FAILED
        return ScriptStatus.PASSED
    prefix = "commissioning" if result_type == COMMISSIONING else "testing"
    status = node.script_statuses.get(prefix, ScriptStatus.UNKNOWN)
    return ScriptStatus.PENDING if status == ScriptStatus.UNKNOWN else status


def result_statuses(node: ScriptedNode, script_set: ScriptSetRecord) -> dict[int, ScriptStatus]:
    """The status of each result: live for a current set, as last shown for an older one."""
    if current_set_id(node, script_set.result_type) != script_set.id:
        shown = script_set.shown
        return {r.id: shown.get(r.id, ScriptStatus.PASSED) for r in script_set.results}
    overall = _live_overall(node, script_set.result_type)
    statuses = {r.id: overall for r in script_set.results}
    if overall in _FAILED:
        failing = next(
            (r for r in script_set.results if r.hardware_type == 3), script_set.results[-1]
        )
        statuses = {r.id: ScriptStatus.PASSED for r in script_set.results}
        statuses[failing.id] = overall
    script_set.shown = dict(statuses)
    return statuses


def overall_status(statuses: list[ScriptStatus]) -> ScriptStatus:
    """A set's status from its unsuppressed results' (MAAS's precedence; -1 when empty)."""
    for status in _PRECEDENCE:
        if status in statuses:
            if status in _RUNNING:
                return ScriptStatus.RUNNING
            return ScriptStatus.FAILED if status in _FAILED else status
    return ScriptStatus.PASSED


def timing(
    script_set: ScriptSetRecord, index: int, status: ScriptStatus
) -> tuple[datetime | None, datetime | None]:
    """``(started, ended)`` of the ``index``-th result: 5 s each, one after the other."""
    if status == ScriptStatus.PENDING:
        return None, None
    started = script_set.created + index * _STEP
    return started, (started + _STEP if status in _FINISHED else None)
