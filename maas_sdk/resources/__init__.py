"""The object model: one module per MAAS resource, model first, then its manager.

Machines: ``machines`` (the :class:`Machine` model; its fields in ``_machine_fields``) and the
:class:`Machines` manager, assembled from ``machine_actions`` (lifecycle), ``machine_power``,
``machine_settings``, ``machine_bulk`` and ``machine_manager`` (listing, CRUD, allocate).
``subnets`` and ``zones`` hold a model and its manager each; ``common`` and ``interfaces`` hold
the objects MAAS nests inside them; ``_base`` the plumbing every resource shares.

Importing this package loads none of them: each name is imported on first use, so that
``import maas_sdk`` and the client do not pay for every model at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_LAZY: dict[str, str] = {
    "VLAN": "maas_sdk.resources.common",
    "BlockDevice": "maas_sdk.resources.common",
    "DefaultGateway": "maas_sdk.resources.common",
    "DefaultGateways": "maas_sdk.resources.common",
    "Domain": "maas_sdk.resources.common",
    "Filesystem": "maas_sdk.resources.common",
    "HugepagesSet": "maas_sdk.resources.common",
    "IdRef": "maas_sdk.resources.common",
    "NumaNode": "maas_sdk.resources.common",
    "ObjectStub": "maas_sdk.resources.common",
    "Partition": "maas_sdk.resources.common",
    "PodStub": "maas_sdk.resources.common",
    "ResourcePool": "maas_sdk.resources.common",
    "DiscoveredAddress": "maas_sdk.resources.interfaces",
    "Interface": "maas_sdk.resources.interfaces",
    "InterfaceLink": "maas_sdk.resources.interfaces",
    "Machines": "maas_sdk.resources.machine_manager",
    "MachineDetails": "maas_sdk.resources.machine_settings",
    "MachineToken": "maas_sdk.resources.machine_settings",
    "Machine": "maas_sdk.resources.machines",
    "AddressRange": "maas_sdk.resources.subnets",
    "NodeSummary": "maas_sdk.resources.subnets",
    "Subnet": "maas_sdk.resources.subnets",
    "SubnetIPAddress": "maas_sdk.resources.subnets",
    "Subnets": "maas_sdk.resources.subnets",
    "SubnetStatistics": "maas_sdk.resources.subnets",
    "Zone": "maas_sdk.resources.zones",
    "Zones": "maas_sdk.resources.zones",
}


def __getattr__(name: str) -> Any:
    """Import a model or manager on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'maas_sdk.resources' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
