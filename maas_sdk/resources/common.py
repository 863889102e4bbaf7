"""Objects MAAS nests inside machines and subnets: pools, domains, VLANs, storage, stubs.

They are read-only snapshots without bound actions. Every field has a default, so a key that an
older or newer MAAS leaves out never fails the parse; fields the server sends as ``null`` are
typed ``X | None``.

MAAS API: REFERENCE.md §9.2 (VLAN), §10.2 (resource pool), §10.3 (domain), §14 (storage),
§7.1 (machine sub-objects).
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from maas_sdk.enums import BlockDeviceType
from maas_sdk.resources._base import MAASModel

__all__ = [
    "VLAN",
    "BlockDevice",
    "DefaultGateway",
    "DefaultGateways",
    "Domain",
    "Filesystem",
    "HugepagesSet",
    "IdRef",
    "NumaNode",
    "ObjectStub",
    "Partition",
    "PodStub",
    "ResourcePool",
]


class IdRef(MAASModel):
    """Only the ``id`` of an object MAAS sends in full elsewhere in the same answer."""

    model_config = ConfigDict(extra="ignore")

    id: int
    """Id of the referenced object."""


class ResourcePool(MAASModel):
    """A resource pool (``machine.pool``).

    MAAS API: ``GET resourcepool/{id}/``.
    """

    id: int
    """Database id (the default pool has id 0)."""
    name: str
    """Pool name; machines reference pools by name."""
    description: str = ""
    """Free-form description."""
    resource_uri: str = ""
    """Absolute API path of the pool (``/MAAS/api/2.0/resourcepool/<id>/``)."""


class Domain(MAASModel):
    """A DNS domain (``machine.domain``).

    MAAS API: ``GET domains/{id}/``.
    """

    id: int
    """Database id (the default domain ``maas`` has id 0)."""
    name: str
    """Domain name, e.g. ``maas``."""
    ttl: int | None = None
    """Default TTL of the domain's records in seconds, or ``None`` for the global default."""
    authoritative: bool = True
    """Whether MAAS is authoritative for the domain."""
    resource_record_count: int = 0
    """Number of DNS resource records in the domain."""
    is_default: bool = False
    """Whether this is the default domain for new nodes."""
    resource_uri: str = ""
    """Absolute API path of the domain (absent from anonymous answers)."""


class VLAN(MAASModel):
    """A VLAN (an interface's ``vlan``, a subnet's ``vlan``).

    MAAS API: ``GET vlans/{vlan_id}/``.
    """

    id: int
    """Database id (not the 802.1Q VID)."""
    name: str = ""
    """VLAN name (``"untagged"`` for VID 0 unless renamed)."""
    vid: int = 0
    """802.1Q VLAN id (0-4094; 0 is untagged)."""
    fabric: str = ""
    """Name of the fabric the VLAN belongs to."""
    fabric_id: int | None = None
    """Id of the fabric the VLAN belongs to."""
    mtu: int = 1500
    """MTU of the VLAN."""
    primary_rack: str | None = None
    """system_id of the primary rack controller serving DHCP, or ``None``."""
    secondary_rack: str | None = None
    """system_id of the secondary rack controller, or ``None``."""
    dhcp_on: bool = False
    """Whether MAAS serves DHCP on this VLAN."""
    external_dhcp: str | None = None
    """IP address of an external DHCP server seen on the VLAN, or ``None``."""
    relay_vlan: VLAN | None = None
    """The VLAN DHCP is relayed to, or ``None``."""
    space: str | None = None
    """Name of the VLAN's space (``"undefined"`` when it has none)."""
    resource_uri: str = ""
    """Absolute API path of the VLAN (``/MAAS/api/2.0/vlans/<id>/``)."""


class Filesystem(MAASModel):
    """A filesystem on a block device or partition, or a special (tmpfs/ramfs) mount."""

    fstype: str
    """Filesystem type (``ext4``, ``xfs``, ``swap``, ``tmpfs``, ...)."""
    label: str | None = None
    """Filesystem label, or ``None``."""
    uuid: str | None = None
    """Filesystem UUID, or ``None``."""
    mount_point: str | None = None
    """Where it is mounted, or ``None`` when unmounted."""
    mount_options: str | None = None
    """Mount options, or ``None``."""


class Partition(MAASModel):
    """A partition of a block device.

    MAAS API: ``GET nodes/{system_id}/blockdevices/{device_id}/partition/{id}``.
    """

    id: int
    """Database id of the partition."""
    uuid: str | None = None
    """Partition UUID."""
    path: str = ""
    """Device path, e.g. ``/dev/disk/by-dname/sda-part1``."""
    type: str = "partition"
    """Always ``"partition"``."""
    size: int = 0
    """Size in bytes."""
    bootable: bool = False
    """Whether the partition is marked bootable."""
    filesystem: Filesystem | None = None
    """The filesystem on the partition, or ``None``."""
    used_for: str = ""
    """Human-readable description of what the partition is used for."""
    tags: list[str] = Field(default_factory=list)
    """Tags of the partition."""
    system_id: str | None = None
    """system_id of the machine the partition belongs to."""
    device_id: int | None = None
    """Id of the block device holding the partition."""
    resource_uri: str = ""
    """Absolute API path of the partition (singular ``partition/``, no trailing slash)."""


class BlockDevice(MAASModel):
    """A physical or virtual block device of a machine.

    MAAS API: ``GET nodes/{system_id}/blockdevices/{id}/``.
    """

    id: int
    """Database id of the block device."""
    name: str = ""
    """Device name, e.g. ``sda``."""
    system_id: str | None = None
    """system_id of the machine the device belongs to."""
    uuid: str | None = None
    """UUID (virtual devices only; ``None`` for physical ones)."""
    type: BlockDeviceType = BlockDeviceType.PHYSICAL
    """``physical`` or ``virtual``."""
    path: str = ""
    """Device path, e.g. ``/dev/disk/by-dname/sda``."""
    model: str | None = None
    """Disk model (physical devices), or ``None``."""
    serial: str | None = None
    """Disk serial number (physical devices), or ``None``."""
    id_path: str | None = None
    """Stable ``/dev/disk/by-id/...`` path, or ``None``/``""`` when unknown."""
    size: int = 0
    """Size in bytes."""
    block_size: int = 0
    """Logical block size in bytes."""
    available_size: int = 0
    """Bytes not yet used by partitions or a filesystem."""
    used_size: int = 0
    """Bytes used by partitions or a filesystem."""
    used_for: str = ""
    """Human-readable description of what the device is used for (``"Unused"``)."""
    tags: list[str] = Field(default_factory=list)
    """Tags of the device (``ssd``, ``rotary``, ...)."""
    filesystem: Filesystem | None = None
    """A filesystem directly on the device, or ``None``."""
    partition_table_type: str | None = None
    """``GPT``, ``MBR`` or ``None`` when the device is not partitioned."""
    partitions: list[Partition] = Field(default_factory=list)
    """Partitions on the device."""
    firmware_version: str | None = None
    """Firmware version reported by the disk, or ``None``."""
    storage_pool: str | None = None
    """Storage pool of a VM disk, or ``None``."""
    numa_node: int | None = None
    """NUMA node index of a physical device, or ``None``."""
    resource_uri: str = ""
    """Absolute API path of the block device."""


class ObjectStub(MAASModel):
    """A reference MAAS renders instead of the object (``"__incomplete__": true``).

    Used for a machine's ``parent``, ``volume_groups``, ``raids``, ``bcaches`` and ``cache_sets``:
    fetch the real object separately if you need it.
    """

    system_id: str | None = None
    """system_id of the node the object belongs to (or of the parent node)."""
    id: int | None = None
    """Id of the referenced object, when it has one."""
    resource_uri: str | None = None
    """Absolute API path of the referenced object, when MAAS gives one."""
    incomplete: bool = Field(default=True, alias="__incomplete__")
    """MAAS's ``__incomplete__`` marker: always ``True`` for a stub."""


class PodStub(MAASModel):
    """The VM host a machine is a VM of (``machine.pod``)."""

    id: int
    """Id of the VM host."""
    name: str = ""
    """Name of the VM host."""
    resource_uri: str = ""
    """Absolute API path of the VM host (``/MAAS/api/2.0/pods/<id>/``)."""


class DefaultGateway(MAASModel):
    """The default gateway of one address family."""

    gateway_ip: str | None = None
    """Gateway address, or ``None`` when there is none."""
    link_id: int | None = None
    """Id of the interface link that provides the gateway, or ``None`` for the automatic one."""


class DefaultGateways(MAASModel):
    """A machine's default gateways per address family (``machine.default_gateways``)."""

    ipv4: DefaultGateway = Field(default_factory=DefaultGateway)
    """IPv4 default gateway."""
    ipv6: DefaultGateway = Field(default_factory=DefaultGateway)
    """IPv6 default gateway."""


class HugepagesSet(MAASModel):
    """Huge pages of one size configured on a NUMA node."""

    total: int = 0
    """Number of pages."""
    page_size: int = 0
    """Page size in bytes."""


class NumaNode(MAASModel):
    """One NUMA node of a machine (``machine.numanode_set``)."""

    index: int = 0
    """NUMA node index."""
    cores: list[int] = Field(default_factory=list)
    """CPU core numbers on the node."""
    memory: int = 0
    """Memory of the node in MiB."""
    hugepages_set: list[HugepagesSet] = Field(default_factory=list)
    """Huge pages configured on the node."""
