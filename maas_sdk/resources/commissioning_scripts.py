"""The deprecated commissioning-scripts API (admin only): :class:`CommissioningScripts`.

MAAS keeps ``commissioning-scripts/`` for old clients; it stores ordinary commissioning scripts,
which :class:`~maas_sdk.resources.scripts.Scripts` (``client.scripts``) manages with far more
options. Scripts are addressed by name at ``commissioning-scripts/{name}`` (no trailing slash).

MAAS API: ``commissioning-scripts/``, ``commissioning-scripts/{name}``.
"""

from __future__ import annotations

import builtins

from pydantic import Base64Bytes, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import MAASModel, decode, form, path_segment
from maas_sdk.resources._platform import BinaryUpload, UploadTransport, read_text_upload

__all__ = ["CommissioningScript", "CommissioningScripts"]


class CommissioningScript(MAASModel):
    """MAAS's answer to uploading a commissioning script."""

    name: str
    """The script's name."""
    content: Base64Bytes = b""
    """The stored text (decoded from MAAS's base64)."""
    deprecated: str = ""
    """MAAS's deprecation notice, pointing at ``scripts/``."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/commissioning-scripts/<name>``)."""


_UPLOADED = TypeAdapter(CommissioningScript)
_NAMES = TypeAdapter(list[str])


class CommissioningScripts:
    """Commissioning scripts through the deprecated API (``client.commissioning_scripts``).

    Prefer ``client.scripts``. Every method is admin-only: other users get 403 ``User is not
    allowed access to this API.``

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: UploadTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<CommissioningScripts manager>"

    @api_operation("GET", "commissioning-scripts/")
    def list(self) -> builtins.list[str]:
        """Return the names of the commissioning scripts, sorted.

        MAAS API: ``GET commissioning-scripts/``.
        """
        return decode(self._transport.get("commissioning-scripts/"), _NAMES)

    @api_operation("POST", "commissioning-scripts/")
    def create(self, name: str, content: str | BinaryUpload) -> CommissioningScript:
        """Upload a new commissioning script.

        MAAS API: ``POST commissioning-scripts/`` (multipart, file part ``content``).

        Args:
            name: Unique name (``25-burn-in``; no spaces or quotes).
            content: The text (``str``, sent as UTF-8), bytes, a path or a binary file; it must
                start with a shebang.

        Raises:
            BadRequestError: Invalid name or content, or the name is taken.
        """
        files = {"content": (name, read_text_upload(content, "content"))}
        answer = self._transport.post(
            "commissioning-scripts/", data=form({"name": name}), files=files
        )
        return decode(answer, _UPLOADED)

    @api_operation("GET", "commissioning-scripts/{name}")
    def get(self, name: str) -> bytes:
        """Return a script's text.

        MAAS API: ``GET commissioning-scripts/{name}``.

        Raises:
            NotFoundError: No such script.
        """
        return self._transport.get(_path(name)).content

    @api_operation("PUT", "commissioning-scripts/{name}")
    def update(self, name: str, content: str | BinaryUpload) -> None:
        """Replace a script's text (MAAS answers ``OK``).

        MAAS API: ``PUT commissioning-scripts/{name}`` (multipart, file part ``content``).

        Raises:
            NotFoundError: No such script.
        """
        files = {"content": (name, read_text_upload(content, "content"))}
        self._transport.put(_path(name), data=[], files=files)

    @api_operation("DELETE", "commissioning-scripts/{name}")
    def delete(self, name: str) -> None:
        """Delete a script.

        MAAS API: ``DELETE commissioning-scripts/{name}``.

        Raises:
            NotFoundError: No such script.
        """
        self._transport.delete(_path(name))


def _path(name: str) -> str:
    return f"commissioning-scripts/{path_segment(name)}"
