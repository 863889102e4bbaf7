"""Routing over (HTTP method, path pattern, op), the way MAAS's piston handlers dispatch.

Register a handler for one *signature* of a URL::

    from maas_sdk.testing._router import RequestContext, routes

    @routes.route("GET", "zones/{name}/")
    def read_zone(ctx: RequestContext) -> WireResponse: ...

    @routes.route("POST", "machines/{system_id}/", op="deploy")
    def deploy(ctx: RequestContext) -> WireResponse: ...

Patterns are relative to ``/MAAS/api/2.0/`` and must match MAAS's URL exactly, trailing slash
included. Placeholders: ``{name}`` is one path segment; ``{name:int}`` digits only;
``{name:subnet}`` one segment or a CIDR (``10.0.0.0/24``). All values reach the handler as
strings in ``ctx.args``. When two patterns could match one path, the first registered wins.

What the dispatcher does with the signatures of a matched URL (REFERENCE.md §3.1): an HTTP
method no signature uses → 405 with ``Allow``; a known method with an op (or no op) that is not
registered → 400 ``Unrecognised signature: method=<M> op=<op>``. ``op`` comes from the query
string, else the form body (POST/PUT), else the ``…/op-<name>`` path suffix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._forms import FormData, UploadedFile
from ._responses import HTML, AdminOnly, FakeAPIError, Forbidden

if TYPE_CHECKING:
    from maas_sdk._wire import WireResponse

    from ._clock import FakeClock
    from ._models import User
    from ._store import Store

__all__ = ["Handler", "RequestContext", "Resource", "RouteMatch", "Router", "routes"]

_METHOD_ORDER = ("GET", "POST", "PUT", "DELETE")
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
_PLACEHOLDER_PATTERNS = {"str": r"[^/]+", "int": r"\d+", "subnet": r"[^/]+(?:/\d+)?"}


@dataclass
class RequestContext:
    """Everything a handler needs to answer one request.

    Attributes:
        store: The region's state (the dispatcher holds ``store.lock`` while the handler runs).
        method: Upper-case HTTP method.
        path: The request path as sent, percent-decoded (``/MAAS/api/2.0/zones/``).
        pattern: The route pattern that matched (``zones/{name}/``).
        op: The operation, or None for plain CRUD.
        args: Path placeholders by name (always strings).
        query: Query-string parameters (``op`` included).
        data: Body fields of a POST/PUT (empty for GET/DELETE).
        files: Multipart file parts of a POST/PUT by field name.
        user: The authenticated user, or None for an anonymous request.
        body_is_json: The body was sent as ``application/json`` (§3.2: half-supported).
        headers: Request headers (never log ``Authorization``).
    """

    store: Store
    method: str
    path: str
    pattern: str
    op: str | None
    args: dict[str, str]
    query: FormData
    data: FormData
    files: dict[str, list[UploadedFile]] = field(default_factory=dict)
    user: User | None = None
    body_is_json: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def params(self) -> FormData:
        """Where MAAS reads parameters: the query for GET/DELETE, the body for POST/PUT."""
        return self.data if self.method in ("POST", "PUT") else self.query

    @property
    def clock(self) -> FakeClock:
        """The region's virtual clock."""
        return self.store.clock

    @property
    def is_admin(self) -> bool:
        """Whether the caller is an authenticated superuser."""
        return self.user is not None and self.user.is_superuser

    def require_user(self) -> User:
        """Return the caller; only for handlers of authenticated signatures."""
        if self.user is None:
            raise FakeAPIError(401, "Forbidden", content_type="text/plain", hashed=True)
        return self.user

    def require_admin(self) -> User:
        """Return the caller if admin; otherwise raise 403 (``This method is reserved...``)."""
        user = self.require_user()
        if not user.is_superuser:
            raise AdminOnly()
        return user

    def forbid_non_admin(self, text: str = "") -> None:
        """Raise the 403 of a permission check (``text``, empty by default) unless admin."""
        if not self.is_admin:
            raise Forbidden(text)


Handler = Callable[[RequestContext], "WireResponse"]
"""A function answering one signature."""


@dataclass
class Resource:
    """One URL pattern and the signatures registered on it.

    Attributes:
        pattern: The pattern as registered.
        regex: Compiled full-match regex.
        signatures: Authenticated handlers by ``(method, op)``.
        anonymous: Handlers for requests without (complete) OAuth credentials, by
            ``(method, op)``; when empty, such requests get 401 ``Forbidden``.
        public: No authentication at all: credentials are ignored, even invalid ones.
    """

    pattern: str
    regex: re.Pattern[str]
    signatures: dict[tuple[str, str | None], Handler] = field(default_factory=dict)
    anonymous: dict[tuple[str, str | None], Handler] = field(default_factory=dict)
    public: bool = False

    @property
    def ops(self) -> set[str]:
        """Every op exported on this URL, authenticated or anonymous."""
        keys = list(self.signatures) + list(self.anonymous)
        return {op for _, op in keys if op is not None}

    def select(self, method: str, op: str | None, *, anonymous: bool) -> Handler:
        """Return the handler for ``(method, op)``.

        Raises:
            FakeAPIError: 405 (empty ``text/html`` body, ``Allow`` header) when no signature
                uses ``method``; 400 ``Unrecognised signature: method=<M> op=<op>`` otherwise.
        """
        table = self.anonymous if anonymous and not self.public else self.signatures
        methods = {m for m, _ in table}
        if method not in methods:
            allow = ", ".join(m for m in _METHOD_ORDER if m in methods)
            raise FakeAPIError(405, "", content_type=HTML, hashed=True, headers={"Allow": allow})
        handler = table.get((method, op))
        if handler is None:
            raise FakeAPIError(400, f"Unrecognised signature: method={method} op={op}")
        return handler

    def anonymous_allows(self, method: str) -> bool:
        """Whether an anonymous request with ``method`` goes to the anonymous handler."""
        return any(m == method for m, _ in self.anonymous)


@dataclass(frozen=True)
class RouteMatch:
    """A resolved path: the resource, its placeholder values and an op from ``…/op-<name>``."""

    resource: Resource
    args: dict[str, str]
    path_op: str | None = None


class Router:
    """The table of URL patterns and their signatures."""

    def __init__(self) -> None:
        self._resources: list[Resource] = []
        self._by_pattern: dict[str, Resource] = {}
        self._by_first_segment: dict[str, list[Resource]] = {}

    def route(
        self,
        method: str,
        pattern: str,
        op: str | None = None,
        *,
        anonymous: bool = False,
        public: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Register the decorated function as the handler of ``(method, pattern, op)``.

        Args:
            method: ``GET``, ``POST``, ``PUT`` or ``DELETE``.
            pattern: URL pattern relative to ``/MAAS/api/2.0/``.
            op: The operation name, or None for plain CRUD.
            anonymous: Register on the anonymous handler (requests without credentials) instead
                of the authenticated one; register twice for an op both serve.
            public: The URL needs no authentication at all (``version/``).
        """

        def register(handler: Handler) -> Handler:
            resource = self._resource(pattern)
            resource.public = resource.public or public
            table = resource.anonymous if anonymous else resource.signatures
            key = (method.upper(), op)
            if key in table:
                raise ValueError(f"{method} {pattern} op={op} is registered twice")
            table[key] = handler
            return handler

        return register

    def patterns(self) -> list[str]:
        """Return every registered pattern in registration order."""
        return [resource.pattern for resource in self._resources]

    def match(self, api_path: str) -> RouteMatch | None:
        """Resolve a path relative to the API root, or None (404 ``Unknown API endpoint``)."""
        found = self._match_exact(api_path)
        if found is not None:
            return found
        head, sep, op = api_path.rpartition("/op-")
        if not sep or not op or "/" in op:
            return None
        base = self._match_exact(head + "/")
        if base is None or not base.resource.pattern.endswith("/"):
            return None
        if op not in base.resource.ops:
            return None
        return RouteMatch(base.resource, base.args, op)

    def _match_exact(self, api_path: str) -> RouteMatch | None:
        first = api_path.split("/", 1)[0]
        for resource in self._by_first_segment.get(first, ()):
            matched = resource.regex.fullmatch(api_path)
            if matched is not None:
                return RouteMatch(resource, matched.groupdict())
        return None

    def _resource(self, pattern: str) -> Resource:
        resource = self._by_pattern.get(pattern)
        if resource is None:
            resource = Resource(pattern, _compile(pattern))
            self._resources.append(resource)
            self._by_pattern[pattern] = resource
            first = pattern.split("/", 1)[0]
            if "{" in first:
                raise ValueError(f"pattern {pattern!r} must start with a literal segment")
            self._by_first_segment.setdefault(first, []).append(resource)
        return resource


def _compile(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    position = 0
    for placeholder in _PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(pattern[position : placeholder.start()]))
        name, kind = placeholder.group(1), placeholder.group(2) or "str"
        if kind not in _PLACEHOLDER_PATTERNS:
            raise ValueError(f"unknown placeholder type {kind!r} in {pattern!r}")
        parts.append(f"(?P<{name}>{_PLACEHOLDER_PATTERNS[kind]})")
        position = placeholder.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts))


routes = Router()
"""The router every resource module of the fake registers into at import time."""
