"""The per-user file store: ``files/`` and ``files/{filename}/`` (REFERENCE.md §19).

Files belong to the user who uploaded them; ``op=get_by_key`` serves any file by its key, also
to anonymous callers. Downloads are the raw bytes, labelled ``text/html`` as Django's default.
The fake's ``{filename}`` is one path segment (MAAS accepts slashes in it).
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from maas_sdk._wire import WireResponse

from ._forms import require_param
from ._render import API_PREFIX
from ._responses import (
    HTML,
    BadRequest,
    FakeAPIError,
    NotFound,
    bytes_response,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._store import Store


@dataclass
class StoredFileRecord:
    """A stored file."""

    filename: str
    owner: str
    content: bytes
    key: str


def _files(store: Store) -> dict[tuple[str, str], StoredFileRecord]:
    return store.state("files", dict)


def _render(record: StoredFileRecord) -> dict[str, Any]:
    query = urlencode({"op": "get_by_key", "key": record.key})
    return {
        "filename": record.filename,
        "anon_resource_uri": f"{API_PREFIX}files/?{query}",
        "resource_uri": f"{API_PREFIX}files/{record.filename}/",
    }


def _raw(content: bytes, status: int = 200) -> WireResponse:
    return bytes_response(content, HTML, status=status)


def _owned(ctx: RequestContext, filename: str) -> StoredFileRecord | None:
    return _files(ctx.store).get((ctx.require_user().username, filename))


@routes.route("GET", "files/")
def list_files(ctx: RequestContext) -> WireResponse:
    """List the caller's files by name (no content).

    MAAS API: GET /MAAS/api/2.0/files/
    """
    username = ctx.require_user().username
    prefix = ctx.query.get("prefix") or ""
    records = [
        r
        for (owner, name), r in _files(ctx.store).items()
        if owner == username and name.startswith(prefix)
    ]
    return json_response([_render(r) for r in sorted(records, key=lambda r: r.filename)])


@routes.route("POST", "files/")
def add_file(ctx: RequestContext) -> WireResponse:
    """Store a file (multipart ``file``) under ``filename``; answers 201 with an empty body.

    MAAS API: POST /MAAS/api/2.0/files/
    """
    username = ctx.require_user().username
    filename = ctx.data.get("filename")
    if not filename:
        raise BadRequest("Filename not supplied")
    if not ctx.files:
        raise BadRequest("File not supplied")
    if sum(len(parts) for parts in ctx.files.values()) != 1:
        raise BadRequest("Exactly one file must be supplied")
    if "file" not in ctx.files:
        raise FakeAPIError(500, "'file'")
    content = ctx.files["file"][0].content
    files = _files(ctx.store)
    existing = files.get((username, filename))
    if existing is not None:
        existing.content = content
    else:
        key = str(uuid.UUID(int=ctx.store.random.getrandbits(128), version=4))
        files[(username, filename)] = StoredFileRecord(filename, username, content, key)
    return _raw(b"", status=201)


@routes.route("GET", "files/", op="get")
def get_file(ctx: RequestContext) -> WireResponse:
    """Download one of the caller's files.

    MAAS API: GET /MAAS/api/2.0/files/?op=get
    """
    record = _owned(ctx, require_param(ctx.query, "filename"))
    if record is None:
        raise FakeAPIError(404, "File not found")
    return _raw(record.content)


@routes.route("GET", "files/", op="get_by_key")
@routes.route("GET", "files/", op="get_by_key", anonymous=True)
def get_file_by_key(ctx: RequestContext) -> WireResponse:
    """Download any file by its key (also anonymously).

    MAAS API: GET /MAAS/api/2.0/files/?op=get_by_key
    """
    key = require_param(ctx.query, "key")
    record = next((r for r in _files(ctx.store).values() if r.key == key), None)
    if record is None:
        raise NotFound("FileStorage")
    return _raw(record.content)


@routes.route("DELETE", "files/")
def delete_file_by_query(ctx: RequestContext) -> WireResponse:
    """Delete one of the caller's files named in the query.

    MAAS API: DELETE /MAAS/api/2.0/files/
    """
    filename = require_param(ctx.query, "filename")
    record = _owned(ctx, filename)
    if record is None:
        raise NotFound("FileStorage")
    del _files(ctx.store)[(record.owner, record.filename)]
    return no_content()


@routes.route("GET", "files/{filename}/")
def read_file(ctx: RequestContext) -> WireResponse:
    """Read one of the caller's files, content base64-encoded.

    MAAS API: GET /MAAS/api/2.0/files/{filename}/
    """
    record = _owned(ctx, ctx.args["filename"])
    if record is None:
        answer = _raw(b"Not Found", status=404)
        answer.headers["Workaround"] = "bug1123986"
        return answer
    body = _render(record)
    body["content"] = base64.b64encode(record.content).decode("ascii")
    return json_response(body)


@routes.route("DELETE", "files/{filename}/")
def delete_file(ctx: RequestContext) -> WireResponse:
    """Delete one of the caller's files.

    MAAS API: DELETE /MAAS/api/2.0/files/{filename}/
    """
    record = _owned(ctx, ctx.args["filename"])
    if record is None:
        raise NotFound("FileStorage")
    del _files(ctx.store)[(record.owner, record.filename)]
    return no_content()
