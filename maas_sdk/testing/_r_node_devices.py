"""``nodes/{system_id}/devices/``: the PCI and USB devices commissioning found in a node.

The fake derives them from the node: one PCIe NIC per physical interface, one PCIe storage
controller per physical disk (machines) and a USB root hub, for commissioned machines and for
controllers (devices have none). A deleted one stays away until the node is commissioned again.
Lookups follow MAAS 3.7.3's NodeDeviceHandler, quirks included: only a numeric id can give
404; a ``<bus>:<device>`` or PCI address that matches nothing is 400 ``Invalid id format!``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_model import Machine
from ._machine_render import block_device_dict
from ._machine_render import interface_dict as machine_interface_dict
from ._machine_table import machine_table
from ._r_node_records import DEVICE, NodeRecord
from ._r_node_render import interface_dict
from ._r_node_results import hardware_type_value, node_for_request
from ._r_script_sets import ScriptedNode
from ._render import API_PREFIX
from ._responses import BadRequest, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._store import Store

__all__ = ["node_devices"]

_DEVICES = "nodes/{system_id}/devices/"
_DEVICE = "nodes/{system_id}/devices/{id}/"
_BUS_NAMES = {1: "PCIE", 2: "USB"}
_HARDWARE_NAMES = {0: "Node", 1: "CPU", 2: "Memory", 3: "Storage", 4: "Network", 5: "GPU"}
_NIC = ("8086", "1533", "Intel Corporation", "I210 Gigabit Network Connection", "igb")
_DISK = ("144d", "a808", "Samsung Electronics Co Ltd", "NVMe SSD Controller SM981/PM981", "nvme")
_HUB = ("1d6b", "0002", "Linux Foundation", "2.0 root hub", "hub")


@dataclass(eq=False)
class NodeDeviceRecord:
    """One PCI/USB device of a node; ``key`` ties it to the interface or disk it stands for."""

    id: int
    key: tuple[str, int]
    bus: int
    hardware_type: int
    identity: tuple[str, str, str, str, str]
    bus_number: int
    device_number: int
    pci_address: str | None


class NodeDeviceTable:
    """The devices of every node, and the deleted ones (with the commissioning run then)."""

    def __init__(self) -> None:
        self.by_node: dict[str, list[NodeDeviceRecord]] = {}
        self.deleted: dict[tuple[str, tuple[str, int]], int | None] = {}


def _table(store: Store) -> NodeDeviceTable:
    return store.state("node_devices", NodeDeviceTable)


def _wanted(node: ScriptedNode) -> list[tuple[tuple[str, int], int]]:
    """``(key, hardware type)`` of the devices the node has now."""
    if isinstance(node, Machine):
        if not node.commissioned:
            return []
        nics = [i.id for i in node.interfaces if i.type == "physical"]
        disks = [d.id for d in node.block_devices if d.type == "physical"]
    else:
        assert isinstance(node, NodeRecord)
        if node.node_type == DEVICE or node.current_commissioning_result_id is None:
            return []
        nics, disks = [i.id for i in node.interfaces if i.type == "physical"], []
    keys = [(("nic", i), 4) for i in nics] + [(("disk", d), 3) for d in disks]
    return [*keys, (("usb", 0), 0)]


def node_devices(store: Store, node: ScriptedNode) -> list[NodeDeviceRecord]:
    """The node's devices, brought in line with its interfaces and disks."""
    table = _table(store)
    current = {record.key: record for record in table.by_node.get(node.system_id, [])}
    commissioning = node.current_commissioning_result_id
    records: list[NodeDeviceRecord] = []
    for index, (key, hardware_type) in enumerate(_wanted(node)):
        tombstone = (node.system_id, key)
        if tombstone in table.deleted:
            if table.deleted[tombstone] == commissioning:
                continue  # deleted during this commissioning run
            del table.deleted[tombstone]
        record = current.get(key)
        if record is None:
            usb = key[0] == "usb"
            record = NodeDeviceRecord(
                id=store.next_id("nodedevice"),
                key=key,
                bus=2 if usb else 1,
                hardware_type=hardware_type,
                identity={"nic": _NIC, "disk": _DISK}.get(key[0], _HUB),
                bus_number=1 if usb else index + 1,
                device_number=1 if usb else 0,
                pci_address=None if usb else f"0000:{index + 1:02x}:00.0",
            )
        records.append(record)
    table.by_node[node.system_id] = records
    return records


def _physical(store: Store, node: ScriptedNode, record: NodeDeviceRecord) -> tuple[Any, Any]:
    kind, object_id = record.key
    if isinstance(node, Machine):
        view = machine_table(store).view()
        iface = next((i for i in node.interfaces if i.id == object_id), None)
        disk = next((d for d in node.block_devices if d.id == object_id), None)
        if kind == "nic" and iface is not None:
            return None, machine_interface_dict(node, iface, view)
        if kind == "disk" and disk is not None:
            return block_device_dict(node, disk), None
        return None, None
    assert isinstance(node, NodeRecord)
    found = next((i for i in node.interfaces if i.id == object_id), None)
    if kind == "nic" and found is not None:
        return None, interface_dict(store, node, found)
    return None, None


def _render(store: Store, node: ScriptedNode, record: NodeDeviceRecord) -> dict[str, Any]:
    vendor_id, product_id, vendor_name, product_name, driver = record.identity
    disk, iface = _physical(store, node, record)
    return {
        "id": record.id,
        "bus": record.bus,
        "bus_name": _BUS_NAMES[record.bus],
        "hardware_type": record.hardware_type,
        "hardware_type_name": _HARDWARE_NAMES[record.hardware_type],
        "system_id": node.system_id,
        "numa_node": 0,
        "physical_blockdevice": disk,
        "physical_interface": iface,
        "vendor_id": vendor_id,
        "product_id": product_id,
        "vendor_name": vendor_name,
        "product_name": product_name,
        "commissioning_driver": driver,
        "bus_number": record.bus_number,
        "device_number": record.device_number,
        "pci_address": record.pci_address,
        "resource_uri": f"{API_PREFIX}nodes/{node.system_id}/devices/{record.id}/",
    }


def _bus(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        if int(value) not in _BUS_NAMES:
            raise BadRequest("Invalid bus numeric value!")
        return int(value)
    if value in ("PCIE", "pcie"):
        return 1
    if value in ("USB", "usb"):
        return 2
    raise BadRequest("Bus must be PCIE or USB!")


@routes.route("GET", _DEVICES)
def list_node_devices(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/devices/``, filtered (text filters ignore case).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/devices/
    """
    node = node_for_request(ctx)
    query = ctx.query
    bus = _bus(query.get("bus"))
    hardware_type = hardware_type_value(query.get("hardware_type"))
    texts = {
        index: query.get(name)
        for index, name in enumerate(
            ("vendor_id", "product_id", "vendor_name", "product_name", "commissioning_driver")
        )
    }
    records = [
        r
        for r in node_devices(ctx.store, node)
        if (bus is None or r.bus == bus)
        and (hardware_type is None or r.hardware_type == hardware_type)
        and all(v is None or r.identity[i].lower() == v.lower() for i, v in texts.items())
    ]
    return json_response([_render(ctx.store, node, r) for r in records])


def _find(ctx: RequestContext, node: ScriptedNode) -> NodeDeviceRecord:
    key = ctx.args["id"]
    records = node_devices(ctx.store, node)
    if key.isdigit():
        found = next((r for r in records if r.id == int(key)), None)
        if found is None:
            raise NotFound("NodeDevice")
        return found
    parts = key.split(":")
    try:
        if len(parts) == 2:
            bus_number, device_number = int(parts[0]), int(parts[1])
            wanted = (bus_number, device_number)
            match = [r for r in records if (r.bus_number, r.device_number) == wanted]
        else:
            match = [r for r in records if r.pci_address == key]
        return match[0]
    except (ValueError, IndexError):
        raise BadRequest("Invalid id format!") from None


@routes.route("GET", _DEVICE)
def read_node_device(ctx: RequestContext) -> WireResponse:
    """``GET nodes/{system_id}/devices/{id}/`` (id, PCI address or ``<bus>:<device>``).

    MAAS API: GET /MAAS/api/2.0/nodes/{system_id}/devices/{id}/
    """
    node = node_for_request(ctx)
    return json_response(_render(ctx.store, node, _find(ctx, node)))


@routes.route("DELETE", _DEVICE)
def delete_node_device(ctx: RequestContext) -> WireResponse:
    """``DELETE nodes/{system_id}/devices/{id}/`` (admin): 204.

    MAAS API: DELETE /MAAS/api/2.0/nodes/{system_id}/devices/{id}/
    """
    ctx.require_admin()
    node = node_for_request(ctx)
    record = _find(ctx, node)
    table = _table(ctx.store)
    table.by_node[node.system_id].remove(record)
    table.deleted[(node.system_id, record.key)] = node.current_commissioning_result_id
    return no_content()
