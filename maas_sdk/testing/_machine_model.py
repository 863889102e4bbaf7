"""In-memory records of the fake MAAS's machines: statuses, machines, interfaces, disks.

The records hold exactly the state MAAS keeps for a machine; rendering them into API objects
lives in :mod:`maas_sdk.testing._machine_render` and the state machine in
:mod:`maas_sdk.testing._machine_lifecycle`. Every mutation of a machine must go through
:meth:`Machine.touch` (directly or through a helper that calls it) so that the cached JSON of the
machine is rebuilt on the next read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._clock import Timer
from ._machine_status import (
    RELEASABLE_STATUSES,
    SCRIPT_STATUS_FIELDS,
    NodeStatus,
    ScriptStatus,
    status_label,
    transition_allowed,
)

__all__ = [
    "HARDWARE_INFO_KEYS",
    "POWER_TYPES",
    "RELEASABLE_STATUSES",
    "SCRIPT_STATUS_FIELDS",
    "BlockDevice",
    "Filesystem",
    "Interface",
    "Link",
    "Machine",
    "NodeStatus",
    "Partition",
    "PendingTransition",
    "ScriptStatus",
    "SpecialFilesystem",
    "status_label",
    "transition_allowed",
]


HARDWARE_INFO_KEYS = (
    "system_vendor",
    "system_product",
    "system_family",
    "system_version",
    "system_sku",
    "system_serial",
    "cpu_model",
    "mainboard_vendor",
    "mainboard_product",
    "mainboard_serial",
    "mainboard_version",
    "mainboard_firmware_vendor",
    "mainboard_firmware_date",
    "mainboard_firmware_version",
    "chassis_vendor",
    "chassis_type",
    "chassis_serial",
    "chassis_version",
)

POWER_TYPES = (
    "amt",
    "apc",
    "dli",
    "eaton",
    "hmc",
    "hmcz",
    "ipmi",
    "lxd",
    "manual",
    "moonshot",
    "mscm",
    "msftocs",
    "nova",
    "openbmc",
    "proxmox",
    "raritan",
    "recs_box",
    "redfish",
    "sm15k",
    "ucsm",
    "virsh",
    "vmware",
    "webhook",
    "wedge",
)
"""The 24 power drivers of MAAS 3.4-3.7 (REFERENCE.md §6.2)."""


@dataclass(slots=True, eq=False)
class Filesystem:
    """A filesystem on a block device or partition."""

    fstype: str
    uuid: str
    label: str | None = None
    mount_point: str | None = None
    mount_options: str | None = None


@dataclass(slots=True, eq=False)
class SpecialFilesystem:
    """A tmpfs/ramfs mount made with ``op=mount_special``."""

    fstype: str
    mount_point: str
    mount_options: str
    uuid: str


@dataclass(slots=True, eq=False)
class Partition:
    """A partition of a block device."""

    id: int
    uuid: str
    size: int
    bootable: bool = False
    filesystem: Filesystem | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class BlockDevice:
    """A physical (or virtual) disk of a machine."""

    id: int
    name: str
    size: int
    block_size: int = 512
    type: str = "physical"
    model: str | None = None
    serial: str | None = None
    id_path: str | None = ""
    uuid: str | None = None
    tags: list[str] = field(default_factory=list)
    filesystem: Filesystem | None = None
    partition_table_type: str | None = None
    partitions: list[Partition] = field(default_factory=list)
    firmware_version: str | None = None
    storage_pool: str | None = None
    numa_node: int | None = 0


@dataclass(slots=True, eq=False)
class Link:
    """One IP configuration of an interface (``links[]``)."""

    id: int
    mode: str
    subnet_id: int | None = None
    ip_address: str | None = None
    auto_assigned: bool = False
    """True for an address given to an ``auto`` link at deployment (removed on release)."""


@dataclass(slots=True, eq=False)
class Interface:
    """A network interface of a machine."""

    id: int
    name: str
    mac_address: str | None
    type: str = "physical"
    vlan_id: int | None = None
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    enabled: bool = True
    links: list[Link] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    mtu: int | None = None
    vendor: str | None = None
    product: str | None = None
    firmware_version: str | None = None
    link_connected: bool = True
    interface_speed: int = 0
    link_speed: int = 0
    numa_node: int | None = 0
    sriov_max_vf: int = 0


@dataclass(slots=True, eq=False)
class PendingTransition:
    """A status change the fake will apply when the virtual clock reaches ``due``."""

    due: float
    action: str
    """What finishes: ``commissioning``, ``testing``, ``deploying``, ``releasing``, ..."""
    fails: bool = False
    timer: Timer | None = None


@dataclass(slots=True, eq=False)
class Machine:
    """Everything the fake knows about one machine."""

    id: int
    system_id: str
    hostname: str
    domain_id: int
    zone_id: int
    pool_id: int
    architecture: str = "amd64/generic"
    description: str = ""
    status: NodeStatus = NodeStatus.NEW
    owner: str | None = None
    locked: bool = False
    min_hwe_kernel: str = ""
    hwe_kernel: str | None = None
    cpu_count: int = 0
    cpu_speed: int = 0
    memory: int = 0
    swap_size: int | None = None
    osystem: str = ""
    distro_series: str = ""
    ephemeral_deploy: bool = False
    error_description: str = ""
    netboot: bool = True
    power_type: str = ""
    power_parameters: dict[str, Any] = field(default_factory=dict)
    power_state: str = "unknown"
    tag_names: list[str] = field(default_factory=list)
    address_ttl: int | None = None
    interfaces: list[Interface] = field(default_factory=list)
    block_devices: list[BlockDevice] = field(default_factory=list)
    boot_disk_id: int | None = None
    boot_interface_id: int | None = None
    special_filesystems: list[SpecialFilesystem] = field(default_factory=list)
    status_action: str | None = None
    status_message: str | None = None
    current_commissioning_result_id: int | None = None
    current_testing_result_id: int | None = None
    current_installation_result_id: int | None = None
    script_statuses: dict[str, ScriptStatus] = field(default_factory=dict)
    hardware_info: dict[str, str] = field(default_factory=dict)
    hardware_uuid: str | None = None
    bios_boot_method: str | None = None
    workload_annotations: dict[str, str] = field(default_factory=dict)
    last_sync: str | None = None
    sync_interval: int | None = None
    next_sync: str | None = None
    enable_hw_sync: bool = False
    enable_kernel_crash_dump: bool = False
    is_dpu: bool = False
    agent_name: str = ""
    user_data: str = ""
    metadata_token: dict[str, str] | None = None
    commissioned: bool = False
    """True once commissioning passed (or the machine was registered as deployed)."""
    status_before: NodeStatus | None = None
    """Status to return to after testing or rescue mode."""
    broken_from_deployed: bool = False
    gateway_link_ipv4: int | None = None
    gateway_link_ipv6: int | None = None
    storage_layout: str = "flat"
    pending: PendingTransition | None = None
    rev: int = 0
    cached_json: bytes | None = None
    cached_context: int = -1

    def touch(self) -> None:
        """Record that the machine changed: its rendered JSON is rebuilt on the next read."""
        self.rev += 1
        self.cached_json = None

    def script_status(self, prefix: str) -> ScriptStatus:
        """Return the ``<prefix>_status`` value (Unknown when nothing ran)."""
        return self.script_statuses.get(prefix, ScriptStatus.UNKNOWN)

    def interface(self, key: str) -> Interface | None:
        """Find an interface by numeric id or by name."""
        for iface in self.interfaces:
            if str(iface.id) == key or iface.name == key:
                return iface
        return None

    def block_device(self, key: str) -> BlockDevice | None:
        """Find a block device by numeric id or by name."""
        for device in self.block_devices:
            if str(device.id) == key or device.name == key:
                return device
        return None

    def boot_disk(self) -> BlockDevice | None:
        """Return the boot disk: the chosen one, else the first physical disk."""
        physical = [d for d in self.block_devices if d.type == "physical"]
        for device in physical:
            if device.id == self.boot_disk_id:
                return device
        return physical[0] if physical else None

    def boot_interface(self) -> Interface | None:
        """Return the boot interface: the chosen one, else the first physical interface."""
        for iface in self.interfaces:
            if iface.id == self.boot_interface_id:
                return iface
        physical = [i for i in self.interfaces if i.type == "physical"]
        return physical[0] if physical else None

    def mac_addresses(self) -> list[str]:
        """Return the MAC addresses of all interfaces (lowercase, colon form)."""
        return [i.mac_address for i in self.interfaces if i.mac_address]
