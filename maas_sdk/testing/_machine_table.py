"""The machines of one fake region: lookups, indexes, permissions and rendered answers.

One :class:`MachineTable` lives in each :class:`~maas_sdk.testing._store.Store` (``store.state``)
and is only touched with the store lock held. It also holds what tests can tune: the
lifecycle :class:`Timings`, per-machine scripted failures and the architectures the region has
boot images for.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from maas_sdk._wire import WireResponse

from ._machine_json import pretty
from ._machine_model import Interface, Link, Machine
from ._machine_render import RenderOptions, machine_json, machine_text
from ._models import User
from ._render import render_domain, render_pool, render_subnet, render_vlan, render_zone
from ._responses import (
    BadRequest,
    Forbidden,
    NotFound,
    bytes_response,
    indent_list,
)
from ._router import RequestContext
from ._store import Store

__all__ = [
    "SYSTEM_ID_ALPHABET",
    "MachineTable",
    "Perm",
    "ScriptedFailure",
    "StoreView",
    "Timings",
    "can_view",
    "check_permission",
    "machine_table",
    "request_machine",
]

SYSTEM_ID_ALPHABET = "abcdefghjkmnpqrstuvwxy0123456789"


@dataclass
class Timings:
    """Virtual seconds each transitional status lasts (LIFECYCLE.md, observed on 3.4.10).

    Tests may change them: ``machine_table(fake.store).timings.deploying = 600``.
    """

    commissioning: float = 9.0
    commissioning_tests: float = 1.0
    testing: float = 4.0
    deploying: float = 6.0
    releasing: float = 0.5
    erasing: float = 5.0
    entering_rescue: float = 3.5
    failed_commissioning: float = 9.0
    failed_testing: float = 9.0
    failed_deployment: float = 4.0


@dataclass
class ScriptedFailure:
    """A failure a test asked for.

    Attributes:
        action: ``commission``, ``test``, ``deploy``, ``release``, ``erase``, ``rescue_mode``,
            ``exit_rescue_mode`` or ``power`` (the BMC cannot be reached).
        mode: ``fail`` (the process fails after its usual time) or ``hang`` (it never finishes
            and times out like on a real region: ``node_timeout``, 2x for deployments, 5 min
            for releasing).
        remaining: How many more times it applies (None: every time).
    """

    action: str
    mode: str = "fail"
    remaining: int | None = 1


class Perm(enum.Enum):
    """Permission levels on a machine (REFERENCE.md §7, without RBAC)."""

    VIEW = "view"
    EDIT = "edit"
    ADMIN = "admin"
    ADMIN_READ = "admin_read"
    """Admin, allowed even while the machine is locked (``power_parameters``, ``get_token``)."""


class StoreView:
    """Nested objects for the renderer, cached for one store revision."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.generation = store.revision
        self._dicts: dict[tuple[str, int], dict[str, Any] | None] = {}
        self._texts: dict[tuple[str, int], str] = {}

    def _get(self, kind: str, object_id: int) -> dict[str, Any] | None:
        key = (kind, object_id)
        if key not in self._dicts:
            self._dicts[key] = self._render(kind, object_id)
        return self._dicts[key]

    def _render(self, kind: str, object_id: int) -> dict[str, Any] | None:
        store = self.store
        if kind == "zone":
            return render_zone(store.zones.get(object_id) or store.default_zone)
        if kind == "pool":
            return render_pool(store.pools.get(object_id) or store.default_pool)
        if kind == "domain":
            return render_domain(store, store.domains.get(object_id) or store.default_domain)
        if kind == "vlan":
            vlan = store.vlans.get(object_id)
            return render_vlan(store, vlan) if vlan is not None else None
        subnet = store.subnets.get(object_id)
        return render_subnet(store, subnet) if subnet is not None else None

    def zone(self, zone_id: int) -> dict[str, Any]:
        """Return the rendered zone (the default zone if it was deleted)."""
        return self._get("zone", zone_id) or {}

    def pool(self, pool_id: int) -> dict[str, Any]:
        """Return the rendered pool (the default pool if it was deleted)."""
        return self._get("pool", pool_id) or {}

    def domain(self, domain_id: int) -> dict[str, Any]:
        """Return the rendered domain (the default domain if it was deleted)."""
        return self._get("domain", domain_id) or {}

    def vlan(self, vlan_id: int) -> dict[str, Any] | None:
        """Return the rendered VLAN, or None."""
        return self._get("vlan", vlan_id)

    def subnet(self, subnet_id: int) -> dict[str, Any] | None:
        """Return the rendered subnet, or None."""
        return self._get("subnet", subnet_id)

    def text(self, kind: str, object_id: int) -> str:
        """Return the pretty JSON of a nested object."""
        key = (kind, object_id)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = pretty(self._get(kind, object_id))
        return text


class MachineTable:
    """Every machine of a region, with the indexes the API needs."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.machines: dict[str, Machine] = {}
        self.by_mac: dict[str, tuple[Machine, Interface]] = {}
        self.by_hostname: dict[str, Machine] = {}
        self.addresses: dict[str, tuple[Machine, Link]] = {}
        self.timings = Timings()
        self.failures: dict[str, list[ScriptedFailure]] = {}
        self.architectures: list[str] = ["amd64/generic"]
        self.rack_connected = True
        """False plays a region without a rack controller (like the 3.4.10 region of §22)."""
        self._view: StoreView | None = None

    # -- rendering ------------------------------------------------------------------------

    def view(self) -> StoreView:
        """Return the nested-object view for the store's current revision."""
        if self._view is None or self._view.generation != self.store.revision:
            self._view = StoreView(self.store)
        return self._view

    @property
    def options(self) -> RenderOptions:
        """The machine field set of the release the fake plays (3.4 lacks four fields)."""
        version = str(getattr(self.store, "maas_version", "3.7.3"))
        major, _, rest = version.partition(".")
        minor = rest.partition(".")[0]
        newer = (int(major), int(minor or 0)) >= (3, 5) if major.isdigit() else True
        return RenderOptions(fields_35_plus=newer, ip_addresses=newer)

    @property
    def is_35_plus(self) -> bool:
        """Whether the fake plays MAAS 3.5 or later."""
        return self.options.fields_35_plus

    def render(self, machine: Machine) -> bytes:
        """Return the machine's pretty JSON (cached)."""
        return machine_json(machine, self.view(), self.options)

    def response(
        self, machine: Machine, *, constraints_by_type: dict[str, Any] | None = None
    ) -> WireResponse:
        """Return ``200`` with the machine object."""
        if constraints_by_type is None:
            body = self.render(machine)
        else:
            text = machine_text(
                machine, self.view(), self.options, constraints_by_type=constraints_by_type
            )
            body = text.encode("utf-8")
        return bytes_response(body)

    def list_response(self, machines: list[Machine]) -> WireResponse:
        """Return ``200`` with a JSON array of machines, joined from the cached renderings."""
        view, options = self.view(), self.options
        body = indent_list([machine_json(m, view, options) for m in machines])
        return bytes_response(body)

    # -- indexes --------------------------------------------------------------------------

    def get(self, system_id: str) -> Machine | None:
        """Return the machine with this system_id."""
        return self.machines.get(system_id)

    def add(self, machine: Machine) -> None:
        """Register a new machine and index its hostname and MACs."""
        self.machines[machine.system_id] = machine
        self.by_hostname[machine.hostname] = machine
        for iface in machine.interfaces:
            if iface.mac_address:
                self.by_mac[iface.mac_address] = (machine, iface)
            for link in iface.links:
                if link.ip_address:
                    self.addresses[link.ip_address] = (machine, link)

    def remove(self, machine: Machine) -> None:
        """Forget a machine (cancels its pending transition)."""
        if machine.pending is not None and machine.pending.timer is not None:
            machine.pending.timer.cancel()
        self.machines.pop(machine.system_id, None)
        if self.by_hostname.get(machine.hostname) is machine:
            del self.by_hostname[machine.hostname]
        for iface in machine.interfaces:
            if iface.mac_address and self.by_mac.get(iface.mac_address, (None,))[0] is machine:
                del self.by_mac[iface.mac_address]
            for link in iface.links:
                if link.ip_address and self.addresses.get(link.ip_address, (None,))[0] is machine:
                    del self.addresses[link.ip_address]
        self.failures.pop(machine.system_id, None)

    def rename(self, machine: Machine, hostname: str) -> None:
        """Change a machine's hostname, keeping the index right."""
        if self.by_hostname.get(machine.hostname) is machine:
            del self.by_hostname[machine.hostname]
        machine.hostname = hostname
        self.by_hostname[hostname] = machine
        machine.touch()

    def index_interface(self, machine: Machine, iface: Interface, old_mac: str | None) -> None:
        """Update the MAC index after an interface was added or its MAC changed."""
        if old_mac and self.by_mac.get(old_mac, (None, None))[1] is iface:
            del self.by_mac[old_mac]
        if iface.mac_address:
            self.by_mac[iface.mac_address] = (machine, iface)

    def unindex_interface(self, iface: Interface) -> None:
        """Drop a deleted interface from the MAC index."""
        if iface.mac_address and self.by_mac.get(iface.mac_address, (None, None))[1] is iface:
            del self.by_mac[iface.mac_address]

    def new_system_id(self) -> str:
        """Return an unused 6-character system_id."""
        while True:
            candidate = self.store.random_string(6, SYSTEM_ID_ALPHABET)
            if candidate not in self.machines and not self.store.hooks.node_exists(candidate):
                return candidate

    # -- scripted failures ----------------------------------------------------------------

    def take_failure(self, machine: Machine, action: str) -> str | None:
        """Consume a scripted failure of ``action`` for the machine; return its mode."""
        for failure in self.failures.get(machine.system_id, []):
            if failure.action == action:
                if failure.remaining is not None:
                    failure.remaining -= 1
                    if failure.remaining <= 0:
                        self.failures[machine.system_id].remove(failure)
                return failure.mode
        return None

    def has_failure(self, machine: Machine, action: str) -> bool:
        """Whether a failure of ``action`` is scripted (without consuming it)."""
        return any(f.action == action for f in self.failures.get(machine.system_id, []))

    def ephemeral_unavailable(self) -> BadRequest | None:
        """Return the 400 of commissioning/testing without a rack offering boot images."""
        if self.rack_connected:
            return None
        series = self.store.config.get("commissioning_distro_series") or "focal"
        return BadRequest(f"Ephemeral operating system ubuntu {series} is unavailable.")

    def require_ephemeral(self) -> None:
        """Raise the 400 of :meth:`ephemeral_unavailable`, if any."""
        unavailable = self.ephemeral_unavailable()
        if unavailable is not None:
            raise unavailable

    # -- access ---------------------------------------------------------------------------

    def lookup(self, ctx: RequestContext, perm: Perm, key: str = "system_id") -> Machine:
        """Return the machine of the request path, checking the caller's permission.

        Raises:
            NotFound: ``No Machine matches the given query.``
            Forbidden: Empty-bodied 403 when the caller may not see or act on it.
        """
        machine = self.machines.get(ctx.args[key])
        if machine is None:
            raise NotFound("Machine")
        check_permission(ctx.require_user(), machine, perm)
        return machine


def can_view(user: User, machine: Machine) -> bool:
    """Whether ``user`` sees the machine: admin, unowned, or owned by them."""
    return user.is_superuser or machine.owner is None or machine.owner == user.username


def check_permission(user: User, machine: Machine, perm: Perm) -> None:
    """Raise an empty 403 unless ``user`` has ``perm`` on the machine."""
    if not can_view(user, machine):
        raise Forbidden()
    if perm is Perm.EDIT and machine.locked:
        raise Forbidden()
    if perm in (Perm.ADMIN, Perm.ADMIN_READ) and not user.is_superuser:
        raise Forbidden()
    if perm is Perm.ADMIN and machine.locked:
        raise Forbidden()


def machine_table(store: Store) -> MachineTable:
    """Return the region's machine table (created on first use)."""
    return store.state("machines", lambda: MachineTable(store))


def request_machine(ctx: RequestContext, perm: Perm) -> tuple[MachineTable, Machine]:
    """Return the machine table and the machine of the request path (see ``lookup``)."""
    table = machine_table(ctx.store)
    return table, table.lookup(ctx, perm)
