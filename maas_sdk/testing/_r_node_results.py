"""Script results of the fake region: ``nodes/{system_id}/results/`` and the legacy listings.

``commissioning-results/`` and ``installation-results/`` are the legacy flat listings.

Error texts are MAAS 3.7.3's (NodeScriptResultHandler, translate_result_type,
translate_hardware_type, NodeResultsHandler): single-message validation errors are
``text/plain`` 400s, unknown sets ``No ScriptSet matches the given query.``.
"""

from __future__ import annotations

import base64
import io
import tarfile
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, string_bool
from ._machine_model import ScriptStatus
from ._machine_routes import visible_machines
from ._machine_table import can_view, machine_table
from ._r_node_records import listed_for, node_table
from ._r_node_render import mail_time, piston_time
from ._r_script_sets import (
    RESULT_TYPE_NAMES,
    ResultRecord,
    ScriptedNode,
    ScriptSetRecord,
    current_set_id,
    find_node,
    node_sets,
    overall_status,
    result_statuses,
    script_sets,
    timing,
)
from ._responses import (
    BadRequest,
    Forbidden,
    NotFound,
    bytes_response,
    json_response,
    no_content,
)
from ._router import RequestContext, routes

__all__ = ["hardware_type_value", "node_for_request"]

_RESULTS = "nodes/{system_id}/results/"
_RESULT = "nodes/{system_id}/results/{id}/"
_TYPE_NAMES = {
    "test": 2,
    "testing": 2,
    "commission": 0,
    "commissioning": 0,
    "install": 1,
    "installation": 1,
    "release": 3,
}
_HARDWARE_NAMES = {
    **dict.fromkeys(("node", "machine", "controller", "other", "generic"), 0),
    **dict.fromkeys(("cpu", "processor"), 1),
    **dict.fromkeys(("memory", "ram"), 2),
    **dict.fromkeys(("storage", "disk", "ssd"), 3),
    **dict.fromkeys(("network", "net", "interface"), 4),
    **dict.fromkeys(("gpu", "graphics"), 5),
}
_CURRENT = {"current-commissioning": 0, "current-testing": 2, "current-installation": 1}
_FAILED = frozenset({ScriptStatus.FAILED, ScriptStatus.TIMEDOUT})
_LEGACY_STATUSES = frozenset(
    {ScriptStatus.PASSED, ScriptStatus.FAILED, ScriptStatus.TIMEDOUT, ScriptStatus.ABORTED}
)


def node_for_request(ctx: RequestContext) -> ScriptedNode:
    """The node of a ``nodes/{system_id}/...`` path the caller may view (404 ``No Node...``)."""
    user = ctx.require_user()
    node = find_node(ctx.store, ctx.args["system_id"])
    if node is None:
        raise NotFound("Node")
    machine = machine_table(ctx.store).get(node.system_id)
    if machine is not None and not can_view(user, machine):
        raise Forbidden()
    return node


def hardware_type_value(value: str | None) -> int | None:
    """Translate a ``hardware_type`` parameter like MAAS (400 on an unknown one)."""
    if value is None:
        return None
    if value.isdigit():
        if int(value) not in range(6):
            raise BadRequest("Invalid hardware type numeric value.")
        return int(value)
    found = _HARDWARE_NAMES.get(value.lower())
    if found is None:
        raise BadRequest("Hardware type must be node, cpu, memory, storage, or gpu")
    return found


def _result_type(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        if int(value) not in RESULT_TYPE_NAMES:
            raise BadRequest("Invalid result type numeric value.")
        return int(value)
    if value not in _TYPE_NAMES:
        raise BadRequest("Invalid result type name")
    return _TYPE_NAMES[value]


def _filters(params: FormData) -> list[str] | None:
    value = params.get("filters")
    return None if value is None else value.split(",")


def _selected(
    script_set: ScriptSetRecord, filters: list[str] | None, hardware_type: int | None
) -> list[tuple[int, ResultRecord]]:
    chosen = [
        (index, r)
        for index, r in enumerate(script_set.results)
        if filters is None
        or any(f == r.name or f in r.tags or (f.isdigit() and int(f) == r.id) for f in filters)
    ]
    if hardware_type is not None:
        chosen = [(i, r) for i, r in chosen if r.script_id is not None]
        chosen = [(i, r) for i, r in chosen if r.hardware_type == hardware_type]
    return sorted(chosen, key=lambda item: item[1].name)


def _stderr(result: ResultRecord, status: ScriptStatus) -> bytes:
    return f"{result.name} failed\n".encode() if status in _FAILED else b""


def _runtime(started: Any, ended: Any) -> str:
    if started is None or ended is None:
        return ""
    return str(ended - started)


def _exit_status(status: ScriptStatus) -> int | None:
    if status == ScriptStatus.PASSED:
        return 0
    return 1 if status in _FAILED else None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _render_set(
    ctx: RequestContext, node: ScriptedNode, script_set: ScriptSetRecord, params: FormData
) -> dict[str, Any]:
    store = ctx.store
    include_output = bool(params.get("include_output"))
    hardware_type = hardware_type_value(params.get("hardware_type"))
    statuses = result_statuses(node, script_set)
    times = [timing(script_set, i, statuses[r.id]) for i, r in enumerate(script_set.results)]
    started = min((t[0] for t in times if t[0] is not None), default=None)
    ends = [t[1] for t in times]
    ended = None if not ends or None in ends else max(e for e in ends if e is not None)
    unsuppressed = [statuses[r.id] for r in script_set.results if not r.suppressed]
    status = overall_status(unsuppressed) if script_set.results else ScriptStatus.UNKNOWN
    results = []
    for index, result in _selected(script_set, _filters(params), hardware_type):
        result_status = statuses[result.id]
        begin, end = times[index]
        runtime = _runtime(begin, end)
        rendered: dict[str, Any] = {
            "id": result.id,
            "created": mail_time(store, script_set.created),
            "updated": mail_time(store, end or begin or script_set.created),
            "name": result.name,
            "status": int(result_status),
            "status_name": result_status.label,
            "exit_status": _exit_status(result_status),
            "started": mail_time(store, begin),
            "ended": mail_time(store, end),
            "runtime": runtime,
            "starttime": begin.timestamp() if begin is not None else "",
            "endtime": end.timestamp() if end is not None else "",
            "estimated_runtime": runtime or "0:00:05",
            "parameters": dict(result.parameters),
            "script_id": result.script_id,
            "script_revision_id": None,
            "suppressed": result.suppressed,
        }
        if include_output:
            rendered["output"] = _b64(result.output)
            rendered["stdout"] = _b64(result.output)
            rendered["stderr"] = _b64(_stderr(result, result_status))
            rendered["result"] = _b64(b"")
        results.append(rendered)
    return {
        "id": script_set.id,
        "system_id": script_set.system_id,
        "type": script_set.result_type,
        "type_name": RESULT_TYPE_NAMES[script_set.result_type],
        "last_ping": mail_time(store, ended),
        "status": int(status),
        "status_name": status.label,
        "started": mail_time(store, started),
        "ended": mail_time(store, ended),
        "runtime": _runtime(started, ended),
        "results": results,
        "resource_uri": f"/MAAS/api/2.0/nodes/{script_set.system_id}/results/{script_set.id}/",
    }


def _script_set(ctx: RequestContext, node: ScriptedNode) -> ScriptSetRecord:
    key = ctx.args["id"]
    node_sets(ctx.store, node)
    table = script_sets(ctx.store)
    if key in _CURRENT:
        set_id = current_set_id(node, _CURRENT[key])
        if set_id is None or set_id in table.deleted:
            raise BadRequest(f"No {key.replace('-', ' ')} script set exists for this node.")
        return table.sets[set_id]
    if key.isdigit():
        found = table.sets.get(int(key))
        if found is None or found.system_id != node.system_id:
            raise NotFound("ScriptSet")
        return found
    raise BadRequest(
        f'Unknown id "{key}" must be current-commissioning, current-testing, '
        "current-installation, or the id number of a specific result."
    )


@routes.route("GET", _RESULTS)
def list_results(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/results/``: the node's script sets, by id.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/results/
    """
    node = node_for_request(ctx)
    result_type = _result_type(ctx.query.get("type"))
    hardware_type_value(ctx.query.get("hardware_type"))
    sets = [
        s for s in node_sets(ctx.store, node) if result_type is None or s.result_type == result_type
    ]
    rendered = [_render_set(ctx, node, s, ctx.query) for s in sets]
    return json_response(rendered)


@routes.route("GET", _RESULT)
def read_result(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/results/{id}/`` (id or ``current-<type>``).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/results/{id}/
    """
    node = node_for_request(ctx)
    return json_response(_render_set(ctx, node, _script_set(ctx, node), ctx.query))


@routes.route("PUT", _RESULT)
def update_result(ctx: RequestContext) -> WireResponse:
    """``PUT nodes/{system_id}/results/{id}/``: set ``suppressed`` on the selected results.

    MAAS API: PUT /MAAS/api/2.0/nodes/{system_id}/results/{id}/
    """
    ctx.require_admin()
    node = node_for_request(ctx)
    script_set = _script_set(ctx, node)
    hardware_type = hardware_type_value(ctx.data.get("hardware_type"))
    if "suppressed" in ctx.data:
        suppressed = string_bool(ctx.data, "suppressed", False)
        for _, result in _selected(script_set, _filters(ctx.data), hardware_type):
            result.suppressed = suppressed
    return json_response(_render_set(ctx, node, script_set, ctx.data))


@routes.route("DELETE", _RESULT)
def delete_result(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/results/{id}/`` (admin): 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/results/{id}/
    """
    ctx.require_admin()
    node = node_for_request(ctx)
    script_set = _script_set(ctx, node)
    table = script_sets(ctx.store)
    del table.sets[script_set.id]
    table.deleted.add(script_set.id)
    record = node_table(ctx.store).get(node.system_id)
    for name in ("commissioning", "testing", "installation"):
        attribute = f"current_{name}_result_id"
        if record is not None and getattr(record, attribute) == script_set.id:
            setattr(record, attribute, None)
    return no_content()


def _files(
    script_set: ScriptSetRecord,
    selected: list[tuple[int, ResultRecord]],
    statuses: dict[int, ScriptStatus],
    output: str,
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for _, result in selected:
        status = statuses[result.id]
        kinds = {
            "combined": [("", result.output)],
            "stdout": [(".out", result.output)],
            "stderr": [(".err", _stderr(result, status))],
            "result": [(".yaml", b"")],
        }
        kinds["all"] = kinds["combined"] + kinds["stdout"] + kinds["stderr"] + kinds["result"]
        for suffix, content in kinds.get(output, []):
            files[result.name + suffix] = content
    return files


@routes.route("GET", _RESULT, op="download")
def download(ctx: RequestContext) -> WireResponse:
    """``op=download``: the outputs as text (``application/binary``) or a ``tar.xz``.

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/results/{id}/?op=download
    """
    node = node_for_request(ctx)
    script_set = _script_set(ctx, node)
    params = ctx.query
    hardware_type = hardware_type_value(params.get("hardware_type"))
    selected = _selected(script_set, _filters(params), hardware_type)
    statuses = result_statuses(node, script_set)
    files = _files(script_set, selected, statuses, params.get("output") or "combined")
    filetype = params.get("filetype") or "txt"
    if filetype == "txt":
        if len(files) == 1:
            body = next(iter(files.values()))
        else:
            parts = []
            for name, content in files.items():
                dashes = "-" * int((80.0 - (2 + len(name))) / 2)
                parts.append(f"{dashes} {name} {dashes}\n".encode() + content + b"\n")
            body = b"".join(parts)
        return bytes_response(body, "application/binary")
    if filetype == "tar.xz":
        root = (
            f"{node.hostname}-{RESULT_TYPE_NAMES[script_set.result_type].lower()}-{script_set.id}"
        )
        buffer = io.BytesIO()
        with tarfile.open(mode="w:xz", fileobj=buffer) as archive:
            for name, content in files.items():
                info = tarfile.TarInfo(f"{root}/{name.rsplit('/', 1)[-1]}")
                info.size, info.mode = len(content), 0o644
                info.mtime = int(script_set.created.timestamp())
                archive.addfile(info, io.BytesIO(content))
        return bytes_response(buffer.getvalue(), "application/x-tar")
    raise BadRequest(f'Unknown filetype "{filetype}" must be txt or tar.xz')


def _legacy_nodes(ctx: RequestContext) -> list[tuple[int, ScriptedNode]]:
    user = ctx.require_user()
    ids = set(ctx.query.getlist("system_id"))
    machines: list[tuple[int, ScriptedNode]] = [
        (m.id, m) for m in visible_machines(machine_table(ctx.store), user)
    ]
    others: list[tuple[int, ScriptedNode]] = [
        (r.id, r) for r in node_table(ctx.store).nodes.values() if listed_for(user, r)
    ]
    chosen = [(i, n) for i, n in machines + others if not ids or n.system_id in ids]
    return sorted(chosen, key=lambda item: item[0])


def legacy_results(ctx: RequestContext) -> WireResponse:
    """``GET commissioning-results/`` and ``installation-results/`` (one handler, two URLs)."""
    names = set(ctx.query.getlist("name")) or None
    raw_type = ctx.query.get("result_type")
    if raw_type is not None and not raw_type.strip().lstrip("-").isdigit():
        raise BadRequest("Invalid result_type: Please enter an integer value")
    result_type = int(raw_type) if raw_type is not None else None
    store = ctx.store
    entries: list[dict[str, Any]] = []
    for _, node in _legacy_nodes(ctx):
        node_sets(store, node)
        for kind in (0, 1, 2):
            set_id = current_set_id(node, kind)
            script_set = script_sets(store).sets.get(set_id) if set_id is not None else None
            if script_set is None or (result_type is not None and kind != result_type):
                continue
            statuses = result_statuses(node, script_set)
            for result in script_set.results:
                status = statuses[result.id]
                if status not in _LEGACY_STATUSES or (names and result.name not in names):
                    continue
                stderr = _stderr(result, status)
                base = {
                    "created": piston_time(store, script_set.created),
                    "updated": piston_time(store, script_set.created),
                    "id": result.id,
                    "name": result.name,
                    "script_result": _exit_status(status),
                    "result_type": kind,
                    "node": {"system_id": node.system_id},
                    "data": _b64(result.output),
                    "resource_uri": "/MAAS/api/2.0/commissioning-scripts/",
                }
                entries.append(base)
                if stderr:
                    entries.append({**base, "name": f"{result.name}.err", "data": _b64(stderr)})
    return json_response(entries)


routes.route("GET", "commissioning-results/")(legacy_results)
routes.route("GET", "installation-results/")(legacy_results)
