"""Responses the fake MAAS sends, byte for byte like a real region (REFERENCE.md §4, §5, §22).

Handlers return a :class:`~maas_sdk._wire.WireResponse` built with the helpers here, or raise one
of the exceptions below; the dispatcher turns an exception into its response.

Content types (the letters of REFERENCE.md §22):

* ``J`` :data:`JSON` ``application/json; charset=utf-8`` -- handler objects, pretty-printed.
* ``j`` :data:`JSON_NO_CHARSET` -- a few compact answers (``get_config``) and some 400s.
* ``T`` :data:`TEXT` ``text/plain; charset=utf-8`` -- middleware errors (most 4xx/5xx).
* ``t`` :data:`TEXT_NO_CHARSET` -- piston's own answers (404 "No X matches", 204, 401 Forbidden).
* ``H`` :data:`HTML` -- OAuth failures, 405, the 409 conflict page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from maas_sdk._wire import WireResponse

__all__ = [
    "API_HASH",
    "HTML",
    "JSON",
    "JSON_NO_CHARSET",
    "NOT_ALLOWED",
    "TEXT",
    "TEXT_NO_CHARSET",
    "AdminOnly",
    "BadRequest",
    "Conflict",
    "FakeAPIError",
    "FieldErrors",
    "Forbidden",
    "NotFound",
    "accepted",
    "bytes_response",
    "get_or_404",
    "indent_list",
    "json_list_response",
    "json_response",
    "no_content",
    "null_response",
    "pretty_json",
    "rendered_list_response",
    "text_response",
]

T = TypeVar("T")

JSON = "application/json; charset=utf-8"
JSON_NO_CHARSET = "application/json"
TEXT = "text/plain; charset=utf-8"
TEXT_NO_CHARSET = "text/plain"
HTML = "text/html; charset=utf-8"

NOT_ALLOWED = "User is not allowed access to this API."
"""The 403 text of the admin-only resources without an ``AdminOnly`` decorator."""

API_HASH = "4b1fd2c8e0a9d6f3b7c5a1e2d4f6a8b0c2e4f6a8"
"""The ``X-MAAS-API-Hash`` of the fake's API description (40 hex digits, stable)."""

_HASHED_HEADERS = {"X-MAAS-API-Hash": API_HASH, "Vary": "Authorization, Cookie"}
_UNHASHED_HEADERS = {"Vary": "Cookie"}


def headers_for(content_type: str, *, hashed: bool) -> dict[str, str]:
    """Return the headers of an answer: its content type plus the hash/Vary headers.

    Args:
        content_type: The ``Content-Type`` value.
        hashed: ``True`` for answers a handler produced (they carry ``X-MAAS-API-Hash``),
            ``False`` for errors raised through the middleware.
    """
    headers = {"Content-Type": content_type}
    headers.update(_HASHED_HEADERS if hashed else _UNHASHED_HEADERS)
    return headers


def pretty_json(data: Any) -> str:
    """Render ``data`` the way piston does: 4-space indent, raw UTF-8, keys in given order.

    Args:
        data: A JSON-serialisable value.
    """
    return json.dumps(data, indent=4, ensure_ascii=False)


def json_response(
    data: Any, *, status: int = 200, compact: bool = False, charset: bool = True
) -> WireResponse:
    """Return a handler's JSON answer (``J`` unless told otherwise, with the hash header).

    Args:
        data: The value to render.
        status: HTTP status (200 for reads, updates, ops and creates alike).
        compact: One-line JSON (``version/``, ``create_authorisation_token``, ``get_config``).
        charset: ``False`` for ``application/json`` without charset (``get_config``).
    """
    text = json.dumps(data, ensure_ascii=False) if compact else pretty_json(data)
    return bytes_response(text.encode("utf-8"), JSON if charset else JSON_NO_CHARSET, status=status)


def bytes_response(body: bytes, content_type: str = JSON, *, status: int = 200) -> WireResponse:
    """Return a handler's answer whose body is already encoded (with the hash header).

    Args:
        body: The raw body (pretty JSON bytes, BSON, a file...).
        content_type: Its ``Content-Type`` (:data:`JSON` by default).
        status: HTTP status.
    """
    return WireResponse(status, headers_for(content_type, hashed=True), body)


def indent_list(items: Sequence[bytes]) -> bytes:
    """Join pretty-printed items into the pretty-printed JSON array MAAS would send.

    The output is byte-identical to ``pretty_json([item, ...])`` encoded in UTF-8.
    """
    if not items:
        return b"[]"
    body = b",\n".join(b"    " + item.replace(b"\n", b"\n    ") for item in items)
    return b"[\n" + body + b"\n]"


def rendered_list_response(items: Sequence[bytes]) -> WireResponse:
    """Return ``200`` with a JSON array of objects already rendered as pretty JSON bytes."""
    return bytes_response(indent_list(items))


def json_list_response(fragments: Iterable[str], *, status: int = 200) -> WireResponse:
    """Return a JSON array assembled from items already rendered with :func:`pretty_json`.

    The output is byte-identical to ``pretty_json([item, ...])``. It lets a resource cache the
    pretty JSON of each object and list thousands of them without re-encoding.

    Args:
        fragments: ``pretty_json(item)`` for each item, in order.
        status: HTTP status.
    """
    items = [fragment.encode("utf-8") for fragment in fragments]
    return bytes_response(indent_list(items), status=status)


def text_response(
    text: str, *, status: int = 200, content_type: str = TEXT, hashed: bool = True
) -> WireResponse:
    """Return a plain-text answer.

    Args:
        text: The body.
        status: HTTP status.
        content_type: :data:`TEXT` (``T``) or :data:`TEXT_NO_CHARSET` (``t``), etc.
        hashed: Whether the answer carries ``X-MAAS-API-Hash``.
    """
    return WireResponse(status, headers_for(content_type, hashed=hashed), text.encode("utf-8"))


def null_response() -> WireResponse:
    """Return the ``200 null`` answer of ops that return nothing (``set_zone``, ``set_serial``)."""
    return bytes_response(b"null")


def no_content() -> WireResponse:
    """Return the ``204`` answer of a delete: empty body, ``text/plain`` without charset."""
    return bytes_response(b"", TEXT_NO_CHARSET, status=204)


def accepted() -> WireResponse:
    """Return ``202 Accepted`` as ``account/?op=update_token_name`` answers it."""
    return text_response("Accepted", status=202, content_type=TEXT_NO_CHARSET)


class FakeAPIError(Exception):
    """An error answer a handler raises; the dispatcher turns it into a response.

    The defaults are those of a middleware error: ``text/plain; charset=utf-8`` without the
    hash header.

    Attributes:
        status: HTTP status.
        body: Raw body.
        content_type: ``Content-Type`` of the answer.
        hashed: Whether the answer carries ``X-MAAS-API-Hash``.
        extra_headers: More headers (``Retry-After``, ``WWW-Authenticate``, ``Allow``).
    """

    def __init__(
        self,
        status: int,
        text: str | bytes = "",
        *,
        content_type: str = TEXT,
        hashed: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.body = text.encode("utf-8") if isinstance(text, str) else text
        self.content_type = content_type
        self.hashed = hashed
        self.extra_headers = dict(headers or {})
        super().__init__(f"{status}: {self.body[:200]!r}")

    def to_response(self) -> WireResponse:
        """Return the answer this error stands for."""
        headers = headers_for(self.content_type, hashed=self.hashed)
        headers.update(self.extra_headers)
        return WireResponse(self.status, headers, self.body)


class BadRequest(FakeAPIError):  # noqa: N818 - names the answer
    """400 with a plain-text message (``No provided name!``, ``Invalid limit: ...``)."""

    def __init__(self, text: str) -> None:
        super().__init__(400, text)


class FieldErrors(FakeAPIError):  # noqa: N818 - names the answer
    """400 with MAAS's form errors as a JSON object (``{"name": ["This field is required."]}``).

    Args:
        errors: Field name to message(s); form-wide errors go under ``"__all__"``.
        charset: ``False`` for the few errors served as ``application/json`` without charset
            (duplicate VLAN VID, unknown config name, bad SSH key protocol).
    """

    def __init__(self, errors: Mapping[str, str | Sequence[str]], *, charset: bool = True) -> None:
        self.errors = {
            field: [messages] if isinstance(messages, str) else list(messages)
            for field, messages in errors.items()
        }
        super().__init__(
            400, pretty_json(self.errors), content_type=JSON if charset else JSON_NO_CHARSET
        )


class NotFound(FakeAPIError):  # noqa: N818 - names the answer
    """404 ``No <Model> matches the given query.`` (``text/plain`` no charset, with the hash).

    Args:
        model: The model name MAAS prints (``Zone``, ``ResourcePool``, ``Subnet``...).
        text: A handler-specific text instead (``VLAN with specified ID does not exist.``).
    """

    def __init__(self, model: str = "", *, text: str | None = None) -> None:
        message = text if text is not None else f"No {model} matches the given query."
        super().__init__(404, message, content_type=TEXT_NO_CHARSET, hashed=True)


def get_or_404(table: Mapping[int, T], key: str, model: str = "", *, text: str | None = None) -> T:
    """Return the object of a path's numeric id, or raise :class:`NotFound`.

    Args:
        table: Objects by id.
        key: The id as the path gives it (a key that is not all digits matches nothing).
        model: The model name of the 404 text (``No <model> matches the given query.``).
        text: A handler-specific 404 text instead.
    """
    found = table.get(int(key)) if key.isdigit() else None
    if found is None:
        raise NotFound(model, text=text)
    return found


class Forbidden(FakeAPIError):  # noqa: N818 - names the answer
    """403 from a permission check: ``text/plain; charset=utf-8``, often with an empty body."""

    def __init__(self, text: str = "") -> None:
        super().__init__(403, text)


class AdminOnly(Forbidden):
    """403 ``This method is reserved for admin users.`` of admin-only methods."""

    def __init__(self) -> None:
        super().__init__("This method is reserved for admin users.")


class Conflict(FakeAPIError):  # noqa: N818 - names the answer
    """409 state conflict with a plain-text message and no ``Retry-After``."""

    def __init__(self, text: str) -> None:
        super().__init__(409, text)
