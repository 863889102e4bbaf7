"""The MAAS server version (``GET version/``)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["MAASVersion"]

_NUMBERS = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?")


class MAASVersion(BaseModel):
    """What ``GET version/`` reports about the region.

    MAAS API: ``GET /MAAS/api/2.0/version/`` (anonymous access allowed).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: str
    """The most common controller version, e.g. ``3.7.3`` or ``3.7.0~rc1``; ``"None"`` on a
    fresh region that has not registered a controller yet."""
    subversion: str = ""
    """Build detail, usually empty."""
    capabilities: list[str] = Field(default_factory=list)
    """A fixed list of capability names (unchanged since 2.x; do not use it for feature
    detection, compare :attr:`version_tuple` instead)."""

    @property
    def version_tuple(self) -> tuple[int, int, int]:
        """``(major, minor, point)`` parsed from :attr:`version`; ``(0, 0, 0)`` if unknown."""
        match = _NUMBERS.match(self.version)
        if not match:
            return (0, 0, 0)
        major, minor, point = (int(part) if part else 0 for part in match.groups())
        return (major, minor, point)
