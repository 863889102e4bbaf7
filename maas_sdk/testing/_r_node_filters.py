"""Node list filters (``GET devices/``, ``nodes/``, controllers) applied to non-machines.

The filters are parsed -- and refused with MAAS's literal 400s -- by the machines' own parser
(:func:`~._allocate.parse_selection`), so every node listing validates exactly like
``GET machines/``; the parsed values are then matched against device and controller records
here. Filters about things these nodes do not have (pools, VM hosts, storage, PCI devices,
deployment target) match none of them, and their ``not_*`` twins match all of them.

MAAS API: REFERENCE.md §7.2 ("the same filter set applies to devices/, nodes/ and the
controller collections").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._allocate import Selection, parse_selection
from ._forms import FormData
from ._machine_constraints import network_check, subnets_check
from ._machine_table import machine_table
from ._r_node_records import NodeRecord
from ._store import Store

__all__ = ["node_selection", "record_matches"]

Check = Callable[[NodeRecord], bool]
_NUMBERS = {"cpu_count": "cpu_count", "mem": "memory", "cpu_speed": "cpu_speed"}
_ABSENT = frozenset(
    {"pool", "pod", "pod_type", "devices", "storage", "interfaces", "deployment_target"}
)
"""Filters on things devices and controllers do not have."""


def node_selection(store: Store, params: FormData) -> Selection:
    """Parse and validate list filters exactly as ``GET machines/`` does.

    Raises:
        FieldErrors: ``No such constraint.`` and the value errors, per parameter.
        FakeAPIError: 500 for ``simple_status`` (as API 2.0 answers it).
    """
    return parse_selection(store, machine_table(store), params, allocate=False)


def record_matches(store: Store, selection: Selection, record: NodeRecord) -> bool:
    """Whether a device or controller satisfies every parsed filter."""
    return all(
        _check(store, name, values)(record) for name, values in selection.constraints.items()
    )


def _check(store: Store, name: str, values: list[str]) -> Check:
    negate = name.startswith("not_")
    base = name.removeprefix("not_in_").removeprefix("not_")
    if base in _ABSENT:
        return lambda record: negate
    if base in _NUMBERS or base == "link_speed":
        minimum = min(float(value) for value in values)
        if base == "link_speed":
            return lambda r: any(i.link_speed >= minimum for i in r.interfaces)
        attribute = _NUMBERS[base]
        return lambda r: getattr(r, attribute) >= minimum
    positive = _positive(store, base, values, negate)
    return (lambda r: not positive(r)) if negate else positive


def _positive(store: Store, base: str, values: list[str], negate: bool) -> Check:
    wanted = set(values)
    if base in ("id", "system_id"):
        return lambda r: r.system_id in wanted
    if base == "hostname":
        return lambda r: r.hostname in wanted
    if base == "mac_address":
        macs = {value.lower().replace("-", ":") for value in values}
        return lambda r: any(mac in macs for mac in r.mac_addresses())
    if base == "domain":
        return lambda r: store.domains.get(r.domain_id, store.default_domain).name in wanted
    if base == "agent_name":
        return lambda r: r.agent_name in wanted
    if base == "status":
        keywords = {value.lstrip("=") for value in values}
        return lambda r: r.status.keyword in keywords
    if base == "arch":
        return lambda r: (
            r.architecture is not None
            and any(r.architecture == v or r.architecture.split("/")[0] == v for v in values)
        )
    if base == "tags":
        tags = wanted if negate else {t for v in values for t in re.split(r"[,\s]+", v) if t}
        if negate:
            return lambda r: any(tag in tags for tag in r.tag_names)
        return lambda r: tags.issubset(r.tag_names)
    if base == "zone":
        ids = {zone.id for zone in store.zones.values() if zone.name in wanted}
        return lambda r: r.zone_id in ids
    if base == "owner":
        return lambda r: r.owner in wanted
    if base == "power_state":
        return lambda r: r.power_state in wanted
    if base == "subnets":
        subnets = subnets_check(store, values, negate)
        return lambda r: subnets(r.interfaces)
    network = network_check(store, base, values)
    return lambda r: network(r.interfaces)
