"""SSL keys: the :class:`SSLKey` model and the :class:`SSLKeys` manager (``client.ssl_keys``).

An SSL key is a PEM-encoded X.509 certificate of the calling user; MAAS hands these to Windows
machines for WinRM access. Each user sees and manages only their own keys.

MAAS API: ``account/prefs/sslkeys/``, ``account/prefs/sslkeys/{id}/`` (REFERENCE.md §12.3).
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

__all__ = ["SSLKey", "SSLKeys"]


class SSLKey(Resource):
    """A PEM certificate of a user.

    Compares equal to another :class:`SSLKey` with the same :attr:`id`; keys cannot be changed,
    only added and deleted. ``repr`` does not print the PEM text.
    """

    if TYPE_CHECKING:
        _manager: SSLKeys | None

    id: int
    """Database id."""
    key: str
    """The PEM text (``-----BEGIN CERTIFICATE-----`` ...)."""
    resource_uri: str = ""
    """Absolute API path of the key (absent from the answer of a create)."""

    def __repr__(self) -> str:
        return f"<SSLKey {self.id} ({len(self.key)} characters of PEM)>"

    __str__ = __repr__

    def _keys(self) -> SSLKeys:
        manager: SSLKeys | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> SSLKey:
        """Re-read the key from the server and return it."""
        return self._apply(self._keys().get(self.id))

    def delete(self) -> None:
        """Delete the key; see :meth:`SSLKeys.delete`."""
        self._keys().delete(self.id)


_KEY = TypeAdapter(SSLKey)
_KEYS = TypeAdapter(list[SSLKey])


class SSLKeys:
    """Manager of the caller's SSL keys, reached as ``client.ssl_keys``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<SSLKeys manager>"

    @api_operation("GET", "account/prefs/sslkeys/")
    def list(self) -> builtins.list[SSLKey]:
        """List the caller's SSL keys, oldest first.

        MAAS API: ``GET account/prefs/sslkeys/``.
        """
        keys = decode(self._transport.get("account/prefs/sslkeys/"), _KEYS)
        bind_all(keys, self)
        return keys

    @api_operation("GET", "account/prefs/sslkeys/{id}/")
    def get(self, key_id: int) -> SSLKey:
        """Read one of the caller's SSL keys.

        MAAS API: ``GET account/prefs/sslkeys/{id}/``.

        Raises:
            NotFoundError: No key has that id.
            PermissionDeniedError: The key belongs to another user (``Can't get a key you don't
                own.``).
        """
        return decode(self._transport.get(_key_path(key_id)), _KEY)._bind(self)

    @api_operation("POST", "account/prefs/sslkeys/")
    def create(self, key: str | bytes) -> SSLKey:
        """Add a PEM certificate (MAAS answers 201).

        MAAS API: ``POST account/prefs/sslkeys/``.

        Args:
            key: The PEM text (bytes are decoded as ASCII).

        Raises:
            BadRequestError: Not a PEM certificate (``{"key": ["Invalid SSL key."]}``) or
                already added (``{"key": ["This key has already been added for this
                user."]}``).
        """
        text = key.decode("ascii") if isinstance(key, bytes) else key
        answer = self._transport.post("account/prefs/sslkeys/", data=form({"key": text}))
        return decode(answer, _KEY)._bind(self)

    @api_operation("DELETE", "account/prefs/sslkeys/{id}/")
    def delete(self, key_id: int) -> None:
        """Delete one of the caller's SSL keys.

        MAAS API: ``DELETE account/prefs/sslkeys/{id}/``.

        Raises:
            NotFoundError: No key has that id.
            PermissionDeniedError: The key belongs to another user.
        """
        self._transport.delete(_key_path(key_id))


def _key_path(key_id: int) -> str:
    return f"account/prefs/sslkeys/{int(key_id)}/"
