"""Enum bases that turn values this SDK does not know into pseudo-members instead of failing.

A newer (or older) MAAS may send a status or type this SDK has never seen; parsing a whole
listing must not fail because of it.
"""

from __future__ import annotations

import enum
import threading
from typing import Self

__all__ = ["LenientIntEnum", "LenientStrEnum"]

_PSEUDO_MEMBER_LOCK = threading.Lock()


class LenientIntEnum(enum.IntEnum):
    """An IntEnum whose unknown values become cached ``UNKNOWN_<n>`` pseudo-members."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        with _PSEUDO_MEMBER_LOCK:
            known = cls._value2member_map_.get(value)
            if known is not None:
                return known  # type: ignore[return-value]
            member = int.__new__(cls, value)
            member._name_ = f"UNKNOWN_{value}".replace("-", "MINUS_")
            member._value_ = value
            cls._value2member_map_[value] = member
            return member

    @property
    def is_known(self) -> bool:
        """Whether this value is one this SDK knows (``False`` for a pseudo-member)."""
        return type(self).__members__.get(self._name_) is self


class LenientStrEnum(enum.StrEnum):
    """A StrEnum whose unknown values become cached pseudo-members named after the value."""

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None
        with _PSEUDO_MEMBER_LOCK:
            known = cls._value2member_map_.get(value)
            if known is not None:
                return known  # type: ignore[return-value]
            member = str.__new__(cls, value)
            member._name_ = value.upper()
            member._value_ = value
            cls._value2member_map_[value] = member
            return member

    @property
    def is_known(self) -> bool:
        """Whether this value is one this SDK knows (``False`` for a pseudo-member)."""
        return type(self).__members__.get(self._name_) is self
