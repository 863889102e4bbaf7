"""The event log: :class:`Event`, :class:`EventPage` and the :class:`Events` manager.

``events/?op=query`` is the only paged read of API 2.0. A page holds at most ``limit`` events
(100 by default, 1000 at most), newest first; ``before=<id>`` pages back in time and
``after=<id>`` forward. :meth:`Events.query` returns one page; :meth:`Events.iterate` follows
the pages until there are no more events.

Only events about nodes are listed (never those of devices), and ``level`` is a *minimum*
level (``AUDIT`` selects only audit events).

MAAS API: ``events/?op=query`` (REFERENCE.md §13).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import EventLevel
from maas_sdk.resources._base import LENIENT_DATETIME, MAASModel, Resource, TransportLike, decode
from maas_sdk.resources._base import form as _form

__all__ = ["MAX_EVENT_PAGE_SIZE", "Event", "EventLevel", "EventPage", "Events"]

MAX_EVENT_PAGE_SIZE = 1000
"""The largest ``limit`` MAAS accepts."""
DEFAULT_EVENT_PAGE_SIZE = 100
"""The page size MAAS uses when none is given."""

Names = str | Iterable[str]
"""One value or several (sent as repeated parameters)."""


class Event(Resource):
    """One entry of the event log. Compares equal to another event with the same :attr:`id`."""

    id: int
    """Event id (grows with time; what ``before``/``after`` page on)."""
    node: str | None = None
    """system_id of the node the event is about."""
    hostname: str = ""
    """Host name of that node when the event happened."""
    username: str = "unknown"
    """Who caused the event (``unknown`` when no user did)."""
    level: EventLevel = EventLevel.INFO
    """The event's level."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When it happened (``Thu, 27 Nov. 2025 10:28:00`` on the wire: UTC on MAAS 3.6+, the
    region's local time before, without a zone either way)."""
    type: str = ""
    """The event type's description (``Node changed status``, ``Deploying``...)."""
    description: str = ""
    """Details, often ``""`` (``From 'Ready' to 'Deploying'`` for status changes)."""

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.level} {self.hostname or self.node} {self.type!r}>"

    __str__ = __repr__


class EventPage(MAASModel):
    """One page of ``events/?op=query``: events newest first, with links to the next pages."""

    count: int = 0
    """Number of events in the page."""
    events: list[Event] = Field(default_factory=list)
    """The events, newest first."""
    next_uri: str | None = None
    """Path of the page of newer events (``...&after=<newest id>``)."""
    prev_uri: str | None = None
    """Path of the page of older events (``...&before=<oldest id>``), or ``None``."""

    @property
    def newest_id(self) -> int | None:
        """Id of the newest event of the page, or ``None`` when it is empty."""
        return self.events[0].id if self.events else None

    @property
    def oldest_id(self) -> int | None:
        """Id of the oldest event of the page, or ``None`` when it is empty."""
        return self.events[-1].id if self.events else None


_PAGE = TypeAdapter(EventPage)


class Events:
    """Reader of the event log, reached as ``client.events``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Events manager>"

    @api_operation("GET", "events/", op="query")
    def query(
        self,
        *,
        hostname: Names | None = None,
        mac_address: Names | None = None,
        system_id: Names | None = None,
        domain: Names | None = None,
        zone: Names | None = None,
        pool: Names | None = None,
        agent_name: Names | None = None,
        level: EventLevel | str | None = None,
        owner: str | None = None,
        limit: int | None = None,
        before: int | None = None,
        after: int | None = None,
    ) -> EventPage:
        """Read one page of events, newest first.

        MAAS API: ``GET events/?op=query``.

        Args:
            hostname: Only events of the nodes with these host names.
            mac_address: Only events of the nodes with these MAC addresses.
            system_id: Only events of these nodes (sent as ``id``).
            domain: Only events of the nodes in these domains.
            zone: Only events of the nodes in these zones.
            pool: Only events of the nodes in these resource pools.
            agent_name: Only events of the nodes with these agent names.
            level: The minimum level (default ``INFO``; ``AUDIT`` selects only audit events).
            owner: Only events caused by this user.
            limit: Page size (MAAS's default 100, at most 1000; 0 or less means 1).
            before: Only events older than this id (the next page back).
            after: Only events newer than this id (the next page forward); not together with
                ``before``.

        Raises:
            ValueError: ``limit`` is above 1000, or both ``before`` and ``after`` are given
                (checked before sending).
            BadRequestError: The server rejected a value (e.g. an unknown level).
        """
        if limit is not None and limit > MAX_EVENT_PAGE_SIZE:
            raise ValueError(f"limit must be at most {MAX_EVENT_PAGE_SIZE}, not {limit}")
        if before is not None and after is not None:
            raise ValueError("give before or after, not both")
        params = _form(
            {
                "hostname": _values(hostname),
                "mac_address": _values(mac_address),
                "id": _values(system_id),
                "domain": _values(domain),
                "zone": _values(zone),
                "pool": _values(pool),
                "agent_name": _values(agent_name),
                "level": level,
                "owner": owner,
                "limit": limit,
                "before": before,
                "after": after,
            }
        )
        return decode(self._transport.get("events/", op="query", params=params), _PAGE)

    @api_operation("GET", "events/", op="query")
    def iterate(
        self,
        *,
        hostname: Names | None = None,
        mac_address: Names | None = None,
        system_id: Names | None = None,
        domain: Names | None = None,
        zone: Names | None = None,
        pool: Names | None = None,
        agent_name: Names | None = None,
        level: EventLevel | str | None = None,
        owner: str | None = None,
        page_size: int = DEFAULT_EVENT_PAGE_SIZE,
        before: int | None = None,
        after: int | None = None,
    ) -> Iterator[Event]:
        """Iterate over every matching event, one page request at a time.

        Without ``after`` it walks back in time, newest first, starting at the newest event
        (or just before ``before``). With ``after`` it walks forward in time, **oldest first**,
        from just after that id to the newest event. It stops when a page comes back short.
        The filters are those of :meth:`query`.

        MAAS API: ``GET events/?op=query`` (with ``before``/``after`` paging).

        Args:
            hostname: See :meth:`query`.
            mac_address: See :meth:`query`.
            system_id: See :meth:`query`.
            domain: See :meth:`query`.
            zone: See :meth:`query`.
            pool: See :meth:`query`.
            agent_name: See :meth:`query`.
            level: See :meth:`query`.
            owner: See :meth:`query`.
            page_size: Events per request (1 to 1000).
            before: Start just before this event id (walking back).
            after: Start just after this event id (walking forward).

        Raises:
            ValueError: ``page_size`` is out of range, or both ``before`` and ``after`` are
                given (raised when iteration starts).
        """
        if not 1 <= page_size <= MAX_EVENT_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_EVENT_PAGE_SIZE}")
        if before is not None and after is not None:
            raise ValueError("give before or after, not both")
        filters: dict[str, Any] = {
            "hostname": hostname,
            "mac_address": mac_address,
            "system_id": system_id,
            "domain": domain,
            "zone": zone,
            "pool": pool,
            "agent_name": agent_name,
            "level": level,
            "owner": owner,
            "limit": page_size,
        }
        forward = after is not None
        cursor = after if forward else before
        while True:
            if forward:
                page = self.query(after=cursor, **filters)
                yield from reversed(page.events)
                cursor = page.newest_id
            else:
                page = self.query(before=cursor, **filters)
                yield from page.events
                cursor = page.oldest_id
            if len(page.events) < page_size or cursor is None:
                return


def _values(value: Names | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)
