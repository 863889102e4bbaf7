"""Render machine records into the JSON objects MAAS answers with (REFERENCE.md §7.1, §14, §15).

Machines are rendered with the MachineHandler field list of MAAS 3.7.3 (81 keys; 77 when the
fake plays a 3.4 region, which lacks ``error_description``, ``enable_kernel_crash_dump``,
``is_dpu`` and emits no ``ip_addresses``). Nested zone/pool/domain/VLAN/subnet objects come from
a :class:`NestedView` so that they are rendered by the same code as their own endpoints.

Listing 10,000 machines must stay cheap, so each machine's encoded JSON is cached on the record
(see :meth:`Machine.touch`) together with the generation of the nested objects it embeds; a list
answer is assembled by joining the cached bytes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Protocol

from ._machine_json import Raw, pretty
from ._machine_model import (
    BlockDevice,
    Filesystem,
    Interface,
    Machine,
    Partition,
)
from ._node_fields import interface_fields, script_status_fields, tested_fields
from ._render import API_PREFIX as API_ROOT

__all__ = [
    "API_ROOT",
    "NestedView",
    "RenderOptions",
    "anonymous_machine_dict",
    "block_device_dict",
    "bson_document",
    "device_sizes",
    "interface_dict",
    "interface_text",
    "machine_json",
    "machine_text",
    "partition_dict",
]

PARTITION_TABLE_RESERVE = 8 * 1024 * 1024
"""Space MAAS keeps free for a partition table (verified available_size on 3.4.10)."""
PARTITION_TABLE_OVERHEAD = 5 * 1024 * 1024


class NestedView(Protocol):
    """Where the renderer gets the nested objects a machine embeds."""

    generation: int
    """Changes whenever any zone/pool/domain/VLAN/subnet rendering may have changed."""

    def zone(self, zone_id: int) -> dict[str, Any]:
        """Return the rendered zone (``{id,name,description,resource_uri}``)."""
        ...

    def pool(self, pool_id: int) -> dict[str, Any]:
        """Return the rendered resource pool."""
        ...

    def domain(self, domain_id: int) -> dict[str, Any]:
        """Return the rendered domain."""
        ...

    def vlan(self, vlan_id: int) -> dict[str, Any] | None:
        """Return the rendered VLAN, or None when it no longer exists."""
        ...

    def subnet(self, subnet_id: int) -> dict[str, Any] | None:
        """Return the rendered subnet (with its nested VLAN), or None when gone."""
        ...

    def text(self, kind: str, object_id: int) -> str:
        """Return the pretty JSON of a ``zone``/``pool``/``domain``/``vlan``/``subnet``."""
        ...


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Which MAAS release's machine field set to emit."""

    fields_35_plus: bool = True
    """Emit ``error_description`` (3.5+), ``enable_kernel_crash_dump`` (3.6+), ``is_dpu``."""
    ip_addresses: bool = True
    """Emit ``ip_addresses`` (the 3.4.10 region observed omitted it)."""


def _filesystem_dict(fs: Filesystem | None) -> dict[str, Any] | None:
    if fs is None:
        return None
    return {
        "fstype": fs.fstype,
        "label": fs.label,
        "uuid": fs.uuid,
        "mount_point": fs.mount_point,
        "mount_options": fs.mount_options,
    }


def _filesystem_used_for(fs: Filesystem) -> str:
    if fs.fstype == "lvm-pv":
        return "LVM volume for vgroot"
    if fs.mount_point:
        return f"{fs.fstype} formatted filesystem mounted at {fs.mount_point}"
    return f"Unmounted {fs.fstype} formatted filesystem"


def partition_dict(machine: Machine, device: BlockDevice, partition: Partition) -> dict[str, Any]:
    """Render a partition (REFERENCE.md §14.2)."""
    index = device.partitions.index(partition) + 1
    return {
        "system_id": machine.system_id,
        "device_id": device.id,
        "id": partition.id,
        "uuid": partition.uuid,
        "path": f"/dev/disk/by-dname/{device.name}-part{index}",
        "type": "partition",
        "size": partition.size,
        "bootable": partition.bootable,
        "filesystem": _filesystem_dict(partition.filesystem),
        "used_for": _filesystem_used_for(partition.filesystem)
        if partition.filesystem
        else "Unused",
        "tags": list(partition.tags),
        "resource_uri": (
            f"{API_ROOT}nodes/{machine.system_id}/blockdevices/{device.id}/partition/{partition.id}"
        ),
    }


def device_sizes(device: BlockDevice) -> tuple[int, int]:
    """Return ``(used_size, available_size)`` of a block device as MAAS reports them."""
    if device.filesystem is not None:
        return device.size, 0
    if not device.partitions:
        return 0, max(0, device.size - PARTITION_TABLE_RESERVE)
    partitioned = sum(p.size for p in device.partitions)
    used = min(device.size, partitioned + PARTITION_TABLE_OVERHEAD)
    available = max(0, device.size - PARTITION_TABLE_RESERVE - partitioned)
    return used, available


def _device_used_for(device: BlockDevice) -> str:
    if device.filesystem is not None:
        return _filesystem_used_for(device.filesystem)
    if device.partitions:
        count = len(device.partitions)
        plural = "partition" if count == 1 else "partitions"
        return f"{device.partition_table_type or 'GPT'} partitioned with {count} {plural}"
    return "Unused"


def block_device_dict(machine: Machine, device: BlockDevice) -> dict[str, Any]:
    """Render a block device (REFERENCE.md §14.1: 22 keys)."""
    used, available = device_sizes(device)
    return {
        "system_id": machine.system_id,
        "id": device.id,
        "name": device.name,
        "uuid": device.uuid,
        "type": device.type,
        "path": f"/dev/disk/by-dname/{device.name}",
        "model": device.model,
        "serial": device.serial,
        "id_path": device.id_path,
        "size": device.size,
        "block_size": device.block_size,
        "available_size": available,
        "used_size": used,
        "used_for": _device_used_for(device),
        "tags": list(device.tags),
        "filesystem": _filesystem_dict(device.filesystem),
        "partition_table_type": device.partition_table_type,
        "partitions": [partition_dict(machine, device, p) for p in device.partitions],
        "firmware_version": device.firmware_version,
        "storage_pool": device.storage_pool,
        "numa_node": device.numa_node,
        "resource_uri": f"{API_ROOT}nodes/{machine.system_id}/blockdevices/{device.id}/",
    }


def _links_and_mtu(
    iface: Interface, view: NestedView, raw: bool
) -> tuple[list[dict[str, Any]], Any, int]:
    vlan = view.vlan(iface.vlan_id) if iface.vlan_id is not None else None
    links: list[dict[str, Any]] = []
    for link in iface.links:
        rendered: dict[str, Any] = {"id": link.id, "mode": link.mode}
        if link.subnet_id is not None and view.subnet(link.subnet_id) is not None:
            rendered["subnet"] = (
                Raw(view.text("subnet", link.subnet_id)) if raw else view.subnet(link.subnet_id)
            )
        if link.ip_address:
            rendered["ip_address"] = link.ip_address
        links.append(rendered)
    mtu = iface.mtu or (int(vlan.get("mtu", 1500)) if vlan is not None else 1500)
    shown_vlan: Any = vlan
    if vlan is not None and raw and iface.vlan_id is not None:
        shown_vlan = Raw(view.text("vlan", iface.vlan_id))
    return links, shown_vlan, mtu


def _interface_skeleton(
    machine: Machine, iface: Interface, view: NestedView, raw: bool
) -> dict[str, Any]:
    links, vlan, mtu = _links_and_mtu(iface, view, raw)
    return interface_fields(machine.system_id, iface, vlan, links, mtu)


def interface_dict(machine: Machine, iface: Interface, view: NestedView) -> dict[str, Any]:
    """Render an interface (REFERENCE.md §15.1: 23 keys)."""
    return _interface_skeleton(machine, iface, view, False)


def interface_text(machine: Machine, iface: Interface, view: NestedView) -> str:
    """Render an interface as pretty JSON (same content as :func:`interface_dict`)."""
    return pretty(_interface_skeleton(machine, iface, view, True))


def _default_gateways(machine: Machine, view: NestedView) -> dict[str, Any]:
    chosen: dict[str, tuple[str | None, int | None]] = {
        "ipv4": (None, None),
        "ipv6": (None, None),
    }
    explicit = {"ipv4": machine.gateway_link_ipv4, "ipv6": machine.gateway_link_ipv6}
    for iface in machine.interfaces:
        for link in iface.links:
            if link.subnet_id is None or link.mode == "link_up":
                continue
            subnet = view.subnet(link.subnet_id)
            if subnet is None or not subnet.get("gateway_ip"):
                continue
            family = "ipv6" if ":" in str(subnet.get("cidr", "")) else "ipv4"
            if explicit[family] == link.id:
                chosen[family] = (subnet["gateway_ip"], link.id)
            elif chosen[family][0] is None and explicit[family] is None:
                chosen[family] = (subnet["gateway_ip"], None)
    return {
        family: {"gateway_ip": gateway, "link_id": link_id}
        for family, (gateway, link_id) in chosen.items()
    }


def _ip_addresses(machine: Machine) -> list[str]:
    return [
        link.ip_address for iface in machine.interfaces for link in iface.links if link.ip_address
    ]


def machine_text(
    machine: Machine,
    view: NestedView,
    options: RenderOptions = RenderOptions(),
    *,
    constraints_by_type: dict[str, Any] | None = None,
) -> str:
    """Render a machine with every MachineHandler field (REFERENCE.md §7.1) as pretty JSON.

    Args:
        machine: The machine.
        view: Source of the nested zone/pool/domain/VLAN/subnet objects.
        options: Which release's field set to emit.
        constraints_by_type: Added only to the ``op=allocate`` answer.
    """
    domain = view.domain(machine.domain_id)
    device_texts = {d.id: Raw(pretty(block_device_dict(machine, d))) for d in machine.block_devices}
    boot_disk = machine.boot_disk()
    interface_texts = {i.id: Raw(interface_text(machine, i, view)) for i in machine.interfaces}
    boot_interface = machine.boot_interface()
    out: dict[str, Any] = {
        "system_id": machine.system_id,
        "hostname": machine.hostname,
        "description": machine.description,
        "hardware_uuid": machine.hardware_uuid,
        "domain": Raw(view.text("domain", machine.domain_id)),
        "fqdn": f"{machine.hostname}.{domain['name']}",
        "owner": machine.owner,
        "owner_data": dict(machine.workload_annotations),
        "locked": machine.locked,
        "cache_sets": [],
        "bcaches": [],
        "bios_boot_method": machine.bios_boot_method,
        "boot_interface": (
            interface_texts[boot_interface.id] if boot_interface is not None else None
        ),
        "architecture": machine.architecture,
        "min_hwe_kernel": machine.min_hwe_kernel,
        "hwe_kernel": machine.hwe_kernel,
        "cpu_count": machine.cpu_count,
        "cpu_speed": machine.cpu_speed,
        "memory": machine.memory,
        "swap_size": machine.swap_size,
        "storage": sum(d.size for d in machine.block_devices if d.type == "physical") / 1e6,
        "status": int(machine.status),
        "osystem": machine.osystem,
        "distro_series": machine.distro_series,
        "ephemeral_deploy": machine.ephemeral_deploy,
        "error_description": machine.error_description,
        "netboot": machine.netboot,
        "power_type": machine.power_type,
        "power_state": machine.power_state,
        "tag_names": list(machine.tag_names),
        "address_ttl": machine.address_ttl,
        "ip_addresses": _ip_addresses(machine),
        "interface_set": list(interface_texts.values()),
        "zone": Raw(view.text("zone", machine.zone_id)),
        "pool": Raw(view.text("pool", machine.pool_id)),
        "disable_ipv4": False,
    }
    if constraints_by_type is not None:
        out["constraints_by_type"] = constraints_by_type
    out.update(
        {
            "boot_disk": device_texts[boot_disk.id] if boot_disk is not None else None,
            "blockdevice_set": list(device_texts.values()),
            "physicalblockdevice_set": [
                device_texts[d.id] for d in machine.block_devices if d.type == "physical"
            ],
            "virtualblockdevice_set": [
                device_texts[d.id] for d in machine.block_devices if d.type != "physical"
            ],
            "volume_groups": [],
            "raids": [],
            "status_action": machine.status_action,
            "status_message": machine.status_message,
            "status_name": machine.status.label,
            "node_type": 0,
            "node_type_name": "Machine",
            "special_filesystems": [
                {
                    "fstype": fs.fstype,
                    "label": None,
                    "uuid": fs.uuid,
                    "mount_point": fs.mount_point,
                    "mount_options": fs.mount_options,
                }
                for fs in machine.special_filesystems
            ],
            "parent": None,
            "pod": None,
            "default_gateways": _default_gateways(machine, view),
            "current_commissioning_result_id": machine.current_commissioning_result_id,
            "current_testing_result_id": machine.current_testing_result_id,
            "current_installation_result_id": machine.current_installation_result_id,
        }
    )
    out.update(tested_fields(machine))
    out.update(script_status_fields(machine, ("interface_test",)))
    out["numanode_set"] = [
        {
            "index": 0,
            "memory": machine.memory,
            "cores": list(range(machine.cpu_count)),
            "hugepages_set": [],
        }
    ]
    out["virtualmachine_id"] = None
    out["workload_annotations"] = dict(machine.workload_annotations)
    out["last_sync"] = machine.last_sync
    out["sync_interval"] = machine.sync_interval
    out["next_sync"] = machine.next_sync
    out["enable_hw_sync"] = machine.enable_hw_sync
    out["enable_kernel_crash_dump"] = machine.enable_kernel_crash_dump
    out["is_dpu"] = machine.is_dpu
    out["resource_uri"] = f"{API_ROOT}machines/{machine.system_id}/"
    if not options.fields_35_plus:
        for key in ("error_description", "enable_kernel_crash_dump", "is_dpu"):
            del out[key]
    if not options.ip_addresses:
        del out["ip_addresses"]
    return pretty(out)


def machine_json(
    machine: Machine, view: NestedView, options: RenderOptions = RenderOptions()
) -> bytes:
    """Return the machine's pretty JSON, from the cache when nothing it shows has changed."""
    cached = machine.cached_json
    if cached is not None and machine.cached_context == view.generation:
        return cached
    encoded = machine_text(machine, view, options).encode("utf-8")
    machine.cached_json = encoded
    machine.cached_context = view.generation
    return encoded


def anonymous_machine_dict(machine: Machine, view: NestedView) -> dict[str, Any]:
    """Render the reduced 14-key object anonymous enlistment gets (no nested resource_uri)."""
    domain = {k: v for k, v in view.domain(machine.domain_id).items() if k != "resource_uri"}
    zone = {k: v for k, v in view.zone(machine.zone_id).items() if k != "resource_uri"}
    return {
        "system_id": machine.system_id,
        "hostname": machine.hostname,
        "domain": domain,
        "fqdn": f"{machine.hostname}.{domain['name']}",
        "architecture": machine.architecture,
        "status": int(machine.status),
        "power_type": machine.power_type,
        "power_state": machine.power_state,
        "zone": zone,
        "status_action": machine.status_action,
        "status_message": machine.status_message,
        "status_name": machine.status.label,
        "node_type": 0,
        "resource_uri": f"{API_ROOT}machines/{machine.system_id}/",
    }


def _bson_element(key: str, value: bytes | str | None) -> bytes:
    name = key.encode("utf-8") + b"\x00"
    if value is None:
        return b"\x0a" + name
    if isinstance(value, str):
        data = value.encode("utf-8") + b"\x00"
        return b"\x02" + name + struct.pack("<i", len(data)) + data
    return b"\x05" + name + struct.pack("<i", len(value)) + b"\x00" + value


def bson_document(fields: dict[str, bytes | str | None]) -> bytes:
    """Encode a flat BSON document of null, string and binary values (``op=details``).

    Args:
        fields: Keys in the order to encode; ``None`` -> BSON null, ``str`` -> string,
            ``bytes`` -> binary (subtype 0).

    Returns:
        The BSON bytes; ``{"lldp": None, "lshw": None}`` gives MAAS's 17-byte document.
    """
    body = b"".join(_bson_element(k, v) for k, v in fields.items()) + b"\x00"
    return struct.pack("<i", len(body) + 4) + body
