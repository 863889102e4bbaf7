"""``storage`` and ``interfaces`` allocation constraints, and VLAN/subnet specifiers.

``storage=root:100(ssd),data:500`` asks for disks of at least 100 and 500 GB (10^9 bytes), the
first one being the machine's first disk; ``interfaces=eth:fabric=f1,vid=100;bmc:name=eno2``
asks for one interface per label. Each matcher returns which disks/interfaces satisfied which
label: the allocate answer reports it as ``constraints_by_type``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ._machine_model import Interface, Machine
from ._responses import FakeAPIError
from ._store import Store

__all__ = [
    "ConstraintError",
    "InterfacesCheck",
    "interface_fabric",
    "linked_subnets",
    "match_interfaces",
    "match_storage",
    "network_check",
    "parse_interfaces",
    "parse_storage",
    "subnet_ids",
    "subnets_check",
    "vlan_matches",
]

InterfacesCheck = Callable[[Sequence[Interface]], bool]
"""A filter on a node's interfaces (machines and other nodes share them)."""

_STORAGE = re.compile(r"^(?:(?P<label>[a-zA-Z0-9_-]+):)?(?P<size>[0-9.]+)(?:\((?P<tags>[^)]*)\))?$")


class ConstraintError(Exception):
    """A constraint value MAAS rejects; ``message`` is its 400 text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def interface_fabric(store: Store, iface: Interface) -> Any:
    """Return the fabric of the interface's VLAN, or None when disconnected."""
    vlan = store.vlans.get(iface.vlan_id) if iface.vlan_id is not None else None
    return store.fabrics.get(vlan.fabric_id) if vlan is not None else None


def vlan_matches(store: Store, vlan_id: int | None, spec: str) -> bool:
    """Whether the VLAN with ``vlan_id`` matches a VLAN specifier (id, ``vid:``, ``name:``...)."""
    vlan = store.vlans.get(vlan_id) if vlan_id is not None else None
    if vlan is None:
        return False
    kind, sep, value = spec.partition(":")
    if not sep:
        return spec == str(vlan.id) or (spec == "untagged" and vlan.vid == 0)
    if kind == "vid":
        return value == str(vlan.vid)
    if kind == "name":
        return value == vlan.display_name
    if kind == "fabric":
        fabric = store.fabrics.get(vlan.fabric_id)
        return fabric is not None and value in (str(fabric.id), fabric.display_name)
    if kind == "space":
        space = store.spaces.get(vlan.space_id) if vlan.space_id is not None else None
        return (space.name if space else "undefined") == value
    return kind == "id" and value == str(vlan.id)


def subnet_ids(store: Store, spec: str) -> set[int]:
    """Return the ids of the subnets a specifier names (none when unknown or ambiguous)."""
    try:
        subnet = store.find_subnet(spec)
    except FakeAPIError:
        return set()
    return {subnet.id} if subnet is not None else set()


def linked_subnets(interfaces: Sequence[Interface]) -> set[int]:
    """The ids of the subnets the interfaces have links on."""
    return {
        link.subnet_id for iface in interfaces for link in iface.links if link.subnet_id is not None
    }


def network_check(store: Store, base: str, values: list[str]) -> InterfacesCheck:
    """The ``vlans``, ``fabrics`` (name or id) or ``fabric_classes`` list filter.

    The check is true when one interface is on a VLAN, fabric or fabric class ``values`` name.
    """
    wanted = set(values)

    def check(interfaces: Sequence[Interface]) -> bool:
        for iface in interfaces:
            if base == "vlans":
                if any(vlan_matches(store, iface.vlan_id, spec) for spec in values):
                    return True
                continue
            fabric = interface_fabric(store, iface)
            if fabric is None:
                continue
            if base == "fabrics" and (fabric.display_name in wanted or str(fabric.id) in wanted):
                return True
            if base == "fabric_classes" and fabric.class_type in wanted:
                return True
        return False

    return check


def subnets_check(store: Store, values: list[str], negate: bool) -> InterfacesCheck:
    """The ``subnets`` list filter: linked to each subnet named (``not_subnets``: to any)."""
    groups = [subnet_ids(store, value) for value in values]
    if negate:
        banned = set().union(*groups)
        return lambda interfaces: bool(linked_subnets(interfaces) & banned)
    return lambda interfaces: all(group & linked_subnets(interfaces) for group in groups)


def parse_storage(values: list[str]) -> list[tuple[str, float, list[str]]]:
    """Parse ``[label:]size[(tag,...)]`` entries (size in GB).

    Raises:
        ConstraintError: ``Malformed storage constraint, "<value>".``
    """
    entries: list[tuple[str, float, list[str]]] = []
    for value in values:
        for item in (part.strip() for part in value.split(",") if part.strip()):
            match = _STORAGE.match(item)
            size = match.group("size") if match else ""
            if match is None or size.count(".") > 1:
                raise ConstraintError(f'Malformed storage constraint, "{value}".')
            tags = [t for t in (match.group("tags") or "").split(",") if t]
            label = match.group("label") or str(len(entries))
            entries.append((label, float(size) * 1e9, tags))
    return entries


def match_storage(
    entries: list[tuple[str, float, list[str]]], machine: Machine
) -> dict[str, list[int]] | None:
    """Return ``{label: [block device id]}`` if the machine's disks satisfy every entry."""
    disks = sorted((d for d in machine.block_devices if d.type == "physical"), key=lambda d: d.id)
    used: set[int] = set()
    found: dict[str, list[int]] = {}
    for position, (label, size, tags) in enumerate(entries):
        candidates = disks[:1] if position == 0 else disks
        chosen = next(
            (
                d
                for d in candidates
                if d.id not in used and d.size >= size and set(tags).issubset(d.tags)
            ),
            None,
        )
        if chosen is None:
            return None
        used.add(chosen.id)
        found.setdefault(label, []).append(chosen.id)
    return found


_INTERFACE_KEYS = frozenset(
    {"id", "fabric", "fabric_class", "ip", "mode", "name", "hostname", "subnet", "space"}
    | {"subnet_cidr", "type", "vlan", "vid", "tag", "link_speed"}
)


def parse_interfaces(values: list[str]) -> dict[str, dict[str, list[str]]]:
    """Parse ``label:key=value,...;label2:...`` into ``{label: {key: [values]}}``.

    Raises:
        ConstraintError: For a malformed value or an unknown key.
    """
    parsed: dict[str, dict[str, list[str]]] = {}
    for value in values:
        for group in (g.strip() for g in value.split(";") if g.strip()):
            label, sep, body = group.partition(":")
            pairs = [p.partition("=") for p in body.split(",") if p.strip()]
            if (
                not sep
                or not label
                or not pairs
                or any(not s or k not in _INTERFACE_KEYS for k, s, _ in pairs)
            ):
                raise ConstraintError(f'Malformed interfaces constraint, "{value}".')
            keys = parsed.setdefault(label, {})
            for key, _, item in pairs:
                keys.setdefault(key, []).append(item)
    return parsed


def _interface_matches(
    store: Store, machine: Machine, iface: Interface, key: str, value: str
) -> bool:
    fabric = interface_fabric(store, iface)
    vlan = store.vlans.get(iface.vlan_id) if iface.vlan_id is not None else None
    subnets = [store.subnets.get(link.subnet_id) for link in iface.links if link.subnet_id]
    if key == "id":
        return str(iface.id) == value
    if key == "fabric":
        return fabric is not None and value in (fabric.display_name, str(fabric.id))
    if key == "fabric_class":
        return fabric is not None and fabric.class_type == value
    if key == "ip":
        return any(link.ip_address == value for link in iface.links)
    if key == "mode":
        return value == "unconfigured" and all(link.mode == "link_up" for link in iface.links)
    if key == "name":
        return iface.name == value
    if key == "hostname":
        return machine.hostname == value
    if key == "subnet":
        ids = subnet_ids(store, value)
        return any(s is not None and s.id in ids for s in subnets)
    if key == "subnet_cidr":
        return any(s is not None and s.cidr == value for s in subnets)
    if key == "space":
        return vlan_matches(store, iface.vlan_id, f"space:{value}")
    if key == "type":
        return iface.type == value
    if key == "vlan":
        return vlan_matches(store, iface.vlan_id, value)
    if key == "vid":
        return vlan is not None and str(vlan.vid) == value
    if key == "tag":
        return value in iface.tags
    try:
        return iface.link_speed >= float(value)
    except ValueError:
        return False


def match_interfaces(
    store: Store, labels: dict[str, dict[str, list[str]]], machine: Machine
) -> dict[str, list[int]] | None:
    """Return ``{label: [interface id]}`` if a distinct interface satisfies each label."""
    used: set[int] = set()
    found: dict[str, list[int]] = {}
    for label, keys in labels.items():
        chosen = next(
            (
                iface
                for iface in machine.interfaces
                if iface.id not in used
                and all(
                    any(_interface_matches(store, machine, iface, key, v) for v in values)
                    for key, values in keys.items()
                )
            ),
            None,
        )
        if chosen is None:
            return None
        used.add(chosen.id)
        found[label] = [chosen.id]
    return found
