"""The power drivers ``GET rackcontrollers/?op=describe_power_types`` describes.

The 24 drivers of MAAS 3.4-3.7 (REFERENCE.md §6.2), each as ``{driver_type, name,
description, chassis, can_probe, fields, queryable, missing_packages}``, sorted by description
like the real region. Only the common parameters of each driver are listed.
"""

from __future__ import annotations

from typing import Any

__all__ = ["power_type_descriptions"]

# name: (description, driver_type, chassis, can_probe, queryable, parameter names)
_DRIVERS: dict[str, tuple[str, str, bool, bool, bool, tuple[str, ...]]] = {
    "amt": (
        "Intel AMT",
        "power",
        False,
        False,
        True,
        ("mac_address", "power_address", "power_pass"),
    ),
    "apc": (
        "American Power Conversion (APC) PDU",
        "power",
        True,
        False,
        True,
        ("power_address", "node_outlet", "power_on_delay"),
    ),
    "dli": (
        "Digital Loggers, Inc. PDU",
        "power",
        True,
        False,
        True,
        ("outlet_id", "power_address", "power_user", "power_pass"),
    ),
    "eaton": (
        "Eaton PDU",
        "power",
        True,
        False,
        True,
        ("power_address", "node_outlet", "power_on_delay"),
    ),
    "hmc": (
        "IBM Hardware Management Console (HMC) for PowerPC",
        "power",
        True,
        False,
        True,
        ("power_address", "power_user", "power_pass", "server_name", "lpar"),
    ),
    "hmcz": (
        "IBM Hardware Management Console (HMC) for Z",
        "power",
        True,
        True,
        True,
        ("power_address", "power_user", "power_pass", "power_partition_name"),
    ),
    "ipmi": (
        "IPMI",
        "power",
        False,
        False,
        True,
        (
            "power_driver",
            "power_boot_type",
            "power_address",
            "power_user",
            "power_pass",
            "k_g",
            "cipher_suite_id",
            "privilege_level",
            "mac_address",
        ),
    ),
    "lxd": (
        "LXD (virtual systems)",
        "pod",
        True,
        False,
        True,
        ("power_address", "instance_name", "project", "password", "certificate", "key"),
    ),
    "manual": ("Manual", "power", False, False, False, ()),
    "moonshot": (
        "HP Moonshot - iLO4 (IPMI)",
        "power",
        True,
        False,
        True,
        ("power_address", "power_user", "power_pass", "power_hwaddress"),
    ),
    "mscm": (
        "HP Moonshot - iLO Chassis Manager",
        "power",
        True,
        True,
        True,
        ("power_address", "power_user", "power_pass", "node_id"),
    ),
    "msftocs": (
        "Microsoft OCS - Chassis Manager",
        "power",
        True,
        True,
        True,
        ("power_address", "power_port", "power_user", "power_pass", "blade_id"),
    ),
    "nova": (
        "OpenStack Nova",
        "power",
        True,
        False,
        True,
        ("nova_id", "os_tenantname", "os_username", "os_password", "os_authurl"),
    ),
    "openbmc": (
        "OpenBMC Power Driver",
        "power",
        False,
        False,
        True,
        ("power_address", "power_user", "power_pass"),
    ),
    "proxmox": (
        "Proxmox",
        "power",
        True,
        True,
        True,
        (
            "power_address",
            "power_user",
            "power_pass",
            "power_token_name",
            "power_token_secret",
            "power_verify_ssl",
            "power_vm_name",
        ),
    ),
    "raritan": (
        "Raritan PDU",
        "power",
        True,
        False,
        True,
        ("power_address", "node_outlet", "power_on_delay"),
    ),
    "recs_box": (
        "Christmann RECS|Box Power Driver",
        "power",
        True,
        True,
        True,
        ("node_id", "power_address", "power_port", "power_user", "power_pass"),
    ),
    "redfish": (
        "Redfish",
        "power",
        True,
        False,
        True,
        ("power_address", "power_user", "power_pass", "node_id"),
    ),
    "sm15k": (
        "SeaMicro 15000",
        "power",
        True,
        True,
        True,
        ("system_id", "power_address", "power_user", "power_pass", "power_control"),
    ),
    "ucsm": (
        "Cisco UCS Manager",
        "power",
        True,
        True,
        True,
        ("uuid", "power_address", "power_user", "power_pass"),
    ),
    "virsh": (
        "Virsh (virtual systems)",
        "pod",
        True,
        True,
        True,
        ("power_address", "power_id", "power_pass"),
    ),
    "vmware": (
        "VMware",
        "power",
        True,
        True,
        True,
        (
            "power_vm_name",
            "power_uuid",
            "power_address",
            "power_user",
            "power_pass",
            "power_port",
            "power_protocol",
        ),
    ),
    "webhook": (
        "Webhook",
        "power",
        False,
        False,
        True,
        (
            "power_on_uri",
            "power_off_uri",
            "power_query_uri",
            "power_on_regex",
            "power_off_regex",
            "power_user",
            "power_pass",
            "power_token",
            "power_verify_ssl",
        ),
    ),
    "wedge": (
        "Facebook's Wedge",
        "power",
        False,
        False,
        True,
        ("power_address", "power_user", "power_pass"),
    ),
}
_SECRETS = frozenset({"power_pass", "password", "os_password", "k_g", "power_token", "key"})
_REQUIRED = frozenset({"power_address", "power_id", "nova_id", "power_vm_name", "outlet_id"})


def _field(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "label": name.replace("_", " ").capitalize(),
        "required": name in _REQUIRED,
        "field_type": "password" if name in _SECRETS else "string",
        "choices": [],
        "default": "",
        "scope": "node"
        if name in ("power_id", "node_id", "instance_name", "power_vm_name")
        else "bmc",
        "secret": name in _SECRETS,
    }


def power_type_descriptions() -> list[dict[str, Any]]:
    """Return the drivers' schemas, sorted by description like MAAS."""
    drivers = [
        {
            "driver_type": driver_type,
            "name": name,
            "description": description,
            "chassis": chassis,
            "can_probe": can_probe,
            "fields": [_field(parameter) for parameter in parameters],
            "queryable": queryable,
            "missing_packages": [],
        }
        for name, (description, driver_type, chassis, can_probe, queryable, parameters) in (
            _DRIVERS.items()
        )
    ]
    return sorted(drivers, key=lambda driver: str(driver["description"]))
