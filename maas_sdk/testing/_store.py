"""The state of one fake region: users and keys, every non-node object, events, config.

A :class:`Store` is only touched with :attr:`Store.lock` held; the dispatcher holds it for the
whole of each request, and clock callbacks must take it themselves (``with store.lock:``).
Node modules keep their own tables with :meth:`Store.state` and plug node knowledge into the
other resources through :attr:`Store.hooks`.
"""

from __future__ import annotations

import ipaddress
import itertools
import random
import string
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from ._clock import FakeClock
from ._config import default_config
from ._hooks import NodeHooks
from ._models import (
    VLAN,
    Domain,
    Event,
    Fabric,
    IPRange,
    ReservedIP,
    ResourcePool,
    Space,
    SSHKey,
    StaticRoute,
    Subnet,
    Tag,
    Token,
    User,
    Zone,
)
from ._responses import FakeAPIError

__all__ = ["HasStore", "Store", "store_of"]

T = TypeVar("T")

_FIRST_IDS = {"zone": 2, "pool": 1, "domain": 1, "fabric": 1, "vlan": 5002, "user": 4}
_ALPHANUMERIC = string.ascii_letters + string.digits


class Store:
    """In-memory state of a fake MAAS region, seeded like a freshly installed one.

    A fresh store holds the ``default`` zone (id 1), the ``default`` pool (id 0), the ``maas``
    domain (id 0), ``fabric-0`` with its untagged VLAN (id 5001), no space, no subnet, the
    built-in users ``MAAS`` and ``maas-init-node`` and nothing else: the fake adds the admin.

    Args:
        clock: The virtual clock.
        rng: Source of randomness for keys and ids (seed it for reproducible runs).

    Attributes:
        lock: Re-entrant lock guarding everything below.
        clock: The virtual clock.
        random: The random source.
        hooks: Node knowledge for the other resources (replace with a subclass).
        maas_version: What ``version/`` reports.
        revision: Incremented on every change to zones, pools, domains, fabrics, VLANs, spaces,
            subnets, tags or users: node modules key cached renderings on it.
    """

    def __init__(self, clock: FakeClock, rng: random.Random) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.random = rng
        self.hooks: NodeHooks = NodeHooks()
        self.revision = 0
        self._counters: dict[str, Iterator[int]] = {}
        self._state: dict[str, Any] = {}
        self.users: dict[str, User] = {}
        self.tokens: dict[str, Token] = {}
        self.nonces: set[tuple[str, str, str]] = set()
        self.zones: dict[int, Zone] = {1: Zone(1, "default")}
        self.pools: dict[int, ResourcePool] = {0: ResourcePool(0, "default", "Default pool")}
        self.domains: dict[int, Domain] = {0: Domain(0, "maas")}
        self.fabrics: dict[int, Fabric] = {0: Fabric(0, None)}
        self.vlans: dict[int, VLAN] = {5001: VLAN(5001, 0, 0)}
        self.spaces: dict[int, Space] = {}
        self.subnets: dict[int, Subnet] = {}
        self.ipranges: dict[int, IPRange] = {}
        self.reserved_ips: dict[int, ReservedIP] = {}
        self.static_routes: dict[int, StaticRoute] = {}
        self.tags: dict[int, Tag] = {}
        self.sshkeys: dict[int, SSHKey] = {}
        self.events: list[Event] = []
        self.config: dict[str, Any] = default_config()
        self.default_zone_id = 1
        self.default_pool_id = 0
        self.default_domain_id = 0
        self.default_fabric_id = 0
        self.maas_version = "3.4.10"
        self.users["MAAS"] = User(1, "MAAS", "maas@localhost", False, is_system=True)
        self.users["maas-init-node"] = User(2, "maas-init-node", "", False, is_system=True)

    # -- ids, randomness, per-module state ------------------------------------------------

    def next_id(self, kind: str) -> int:
        """Return the next database id for objects of ``kind`` (``zone``, ``subnet``, ...)."""
        counter = self._counters.get(kind)
        if counter is None:
            counter = self._counters[kind] = itertools.count(_FIRST_IDS.get(kind, 1))
        return next(counter)

    def random_string(self, length: int, alphabet: str = _ALPHANUMERIC) -> str:
        """Return ``length`` random characters of ``alphabet`` (alphanumeric by default)."""
        return "".join(self.random.choice(alphabet) for _ in range(length))

    def state(self, key: str, factory: Callable[[], T]) -> T:
        """Return this store's private object for ``key``, creating it with ``factory`` once.

        Node modules keep their tables here: ``store.state("machines", MachineTable)``.
        """
        if key not in self._state:
            self._state[key] = factory()
        value: T = self._state[key]
        return value

    def changed(self) -> None:
        """Record a change to a shared object (bumps :attr:`revision`)."""
        self.revision += 1

    # -- users and keys --------------------------------------------------------------------

    def add_user(
        self, username: str, *, email: str, is_superuser: bool, password: str | None
    ) -> User:
        """Create a user and its first API key (named ``MAAS consumer``)."""
        user = User(self.next_id("user"), username, email, is_superuser, password)
        self.users[username] = user
        self.create_token(username)
        self.changed()
        return user

    def create_token(self, username: str, name: str = "MAAS consumer") -> Token:
        """Create an API key for ``username`` (18/18/32 alphanumeric characters)."""
        token = Token(
            self.random_string(18), self.random_string(18), self.random_string(32), username, name
        )
        self.tokens[token.token_key] = token
        return token

    def user_tokens(self, username: str) -> list[Token]:
        """Return the user's API keys, oldest first."""
        return [token for token in self.tokens.values() if token.username == username]

    def consumer_exists(self, consumer_key: str) -> bool:
        """Return whether some token was issued under ``consumer_key``."""
        return any(token.consumer_key == consumer_key for token in self.tokens.values())

    # -- lookups ---------------------------------------------------------------------------

    @property
    def default_zone(self) -> Zone:
        """The ``default`` zone."""
        return self.zones[self.default_zone_id]

    @property
    def default_pool(self) -> ResourcePool:
        """The default resource pool."""
        return self.pools[self.default_pool_id]

    @property
    def default_domain(self) -> Domain:
        """The default domain."""
        return self.domains[self.default_domain_id]

    def zone_by_name(self, name: str) -> Zone | None:
        """Return the zone called ``name``."""
        return next((zone for zone in self.zones.values() if zone.name == name), None)

    def pool_by_name(self, name: str) -> ResourcePool | None:
        """Return the pool called ``name``."""
        return next((pool for pool in self.pools.values() if pool.name == name), None)

    def find_pool(self, spec: str) -> ResourcePool | None:
        """Return the pool with id or name ``spec``."""
        return _by_id_or_name(self.pools, spec, lambda pool: pool.name)

    def find_domain(self, spec: str) -> Domain | None:
        """Return the domain with id or name ``spec``."""
        return _by_id_or_name(self.domains, spec, lambda domain: domain.name)

    def find_fabric(self, spec: str) -> Fabric | None:
        """Return the fabric with id or name ``spec`` (``fabric-<id>`` names unnamed ones)."""
        return _by_id_or_name(self.fabrics, spec, lambda fabric: fabric.display_name)

    def find_space(self, spec: str) -> Space | None:
        """Return the space with id or name ``spec``."""
        return _by_id_or_name(self.spaces, spec, lambda space: space.name)

    def fabric_vlans(self, fabric_id: int) -> list[VLAN]:
        """Return a fabric's VLANs ordered by VID."""
        vlans = [vlan for vlan in self.vlans.values() if vlan.fabric_id == fabric_id]
        return sorted(vlans, key=lambda vlan: vlan.vid)

    def vlan_subnets(self, vlan_id: int) -> list[Subnet]:
        """Return the subnets on a VLAN ordered by id."""
        return [subnet for subnet in self.subnets.values() if subnet.vlan_id == vlan_id]

    def find_subnet(self, spec: str) -> Subnet | None:
        """Resolve a subnet specifier: id, CIDR, name, ``cidr:``, ``name:``, ``ip:``, ``vlan:``...

        Raises:
            FakeAPIError: 403 ``Too many Subnet objects match the given query.`` when several
                subnets match (an ``ip:`` inside two overlapping subnets).
        """
        matches = self._match_subnets(spec)
        if len(matches) > 1:
            raise FakeAPIError(403, "Too many Subnet objects match the given query.")
        return matches[0] if matches else None

    def _match_subnets(self, spec: str) -> list[Subnet]:
        subnets = list(self.subnets.values())
        kind, sep, value = spec.partition(":")
        if not sep or kind not in _SUBNET_SPECIFIERS:
            if spec.isdigit():
                return [s for s in subnets if s.id == int(spec)]
            by_cidr = [s for s in subnets if _same_network(s.cidr, spec)]
            return by_cidr or [s for s in subnets if s.name == spec]
        if kind == "id":
            return [s for s in subnets if str(s.id) == value]
        if kind == "cidr":
            return [s for s in subnets if _same_network(s.cidr, value)]
        if kind == "name":
            return [s for s in subnets if s.name == value]
        if kind == "ip":
            return [s for s in subnets if _contains(s.cidr, value)]
        if kind == "vid":
            return [s for s in subnets if str(self.vlans[s.vlan_id].vid) == value]
        if kind == "vlan":
            return [s for s in subnets if str(s.vlan_id) == value]
        if kind == "fabric":
            fabric = self.find_fabric(value)
            return [s for s in subnets if fabric and self.vlans[s.vlan_id].fabric_id == fabric.id]
        space = self.find_space(value)
        return [s for s in subnets if space and self.vlans[s.vlan_id].space_id == space.id]

    def subnet_for_ip(self, ip: str) -> Subnet | None:
        """Return the most specific subnet containing ``ip``, or None."""
        candidates = [s for s in self.subnets.values() if _contains(s.cidr, ip)]
        if not candidates:
            return None
        return max(candidates, key=lambda s: ipaddress.ip_network(s.cidr).prefixlen)

    def tag_by_name(self, name: str) -> Tag | None:
        """Return the tag called ``name``."""
        return next((tag for tag in self.tags.values() if tag.name == name), None)


_SUBNET_SPECIFIERS = frozenset({"id", "cidr", "name", "ip", "vid", "vlan", "fabric", "space"})


class HasStore(Protocol):
    """Anything holding a region's store (a :class:`~maas_sdk.testing.FakeMAAS`)."""

    store: Store


def store_of(fake: HasStore | Store) -> Store:
    """Return the store of a fake (or the store itself): what the test helpers accept."""
    return fake if isinstance(fake, Store) else fake.store


def _by_id_or_name(table: dict[int, T], spec: str, name_of: Callable[[T], str]) -> T | None:
    if spec.lstrip("-").isdigit() and int(spec) in table:
        return table[int(spec)]
    return next((item for item in table.values() if name_of(item) == spec), None)


def _same_network(cidr: str, spec: str) -> bool:
    try:
        return ipaddress.ip_network(cidr) == ipaddress.ip_network(spec, strict=False)
    except ValueError:
        return False


def _contains(cidr: str, ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip) in ipaddress.ip_network(cidr)
    except ValueError:
        return False
