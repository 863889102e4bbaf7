"""Fleet-scale operations of ``client.machines``: streaming, projections and bulk actions.

:class:`MachineFleet` is a base of the :class:`~maas_sdk.resources.machine_manager.Machines`
manager. API 2.0 returns every machine in one answer (5-25 KB of JSON each), so at 10,000+
machines what is built from that answer decides the memory a script needs:

* :meth:`MachineFleet.iter` yields full :class:`Machine` models one at a time, keeping none;
* :meth:`MachineFleet.list_as` and :meth:`MachineFleet.list_fields` build light, typed
  records of only the fields asked for (pydantic skips the rest of the JSON without building it);
* :meth:`MachineFleet.bulk` runs one action over many machines concurrently
  (:mod:`maas_sdk.bulk`).

MAAS API: ``GET machines/`` (REFERENCE.md §7.2) and the per-machine ops (§7.4).
"""

from __future__ import annotations

import builtins
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack, overload

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, create_model

from maas_sdk.bulk import DEFAULT_CONCURRENCY, BulkProgressCallback, BulkReport, run_bulk
from maas_sdk.resources._base import ResponseLike, TransportLike, decode
from maas_sdk.resources._listing import iter_validated
from maas_sdk.resources.machine_filters import (
    Names,
    PowerStates,
    SimpleStatuses,
    Statuses,
    Targets,
    filter_params,
)
from maas_sdk.resources.machines import Machine

if TYPE_CHECKING:
    from maas_sdk._clock import Clock

__all__ = [
    "BULK_ACTIONS",
    "MachineFilters",
    "MachineFleet",
    "MachineRecord",
    "MachineView",
    "machine_view",
]

T = TypeVar("T")


class MachineFilters(TypedDict, total=False):
    """The filters of :meth:`Machines.list`, taken as keyword arguments by the fleet methods."""

    hostname: Names
    not_hostname: Names
    system_id: Names
    not_system_id: Names
    mac_address: Names
    domain: Names
    not_domain: Names
    agent_name: Names
    not_agent_name: Names
    status: Statuses
    not_status: Statuses
    simple_status: SimpleStatuses
    not_simple_status: SimpleStatuses
    arch: Names
    not_arch: Names
    tags: Names
    not_tags: Names
    zone: Names
    not_in_zone: Names
    pool: Names
    not_in_pool: Names
    owner: Names
    not_owner: Names
    power_state: PowerStates
    not_power_state: PowerStates
    cpu_count: int | None
    cpu_speed: int | None
    mem: int | None
    link_speed: int | None
    fabrics: Names
    not_fabrics: Names
    fabric_classes: Names
    not_fabric_classes: Names
    vlans: Names
    not_vlans: Names
    subnets: Names
    not_subnets: Names
    pod: Names
    not_pod: Names
    pod_type: Names
    not_pod_type: Names
    deployment_target: Targets
    not_deployment_target: Targets
    storage: str | None
    interfaces: str | None
    devices: Names


class MachineView(BaseModel):
    """Base of a light, read-only projection of a machine: declare only the fields you need.

    Subclass it with fields named (and typed) like those of :class:`Machine`; keys not
    declared are skipped while parsing, so a record costs a few hundred bytes instead of the
    tens of kilobytes of a full machine::

        class Row(MachineView):
            system_id: str
            hostname: str
            status: NodeStatus

        rows = client.machines.list_as(Row, zone="zone-a")
    """

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class MachineRecord(MachineView):
    """A record of the fields named to :meth:`MachineFleet.list_fields` (typed at run time).

    Its attributes are validated and typed like those of :class:`Machine`; for a type checker
    they are ``Any`` (declare a :class:`MachineView` subclass for static types).
    """

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            """Any field named to ``list_fields`` (for type checkers only)."""
            ...


V = TypeVar("V", bound=MachineView)

BULK_ACTIONS = frozenset(
    {
        "abort",
        "clear_default_gateways",
        "commission",
        "delete",
        "deploy",
        "exit_rescue_mode",
        "get",
        "lock",
        "mark_broken",
        "mark_fixed",
        "mount_special",
        "override_failed_testing",
        "power_off",
        "power_on",
        "power_parameters",
        "query_power_state",
        "release",
        "rescue_mode",
        "restore_default_configuration",
        "restore_networking_configuration",
        "restore_storage_configuration",
        "set_storage_layout",
        "set_workload_annotations",
        "test",
        "unlock",
        "unmount_special",
        "update",
    }
)
"""Names of the ``client.machines`` operations :meth:`MachineFleet.bulk` runs by name."""


@functools.cache
def machine_view(fields: tuple[str, ...]) -> type[MachineRecord]:
    """Return a :class:`MachineRecord` class with these fields of :class:`Machine`, typed alike.

    Args:
        fields: Field names of :class:`Machine` (computed ones such as ``boot_interface``
            excepted).

    Raises:
        ValueError: A name is not a field of :class:`Machine`.
    """
    known = Machine.model_fields
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise ValueError(
            f"not fields of Machine: {', '.join(unknown)}; choose among {', '.join(sorted(known))}"
        )
    definitions: dict[str, Any] = {name: (known[name].annotation, known[name]) for name in fields}
    return create_model("MachineRecord", __base__=MachineRecord, **definitions)


@functools.cache
def _list_adapter(view: type[V]) -> TypeAdapter[list[V]]:
    return TypeAdapter(list[view])  # type: ignore[valid-type]


_MACHINES = TypeAdapter(list[Machine])


class MachineFleet:
    """Streaming, projections and bulk actions of the machines manager."""

    _transport: TransportLike
    _clock: Clock

    def _listing(self, filters: MachineFilters) -> ResponseLike | None:
        arguments: dict[str, Any] = dict.fromkeys(MachineFilters.__annotations__)
        arguments.update(filters)
        params = filter_params(arguments)
        return None if params is None else self._transport.get("machines/", params=params)

    def iter(self, **filters: Unpack[MachineFilters]) -> Iterator[Machine]:
        """Yield the machines matching the filters one at a time, as full bound models.

        The answer is received whole (API 2.0 does not paginate), then each machine is
        validated only when the iteration reaches it: a loop that keeps what it needs holds
        the answer's bytes and one machine, not every machine.

        MAAS API: ``GET machines/``.

        Args:
            **filters: The filters of :meth:`Machines.list`.

        Raises:
            ResponseDecodeError: The answer is not a JSON list of machines (raised when the
                iteration reaches the bad element).
        """
        answer = self._listing(filters)
        if answer is None:
            return
        items = iter_validated(answer.content, Machine)
        yielded = 0
        try:
            for machine in items if items is not None else ():
                yield machine._bind(self)
                yielded += 1
        except ValidationError:
            items = None
        if items is None:
            # Not split into elements, or an element failed on its own: validate it whole,
            # which raises the error pydantic gives for the whole answer.
            for machine in decode(answer, _MACHINES)[yielded:]:
                yield machine._bind(self)

    def list_as(self, view: type[V], **filters: Unpack[MachineFilters]) -> builtins.list[V]:
        """List the machines matching the filters as records of ``view`` (only its fields).

        MAAS API: ``GET machines/``.

        Args:
            view: A :class:`MachineView` subclass declaring the fields to keep.
            **filters: The filters of :meth:`Machines.list`.
        """
        answer = self._listing(filters)
        return [] if answer is None else decode(answer, _list_adapter(view))

    def list_fields(
        self, *fields: str, **filters: Unpack[MachineFilters]
    ) -> builtins.list[MachineRecord]:
        """List the machines matching the filters as records of the named fields only.

        Each record has the named attributes, validated and typed as on :class:`Machine`
        (``row.status`` is a :class:`NodeStatus`); for static typing declare a
        :class:`MachineView` subclass and use :meth:`list_as`.

        MAAS API: ``GET machines/``.

        Args:
            *fields: Field names of :class:`Machine`, e.g. ``"system_id", "hostname"``.
            **filters: The filters of :meth:`Machines.list`.

        Raises:
            ValueError: A name is not a field of :class:`Machine`.
        """
        return self.list_as(machine_view(tuple(fields) or ("system_id",)), **filters)

    @overload
    def bulk(
        self,
        action: str,
        machines: Iterable[str | Machine],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: BulkProgressCallback[Any] | None = None,
        timeout: float | None = None,
        **arguments: Any,
    ) -> BulkReport[Any]: ...
    @overload
    def bulk(
        self,
        action: Callable[[str], T],
        machines: Iterable[str | Machine],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: BulkProgressCallback[T] | None = None,
        timeout: float | None = None,
    ) -> BulkReport[T]: ...
    def bulk(
        self,
        action: str | Callable[[str], Any],
        machines: Iterable[str | Machine],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        on_progress: BulkProgressCallback[Any] | None = None,
        timeout: float | None = None,
        **arguments: Any,
    ) -> BulkReport[Any]:
        """Run one action on many machines, ``concurrency`` at a time; never stop at a failure.

        ``client.machines.bulk("deploy", machines, distro_series="jammy")`` calls
        ``client.machines.deploy(system_id, distro_series="jammy")`` for each machine on a
        thread pool sharing this client, and reports every machine: succeeded (with the
        updated :class:`Machine`), failed (with its error: a 409 for a machine in the wrong
        state, ...) or timed out (a read timeout or a ``wait=True`` deadline: the change may
        have been applied). Keep ``concurrency`` at or below the client's ``pool_size`` (64).

        MAAS API: one request per machine, e.g. ``POST machines/{system_id}/?op=deploy``.

        Args:
            action: The name of a per-machine operation of this manager (see
                :data:`BULK_ACTIONS`), or any callable taking a system_id.
            machines: system_ids or :class:`Machine` models.
            concurrency: The most operations in flight at once.
            on_progress: Called as ``on_progress(result, done, total)`` after each machine, on
                the calling thread.
            timeout: Seconds for the whole run; machines not done by then are reported as
                timed out.
            **arguments: Keyword arguments for the named operation (``wait=True``, ...).

        Returns:
            One :class:`~maas_sdk.bulk.BulkResult` per machine, in the order given.

        Raises:
            ValueError: An unknown action name, or arguments it does not take.
        """
        if isinstance(action, str):
            call = self._bulk_operation(action, arguments)
        elif arguments:
            raise ValueError("keyword arguments go with an action name, not with a callable")
        else:
            call = action
        targets = [m.system_id if isinstance(m, Machine) else m for m in machines]
        return run_bulk(
            call,
            targets,
            concurrency=concurrency,
            on_progress=on_progress,
            timeout=timeout,
            clock=self._clock,
        )

    def _bulk_operation(self, name: str, arguments: dict[str, Any]) -> Callable[[str], Any]:
        if name not in BULK_ACTIONS:
            raise ValueError(
                f"unknown bulk action {name!r}; use one of {', '.join(sorted(BULK_ACTIONS))} "
                "or pass a callable"
            )
        operation: Callable[..., Any] = getattr(self, name)
        try:
            inspect.signature(operation).bind("system_id", **arguments)
        except TypeError as error:
            raise ValueError(f"{name}(): {error}") from None
        return functools.partial(operation, **arguments)
