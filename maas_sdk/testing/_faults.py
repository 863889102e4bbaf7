"""Fault injection: make the next requests fail the way real networks and regions fail.

Each rule matches requests by method, route (pattern or concrete path) and op -- or every
request when none is given -- and affects the next ``times`` of them (``times=None``: until
removed)::

    fake.faults.status(503, retry_after=10, method="POST", path="machines/{system_id}/",
                       op="deploy")
    fake.faults.drop(after_apply=True, op="release")   # applied, then the connection breaks
    fake.faults.delay(30)                              # 30 virtual seconds pass first
    fake.faults.malformed_json(path="machines/")

Rules are tried in the order added; the first match with requests left applies.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from ._log import path_matches
from ._responses import HTML, TEXT, FakeAPIError

__all__ = ["Fault", "FaultInjector", "FaultRule", "RuleSelector"]

CONFLICT_PAGE = (
    "<!DOCTYPE html>\n<html>\n<head><title>Error: Conflict Error</title></head>\n<body>\n"
    "<h1>Conflict error. Try your request again, as it will most likely succeed.</h1>\n"
    "</body>\n</html>\n"
)
PROXY_PAGE = (
    "<!DOCTYPE html>\n<html>\n<head><title>Welcome</title></head>\n<body>\n"
    "<h1>Please log in to the network</h1>\n</body>\n</html>\n"
)
_STATUS_TEXTS = {
    500: "Internal Server Error",
    502: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    503: "Unable to connect to any rack controller",
    504: "Gateway Timeout",
}


@dataclass(frozen=True)
class Fault:
    """What happens to a matched request.

    Attributes:
        kind: ``status`` (answer ``status`` without applying), ``drop`` (break the connection),
            ``delay`` (let time pass, then serve normally), ``malformed_json``, ``html``,
            ``empty_body`` or ``truncate`` (corrupt a 200 answer).
        status: Status of a ``status`` fault.
        retry_after: ``Retry-After`` seconds to send, if any.
        body: Body of a ``status`` fault (a default that fits the status otherwise).
        content_type: Content type of a ``status`` fault's body.
        seconds: Virtual seconds a ``delay`` fault lets pass.
        real_seconds: Real seconds a ``delay`` fault blocks the answer (loopback timeouts).
        apply: Whether the request is applied before the fault shows: ``drop`` with
            ``apply=True`` is a drop *after* the change; body faults apply by default.
    """

    kind: str
    status: int = 200
    retry_after: float | None = None
    body: str | None = None
    content_type: str = TEXT
    seconds: float = 0.0
    real_seconds: float = 0.0
    apply: bool = False

    def error(self) -> FakeAPIError:
        """Return the answer of a ``status`` fault."""
        headers = {}
        if self.retry_after is not None:
            headers["Retry-After"] = f"{self.retry_after:g}"
        body, content_type = self.body, self.content_type
        if body is None:
            if self.status == 409 and self.retry_after is not None:
                body, content_type = CONFLICT_PAGE, HTML
            elif self.status == 502:
                body, content_type = _STATUS_TEXTS[502], HTML
            else:
                body = _STATUS_TEXTS.get(self.status, "Conflict" if self.status == 409 else "")
        return FakeAPIError(self.status, body, content_type=content_type, headers=headers)


class RuleSelector(TypedDict, total=False):
    """The requests a rule applies to: the keywords every :class:`FaultInjector` method takes.

    Attributes:
        method: HTTP method to match (None, the default: any).
        path: Route pattern, API-relative path or full path to match (None: any).
        op: Op to match (None: any).
        times: How many matching requests to affect (1 by default; None: until removed).
    """

    method: str | None
    path: str | None
    op: str | None
    times: int | None


@dataclass
class FaultRule:
    """A fault and the requests it applies to.

    Attributes:
        fault: What happens.
        method: HTTP method to match (None: any).
        path: Route pattern, API-relative path or full path to match (None: any).
        op: Op to match (None: any).
        remaining: Requests still to affect (None: unlimited).
        hits: Requests affected so far.
    """

    fault: Fault
    method: str | None = None
    path: str | None = None
    op: str | None = None
    remaining: int | None = 1
    hits: int = 0
    _owner: FaultInjector | None = field(default=None, repr=False, compare=False)

    def matches(
        self, method: str, path: str, api_path: str | None, pattern: str | None, op: str | None
    ) -> bool:
        """Return whether this rule selects the request described."""
        return (
            (self.remaining is None or self.remaining > 0)
            and (self.method is None or self.method.upper() == method)
            and (
                self.path is None
                or path_matches(self.path, path=path, api_path=api_path, pattern=pattern)
            )
            and (self.op is None or self.op == op)
        )

    def cancel(self) -> None:
        """Remove this rule."""
        if self._owner is not None:
            self._owner.remove(self)


class FaultInjector:
    """The faults of one fake region (``fake.faults``)."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def inject(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        path: str | None = None,
        op: str | None = None,
        times: int | None = 1,
    ) -> FaultRule:
        """Add a rule applying ``fault`` to the next ``times`` matching requests."""
        rule = FaultRule(fault, method, path, op, times, _owner=self)
        with self._lock:
            self._rules.append(rule)
        return rule

    def status(
        self,
        status: int,
        *,
        retry_after: float | None = None,
        body: str | None = None,
        content_type: str = TEXT,
        **selector: Unpack[RuleSelector],
    ) -> FaultRule:
        """Answer ``status`` (503, 409, 502, 504...) without applying the request.

        A 409 with ``retry_after`` gets MAAS's HTML "Conflict error" page; other statuses get
        a short default body unless ``body`` is given. ``selector``: see :class:`RuleSelector`.
        """
        fault = Fault(
            "status", status=status, retry_after=retry_after, body=body, content_type=content_type
        )
        return self.inject(fault, **selector)

    def drop(self, *, after_apply: bool = False, **selector: Unpack[RuleSelector]) -> FaultRule:
        """Break the connection: before the request is applied, or after (``after_apply``).

        In process the handler raises :class:`~maas_sdk._wire.ConnectionDropped` with
        ``request_sent=after_apply``; over loopback the socket is closed without an answer.
        """
        return self.inject(Fault("drop", apply=after_apply), **selector)

    def delay(
        self, seconds: float, *, real_seconds: float = 0.0, **selector: Unpack[RuleSelector]
    ) -> FaultRule:
        """Let ``seconds`` of virtual time pass (and block ``real_seconds``) before answering."""
        fault = Fault("delay", seconds=seconds, real_seconds=real_seconds, apply=True)
        return self.inject(fault, **selector)

    def malformed_json(self, **selector: Unpack[RuleSelector]) -> FaultRule:
        """Apply the request, then answer 200 ``application/json`` with a body that is not JSON."""
        return self.inject(Fault("malformed_json", apply=True), **selector)

    def truncate(self, **selector: Unpack[RuleSelector]) -> FaultRule:
        """Apply the request, then answer with its body cut in half."""
        return self.inject(Fault("truncate", apply=True), **selector)

    def empty_body(self, **selector: Unpack[RuleSelector]) -> FaultRule:
        """Apply the request, then answer 200 ``application/json`` with an empty body."""
        return self.inject(Fault("empty_body", apply=True), **selector)

    def html(self, **selector: Unpack[RuleSelector]) -> FaultRule:
        """Answer 200 ``text/html`` (a captive portal or proxy page) without applying."""
        return self.inject(Fault("html"), **selector)

    def take(
        self, method: str, path: str, api_path: str | None, pattern: str | None, op: str | None
    ) -> Fault | None:
        """Consume one use of the first rule matching this request, and return its fault."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path, api_path, pattern, op):
                    rule.hits += 1
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule.fault
        return None

    def remove(self, rule: FaultRule) -> None:
        """Remove one rule (no error if already gone)."""
        with self._lock:
            if rule in self._rules:
                self._rules.remove(rule)

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        """The rules, including used-up ones, in the order added."""
        with self._lock:
            return list(self._rules)
