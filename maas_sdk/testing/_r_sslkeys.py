"""SSL keys: ``account/prefs/sslkeys/`` and ``account/prefs/sslkeys/{id}/`` (§12.3).

An SSL key is a PEM certificate of the caller. Each user sees only their own keys: reading or
deleting another user's key is a 403 the handler builds itself (with the hash header).
The create answer (201) has no ``resource_uri``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from maas_sdk._wire import WireResponse

from ._render import API_PREFIX
from ._responses import (
    HTML,
    TEXT,
    FakeAPIError,
    FieldErrors,
    get_or_404,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

_PEM = re.compile(
    r"-----BEGIN CERTIFICATE-----\s*(?P<body>[A-Za-z0-9+/=\s]+?)\s*-----END CERTIFICATE-----"
)
_DER_SEQUENCE = 0x30


@dataclass
class SSLKey:
    """A user's PEM certificate."""

    id: int
    username: str
    key: str


def ssl_keys(store: Store) -> dict[int, SSLKey]:
    """Return the region's SSL keys by id."""
    keys: dict[int, SSLKey] = store.state("sslkeys", dict)
    return keys


def is_pem_certificate(text: str) -> bool:
    """Return whether ``text`` holds a PEM certificate whose body is a DER sequence."""
    match = _PEM.search(text)
    if match is None:
        return False
    try:
        der = base64.b64decode("".join(match.group("body").split()), validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(der) > 2 and der[0] == _DER_SEQUENCE


def _render(key: SSLKey, *, with_uri: bool = True) -> dict[str, object]:
    body: dict[str, object] = {"key": key.key, "id": key.id}
    if with_uri:
        body["resource_uri"] = f"{API_PREFIX}account/prefs/sslkeys/{key.id}/"
    return body


def _key(ctx: RequestContext) -> SSLKey:
    return get_or_404(ssl_keys(ctx.store), ctx.args["id"], "SSLKey")


@routes.route("GET", "account/prefs/sslkeys/")
def list_sslkeys(ctx: RequestContext) -> WireResponse:
    """List the caller's SSL keys by id.

    MAAS API: GET /MAAS/api/2.0/account/prefs/sslkeys/
    """
    username = ctx.require_user().username
    keys = sorted((k for k in ssl_keys(ctx.store).values() if k.username == username), key=_id)
    return json_response([_render(key) for key in keys])


def _id(key: SSLKey) -> int:
    return key.id


@routes.route("POST", "account/prefs/sslkeys/")
def create_sslkey(ctx: RequestContext) -> WireResponse:
    """Add a PEM certificate for the caller; answers 201 ``{"id", "key"}``.

    MAAS API: POST /MAAS/api/2.0/account/prefs/sslkeys/
    """
    username = ctx.require_user().username
    text = ctx.data.get("key") or ""
    if not text:
        raise FieldErrors({"key": REQUIRED})
    if not is_pem_certificate(text):
        raise FieldErrors({"key": "Invalid SSL key."})
    keys = ssl_keys(ctx.store)
    if any(k.username == username and k.key == text for k in keys.values()):
        raise FieldErrors({"key": "This key has already been added for this user."})
    key = SSLKey(ctx.store.next_id("sslkey"), username, text)
    keys[key.id] = key
    return json_response(_render(key, with_uri=False), status=201)


@routes.route("GET", "account/prefs/sslkeys/{id}/")
def read_sslkey(ctx: RequestContext) -> WireResponse:
    """Read one of the caller's SSL keys.

    MAAS API: GET /MAAS/api/2.0/account/prefs/sslkeys/{id}/
    """
    key = _key(ctx)
    if key.username != ctx.require_user().username:
        raise FakeAPIError(403, "Can't get a key you don't own.", content_type=HTML, hashed=True)
    return json_response(_render(key))


@routes.route("DELETE", "account/prefs/sslkeys/{id}/")
def delete_sslkey(ctx: RequestContext) -> WireResponse:
    """Delete one of the caller's SSL keys.

    MAAS API: DELETE /MAAS/api/2.0/account/prefs/sslkeys/{id}/
    """
    key = _key(ctx)
    if key.username != ctx.require_user().username:
        raise FakeAPIError(403, "Can't delete a key you don't own.", content_type=TEXT, hashed=True)
    del ssl_keys(ctx.store)[key.id]
    return no_content()
