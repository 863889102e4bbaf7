"""FakeMAAS: a stateful, in-memory MAAS region (API 2.0) for tests, in process or on loopback.

How a resource module plugs in (see also ``README-internal.md``):

* Register handlers on the shared router at import time::

      from ._router import RequestContext, routes

      @routes.route("GET", "zones/{name}/")
      def read_zone(ctx: RequestContext) -> WireResponse:
          zone = ctx.store.zone_by_name(ctx.args["name"])
          if zone is None:
              raise NotFound("Zone")
          return json_response(render_zone(zone))

* Name the module ``_r_<resource>.py``: every ``_r_*`` module is imported (those in
  :data:`RESOURCE_MODULES` first, in order). Node modules are :data:`NODE_MODULES`: they are
  imported when present and their ``install(store)`` function, if any, runs for every new
  FakeMAAS -- the place to set ``store.hooks`` and seed state.
* Handlers read ``ctx.params`` (query for GET/DELETE, body for POST/PUT), keep state in
  ``ctx.store`` (``store.state(key, factory)`` for a module's own tables), return a response
  from :mod:`._responses` or raise one of its errors, log events with
  :func:`._events.record_event` and schedule transitions with ``ctx.clock.call_later``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import pkgutil
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any

from maas_sdk._wire import WireRequest, WireResponse

from ._clock import FakeClock
from ._dispatch import Dispatcher
from ._events import record_event
from ._faults import FaultInjector
from ._log import RequestLog
from ._models import Event
from ._r_account import ssh_key_sources
from ._router import routes
from ._server import LoopbackServer
from ._store import Store

if TYPE_CHECKING:
    from datetime import datetime

    from maas_sdk.client import MAASClient

__all__ = ["NODE_MODULES", "RESOURCE_MODULES", "FakeMAAS"]

RESOURCE_MODULES: tuple[str, ...] = (
    "_r_version",
    "_r_users",
    "_r_account",
    "_r_zones",
    "_r_pools",
    "_r_domains",
    "_r_fabrics",
    "_r_spaces",
    "_r_subnets",
    "_r_ipranges",
    "_r_ipaddresses",
    "_r_static_routes",
    "_r_tags",
    "_r_events",
    "_r_maas",
)
"""Resource modules imported first, in this order, to register their routes. Any other
``_r_*`` module of the package is imported after them (sorted by name), so a new resource
only needs its own module."""

NODE_MODULES: tuple[str, ...] = ("_machines",)
"""Node modules: imported if present; their ``install(store)`` runs for each new fake."""


@functools.cache
def _load_modules() -> tuple[ModuleType, ...]:
    modules = [importlib.import_module(f"{__package__}.{name}") for name in RESOURCE_MODULES]
    for name in NODE_MODULES:
        qualified = f"{__package__}.{name}"
        if importlib.util.find_spec(qualified) is not None:
            modules.append(importlib.import_module(qualified))
    listed = set(RESOURCE_MODULES) | set(NODE_MODULES)
    package_path = importlib.import_module(__package__).__path__
    for info in sorted(pkgutil.iter_modules(package_path), key=lambda info: info.name):
        if info.name.startswith("_r_") and info.name not in listed:
            modules.append(importlib.import_module(f"{__package__}.{info.name}"))
    return tuple(modules)


class FakeMAAS:
    """A fake MAAS region: the real API's URLs, answers and state, in memory.

    A new fake is seeded like a freshly installed region (``default`` zone and pool, ``maas``
    domain, ``fabric-0`` with its untagged VLAN) with one admin user.

    Args:
        seed: Seed for keys and generated names (None: random). Two fakes with the same seed
            and the same requests answer the same bytes.
        clock: The virtual clock (a new :class:`FakeClock` by default).
        admin: Username of the admin created at start.
        admin_password: Its password (for ``POST /MAAS/accounts/authenticate/``).
        version: The MAAS version ``version/`` reports.
        strict: Re-raise unexpected exceptions of handlers instead of answering 500 (useful
            while developing the fake itself).

    Attributes:
        url: Base URL for in-process clients.
        clock: The virtual clock; :meth:`advance` moves it.
        store: The region's state (hold ``store.lock`` to touch it).
        faults: Fault injection (:class:`~maas_sdk.testing._faults.FaultInjector`).
        requests: Log of every request served
            (:class:`~maas_sdk.testing._log.RequestLog`).
    """

    url = "http://fake-maas.invalid:5240/MAAS/"

    def __init__(
        self,
        *,
        seed: int | None = None,
        clock: FakeClock | None = None,
        admin: str = "admin",
        admin_password: str = "admin",  # noqa: S107 - a fake region's well-known login
        version: str = "3.4.10",
        strict: bool = False,
    ) -> None:
        modules = _load_modules()
        self.clock = clock or FakeClock()
        self.store = Store(self.clock, random.Random(seed))  # noqa: S311 - reproducible test data
        self.store.maas_version = version
        self.faults = FaultInjector()
        self.requests = RequestLog()
        self._dispatcher = Dispatcher(self.store, routes, self.faults, self.requests, strict=strict)
        with self.store.lock:
            self.store.add_user(
                admin, email=f"{admin}@example.com", is_superuser=True, password=admin_password
            )
            for module in modules:
                install: Callable[[Store], None] | None = getattr(module, "install", None)
                if install is not None:
                    install(self.store)

    def handle(self, request: WireRequest) -> WireResponse:
        """Answer one request, as a real region would (thread-safe).

        This is the :data:`~maas_sdk._wire.WireHandler` an in-process client mounts.

        Raises:
            maas_sdk._wire.ConnectionDropped: When a ``drop`` fault applies.
        """
        return self._dispatcher.handle(request)

    def api_key(self, user: str = "admin") -> str:
        """Return the first API key of ``user`` (``consumer:token:secret``).

        Raises:
            KeyError: No such user, or the user has no key left.
        """
        with self.store.lock:
            tokens = self.store.user_tokens(user)
            if not tokens:
                raise KeyError(f"user {user!r} has no API key")
            return tokens[0].api_key

    def add_user(
        self,
        username: str,
        *,
        is_admin: bool = False,
        password: str | None = None,
        email: str | None = None,
    ) -> str:
        """Create a user (with one API key) and return that key.

        Args:
            username: Login name.
            is_admin: Give admin rights.
            password: Password for ``/MAAS/accounts/authenticate/`` (None: no password login).
            email: E-mail (``<username>@example.com`` by default).

        Raises:
            ValueError: The username is taken.
        """
        with self.store.lock:
            if username in self.store.users:
                raise ValueError(f"user {username!r} already exists")
            email = email if email is not None else f"{username}@example.com"
            user = self.store.add_user(
                username, email=email, is_superuser=is_admin, password=password
            )
            return self.store.user_tokens(user.username)[0].api_key

    def set_user_active(self, username: str, active: bool) -> None:
        """Activate or deactivate a user (a deactivated user's keys get 403)."""
        with self.store.lock:
            self.store.users[username].is_active = active

    def seed_machines(self, count: int, *, seed: int = 0) -> list[str]:
        """Create ``count`` realistic machines (varied statuses, zones, pools, tags, NICs, disks).

        The same seed on a fresh fake gives the same machines.

        Returns:
            The new machines' system_ids, in creation order.
        """
        from ._machines import seed_machines

        return seed_machines(self, count, seed=seed)

    def script_failure(
        self, system_id: str, action: str, *, mode: str = "fail", times: int | None = 1
    ) -> None:
        """Make a machine's next ``action`` fail (``deploy``, ``commission``, ``release``...).

        See :func:`maas_sdk.testing._machines.script_failure` for the actions and modes.
        """
        from ._machines import script_failure

        script_failure(self, system_id, action, mode=mode, times=times)

    def set_rack_connected(self, connected: bool) -> None:
        """Play a region with (default) or without a connected rack controller and boot images.

        Without one, commissioning, testing and accepting machines answer 400 ``Ephemeral
        operating system ubuntu focal is unavailable.`` and BMC-bound ops answer 503. See
        :func:`maas_sdk.testing._machines.set_rack_connected`.
        """
        from ._machines import set_rack_connected

        set_rack_connected(self, connected)

    def add_discovery(
        self,
        ip: str,
        mac_address: str,
        *,
        hostname: str | None = None,
        vid: int | None = None,
        fabric_name: str | None = None,
        last_seen: datetime | None = None,
        observer: tuple[str, str, int, str] = ("4y3h7n", "rack-1", 1, "eth0"),
        mac_organization: str | None = None,
    ) -> str:
        """Record that a rack controller saw ``ip`` at ``mac_address`` (``discoveries/``).

        See :func:`maas_sdk.testing._r_discoveries.add_discovery` for the arguments.

        Returns:
            The discovery_id.
        """
        from ._r_discoveries import add_discovery

        return add_discovery(
            self,
            ip,
            mac_address,
            hostname=hostname,
            vid=vid,
            fabric_name=fabric_name,
            last_seen=last_seen,
            observer=observer,
            mac_organization=mac_organization,
        )

    def set_scan_racks(self, racks: Iterable[tuple[str, str]]) -> None:
        """Set the rack controllers (``(system_id, hostname)``) that ``discoveries/?op=scan`` uses.

        See :func:`maas_sdk.testing._r_discoveries.set_scan_racks`.
        """
        from ._r_discoveries import set_scan_racks

        set_scan_racks(self, racks)

    def add_vm_host(
        self,
        *,
        name: str = "kvm-host",
        type: str = "lxd",  # noqa: A002 - MAAS's word
        power_address: str | None = None,
        cluster_id: int | None = None,
    ) -> int:
        """Add a discovered VM host and return its id.

        See :func:`maas_sdk.testing._vmhost_state.add_vm_host` for the arguments.
        """
        from ._vmhost_state import add_vm_host

        return add_vm_host(
            self, name=name, type=type, power_address=power_address, cluster_id=cluster_id
        )

    def add_vm_cluster(self, name: str, *, project: str = "default", hosts: int = 2) -> int:
        """Add a VM cluster of ``hosts`` new LXD hosts and return its id.

        See :func:`maas_sdk.testing._vmhost_state.add_vm_cluster`.
        """
        from ._vmhost_state import add_vm_cluster

        return add_vm_cluster(self, name, project=project, hosts=hosts)

    def add_ssh_key_source(self, keysource: str, keys: list[str]) -> None:
        """Publish public keys that ``sshkeys/?op=import`` fetches for ``lp:<u>``/``gh:<u>``."""
        with self.store.lock:
            ssh_key_sources(self.store)[keysource] = list(keys)

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of virtual time pass, applying every transition that falls due."""
        self.clock.advance(seconds)

    def record_event(self, type_description: str, **fields: Any) -> Event:
        """Add an event to the log (see :func:`~maas_sdk.testing._events.record_event`)."""
        with self.store.lock:
            return record_event(self.store, type_description, **fields)

    def client(self, user: str = "admin", **client_kwargs: Any) -> MAASClient:
        """Return a client mounted on this fake in process, authenticated as ``user``.

        The client runs its real transport (signing, retries, error mapping) and sleeps on the
        fake's clock, so waiting is instant.

        Args:
            user: Whose API key to use.
            **client_kwargs: More :class:`~maas_sdk.client.MAASClient` options (``retry``...).
        """
        from maas_sdk.client import MAASClient

        client_kwargs.setdefault("clock", self.clock)
        return MAASClient(self.url, self.api_key(user), handler=self.handle, **client_kwargs)

    @contextmanager
    def serve(
        self, host: str = "127.0.0.1", port: int = 0, *, user: str = "admin"
    ) -> Iterator[LoopbackServer]:
        """Serve this fake over real HTTP on loopback for the duration of the block.

        Args:
            host: Address to bind.
            port: Port (0 picks a free one).
            user: Whose API key ``server.api_key`` holds.

        Yields:
            The running server: ``.url`` (``http://127.0.0.1:<port>/MAAS/``), ``.api_key``,
            ``.port``.
        """
        server = LoopbackServer(self, host, port, self.api_key(user))
        server.start()
        try:
            yield server
        finally:
            server.stop()

    def __repr__(self) -> str:
        return f"<FakeMAAS {self.url} users={len(self.store.users)}>"
