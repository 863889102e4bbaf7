"""Devices: the :class:`Device` model and the :class:`Devices` manager (``client.devices``).

A device is a node MAAS does not deploy (a switch, a container, an appliance): it only has
interfaces (and so addresses and DNS names), an owner, a zone, tags and optionally a parent
node. Any user may register one and becomes its owner.

MAAS API: ``devices/``, ``devices/{system_id}/`` (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Unpack

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeType
from maas_sdk.resources._base import FormPairs, as_list, bound_manager, form
from maas_sdk.resources._node_collection import NodeCollection, NodeResource
from maas_sdk.resources._node_support import NodeFilters, NodeTransport
from maas_sdk.resources.common import Domain
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.machine_filters import Names
from maas_sdk.resources.zones import Zone

__all__ = ["Device", "Devices"]


class Device(NodeResource):
    """A device: a node with interfaces that MAAS tracks but does not deploy.

    Compares equal to another :class:`Device` with the same ``system_id``. ``hostname``,
    ``description``, ``domain``, ``parent`` and ``zone`` can be assigned and sent with
    :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"hostname", "description", "domain", "parent", "zone"}
    )
    if TYPE_CHECKING:
        _manager: Devices | None

    system_id: str
    """Stable identifier of the device."""
    hostname: str
    """Host name (without the domain). Writable."""
    description: str = ""
    """Free-form description (absent before MAAS 2.5). Writable."""
    domain: Domain | None = None
    """DNS domain of the device. Writable (assign a :class:`Domain`)."""
    fqdn: str = ""
    """Fully qualified domain name, ``hostname.domain``."""
    owner: str | None = None
    """Username of the user who registered the device."""
    workload_annotations: dict[str, str] = Field(default_factory=dict)
    """Owner's key/value annotations (MAAS 3.0+)."""
    owner_data: dict[str, str] = Field(default_factory=dict)
    """Deprecated alias of :attr:`workload_annotations` (the same dict)."""
    parent: str | None = None
    """system_id of the parent node, or ``None``. Writable (``None`` clears it)."""
    tag_names: list[str] = Field(default_factory=list)
    """Names of the tags on the device."""
    address_ttl: int | None = None
    """TTL of the device's DNS records in seconds, or ``None`` for the domain's."""
    ip_addresses: list[str] = Field(default_factory=list)
    """Addresses of the interfaces; MAAS 3.4 leaves the key out (then ``[]``: read
    :attr:`addresses`)."""
    interface_set: list[Interface] = Field(default_factory=list)
    """Network interfaces of the device."""
    zone: Zone | None = None
    """Availability zone. Writable (assign a :class:`Zone`)."""
    node_type: NodeType = NodeType.DEVICE
    """Kind of node (always ``DEVICE`` here)."""
    node_type_name: str = "Device"
    """``node_type`` as MAAS labels it."""
    resource_uri: str = ""
    """Absolute API path of the device (``/MAAS/api/2.0/devices/<system_id>/``)."""

    def __repr__(self) -> str:
        return f"<Device {self.system_id} {self.hostname}>"

    __str__ = __repr__

    def _devices(self) -> Devices:
        manager: Devices | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def save(self) -> Device:
        """Send the assigned fields (nothing if none changed) and return the updated device."""
        changes = self.changes
        if not changes:
            return self
        if "parent" in changes and changes["parent"] is None:
            changes["parent"] = ""
        return self._apply(self._devices().update(self.system_id, **changes))

    def delete(self) -> None:
        """Delete the device; see :meth:`Devices.delete`."""
        self._devices().delete(self.system_id)

    def restore_networking_configuration(self) -> Device:
        """Reset the interfaces; see :meth:`Devices.restore_networking_configuration`."""
        manager = self._devices()
        return self._apply(manager.restore_networking_configuration(self.system_id))

    def restore_default_configuration(self) -> Device:
        """Reset the configuration; see :meth:`Devices.restore_default_configuration`."""
        manager = self._devices()
        return self._apply(manager.restore_default_configuration(self.system_id))

    def set_workload_annotations(self, annotations: Mapping[str, str | None]) -> Device:
        """Set or delete annotations; see :meth:`Devices.set_workload_annotations`."""
        manager = self._devices()
        return self._apply(manager.set_workload_annotations(self.system_id, annotations))


_DEVICE = TypeAdapter(Device)
_DEVICES = TypeAdapter(list[Device])


class Devices(NodeCollection[Device]):
    """Manager of devices, reached as ``client.devices``.

    ``get``, ``details``, ``power_parameters``, ``is_registered``, ``is_action_in_progress``
    and ``set_zone`` come from :class:`~maas_sdk.resources._node_collection.NodeCollection`
    (``devices/``).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        super().__init__(transport, "devices/", _DEVICE, _DEVICES)

    # --- reading ---------------------------------------------------------------------------

    @api_operation("GET", "devices/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[Device]:
        """List the devices visible to the caller that match every filter given.

        A non-admin sees the devices they own and unowned ones. The filters are those of
        every node listing (:class:`~maas_sdk.resources._node_support.NodeFilters`:
        ``hostname``, ``mac_address``, ``zone``, ``tags``, ``owner``, ...).

        MAAS API: ``GET devices/``.

        Raises:
            BadRequestError: An unknown zone, tag or owner, or a malformed value.
        """
        return self._list(filters)

    def find_by_hostname(self, hostname: str) -> Device | None:
        """Return the device with this host name (without domain), or ``None``.

        MAAS API: ``GET devices/?hostname=...`` (a server-side filter).
        """
        return next(iter(self.list(hostname=hostname)), None)

    def find_by_mac_address(self, mac_address: str) -> Device | None:
        """Return the device with an interface of this MAC address, or ``None``.

        MAAS API: ``GET devices/?mac_address=...`` (a server-side filter).
        """
        return next(iter(self.list(mac_address=mac_address)), None)

    # --- creating, changing, deleting ------------------------------------------------------

    @api_operation("POST", "devices/")
    def create(
        self,
        mac_addresses: Names,
        *,
        hostname: str | None = None,
        description: str | None = None,
        domain: str | int | Domain | None = None,
        parent: str | None = None,
        zone: str | Zone | None = None,
    ) -> Device:
        """Register a device; the caller becomes its owner (any user may).

        MAAS API: ``POST devices/``.

        Args:
            mac_addresses: MAC addresses of its interfaces (one interface each; required).
            hostname: Host name; generated if omitted.
            description: Free-form description.
            domain: DNS domain (id, name or model); the parent's, else the default one.
            parent: system_id of the node the device belongs to.
            zone: Zone (name or model); the default zone if omitted.

        Raises:
            BadRequestError: No MAC, an invalid or used MAC, a taken hostname
                (``field_errors`` says which).
        """
        data = form(
            {"mac_addresses": as_list(mac_addresses)},
            _device_form(hostname, description, domain, parent, zone),
        )
        return self._one(self._transport.post("devices/", data=data))

    @api_operation("PUT", "devices/{system_id}/")
    def update(
        self,
        system_id: str,
        *,
        hostname: str | None = None,
        description: str | None = None,
        domain: str | int | Domain | None = None,
        parent: str | None = None,
        zone: str | Zone | None = None,
    ) -> Device:
        """Change a device (owner or admin); ``None`` leaves a field unchanged.

        MAAS API: ``PUT devices/{system_id}/``.

        Args:
            system_id: The device.
            hostname: New host name.
            description: New description (``""`` clears it).
            domain: DNS domain (id, name or model).
            parent: system_id of the new parent (``""`` removes the parent).
            zone: Zone (name or model).

        Raises:
            BadRequestError: Invalid values, e.g. an unknown zone.
            PermissionDeniedError: The device belongs to another user.
        """
        data = _device_form(hostname, description, domain, parent, zone)
        return self._one(self._transport.put(self._path(system_id), data=data))

    @api_operation("DELETE", "devices/{system_id}/")
    def delete(self, system_id: str) -> None:
        """Delete a device (owner or admin).

        MAAS API: ``DELETE devices/{system_id}/``.

        Raises:
            NotFoundError: No such device.
        """
        self._transport.delete(self._path(system_id))

    # --- instance operations ---------------------------------------------------------------

    @api_operation("POST", "devices/{system_id}/", op="restore_networking_configuration")
    def restore_networking_configuration(self, system_id: str) -> Device:
        """Reset the device's interfaces to their initial configuration (admin).

        MAAS API: ``POST devices/{system_id}/?op=restore_networking_configuration``.
        """
        return self._post(system_id, "restore_networking_configuration", [])

    @api_operation("POST", "devices/{system_id}/", op="restore_default_configuration")
    def restore_default_configuration(self, system_id: str) -> Device:
        """Reset the device's configuration (its interfaces) to the defaults (admin).

        MAAS API: ``POST devices/{system_id}/?op=restore_default_configuration``.
        """
        return self._post(system_id, "restore_default_configuration", [])

    @api_operation("POST", "devices/{system_id}/", op="set_workload_annotations")
    def set_workload_annotations(
        self, system_id: str, annotations: Mapping[str, str | None]
    ) -> Device:
        """Set (or, with ``None`` or ``""``, delete) annotations of a device you own.

        MAAS API: ``POST devices/{system_id}/?op=set_workload_annotations``.

        Raises:
            ConflictError: The caller does not own the device.
        """
        return self._post(system_id, "set_workload_annotations", _annotation_form(annotations))

    @api_operation("POST", "devices/{system_id}/", op="set_owner_data")
    def set_owner_data(self, system_id: str, owner_data: Mapping[str, str | None]) -> Device:
        """Deprecated spelling of :meth:`set_workload_annotations` (MAAS before 3.0).

        MAAS API: ``POST devices/{system_id}/?op=set_owner_data``.
        """
        return self._post(system_id, "set_owner_data", _annotation_form(owner_data))


def _annotation_form(annotations: Mapping[str, str | None]) -> FormPairs:
    return [(key, "" if value is None else value) for key, value in annotations.items()]


def _device_form(
    hostname: str | None,
    description: str | None,
    domain: str | int | Domain | None,
    parent: str | None,
    zone: str | Zone | None,
) -> FormPairs:
    return form(
        {
            "hostname": hostname,
            "description": description,
            "domain": domain.id if isinstance(domain, Domain) else domain,
            "parent": parent,
            "zone": zone.name if isinstance(zone, Zone) else zone,
        }
    )
