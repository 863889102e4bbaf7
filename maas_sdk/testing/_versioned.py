"""MAAS's versioned text (script texts, DHCP snippet values): revisions, newest first.

Reverting keeps the chosen revision and drops every newer one, as ``VersionedTextFile.revert``
does; its error texts are the server's.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import datetime

__all__ = ["Revision", "format_created", "revert_revisions"]


@dataclass
class Revision:
    """One stored text."""

    id: int
    data: str
    created: datetime
    comment: str | None = None


def format_created(moment: datetime) -> str:
    """Render a revision's time like ``email.utils.format_datetime`` of a naive datetime."""
    return email.utils.format_datetime(moment.replace(tzinfo=None))


def revert_revisions(revisions: list[Revision], to: int) -> list[Revision]:
    """Return the history after reverting to ``to`` (an id, or how far back when negative).

    Raises:
        ValueError: ``Goes too far back.`` or ``<to> not found in history``.
    """
    if to == 0:
        return revisions
    if to < 0:
        back = -to
        if back >= len(revisions):
            raise ValueError("Goes too far back.")
        return revisions[back:]
    for index, revision in enumerate(revisions):
        if revision.id == to:
            return revisions[index:]
    raise ValueError(f"{to} not found in history")
