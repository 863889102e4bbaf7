"""Network interfaces as MAAS nests them in nodes (``interface_set``, ``boot_interface``).

MAAS API: ``nodes/{system_id}/interfaces/{id}/`` (REFERENCE.md §15.1).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from maas_sdk.enums import InterfaceType, LinkMode
from maas_sdk.resources._base import EMPTY_AS_DICT, MAASModel
from maas_sdk.resources.common import VLAN
from maas_sdk.resources.subnets import Subnet

__all__ = ["DiscoveredAddress", "Interface", "InterfaceLink"]


class InterfaceLink(MAASModel):
    """How an interface is connected to a subnet (``interface.links[]``)."""

    id: int
    """Id of the link (``unlink_subnet`` takes it)."""
    mode: LinkMode = LinkMode.LINK_UP
    """How the link gets its address."""
    subnet: Subnet | None = None
    """The linked subnet; MAAS omits the key when the link has no subnet."""
    ip_address: str | None = None
    """The link's address; MAAS omits the key while none is assigned (AUTO before deployment)."""


class DiscoveredAddress(MAASModel):
    """An address observed on an interface by DHCP snooping (``interface.discovered[]``)."""

    ip_address: str | None = None
    """The observed address."""
    subnet: Subnet | None = None
    """The subnet the address belongs to."""


class Interface(MAASModel):
    """A network interface of a node (physical, bond, bridge, VLAN or alias)."""

    id: int
    """Database id of the interface."""
    name: str = ""
    """Interface name (``eth0``, ``bond0``, ``br0``, ``eth0.100``)."""
    system_id: str | None = None
    """system_id of the node owning the interface."""
    type: InterfaceType = InterfaceType.PHYSICAL
    """Kind of interface."""
    vlan: VLAN | None = None
    """The VLAN the interface is on; ``None`` when disconnected."""
    mac_address: str | None = None
    """MAC address, colon-separated."""
    parents: list[str] = Field(default_factory=list)
    """Names of the interfaces this one is built on (bond members, VLAN parent)."""
    children: list[str] = Field(default_factory=list)
    """Names of the interfaces built on this one."""
    tags: list[str] = Field(default_factory=list)
    """Tags of the interface."""
    enabled: bool = True
    """Whether the interface is enabled."""
    links: list[InterfaceLink] = Field(default_factory=list)
    """Subnet links of the interface."""
    params: Annotated[dict[str, Any], EMPTY_AS_DICT] = Field(default_factory=dict)
    """Interface options (``bond_*``, ``bridge_*``, ``mtu``, ``accept_ra``); old MAAS sent
    ``""`` for none, which becomes ``{}``."""
    discovered: list[DiscoveredAddress] | None = None
    """Addresses observed on the interface, or ``None``."""
    effective_mtu: int = 1500
    """The MTU in effect (from the interface or its VLAN)."""
    vendor: str | None = None
    """NIC vendor, or ``None``."""
    product: str | None = None
    """NIC product, or ``None``."""
    firmware_version: str | None = None
    """NIC firmware version, or ``None``."""
    link_connected: bool = True
    """Whether a cable/link is connected."""
    interface_speed: int = 0
    """Maximum speed of the interface in Mbit/s (0 when unknown)."""
    link_speed: int = 0
    """Current link speed in Mbit/s (0 when unknown)."""
    numa_node: int | None = None
    """NUMA node index of the NIC, or ``None``."""
    sriov_max_vf: int = 0
    """Maximum number of SR-IOV virtual functions."""
    resource_uri: str = ""
    """Absolute API path of the interface."""
