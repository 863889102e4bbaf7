"""PCI and USB devices found in a node: :class:`NodeDevice` and :class:`NodeDevices`.

Commissioning records every PCI and USB device of a node (NICs, disks, GPUs, ...) with its
vendor, product and driver. ``client.node_devices`` lists and filters them and deletes stale
ones (they come back at the next commissioning if still present). MAAS 3.0+.

MAAS API: ``nodes/{system_id}/devices/``, ``nodes/{system_id}/devices/{id}/``
(REFERENCE.md §19, Appendix A).
"""

from __future__ import annotations

import builtins

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeDeviceBus
from maas_sdk.resources._base import MAASModel, TransportLike, decode, form, path_segment
from maas_sdk.resources.common import BlockDevice
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.script_results import HardwareType, HardwareTypes

__all__ = ["NodeDevice", "NodeDeviceBus", "NodeDevices"]


class NodeDevice(MAASModel):
    """A PCI or USB device of a node."""

    id: int
    """Database id of the device."""
    system_id: str = ""
    """system_id of the node."""
    bus: NodeDeviceBus = NodeDeviceBus.PCIE
    """The bus (PCIe or USB)."""
    bus_name: str = ""
    """``bus`` as MAAS labels it (``PCIE``, ``USB``)."""
    hardware_type: HardwareType = HardwareType.NODE
    """What the device is (network, storage, GPU, ... or ``NODE`` for anything else)."""
    hardware_type_name: str = ""
    """``hardware_type`` as MAAS labels it (``Network``, ``Storage``, ``GPU``, ``Node``)."""
    vendor_id: str = ""
    """Vendor id in hex, e.g. ``8086``."""
    product_id: str = ""
    """Product id in hex, e.g. ``1533``."""
    vendor_name: str = ""
    """Vendor name, e.g. ``Intel Corporation``."""
    product_name: str = ""
    """Product name."""
    commissioning_driver: str = ""
    """Kernel driver in use during commissioning, e.g. ``igb``."""
    bus_number: int = 0
    """Bus number (``<bus>:<device>`` addresses USB devices)."""
    device_number: int = 0
    """Device number on the bus."""
    pci_address: str | None = None
    """PCI address, e.g. ``0000:00:1f.6``; ``None`` for USB devices."""
    numa_node: int | None = None
    """Index of the NUMA node the device is attached to."""
    physical_blockdevice: BlockDevice | None = None
    """The disk this device is, when it is one."""
    physical_interface: Interface | None = None
    """The network interface this device is, when it is one."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/nodes/<system_id>/devices/<id>/``)."""

    def __repr__(self) -> str:
        address = self.pci_address or f"{self.bus_number}:{self.device_number}"
        return f"<NodeDevice {self.id} {address} {self.vendor_name} {self.product_name}>"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NodeDevice):
            return NotImplemented
        return (self.system_id, self.id) == (other.system_id, other.id)

    def __hash__(self) -> int:
        return hash(("NodeDevice", self.system_id, self.id))


_DEVICE = TypeAdapter(NodeDevice)
_DEVICES = TypeAdapter(list[NodeDevice])


class NodeDevices:
    """Manager of the PCI/USB devices of nodes, reached as ``client.node_devices``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<NodeDevices manager>"

    @api_operation("GET", "nodes/{system_id}/devices/")
    def list(
        self,
        system_id: str,
        *,
        bus: NodeDeviceBus | str | None = None,
        hardware_type: HardwareTypes = None,
        vendor_id: str | None = None,
        product_id: str | None = None,
        vendor_name: str | None = None,
        product_name: str | None = None,
        commissioning_driver: str | None = None,
    ) -> builtins.list[NodeDevice]:
        """List a node's PCI/USB devices matching every filter given (text ignores case).

        MAAS API: ``GET nodes/{system_id}/devices/``.

        Args:
            system_id: The node.
            bus: ``PCIE`` or ``USB`` (or a :class:`NodeDeviceBus`).
            hardware_type: ``node``, ``cpu``, ``memory``, ``storage``, ``network``, ``gpu``.
            vendor_id: Vendor id, e.g. ``10de``.
            product_id: Product id.
            vendor_name: Vendor name.
            product_name: Product name.
            commissioning_driver: Driver used during commissioning.

        Raises:
            NotFoundError: No node has that system_id.
            BadRequestError: An unknown bus or hardware type.
        """
        params = form(
            {
                "bus": bus,
                "hardware_type": hardware_type,
                "vendor_id": vendor_id,
                "product_id": product_id,
                "vendor_name": vendor_name,
                "product_name": product_name,
                "commissioning_driver": commissioning_driver,
            }
        )
        return decode(self._transport.get(_devices_path(system_id), params=params), _DEVICES)

    @api_operation("GET", "nodes/{system_id}/devices/{id}/")
    def get(self, system_id: str, device: int | str) -> NodeDevice:
        """Read one device by id, PCI address (``0000:00:1f.6``) or ``<bus>:<device>``.

        MAAS API: ``GET nodes/{system_id}/devices/{id}/``.

        Raises:
            NotFoundError: No such node or device.
            BadRequestError: A malformed address.
        """
        return decode(self._transport.get(_device_path(system_id, device)), _DEVICE)

    @api_operation("DELETE", "nodes/{system_id}/devices/{id}/")
    def delete(self, system_id: str, device: int | str) -> None:
        """Delete a device record (admin); the next commissioning finds it again if present.

        MAAS API: ``DELETE nodes/{system_id}/devices/{id}/``.
        """
        self._transport.delete(_device_path(system_id, device))


def _devices_path(system_id: str) -> str:
    return f"nodes/{path_segment(system_id)}/devices/"


def _device_path(system_id: str, device: int | str) -> str:
    return f"{_devices_path(system_id)}{path_segment(device)}/"
