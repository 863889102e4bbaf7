"""The fields and bound methods rack and region controllers share, and what rack ops return.

:class:`~maas_sdk.resources.rack_controllers.RackController` adds ``service_set`` and the rack
operations; :class:`~maas_sdk.resources.region_controllers.RegionController` adds nothing.
Every field but ``system_id`` and ``hostname`` has a default, so a key that a MAAS release
leaves out (``ip_addresses`` on 3.4, ``hardware_uuid`` before 2.7, ...) never fails the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from pydantic import Field

from maas_sdk.enums import NodeType, PowerState, ScriptStatus
from maas_sdk.resources._base import MAASModel, bound_manager
from maas_sdk.resources._node_collection import NodeResource
from maas_sdk.resources.common import Domain
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk.resources._controller_ops import ControllerManager

__all__ = [
    "BootImage",
    "ControllerFields",
    "PowerDriver",
    "PowerDriverField",
    "RackBootImages",
    "ServiceStatus",
]


class ControllerFields(NodeResource):
    """Every field of a controller object and the operations both kinds accept.

    ``description``, ``domain``, ``zone`` and ``power_type`` can be assigned and sent with
    :meth:`save` (admin).
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"description", "domain", "zone", "power_type"}
    )

    system_id: str
    """Stable identifier of the controller."""
    hostname: str
    """Host name (without the domain)."""
    description: str = ""
    """Free-form description. Writable."""
    hardware_uuid: str | None = None
    """Hardware UUID found by commissioning, or ``None``."""
    domain: Domain | None = None
    """DNS domain. Writable (assign a :class:`Domain`)."""
    fqdn: str = ""
    """Fully qualified domain name, ``hostname.domain``."""
    architecture: str | None = None
    """``arch/subarch``, e.g. ``amd64/generic``."""
    cpu_count: int = 0
    """Number of CPU cores."""
    cpu_speed: int = 0
    """CPU speed in MHz (0 when unknown)."""
    memory: int = 0
    """Memory in MiB."""
    swap_size: int | None = None
    """Swap size in bytes, or ``None``."""
    osystem: str = ""
    """Operating system the controller runs (``ubuntu``), ``""`` when unknown."""
    distro_series: str = ""
    """Release the controller runs (``jammy``), ``""`` when unknown."""
    power_type: str = ""
    """Power driver, ``""`` when none is configured. Writable."""
    power_state: PowerState = PowerState.UNKNOWN
    """Last known power state."""
    ip_addresses: list[str] = Field(default_factory=list)
    """Addresses of the interfaces; MAAS 3.4 leaves the key out (then ``[]``: read
    :attr:`addresses`)."""
    interface_set: list[Interface] = Field(default_factory=list)
    """Network interfaces of the controller."""
    zone: Zone | None = None
    """Availability zone. Writable (assign a :class:`Zone`)."""
    status_action: str | None = None
    """Name of the action of the latest status event, or ``None``."""
    node_type: NodeType = NodeType.RACK_CONTROLLER
    """``RACK_CONTROLLER``, ``REGION_CONTROLLER`` or ``REGION_AND_RACK_CONTROLLER``."""
    node_type_name: str = ""
    """``node_type`` as MAAS labels it (``"Region and rack controller"``)."""
    version: str | None = None
    """MAAS version the controller runs (``"3.4.10"``), or ``None`` before it reported one."""
    tag_names: list[str] = Field(default_factory=list)
    """Names of the tags on the controller."""
    hardware_info: dict[str, str | None] = Field(default_factory=dict)
    """DMI data (``system_vendor``, ``cpu_model``, ...); ``"Unknown"`` where none was found."""
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
    """Overall status of the latest tests (see ``test``)."""
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
    resource_uri: str = ""
    """Absolute API path (a region-and-rack controller is addressed as a rack controller)."""

    def __repr__(self) -> str:
        label = self.node_type_name or self.node_type.name.replace("_", " ").capitalize()
        return f"<{type(self).__name__} {self.system_id} {self.hostname} {label}>"

    __str__ = __repr__

    def _controllers(self) -> ControllerManager[Self]:
        manager: ControllerManager[Self] | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def save(self) -> Self:
        """Send the assigned fields (nothing if none changed) and return the controller."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._controllers().update(self.system_id, **changes))

    def delete(self, *, force: bool | None = None) -> None:
        """Delete the controller (admin).

        See :meth:`~maas_sdk.resources._controller_ops.ControllerManager.delete`.
        """
        self._controllers().delete(self.system_id, force=force)


class ServiceStatus(MAASModel):
    """The state of one service of a rack controller (``service_set[]``)."""

    name: str
    """Service name (``rackd``, ``dhcpd``, ``tftp``, ``http``, ``ntp_rack``, ...)."""
    status: str = "unknown"
    """``running``, ``degraded``, ``dead``, ``off`` or ``unknown``."""
    status_info: str = ""
    """Why the service is in that state, ``""`` when all is well."""


class BootImage(MAASModel):
    """One boot image a rack controller holds (``list_boot_images``)."""

    name: str
    """Image name, e.g. ``ubuntu/jammy`` or ``bootloader/uefi``."""
    architecture: str = ""
    """Architecture without subarchitecture, e.g. ``amd64``."""
    subarches: list[str] = Field(default_factory=list)
    """Subarchitectures (kernels) available, sorted."""


class RackBootImages(MAASModel):
    """The answer of ``op=list_boot_images``."""

    images: list[BootImage] = Field(default_factory=list)
    """The images the rack holds."""
    connected: bool = True
    """Whether the rack is connected to the region."""
    status: str = ""
    """Sync status with the region, e.g. ``synced``."""


class PowerDriverField(MAASModel):
    """One parameter of a power driver (``describe_power_types`` ``fields[]``)."""

    name: str
    """Parameter name; send it as ``power_parameters_<name>``."""
    label: str = ""
    """Label shown in the UI."""
    required: bool = False
    """Whether a value is required."""
    field_type: str = "string"
    """``string``, ``mac_address``, ``choice``, ``multiple_choice`` or ``password``."""
    choices: list[list[str]] = Field(default_factory=list)
    """``[value, label]`` pairs of a choice field."""
    default: Any = ""
    """Default value (a list for ``multiple_choice``)."""
    scope: str = "bmc"
    """``bmc`` (shared by the nodes of one BMC) or ``node``."""
    secret: bool = False
    """Whether MAAS stores the value as a secret."""


class PowerDriver(MAASModel):
    """A power driver and its parameters (``describe_power_types``)."""

    name: str
    """Power type, e.g. ``ipmi``; what ``power_type`` takes."""
    description: str = ""
    """Human-readable name, e.g. ``IPMI``."""
    driver_type: str = "power"
    """``power`` or ``pod`` (VM host drivers)."""
    chassis: bool = False
    """Whether the driver controls a chassis of several machines."""
    can_probe: bool = False
    """Whether machines can be discovered through it (``add_chassis``)."""
    queryable: bool | None = None
    """Whether MAAS can query the power state through it."""
    missing_packages: list[str] = Field(default_factory=list)
    """Packages the rack lacks for this driver."""
    fields: list[PowerDriverField] = Field(default_factory=list)
    """The driver's parameters."""
    ip_extractor: dict[str, Any] | None = None
    """How MAAS derives the BMC address from the parameters, when it can."""
