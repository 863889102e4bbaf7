"""MAAS users: the :class:`User` model and the :class:`Users` manager (``client.users``).

Users are addressed by username and cannot be updated through API 2.0 (``users/{username}/``
answers PUT with 405). The listing includes MAAS's built-in system users ``MAAS`` and
``maas-init-node``; :attr:`User.is_system_user` tells them apart.

MAAS API: ``users/``, ``users/{username}/`` (REFERENCE.md §12.1).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)

__all__ = ["SYSTEM_USERNAMES", "User", "Users"]

SYSTEM_USERNAMES = frozenset({"MAAS", "maas-init-node"})
"""Usernames of the built-in users every region has; they cannot log in."""


class User(Resource):
    """A MAAS user account.

    Compares equal to another :class:`User` with the same :attr:`username`. No field can be
    changed through API 2.0, so assigning any raises
    :class:`~maas_sdk.errors.ReadOnlyFieldError`.

    MAAS API: ``GET /MAAS/api/2.0/users/{username}/``, ``GET /MAAS/api/2.0/users/?op=whoami``.
    """

    _identity_field: ClassVar[str] = "username"
    if TYPE_CHECKING:
        _manager: Users | None

    username: str
    """The login name (the key users are addressed by)."""
    email: str = ""
    """The e-mail address (MAAS does not validate it)."""
    is_superuser: bool = False
    """Whether the user is a MAAS administrator."""
    is_local: bool = True
    """``False`` for users managed by external authentication (Candid/RBAC)."""
    resource_uri: str | None = None
    """The object's absolute API path, e.g. ``/MAAS/api/2.0/users/admin/``."""

    def __repr__(self) -> str:
        role = "admin" if self.is_superuser else "user"
        return f"<User {self.username} {role}>"

    __str__ = __repr__

    @property
    def is_system_user(self) -> bool:
        """Whether this is one of MAAS's built-in users (``MAAS``, ``maas-init-node``)."""
        return self.username in SYSTEM_USERNAMES

    def _users(self) -> Users:
        manager: Users | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> User:
        """Re-read the user from the server and return it."""
        return self._apply(self._users().get(self.username))

    def delete(self, *, transfer_resources_to: str | User | None = None) -> None:
        """Delete the user; see :meth:`Users.delete`."""
        self._users().delete(self.username, transfer_resources_to=transfer_resources_to)


_USER = TypeAdapter(User)
_USERS = TypeAdapter(list[User])


class Users:
    """Manager of user accounts, reached as ``client.users``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Users manager>"

    @api_operation("GET", "users/")
    def list(self, *, include_system_users: bool = True) -> builtins.list[User]:
        """List the users, ordered by username.

        MAAS API: ``GET users/``.

        Args:
            include_system_users: Keep MAAS's built-in users (``MAAS``, ``maas-init-node``),
                which the server always lists; ``False`` drops them.
        """
        users = decode(self._transport.get("users/"), _USERS)
        if not include_system_users:
            users = [user for user in users if not user.is_system_user]
        bind_all(users, self)
        return users

    @api_operation("GET", "users/", op="whoami")
    def whoami(self) -> User:
        """Return the user the client's API key belongs to.

        MAAS API: ``GET users/?op=whoami``.
        """
        return decode(self._transport.get("users/", op="whoami"), _USER)._bind(self)

    @api_operation("GET", "users/{username}/")
    def get(self, username: str) -> User:
        """Read one user.

        MAAS API: ``GET users/{username}/``.

        Raises:
            NotFoundError: No user has that username.
        """
        return decode(self._transport.get(_user_path(username)), _USER)._bind(self)

    @api_operation("POST", "users/")
    def create(
        self,
        username: str,
        *,
        email: str,
        password: str | None = None,
        is_superuser: bool = False,
    ) -> User:
        """Create a user (admin only).

        ``is_superuser`` is sent as ``1``/``0``, the only spelling this endpoint accepts.

        MAAS API: ``POST users/``.

        Args:
            username: The login name.
            email: The e-mail address (not validated by MAAS).
            password: The password; required unless MAAS uses external authentication.
            is_superuser: Make the user an administrator.

        Raises:
            BadRequestError: A parameter is missing (``No provided password!``).
            ConflictError: The username is taken. MAAS does not check it: the insert fails and
                the region answers 409 with ``Retry-After``, which the client retries before
                giving up. Check with :meth:`get` first to fail fast.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form(
            {
                "username": username,
                "email": email,
                "password": password,
                "is_superuser": "1" if is_superuser else "0",
            }
        )
        return decode(self._transport.post("users/", data=data), _USER)._bind(self)

    @api_operation("DELETE", "users/{username}/")
    def delete(self, username: str, *, transfer_resources_to: str | User | None = None) -> None:
        """Delete a user (admin only). Deleting an unknown username succeeds (MAAS answers 204).

        MAAS API: ``DELETE users/{username}/``.

        Args:
            username: The user to delete.
            transfer_resources_to: Give the user's machines, devices and other resources to this
                user; without it, a user who still owns nodes cannot be deleted.

        Raises:
            BadRequestError: The user still owns nodes (``User <u> cannot be deleted: <n>
                node(s) are still allocated``), or the caller deletes themself.
            NotFoundError: ``transfer_resources_to`` names no user.
            PermissionDeniedError: The caller is not an administrator.
        """
        target = (
            transfer_resources_to.username
            if isinstance(transfer_resources_to, User)
            else transfer_resources_to
        )
        params = form({"transfer_resources_to": target})
        self._transport.delete(_user_path(username), params=params)


def _user_path(username: str) -> str:
    return f"users/{path_segment(username)}/"
