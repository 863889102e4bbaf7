"""JSON renderings of devices and controllers, with the fields and order MAAS emits.

Devices get the DeviceHandler field list, rack controllers the RackControllerHandler list
(with ``service_set``), region controllers the RegionControllerHandler list (REFERENCE.md
Appendix B); a 3.4 region omits ``ip_addresses`` (§4). A region-and-rack controller is a rack
controller to MAAS: its ``resource_uri`` is always under ``rackcontrollers/``.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Any

from ._machine_model import Interface
from ._machine_table import machine_table
from ._node_fields import interface_fields, script_status_fields, tested_fields
from ._r_node_records import DEVICE, NODE_TYPE_NAMES, RACK_TYPES, NodeRecord
from ._render import API_PREFIX, render_domain, render_subnet, render_vlan, render_zone
from ._responses import pretty_json
from ._store import Store

__all__ = [
    "RACK_SERVICES",
    "at_least",
    "device_dict",
    "interface_dict",
    "mail_time",
    "node_dict",
    "node_json",
    "piston_time",
    "rack_dict",
    "region_dict",
]

RACK_SERVICES = (
    "rackd",
    "dhcpd",
    "dhcpd6",
    "tftp",
    "http",
    "ntp_rack",
    "dns_rack",
    "proxy_rack",
    "syslog_rack",
    "agent",
)
"""The services a rack controller reports in ``service_set``."""


def at_least(store: Store, major: int, minor: int) -> bool:
    """Whether the fake plays MAAS ``major.minor`` or later."""
    parts = str(store.maas_version).split(".")
    try:
        return (int(parts[0]), int(parts[1] if len(parts) > 1 else 0)) >= (major, minor)
    except ValueError:
        return True


def piston_time(store: Store, moment: datetime) -> str:
    """A model datetime as piston renders it: naive ISO before 3.6, UTC ``Z`` after."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
    return text + "Z" if at_least(store, 3, 6) else text


def mail_time(store: Store, moment: datetime | None) -> str | None:
    """A datetime as script results show it: ``Tue, 07 Nov 2017 15:59:57 -0000`` (3.6+: +0000)."""
    if moment is None:
        return None
    return format_datetime(moment if at_least(store, 3, 6) else moment.replace(tzinfo=None))


def interface_dict(store: Store, record: NodeRecord, iface: Interface) -> dict[str, Any]:
    """Render an interface of a device or controller (the 23 keys of §15.1)."""
    vlan = store.vlans.get(iface.vlan_id) if iface.vlan_id is not None else None
    links: list[dict[str, Any]] = []
    for link in iface.links:
        rendered: dict[str, Any] = {"id": link.id, "mode": link.mode}
        subnet = store.subnets.get(link.subnet_id) if link.subnet_id is not None else None
        if subnet is not None:
            rendered["subnet"] = render_subnet(store, subnet)
        if link.ip_address:
            rendered["ip_address"] = link.ip_address
        links.append(rendered)
    mtu = iface.mtu or (vlan.mtu if vlan is not None else 1500)
    rendered_vlan = render_vlan(store, vlan) if vlan is not None else None
    return interface_fields(record.system_id, iface, rendered_vlan, links, mtu)


def _addresses(record: NodeRecord) -> list[str]:
    return [link.ip_address for i in record.interfaces for link in i.links if link.ip_address]


def _common(store: Store, record: NodeRecord) -> tuple[dict[str, Any], str]:
    domain = store.domains.get(record.domain_id, store.default_domain)
    return render_domain(store, domain), f"{record.hostname}.{domain.name}"


def _zone(store: Store, record: NodeRecord) -> dict[str, Any]:
    return render_zone(store.zones.get(record.zone_id, store.default_zone))


def device_dict(store: Store, record: NodeRecord) -> dict[str, Any]:
    """Render a device (DeviceHandler fields; 16 keys on 3.4, 17 with ``ip_addresses``)."""
    domain, fqdn = _common(store, record)
    out: dict[str, Any] = {
        "system_id": record.system_id,
        "hostname": record.hostname,
        "description": record.description,
        "domain": domain,
        "fqdn": fqdn,
        "owner": record.owner,
        "owner_data": dict(record.workload_annotations),
        "parent": record.parent,
        "tag_names": list(record.tag_names),
        "address_ttl": record.address_ttl,
        "ip_addresses": _addresses(record),
        "interface_set": [interface_dict(store, record, i) for i in record.interfaces],
        "zone": _zone(store, record),
        "node_type": DEVICE,
        "node_type_name": NODE_TYPE_NAMES[DEVICE],
        "workload_annotations": dict(record.workload_annotations),
        "resource_uri": f"{API_PREFIX}devices/{record.system_id}/",
    }
    if not at_least(store, 3, 5):
        del out["ip_addresses"]
    return out


def _controller(store: Store, record: NodeRecord, *, with_services: bool) -> dict[str, Any]:
    domain, fqdn = _common(store, record)
    out: dict[str, Any] = {
        "system_id": record.system_id,
        "hostname": record.hostname,
        "description": record.description,
        "hardware_uuid": record.hardware_uuid,
        "domain": domain,
        "fqdn": fqdn,
        "architecture": record.architecture,
        "cpu_count": record.cpu_count,
        "cpu_speed": record.cpu_speed,
        "memory": record.memory,
        "swap_size": record.swap_size,
        "osystem": record.osystem,
        "distro_series": record.distro_series,
        "power_type": record.power_type,
        "power_state": record.power_state,
        "ip_addresses": _addresses(record),
        "interface_set": [interface_dict(store, record, i) for i in record.interfaces],
        "zone": _zone(store, record),
        "status_action": record.status_action,
        "node_type": record.node_type,
        "node_type_name": NODE_TYPE_NAMES[record.node_type],
    }
    if with_services:
        connected = machine_table(store).rack_connected
        out["service_set"] = [
            {
                "name": name,
                "status": "running" if connected else "dead",
                "status_info": "" if connected else "rackd is not connected to the region",
            }
            for name in RACK_SERVICES
        ]
    out.update(
        {
            "current_commissioning_result_id": record.current_commissioning_result_id,
            "current_testing_result_id": record.current_testing_result_id,
            "current_installation_result_id": record.current_installation_result_id,
            "version": store.maas_version,
        }
    )
    out.update(tested_fields(record))
    out["tag_names"] = list(record.tag_names)
    out.update(script_status_fields(record, ("interface_test",)))
    kind = "rackcontrollers" if record.node_type in RACK_TYPES else "regioncontrollers"
    out["resource_uri"] = f"{API_PREFIX}{kind}/{record.system_id}/"
    if not at_least(store, 3, 5):
        del out["ip_addresses"]
    return out


def rack_dict(store: Store, record: NodeRecord) -> dict[str, Any]:
    """Render a controller with the RackControllerHandler fields."""
    return _controller(store, record, with_services=True)


def region_dict(store: Store, record: NodeRecord) -> dict[str, Any]:
    """Render a controller with the RegionControllerHandler fields."""
    return _controller(store, record, with_services=False)


def node_dict(store: Store, record: NodeRecord) -> dict[str, Any]:
    """Render a device or controller as itself (``nodes/``, tag listings)."""
    if record.node_type == DEVICE:
        return device_dict(store, record)
    if record.node_type in RACK_TYPES:
        return rack_dict(store, record)
    return region_dict(store, record)


def node_json(store: Store, record: NodeRecord) -> bytes:
    """:func:`node_dict` as pretty JSON bytes (to join with cached machine renderings)."""
    return pretty_json(node_dict(store, record)).encode("utf-8")
