"""Field types that tolerate the shapes older or newer MAAS versions render for some keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

__all__ = ["EMPTY_AS_DICT", "LENIENT_DATETIME"]


class _Fallback:
    """Validate as the annotated type; only if that fails, try ``fallback`` and ``convert``.

    The union is ``left_to_right``, so well-formed values stay on pydantic-core's fast path and
    the Python conversion runs only for the drifted shape.
    """

    def __init__(self, fallback: CoreSchema, convert: Callable[[Any], Any]) -> None:
        self.fallback = fallback
        self.convert = convert

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        primary = handler(source)
        return core_schema.union_schema(
            [primary, core_schema.no_info_after_validator_function(self.convert, self.fallback)],
            mode="left_to_right",
            serialization=primary.get("serialization"),
        )


def _empty_dict(_: Any) -> dict[str, Any]:
    return {}


EMPTY_AS_DICT = _Fallback(
    core_schema.union_schema([core_schema.str_schema(), core_schema.none_schema()]),
    _empty_dict,
)
"""For dict fields old MAAS versions render as ``""`` (interface ``params``) or ``null``."""

_ALTERNATE_DATETIME_FORMATS = ("%a, %d %b. %Y %H:%M:%S", "%a, %d %b %Y %H:%M:%S")


def _parse_alternate_datetime(text: str) -> datetime | None:
    for fmt in _ALTERNATE_DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


LENIENT_DATETIME = _Fallback(core_schema.str_schema(), _parse_alternate_datetime)
"""Datetimes: ISO (naive before 3.6, ``Z`` after), MAAS's ``Thu, 27 Nov. 2025 10:28:00``; an
unrecognised text becomes ``None`` rather than failing the whole answer."""
