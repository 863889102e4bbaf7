"""Request encoding and response decoding for MAAS, free of any HTTP library.

Form values are encoded the way the server reads them (REFERENCE.md §3.3) and answers are
decoded into :class:`APIResponse` or into the text and field errors of an error status.
"""

from __future__ import annotations

import enum
import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TypeAlias
from urllib.parse import urlsplit

from maas_sdk.errors import REDACTED, ConfigurationError, ResponseDecodeError, redact_server_text

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIResponse",
    "FileValue",
    "Files",
    "FormData",
    "FormValue",
    "Method",
    "Timeout",
    "encode_form",
    "redacted_headers",
]

Scalar: TypeAlias = str | int | float | bool | enum.Enum | bytes | None
FormValue: TypeAlias = Scalar | Sequence[str | int | float | bool | enum.Enum]
"""A form or query value: a list or tuple is sent as repeated keys, ``None`` is left out."""
FormData: TypeAlias = Mapping[str, FormValue] | Sequence[tuple[str, FormValue]]
"""Form or query parameters, as a mapping or as ``(key, value)`` pairs."""
FileValue: TypeAlias = bytes | tuple[str, bytes] | tuple[str, bytes, str]
Files: TypeAlias = Mapping[str, FileValue]
Timeout: TypeAlias = float | tuple[float, float]
"""Seconds, or a ``(connect, read)`` pair."""
Method: TypeAlias = Literal["GET", "POST", "PUT", "DELETE"]

DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 120.0)
"""Connect within 10 s; read for 120 s, longer than the 90 s MAAS may spend retrying conflicts."""

_SNIPPET_CHARS = 200
_TAGS = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)
_SPACES = re.compile(r"\s+")


class APIResponse:
    """A successful answer from MAAS.

    Attributes:
        status_code: The HTTP status (200, 201, 202 or 204).
        headers: The response headers (case-insensitive mapping).
        content: The raw body.
        method: The request method.
        url: The request URL.
    """

    __slots__ = ("_secrets", "content", "headers", "method", "status_code", "url")

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        content: bytes,
        method: str,
        url: str,
        *,
        secrets: Sequence[str] = (),
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.method = method
        self.url = url
        self._secrets = tuple(secret for secret in secrets if secret)

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header, or ``""``."""
        return self.headers.get("Content-Type", "")

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """Decode the body as JSON.

        Returns:
            The decoded value; ``None`` for an empty body (204, or MAAS's ``null``).

        Raises:
            ResponseDecodeError: The body is an HTML page or is not valid JSON.
        """
        if not self.content.strip():
            return None
        if "html" in self.content_type:
            raise self.decode_error("expected JSON but got an HTML page")
        problem = ""
        try:
            return json.loads(self.content)
        except ValueError as error:
            problem = f"the body is not valid JSON ({error})"
        # Raised outside the except block: the JSON error would keep the whole body as context.
        raise self.decode_error(problem)

    def decode_error(self, problem: str) -> ResponseDecodeError:
        """Build the error for a body that cannot be decoded as expected.

        Args:
            problem: What was wrong, e.g. ``expected JSON but got an HTML page``.

        Returns:
            A :class:`ResponseDecodeError` carrying a short snippet of the body, with the
            client's own key and secret (an answer may list them) redacted.
        """
        longest = max((len(secret) for secret in self._secrets), default=0)
        head = self.content[: (_SNIPPET_CHARS + longest) * 4].decode("utf-8", errors="replace")
        head = head[: _SNIPPET_CHARS + longest]
        for secret in self._secrets:
            head = head.replace(secret, REDACTED)
        snippet = redact_server_text(head[:_SNIPPET_CHARS])
        return ResponseDecodeError(
            f"{self.method} {path_of(self.url)} -> {self.status_code}: {problem}; "
            f"Content-Type {self.content_type or 'missing'}, body starts {snippet!r}",
            status_code=self.status_code,
            method=self.method,
            url=self.url,
            content_type=self.content_type,
            snippet=snippet,
        )

    def __repr__(self) -> str:
        return f"<APIResponse {self.method} {path_of(self.url)} {self.status_code}>"


def encode_form(data: FormData | None) -> list[tuple[str, str]]:
    """Encode form or query data the way MAAS reads it.

    Lists and tuples become repeated keys, booleans ``true``/``false``, enums their value and
    ``None`` is left out. ``bytes`` values are skipped here (they travel as file parts).

    Args:
        data: A mapping or ``(key, value)`` pairs.

    Returns:
        ``(key, text)`` pairs in order.

    Raises:
        ConfigurationError: A value has a type MAAS cannot receive.
    """
    if not data:
        return []
    items: Iterable[tuple[str, FormValue]] = data.items() if isinstance(data, Mapping) else data
    pairs: list[tuple[str, str]] = []
    for key, value in items:
        if value is None or isinstance(value, bytes):
            continue
        if isinstance(value, list | tuple | set | frozenset):
            pairs.extend((key, _scalar_text(key, item)) for item in value if item is not None)
        else:
            pairs.append((key, _scalar_text(key, value)))
    return pairs


def _scalar_text(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _scalar_text(key, value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    raise ConfigurationError(
        f"cannot send {key}={type(value).__name__}: MAAS takes text, numbers, booleans or lists"
    )


def file_parts(
    data: FormData | None, files: Files | None
) -> list[tuple[str, tuple[str, bytes, str]]]:
    parts: list[tuple[str, tuple[str, bytes, str]]] = []
    if data:
        items = data.items() if isinstance(data, Mapping) else data
        parts.extend(
            (key, (key, value, "application/octet-stream"))
            for key, value in items
            if isinstance(value, bytes)
        )
    for key, value in (files or {}).items():
        if isinstance(value, bytes):
            parts.append((key, (key, value, "application/octet-stream")))
        elif len(value) == 2:
            parts.append((key, (value[0], value[1], "application/octet-stream")))
        else:
            parts.append((key, (value[0], value[1], value[2])))
    return parts


def check_timeout(timeout: Timeout) -> Timeout:
    values = timeout if isinstance(timeout, tuple) else (timeout,)
    if (isinstance(timeout, tuple) and len(values) != 2) or any(
        isinstance(v, bool) or not isinstance(v, int | float) or not 0 < v < math.inf
        for v in values
    ):
        raise ConfigurationError(
            f"timeout must be finite seconds > 0 or a (connect, read) pair of them, got {timeout!r}"
        )
    return timeout


def redacted_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Copy headers for logging with ``Authorization`` and cookies replaced by ``[redacted]``.

    Args:
        headers: Request or response headers.

    Returns:
        A plain dict safe to log.
    """
    hidden = {"authorization", "cookie", "set-cookie", "proxy-authorization"}
    return {k: (REDACTED if k.lower() in hidden else header_text(v)) for k, v in headers.items()}


def header_text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def error_text(answer: APIResponse) -> tuple[str, dict[str, list[str]]]:
    text = answer.text.strip()
    content_type = answer.content_type
    if "json" in content_type and text:
        try:
            decoded = json.loads(text)
        except ValueError:
            return text, {}
        if isinstance(decoded, dict):
            fields = {
                str(k): [str(m) for m in (v if isinstance(v, list) else [v])]
                for k, v in decoded.items()
            }
            shown = "; ".join(
                ", ".join(msgs) if k == "__all__" else f"{k}: {', '.join(msgs)}"
                for k, msgs in fields.items()
            )
            return shown or text, fields
        if isinstance(decoded, list):
            messages = [str(m) for m in decoded]
            return "; ".join(messages), {"__all__": messages}
        return str(decoded), {}
    if text.startswith("<"):
        return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", text))).strip(), {}
    if "html" in content_type:
        return _SPACES.sub(" ", _TAGS.sub(" ", text)).strip(), {}
    return text, {}


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
