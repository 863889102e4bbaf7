"""A griffe extension for the docs build: render the reST bits of docstrings as Markdown.

The package's docstrings use Google style with a few reST habits: Sphinx roles
(``:class:`~maas_sdk.X```) and ``::`` before an indented literal block. mkdocstrings renders
Markdown, where both would appear verbatim; this turns each role into inline code naming the
object (``~`` keeps only the last component, as Sphinx does) and ends such a paragraph with a
plain colon (the indented block already renders as code).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`(~?)([^`]+)`")
_LITERAL_MARKER = re.compile(r"(?<=\S)::$", re.MULTILINE)


def plain_roles(text: str) -> str:
    """Replace Sphinx roles with inline code and ``text::`` literal-block markers with ``text:``.

    Args:
        text: A docstring.

    Returns:
        The docstring with each role replaced by the object's name in backquotes.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        name = target.rsplit(".", 1)[-1] if match.group(1) else target
        return f"`{name}`"

    return _LITERAL_MARKER.sub(":", _ROLE.sub(replace, text))


class PlainRoles(griffe.Extension):
    """Rewrites the reST bits of every loaded docstring (see :func:`plain_roles`)."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the docstring of each object griffe loads.

        Args:
            obj: The object just loaded.
            **kwargs: Other hook arguments, unused.
        """
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(obj.docstring.value)
