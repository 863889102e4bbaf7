"""MAAS configuration settings (``maas/?op=get_config|set_config``, REFERENCE.md §16).

The key set and its order are those a 3.4.10 region lists in its unknown-key error; defaults
are those a fresh region answers. ``set_config`` validates the kinds of values MAAS validates.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONFIG_NAMES", "default_config", "validate_config_value"]

_DEFAULTS: dict[str, Any] = {
    "maas_name": "fake-maas",
    "theme": "",
    "kernel_opts": None,
    "enable_http_proxy": True,
    "maas_proxy_port": 8000,
    "use_peer_proxy": False,
    "prefer_v4_proxy": False,
    "http_proxy": None,
    "default_dns_ttl": 30,
    "upstream_dns": None,
    "dnssec_validation": "auto",
    "maas_internal_domain": "maas-internal",
    "dns_trusted_acl": None,
    "ntp_servers": "ntp.ubuntu.com",
    "ntp_external_only": False,
    "remote_syslog": None,
    "maas_syslog_port": 5247,
    "network_discovery": "enabled",
    "active_discovery_interval": 10800,
    "default_osystem": "ubuntu",
    "default_distro_series": "focal",
    "default_min_hwe_kernel": "",
    "default_storage_layout": "lvm",
    "commissioning_distro_series": "focal",
    "enable_third_party_drivers": True,
    "windows_kms_host": None,
    "enable_disk_erasing_on_release": False,
    "disk_erase_with_secure_erase": False,
    "disk_erase_with_quick_erase": False,
    "boot_images_auto_import": True,
    "boot_images_no_proxy": False,
    "curtin_verbose": True,
    "force_v1_network_yaml": False,
    "enable_analytics": True,
    "completed_intro": True,
    "max_node_commissioning_results": 10,
    "max_node_testing_results": 10,
    "max_node_installation_results": 3,
    "subnet_ip_exhaustion_threshold_count": 16,
    "release_notifications": True,
    "use_rack_proxy": True,
    "node_timeout": 30,
    "prometheus_enabled": False,
    "prometheus_push_gateway": None,
    "prometheus_push_interval": 60,
    "promtail_enabled": False,
    "promtail_port": 5238,
    "enlist_commissioning": True,
    "maas_auto_ipmi_user": "maas",
    "maas_auto_ipmi_user_privilege_level": "ADMIN",
    "maas_auto_ipmi_k_g_bmc_key": "",
    "maas_auto_ipmi_cipher_suite_id": "3",
    "maas_auto_ipmi_workaround_flags": ["opensesspriv"],
    "vcenter_server": "",
    "vcenter_username": "",
    "vcenter_password": "",
    "vcenter_datacenter": "",
    "hardware_sync_interval": "15m",
    "tls_cert_expiration_notification_enabled": False,
    "tls_cert_expiration_notification_interval": 30,
    "session_length": 1209600,
    "auto_vlan_creation": True,
}

CONFIG_NAMES: tuple[str, ...] = tuple(_DEFAULTS)
"""The valid setting names, in the order MAAS lists them."""

_ALIASES = {"ntp_server": "ntp_servers"}
_ARCHIVES = {
    "main_archive": "http://archive.ubuntu.com/ubuntu",
    "ports_archive": "http://ports.ubuntu.com/ubuntu-ports",
}
_CHOICES = {
    "dnssec_validation": ("auto", "yes", "no"),
    "network_discovery": ("enabled", "disabled"),
    "default_storage_layout": ("bcache", "blank", "custom", "flat", "lvm", "vmfs6", "vmfs7"),
}


def default_config() -> dict[str, Any]:
    """Return the settings of a fresh region (``main_archive``/``ports_archive`` included)."""
    return {**_DEFAULTS, **_ARCHIVES}


def canonical_name(name: str) -> str | None:
    """Return the stored key for a setting name (aliases resolved), or None if unknown."""
    name = _ALIASES.get(name, name)
    return name if name in _DEFAULTS or name in _ARCHIVES else None


def unknown_setting_message(name: str) -> str:
    """Return MAAS's message for an unknown setting name."""
    valid = ", ".join(CONFIG_NAMES)
    return f"{name} is not a valid config setting (valid settings are: {valid})."


def validate_config_value(name: str, value: str) -> tuple[Any, str | None]:
    """Convert a ``set_config`` value to the stored type.

    Returns:
        ``(value, None)`` on success, or ``(None, message)`` with MAAS's validation message.
    """
    current = _DEFAULTS.get(name, _ARCHIVES.get(name))
    if name in _CHOICES:
        choices = _CHOICES[name]
        if value not in choices:
            allowed = ", ".join(f"'{choice}'" for choice in choices)
            return None, f"'{value}' is not a valid {name}.  It should be one of: {allowed}."
        return value, None
    if isinstance(current, bool):
        return value.lower() not in ("", "false", "0", "no", "off"), None
    if isinstance(current, int):
        try:
            return int(value), None
        except ValueError:
            return None, "Enter a whole number."
    if isinstance(current, list):
        return [item for item in value.replace(",", " ").split() if item], None
    if current is None and value == "":
        return None, None
    return value, None
