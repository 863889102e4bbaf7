"""Region settings: the :class:`MAASConfig` manager (``client.config``).

MAAS exposes one setting per request: ``get_config`` answers a JSON value, ``set_config``
takes the new value as text. :meth:`MAASConfig.get` and :meth:`MAASConfig.set` work with any
setting by name; the properties of :class:`MAASConfig` are typed handles on the common ones,
which convert values both ways (booleans, numbers, server lists)::

    client.config.ntp_servers.set(["ntp1.example.com", "ntp2.example.com"])
    name: str = client.config.maas_name.get()

Reading a property does no I/O; only ``.get()`` and ``.set()`` call the server. The set of
settings differs slightly between MAAS versions: an unknown name is a
:class:`~maas_sdk.errors.BadRequestError` whose ``field_errors`` (keyed by the name) list the
valid names.

MAAS API: ``maas/?op=get_config``, ``maas/?op=set_config`` (REFERENCE.md §16).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import StorageLayout
from maas_sdk.resources._base import ResponseLike, TransportLike, decode, form, wire_value

__all__ = ["ConfigValue", "MAASConfig", "Setting"]

T = TypeVar("T")

ConfigValue = str | int | float | bool | list[str] | None
"""What a setting holds on the wire (a JSON scalar, a list of names, or null)."""

_ANY = TypeAdapter(Any)


class _UnconvertibleError(ValueError):
    """The server's value does not have the type the setting is declared with."""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _UnconvertibleError(value)
    try:
        return int(value)
    except ValueError:
        raise _UnconvertibleError(value) from None


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise _UnconvertibleError(value)


def _name_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [item for item in str(value).replace(",", " ").split() if item]


def _storage_layout(value: Any) -> StorageLayout:
    return StorageLayout(_text(value))


def _encode(value: ConfigValue | StorageLayout | Sequence[str]) -> str:
    """Render a setting value as ``set_config`` parses it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return wire_value(value)


class Setting(Generic[T]):
    """A typed handle on one setting; :meth:`get` and :meth:`set` call the server.

    Args:
        config: The manager it belongs to.
        name: The setting's name.
        convert: Turns the server's JSON value into ``T``.
    """

    def __init__(self, config: MAASConfig, name: str, convert: Callable[[Any], T]) -> None:
        self._config = config
        self.name = name
        self._convert = convert

    def __repr__(self) -> str:
        return f"<Setting {self.name}>"

    def get(self) -> T:
        """Read the setting's current value.

        MAAS API: ``GET maas/?op=get_config``.

        Raises:
            ResponseDecodeError: The server's value does not have the declared type.
        """
        value, answer = self._config._read(self.name)
        try:
            return self._convert(value)
        except (_UnconvertibleError, ValueError):
            problem = f"the value of {self.name} is not what the setting holds: {value!r}"
        raise answer.decode_error(problem)

    def set(self, value: T) -> None:
        """Change the setting (admin only).

        MAAS API: ``POST maas/?op=set_config``.
        """
        self._config.set(self.name, value)  # type: ignore[arg-type]


class MAASConfig:
    """The region's settings, reached as ``client.config``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<MAASConfig manager>"

    def _read(self, name: str) -> tuple[Any, ResponseLike]:
        answer = self._transport.get("maas/", op="get_config", params=form({"name": name}))
        return decode(answer, _ANY), answer

    @api_operation("GET", "maas/", op="get_config")
    def get(self, name: str) -> Any:
        """Read one setting (any authenticated user).

        MAAS API: ``GET maas/?op=get_config``.

        Args:
            name: The setting's name, e.g. ``maas_name``.

        Returns:
            The value as MAAS sends it: text, number, boolean, list or ``None``.

        Raises:
            BadRequestError: MAAS has no setting of that name (``field_errors[name]``).
        """
        return self._read(name)[0]

    def get_many(self, names: Iterable[str]) -> dict[str, Any]:
        """Read several settings, one request each.

        MAAS API: ``GET maas/?op=get_config`` (once per name).
        """
        return {name: self.get(name) for name in names}

    @api_operation("POST", "maas/", op="set_config")
    def set(self, name: str, value: ConfigValue | StorageLayout | Sequence[str]) -> None:
        """Change one setting (admin only); MAAS answers ``OK``.

        Booleans are sent as ``true``/``false``, lists space-separated, ``None`` as ``""``.

        MAAS API: ``POST maas/?op=set_config``.

        Args:
            name: The setting's name.
            value: The new value.

        Raises:
            BadRequestError: Unknown name, or a value the setting rejects (the message says
                which, e.g. ``Enter a whole number.``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = [("name", name), ("value", _encode(value))]
        self._transport.post("maas/", op="set_config", data=data)

    def _setting(self, name: str, convert: Callable[[Any], T]) -> Setting[T]:
        return Setting(self, name, convert)

    # --- identity and UI ---------------------------------------------------------------------

    @property
    def maas_name(self) -> Setting[str]:
        """The region's name, shown in the UI."""
        return self._setting("maas_name", _text)

    @property
    def theme(self) -> Setting[str]:
        """The UI theme."""
        return self._setting("theme", _text)

    @property
    def completed_intro(self) -> Setting[bool]:
        """Whether the first-use introduction of the UI was completed."""
        return self._setting("completed_intro", _boolean)

    @property
    def enable_analytics(self) -> Setting[bool]:
        """Whether the UI sends usage analytics."""
        return self._setting("enable_analytics", _boolean)

    @property
    def release_notifications(self) -> Setting[bool]:
        """Whether the UI announces new MAAS releases."""
        return self._setting("release_notifications", _boolean)

    @property
    def session_length(self) -> Setting[int]:
        """UI session length in seconds."""
        return self._setting("session_length", _integer)

    # --- deployment defaults -------------------------------------------------------------------

    @property
    def default_osystem(self) -> Setting[str]:
        """Default operating system for deployment (``ubuntu``)."""
        return self._setting("default_osystem", _text)

    @property
    def default_distro_series(self) -> Setting[str]:
        """Default release for deployment (``jammy``)."""
        return self._setting("default_distro_series", _text)

    @property
    def commissioning_distro_series(self) -> Setting[str]:
        """Release of the commissioning environment."""
        return self._setting("commissioning_distro_series", _text)

    @property
    def default_min_hwe_kernel(self) -> Setting[str]:
        """Minimum kernel for new machines (``""`` for none)."""
        return self._setting("default_min_hwe_kernel", _text)

    @property
    def default_storage_layout(self) -> Setting[StorageLayout]:
        """Storage layout applied after commissioning (``lvm``, ``flat``...)."""
        return self._setting("default_storage_layout", _storage_layout)

    @property
    def kernel_opts(self) -> Setting[str | None]:
        """Kernel parameters for every boot, or ``None`` for none."""
        return self._setting("kernel_opts", _optional_text)

    @property
    def enable_third_party_drivers(self) -> Setting[bool]:
        """Whether third-party drivers may be installed."""
        return self._setting("enable_third_party_drivers", _boolean)

    @property
    def curtin_verbose(self) -> Setting[bool]:
        """Whether the installer logs verbosely."""
        return self._setting("curtin_verbose", _boolean)

    @property
    def enlist_commissioning(self) -> Setting[bool]:
        """Whether new machines are commissioned when they enlist."""
        return self._setting("enlist_commissioning", _boolean)

    @property
    def node_timeout(self) -> Setting[int]:
        """Minutes a machine may take to deploy, commission or release before it fails."""
        return self._setting("node_timeout", _integer)

    @property
    def hardware_sync_interval(self) -> Setting[str]:
        """How often deployed machines report hardware changes (``15m``)."""
        return self._setting("hardware_sync_interval", _text)

    @property
    def windows_kms_host(self) -> Setting[str | None]:
        """Windows KMS activation host, or ``None``."""
        return self._setting("windows_kms_host", _optional_text)

    # --- disk erasing ----------------------------------------------------------------------------

    @property
    def enable_disk_erasing_on_release(self) -> Setting[bool]:
        """Whether disks are erased when a machine is released."""
        return self._setting("enable_disk_erasing_on_release", _boolean)

    @property
    def disk_erase_with_secure_erase(self) -> Setting[bool]:
        """Whether erasing uses the disks' secure erase when they have one."""
        return self._setting("disk_erase_with_secure_erase", _boolean)

    @property
    def disk_erase_with_quick_erase(self) -> Setting[bool]:
        """Whether erasing only wipes the start and end of the disks."""
        return self._setting("disk_erase_with_quick_erase", _boolean)

    # --- DNS and NTP -----------------------------------------------------------------------------

    @property
    def upstream_dns(self) -> Setting[list[str]]:
        """Upstream DNS servers (``[]`` for none; sent space-separated)."""
        return self._setting("upstream_dns", _name_list)

    @property
    def dns_trusted_acl(self) -> Setting[list[str]]:
        """Networks and addresses allowed to use MAAS's DNS recursively."""
        return self._setting("dns_trusted_acl", _name_list)

    @property
    def dnssec_validation(self) -> Setting[str]:
        """DNSSEC validation of upstream answers: ``auto``, ``yes`` or ``no``."""
        return self._setting("dnssec_validation", _text)

    @property
    def default_dns_ttl(self) -> Setting[int]:
        """Default TTL of the records MAAS serves, in seconds."""
        return self._setting("default_dns_ttl", _integer)

    @property
    def maas_internal_domain(self) -> Setting[str]:
        """Domain of MAAS's internal names."""
        return self._setting("maas_internal_domain", _text)

    @property
    def ntp_servers(self) -> Setting[list[str]]:
        """NTP servers machines and controllers use (``ntp_server`` is an old alias)."""
        return self._setting("ntp_servers", _name_list)

    @property
    def ntp_external_only(self) -> Setting[bool]:
        """Whether machines use the external NTP servers directly, not the controllers."""
        return self._setting("ntp_external_only", _boolean)

    # --- proxy, syslog, archives -----------------------------------------------------------------

    @property
    def enable_http_proxy(self) -> Setting[bool]:
        """Whether MAAS's HTTP proxy is offered to machines."""
        return self._setting("enable_http_proxy", _boolean)

    @property
    def http_proxy(self) -> Setting[str | None]:
        """Upstream proxy URL for MAAS's own downloads, or ``None``."""
        return self._setting("http_proxy", _optional_text)

    @property
    def use_peer_proxy(self) -> Setting[bool]:
        """Whether :attr:`http_proxy` is used as a peer of MAAS's proxy."""
        return self._setting("use_peer_proxy", _boolean)

    @property
    def maas_proxy_port(self) -> Setting[int]:
        """Port of MAAS's HTTP proxy."""
        return self._setting("maas_proxy_port", _integer)

    @property
    def remote_syslog(self) -> Setting[str | None]:
        """Remote syslog server machines log to, or ``None`` for the region."""
        return self._setting("remote_syslog", _optional_text)

    @property
    def maas_syslog_port(self) -> Setting[int]:
        """Port of MAAS's syslog."""
        return self._setting("maas_syslog_port", _integer)

    @property
    def main_archive(self) -> Setting[str]:
        """Ubuntu archive for amd64/i386 machines."""
        return self._setting("main_archive", _text)

    @property
    def ports_archive(self) -> Setting[str]:
        """Ubuntu archive for other architectures."""
        return self._setting("ports_archive", _text)

    @property
    def boot_images_auto_import(self) -> Setting[bool]:
        """Whether boot images are synced automatically."""
        return self._setting("boot_images_auto_import", _boolean)

    # --- networking ----------------------------------------------------------------------------

    @property
    def network_discovery(self) -> Setting[str]:
        """Passive network discovery: ``enabled`` or ``disabled``."""
        return self._setting("network_discovery", _text)

    @property
    def active_discovery_interval(self) -> Setting[int]:
        """Seconds between active subnet scans (0 disables them)."""
        return self._setting("active_discovery_interval", _integer)

    @property
    def subnet_ip_exhaustion_threshold_count(self) -> Setting[int]:
        """Free addresses below which a subnet is reported as nearly full."""
        return self._setting("subnet_ip_exhaustion_threshold_count", _integer)

    @property
    def auto_vlan_creation(self) -> Setting[bool]:
        """Whether VLANs seen on controllers are created automatically."""
        return self._setting("auto_vlan_creation", _boolean)

    # --- result retention and monitoring --------------------------------------------------------

    @property
    def max_node_commissioning_results(self) -> Setting[int]:
        """Commissioning results kept per machine."""
        return self._setting("max_node_commissioning_results", _integer)

    @property
    def max_node_testing_results(self) -> Setting[int]:
        """Testing results kept per machine."""
        return self._setting("max_node_testing_results", _integer)

    @property
    def max_node_installation_results(self) -> Setting[int]:
        """Installation results kept per machine."""
        return self._setting("max_node_installation_results", _integer)

    @property
    def prometheus_enabled(self) -> Setting[bool]:
        """Whether metrics are pushed to Prometheus."""
        return self._setting("prometheus_enabled", _boolean)
