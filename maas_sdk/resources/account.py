"""The caller's API keys: the :class:`AuthorisationToken` model and ``client.account``.

Every MAAS API key is an OAuth token with its own consumer; the token's *name* is the
consumer's name (``MAAS consumer`` unless told otherwise). The token secret is held as a
:class:`pydantic.SecretStr` and never appears in a ``repr``, ``str`` or JSON dump of these
objects; :attr:`AuthorisationToken.api_key` gives the usable key.

MAAS API: ``account/`` (REFERENCE.md §12.2).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import SecretStr, TypeAdapter, model_validator

from maas_sdk._credentials import APIKey
from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = ["Account", "AuthorisationToken"]


class AuthorisationToken(Resource):
    """One API key of the calling user.

    Compares equal to another token with the same :attr:`token_key`. Assign :attr:`name` and
    call :meth:`save` to rename it. ``repr`` shows the name and the consumer and token keys,
    never the secret.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name"})
    _identity_field: ClassVar[str] = "token_key"
    if TYPE_CHECKING:
        _manager: Account | None

    name: str = ""
    """The token's name (its OAuth consumer's name), ``MAAS consumer`` by default."""
    consumer_key: str
    """The OAuth consumer key (first part of the API key)."""
    token_key: str
    """The OAuth token key (second part of the API key); identifies the token."""
    token_secret: SecretStr
    """The OAuth token secret (third part); ``token_secret.get_secret_value()`` reveals it."""

    @model_validator(mode="before")
    @classmethod
    def _split_listed_token(cls, data: Any) -> Any:
        # ``list_authorisation_tokens`` answers {"name", "token": "consumer:token:secret"}; the
        # key is split here so that the secret never lands in ``model_extra``.
        if isinstance(data, dict) and isinstance(data.get("token"), str):
            data = dict(data)
            parts = data.pop("token").split(":")
            if len(parts) == 3:
                data.setdefault("consumer_key", parts[0])
                data.setdefault("token_key", parts[1])
                data.setdefault("token_secret", parts[2])
        return data

    def __repr__(self) -> str:
        return f"<AuthorisationToken {self.name!r} {self.consumer_key}:{self.token_key}:***>"

    __str__ = __repr__

    @property
    def api_key(self) -> APIKey:
        """The usable API key (``MAASClient(url, token.api_key)``); its repr hides the secret."""
        return APIKey(self.consumer_key, self.token_key, self.token_secret.get_secret_value())

    def _account(self) -> Account:
        manager: Account | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def save(self) -> AuthorisationToken:
        """Send a changed :attr:`name` to the server and return the token."""
        if "name" in self.changes:
            self._account().update_token_name(self.token_key, self.name)
            object.__setattr__(self, "_original_values", None)
        return self

    def rename(self, name: str) -> AuthorisationToken:
        """Rename the token; see :meth:`Account.update_token_name`."""
        self._account().update_token_name(self.token_key, name)
        self.__dict__["name"] = name
        object.__setattr__(self, "_original_values", None)
        return self

    def delete(self) -> None:
        """Delete the token; see :meth:`Account.delete_token`."""
        self._account().delete_token(self.token_key)


_TOKEN = TypeAdapter(AuthorisationToken)
_TOKENS = TypeAdapter(list[AuthorisationToken])

TokenRef = str | APIKey | AuthorisationToken
"""A token given by its token key, its full ``consumer:token:secret`` key, or as an object."""


class Account:
    """Manager of the calling user's API keys, reached as ``client.account``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Account manager>"

    @api_operation("GET", "account/", op="list_authorisation_tokens")
    def list_tokens(self) -> builtins.list[AuthorisationToken]:
        """List the caller's API keys, oldest first.

        MAAS API: ``GET account/?op=list_authorisation_tokens``.
        """
        answer = self._transport.get("account/", op="list_authorisation_tokens")
        tokens = decode(answer, _TOKENS)
        bind_all(tokens, self)
        return tokens

    @api_operation("POST", "account/", op="create_authorisation_token")
    def create_token(self, name: str | None = None) -> AuthorisationToken:
        """Create an API key for the caller.

        MAAS API: ``POST account/?op=create_authorisation_token``.

        Args:
            name: The token's name (MAAS names it ``MAAS consumer`` when omitted).

        Returns:
            The new token; ``token.api_key`` is the key to give to a client.
        """
        data = form({"name": name})
        answer = self._transport.post("account/", op="create_authorisation_token", data=data)
        return decode(answer, _TOKEN)._bind(self)

    @api_operation("POST", "account/", op="delete_authorisation_token")
    def delete_token(self, token: TokenRef) -> None:
        """Delete one of the caller's API keys (requests signed with it then get 401).

        Deleting the key this client signs with locks the client out.

        MAAS API: ``POST account/?op=delete_authorisation_token``.

        Args:
            token: The token key, the full API key, or the token.

        Raises:
            NotFoundError: The caller has no such token (``No Token matches the given query.``).
        """
        data = form({"token_key": _token_key(token)})
        self._transport.post("account/", op="delete_authorisation_token", data=data)

    @api_operation("POST", "account/", op="update_token_name")
    def update_token_name(self, token: TokenRef, name: str) -> None:
        """Rename one of the caller's API keys (MAAS answers 202 ``Accepted``).

        MAAS API: ``POST account/?op=update_token_name``.

        Args:
            token: The token key, the full API key, or the token.
            name: The new name.

        Raises:
            NotFoundError: The caller has no such token.
        """
        data = form({"token": _token_key(token), "name": name})
        self._transport.post("account/", op="update_token_name", data=data)


def _token_key(token: TokenRef) -> str:
    if isinstance(token, AuthorisationToken | APIKey):
        return token.token_key
    parts = token.split(":")
    return parts[1] if len(parts) == 3 else token
