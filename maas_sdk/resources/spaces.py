"""Spaces: the :class:`Space` model and the :class:`Spaces` manager (``client.spaces``).

A space groups VLANs (and so their subnets) that can reach each other. A space is addressed by
id or name. While some VLAN has no space, MAAS lists a synthetic ``undefined`` space (id -1)
holding those VLANs; it can be read but not changed or deleted.

MAAS API: ``spaces/``, ``spaces/{id}/`` (REFERENCE.md §9.4).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, TypeAdapter

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
from maas_sdk.resources.common import VLAN
from maas_sdk.resources.subnets import Subnet

__all__ = ["UNDEFINED_SPACE_ID", "Space", "SpaceRef", "Spaces"]

UNDEFINED_SPACE_ID = -1
"""Id of the synthetic ``undefined`` space."""


class Space(Resource):
    """A network space with its VLANs and subnets.

    Compares equal to another :class:`Space` with the same :attr:`id`. ``name`` and
    ``description`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "description"})
    if TYPE_CHECKING:
        _manager: Spaces | None

    id: int
    """Database id (-1 for the synthetic ``undefined`` space)."""
    name: str = ""
    """Space name (``space-<id>`` when created without one)."""
    description: str = ""
    """Free-form description."""
    vlans: list[VLAN] = Field(default_factory=list)
    """The VLANs in the space."""
    subnets: list[Subnet] = Field(default_factory=list)
    """The subnets of those VLANs."""
    resource_uri: str = ""
    """Absolute API path of the space (``/MAAS/api/2.0/spaces/<id>/``; ``spaces/undefined/``)."""

    def __repr__(self) -> str:
        return f"<Space {self.id} {self.name}>"

    __str__ = __repr__

    @property
    def is_undefined(self) -> bool:
        """Whether this is the synthetic ``undefined`` space (read-only on the server)."""
        return self.id == UNDEFINED_SPACE_ID

    def _spaces(self) -> Spaces:
        manager: Spaces | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Space:
        """Re-read the space (dropping unsaved changes) and return it."""
        return self._apply(self._spaces().get(self.id))

    def save(self) -> Space:
        """Send the assigned fields (nothing if none changed) and return the space."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._spaces().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the space; see :meth:`Spaces.delete`."""
        self._spaces().delete(self.id)


SpaceRef = int | str | Space
"""A space given by id, by name, or as an object."""

_SPACE = TypeAdapter(Space)
_SPACE_LIST = TypeAdapter(list[Space])


class Spaces:
    """Manager of spaces, reached as ``client.spaces``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Spaces manager>"

    @api_operation("GET", "spaces/")
    def list(self) -> builtins.list[Space]:
        """List every space (plus ``undefined`` while some VLAN has no space).

        MAAS API: ``GET spaces/``.
        """
        spaces = decode(self._transport.get("spaces/"), _SPACE_LIST)
        bind_all(spaces, self)
        return spaces

    @api_operation("GET", "spaces/{id}/")
    def get(self, space: SpaceRef) -> Space:
        """Read one space by id or name (``-1`` or ``"undefined"``: the synthetic one).

        MAAS API: ``GET spaces/{id}/``.

        Raises:
            NotFoundError: No such space (``No Space matches the given query.``).
        """
        return decode(self._transport.get(_space_path(space)), _SPACE)._bind(self)

    @api_operation("POST", "spaces/")
    def create(self, name: str | None = None, *, description: str | None = None) -> Space:
        """Create a space (admin only).

        MAAS API: ``POST spaces/``.

        Args:
            name: Name (default ``space-<id>``).
            description: Free-form description.

        Raises:
            BadRequestError: The name is taken or invalid (``field_errors["name"]``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"name": name, "description": description})
        return decode(self._transport.post("spaces/", data=data), _SPACE)._bind(self)

    @api_operation("PUT", "spaces/{id}/")
    def update(
        self, space: SpaceRef, *, name: str | None = None, description: str | None = None
    ) -> Space:
        """Change a space's name or description (admin only); omitted fields stay unchanged.

        MAAS API: ``PUT spaces/{id}/``.

        Raises:
            BadRequestError: The name is taken, or it is the ``undefined`` space (``Space cannot
                be modified: undefined``).
            NotFoundError: No such space.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"name": name, "description": description})
        return decode(self._transport.put(_space_path(space), data=data), _SPACE)._bind(self)

    @api_operation("DELETE", "spaces/{id}/")
    def delete(self, space: SpaceRef) -> None:
        """Delete a space (admin only); its VLANs go back to ``undefined``.

        MAAS API: ``DELETE spaces/{id}/``.

        Raises:
            BadRequestError: It is the ``undefined`` space (``Space cannot be deleted:
                undefined``).
            NotFoundError: No such space.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_space_path(space))


def _space_path(space: SpaceRef) -> str:
    key = space.id if isinstance(space, Space) else space
    return f"spaces/{path_segment(key)}/"
