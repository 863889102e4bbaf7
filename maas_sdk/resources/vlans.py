"""VLANs: the :class:`VLAN` model and the :class:`VLANs` manager (``client.vlans``).

A VLAN lives in a fabric. API 2.0 reaches it two ways: by its database id (``vlans/{vlan_id}/``,
what :attr:`VLAN.id` holds and what the bound actions use) or by its fabric and 802.1Q VID
(``fabrics/{fabric_id}/vlans/{vid}/``, the ``*_by_vid`` methods). There is no ``vlans/``
collection: list the VLANs of one fabric with :meth:`VLANs.list` (or read ``fabric.vlans``).

MAAS serves DHCP on a VLAN through the VLAN's update: :meth:`VLAN.enable_dhcp`,
:meth:`VLAN.disable_dhcp` and :meth:`VLAN.relay_dhcp` are that update with the right fields.

MAAS API: ``fabrics/{fabric_id}/vlans/``, ``vlans/{vlan_id}/``,
``fabrics/{fabric_id}/vlans/{vid}/`` (REFERENCE.md §9.2).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources import common
from maas_sdk.resources._base import (
    FormPairs,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)

__all__ = ["VLAN", "FabricRef", "HasId", "VLANRef", "VLANs"]


class HasId(Protocol):
    """Any object with an integer ``id`` (a :class:`~maas_sdk.resources.fabrics.Fabric`)."""

    @property
    def id(self) -> int:
        """The database id."""
        ...


FabricRef = int | str | HasId
"""A fabric given by id, by name, or as an object."""
VLANRef = int | common.VLAN
"""A VLAN given by database id, or as an object."""


class VLAN(Resource, common.VLAN):
    """A VLAN with its bound actions.

    It is a :class:`maas_sdk.resources.common.VLAN` (the object a subnet's or an interface's
    ``vlan`` holds) that can also be saved, deleted and have DHCP turned on or off. Compares
    equal to another VLAN with the same :attr:`id`. ``name``, ``mtu``, ``dhcp_on``,
    ``primary_rack``, ``secondary_rack``, ``relay_vlan`` (a VLAN or ``None``) and ``space`` (a
    space name, ``None`` for none) can be assigned and sent with :meth:`save`. MAAS accepts a
    ``description`` but never returns it: pass it to :meth:`VLANs.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "mtu", "dhcp_on", "primary_rack", "secondary_rack", "relay_vlan", "space"}
    )
    if TYPE_CHECKING:
        _manager: VLANs | None

    def __repr__(self) -> str:
        return f"<VLAN {self.id} {self.fabric}.{self.name} vid={self.vid}>"

    __str__ = __repr__

    def _vlans(self) -> VLANs:
        manager: VLANs | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> VLAN:
        """Re-read the VLAN from the server (dropping unsaved changes) and return it."""
        return self._apply(self._vlans().get(self.id))

    def save(self) -> VLAN:
        """Send the assigned fields (nothing if none changed) and return the VLAN.

        A field assigned ``None`` is cleared (``primary_rack``, ``secondary_rack``,
        ``relay_vlan``; ``space`` goes back to ``undefined``).
        """
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        for name in ("primary_rack", "secondary_rack", "relay_vlan", "space"):
            if name in changes and changes[name] is None:
                changes[name] = ""
        return self._apply(self._vlans().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the VLAN; see :meth:`VLANs.delete`."""
        self._vlans().delete(self.id)

    def enable_dhcp(
        self, *, primary_rack: str | None = None, secondary_rack: str | None = None
    ) -> VLAN:
        """Turn MAAS DHCP on; see :meth:`VLANs.enable_dhcp`."""
        vlans = self._vlans()
        return self._apply(vlans.enable_dhcp(self.id, primary_rack, secondary_rack=secondary_rack))

    def disable_dhcp(self) -> VLAN:
        """Turn MAAS DHCP off; see :meth:`VLANs.disable_dhcp`."""
        return self._apply(self._vlans().disable_dhcp(self.id))

    def relay_dhcp(self, relay_vlan: VLANRef | None) -> VLAN:
        """Relay DHCP to another VLAN, or stop relaying; see :meth:`VLANs.relay_dhcp`."""
        return self._apply(self._vlans().relay_dhcp(self.id, relay_vlan))


_VLAN = TypeAdapter(VLAN)
_VLAN_LIST = TypeAdapter(list[VLAN])


class VLANs:
    """Manager of VLANs, reached as ``client.vlans`` (and behind ``fabric.vlans``).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<VLANs manager>"

    @api_operation("GET", "fabrics/{fabric_id}/vlans/")
    def list(self, fabric: FabricRef) -> builtins.list[VLAN]:
        """List the VLANs of a fabric, ordered by VID.

        MAAS API: ``GET fabrics/{fabric_id}/vlans/``.

        Args:
            fabric: The fabric (id, name or object).

        Raises:
            NotFoundError: No such fabric (``No Fabric matches the given query.``).
        """
        vlans = decode(self._transport.get(f"{_fabric_path(fabric)}vlans/"), _VLAN_LIST)
        bind_all(vlans, self)
        return vlans

    @api_operation("POST", "fabrics/{fabric_id}/vlans/")
    def create(
        self,
        fabric: FabricRef,
        vid: int,
        *,
        name: str | None = None,
        description: str | None = None,
        mtu: int | None = None,
        space: str | None = None,
    ) -> VLAN:
        """Create a VLAN in a fabric (admin only).

        MAAS API: ``POST fabrics/{fabric_id}/vlans/``.

        Args:
            fabric: The fabric (id, name or object).
            vid: The 802.1Q VLAN id, 0-4094 (unique in the fabric).
            name: Name (MAAS shows the VID when unnamed).
            description: Free-form description (MAAS stores it but never returns it).
            mtu: MTU (default 1500).
            space: The space to put the VLAN in, by name or id (``""``/``"undefined"``: none).

        Raises:
            BadRequestError: Bad or duplicate VID (``field_errors["vid"]``, or ``__all__``
                ``A VLAN with the specified VID already exists in the destination fabric.``).
            NotFoundError: No such fabric.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form(
            {"vid": vid, "name": name, "description": description, "mtu": mtu, "space": space}
        )
        answer = self._transport.post(f"{_fabric_path(fabric)}vlans/", data=data)
        return decode(answer, _VLAN)._bind(self)

    @api_operation("GET", "vlans/{vlan_id}/")
    def get(self, vlan: VLANRef) -> VLAN:
        """Read a VLAN by its database id.

        MAAS API: ``GET vlans/{vlan_id}/``.

        Raises:
            NotFoundError: No such VLAN (``VLAN with specified ID does not exist.``).
        """
        return decode(self._transport.get(_vlan_path(vlan)), _VLAN)._bind(self)

    @api_operation("GET", "fabrics/{fabric_id}/vlans/{vid}/")
    def get_by_vid(self, fabric: FabricRef, vid: int | Literal["untagged"]) -> VLAN:
        """Read a VLAN by its fabric and 802.1Q VID (``0`` or ``"untagged"``: the untagged one).

        MAAS API: ``GET fabrics/{fabric_id}/vlans/{vid}/``.

        Raises:
            NotFoundError: No such fabric, or no VLAN with that VID in it.
        """
        answer = self._transport.get(_vid_path(fabric, vid))
        return decode(answer, _VLAN)._bind(self)

    @api_operation("PUT", "vlans/{vlan_id}/")
    def update(
        self,
        vlan: VLANRef,
        *,
        name: str | None = None,
        description: str | None = None,
        mtu: int | None = None,
        dhcp_on: bool | None = None,
        primary_rack: str | None = None,
        secondary_rack: str | None = None,
        relay_vlan: VLANRef | Literal[""] | None = None,
        space: str | None = None,
    ) -> VLAN:
        """Change a VLAN (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT vlans/{vlan_id}/``.

        Args:
            vlan: The VLAN (database id or object).
            name: A new name (``""`` clears it).
            description: A new description.
            mtu: A new MTU (552-65535).
            dhcp_on: Serve DHCP from MAAS on the VLAN; turning it on needs a dynamic IP range
                on one of its subnets and a primary rack controller, and clears ``relay_vlan``.
            primary_rack: system_id of the rack controller serving DHCP (``""`` clears it; the
                secondary then becomes primary).
            secondary_rack: system_id of the standby rack controller (``""`` clears it).
            relay_vlan: The VLAN whose MAAS DHCP serves this one through a relay (``""``
                clears it).
            space: A space name or id (``""`` or ``"undefined"``: no space).

        Raises:
            BadRequestError: A refused value, e.g. ``field_errors["dhcp_on"]`` ``dhcp can only
                be turned on when a dynamic IP range is defined.``, or ``__all__`` ``dhcp can
                only be turned on when a primary rack controller is set.``
            NotFoundError: No such VLAN.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _update_form(locals())
        return decode(self._transport.put(_vlan_path(vlan), data=data), _VLAN)._bind(self)

    @api_operation("PUT", "fabrics/{fabric_id}/vlans/{vid}/")
    def update_by_vid(
        self,
        fabric: FabricRef,
        vid: int | Literal["untagged"],
        *,
        name: str | None = None,
        description: str | None = None,
        mtu: int | None = None,
        dhcp_on: bool | None = None,
        primary_rack: str | None = None,
        secondary_rack: str | None = None,
        relay_vlan: VLANRef | Literal[""] | None = None,
        space: str | None = None,
    ) -> VLAN:
        """Change a VLAN addressed by fabric and VID (admin only); see :meth:`update`.

        MAAS API: ``PUT fabrics/{fabric_id}/vlans/{vid}/``.
        """
        data = _update_form(locals())
        answer = self._transport.put(_vid_path(fabric, vid), data=data)
        return decode(answer, _VLAN)._bind(self)

    @api_operation("DELETE", "vlans/{vlan_id}/")
    def delete(self, vlan: VLANRef) -> None:
        """Delete a VLAN (admin only); its subnets move to the fabric's untagged VLAN.

        MAAS API: ``DELETE vlans/{vlan_id}/``.

        Raises:
            BadRequestError: It is the fabric's untagged VLAN (``This VLAN is the default VLAN
                in the fabric, it cannot be deleted.``).
            NotFoundError: No such VLAN.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_vlan_path(vlan))

    @api_operation("DELETE", "fabrics/{fabric_id}/vlans/{vid}/")
    def delete_by_vid(self, fabric: FabricRef, vid: int | Literal["untagged"]) -> None:
        """Delete a VLAN addressed by fabric and VID (admin only); see :meth:`delete`.

        MAAS API: ``DELETE fabrics/{fabric_id}/vlans/{vid}/``.
        """
        self._transport.delete(_vid_path(fabric, vid))

    @api_operation("PUT", "vlans/{vlan_id}/")
    def enable_dhcp(
        self,
        vlan: VLANRef,
        primary_rack: str | None = None,
        *,
        secondary_rack: str | None = None,
    ) -> VLAN:
        """Turn MAAS DHCP on for a VLAN (admin only); this also ends any DHCP relay.

        MAAS API: ``PUT vlans/{vlan_id}/`` with ``dhcp_on=true``.

        Args:
            vlan: The VLAN (database id or object).
            primary_rack: system_id of the rack controller to serve DHCP (needed unless the
                VLAN already has one).
            secondary_rack: system_id of a standby rack controller (DHCP failover).

        Raises:
            BadRequestError: No dynamic IP range on the VLAN's subnets
                (``field_errors["dhcp_on"]``), or no primary rack controller (``__all__``).
        """
        return self.update(
            vlan, dhcp_on=True, primary_rack=primary_rack, secondary_rack=secondary_rack
        )

    @api_operation("PUT", "vlans/{vlan_id}/")
    def disable_dhcp(self, vlan: VLANRef) -> VLAN:
        """Turn MAAS DHCP off for a VLAN (admin only).

        MAAS API: ``PUT vlans/{vlan_id}/`` with ``dhcp_on=false``.
        """
        return self.update(vlan, dhcp_on=False)

    @api_operation("PUT", "vlans/{vlan_id}/")
    def relay_dhcp(self, vlan: VLANRef, relay_vlan: VLANRef | None) -> VLAN:
        """Have a VLAN's DHCP requests relayed to another VLAN's MAAS DHCP (admin only).

        MAAS does not run the relay itself: an external DHCP relay must forward the requests
        to the rack controllers of ``relay_vlan``. MAAS refuses a relay on a VLAN whose own
        DHCP is on (turn it off first) and a relay VLAN that itself relays.

        MAAS API: ``PUT vlans/{vlan_id}/`` with ``relay_vlan``.

        Args:
            vlan: The VLAN whose requests are relayed.
            relay_vlan: The VLAN serving them, or ``None`` to stop relaying.
        """
        return self.update(vlan, relay_vlan="" if relay_vlan is None else relay_vlan)


def _fabric_path(fabric: FabricRef) -> str:
    key = fabric if isinstance(fabric, int | str) else fabric.id
    return f"fabrics/{path_segment(key)}/"


def _vlan_id(vlan: VLANRef) -> int:
    return vlan.id if isinstance(vlan, common.VLAN) else vlan


def _vlan_path(vlan: VLANRef) -> str:
    return f"vlans/{path_segment(_vlan_id(vlan))}/"


def _vid_path(fabric: FabricRef, vid: int | str) -> str:
    return f"{_fabric_path(fabric)}vlans/{path_segment(vid)}/"


def _update_form(arguments: dict[str, Any]) -> FormPairs:
    values = {
        key: arguments[key]
        for key in (
            "name",
            "description",
            "mtu",
            "dhcp_on",
            "primary_rack",
            "secondary_rack",
            "relay_vlan",
            "space",
        )
    }
    relay = values["relay_vlan"]
    if isinstance(relay, common.VLAN):
        values["relay_vlan"] = relay.id
    return form(values)
