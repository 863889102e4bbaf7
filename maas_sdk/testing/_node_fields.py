"""Fields every node answer shares, whatever the node (machine, device or controller).

The machine renderer (:mod:`._machine_render`) and the device and controller renderer
(:mod:`._r_node_render`) build their answers from these, so an interface or a script status
reads the same on ``machines/`` and on ``rackcontrollers/``.
"""

from __future__ import annotations

from typing import Any, Protocol

from ._machine_model import HARDWARE_INFO_KEYS, SCRIPT_STATUS_FIELDS, Interface, ScriptStatus
from ._render import API_PREFIX

__all__ = ["TestedNode", "interface_fields", "script_status_fields", "tested_fields"]


class TestedNode(Protocol):
    """A node with script results and commissioning data (a machine or a controller)."""

    hardware_info: dict[str, str]

    def script_status(self, prefix: str) -> ScriptStatus:
        """Return the ``<prefix>_status`` value."""
        ...


def script_status_fields(node: TestedNode, prefixes: tuple[str, ...]) -> dict[str, Any]:
    """The ``<prefix>_status`` and ``<prefix>_status_name`` fields of a node."""
    fields: dict[str, Any] = {}
    for prefix in prefixes:
        status = node.script_status(prefix)
        fields[f"{prefix}_status"] = int(status)
        fields[f"{prefix}_status_name"] = status.label
    return fields


def tested_fields(node: TestedNode) -> dict[str, Any]:
    """The script statuses (but ``interface_test``'s) and ``hardware_info`` of a node."""
    fields = script_status_fields(node, SCRIPT_STATUS_FIELDS[:7])
    fields["hardware_info"] = {
        key: node.hardware_info.get(key, "Unknown") for key in HARDWARE_INFO_KEYS
    }
    return fields


def interface_fields(
    system_id: str, iface: Interface, vlan: Any, links: list[dict[str, Any]], mtu: int
) -> dict[str, Any]:
    """Render an interface of any node from its rendered VLAN, links and effective MTU."""
    return {
        "system_id": system_id,
        "id": iface.id,
        "name": iface.name,
        "type": iface.type,
        "vlan": vlan,
        "mac_address": iface.mac_address,
        "parents": list(iface.parents),
        "children": list(iface.children),
        "tags": list(iface.tags),
        "enabled": iface.enabled,
        "links": links,
        "params": dict(iface.params),
        "discovered": None,
        "effective_mtu": mtu,
        "vendor": iface.vendor,
        "product": iface.product,
        "firmware_version": iface.firmware_version,
        "link_connected": iface.link_connected,
        "interface_speed": iface.interface_speed,
        "link_speed": iface.link_speed,
        "numa_node": iface.numa_node,
        "sriov_max_vf": iface.sriov_max_vf,
        "resource_uri": f"{API_PREFIX}nodes/{system_id}/interfaces/{iface.id}/",
    }
