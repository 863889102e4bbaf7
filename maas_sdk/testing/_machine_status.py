"""Node statuses, MAAS's transition table and script-result statuses (LIFECYCLE.md §1-§2)."""

from __future__ import annotations

import enum

__all__ = [
    "RELEASABLE_STATUSES",
    "SCRIPT_STATUS_FIELDS",
    "NodeStatus",
    "ScriptStatus",
    "status_label",
    "transition_allowed",
]


class NodeStatus(enum.IntEnum):
    """MAAS node statuses (REFERENCE.md §6.1); the numbers are not in lifecycle order."""

    NEW = 0
    COMMISSIONING = 1
    FAILED_COMMISSIONING = 2
    MISSING = 3
    READY = 4
    RESERVED = 5
    DEPLOYED = 6
    RETIRED = 7
    BROKEN = 8
    DEPLOYING = 9
    ALLOCATED = 10
    FAILED_DEPLOYMENT = 11
    RELEASING = 12
    FAILED_RELEASING = 13
    DISK_ERASING = 14
    FAILED_DISK_ERASING = 15
    RESCUE_MODE = 16
    ENTERING_RESCUE_MODE = 17
    FAILED_ENTERING_RESCUE_MODE = 18
    EXITING_RESCUE_MODE = 19
    FAILED_EXITING_RESCUE_MODE = 20
    TESTING = 21
    FAILED_TESTING = 22

    @property
    def label(self) -> str:
        """The display label MAAS shows in ``status_name`` and in error messages."""
        return _LABELS[self]

    @property
    def keyword(self) -> str:
        """The lowercase keyword accepted by the ``status=`` list filter."""
        return self.name.lower()


S = NodeStatus

_LABELS: dict[NodeStatus, str] = {
    S.NEW: "New",
    S.COMMISSIONING: "Commissioning",
    S.FAILED_COMMISSIONING: "Failed commissioning",
    S.MISSING: "Missing",
    S.READY: "Ready",
    S.RESERVED: "Reserved",
    S.DEPLOYED: "Deployed",
    S.RETIRED: "Retired",
    S.BROKEN: "Broken",
    S.DEPLOYING: "Deploying",
    S.ALLOCATED: "Allocated",
    S.FAILED_DEPLOYMENT: "Failed deployment",
    S.RELEASING: "Releasing",
    S.FAILED_RELEASING: "Releasing failed",
    S.DISK_ERASING: "Disk erasing",
    S.FAILED_DISK_ERASING: "Failed disk erasing",
    S.RESCUE_MODE: "Rescue mode",
    S.ENTERING_RESCUE_MODE: "Entering rescue mode",
    S.FAILED_ENTERING_RESCUE_MODE: "Failed to enter rescue mode",
    S.EXITING_RESCUE_MODE: "Exiting rescue mode",
    S.FAILED_EXITING_RESCUE_MODE: "Failed to exit rescue mode",
    S.TESTING: "Testing",
    S.FAILED_TESTING: "Failed testing",
}


def status_label(status: int) -> str:
    """Return the display label of a status number."""
    return _LABELS[NodeStatus(status)]


_ALLOWED: dict[NodeStatus, frozenset[NodeStatus]] = {
    S.NEW: frozenset(
        {S.COMMISSIONING, S.TESTING, S.MISSING, S.READY, S.RETIRED, S.BROKEN}
        | {S.ENTERING_RESCUE_MODE}
    ),
    S.COMMISSIONING: frozenset(
        {S.FAILED_COMMISSIONING, S.READY, S.RETIRED, S.MISSING, S.NEW, S.BROKEN, S.TESTING}
    ),
    S.FAILED_COMMISSIONING: frozenset(
        {S.COMMISSIONING, S.MISSING, S.RETIRED, S.BROKEN, S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.READY: frozenset(
        {S.ENTERING_RESCUE_MODE, S.COMMISSIONING, S.ALLOCATED, S.RESERVED, S.RETIRED}
        | {S.MISSING, S.BROKEN, S.TESTING}
    ),
    S.RESERVED: frozenset(
        {S.READY, S.ALLOCATED, S.RETIRED, S.MISSING, S.BROKEN, S.DISK_ERASING, S.RELEASING}
        | {S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.ALLOCATED: frozenset(
        {S.READY, S.RETIRED, S.MISSING, S.BROKEN, S.DEPLOYING, S.DISK_ERASING, S.RELEASING}
        | {S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.RELEASING: frozenset(
        {S.NEW, S.ALLOCATED, S.RESERVED, S.DEPLOYED, S.READY, S.BROKEN, S.MISSING}
        | {S.FAILED_DEPLOYMENT, S.FAILED_DISK_ERASING, S.FAILED_RELEASING}
    ),
    S.DEPLOYING: frozenset(
        {S.ALLOCATED, S.MISSING, S.BROKEN, S.FAILED_DEPLOYMENT, S.DEPLOYED, S.READY}
        | {S.DISK_ERASING, S.RELEASING}
    ),
    S.FAILED_DEPLOYMENT: frozenset(
        {S.ALLOCATED, S.MISSING, S.BROKEN, S.READY, S.DISK_ERASING, S.RELEASING}
        | {S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.DEPLOYED: frozenset(
        {S.ALLOCATED, S.MISSING, S.BROKEN, S.READY, S.DISK_ERASING, S.RELEASING}
        | {S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.MISSING: frozenset(
        {S.NEW, S.READY, S.ALLOCATED, S.COMMISSIONING, S.BROKEN, S.ENTERING_RESCUE_MODE}
        | {S.TESTING}
    ),
    S.RETIRED: frozenset({S.NEW, S.READY, S.MISSING, S.BROKEN, S.ENTERING_RESCUE_MODE, S.TESTING}),
    S.BROKEN: frozenset(
        {S.COMMISSIONING, S.READY, S.DISK_ERASING, S.RELEASING, S.ENTERING_RESCUE_MODE}
        | {S.TESTING, S.DEPLOYED}
    ),
    S.FAILED_RELEASING: frozenset({S.RELEASING, S.DISK_ERASING, S.READY, S.BROKEN, S.TESTING}),
    S.DISK_ERASING: frozenset({S.BROKEN, S.FAILED_DISK_ERASING, S.READY, S.RELEASING}),
    S.FAILED_DISK_ERASING: frozenset(
        {S.DISK_ERASING, S.RELEASING, S.BROKEN, S.ALLOCATED, S.READY}
        | {S.ENTERING_RESCUE_MODE, S.TESTING}
    ),
    S.ENTERING_RESCUE_MODE: frozenset(
        {S.READY, S.BROKEN, S.DEPLOYED, S.RESCUE_MODE, S.FAILED_ENTERING_RESCUE_MODE}
        | {S.EXITING_RESCUE_MODE}
    ),
    S.FAILED_ENTERING_RESCUE_MODE: frozenset(
        {S.BROKEN, S.ENTERING_RESCUE_MODE, S.EXITING_RESCUE_MODE, S.TESTING}
    ),
    S.RESCUE_MODE: frozenset({S.BROKEN, S.EXITING_RESCUE_MODE, S.TESTING}),
    S.EXITING_RESCUE_MODE: frozenset(
        {S.NEW, S.BROKEN, S.FAILED_COMMISSIONING, S.READY, S.RESERVED, S.ALLOCATED}
        | {S.FAILED_DEPLOYMENT, S.DEPLOYED, S.MISSING, S.RETIRED, S.FAILED_RELEASING}
        | {S.FAILED_DISK_ERASING, S.RESCUE_MODE, S.FAILED_ENTERING_RESCUE_MODE}
        | {S.FAILED_EXITING_RESCUE_MODE, S.FAILED_TESTING}
    ),
    S.FAILED_EXITING_RESCUE_MODE: frozenset({S.BROKEN, S.EXITING_RESCUE_MODE, S.TESTING}),
    S.TESTING: frozenset(
        {S.BROKEN, S.NEW, S.READY, S.RESERVED, S.ALLOCATED, S.DEPLOYED, S.COMMISSIONING}
        | {S.FAILED_DEPLOYMENT, S.MISSING, S.RETIRED, S.FAILED_RELEASING}
        | {S.FAILED_DISK_ERASING, S.FAILED_ENTERING_RESCUE_MODE}
        | {S.FAILED_EXITING_RESCUE_MODE, S.FAILED_TESTING}
    ),
    S.FAILED_TESTING: frozenset(
        {S.COMMISSIONING, S.BROKEN, S.MISSING, S.ENTERING_RESCUE_MODE, S.TESTING, S.READY}
        | {S.DEPLOYED}
    ),
}


def transition_allowed(old: int, new: int) -> bool:
    """Say whether MAAS's transition table lets a node go from ``old`` to ``new``."""
    return old == new or NodeStatus(new) in _ALLOWED[NodeStatus(old)]


RELEASABLE_STATUSES = frozenset(
    {
        S.ALLOCATED,
        S.RESERVED,
        S.BROKEN,
        S.DEPLOYING,
        S.DEPLOYED,
        S.FAILED_DEPLOYMENT,
        S.FAILED_DISK_ERASING,
        S.FAILED_RELEASING,
    }
)
"""Statuses from which ``op=release`` starts a release (LIFECYCLE.md §3.3)."""


class ScriptStatus(enum.IntEnum):
    """Script/test result statuses (REFERENCE.md §6.2)."""

    UNKNOWN = -1
    PENDING = 0
    RUNNING = 1
    PASSED = 2
    FAILED = 3
    TIMEDOUT = 4
    ABORTED = 5
    DEGRADED = 6
    INSTALLING = 7
    FAILED_INSTALLING = 8
    SKIPPED = 9
    APPLYING_NETCONF = 10
    FAILED_APPLYING_NETCONF = 11

    @property
    def label(self) -> str:
        """The ``*_status_name`` text of this status."""
        return _SCRIPT_LABELS[self]


_SCRIPT_LABELS: dict[ScriptStatus, str] = {
    ScriptStatus.UNKNOWN: "Unknown",
    ScriptStatus.PENDING: "Pending",
    ScriptStatus.RUNNING: "Running",
    ScriptStatus.PASSED: "Passed",
    ScriptStatus.FAILED: "Failed",
    ScriptStatus.TIMEDOUT: "Timed out",
    ScriptStatus.ABORTED: "Aborted",
    ScriptStatus.DEGRADED: "Degraded",
    ScriptStatus.INSTALLING: "Installing dependencies",
    ScriptStatus.FAILED_INSTALLING: "Failed installing dependencies",
    ScriptStatus.SKIPPED: "Skipped",
    ScriptStatus.APPLYING_NETCONF: "Applying custom network configuration",
    ScriptStatus.FAILED_APPLYING_NETCONF: "Failed to apply custom network configuration",
}

SCRIPT_STATUS_FIELDS = (
    "commissioning",
    "testing",
    "cpu_test",
    "memory_test",
    "network_test",
    "storage_test",
    "other_test",
    "interface_test",
)
"""Prefixes of the machine's ``<prefix>_status`` / ``<prefix>_status_name`` field pairs."""
