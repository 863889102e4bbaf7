"""Machines of the fake MAAS: the entry point ``_app`` imports, and the helpers tests call.

Importing this module registers every machine route (``machines/``, ``machines/{system_id}/``,
``nodes/{system_id}/interfaces/``, ``nodes/{system_id}/blockdevices/``). :func:`install` runs for
each new :class:`~maas_sdk.testing.FakeMAAS`. Tests drive the machines with::

    from maas_sdk.testing import FakeMAAS
    from maas_sdk.testing._machines import script_failure, seed_machines

    fake = FakeMAAS()
    ids = seed_machines(fake, 100, seed=1)
    script_failure(fake, ids[0], "deploy")        # its next deployment fails
    fake.advance(60)                               # transitional statuses move on
"""

from __future__ import annotations

from . import (  # noqa: F401 - imported for their route registrations
    _machine_chassis,
    _machine_clone,
    _machine_instance,
    _machine_interfaces,
    _machine_ops,
    _machine_routes,
    _machine_storage,
)
from ._machine_hooks import MachineHooks
from ._machine_table import MachineTable, ScriptedFailure, Timings, machine_table
from ._seed import seed_machines
from ._store import HasStore, Store, store_of

__all__ = [
    "FAILURE_ACTIONS",
    "clear_failures",
    "install",
    "machines_of",
    "script_failure",
    "seed_machines",
    "set_rack_connected",
    "timings",
]

FAILURE_ACTIONS = (
    "commission",
    "test",
    "deploy",
    "release",
    "erase",
    "rescue_mode",
    "exit_rescue_mode",
    "power",
)
"""What :func:`script_failure` can make fail."""


def install(store: Store) -> None:
    """Prepare a new region: its machine table and the machine hooks."""
    with store.lock:
        machine_table(store)
        store.hooks = MachineHooks(store, store.hooks)


def machines_of(fake: HasStore | Store) -> MachineTable:
    """Return the machine table of a fake (hold ``fake.store.lock`` while touching it)."""
    return machine_table(store_of(fake))


def timings(fake: HasStore | Store) -> Timings:
    """Return the lifecycle timings of a fake (virtual seconds; change them freely)."""
    return machine_table(store_of(fake)).timings


def script_failure(
    fake: HasStore | Store,
    system_id: str,
    action: str,
    *,
    mode: str = "fail",
    times: int | None = 1,
) -> None:
    """Make a machine's next ``action`` fail, as a broken machine or BMC would.

    Args:
        fake: The :class:`~maas_sdk.testing.FakeMAAS` (or its store).
        system_id: The machine.
        action: One of :data:`FAILURE_ACTIONS`: ``commission`` (-> Failed commissioning),
            ``test`` (-> Failed testing, also the tests run by commissioning), ``deploy``
            (-> Failed deployment), ``release`` (-> Releasing failed), ``erase`` (-> Failed
            disk erasing), ``rescue_mode`` (-> Failed to enter rescue mode),
            ``exit_rescue_mode`` (-> Failed to exit rescue mode) or ``power`` (power and
            rescue ops answer 503 ``No rack controllers can access the BMC of node <host>``).
        mode: ``fail``: the process fails after the time it takes on a real region;
            ``hang``: it never completes and times out like MAAS does (``node_timeout``
            minutes, twice that for deployments, 5 minutes for releasing).
        times: How many times the failure applies (None: always).

    Raises:
        KeyError: No such machine.
        ValueError: Unknown action or mode.
    """
    if action not in FAILURE_ACTIONS:
        raise ValueError(f"unknown action {action!r}; expected one of {FAILURE_ACTIONS}")
    if mode not in ("fail", "hang"):
        raise ValueError(f"unknown mode {mode!r}; expected 'fail' or 'hang'")
    store = store_of(fake)
    with store.lock:
        table = machine_table(store)
        if system_id not in table.machines:
            raise KeyError(system_id)
        table.failures.setdefault(system_id, []).append(ScriptedFailure(action, mode, times))


def set_rack_connected(fake: HasStore | Store, connected: bool) -> None:
    """Play a region with (default) or without a rack controller and boot images.

    Without one -- like the 3.4.10 region REFERENCE.md §22 was observed on -- commissioning,
    testing, accepting and enlisting with commissioning answer 400 ``Ephemeral operating
    system ubuntu focal is unavailable.``, and BMC-bound ops (``query_power_state``,
    ``rescue_mode``, power ops of non-manual machines) answer 503 ``No rack controllers can
    access the BMC of node <hostname>``.
    """
    store = store_of(fake)
    with store.lock:
        machine_table(store).rack_connected = connected


def clear_failures(fake: HasStore | Store, system_id: str | None = None) -> None:
    """Forget the scripted failures of one machine (or of all machines)."""
    store = store_of(fake)
    with store.lock:
        table = machine_table(store)
        if system_id is None:
            table.failures.clear()
        else:
            table.failures.pop(system_id, None)
