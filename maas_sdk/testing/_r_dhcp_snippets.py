"""DHCP snippets: ``dhcp-snippets/``, ``dhcp-snippets/{id}/`` (REFERENCE.md §19).

A snippet's ``node`` is rendered with a few node fields (system_id, hostname, domain, fqdn,
node type); a real region renders the node with its whole node handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool
from ._machine_table import machine_table
from ._render import API_PREFIX, render_domain, render_subnet
from ._responses import BadRequest, FieldErrors, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED
from ._versioned import Revision, format_created, revert_revisions

_BAD_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@dataclass
class SnippetRecord:
    """A DHCP snippet and its stored values (newest first)."""

    id: int
    name: str
    revisions: list[Revision]
    description: str = ""
    enabled: bool = True
    node: str | None = None
    subnet_id: int | None = None
    iprange_id: int | None = None


def _snippets(store: Store) -> dict[int, SnippetRecord]:
    return store.state("dhcp_snippets", dict)


def _render_node(store: Store, system_id: str) -> dict[str, Any] | None:
    machine = machine_table(store).machines.get(system_id)
    if machine is None:
        return None
    domain = store.domains.get(machine.domain_id, store.default_domain)
    return {
        "system_id": machine.system_id,
        "hostname": machine.hostname,
        "domain": render_domain(store, domain),
        "fqdn": f"{machine.hostname}.{domain.name}",
        "node_type": 0,
        "node_type_name": "Machine",
        "resource_uri": f"{API_PREFIX}nodes/{machine.system_id}/",
    }


def _render(store: Store, record: SnippetRecord) -> dict[str, Any]:
    subnet = store.subnets.get(record.subnet_id) if record.subnet_id is not None else None
    node = _render_node(store, record.node) if record.node else None
    return {
        "name": record.name,
        "description": record.description,
        "enabled": record.enabled,
        "node": node,
        "subnet": render_subnet(store, subnet) if subnet is not None else None,
        "global_snippet": node is None and subnet is None,
        "value": record.revisions[0].data,
        "history": [
            {"id": r.id, "value": r.data, "created": format_created(r.created)}
            for r in record.revisions
        ],
        "id": record.id,
        "resource_uri": f"{API_PREFIX}dhcp-snippets/{record.id}/",
    }


def _snippet(ctx: RequestContext) -> SnippetRecord:
    return get_or_404(_snippets(ctx.store), ctx.args["id"], "DHCPSnippet")


@routes.route("GET", "dhcp-snippets/")
def list_snippets(ctx: RequestContext) -> WireResponse:
    """List DHCP snippets by id.

    MAAS API: GET /MAAS/api/2.0/dhcp-snippets/
    """
    ctx.require_user()
    records = sorted(_snippets(ctx.store).values(), key=lambda r: r.id)
    return json_response([_render(ctx.store, r) for r in records])


@routes.route("POST", "dhcp-snippets/")
def create_snippet(ctx: RequestContext) -> WireResponse:
    """Create a DHCP snippet (admin).

    MAAS API: POST /MAAS/api/2.0/dhcp-snippets/
    """
    ctx.require_admin()
    record = SnippetRecord(0, "", [])
    _apply(ctx, record, ctx.data)
    record.id = ctx.store.next_id("dhcpsnippet")
    _snippets(ctx.store)[record.id] = record
    return json_response(_render(ctx.store, record))


@routes.route("GET", "dhcp-snippets/{id}/")
def read_snippet(ctx: RequestContext) -> WireResponse:
    """Read a DHCP snippet.

    MAAS API: GET /MAAS/api/2.0/dhcp-snippets/{id}/
    """
    ctx.require_user()
    return json_response(_render(ctx.store, _snippet(ctx)))


@routes.route("PUT", "dhcp-snippets/{id}/")
def update_snippet(ctx: RequestContext) -> WireResponse:
    """Update a DHCP snippet (admin); a new value becomes a new revision.

    MAAS API: PUT /MAAS/api/2.0/dhcp-snippets/{id}/
    """
    ctx.require_admin()
    record = _snippet(ctx)
    _apply(ctx, record, ctx.data)
    return json_response(_render(ctx.store, record))


@routes.route("DELETE", "dhcp-snippets/{id}/")
def delete_snippet(ctx: RequestContext) -> WireResponse:
    """Delete a DHCP snippet (admin).

    MAAS API: DELETE /MAAS/api/2.0/dhcp-snippets/{id}/
    """
    ctx.require_admin()
    del _snippets(ctx.store)[_snippet(ctx).id]
    return no_content()


@routes.route("POST", "dhcp-snippets/{id}/", op="revert")
def revert_snippet(ctx: RequestContext) -> WireResponse:
    """Revert a snippet's value to an earlier revision (admin).

    MAAS API: POST /MAAS/api/2.0/dhcp-snippets/{id}/?op=revert
    """
    ctx.require_admin()
    text = ctx.data.get("to")
    if text is None:
        raise BadRequest("You must specify where to revert to")
    if not text.lstrip("-").isdigit():
        raise BadRequest(f"{text} is an invalid 'to' value")
    record = _snippet(ctx)
    try:
        record.revisions = revert_revisions(record.revisions, int(text))
    except ValueError as error:
        raise BadRequest(str(error)) from None
    return json_response(_render(ctx.store, record))


def _apply(ctx: RequestContext, record: SnippetRecord, data: FormData) -> None:
    store = ctx.store
    creating = not record.revisions
    errors: dict[str, list[str]] = {}
    if creating:
        for key in ("name", "value"):
            if not data.get(key):
                errors[key] = [REQUIRED]
    node = record.node
    node_value = data.get("node")
    if node_value:
        table = machine_table(store)
        machine = table.machines.get(node_value) or table.by_hostname.get(node_value)
        if machine is None:
            errors["node"] = [
                f"Select a valid choice. {node_value} is not one of the available choices."
            ]
        else:
            node = machine.system_id
    subnet_id = record.subnet_id
    subnet_value = data.get("subnet")
    if subnet_value:
        subnet = store.find_subnet(subnet_value)
        if subnet is None:
            errors["subnet"] = [_BAD_CHOICE]
        else:
            subnet_id = subnet.id
    iprange_id = record.iprange_id
    iprange_value = data.get("iprange")
    if iprange_value:
        iprange = store.ipranges.get(int(iprange_value)) if iprange_value.isdigit() else None
        if iprange is None:
            errors["iprange"] = [_BAD_CHOICE]
        else:
            iprange_id = iprange.id
    if errors:
        raise FieldErrors(errors)
    if django_bool(data.get("global_snippet")):
        node = subnet_id = iprange_id = None
    elif node_value and not subnet_value:
        subnet_id = iprange_id = None
    elif subnet_value and not node_value:
        node = None
    if node is not None and subnet_id is not None:
        raise BadRequest("A DHCP snippet cannot be enabled on a node and subnet at the same time.")
    if iprange_id is not None:
        iprange = store.ipranges[iprange_id]
        if subnet_id is None:
            raise BadRequest(
                "A DHCP snippet cannot be enabled on an iprange withouta parent subnet"
            )
        if iprange.subnet_id != subnet_id:
            raise BadRequest("A DHCP snippet's IP Range must be within the parent subnet")
    value = data.get("value")
    if value:
        record.revisions.insert(0, Revision(store.next_id("versionedtext"), value, ctx.clock.now()))
    if data.get("name"):
        record.name = data.get("name") or record.name
    if data.get("description") is not None:
        record.description = data.get("description") or ""
    if "enabled" in data:
        record.enabled = django_bool(data.get("enabled"))
    record.node, record.subnet_id, record.iprange_id = node, subnet_id, iprange_id
