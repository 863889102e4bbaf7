"""Enumerations of the MAAS API, lenient towards values this SDK does not know yet.

Every enum here accepts values a newer (or older) MAAS may send: an unknown value becomes a
pseudo-member (``NodeStatus(42)`` is ``<NodeStatus.UNKNOWN_42: 42>``, ``PowerState("dormant")`` is
``<PowerState.DORMANT: 'dormant'>``) instead of failing the whole response. Pseudo-members compare
equal to their raw value, like every member does (``NodeStatus.READY == 4``,
``PowerState.ON == "on"``).

MAAS API: REFERENCE.md §6 (node status, power state, script status, interface and link types,
storage layouts).
"""

from __future__ import annotations

from maas_sdk._enum_base import LenientIntEnum as _LenientIntEnum
from maas_sdk._enum_base import LenientStrEnum as _LenientStrEnum

__all__ = [
    "BlockDeviceType",
    "BondLacpRate",
    "BondMode",
    "BondXmitHashPolicy",
    "BootResourceType",
    "BridgeType",
    "CacheMode",
    "DeploymentTarget",
    "EventLevel",
    "HardwareType",
    "IPAllocType",
    "IPRangeType",
    "InterfaceType",
    "LinkMode",
    "NodeDeviceBus",
    "NodeStatus",
    "NodeType",
    "NotificationCategory",
    "PowerState",
    "PowerStopMode",
    "RDNSMode",
    "RRType",
    "RaidLevel",
    "ScriptParallel",
    "ScriptResultType",
    "ScriptStatus",
    "ScriptType",
    "SimpleStatus",
    "StorageLayout",
    "VMHostType",
]


class NodeStatus(_LenientIntEnum):
    """A node's ``status`` (the numbers are MAAS's; they are not in lifecycle order)."""

    NEW = 0
    COMMISSIONING = 1
    FAILED_COMMISSIONING = 2
    MISSING = 3
    READY = 4
    RESERVED = 5
    DEPLOYED = 6
    RETIRED = 7
    BROKEN = 8
    DEPLOYING = 9
    ALLOCATED = 10
    FAILED_DEPLOYMENT = 11
    RELEASING = 12
    FAILED_RELEASING = 13
    DISK_ERASING = 14
    FAILED_DISK_ERASING = 15
    RESCUE_MODE = 16
    ENTERING_RESCUE_MODE = 17
    FAILED_ENTERING_RESCUE_MODE = 18
    EXITING_RESCUE_MODE = 19
    FAILED_EXITING_RESCUE_MODE = 20
    TESTING = 21
    FAILED_TESTING = 22

    @property
    def label(self) -> str:
        """The display label MAAS uses in ``status_name`` and error messages (``"Deployed"``)."""
        return _STATUS_LABELS.get(self.value, f"Unknown status {self.value}")

    @property
    def keyword(self) -> str:
        """The lowercase keyword the ``status=`` list filter accepts (``"failed_releasing"``)."""
        return self._name_.lower()

    @property
    def is_transitional(self) -> bool:
        """Whether MAAS leaves this status by itself when a background process ends."""
        return self in _TRANSITIONAL

    @property
    def is_failed(self) -> bool:
        """Whether this is one of the ``Failed ...`` statuses a process ends in when it fails."""
        return self in _FAILED

    @classmethod
    def from_keyword(cls, keyword: str) -> NodeStatus:
        """Return the status for a filter keyword such as ``"deployed"`` or ``"failed_testing"``.

        Raises:
            ValueError: The keyword is not a known status keyword.
        """
        try:
            return cls[keyword.strip().upper()]
        except KeyError:
            raise ValueError(f"{keyword!r} is not a node status keyword") from None


_STATUS_LABELS: dict[int, str] = {
    0: "New",
    1: "Commissioning",
    2: "Failed commissioning",
    3: "Missing",
    4: "Ready",
    5: "Reserved",
    6: "Deployed",
    7: "Retired",
    8: "Broken",
    9: "Deploying",
    10: "Allocated",
    11: "Failed deployment",
    12: "Releasing",
    13: "Releasing failed",
    14: "Disk erasing",
    15: "Failed disk erasing",
    16: "Rescue mode",
    17: "Entering rescue mode",
    18: "Failed to enter rescue mode",
    19: "Exiting rescue mode",
    20: "Failed to exit rescue mode",
    21: "Testing",
    22: "Failed testing",
}

_TRANSITIONAL = frozenset(
    {
        NodeStatus.COMMISSIONING,
        NodeStatus.DEPLOYING,
        NodeStatus.RELEASING,
        NodeStatus.DISK_ERASING,
        NodeStatus.ENTERING_RESCUE_MODE,
        NodeStatus.EXITING_RESCUE_MODE,
        NodeStatus.TESTING,
    }
)
_FAILED = frozenset(
    {
        NodeStatus.FAILED_COMMISSIONING,
        NodeStatus.FAILED_DEPLOYMENT,
        NodeStatus.FAILED_RELEASING,
        NodeStatus.FAILED_DISK_ERASING,
        NodeStatus.FAILED_ENTERING_RESCUE_MODE,
        NodeStatus.FAILED_EXITING_RESCUE_MODE,
        NodeStatus.FAILED_TESTING,
    }
)


class SimpleStatus(_LenientStrEnum):
    """The simplified status of the web UI (``simple_status=`` filter).

    MAAS 3.4-3.7 answer 500 to a ``simple_status`` filter on API 2.0, so this SDK expands it into
    the equivalent ``status=`` keywords (see :attr:`statuses`) before sending the request.
    """

    ALLOCATED = "allocated"
    BROKEN = "broken"
    COMMISSIONING = "commissioning"
    DEPLOYED = "deployed"
    DEPLOYING = "deploying"
    FAILED = "failed"
    NEW = "new"
    READY = "ready"
    RELEASING = "releasing"
    RESCUE_MODE = "rescue_mode"
    TESTING = "testing"
    OTHER = "other"

    @property
    def statuses(self) -> frozenset[NodeStatus]:
        """The node statuses this simplified status stands for."""
        return _SIMPLE_STATUSES.get(self.value, frozenset())


_SIMPLE_STATUSES: dict[str, frozenset[NodeStatus]] = {
    "allocated": frozenset({NodeStatus.ALLOCATED}),
    "broken": frozenset({NodeStatus.BROKEN}),
    "commissioning": frozenset({NodeStatus.COMMISSIONING}),
    "deployed": frozenset({NodeStatus.DEPLOYED}),
    "deploying": frozenset({NodeStatus.DEPLOYING}),
    "failed": _FAILED,
    "new": frozenset({NodeStatus.NEW}),
    "ready": frozenset({NodeStatus.READY}),
    "releasing": frozenset({NodeStatus.RELEASING, NodeStatus.DISK_ERASING}),
    "rescue_mode": frozenset(
        {
            NodeStatus.RESCUE_MODE,
            NodeStatus.ENTERING_RESCUE_MODE,
            NodeStatus.EXITING_RESCUE_MODE,
        }
    ),
    "testing": frozenset({NodeStatus.TESTING}),
    "other": frozenset({NodeStatus.MISSING, NodeStatus.RESERVED, NodeStatus.RETIRED}),
}


class NodeType(_LenientIntEnum):
    """A node's ``node_type``."""

    MACHINE = 0
    DEVICE = 1
    RACK_CONTROLLER = 2
    REGION_CONTROLLER = 3
    REGION_AND_RACK_CONTROLLER = 4


class PowerState(_LenientStrEnum):
    """A node's last known ``power_state`` (and the answer of ``query_power_state``)."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"
    ERROR = "error"


class PowerStopMode(_LenientStrEnum):
    """How ``power_off`` stops a machine."""

    SOFT = "soft"
    """Ask the OS to shut down where the power driver supports it."""
    HARD = "hard"
    """Cut the power."""


class ScriptStatus(_LenientIntEnum):
    """Status of a script set (``commissioning_status``, ``testing_status``, ``*_test_status``)."""

    UNKNOWN = -1
    PENDING = 0
    RUNNING = 1
    PASSED = 2
    FAILED = 3
    TIMEDOUT = 4
    ABORTED = 5
    DEGRADED = 6
    INSTALLING = 7
    FAILED_INSTALLING = 8
    SKIPPED = 9
    APPLYING_NETCONF = 10
    FAILED_APPLYING_NETCONF = 11


class InterfaceType(_LenientStrEnum):
    """An interface's ``type``."""

    PHYSICAL = "physical"
    BOND = "bond"
    BRIDGE = "bridge"
    VLAN = "vlan"
    ALIAS = "alias"
    UNKNOWN = "unknown"


class LinkMode(_LenientStrEnum):
    """How an interface link gets its address (``links[].mode``)."""

    AUTO = "auto"
    DHCP = "dhcp"
    STATIC = "static"
    LINK_UP = "link_up"


class RDNSMode(_LenientIntEnum):
    """A subnet's reverse-DNS mode (``rdns_mode``)."""

    DISABLED = 0
    ENABLED = 1
    RFC2317 = 2


class IPAllocType(_LenientIntEnum):
    """How an IP address was allocated (``alloc_type``)."""

    AUTO = 0
    STICKY = 1
    USER_RESERVED = 4
    DHCP = 5
    DISCOVERED = 6


class BlockDeviceType(_LenientStrEnum):
    """A block device's ``type``."""

    PHYSICAL = "physical"
    VIRTUAL = "virtual"


class StorageLayout(_LenientStrEnum):
    """Storage layouts ``set_storage_layout`` can apply."""

    FLAT = "flat"
    LVM = "lvm"
    BCACHE = "bcache"
    VMFS6 = "vmfs6"
    VMFS7 = "vmfs7"
    CUSTOM = "custom"
    BLANK = "blank"


class CacheMode(_LenientStrEnum):
    """bcache cache modes."""

    WRITEBACK = "writeback"
    WRITETHROUGH = "writethrough"
    WRITEAROUND = "writearound"


class BridgeType(_LenientStrEnum):
    """Bridge implementations MAAS can create."""

    STANDARD = "standard"
    OVS = "ovs"


class DeploymentTarget(_LenientStrEnum):
    """Where a machine is deployed (``deployment_target`` filter, MAAS 3.5+)."""

    MEMORY = "memory"
    DISK = "disk"


# --- other resources -------------------------------------------------------------------------


class IPRangeType(_LenientStrEnum):
    """Kind of IP range (unknown values are kept, see :mod:`maas_sdk.enums`)."""

    DYNAMIC = "dynamic"
    """Addresses MAAS DHCP hands out (enlistment, commissioning, DHCP-configured nodes)."""
    RESERVED = "reserved"
    """Addresses MAAS never allocates."""


class RRType(_LenientStrEnum):
    """A DNS resource record type (MAAS stores them upper case)."""

    A = "A"
    """IPv4 address (only in implicit node records; use a DNS resource's addresses)."""
    AAAA = "AAAA"
    """IPv6 address (only in implicit node records)."""
    CNAME = "CNAME"
    """Alias: ``rrdata`` is the target name."""
    MX = "MX"
    """Mail exchanger: ``<preference> <server>``."""
    NS = "NS"
    """Name server: a domain name."""
    SRV = "SRV"
    """Service: ``<priority> <weight> <port> <target>`` (name ``_service._proto[.label]``)."""
    SSHFP = "SSHFP"
    """SSH fingerprint: ``<algorithm> <fptype> <fingerprint>``."""
    TXT = "TXT"
    """Free text."""


class EventLevel(_LenientStrEnum):
    """The level of an event (as a filter: the minimum level; names are case-sensitive)."""

    AUDIT = "AUDIT"
    """Audit events (who did what); as a filter it selects only these."""
    DEBUG = "DEBUG"
    """Detail such as every status change."""
    INFO = "INFO"
    """Normal operation (the default filter)."""
    WARNING = "WARNING"
    """Something looks wrong."""
    ERROR = "ERROR"
    """Something failed."""
    CRITICAL = "CRITICAL"
    """Something failed badly."""


class BondMode(_LenientStrEnum):
    """How a bond spreads traffic over its members (``bond_mode``)."""

    BALANCE_RR = "balance-rr"
    ACTIVE_BACKUP = "active-backup"
    BALANCE_XOR = "balance-xor"
    BROADCAST = "broadcast"
    LINK_AGGREGATION = "802.3ad"
    BALANCE_TLB = "balance-tlb"
    BALANCE_ALB = "balance-alb"


class BondLacpRate(_LenientStrEnum):
    """How often the link partner sends LACPDUs in 802.3ad mode (``bond_lacp_rate``)."""

    FAST = "fast"
    SLOW = "slow"


class BondXmitHashPolicy(_LenientStrEnum):
    """How a bond picks the member for a packet (``bond_xmit_hash_policy``)."""

    LAYER2 = "layer2"
    LAYER2_3 = "layer2+3"
    LAYER3_4 = "layer3+4"
    ENCAP2_3 = "encap2+3"
    ENCAP3_4 = "encap3+4"


class RaidLevel(_LenientStrEnum):
    """RAID levels MAAS can build (``level``)."""

    RAID_0 = "raid-0"
    RAID_1 = "raid-1"
    RAID_5 = "raid-5"
    RAID_6 = "raid-6"
    RAID_10 = "raid-10"


class NodeDeviceBus(_LenientIntEnum):
    """The bus a node device is on."""

    PCIE = 1
    USB = 2


class ScriptType(_LenientIntEnum):
    """When a script runs (``type``)."""

    COMMISSIONING = 0
    TESTING = 2
    RELEASE = 3


class ScriptResultType(_LenientIntEnum):
    """What a script set ran for (its ``type``)."""

    COMMISSIONING = 0
    INSTALLATION = 1
    TESTING = 2
    RELEASE = 3


class HardwareType(_LenientIntEnum):
    """The hardware a script or a node device is about."""

    NODE = 0
    CPU = 1
    MEMORY = 2
    STORAGE = 3
    NETWORK = 4
    GPU = 5


class ScriptParallel(_LenientIntEnum):
    """Whether a script may run alongside others (``parallel``)."""

    DISABLED = 0
    INSTANCE = 1
    ANY = 2


class VMHostType(_LenientStrEnum):
    """The kind of VM host (its power driver)."""

    LXD = "lxd"
    VIRSH = "virsh"


class BootResourceType(_LenientStrEnum):
    """Where a boot resource comes from, as MAAS labels it."""

    SYNCED = "Synced"
    UPLOADED = "Uploaded"
    GENERATED = "Generated"


class NotificationCategory(_LenientStrEnum):
    """How a notification is styled."""

    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"
    INFO = "info"
