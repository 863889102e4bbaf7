"""SSH public keys: the :class:`SSHKey` model and the :class:`SSHKeys` manager.

Keys belong to the calling user (an administrator may add one for another user) and are
installed on the machines that user deploys. ``import_keys`` fetches them from Launchpad or
GitHub through the region.

MAAS API: ``account/prefs/sshkeys/``, ``account/prefs/sshkeys/{id}/`` (REFERENCE.md §12.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = ["SSHKey", "SSHKeys"]


class SSHKey(Resource):
    """A public SSH key of a user.

    Compares equal to another :class:`SSHKey` with the same :attr:`id`; keys cannot be changed,
    only added and deleted.
    """

    if TYPE_CHECKING:
        _manager: SSHKeys | None

    id: int
    """Database id."""
    key: str
    """The whole public key line (``ssh-ed25519 AAAA... comment``)."""
    keysource: str | None = None
    """Where the key was imported from (``lp:<user>``, ``gh:<user>``), ``""`` when added
    directly; ``None`` in the answer of a create."""
    resource_uri: str = ""
    """Absolute API path of the key (absent from the answer of a create)."""

    def __repr__(self) -> str:
        return f"<SSHKey {self.id} {self.fingerprint_hint}>"

    __str__ = __repr__

    @property
    def key_type(self) -> str:
        """The key's algorithm, e.g. ``ssh-ed25519``."""
        return self.key.split(maxsplit=1)[0] if self.key else ""

    @property
    def comment(self) -> str:
        """The comment at the end of the key line (often ``user@host``), or ``""``."""
        parts = self.key.split(maxsplit=2)
        return parts[2] if len(parts) == 3 else ""

    @property
    def fingerprint_hint(self) -> str:
        """A short label for display: the type, the last characters of the key, the comment."""
        parts = self.key.split(maxsplit=2)
        body = parts[1][-8:] if len(parts) > 1 else ""
        return " ".join(part for part in (self.key_type, f"...{body}", self.comment) if part)

    def _keys(self) -> SSHKeys:
        manager: SSHKeys | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> SSHKey:
        """Re-read the key from the server and return it."""
        return self._apply(self._keys().get(self.id))

    def delete(self) -> None:
        """Delete the key; see :meth:`SSHKeys.delete`."""
        self._keys().delete(self.id)


_KEY = TypeAdapter(SSHKey)
_KEYS = TypeAdapter(list[SSHKey])


class SSHKeys:
    """Manager of the caller's SSH keys, reached as ``client.ssh_keys``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<SSHKeys manager>"

    @api_operation("GET", "account/prefs/sshkeys/")
    def list(self) -> builtins.list[SSHKey]:
        """List the caller's SSH keys.

        MAAS API: ``GET account/prefs/sshkeys/``.
        """
        keys = decode(self._transport.get("account/prefs/sshkeys/"), _KEYS)
        bind_all(keys, self)
        return keys

    @api_operation("GET", "account/prefs/sshkeys/{id}/")
    def get(self, key_id: int) -> SSHKey:
        """Read one SSH key by id (MAAS lets any user read any user's key).

        MAAS API: ``GET account/prefs/sshkeys/{id}/``.

        Raises:
            NotFoundError: No key has that id.
        """
        return decode(self._transport.get(_key_path(key_id)), _KEY)._bind(self)

    @api_operation("POST", "account/prefs/sshkeys/")
    def create(self, key: str, *, user: str | None = None) -> SSHKey:
        """Add a public key (MAAS answers 201).

        MAAS API: ``POST account/prefs/sshkeys/``.

        Args:
            key: The whole public key line.
            user: Add it for this user instead of the caller (administrators only; ignored
                for others).

        Raises:
            BadRequestError: Not a public key (``field_errors["key"]``) or already added for
                this user (``field_errors["__all__"]``).
        """
        data = form({"key": key, "user": user})
        answer = self._transport.post("account/prefs/sshkeys/", data=data)
        return decode(answer, _KEY)._bind(self)

    @api_operation("POST", "account/prefs/sshkeys/", op="import")
    def import_keys(self, keysource: str) -> builtins.list[SSHKey]:
        """Import the public keys of a Launchpad or GitHub account.

        MAAS API: ``POST account/prefs/sshkeys/?op=import``.

        Args:
            keysource: ``lp:<user>``, ``gh:<user>`` or a bare ``<user>`` (Launchpad).

        Returns:
            The imported keys (keys already present are returned as they are).

        Raises:
            BadRequestError: An unknown protocol, a malformed source, or an account without
                keys.
        """
        data = form({"keysource": keysource})
        answer = self._transport.post("account/prefs/sshkeys/", op="import", data=data)
        keys = decode(answer, _KEYS)
        bind_all(keys, self)
        return keys

    @api_operation("DELETE", "account/prefs/sshkeys/{id}/")
    def delete(self, key_id: int) -> None:
        """Delete one of the caller's SSH keys.

        MAAS API: ``DELETE account/prefs/sshkeys/{id}/``.

        Raises:
            NotFoundError: No key has that id.
            PermissionDeniedError: The key belongs to another user.
        """
        self._transport.delete(_key_path(key_id))


def _key_path(key_id: int) -> str:
    return f"account/prefs/sshkeys/{int(key_id)}/"
