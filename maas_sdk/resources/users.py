"""MAAS users (``users/``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["User"]


class User(BaseModel):
    """A MAAS user account.

    MAAS API: ``GET /MAAS/api/2.0/users/{username}/``, ``GET /MAAS/api/2.0/users/?op=whoami``.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

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
