"""Field validation shared by the resource modules, with MAAS's literal messages."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Protocol

from ._forms import FormData
from ._responses import FieldErrors

__all__ = [
    "MODEL_NAME",
    "REQUIRED",
    "TAG_NAME",
    "Described",
    "check_model_name",
    "ip_int",
    "optional_int",
    "parse_address",
    "parse_int",
    "required_text",
    "update_described",
]

MODEL_NAME = re.compile(r"^\w[ \w-]*$")
"""MAAS's name validator for zones, pools, fabrics and spaces."""
TAG_NAME = re.compile(r"^[\w-]+$")
"""Tag names: no spaces."""

REQUIRED = "This field is required."


class Described(Protocol):
    """A zone, pool or space: a name and a description."""

    name: str
    description: str


def check_model_name(
    name: str, existing: Described | None, current: Described | None, duplicate: str
) -> None:
    """Validate the name of a zone, pool or space.

    Args:
        name: The name asked for.
        existing: The object that holds that name already, if any.
        current: The object being renamed (None on create).
        duplicate: The message when ``existing`` is another object.

    Raises:
        FieldErrors: On ``name``: required, ``Enter a valid value.`` or ``duplicate``.
    """
    if not name:
        raise FieldErrors({"name": REQUIRED})
    if not MODEL_NAME.match(name):
        raise FieldErrors({"name": "Enter a valid value."})
    if existing is not None and existing is not current:
        raise FieldErrors({"name": duplicate})


def update_described(data: FormData, item: Described, check_name: Callable[[str], None]) -> None:
    """Apply the ``name`` (validated by ``check_name``) and ``description`` of a ``PUT``."""
    name = data.get("name")
    if name is not None:
        check_name(name)
        item.name = name
    description = data.get("description")
    if description is not None:
        item.description = description


def required_text(data: FormData, field: str, errors: dict[str, list[str]]) -> str | None:
    """Return a required form field, or record ``This field is required.`` in ``errors``."""
    value = data.get(field)
    if not value:
        errors.setdefault(field, []).append(REQUIRED)
        return None
    return value


def parse_int(value: str, field: str) -> int:
    """Parse a Django ``IntegerField`` value.

    Raises:
        FieldErrors: ``{field: ["Enter a whole number."]}``.
    """
    try:
        return int(value.strip())
    except ValueError:
        raise FieldErrors({field: "Enter a whole number."}) from None


def optional_int(data: FormData, field: str) -> int | None:
    """Return an optional integer field (None when absent or empty)."""
    value = data.get(field)
    if value is None or value.strip() == "":
        return None
    return parse_int(value, field)


def ip_int(value: str) -> int:
    """Return an IP address as an integer (for ordering and range checks)."""
    return int(ipaddress.ip_address(value.strip()))


def parse_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Parse an IP address, or return None if it is not one."""
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None
