"""The object model: one module per MAAS resource, model first, then its manager.

Machines: ``machines`` (the :class:`Machine` model; its fields in ``_machine_fields``) and the
:class:`Machines` manager, assembled from ``machine_actions`` (lifecycle), ``machine_power``,
``machine_settings``, ``machine_bulk`` and ``machine_manager`` (listing, CRUD, allocate).
``subnets`` and ``zones`` hold a model and its manager each; ``common`` and ``interfaces`` hold
the objects MAAS nests inside them; ``_base`` the plumbing every resource shares.
"""

from maas_sdk.resources.common import (
    VLAN,
    BlockDevice,
    DefaultGateway,
    DefaultGateways,
    Domain,
    Filesystem,
    HugepagesSet,
    IdRef,
    NumaNode,
    ObjectStub,
    Partition,
    PodStub,
    ResourcePool,
)
from maas_sdk.resources.interfaces import DiscoveredAddress, Interface, InterfaceLink
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machine_settings import MachineDetails, MachineToken
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.subnets import (
    AddressRange,
    NodeSummary,
    Subnet,
    SubnetIPAddress,
    Subnets,
    SubnetStatistics,
)
from maas_sdk.resources.zones import Zone, Zones

__all__ = [
    "VLAN",
    "AddressRange",
    "BlockDevice",
    "DefaultGateway",
    "DefaultGateways",
    "DiscoveredAddress",
    "Domain",
    "Filesystem",
    "HugepagesSet",
    "IdRef",
    "Interface",
    "InterfaceLink",
    "Machine",
    "MachineDetails",
    "MachineToken",
    "Machines",
    "NodeSummary",
    "NumaNode",
    "ObjectStub",
    "Partition",
    "PodStub",
    "ResourcePool",
    "Subnet",
    "SubnetIPAddress",
    "SubnetStatistics",
    "Subnets",
    "Zone",
    "Zones",
]
