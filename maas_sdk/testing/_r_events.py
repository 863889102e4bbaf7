"""Events: ``GET events/?op=query`` with node filters, levels and paging (§13)."""

from __future__ import annotations

from urllib.parse import urlencode

from maas_sdk._wire import WireResponse

from ._events import LEVELS
from ._forms import FormData
from ._models import Event
from ._render import API_PREFIX, render_event
from ._responses import BadRequest, json_response
from ._router import RequestContext, routes

MAX_EVENT_LOG_COUNT = 1000
DEFAULT_EVENT_LOG_LIMIT = 100
_URI_PARAMS = frozenset(
    {
        "agent_name",
        "domain",
        "hostname",
        "id",
        "level",
        "limit",
        "mac_address",
        "op",
        "zone",
        "owner",
    }
)
_NODE_FILTERS = ("hostname", "mac_address", "id", "domain", "zone", "pool", "agent_name")


def _int_param(params: FormData, name: str) -> int | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise BadRequest(f"Invalid {name}: Please enter an integer value") from None


def _node_selected(ctx: RequestContext) -> set[str] | None:
    selected = ctx.store.hooks.event_nodes(ctx.query)
    if selected is not None:
        return selected
    if not any(name in ctx.query for name in _NODE_FILTERS):
        return None
    ids = set(ctx.query.getlist("id"))
    hostnames = set(ctx.query.getlist("hostname"))
    if any(name in ctx.query for name in ("mac_address", "domain", "zone", "pool", "agent_name")):
        return set()
    return {
        event.node
        for event in ctx.store.events
        if event.node is not None
        and (not ids or event.node in ids)
        and (not hostnames or event.hostname in hostnames)
    }


def _uri(ctx: RequestContext, extra: tuple[str, str | int] | None) -> str:
    grouped: dict[str, list[str]] = {}
    for key, value in ctx.query.items():
        if key in _URI_PARAMS:
            grouped.setdefault(key, []).append(value)
    pairs = [(key, value) for key, values in grouped.items() for value in values]
    if extra is not None:
        pairs.append((extra[0], str(extra[1])))
    return f"{API_PREFIX}events/?{urlencode(pairs)}"


@routes.route("GET", "events/", op="query")
def query_events(ctx: RequestContext) -> WireResponse:
    """List events newest first, filtered and paged like MAAS.

    MAAS API: GET /MAAS/api/2.0/events/?op=query
    """
    params = ctx.query
    after = _int_param(params, "after")
    before = _int_param(params, "before")
    level = params.get("level") or "INFO"
    limit = _int_param(params, "limit")
    limit = DEFAULT_EVENT_LOG_LIMIT if limit is None else limit
    owner = params.get("owner")
    if limit > MAX_EVENT_LOG_COUNT:
        raise BadRequest(
            f"Requested number of events {limit} is greater than limit: {MAX_EVENT_LOG_COUNT}"
        )
    limit = max(limit, 1)
    nodes = _node_selected(ctx)
    if level not in LEVELS:
        raise BadRequest(f"Unrecognised log level: {level}")
    if after is not None and before is not None:
        raise BadRequest(
            "There is undetermined behaviour when both `after` and `before` are specified."
        )
    minimum = LEVELS[level]
    events: list[Event] = [
        event
        for event in ctx.store.events
        if event.node is not None
        and event.node_type != 1
        and (nodes is None or event.node in nodes)
        and (event.level == 0 if minimum == 0 else event.level >= minimum)
        and (owner is None or event.username == owner)
    ]
    if after is not None:
        page = [event for event in events if event.id > after][:limit][::-1]
    else:
        older = [event for event in events if before is None or event.id < before]
        page = older[::-1][:limit]
    if page:
        next_uri = _uri(ctx, ("after", page[0].id))
        prev_uri: str | None = _uri(ctx, ("before", page[-1].id))
    else:
        next_uri = _uri(ctx, None if before is None else ("after", before - 1))
        prev_uri = None if after is None else _uri(ctx, ("before", after + 1))
    body = {
        "count": len(page),
        "events": [render_event(event) for event in page],
        "next_uri": next_uri,
        "prev_uri": prev_uri,
    }
    return json_response(body)
