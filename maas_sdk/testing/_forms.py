"""Request parameters as MAAS parses them: query strings, form bodies, booleans (§3.2, §3.3).

:class:`FormData` is a small multi-value dict like Django's ``QueryDict``: ``get`` returns the
*last* value of a key, ``getlist`` all of them. The boolean parsers reproduce the four parsers
the real server uses, with their literal error messages, because no single spelling of a boolean
works for all of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.parse import parse_qsl

from ._responses import TEXT_NO_CHARSET, BadRequest, FakeAPIError, FieldErrors

__all__ = [
    "FormData",
    "ParsedBody",
    "UploadedFile",
    "apply_tag_op",
    "django_bool",
    "null_bool",
    "parse_body",
    "parse_query",
    "require_param",
    "require_tag",
    "strict_01_bool",
    "string_bool",
]


class FormData:
    """An ordered multi-value mapping of request parameters (repeated keys kept)."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items: list[tuple[str, str]] = list(items)

    def get(self, key: str, default: str | None = None) -> str | None:
        """Return the last value of ``key`` (as Django does), or ``default``."""
        for name, value in reversed(self._items):
            if name == key:
                return value
        return default

    def getlist(self, key: str) -> list[str]:
        """Return every value of ``key`` in the order sent."""
        return [value for name, value in self._items if name == key]

    def items(self) -> list[tuple[str, str]]:
        """Return the ``(key, value)`` pairs in the order sent."""
        return list(self._items)

    def keys(self) -> list[str]:
        """Return the distinct keys in first-seen order."""
        return list(dict.fromkeys(name for name, _ in self._items))

    def without(self, *keys: str) -> FormData:
        """Return a copy without ``keys`` (e.g. ``op``)."""
        return FormData((k, v) for k, v in self._items if k not in keys)

    def __contains__(self, key: object) -> bool:
        return any(name == key for name, _ in self._items)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __repr__(self) -> str:
        return f"FormData({self._items!r})"


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part.

    Attributes:
        filename: The part's filename.
        content_type: The part's ``Content-Type`` (``application/octet-stream`` if absent).
        content: The raw bytes.
    """

    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class ParsedBody:
    """A POST/PUT body as the handler sees it.

    Attributes:
        data: Form fields (text parts of a multipart body included).
        files: File parts by field name.
        is_json: The body was ``application/json`` (MAAS half-supports it; §3.2).
    """

    data: FormData
    files: dict[str, list[UploadedFile]]
    is_json: bool = False


def parse_query(query: str) -> FormData:
    """Parse a URL query string, keeping blank values and repeated keys."""
    return FormData(parse_qsl(query, keep_blank_values=True))


def parse_body(content_type: str | None, body: bytes) -> ParsedBody:
    """Parse a POST/PUT body like piston and Django do.

    Form-encoded and multipart bodies become fields (and files); a JSON object becomes fields
    (lists as repeated keys); any other content type leaves the data empty, as on the real server.

    Raises:
        FakeAPIError: 400 ``Bad Request`` (``text/plain``, hash header) for malformed JSON.
    """
    media_type, params = _split_content_type(content_type or "")
    if media_type == "application/x-www-form-urlencoded":
        text = body.decode("utf-8", errors="replace")
        return ParsedBody(FormData(parse_qsl(text, keep_blank_values=True)), {})
    if media_type == "multipart/form-data":
        return _parse_multipart(body, params.get("boundary", ""))
    if media_type == "application/json":
        return ParsedBody(_json_fields(body), {}, is_json=True)
    return ParsedBody(FormData(), {})


def _split_content_type(value: str) -> tuple[str, dict[str, str]]:
    message = Message()
    message["Content-Type"] = value or "application/octet-stream"
    params = {str(k).lower(): str(v) for k, v in message.get_params(failobj=[])[1:]}
    return message.get_content_type(), params


def _json_fields(body: bytes) -> FormData:
    try:
        value = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (ValueError, UnicodeDecodeError):
        raise FakeAPIError(400, "Bad Request", content_type=TEXT_NO_CHARSET, hashed=True) from None
    if not isinstance(value, dict):
        raise FakeAPIError(400, "Bad Request", content_type=TEXT_NO_CHARSET, hashed=True)
    items: list[tuple[str, str]] = []
    for key, item in value.items():
        for element in item if isinstance(item, list) else [item]:
            items.append((str(key), _json_scalar_text(element)))
    return FormData(items)


def _json_scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def _parse_multipart(body: bytes, boundary: str) -> ParsedBody:
    fields: list[tuple[str, str]] = []
    files: dict[str, list[UploadedFile]] = {}
    if not boundary:
        return ParsedBody(FormData(), files)
    delimiter = b"--" + boundary.encode("latin-1")
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, _, content = chunk.partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        part = Message()
        for line in head.decode("utf-8", errors="replace").split("\r\n"):
            name, sep, value = line.partition(":")
            if sep:
                part[name.strip()] = value.strip()
        field = part.get_param("name", header="content-disposition")
        if not isinstance(field, str):
            continue
        filename = part.get_param("filename", header="content-disposition")
        if isinstance(filename, str):
            upload = UploadedFile(filename, part.get_content_type(), content)
            files.setdefault(field, []).append(upload)
        else:
            fields.append((field, content.decode("utf-8", errors="replace")))
    return ParsedBody(FormData(fields), files)


def require_param(params: FormData, name: str) -> str:
    """Return a mandatory parameter a handler reads directly.

    Raises:
        BadRequest: ``No provided <name>!`` when it is missing.
    """
    value = params.get(name)
    if value is None:
        raise BadRequest(f"No provided {name}!")
    return value


def require_tag(params: FormData) -> str:
    """Return the ``tag`` of an ``op=add_tag`` on a script or VM host.

    Raises:
        BadRequest: ``No provided tag!``, or ``Tag may not contain a ",".``.
    """
    tag = require_param(params, "tag")
    if "," in tag:
        raise BadRequest('Tag may not contain a ",".')
    return tag


def apply_tag_op(params: FormData, op: str | None, tags: list[str]) -> None:
    """Apply ``op=add_tag`` / ``op=remove_tag`` of an interface or block device to ``tags``.

    Raises:
        FieldErrors: ``{"tag": ["This field is required."]}`` without a ``tag``.
    """
    tag = params.get("tag")
    if not tag:
        raise FieldErrors({"tag": "This field is required."})
    if op == "add_tag" and tag not in tags:
        tags.append(tag)
    elif op == "remove_tag" and tag in tags:
        tags.remove(tag)


_STRING_BOOL_TRUE = frozenset({"true", "t", "yes", "y", "on", "1"})
_STRING_BOOL_FALSE = frozenset({"false", "f", "no", "n", "off", "0", ""})


def string_bool(params: FormData, name: str, default: bool) -> bool:
    """Parse an optional boolean the way formencode ``StringBool`` does (§3.3).

    Accepts ``true/false, t/f, yes/no, y/n, on/off, 1/0`` in any case and the empty string
    (false). A missing parameter gives ``default``.

    Raises:
        BadRequest: ``Invalid <name>: Value should be 'true' or 'false'``.
    """
    value = params.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _STRING_BOOL_TRUE:
        return True
    if lowered in _STRING_BOOL_FALSE:
        return False
    raise BadRequest(f"Invalid {name}: Value should be 'true' or 'false'")


def django_bool(value: str | None) -> bool:
    """Parse a Django form ``BooleanField``: only ``false`` (any case) and ``""`` are false.

    Every other non-empty string, ``0``, ``no`` and ``off`` included, is true; a missing value
    is false (on update, the caller keeps the stored value instead).
    """
    if value is None:
        return False
    mapped = {"true": True, "false": False}.get(value.lower())
    return mapped if mapped is not None else bool(value)


def null_bool(value: str | None) -> bool | None:
    """Parse a Django ``NullBooleanField``: ``true``/``True``/``2`` and ``false``/``False``/``3``.

    Anything else (``1``, ``0``, ``yes``, ``TRUE``, ``""``) means "not given" and returns None.
    """
    return {"true": True, "True": True, "2": True, "false": False, "False": False, "3": False}.get(
        value or ""
    )


def strict_01_bool(value: str) -> bool:
    """Parse the strict ``0``/``1`` boolean of ``users/`` ``is_superuser``.

    Raises:
        FakeAPIError: 500 ``Not a valid Boolean value (0 or 1): '<value>'`` otherwise.
    """
    if value in ("0", "1"):
        return value == "1"
    raise FakeAPIError(500, f"Not a valid Boolean value (0 or 1): {value!r}")
