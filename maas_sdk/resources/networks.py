"""Networks (deprecated): :class:`Network` and the :class:`Networks` manager.

``networks/`` is MAAS 1.x's view of subnets, kept read-only since 2.0: a network is the subnet
with id ``<n>``, named ``subnet-<n>``. Its create, update, delete, ``connect_macs`` and
``disconnect_macs`` operations always answer 410 ``Gone``; the SDK offers them so that every
public operation is reachable, and every method here warns with :class:`DeprecationWarning`.
Use ``client.subnets`` instead. Reached as ``client.networks``.

MAAS API: ``networks/``, ``networks/{name}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)

__all__ = ["ConnectedMAC", "Network", "Networks"]

_DEPRECATED = "networks/ is deprecated since MAAS 2.0; use client.subnets"


class Network(Resource):
    """A subnet as the deprecated ``networks/`` API shows it (identified by :attr:`name`)."""

    _identity_field: ClassVar[str] = "name"
    if TYPE_CHECKING:
        _manager: Networks | None

    name: str
    """``subnet-<subnet id>``."""
    ip: str = ""
    """Network address, e.g. ``10.0.0.0``."""
    netmask: str = ""
    """Network mask, e.g. ``255.255.255.0``."""
    vlan_tag: int | None = None
    """VID of the subnet's VLAN (0: untagged)."""
    description: str = ""
    """The subnet's name."""
    default_gateway: str | None = None
    """The subnet's gateway, or ``None``."""
    dns_servers: list[str] = Field(default_factory=list)
    """The subnet's DNS servers."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/networks/subnet-<id>/``)."""

    def __repr__(self) -> str:
        return f"<Network {self.name} {self.ip}/{self.netmask}>"

    __str__ = __repr__

    def _networks(self) -> Networks:
        manager: Networks | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Network:
        """Re-read the network and return it."""
        return self._apply(self._networks().get(self.name))

    def list_connected_macs(self) -> builtins.list[str]:
        """List the MACs on the network; see :meth:`Networks.list_connected_macs`."""
        return self._networks().list_connected_macs(self.name)


class ConnectedMAC(MAASModel):
    """One item of ``op=list_connected_macs``."""

    mac_address: str
    """A MAC address of a node interface with an address on the network."""


_NETWORK = TypeAdapter(Network)
_NETWORK_LIST = TypeAdapter(list[Network])
_MACS = TypeAdapter(list[ConnectedMAC])


def _warn() -> None:
    warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=3)


class Networks:
    """Manager of the deprecated networks, reached as ``client.networks``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Networks manager (deprecated)>"

    @api_operation("GET", "networks/")
    def list(self, *, node: str | Sequence[str] | None = None) -> builtins.list[Network]:
        """List the networks, by subnet id (deprecated: use ``client.subnets.list()``).

        MAAS API: ``GET networks/``.

        Args:
            node: Only networks every one of these nodes (system_ids) has an address on.

        Raises:
            BadRequestError: An unknown system_id (``field_errors["node"]``).
        """
        _warn()
        nodes = [node] if isinstance(node, str) else node
        answer = self._transport.get("networks/", params=form({"node": nodes}))
        networks = decode(answer, _NETWORK_LIST)
        bind_all(networks, self)
        return networks

    @api_operation("GET", "networks/{name}/")
    def get(self, name: str) -> Network:
        """Read one network by name (``subnet-<id>``) or any subnet specifier (deprecated).

        MAAS API: ``GET networks/{name}/``.

        Raises:
            NotFoundError: No subnet matches.
        """
        _warn()
        return decode(self._transport.get(_network_path(name)), _NETWORK)._bind(self)

    @api_operation("GET", "networks/{name}/", op="list_connected_macs")
    def list_connected_macs(self, name: str) -> builtins.list[str]:
        """List the MACs of the visible nodes' interfaces with an address on the network.

        MAAS API: ``GET networks/{name}/?op=list_connected_macs``.
        """
        _warn()
        answer = self._transport.get(_network_path(name), op="list_connected_macs")
        return [item.mac_address for item in decode(answer, _MACS)]

    @api_operation("POST", "networks/")
    def create(
        self,
        name: str,
        *,
        ip: str | None = None,
        netmask: str | None = None,
        vlan_tag: int | None = None,
        description: str | None = None,
    ) -> None:
        """Define a network: gone since MAAS 2.0 (use ``client.subnets.create``).

        MAAS API: ``POST networks/``.

        Raises:
            APIError: Always, status 410 ``Gone`` (403 for a non-administrator).
        """
        _warn()
        data = form(
            {
                "name": name,
                "ip": ip,
                "netmask": netmask,
                "vlan_tag": vlan_tag,
                "description": description,
            }
        )
        self._transport.post("networks/", data=data)

    @api_operation("PUT", "networks/{name}/")
    def update(
        self,
        name: str,
        *,
        new_name: str | None = None,
        ip: str | None = None,
        netmask: str | None = None,
        vlan_tag: int | None = None,
        description: str | None = None,
    ) -> None:
        """Change a network: gone since MAAS 2.0 (use ``client.subnets.update``).

        MAAS API: ``PUT networks/{name}/``.

        Raises:
            APIError: Always, status 410 ``Gone`` (403 for a non-administrator).
        """
        _warn()
        data = form(
            {
                "name": new_name,
                "ip": ip,
                "netmask": netmask,
                "vlan_tag": vlan_tag,
                "description": description,
            }
        )
        self._transport.put(_network_path(name), data=data)

    @api_operation("DELETE", "networks/{name}/")
    def delete(self, name: str) -> None:
        """Delete a network: gone since MAAS 2.0 (use ``client.subnets.delete``).

        MAAS API: ``DELETE networks/{name}/``.

        Raises:
            APIError: Always, status 410 ``Gone`` (403 for a non-administrator).
        """
        _warn()
        self._transport.delete(_network_path(name))

    @api_operation("POST", "networks/{name}/", op="connect_macs")
    def connect_macs(self, name: str, macs: Sequence[str]) -> None:
        """Connect MACs to a network: gone since MAAS 2.0 (use interface ``link_subnet``).

        MAAS API: ``POST networks/{name}/?op=connect_macs``.

        Raises:
            APIError: Always, status 410 ``Gone`` (403 for a non-administrator).
        """
        _warn()
        path = _network_path(name)
        self._transport.post(path, op="connect_macs", data=form({"macs": list(macs)}))

    @api_operation("POST", "networks/{name}/", op="disconnect_macs")
    def disconnect_macs(self, name: str, macs: Sequence[str]) -> None:
        """Disconnect MACs from a network: gone since MAAS 2.0 (use ``unlink_subnet``).

        MAAS API: ``POST networks/{name}/?op=disconnect_macs``.

        Raises:
            APIError: Always, status 410 ``Gone`` (403 for a non-administrator).
        """
        _warn()
        path = _network_path(name)
        self._transport.post(path, op="disconnect_macs", data=form({"macs": list(macs)}))


def _network_path(name: str) -> str:
    return f"networks/{path_segment(name)}/"
