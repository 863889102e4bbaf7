"""Field validation shared by the resource modules, with MAAS's literal messages."""

from __future__ import annotations

import ipaddress
import re

from ._forms import FormData
from ._responses import FieldErrors

__all__ = [
    "MODEL_NAME",
    "REQUIRED",
    "TAG_NAME",
    "ip_int",
    "optional_int",
    "parse_address",
    "parse_int",
    "required_text",
]

MODEL_NAME = re.compile(r"^\w[ \w-]*$")
"""MAAS's name validator for zones, pools, fabrics and spaces."""
TAG_NAME = re.compile(r"^[\w-]+$")
"""Tag names: no spaces."""

REQUIRED = "This field is required."


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
