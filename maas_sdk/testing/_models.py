"""The objects a fake region holds (everything but nodes), as plain dataclasses.

They hold references by id (a subnet holds ``vlan_id``, a VLAN ``fabric_id``), so renaming a
fabric or a zone changes every object that shows it, as on the real server. Rendering lives in
:mod:`maas_sdk.testing._render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "VLAN",
    "Domain",
    "Event",
    "Fabric",
    "IPRange",
    "ReservedIP",
    "ResourcePool",
    "SSHKey",
    "Space",
    "StaticRoute",
    "Subnet",
    "Tag",
    "Token",
    "User",
    "Zone",
]


@dataclass
class User:
    """A MAAS user (``users/{username}/``).

    Attributes:
        id: Database id.
        username: Login name (the path key).
        email: E-mail address (not validated by MAAS).
        is_superuser: Admin rights.
        password: Password for ``/MAAS/accounts/authenticate/`` (None: cannot log in).
        is_local: Always true without external auth.
        is_active: A deactivated user's keys get 403 ``User is not allowed access to this API.``
        is_system: MAAS's built-in users (``MAAS``, ``maas-init-node``): listed, cannot log in.
    """

    id: int
    username: str
    email: str
    is_superuser: bool
    password: str | None = None
    is_local: bool = True
    is_active: bool = True
    is_system: bool = False


@dataclass
class Token:
    """One API key: MAAS creates one OAuth consumer (secret ``""``) per token.

    Attributes:
        consumer_key: 18 characters.
        token_key: 18 characters.
        secret: The 32-character token secret.
        username: Owner.
        name: The consumer name (``MAAS consumer`` by default).
    """

    consumer_key: str
    token_key: str
    secret: str
    username: str
    name: str = "MAAS consumer"

    @property
    def api_key(self) -> str:
        """The ``consumer_key:token_key:secret`` string."""
        return f"{self.consumer_key}:{self.token_key}:{self.secret}"


@dataclass
class Zone:
    """An availability zone (addressed by name)."""

    id: int
    name: str
    description: str = ""


@dataclass
class ResourcePool:
    """A resource pool (``resourcepool/{id}/``)."""

    id: int
    name: str
    description: str = ""


@dataclass
class Domain:
    """A DNS domain.

    Attributes:
        resource_record_count: DNS records in the domain (kept by whoever adds records).
    """

    id: int
    name: str
    authoritative: bool = True
    ttl: int | None = None
    forward_dns_servers: list[str] = field(default_factory=list)
    resource_record_count: int = 0


@dataclass
class Fabric:
    """A fabric; its VLANs are the VLANs whose ``fabric_id`` is its id."""

    id: int
    name: str | None
    class_type: str | None = None
    description: str = ""

    @property
    def display_name(self) -> str:
        """``fabric-<id>`` when unnamed."""
        return self.name or f"fabric-{self.id}"


@dataclass
class VLAN:
    """A VLAN inside a fabric.

    Attributes:
        name: None shows as ``untagged`` for VID 0 and as the VID otherwise.
        relay_vlan_id: Database id of the relay VLAN.
        space_id: None means the synthetic ``undefined`` space.
    """

    id: int
    fabric_id: int
    vid: int
    name: str | None = None
    description: str = ""
    mtu: int = 1500
    dhcp_on: bool = False
    external_dhcp: str | None = None
    primary_rack: str | None = None
    secondary_rack: str | None = None
    relay_vlan_id: int | None = None
    space_id: int | None = None

    @property
    def display_name(self) -> str:
        """The ``name`` MAAS renders."""
        if self.name:
            return self.name
        return "untagged" if self.vid == 0 else str(self.vid)


@dataclass
class Space:
    """A network space (``spaces/{id}/``)."""

    id: int
    name: str
    description: str = ""


@dataclass
class Subnet:
    """A subnet on a VLAN."""

    id: int
    name: str
    cidr: str
    vlan_id: int
    description: str = ""
    gateway_ip: str | None = None
    dns_servers: list[str] = field(default_factory=list)
    rdns_mode: int = 2
    allow_dns: bool = True
    allow_proxy: bool = True
    active_discovery: bool = False
    managed: bool = True
    disabled_boot_architectures: list[str] = field(default_factory=list)


@dataclass
class IPRange:
    """A dynamic or reserved IP range (``ipranges/{id}/``)."""

    id: int
    type: str
    start_ip: str
    end_ip: str
    subnet_id: int
    comment: str = ""
    username: str | None = None


@dataclass
class ReservedIP:
    """A user-reserved address (``ipaddresses/?op=reserve``; alloc_type 4).

    Attributes:
        created: Virtual wall-clock time of the reservation.
        mac: The MAC it was reserved for, if any.
        hostname: DNS name given at reservation, if any.
    """

    id: int
    ip: str
    subnet_id: int
    username: str
    created: datetime
    mac: str | None = None
    hostname: str | None = None


@dataclass
class StaticRoute:
    """A static route between two subnets."""

    id: int
    source_id: int
    destination_id: int
    gateway_ip: str
    metric: int = 0


@dataclass
class Tag:
    """A tag (addressed by name); node membership is kept by the node hooks."""

    id: int
    name: str
    definition: str = ""
    comment: str = ""
    kernel_opts: str = ""


@dataclass
class SSHKey:
    """A public SSH key of a user."""

    id: int
    username: str
    key: str
    keysource: str = ""


@dataclass
class Event:
    """One entry of the event log (``events/?op=query``).

    Attributes:
        type: The event type's description (``Node changed status``, ``Deploying``...).
        level: Numeric level: 0 AUDIT, 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL.
        node: The node's system_id, or None.
        hostname: The node's hostname at the time.
        username: Who caused it (``unknown`` when no user did).
        node_type: 0 machine, 1 device (device events are never listed), ...
    """

    id: int
    type: str
    description: str
    level: int
    created: datetime
    node: str | None = None
    hostname: str = ""
    username: str = "unknown"
    node_type: int = 0
