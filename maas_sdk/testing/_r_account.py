"""The caller's account: API tokens (``account/``) and SSH keys (§12.2, §12.3)."""

from __future__ import annotations

import base64
import binascii

from maas_sdk._wire import WireResponse

from ._forms import require_param
from ._models import SSHKey, Token
from ._render import render_sshkey
from ._responses import (
    TEXT_NO_CHARSET,
    BadRequest,
    FakeAPIError,
    FieldErrors,
    NotFound,
    accepted,
    get_or_404,
    json_response,
    no_content,
)
from ._router import RequestContext, routes
from ._store import Store

_KEY_TYPES = frozenset(
    {
        "ssh-rsa",
        "ssh-dss",
        "ssh-ed25519",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)
_INVALID_KEY = "Invalid SSH public key: Key could not be converted to RFC4716 form."


def ssh_key_sources(store: Store) -> dict[str, list[str]]:
    """Return the keys ``sshkeys/?op=import`` serves, by ``lp:<user>``/``gh:<user>``."""
    sources: dict[str, list[str]] = store.state("ssh_key_sources", dict)
    return sources


def _own_token(ctx: RequestContext, key: str) -> Token:
    token_key = key.split(":")[1] if key.count(":") == 2 else key
    token = ctx.store.tokens.get(token_key)
    if token is None or token.username != ctx.require_user().username:
        raise NotFound("Token")
    return token


@routes.route("GET", "account/", op="list_authorisation_tokens")
def list_tokens(ctx: RequestContext) -> WireResponse:
    """List the caller's API keys as ``[{"name", "token"}]``.

    MAAS API: GET /MAAS/api/2.0/account/?op=list_authorisation_tokens
    """
    tokens = ctx.store.user_tokens(ctx.require_user().username)
    return json_response([{"name": token.name, "token": token.api_key} for token in tokens])


@routes.route("POST", "account/", op="create_authorisation_token")
def create_token(ctx: RequestContext) -> WireResponse:
    """Create an API key (compact JSON answer).

    MAAS API: POST /MAAS/api/2.0/account/?op=create_authorisation_token
    """
    name = ctx.data.get("name") or "MAAS consumer"
    token = ctx.store.create_token(ctx.require_user().username, name)
    body = {
        "token_key": token.token_key,
        "token_secret": token.secret,
        "consumer_key": token.consumer_key,
        "name": token.name,
    }
    return json_response(body, compact=True)


@routes.route("POST", "account/", op="delete_authorisation_token")
def delete_token(ctx: RequestContext) -> WireResponse:
    """Delete one of the caller's API keys (its consumer goes with it).

    MAAS API: POST /MAAS/api/2.0/account/?op=delete_authorisation_token
    """
    token = _own_token(ctx, require_param(ctx.data, "token_key"))
    del ctx.store.tokens[token.token_key]
    return no_content()


@routes.route("POST", "account/", op="update_token_name")
def update_token_name(ctx: RequestContext) -> WireResponse:
    """Rename an API key (``token`` = token key or full key); answers 202 ``Accepted``.

    MAAS API: POST /MAAS/api/2.0/account/?op=update_token_name
    """
    key = require_param(ctx.data, "token")
    name = require_param(ctx.data, "name")
    _own_token(ctx, key).name = name
    return accepted()


def _valid_public_key(text: str) -> bool:
    parts = text.split()
    if len(parts) < 2 or parts[0] not in _KEY_TYPES:
        return False
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return False
    length = int.from_bytes(blob[:4], "big")
    return blob[4 : 4 + length] == parts[0].encode()


@routes.route("GET", "account/prefs/sshkeys/")
def list_sshkeys(ctx: RequestContext) -> WireResponse:
    """List the caller's SSH keys.

    MAAS API: GET /MAAS/api/2.0/account/prefs/sshkeys/
    """
    username = ctx.require_user().username
    keys = [key for key in ctx.store.sshkeys.values() if key.username == username]
    return json_response([render_sshkey(key) for key in keys])


@routes.route("POST", "account/prefs/sshkeys/")
def create_sshkey(ctx: RequestContext) -> WireResponse:
    """Add an SSH key (admins may pass ``user``); answers 201 without ``resource_uri``.

    MAAS API: POST /MAAS/api/2.0/account/prefs/sshkeys/
    """
    owner = ctx.require_user().username
    requested_owner = ctx.data.get("user")
    if requested_owner and ctx.is_admin:
        if requested_owner not in ctx.store.users:
            raise NotFound("User")
        owner = requested_owner
    text = (ctx.data.get("key") or "").strip()
    if not text:
        raise FieldErrors({"key": "This field is required."})
    if not _valid_public_key(text):
        raise FieldErrors({"key": _INVALID_KEY})
    key = _add_key(ctx, owner, text, "")
    body = {"key": key.key, "keysource": None, "id": key.id}
    return json_response(body, status=201)


def _add_key(ctx: RequestContext, owner: str, text: str, keysource: str) -> SSHKey:
    if any(k.username == owner and k.key == text for k in ctx.store.sshkeys.values()):
        raise FieldErrors({"__all__": "This key has already been added for this user."})
    key = SSHKey(ctx.store.next_id("sshkey"), owner, text, keysource)
    ctx.store.sshkeys[key.id] = key
    return key


@routes.route("POST", "account/prefs/sshkeys/", op="import")
def import_sshkeys(ctx: RequestContext) -> WireResponse:
    """Import keys from ``lp:<user>``/``gh:<user>`` (served from ``fake.ssh_key_sources``).

    MAAS API: POST /MAAS/api/2.0/account/prefs/sshkeys/?op=import
    """
    owner = ctx.require_user().username
    source = ctx.data.get("keysource") or ""
    if not source:
        raise BadRequest(
            "Importing SSH keys failed. Input needs to be in protocol:auth_id or auth_id format."
        )
    protocol, _, auth_id = source.rpartition(":")
    protocol = protocol or "lp"
    if protocol not in ("lp", "gh"):
        raise FieldErrors({"protocol": f"Value {protocol!r} is not a valid choice."}, charset=False)
    keysource = f"{protocol}:{auth_id}"
    texts = ssh_key_sources(ctx.store).get(keysource, [])
    if not texts:
        site = "launchpad" if protocol == "lp" else "github"
        raise FakeAPIError(
            400, f"Unable to import SSH keys. There are no SSH keys for {site} user {auth_id}."
        )
    imported = []
    for text in texts:
        existing = next(
            (k for k in ctx.store.sshkeys.values() if k.username == owner and k.key == text),
            None,
        )
        imported.append(existing or _add_key(ctx, owner, text, keysource))
    return json_response([render_sshkey(key) for key in imported])


def _sshkey(ctx: RequestContext) -> SSHKey:
    return get_or_404(ctx.store.sshkeys, ctx.args["id"], "SSHKey")


@routes.route("GET", "account/prefs/sshkeys/{id}/")
def read_sshkey(ctx: RequestContext) -> WireResponse:
    """Read an SSH key by id (any user's, as MAAS allows).

    MAAS API: GET /MAAS/api/2.0/account/prefs/sshkeys/{id}/
    """
    return json_response(render_sshkey(_sshkey(ctx)))


@routes.route("DELETE", "account/prefs/sshkeys/{id}/")
def delete_sshkey(ctx: RequestContext) -> WireResponse:
    """Delete one of the caller's SSH keys.

    MAAS API: DELETE /MAAS/api/2.0/account/prefs/sshkeys/{id}/
    """
    key = _sshkey(ctx)
    if key.username != ctx.require_user().username:
        raise FakeAPIError(
            403, "Can't delete a key you don't own.", content_type=TEXT_NO_CHARSET, hashed=True
        )
    del ctx.store.sshkeys[key.id]
    return no_content()
