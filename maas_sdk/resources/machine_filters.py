"""Turning the typed filter and constraint arguments of ``client.machines`` into form pairs.

MAAS API: ``GET machines/`` filters and ``POST machines/?op=allocate`` constraints
(REFERENCE.md §7.2, §7.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from maas_sdk.enums import DeploymentTarget, NodeStatus, PowerState, SimpleStatus
from maas_sdk.resources._base import FormPairs, form

__all__ = [
    "Names",
    "PowerStates",
    "SimpleStatuses",
    "Statuses",
    "Targets",
    "allocate_form",
    "filter_params",
]

Names = str | Sequence[str] | None
"""One name or several (the server ORs the values of one filter)."""
Statuses = NodeStatus | str | Sequence[NodeStatus | str] | None
"""Statuses as :class:`NodeStatus` members or lowercase keywords (``"deployed"``)."""
SimpleStatuses = SimpleStatus | str | Sequence[SimpleStatus | str] | None
"""Simplified statuses as :class:`SimpleStatus` members or keywords (``"failed"``)."""
PowerStates = PowerState | str | Sequence[PowerState | str] | None
"""Power states as :class:`PowerState` members or words (``"on"``)."""
Targets = DeploymentTarget | str | Sequence[DeploymentTarget | str] | None
"""Deployment targets (``"memory"`` or ``"disk"``)."""


def keywords(values: Any) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str | NodeStatus):
        values = [values]
    result = []
    for value in values:
        if isinstance(value, NodeStatus):
            result.append(value.keyword)
        elif hasattr(value, "value"):
            result.append(str(value.value))
        else:
            result.append(str(value))
    return result


def _expand_simple(values: SimpleStatuses) -> set[str] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str) else values
    simple = [SimpleStatus(item) for item in items]
    unknown = [item.value for item in simple if not item.is_known]
    if unknown:
        # Expanded here, so an unknown keyword would otherwise silently match nothing.
        known = ", ".join(member.value for member in SimpleStatus)
        raise ValueError(f"unknown simple status {', '.join(unknown)}; expected one of: {known}")
    return {status.keyword for item in simple for status in item.statuses}


def filter_params(arguments: dict[str, Any]) -> FormPairs | None:
    """Turn ``list()`` arguments into query pairs; ``None`` when nothing can match."""
    status = keywords(arguments.pop("status"))
    not_status = keywords(arguments.pop("not_status"))
    simple = _expand_simple(arguments.pop("simple_status"))
    not_simple = _expand_simple(arguments.pop("not_simple_status"))
    if simple is not None:
        status = sorted(simple if status is None else simple & set(status))
        if not status:
            return None
    if not_simple is not None:
        not_status = sorted(not_simple | set(not_status or []))
    renamed = {"system_id": "id", "not_system_id": "not_id"}
    values: dict[str, Any] = {"status": status, "not_status": not_status}
    for key, value in arguments.items():
        values[renamed.get(key, key)] = keywords(value) if not isinstance(value, int) else value
    return form(values)


_ALLOCATE_TEXT = frozenset({"name", "system_id", "storage", "interfaces", "agent_name", "comment"})


def allocate_form(arguments: dict[str, Any]) -> FormPairs:
    """Turn ``allocate()`` arguments into form pairs (constraints first, as given)."""
    values: dict[str, Any] = {}
    for key, value in arguments.items():
        scalar = value is None or isinstance(value, int | float) or key in _ALLOCATE_TEXT
        values[key] = value if scalar else keywords(value)
    return form(values)
