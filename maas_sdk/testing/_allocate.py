"""Machine filters (``GET machines/``) and allocation constraints (``op=allocate``).

Both share one parser: unknown names are ``No such constraint.``, bad values get MAAS's literal
400 messages (REFERENCE.md §7.2, §7.3, §22.4, §22.5), and a parsed :class:`Selection` is a list
of predicates AND-ed together. ``storage`` and ``interfaces`` constraints also say which disks and
interfaces matched (``constraints_by_type`` in the allocate answer).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._forms import FormData
from ._machine_constraints import (
    ConstraintError,
    match_interfaces,
    match_storage,
    network_check,
    parse_interfaces,
    parse_storage,
    subnets_check,
)
from ._machine_model import Machine, NodeStatus
from ._machine_table import MachineTable
from ._responses import FakeAPIError, FieldErrors
from ._store import Store

__all__ = ["ALLOCATE_OPTIONS", "Selection", "parse_selection", "resolved_description"]

_COMMON = (
    "arch",
    "not_arch",
    "cpu_count",
    "cpu_speed",
    "mem",
    "tags",
    "not_tags",
    "zone",
    "not_in_zone",
    "pool",
    "not_in_pool",
    "owner",
    "not_owner",
    "power_state",
    "not_power_state",
    "pod",
    "not_pod",
    "pod_type",
    "not_pod_type",
    "subnets",
    "not_subnets",
    "vlans",
    "not_vlans",
    "fabrics",
    "not_fabrics",
    "fabric_classes",
    "not_fabric_classes",
    "link_speed",
    "devices",
    "storage",
    "interfaces",
)
_LIST_ONLY = (
    "id",
    "not_id",
    "system_id",
    "hostname",
    "not_hostname",
    "mac_address",
    "domain",
    "not_domain",
    "agent_name",
    "not_agent_name",
    "status",
    "not_status",
    "simple_status",
    "not_simple_status",
)
_ALLOCATE_ONLY = ("name", "system_id")
_TARGETS = ("deployment_target", "not_deployment_target")
ALLOCATE_OPTIONS = (
    "agent_name",
    "comment",
    "bridge_all",
    "bridge_type",
    "bridge_stp",
    "bridge_fd",
    "dry_run",
    "verbose",
)
"""Allocate parameters that are options, not constraints."""
_IGNORED = ("op", "format", "callback")
_MAC = re.compile(r"^([0-9a-fA-F]{1,2}[:-]){5}[0-9a-fA-F]{1,2}$")
_NUMBERS = {
    "cpu_count": "Invalid CPU count: number required.",
    "mem": "Invalid memory: number of MiB required.",
    "cpu_speed": "Invalid CPU speed: number required.",
    "link_speed": "Invalid link speed: number required.",
}
_POWER_STATES = ("on", "off", "unknown", "error")
Predicate = Callable[[Machine], bool]


@dataclass
class Selection:
    """Parsed filters or constraints.

    Attributes:
        predicates: All must hold for a machine to match.
        constraints: The constraint values by name (submitted order), for the 409 message.
        storage: ``(label, min bytes, tags)`` entries of a ``storage`` constraint.
        interfaces: ``label -> {key: [values]}`` of an ``interfaces`` constraint.
    """

    predicates: list[Predicate] = field(default_factory=list)
    constraints: dict[str, list[str]] = field(default_factory=dict)
    storage: list[tuple[str, float, list[str]]] = field(default_factory=list)
    interfaces: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def matches(self, machine: Machine) -> bool:
        """Whether the machine satisfies every filter."""
        return all(predicate(machine) for predicate in self.predicates)


def _split_tags(values: list[str]) -> list[str]:
    return [tag for value in values for tag in re.split(r"[,\s]+", value) if tag]


def parse_selection(
    store: Store, table: MachineTable, params: FormData, *, allocate: bool
) -> Selection:
    """Parse list filters (``allocate=False``) or allocate constraints.

    Raises:
        FieldErrors: ``No such constraint.`` and the value errors, per parameter.
        FakeAPIError: 500 for ``simple_status`` (as API 2.0 answers it).
    """
    accepted = set(_COMMON) | set(_ALLOCATE_ONLY if allocate else _LIST_ONLY)
    if table.is_35_plus:
        accepted |= set(_TARGETS)
    if allocate:
        accepted |= set(ALLOCATE_OPTIONS)
    selection = Selection()
    errors: dict[str, list[str]] = {}
    for name in params:
        if name in _IGNORED:
            continue
        if name not in accepted:
            errors[name] = ["No such constraint."]
            continue
        if allocate and name in ALLOCATE_OPTIONS:
            continue
        values = params.getlist(name)
        if name in ("simple_status", "not_simple_status"):
            raise FakeAPIError(500, _SIMPLE_STATUS_ERROR)
        try:
            _add(store, table, selection, name, values, allocate)
        except ConstraintError as invalid:
            errors[name] = [invalid.message]
            continue
        selection.constraints[name] = values
    if errors:
        raise FieldErrors(errors)
    return selection


def _number(name: str, values: list[str]) -> float:
    try:
        return min(float(value) for value in values)
    except ValueError:
        raise ConstraintError(_NUMBERS[name]) from None


def _add(
    store: Store,
    table: MachineTable,
    selection: Selection,
    name: str,
    values: list[str],
    allocate: bool,
) -> None:
    add = selection.predicates.append
    negate = name.startswith("not_")
    base = name.removeprefix("not_in_").removeprefix("not_")
    if base in _NUMBERS:
        minimum = _number(base, values)
        attribute = {"cpu_count": "cpu_count", "mem": "memory", "cpu_speed": "cpu_speed"}
        if base == "link_speed":
            add(lambda m: any(i.link_speed >= minimum for i in m.interfaces))
        else:
            attr = attribute[base]
            add(lambda m: getattr(m, attr) >= minimum)
        return
    check = _value_predicate(store, table, selection, base, values, allocate, negate)
    add((lambda m: not check(m)) if negate else check)


def _value_predicate(
    store: Store,
    table: MachineTable,
    selection: Selection,
    base: str,
    values: list[str],
    allocate: bool,
    negate: bool,
) -> Predicate:
    wanted = set(values)
    if base in ("id", "system_id"):
        return lambda m: m.system_id in wanted
    if base == "hostname":
        return lambda m: m.hostname in wanted
    if base == "name":
        return lambda m: m.hostname in wanted or _fqdn(store, m) in wanted
    if base == "mac_address":
        bad = [v for v in values if not _MAC.match(v)]
        if bad:
            raise ConstraintError(f"'{bad[0]}' is not a valid MAC address.")
        macs = {v.lower() for v in values}
        return lambda m: any(mac in macs for mac in m.mac_addresses())
    if base == "domain":
        return lambda m: store.domains.get(m.domain_id, store.default_domain).name in wanted
    if base == "agent_name":
        return lambda m: m.agent_name in wanted
    if base == "status":
        return _status_predicate(values)
    if base == "arch":
        return _arch_predicate(table, values)
    if base == "tags":
        return _tags_predicate(store, values, negate)
    if base in ("zone", "pool"):
        return _zone_pool_predicate(store, base, values)
    if base == "owner":
        unknown = [v for v in values if v not in store.users]
        if unknown and not negate:
            raise ConstraintError(f"No such owner: '{unknown[0]}'.")
        return lambda m: m.owner in wanted
    if base == "power_state":
        bad = [v for v in values if v not in _POWER_STATES]
        if bad:
            raise ConstraintError(
                f"Select a valid choice. {bad[0]} is not one of the available choices."
            )
        return lambda m: m.power_state in wanted
    if base == "deployment_target":
        bad = [v for v in values if v not in ("memory", "disk")]
        if bad:
            raise ConstraintError(
                f"Select a valid choice. {bad[0]} is not one of the available choices."
            )
        return lambda m: ("memory" if m.ephemeral_deploy else "disk") in wanted
    if base in ("pod", "pod_type", "devices"):
        return lambda m: False
    if base in ("fabrics", "fabric_classes", "vlans"):
        network = network_check(store, base, values)
        return lambda m: network(m.interfaces)
    if base == "subnets":
        subnets = subnets_check(store, values, negate)
        return lambda m: subnets(m.interfaces)
    if base == "storage":
        selection.storage = parse_storage(values)
        return lambda m: match_storage(selection.storage, m) is not None
    selection.interfaces = parse_interfaces(values)
    return lambda m: match_interfaces(store, selection.interfaces, m) is not None


def _fqdn(store: Store, machine: Machine) -> str:
    domain = store.domains.get(machine.domain_id, store.default_domain)
    return f"{machine.hostname}.{domain.name}"


def _status_predicate(values: list[str]) -> Predicate:
    by_keyword = {status.keyword: status for status in NodeStatus}
    wanted: set[NodeStatus] = set()
    for value in values:
        keyword = value.lstrip("=")
        if keyword not in by_keyword:
            raise ConstraintError(
                f"Select a valid choice. {keyword} is not one of the available choices."
            )
        wanted.add(by_keyword[keyword])
    return lambda m: m.status in wanted


def _arch_predicate(table: MachineTable, values: list[str]) -> Predicate:
    wanted: set[str] = set()
    for value in values:
        if "/" in value:
            matched = [value] if value in table.architectures else []
        else:
            matched = [a for a in table.architectures if a.split("/")[0] == value]
        if not matched:
            raise ConstraintError("Architecture not recognised.")
        wanted.update(matched)
    return lambda m: m.architecture in wanted


def _tags_predicate(store: Store, values: list[str], negate: bool) -> Predicate:
    tags = set(values) if negate else set(_split_tags(values))
    if not negate:
        unknown = sorted(t for t in tags if store.tag_by_name(t) is None)
        if unknown:
            listed = ", ".join(f"'{t}'" for t in unknown)
            raise ConstraintError(f"No such tag(s): {listed}.")
        return lambda m: tags.issubset(m.tag_names)
    return lambda m: any(tag in tags for tag in m.tag_names)


def _zone_pool_predicate(store: Store, base: str, values: list[str]) -> Predicate:
    table: dict[int, Any] = dict(store.zones) if base == "zone" else dict(store.pools)
    by_name = {item.name: item_id for item_id, item in table.items()}
    unknown = sorted({v for v in values if v not in by_name})
    if unknown:
        raise ConstraintError(f"No such {base}(s): {', '.join(unknown)}.")
    ids = {by_name[v] for v in values}
    if base == "zone":
        return lambda m: m.zone_id in ids
    return lambda m: m.pool_id in ids


def constraints_by_type(store: Store, selection: Selection, machine: Machine) -> dict[str, Any]:
    """Return what the allocate answer's ``constraints_by_type`` says for the chosen machine."""
    result: dict[str, Any] = {}
    if selection.storage:
        result["storage"] = match_storage(selection.storage, machine) or {}
    if selection.interfaces:
        result["interfaces"] = match_interfaces(store, selection.interfaces, machine) or {}
    return result


def resolved_description(selection: Selection) -> str:
    """Return the ``resolved to "..."`` part of allocate's 409: constraints sorted by name."""
    parts = []
    for name in sorted(selection.constraints):
        values = selection.constraints[name]
        if name in _NUMBERS:
            parts.append(f"{name}={min(float(v) for v in values)}")
        elif name == "tags":
            parts.append(f"{name}={','.join(sorted(_split_tags(values)))}")
        else:
            parts.append(f"{name}={','.join(values)}")
    return " ".join(parts)


_SIMPLE_STATUS_ERROR = (
    "Cannot resolve keyword 'simple_status' into field. Choices are: address_ttl, agent_name, "
    "architecture, bios_boot_method, blockdevice, bmc, bmc_id, boot_cluster_ip, boot_disk, "
    "boot_disk_id, boot_interface, boot_interface_id, children, config, cpu_count, cpu_speed, "
    "created, current_commissioning_script_set, current_installation_script_set, "
    "current_release_script_set, current_testing_script_set, default_user, description, "
    "distro_series, domain, domain_id, dynamic, enable_hw_sync, enable_ssh, ephemeral_deploy, "
    "error, error_description, hardware_uuid, hostname, hwe_kernel, id, install_kvm, "
    "install_rackd, instance_power_parameters, interface, last_image_sync, last_sync, license_key, "
    "locked, managing_process, memory, min_hwe_kernel, netboot, node_type, numanode, osystem, "
    "owner, owner_id, parent, parent_id, pool, pool_id, power_state, power_state_queried, "
    "power_state_updated, previous_status, register_vmhost, scriptset, skip_bmc_config, "
    "skip_networking, skip_storage, status, status_expires, swap_size, sync_interval, "
    "system_id, tags, updated, zone, zone_id"
)
