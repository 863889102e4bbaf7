"""A plain ``requests`` + ``requests_oauthlib`` client for pinning the fake's literal answers.

It deliberately bypasses maas_sdk's transport: the tests that use it check what any MAAS client
would see on the wire from ``FakeMAAS().serve()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from requests_oauthlib import OAuth1

from maas_sdk.testing import FakeMAAS

J = "application/json; charset=utf-8"
J_NO_CHARSET = "application/json"
T = "text/plain; charset=utf-8"
T_NO_CHARSET = "text/plain"
H = "text/html; charset=utf-8"
HASH = "X-MAAS-API-Hash"


def oauth(api_key: str, *, secret: str | None = None) -> OAuth1:
    """Return PLAINTEXT OAuth for an API key (optionally with another token secret)."""
    consumer, token, token_secret = api_key.split(":")
    return OAuth1(
        consumer,
        "",
        token,
        token_secret if secret is None else secret,
        signature_method="PLAINTEXT",
    )


class Api:
    """Requests against one loopback server; paths are relative to ``/MAAS/api/2.0/``."""

    def __init__(self, session: requests.Session, base_url: str, api_key: str) -> None:
        self.session = session
        self.base_url = base_url
        self.root = base_url + "api/2.0/"
        self.api_key = api_key
        self.auth: OAuth1 | None = oauth(api_key)

    def url(self, path: str) -> str:
        """Absolute URL: ``/MAAS/...`` paths are taken as is, others are API-relative."""
        if path.startswith("/"):
            return self.base_url.removesuffix("/MAAS/") + path
        return self.root + path

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send a request, signed as the default user unless ``auth=`` is given."""
        kwargs.setdefault("auth", self.auth)
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.url(path), **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def as_user(self, api_key: str) -> OAuth1:
        """Return the auth of another user's key (pass as ``auth=``)."""
        return oauth(api_key)


@contextmanager
def loopback(fake: FakeMAAS) -> Iterator[Api]:
    """Serve ``fake`` on loopback and yield an :class:`Api` signed as its admin."""
    with fake.serve() as server, requests.Session() as session:
        yield Api(session, server.url, server.api_key)


def answer(response: requests.Response) -> tuple[int, str | None, str]:
    """Return ``(status, content type, body text)`` of a response."""
    return response.status_code, response.headers.get("Content-Type"), response.text


def hashed(response: requests.Response) -> bool:
    """Whether the answer carries ``X-MAAS-API-Hash``."""
    return HASH in response.headers
