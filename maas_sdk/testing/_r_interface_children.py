"""``nodes/{system_id}/interfaces/`` ops ``create_bond``, ``create_bridge`` and ``create_vlan``.

The other interface routes are in :mod:`._machine_interfaces`; the interfaces made here are the
same :class:`Interface` records (type ``bond``, ``bridge`` or ``vlan``) with ``parents`` and the
parents' ``children`` naming each other, so every interface answer shows them. Like MAAS, a bond
or bridge takes its parents' links away (an Allocated machine's bridge takes them over) and moves
its parents to its VLAN; a new interface on a VLAN gets a ``link_up`` link.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import null_bool
from ._machine_forms import normalise_mac
from ._machine_interfaces import interface_response
from ._machine_ips import release_address
from ._machine_model import Interface, Link, Machine, NodeStatus
from ._machine_table import MachineTable, Perm, check_permission, machine_table
from ._responses import Conflict, FieldErrors, NotFound
from ._router import RequestContext, routes
from ._storage_forms import Errors, whole_number
from ._storage_groups import invalid_choice, model_error

__all__ = ["BOND_DEFAULTS", "BRIDGE_DEFAULTS"]

S = NodeStatus
_COLLECTION = "nodes/{system_id}/interfaces/"
_CHANGEABLE = frozenset({S.NEW, S.READY, S.FAILED_TESTING, S.ALLOCATED, S.BROKEN})
_NO_CHOICE = "Select a valid choice. That choice is not one of the available choices."
BOND_CHOICES = {
    "bond_mode": (
        "balance-rr",
        "active-backup",
        "balance-xor",
        "broadcast",
        "802.3ad",
        "balance-tlb",
        "balance-alb",
    ),
    "bond_lacp_rate": ("fast", "slow"),
    "bond_xmit_hash_policy": ("layer2", "layer2+3", "layer3+4", "encap2+3", "encap3+4"),
}
BOND_DEFAULTS: dict[str, object] = {
    "bond_mode": "balance-rr",
    "bond_miimon": 100,
    "bond_downdelay": 0,
    "bond_updelay": 0,
    "bond_num_grat_arp": 1,
    "bond_lacp_rate": "fast",
    "bond_xmit_hash_policy": "layer2",
}
"""What MAAS stores for the bond options not given (BondInterfaceForm initial values)."""
BRIDGE_DEFAULTS: dict[str, object] = {
    "bridge_type": "standard",
    "bridge_stp": False,
    "bridge_fd": 15,
}
"""What MAAS stores for the bridge options not given."""
BRIDGE_TYPES = ("standard", "ovs")


def _machine(ctx: RequestContext, kind: str) -> tuple[MachineTable, Machine]:
    table = machine_table(ctx.store)
    machine = table.get(ctx.args["system_id"])
    if machine is None:
        raise NotFound("Machine")
    check_permission(ctx.require_user(), machine, Perm.ADMIN)
    if machine.status not in _CHANGEABLE:
        raise Conflict(
            f"Cannot create {kind} interface because the machine is not New, Ready, Allocated, "
            "or Broken."
        )
    return table, machine


def _choice_text(name: str, value: str) -> str:
    choices = ", ".join(f"'{c}'" for c in BOND_CHOICES.get(name, BRIDGE_TYPES))
    return f"'{value}' is not a valid {name}.  It should be one of: {choices}."


def _parents(ctx: RequestContext, machine: Machine, key: str, errors: Errors) -> list[Interface]:
    parents: list[Interface] = []
    for value in ctx.data.getlist(key):
        found = next((i for i in machine.interfaces if str(i.id) == value), None)
        if found is None:
            errors[key] = [invalid_choice(value)]
            return []
        parents.append(found)
    return parents


def _vlan(ctx: RequestContext, errors: Errors) -> int | None:
    value = ctx.data.get("vlan")
    if not value:
        return None
    if value.isdigit() and int(value) in ctx.store.vlans:
        return int(value)
    errors["vlan"] = [_NO_CHOICE]
    return None


def _common(
    ctx: RequestContext, machine: Machine, name: str | None, errors: Errors
) -> dict[str, object]:
    """Check the name, MTU and ``accept_ra``; return the params they give."""
    if name and any(i.name == name for i in machine.interfaces):
        errors["name"] = [
            f"Node {machine.system_id} ({machine.hostname}) already has an interface named "
            f"'{name}'."
        ]
    params: dict[str, object] = {}
    mtu = whole_number(ctx.data, "mtu", errors)
    if mtu is not None and mtu < 552:
        errors["mtu"] = ["Ensure this value is greater than or equal to 552."]
    elif mtu is not None:
        params["mtu"] = mtu
    accept_ra = null_bool(ctx.data.get("accept_ra"))
    if accept_ra is not None:
        params["accept-ra"] = accept_ra
    return params


def _options(ctx: RequestContext, defaults: dict[str, object], errors: Errors) -> dict[str, object]:
    params = dict(defaults)
    for name, default in defaults.items():
        value = ctx.data.get(name)
        if value is None or not value.strip():
            continue
        if isinstance(default, bool):
            flag = null_bool(value)
            params[name] = default if flag is None else flag
        elif isinstance(default, int):
            number = whole_number(ctx.data, name, errors)
            limit = 255 if name == "bond_num_grat_arp" else None
            if number is not None and limit is not None and number > limit:
                errors[name] = [f"Ensure this value is less than or equal to {limit}."]
            params[name] = number if number is not None else default
        elif value not in BOND_CHOICES.get(name, BRIDGE_TYPES):
            errors[name] = [_choice_text(name, value)]
        else:
            params[name] = value
    return params


def _mac(ctx: RequestContext, parents: list[Interface], errors: Errors) -> str | None:
    raw = ctx.data.get("mac_address")
    if not raw:
        return parents[0].mac_address if parents else None
    mac = normalise_mac(raw)
    if mac is None:
        errors["mac_address"] = [f"'{raw}' is not a valid MAC address."]
    return mac


def _mtu(params: dict[str, object]) -> int | None:
    mtu = params.get("mtu")
    return mtu if isinstance(mtu, int) else None


def _tags(ctx: RequestContext) -> list[str]:
    return [t for t in (ctx.data.get("tags") or "").replace(",", " ").split() if t]


def _in_use(parents: list[Interface], machine: Machine, *, allow_vlans: bool) -> list[str]:
    kinds = {i.name: i.type for i in machine.interfaces}
    return sorted(
        p.name
        for p in parents
        if any(not (allow_vlans and kinds.get(child) == "vlan") for child in p.children)
    )


def _add(
    ctx: RequestContext, table: MachineTable, machine: Machine, child: Interface
) -> WireResponse:
    child.tags = _tags(ctx)
    if child.vlan_id is not None and not child.links:
        child.links.append(Link(ctx.store.next_id("staticipaddress"), "link_up"))
    by_name = {i.name: i for i in machine.interfaces}
    for name in child.parents:
        by_name[name].children.append(child.name)
    machine.interfaces.append(child)
    machine.touch()
    return interface_response(table, machine, child)


def _adopt_parents(
    table: MachineTable, child: Interface, parents: list[Interface], *, move_links: bool
) -> None:
    for parent in parents:
        if move_links:
            child.links.extend(parent.links)
        else:
            for link in parent.links:
                release_address(table, link)
        parent.links = []
        parent.vlan_id = child.vlan_id


@routes.route("POST", _COLLECTION, op="create_bond")
def create_bond(ctx: RequestContext) -> WireResponse:
    """``op=create_bond``: bond physical interfaces (admin; machines).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/?op=create_bond
    """
    table, machine = _machine(ctx, "bond")
    errors = Errors()
    name = ctx.data.get("name")
    if not name:
        errors["name"] = ["This field is required."]
    parents = _parents(ctx, machine, "parents", errors)
    if not parents and "parents" not in errors:
        errors["parents"] = ["A bond interface must have one or more parents."]
    vlan_id = _vlan(ctx, errors)
    params = _common(ctx, machine, name, errors)
    params.update(_options(ctx, BOND_DEFAULTS, errors))
    mac = _mac(ctx, parents, errors)
    if parents and "parents" not in errors:
        in_use = _in_use(parents, machine, allow_vlans=False)
        if in_use:
            errors["parents"] = [f"Interfaces already in-use: {', '.join(in_use)}."]
        vlan_id = vlan_id if ctx.data.get("vlan") else parents[0].vlan_id
        if not in_use and {p.vlan_id for p in parents} != {vlan_id}:
            errors["parents"] = ["All parents must belong to the same VLAN."]
    if errors:
        raise FieldErrors(errors)
    if any(p.type != "physical" for p in parents):
        raise model_error("Only physical interfaces can be bonded.")
    bond = Interface(ctx.store.next_id("interface"), name or "", mac, type="bond", vlan_id=vlan_id)
    bond.parents = [p.name for p in parents]
    bond.params = params
    bond.mtu = _mtu(params)
    bond.enabled = any(p.enabled for p in parents)
    bond.numa_node = None
    _adopt_parents(table, bond, parents, move_links=False)
    return _add(ctx, table, machine, bond)


@routes.route("POST", _COLLECTION, op="create_bridge")
def create_bridge(ctx: RequestContext) -> WireResponse:
    """``op=create_bridge``: bridge an interface (admin; machines).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/?op=create_bridge
    """
    table, machine = _machine(ctx, "bridge")
    allocated = machine.status == S.ALLOCATED
    errors = Errors()
    name = ctx.data.get("name")
    if not name:
        errors["name"] = ["This field is required."]
    parents = _parents(ctx, machine, "parent", errors)
    if "parent" not in errors:
        kinds = {i.name: i.type for i in machine.interfaces}
        if len(parents) != 1:
            errors["parent"] = ["A bridge interface must have exactly one parent."]
        elif parents[0].type == "bridge":
            errors["parent"] = ["A bridge interface can't have another bridge interface as parent."]
        elif any(kinds.get(child) in ("bond", "bridge") for child in parents[0].children):
            errors["parent"] = [
                "A bridge interface can't have a parent that is already in a bond or a bridge."
            ]
    vlan_id = None if allocated else _vlan(ctx, errors)
    params = _common(ctx, machine, name, errors)
    params.update(_options(ctx, BRIDGE_DEFAULTS, errors))
    mac = _mac(ctx, parents, errors)
    if errors:
        raise FieldErrors(errors)
    parent = parents[0]
    if allocated or not ctx.data.get("vlan"):
        vlan_id = parent.vlan_id
    bridge = Interface(
        ctx.store.next_id("interface"), name or "", mac, type="bridge", vlan_id=vlan_id
    )
    bridge.parents = [parent.name]
    bridge.params = params
    bridge.mtu = _mtu(params)
    bridge.enabled = parent.enabled
    bridge.numa_node = None
    _adopt_parents(table, bridge, parents, move_links=allocated)
    return _add(ctx, table, machine, bridge)


@routes.route("POST", _COLLECTION, op="create_vlan")
def create_vlan(ctx: RequestContext) -> WireResponse:
    """``op=create_vlan``: a tagged VLAN interface on top of another (admin; machines).

    MAAS API: POST /MAAS/api/2.0/nodes/{system_id}/interfaces/?op=create_vlan
    """
    table, machine = _machine(ctx, "VLAN")
    errors = Errors()
    parents = _parents(ctx, machine, "parent", errors)
    kinds = {i.name: i.type for i in machine.interfaces}
    if "parent" not in errors:
        if len(parents) != 1:
            errors["parent"] = ["A VLAN interface must have exactly one parent."]
        elif parents[0].type == "vlan":
            errors["parent"] = ["A VLAN interface can't have another VLAN interface as parent."]
        elif any(kinds.get(child) == "bond" for child in parents[0].children):
            errors["parent"] = ["A VLAN interface can't have a parent that is already in a bond."]
    vlan_id = _vlan(ctx, errors)
    vlan = ctx.store.vlans.get(vlan_id) if vlan_id is not None else None
    if vlan is None and "vlan" not in errors:
        errors["vlan"] = ["A VLAN interface must be connected to a tagged VLAN."]
    elif vlan is not None and vlan.vid == 0:
        errors["vlan"] = ["A VLAN interface can only belong to a tagged VLAN."]
    name = None
    if vlan is not None and "vlan" not in errors and "parent" not in errors:
        parent_vlan = ctx.store.vlans.get(parents[0].vlan_id or -1)
        if parent_vlan is None or parent_vlan.fabric_id != vlan.fabric_id:
            errors["vlan"] = [
                "A VLAN interface can only belong to a tagged VLAN on the same fabric as its "
                "parent interface."
            ]
        name = f"{parents[0].name}.{vlan.vid}"
    params = _common(ctx, machine, name, errors)
    if errors or vlan is None:
        raise FieldErrors(errors)
    parent = parents[0]
    child = Interface(
        ctx.store.next_id("interface"),
        name or "",
        parent.mac_address,
        type="vlan",
        vlan_id=vlan.id,
    )
    child.parents = [parent.name]
    child.params = params
    child.mtu = _mtu(params)
    child.enabled = parent.enabled
    child.numa_node = None
    return _add(ctx, table, machine, child)
