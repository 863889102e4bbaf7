"""Fabrics: the :class:`Fabric` model and the :class:`Fabrics` manager (``client.fabrics``).

A fabric is a set of interconnected VLANs; every fabric has an ``untagged`` VLAN (VID 0) that
cannot be deleted, and the default fabric (id 0) cannot be deleted either. A fabric is addressed
by id or name. ``fabric.vlans`` holds the fabric's VLANs as bound :class:`~.vlans.VLAN` objects.

MAAS API: ``fabrics/``, ``fabrics/{id}/`` (REFERENCE.md §9.3).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.vlans import VLAN, FabricRef, VLANs

__all__ = ["Fabric", "Fabrics"]


class Fabric(Resource):
    """A fabric and its VLANs.

    Compares equal to another :class:`Fabric` with the same :attr:`id`. ``name`` and
    ``class_type`` can be assigned and sent with :meth:`save`; MAAS accepts a ``description``
    but never returns it: pass it to :meth:`Fabrics.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "class_type"})
    if TYPE_CHECKING:
        _manager: Fabrics | None

    id: int
    """Database id (the default fabric has id 0)."""
    name: str = ""
    """Fabric name (``fabric-<id>`` when created without one)."""
    class_type: str | None = None
    """Free-form class of the fabric (``10g``, ``1g``...), or ``None``."""
    vlans: list[VLAN] = Field(default_factory=list)
    """The fabric's VLANs, ordered by VID (bound: they can be saved, deleted, get DHCP)."""
    resource_uri: str = ""
    """Absolute API path of the fabric (``/MAAS/api/2.0/fabrics/<id>/``)."""

    def __repr__(self) -> str:
        return f"<Fabric {self.id} {self.name}>"

    __str__ = __repr__

    def _fabrics(self) -> Fabrics:
        manager: Fabrics | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Fabric:
        """Re-read the fabric and its VLANs (dropping unsaved changes) and return it."""
        return self._apply(self._fabrics().get(self.id))

    def save(self) -> Fabric:
        """Send the assigned fields (nothing if none changed) and return the fabric."""
        changes = self.changes
        if not changes:
            return self
        if "class_type" in changes and changes["class_type"] is None:
            changes["class_type"] = ""
        return self._apply(self._fabrics().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the fabric and its VLANs; see :meth:`Fabrics.delete`."""
        self._fabrics().delete(self.id)

    def list_vlans(self) -> builtins.list[VLAN]:
        """Read the fabric's VLANs afresh; see :meth:`~.vlans.VLANs.list`."""
        return self._fabrics().vlans.list(self.id)

    def get_vlan(self, vid: int | Literal["untagged"]) -> VLAN:
        """Read one of the fabric's VLANs by VID; see :meth:`~.vlans.VLANs.get_by_vid`."""
        return self._fabrics().vlans.get_by_vid(self.id, vid)

    def create_vlan(
        self,
        vid: int,
        *,
        name: str | None = None,
        description: str | None = None,
        mtu: int | None = None,
        space: str | None = None,
    ) -> VLAN:
        """Create a VLAN in the fabric (``refresh()`` to see it in :attr:`vlans`).

        See :meth:`~.vlans.VLANs.create`.
        """
        vlans = self._fabrics().vlans
        return vlans.create(self.id, vid, name=name, description=description, mtu=mtu, space=space)


_FABRIC = TypeAdapter(Fabric)
_FABRIC_LIST = TypeAdapter(list[Fabric])


class Fabrics:
    """Manager of fabrics, reached as ``client.fabrics``.

    Args:
        transport: The client's transport.

    Attributes:
        vlans: The VLAN manager the fabrics' VLANs are bound to.
    """

    def __init__(self, transport: TransportLike, vlans: VLANs | None = None) -> None:
        self._transport = transport
        self.vlans = vlans if vlans is not None else VLANs(transport)

    def __repr__(self) -> str:
        return "<Fabrics manager>"

    def _bound(self, fabric: Fabric) -> Fabric:
        fabric._bind(self)
        for vlan in fabric.vlans:
            vlan._bind(self.vlans)
        return fabric

    @api_operation("GET", "fabrics/")
    def list(self) -> builtins.list[Fabric]:
        """List every fabric with its VLANs.

        MAAS API: ``GET fabrics/``.
        """
        fabrics = decode(self._transport.get("fabrics/"), _FABRIC_LIST)
        for fabric in fabrics:
            self._bound(fabric)
        return fabrics

    @api_operation("GET", "fabrics/{id}/")
    def get(self, fabric: FabricRef) -> Fabric:
        """Read one fabric by id or name.

        MAAS API: ``GET fabrics/{id}/``.

        Raises:
            NotFoundError: No such fabric (``No Fabric matches the given query.``).
        """
        return self._bound(decode(self._transport.get(_fabric_path(fabric)), _FABRIC))

    @api_operation("POST", "fabrics/")
    def create(
        self,
        name: str | None = None,
        *,
        description: str | None = None,
        class_type: str | None = None,
    ) -> Fabric:
        """Create a fabric with its untagged VLAN (admin only).

        MAAS API: ``POST fabrics/``.

        Args:
            name: Name (default ``fabric-<id>``).
            description: Free-form description (MAAS stores it but never returns it).
            class_type: Free-form class, e.g. ``10g``.

        Raises:
            BadRequestError: The name is taken or invalid (``field_errors["name"]``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"name": name, "description": description, "class_type": class_type})
        return self._bound(decode(self._transport.post("fabrics/", data=data), _FABRIC))

    @api_operation("PUT", "fabrics/{id}/")
    def update(
        self,
        fabric: FabricRef,
        *,
        name: str | None = None,
        description: str | None = None,
        class_type: str | None = None,
    ) -> Fabric:
        """Change a fabric (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT fabrics/{id}/``.

        Args:
            fabric: The fabric (id, name or object).
            name: A new name.
            description: A new description.
            class_type: A new class (``""`` clears it).

        Raises:
            BadRequestError: The name is taken or invalid.
            NotFoundError: No such fabric.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"name": name, "description": description, "class_type": class_type})
        answer = self._transport.put(_fabric_path(fabric), data=data)
        return self._bound(decode(answer, _FABRIC))

    @api_operation("DELETE", "fabrics/{id}/")
    def delete(self, fabric: FabricRef) -> None:
        """Delete a fabric and its VLANs (admin only).

        MAAS API: ``DELETE fabrics/{id}/``.

        Raises:
            BadRequestError: It is the default fabric (``This fabric is the default fabric, it
                cannot be deleted.``), or subnets or interfaces are still on it (``Can't delete
                fabric; the following subnets are still present: <cidrs>``).
            NotFoundError: No such fabric.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_fabric_path(fabric))


def _fabric_path(fabric: FabricRef) -> str:
    key = fabric if isinstance(fabric, int | str) else fabric.id
    return f"fabrics/{path_segment(key)}/"
