"""Network discovery: :class:`Discovery` and the :class:`Discoveries` manager.

Rack controllers observe the devices on their networks (ARP neighbours, mDNS names); MAAS lists
each observed IP/MAC pair as a discovery, most recently seen first. Reached as
``client.discoveries``. A discovery is addressed by its ``discovery_id`` or by a specifier
(``ip:<address>``, ``mac:<mac>``).

MAAS API: ``discovery/``, ``discovery/{discovery_id}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, ClassVar
from urllib.parse import quote

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.errors import APIError
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = [
    "ControllerSummary",
    "Discoveries",
    "Discovery",
    "DiscoveryObserver",
    "ScanFailure",
    "ScanResult",
]

_PATH = "discovery/"


class DiscoveryObserver(MAASModel):
    """The rack controller interface that observed a discovery."""

    system_id: str | None = None
    """system_id of the observing controller."""
    hostname: str | None = None
    """Hostname of the observing controller."""
    interface_id: int | None = None
    """Id of the interface that saw the device."""
    interface_name: str | None = None
    """Name of that interface (``eth0``)."""


class Discovery(Resource):
    """A device observed on the network.

    Compares equal to another :class:`Discovery` with the same :attr:`discovery_id`. Nothing
    can be assigned; :meth:`clear` forgets it.
    """

    _identity_field: ClassVar[str] = "discovery_id"
    if TYPE_CHECKING:
        _manager: Discoveries | None

    discovery_id: str
    """Opaque id (base64 of ``<ip>,<mac>``)."""
    ip: str | None = None
    """The observed address."""
    mac_address: str | None = None
    """The observed MAC address."""
    mac_organization: str | None = None
    """Vendor of the MAC address, when known."""
    last_seen: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the pair was last observed."""
    hostname: str | None = None
    """Name the device announced over mDNS, or ``None``."""
    fabric_name: str | None = None
    """Name of the fabric it was seen on."""
    vid: int | None = None
    """VID of the VLAN it was seen on."""
    observer: DiscoveryObserver | None = None
    """The rack controller interface that saw it."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/discovery/<discovery_id>/``)."""

    def __repr__(self) -> str:
        return f"<Discovery {self.ip} {self.mac_address}>"

    __str__ = __repr__

    def _discoveries(self) -> Discoveries:
        manager: Discoveries | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Discovery:
        """Re-read the discovery and return it."""
        return self._apply(self._discoveries().get(self.discovery_id))

    def clear(self) -> bool:
        """Forget this IP/MAC pair; see :meth:`Discoveries.clear_by_mac_and_ip`."""
        return self._discoveries().clear_by_mac_and_ip(self.ip or "", self.mac_address or "")


class ControllerSummary(MAASModel):
    """A rack controller named in a scan result."""

    system_id: str = ""
    """system_id of the controller."""
    hostname: str = ""
    """Hostname of the controller."""


class ScanFailure(MAASModel):
    """An error a rack controller reported for a scan."""

    type: str = ""
    """Name of the error type."""
    message: str = ""
    """Error message."""


class ScanResult(MAASModel):
    """What ``POST discovery/?op=scan`` reports."""

    result: str = ""
    """Human-readable summary (``Scanning is in-progress on all rack controllers.``)."""
    scan_started_on: list[ControllerSummary] = Field(default_factory=list)
    """Controllers where a scan started."""
    scan_failed_on: list[ControllerSummary] = Field(default_factory=list)
    """Controllers already scanning (a new scan could not start)."""
    scan_attempted_on: list[ControllerSummary] = Field(default_factory=list)
    """Controllers reached over RPC."""
    failed_to_connect_to: list[ControllerSummary] = Field(default_factory=list)
    """Controllers that could not be reached."""
    rpc_call_timed_out_on: list[ControllerSummary] = Field(default_factory=list)
    """Controllers that did not answer in time."""
    failures: list[ScanFailure] = Field(default_factory=list)
    """Errors reported by controllers."""


_DISCOVERY = TypeAdapter(Discovery)
_DISCOVERY_LIST = TypeAdapter(list[Discovery])
_SCAN = TypeAdapter(ScanResult)


class Discoveries:
    """Manager of network discoveries, reached as ``client.discoveries``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Discoveries manager>"

    def _list(self, op: str | None) -> builtins.list[Discovery]:
        discoveries = decode(self._transport.get(_PATH, op=op), _DISCOVERY_LIST)
        bind_all(discoveries, self)
        return discoveries

    @api_operation("GET", "discovery/")
    def list(self) -> builtins.list[Discovery]:
        """List every discovery, most recently seen first.

        MAAS API: ``GET discovery/``.
        """
        return self._list(None)

    @api_operation("GET", "discovery/", op="by_unknown_mac")
    def by_unknown_mac(self) -> builtins.list[Discovery]:
        """List the discoveries whose MAC is on no interface MAAS knows.

        MAAS API: ``GET discovery/?op=by_unknown_mac``.
        """
        return self._list("by_unknown_mac")

    @api_operation("GET", "discovery/", op="by_unknown_ip")
    def by_unknown_ip(self) -> builtins.list[Discovery]:
        """List the discoveries whose IP MAAS has not assigned or seen assigned to a node.

        MAAS API: ``GET discovery/?op=by_unknown_ip``.
        """
        return self._list("by_unknown_ip")

    @api_operation("GET", "discovery/", op="by_unknown_ip_and_mac")
    def by_unknown_ip_and_mac(self) -> builtins.list[Discovery]:
        """List the discoveries whose IP and MAC are both unknown to MAAS.

        MAAS API: ``GET discovery/?op=by_unknown_ip_and_mac``.
        """
        return self._list("by_unknown_ip_and_mac")

    @api_operation("GET", "discovery/{discovery_id}/")
    def get(self, discovery: str) -> Discovery:
        """Read one discovery by ``discovery_id`` or specifier (``ip:<address>``, ``mac:<mac>``).

        MAAS API: ``GET discovery/{discovery_id}/``.

        Raises:
            NotFoundError: No discovery matches.
            PermissionDeniedError: The specifier matches several discoveries.
        """
        path = f"{_PATH}{quote(discovery, safe=':=')}/"
        return decode(self._transport.get(path), _DISCOVERY)._bind(self)

    @api_operation("POST", "discovery/", op="clear")
    def clear(
        self,
        *,
        mdns: bool | None = None,
        neighbours: bool | None = None,
        all: bool | None = None,  # noqa: A002 - MAAS's parameter name
    ) -> None:
        """Delete discovery data (admin only); say which with at least one flag.

        MAAS API: ``POST discovery/?op=clear``.

        Args:
            mdns: Delete the names learnt over mDNS.
            neighbours: Delete the observed neighbours (the discoveries themselves).
            all: Delete both.

        Raises:
            BadRequestError: No flag was true.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"mdns": mdns, "neighbours": neighbours, "all": all})
        self._transport.post(_PATH, op="clear", data=data)

    @api_operation("POST", "discovery/", op="clear_by_mac_and_ip")
    def clear_by_mac_and_ip(self, ip: str, mac: str) -> bool:
        """Delete the discoveries (and names) of one IP/MAC pair (admin only).

        MAAS API: ``POST discovery/?op=clear_by_mac_and_ip``.

        Returns:
            ``True`` if something was deleted, ``False`` if nothing matched (MAAS answers
            410 ``Gone`` then).

        Raises:
            PermissionDeniedError: The caller is not an administrator.
        """
        data = form({"ip": ip, "mac": mac})
        try:
            self._transport.post(_PATH, op="clear_by_mac_and_ip", data=data)
        except APIError as exc:
            if exc.status_code == 410:
                return False
            raise
        return True

    @api_operation("POST", "discovery/", op="scan")
    def scan(
        self,
        cidr: str | Sequence[str] | None = None,
        *,
        force: bool | None = None,
        always_use_ping: bool | None = None,
        slow: bool | None = None,
        threads: int | None = None,
    ) -> ScanResult:
        """Start a neighbour scan on the rack controllers (it runs in the background).

        MAAS API: ``POST discovery/?op=scan``.

        Args:
            cidr: The network(s) to scan; omitted: every network of every rack (needs
                ``force``).
            force: Allow scanning every network.
            always_use_ping: Use ``ping`` even where ``nmap`` is installed.
            slow: Limit ``nmap`` to nine packets per second.
            threads: Number of concurrent scanning threads.

        Raises:
            BadRequestError: No ``cidr`` and no ``force``, or a malformed CIDR.
        """
        cidrs = [cidr] if isinstance(cidr, str) else cidr
        data = form(
            {
                "cidr": cidrs,
                "force": force,
                "always_use_ping": always_use_ping,
                "slow": slow,
                "threads": threads,
            }
        )
        return decode(self._transport.post(_PATH, op="scan", data=data), _SCAN)
