"""The request pipeline of the fake region: paths, auth, faults, dispatch, logging.

Order of checks, as on a real region: URL resolution (404 ``Unknown API endpoint``), then
authentication (401/403/anonymous handler), then the body (400 ``Bad Request`` for bad JSON),
then the method (405) and the op (400 ``Unrecognised signature``), then the handler.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from maas_sdk._wire import ConnectionDropped, ReadTimedOut, WireRequest, WireResponse

from ._auth import authenticate, has_oauth_credentials
from ._faults import PROXY_PAGE, Fault, FaultInjector
from ._forms import FormData, ParsedBody, parse_body, parse_query
from ._log import LoggedRequest, RequestLog
from ._models import User
from ._outside import serve_outside_api
from ._render import API_PREFIX as API_ROOT
from ._responses import (
    HTML,
    JSON,
    TEXT,
    TEXT_NO_CHARSET,
    FakeAPIError,
    headers_for,
)
from ._router import RequestContext, RouteMatch, Router
from ._store import Store

__all__ = ["API_ROOT", "Dispatcher"]

_SECRET_FIELDS = frozenset({"password", "power_parameters_power_pass"})


@dataclass
class _Parsed:
    method: str
    path: str
    api_path: str | None
    query: FormData
    body: ParsedBody
    body_error: FakeAPIError | None
    match: RouteMatch | None
    op: str | None


class Dispatcher:
    """Answers :class:`WireRequest` objects for one region.

    Args:
        store: The region's state.
        router: The route table.
        faults: Fault rules to apply.
        log: Where every request is recorded.
        strict: Re-raise unexpected handler exceptions instead of answering 500.
        wall_clock: Real time for OAuth timestamps.
    """

    def __init__(
        self,
        store: Store,
        router: Router,
        faults: FaultInjector,
        log: RequestLog,
        *,
        strict: bool = False,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.router = router
        self.faults = faults
        self.log = log
        self.strict = strict
        self.wall_clock = wall_clock

    def handle(self, request: WireRequest) -> WireResponse:
        """Answer one request (thread-safe).

        Raises:
            ConnectionDropped: When a ``drop`` fault applies.
            ReadTimedOut: When a ``delay`` fault reaches the client's read timeout (in-process;
                the request was served, so the client cannot know its outcome).
        """
        parsed = self._parse(request)
        pattern = parsed.match.resource.pattern if parsed.match else None
        fault = self.faults.take(parsed.method, parsed.path, parsed.api_path, pattern, parsed.op)
        user: list[User | None] = [None]
        try:
            response = self._serve_with_fault(request, parsed, fault, user)
        except (ConnectionDropped, ReadTimedOut):
            self._record(parsed, pattern, user[0], None, fault)
            raise
        self._record(parsed, pattern, user[0], response.status, fault)
        return response

    def _serve_with_fault(
        self, request: WireRequest, parsed: _Parsed, fault: Fault | None, user: list[User | None]
    ) -> WireResponse:
        if fault is None:
            return self._serve(request, parsed, user)
        if fault.kind == "delay":
            self.store.clock.advance(fault.seconds)
            if fault.real_seconds > 0:
                time.sleep(fault.real_seconds)
            response = self._serve(request, parsed, user)
            if request.read_timeout is not None and fault.seconds >= request.read_timeout:
                raise ReadTimedOut
            return response
        if not fault.apply:
            if fault.kind == "drop":
                raise ConnectionDropped(request_sent=False)
            if fault.kind == "html":
                return WireResponse(200, {"Content-Type": HTML}, PROXY_PAGE.encode())
            return fault.error().to_response()
        response = self._serve(request, parsed, user)
        return _corrupt(response, fault)

    def _parse(self, request: WireRequest) -> _Parsed:
        method = request.method.upper()
        parts = urlsplit(request.url)
        path = unquote(parts.path)
        query = parse_query(parts.query)
        body, body_error = ParsedBody(FormData(), {}), None
        if method in ("POST", "PUT"):
            try:
                body = parse_body(_header(request, "Content-Type"), request.body)
            except FakeAPIError as error:
                body_error = error
        api_path = path[len(API_ROOT) :].lstrip("/") if path.startswith(API_ROOT) else None
        match = self.router.match(api_path) if api_path is not None else None
        op = query.get("op") or None
        if op is None and method in ("POST", "PUT") and not body.is_json:
            op = body.data.get("op") or None
        if op is None and match is not None:
            op = match.path_op
        return _Parsed(method, path, api_path, query, body, body_error, match, op)

    def _serve(
        self, request: WireRequest, parsed: _Parsed, user: list[User | None]
    ) -> WireResponse:
        with self.store.lock:
            self.store.clock.run_due()
            if parsed.api_path is None:
                return serve_outside_api(self.store, parsed.method, parsed.path, parsed.body.data)
            try:
                response = self._dispatch(request, parsed, user)
            except FakeAPIError as error:
                response = error.to_response()
            response.headers.setdefault("X-Frame-Options", "DENY")
            return response

    def _dispatch(
        self, request: WireRequest, parsed: _Parsed, user_slot: list[User | None]
    ) -> WireResponse:
        match = parsed.match
        if match is None:
            message = f"Unknown API endpoint: {parsed.path}."
            return WireResponse(404, {"Content-Type": TEXT}, message.encode())
        resource = match.resource
        header = _header(request, "Authorization")
        user: User | None = None
        if not resource.public:
            if has_oauth_credentials(header):
                assert header is not None
                user = authenticate(
                    self.store,
                    header,
                    method=parsed.method,
                    url=request.url,
                    form=parsed.body.data,
                    wall_clock=self.wall_clock,
                )
                user_slot[0] = user
            elif all(f"oauth_{name}" in parsed.query for name in ("consumer_key", "token")):
                raise FakeAPIError(500, "dictionary changed size during iteration")
            elif not resource.anonymous_allows(parsed.method):
                raise FakeAPIError(401, "Forbidden", content_type=TEXT_NO_CHARSET, hashed=True)
        if parsed.body_error is not None:
            raise parsed.body_error
        handler = resource.select(parsed.method, parsed.op, anonymous=user is None)
        ctx = RequestContext(
            store=self.store,
            method=parsed.method,
            path=parsed.path,
            pattern=resource.pattern,
            op=parsed.op,
            args={name: value for name, value in match.args.items() if value is not None},
            query=parsed.query,
            data=parsed.body.data,
            files=parsed.body.files,
            user=user,
            body_is_json=parsed.body.is_json,
            headers=request.headers,
        )
        try:
            response = handler(ctx)
        except FakeAPIError:
            raise
        except Exception as error:
            if self.strict:
                raise
            traceback.print_exc()
            raise FakeAPIError(500, str(error)) from error
        return _apply_output_format(response, parsed.query)

    def _record(
        self,
        parsed: _Parsed,
        pattern: str | None,
        user: User | None,
        status: int | None,
        fault: Fault | None,
    ) -> None:
        query = tuple((k, v) for k, v in parsed.query.items() if not k.startswith("oauth_"))
        form = tuple(
            (k, "********" if k in _SECRET_FIELDS else v)
            for k, v in parsed.body.data.items()
            if not k.startswith("oauth_")
        )
        self.log.append(
            LoggedRequest(
                method=parsed.method,
                path=parsed.path,
                api_path=parsed.api_path,
                pattern=pattern,
                op=parsed.op,
                query=query,
                form=form,
                files=tuple(parsed.body.files),
                user=user.username if user else None,
                status=status,
                fault=fault.kind if fault else None,
                time=self.store.clock.monotonic(),
            )
        )


def _header(request: WireRequest, name: str) -> str | None:
    lowered = name.lower()
    for key, value in request.headers.items():
        if key.lower() == lowered:
            return value
    return None


def _apply_output_format(response: WireResponse, query: FormData) -> WireResponse:
    emitter = query.get("format")
    if emitter is not None and emitter != "json":
        message = f"Invalid output format specified '{emitter}'."
        return WireResponse(400, headers_for(TEXT_NO_CHARSET, hashed=True), message.encode("utf-8"))
    callback = query.get("callback")
    if callback and response.headers.get("Content-Type") == JSON:
        response.body = callback.encode("utf-8") + b"(" + response.body + b")"
    return response


def _corrupt(response: WireResponse, fault: Fault) -> WireResponse:
    if fault.kind == "drop":
        raise ConnectionDropped(request_sent=True)
    headers = dict(response.headers)
    if fault.kind == "truncate":
        return WireResponse(response.status, headers, response.body[: len(response.body) // 2])
    headers["Content-Type"] = JSON
    if fault.kind == "empty_body":
        return WireResponse(200, headers, b"")
    return WireResponse(200, headers, b'{"system_id": "abc123", "hostname": ')
