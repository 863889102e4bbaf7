"""Availability zones: the :class:`Zone` model and the :class:`Zones` manager (``client.zones``).

API 2.0 addresses a zone by its **name** (``zones/{name}/``) in every release; renaming a zone
changes its URL, which :meth:`Zone.save` handles by addressing the zone by the name it was read
with.

MAAS API: ``zones/``, ``zones/{name}/`` (REFERENCE.md §10.1).
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

__all__ = ["Zone", "Zones"]


class Zone(Resource):
    """A physical availability zone.

    Compares equal to another :class:`Zone` with the same :attr:`id`. ``name`` and
    ``description`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "description"})
    if TYPE_CHECKING:
        _manager: Zones | None

    id: int
    """Database id (the ``default`` zone has id 1)."""
    name: str
    """Zone name; it is also the zone's address in the API."""
    description: str = ""
    """Free-form description."""
    resource_uri: str = ""
    """Absolute API path of the zone (``/MAAS/api/2.0/zones/<name>/``)."""

    def __repr__(self) -> str:
        return f"<Zone {self.id} {self.name}>"

    __str__ = __repr__

    def _zones(self) -> Zones:
        manager: Zones | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Zone:
        """Re-read the zone from the server (dropping unsaved changes) and return it.

        MAAS API: ``GET zones/{name}/``.
        """
        return self._apply(self._zones().get(self._original("name")))

    def save(self) -> Zone:
        """Send the assigned fields to the server (nothing if none changed) and return the zone.

        MAAS API: ``PUT zones/{name}/`` (addressed by the name the zone was read with).
        """
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._zones().update(self._original("name"), **changes))

    def delete(self) -> None:
        """Delete the zone.

        MAAS API: ``DELETE zones/{name}/``.
        """
        self._zones().delete(self._original("name"))


_ZONE = TypeAdapter(Zone)
_ZONES = TypeAdapter(list[Zone])


class Zones:
    """Manager of availability zones, reached as ``client.zones``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Zones manager>"

    @api_operation("GET", "zones/")
    def list(self) -> builtins.list[Zone]:
        """List every zone (there is always ``default``).

        MAAS API: ``GET zones/``.
        """
        zones = decode(self._transport.get("zones/"), _ZONES)
        bind_all(zones, self)
        return zones

    @api_operation("GET", "zones/{name}/")
    def get(self, name: str) -> Zone:
        """Read one zone by name.

        MAAS API: ``GET zones/{name}/``.

        Raises:
            NotFoundError: No zone has that name (a numeric id is looked up as a name).
        """
        return decode(self._transport.get(_zone_path(name)), _ZONE)._bind(self)

    @api_operation("POST", "zones/")
    def create(self, name: str, *, description: str | None = None) -> Zone:
        """Create a zone (admin only).

        MAAS API: ``POST zones/``.

        Args:
            name: The new zone's name (letters, digits, ``-`` and ``_``).
            description: Free-form description.

        Raises:
            BadRequestError: The name is taken or invalid (``field_errors["name"]``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"name": name, "description": description})
        return decode(self._transport.post("zones/", data=data), _ZONE)._bind(self)

    @api_operation("PUT", "zones/{name}/")
    def update(self, zone: str, *, name: str | None = None, description: str | None = None) -> Zone:
        """Change a zone's name or description (admin only); omitted fields stay unchanged.

        MAAS API: ``PUT zones/{name}/``.

        Args:
            zone: The zone's current name.
            name: A new name (this changes the zone's URL).
            description: A new description.
        """
        data = form({"name": name, "description": description})
        return decode(self._transport.put(_zone_path(zone), data=data), _ZONE)._bind(self)

    @api_operation("DELETE", "zones/{name}/")
    def delete(self, zone: str) -> None:
        """Delete a zone (admin only). MAAS answers 204 even when the zone does not exist.

        MAAS API: ``DELETE zones/{name}/``.

        Raises:
            BadRequestError: The zone is the ``default`` zone.
        """
        self._transport.delete(_zone_path(zone))


def _zone_path(name: str) -> str:
    return f"zones/{path_segment(name)}/"
