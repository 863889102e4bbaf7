"""Paths of the region outside ``/MAAS/api/2.0/``: redirects, old API, version, login exchange.

``POST /MAAS/accounts/authenticate/`` (``username``, ``password``, optional ``consumer``)
exchanges a password for API credentials like MAAS's ``authenticate`` view: the user's first
key (or the first one whose consumer is named ``consumer``, created if missing) as compact JSON
``{"consumer_key", "name", "token_key", "token_secret"}``; 403 with an empty body for a wrong
password or an inactive user; 405 for any other method.
"""

from __future__ import annotations

import json

from maas_sdk._wire import WireResponse

from ._events import record_event
from ._forms import FormData
from ._responses import HTML, TEXT_NO_CHARSET
from ._store import Store

__all__ = ["serve_outside_api"]

_REDIRECT_TO_SLASH = frozenset({"/MAAS/api", "/MAAS/api/version", "/MAAS/api/2.0"})
_LOGIN_REDIRECTS = {
    "/MAAS/api/": "/MAAS/?next=%2FMAAS%2Fapi%2F",
    "/MAAS/api/docs/": "/MAAS/?next=%2FMAAS%2Fapi%2Fdocs%2F",
}


def serve_outside_api(store: Store, method: str, path: str, data: FormData) -> WireResponse:
    """Answer a request whose path is not under ``/MAAS/api/2.0/``."""
    if path in _REDIRECT_TO_SLASH:
        return WireResponse(301, {"Content-Type": HTML, "Location": path + "/"})
    if path in _LOGIN_REDIRECTS:
        return WireResponse(302, {"Content-Type": HTML, "Location": _LOGIN_REDIRECTS[path]})
    if path == "/MAAS/api/version/":
        return WireResponse(200, {"Content-Type": TEXT_NO_CHARSET}, b"2.0")
    if path.startswith("/MAAS/api/1.0/") or path == "/MAAS/api/1.0":
        text = b"The 1.0 API is no longer available. Please use API version 2.0."
        return WireResponse(410, {"Content-Type": TEXT_NO_CHARSET}, text)
    if path == "/MAAS/accounts/authenticate/":
        return _authenticate(store, method, data)
    return WireResponse(404, {"Content-Type": HTML}, b"<h1>Not Found</h1>")


def _authenticate(store: Store, method: str, data: FormData) -> WireResponse:
    if method != "POST":
        return WireResponse(405, {"Content-Type": HTML, "Allow": "POST"})
    user = store.users.get(data.get("username") or "")
    password = data.get("password")
    if (
        user is None
        or user.password is None
        or password != user.password
        or not user.is_active
        or user.is_system
    ):
        return WireResponse(403, {"Content-Type": HTML})
    consumer = data.get("consumer")
    tokens = store.user_tokens(user.username)
    if consumer is not None:
        tokens = [token for token in tokens if token.name == consumer]
    if tokens:
        token, description = tokens[0], "Retrieved API (OAuth) token."
    else:
        token = store.create_token(user.username, consumer or "MAAS consumer")
        description = "Created API (OAuth) token."
    record_event(
        store, "Authorisation", description=description, level="AUDIT", username=user.username
    )
    body = {
        "consumer_key": token.consumer_key,
        "name": token.name,
        "token_key": token.token_key,
        "token_secret": token.secret,
    }
    return WireResponse(200, {"Content-Type": "application/json"}, json.dumps(body).encode())
