"""The event log: :func:`record_event` is how every part of the fake logs what MAAS logs.

Events are listed by ``GET events/?op=query`` (:mod:`maas_sdk.testing._r_events`), newest
first. Record them with the type descriptions and levels MAAS uses, e.g.
``record_event(store, "Node changed status", description="From 'New' to 'Commissioning'",
level="DEBUG", node=m.system_id, hostname=m.hostname, username="admin")``.
"""

from __future__ import annotations

from ._models import Event
from ._store import Store

__all__ = ["LEVELS", "record_event"]

LEVELS: dict[str, int] = {
    "AUDIT": 0,
    "DEBUG": 10,
    "INFO": 20,
    "WARNING": 30,
    "ERROR": 40,
    "CRITICAL": 50,
}
"""Event level names (case-sensitive, as the API takes them) to their numeric levels."""

LEVEL_NAMES = {number: name for name, number in LEVELS.items()}


def record_event(
    store: Store,
    type_description: str,
    *,
    description: str = "",
    level: str = "INFO",
    node: str | None = None,
    hostname: str = "",
    username: str | None = None,
    node_type: int = 0,
) -> Event:
    """Append an event to the region's log, stamped with the virtual wall clock.

    Call it with the store lock held (every handler and clock callback that changes state has
    it).

    Args:
        store: The region.
        type_description: The event type's description, e.g. ``Node changed status``,
            ``Deploying``, ``Released``, ``Powering on``.
        description: Free text (often ``""``; status changes read ``From 'A' to 'B'``).
        level: ``AUDIT``, ``DEBUG``, ``INFO``, ``WARNING``, ``ERROR`` or ``CRITICAL``.
        node: The node's system_id, if the event is about a node.
        hostname: The node's hostname at the time.
        username: The user who caused it; None is rendered ``unknown``.
        node_type: The node's type (1 = device: never listed by ``events/?op=query``).

    Returns:
        The recorded event.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown event level {level!r}")
    event = Event(
        id=len(store.events) + 1,
        type=type_description,
        description=description,
        level=LEVELS[level],
        created=store.clock.now(),
        node=node,
        hostname=hostname,
        username=username or "unknown",
        node_type=node_type,
    )
    store.events.append(event)
    return event
