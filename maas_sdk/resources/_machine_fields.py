"""The fields of a machine object, as MAAS 2.9-3.7 render them (REFERENCE.md §7.1).

Kept apart from :mod:`maas_sdk.resources.machines`, which adds the bound actions, so that each
module stays readable. Every field but ``system_id``, ``hostname``, ``status``, ``domain`` and
``zone`` (present in every variant, including the anonymous one) has a default, so a key that a
given MAAS version leaves out never fails the parse.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar

from pydantic import Field, TypeAdapter, computed_field

from maas_sdk.enums import NodeStatus, NodeType, PowerState, ScriptStatus
from maas_sdk.resources._base import LENIENT_DATETIME, Resource
from maas_sdk.resources._listing import LazyField
from maas_sdk.resources.common import (
    BlockDevice,
    DefaultGateways,
    Domain,
    Filesystem,
    IdRef,
    NumaNode,
    ObjectStub,
    PodStub,
    ResourcePool,
)
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.zones import Zone

__all__ = ["MachineFields"]

# MAAS repeats the boot interface, the boot disk and the physical/virtual block devices in full
# next to interface_set and blockdevice_set. Only their ids are validated (the rest of each copy
# is skipped by pydantic-core without building Python objects, a quarter of a machine's JSON);
# the properties below return the very objects of interface_set and blockdevice_set.

_Timestamp = Annotated[datetime | None, LENIENT_DATETIME]


class MachineFields(Resource):
    """Every field of a machine; :class:`~maas_sdk.resources.machines.Machine` adds actions."""

    _identity_field: ClassVar[str] = "system_id"
    _lazy_fields: ClassVar[Mapping[str, LazyField]] = {
        "interface_set": LazyField(TypeAdapter(list[Interface])),
        "blockdevice_set": LazyField(TypeAdapter(list[BlockDevice])),
        "boot_interface_ref": LazyField(TypeAdapter(IdRef | None), "boot_interface"),
        "boot_disk_ref": LazyField(TypeAdapter(IdRef | None), "boot_disk"),
        "physicalblockdevice_refs": LazyField(TypeAdapter(list[IdRef]), "physicalblockdevice_set"),
        "virtualblockdevice_refs": LazyField(TypeAdapter(list[IdRef]), "virtualblockdevice_set"),
    }
    """In a big listing, these stay JSON text until first read: most of a machine's JSON."""
    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "hostname",
            "description",
            "domain",
            "architecture",
            "min_hwe_kernel",
            "hwe_kernel",
            "osystem",
            "distro_series",
            "power_type",
            "pool",
            "zone",
            "swap_size",
            "cpu_count",
            "memory",
            "disable_ipv4",
            "is_dpu",
        }
    )

    # Identity and naming
    system_id: str
    """Stable identifier of the machine (six characters by default)."""
    hostname: str
    """Host name (without the domain). Writable."""
    description: str = ""
    """Free-form description. Writable."""
    fqdn: str = ""
    """Fully qualified domain name, ``hostname.domain``."""
    domain: Domain
    """The machine's DNS domain. Writable (assign a :class:`Domain`)."""
    hardware_uuid: str | None = None
    """Hardware UUID found by commissioning, or ``None``."""
    node_type: NodeType = NodeType.MACHINE
    """Kind of node (always ``MACHINE`` here)."""
    node_type_name: str = "Machine"
    """``node_type`` as MAAS labels it."""
    resource_uri: str = ""
    """Absolute API path of the machine (``/MAAS/api/2.0/machines/<system_id>/``)."""

    # Lifecycle
    status: NodeStatus
    """Lifecycle status (see :class:`NodeStatus`); change it through the actions."""
    status_name: str = ""
    """``status`` as MAAS labels it (``"Deployed"``)."""
    status_action: str | None = None
    """Name of the action of the latest status event (``None`` before any, ``""`` after some)."""
    status_message: str | None = None
    """Text of the latest status event, e.g. ``"Deploying"`` or a failure reason."""
    error_description: str = ""
    """Why the machine is broken or failed (MAAS 3.5+; ``""`` on older versions)."""
    owner: str | None = None
    """Username of the user the machine is allocated to, or ``None``."""
    locked: bool = False
    """Whether the machine is locked against changes (see :meth:`Machine.lock`)."""
    workload_annotations: dict[str, str] = Field(default_factory=dict)
    """Owner's key/value annotations; cleared on release (MAAS 3.0+)."""
    owner_data: dict[str, str] = Field(default_factory=dict)
    """Deprecated alias of :attr:`workload_annotations` (the same dict)."""
    zone: Zone
    """Availability zone. Writable (assign a :class:`Zone`, e.g. ``client.zones.get(name)``)."""
    pool: ResourcePool | None = None
    """Resource pool (machines always have one; absent from anonymous answers). Writable."""
    tag_names: list[str] = Field(default_factory=list)
    """Names of the tags on the machine."""
    constraints_by_type: dict[str, Any] | None = None
    """How ``allocate`` matched storage/interface constraints; only in its answer."""

    # Hardware
    architecture: str | None = None
    """``arch/subarch``, e.g. ``amd64/generic``. Writable."""
    cpu_count: int = 0
    """Number of CPU cores (0 before commissioning). Writable."""
    cpu_speed: int = 0
    """CPU speed in MHz (0 when unknown)."""
    memory: int = 0
    """Memory in MiB (0 before commissioning). Writable."""
    swap_size: int | None = None
    """Swap size in bytes, or ``None`` for MAAS's default. Writable."""
    storage: float = 0.0
    """Total size of the physical disks in MB (10^6 bytes)."""
    hardware_info: dict[str, str | None] = Field(default_factory=dict)
    """DMI data (``system_vendor``, ``cpu_model``, ``mainboard_serial``, ...); ``"Unknown"``
    where commissioning found nothing."""
    numanode_set: list[NumaNode] = Field(default_factory=list)
    """NUMA nodes with their cores, memory and huge pages."""
    bios_boot_method: str | None = None
    """Boot method seen at PXE time (``pxe``, ``uefi``, ...), or ``None`` before first boot."""
    is_dpu: bool = False
    """Whether the machine is a DPU (MAAS 3.7+). Writable."""
    pod: PodStub | None = None
    """The VM host this machine is a VM of, or ``None``."""
    virtualmachine_id: int | None = None
    """Id of the VM record when the machine is a VM of a VM host, or ``None``."""
    parent: ObjectStub | None = None
    """Stub of the parent node (``__incomplete__``), or ``None``."""

    # Operating system and boot
    osystem: str = ""
    """Deployed (or selected) OS, ``""`` when none. Writable on allocated machines."""
    distro_series: str = ""
    """Deployed (or selected) release, e.g. ``jammy``; ``""`` when none. Writable."""
    min_hwe_kernel: str | None = None
    """Minimum kernel for deployments (``""`` when unset). Writable."""
    hwe_kernel: str | None = None
    """Kernel of the deployment, or ``None`` when unset. Writable on allocated machines."""
    netboot: bool = True
    """Whether the machine boots from the network (false once deployed to disk)."""
    ephemeral_deploy: bool = False
    """Whether the machine is (to be) deployed to memory."""
    enable_hw_sync: bool = False
    """Whether the hardware-sync agent is installed."""
    enable_kernel_crash_dump: bool = False
    """Whether kernel crash dumps are enabled (MAAS 3.6+)."""
    sync_interval: int | None = None
    """Hardware-sync interval in seconds, or ``None``."""
    last_sync: _Timestamp = None
    """When hardware sync last ran, or ``None``."""
    next_sync: _Timestamp = None
    """When hardware sync runs next, or ``None``."""

    # Power
    power_type: str = ""
    """Power driver (``ipmi``, ``virsh``, ``manual``, ...), ``""`` when unset. Writable."""
    power_state: PowerState = PowerState.UNKNOWN
    """Last known power state (see :meth:`Machine.query_power_state`)."""

    # Network
    interface_set: list[Interface] = Field(default_factory=list)
    """Network interfaces with their VLANs and subnet links."""
    boot_interface_ref: IdRef | None = Field(
        default=None, validation_alias="boot_interface", exclude=True, repr=False
    )
    """Id of the boot interface (MAAS's ``boot_interface``; read :attr:`boot_interface`)."""
    ip_addresses: list[str] = Field(default_factory=list)
    """Addresses of the interfaces; MAAS 3.4 omits the key (then it is ``[]``: use
    :attr:`Machine.addresses`)."""
    default_gateways: DefaultGateways = Field(default_factory=DefaultGateways)
    """Default gateways per address family."""
    address_ttl: int | None = None
    """TTL of the machine's DNS records in seconds, or ``None`` for the domain's."""
    disable_ipv4: bool = False
    """Deprecated; always false."""

    # Storage
    blockdevice_set: list[BlockDevice] = Field(default_factory=list)
    """All block devices, physical and virtual."""
    boot_disk_ref: IdRef | None = Field(
        default=None, validation_alias="boot_disk", exclude=True, repr=False
    )
    """Id of the boot disk (MAAS's ``boot_disk``; read :attr:`boot_disk`)."""
    physicalblockdevice_refs: list[IdRef] = Field(
        default_factory=list, validation_alias="physicalblockdevice_set", exclude=True, repr=False
    )
    """Ids of the physical block devices (read :attr:`physicalblockdevice_set`)."""
    virtualblockdevice_refs: list[IdRef] = Field(
        default_factory=list, validation_alias="virtualblockdevice_set", exclude=True, repr=False
    )
    """Ids of the virtual block devices (read :attr:`virtualblockdevice_set`)."""
    volume_groups: list[ObjectStub] = Field(default_factory=list)
    """Stubs of the LVM volume groups."""
    raids: list[ObjectStub] = Field(default_factory=list)
    """Stubs of the RAID devices."""
    bcaches: list[ObjectStub] = Field(default_factory=list)
    """Stubs of the bcache devices."""
    cache_sets: list[ObjectStub] = Field(default_factory=list)
    """Stubs of the bcache cache sets."""
    special_filesystems: list[Filesystem] = Field(default_factory=list)
    """tmpfs/ramfs mounts (see :meth:`Machine.mount_special`)."""

    # Commissioning and testing results
    current_commissioning_result_id: int | None = None
    """Id of the latest commissioning script set, or ``None``."""
    current_testing_result_id: int | None = None
    """Id of the latest testing script set, or ``None``."""
    current_installation_result_id: int | None = None
    """Id of the latest installation script set, or ``None``."""
    commissioning_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Overall status of the latest commissioning scripts."""
    commissioning_status_name: str = ""
    """``commissioning_status`` as MAAS labels it."""
    testing_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Overall status of the latest tests."""
    testing_status_name: str = ""
    """``testing_status`` as MAAS labels it."""
    cpu_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the CPU tests."""
    cpu_test_status_name: str = ""
    """``cpu_test_status`` as MAAS labels it."""
    memory_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the memory tests."""
    memory_test_status_name: str = ""
    """``memory_test_status`` as MAAS labels it."""
    network_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the network tests."""
    network_test_status_name: str = ""
    """``network_test_status`` as MAAS labels it."""
    storage_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the storage tests."""
    storage_test_status_name: str = ""
    """``storage_test_status`` as MAAS labels it."""
    interface_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the interface tests."""
    interface_test_status_name: str = ""
    """``interface_test_status`` as MAAS labels it."""
    other_test_status: ScriptStatus = ScriptStatus.UNKNOWN
    """Status of the other tests."""
    other_test_status_name: str = ""
    """``other_test_status`` as MAAS labels it."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def boot_interface(self) -> Interface | None:
        """The interface the machine PXE-boots from (an item of :attr:`interface_set`)."""
        ref = self.boot_interface_ref
        if ref is None:
            return None
        return next((i for i in self.interface_set if i.id == ref.id), None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def boot_disk(self) -> BlockDevice | None:
        """The disk the machine boots from (an item of :attr:`blockdevice_set`), or ``None``."""
        ref = self.boot_disk_ref
        if ref is None:
            return None
        return next((d for d in self.blockdevice_set if d.id == ref.id), None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def physicalblockdevice_set(self) -> list[BlockDevice]:
        """The physical block devices (items of :attr:`blockdevice_set`)."""
        wanted = {ref.id for ref in self.physicalblockdevice_refs}
        return [d for d in self.blockdevice_set if d.id in wanted]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def virtualblockdevice_set(self) -> list[BlockDevice]:
        """The virtual block devices: logical volumes, RAID, bcache (items of blockdevice_set)."""
        wanted = {ref.id for ref in self.virtualblockdevice_refs}
        return [d for d in self.blockdevice_set if d.id in wanted]
