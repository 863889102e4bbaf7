"""Script results of a node: :class:`ScriptResultSet` and :class:`ScriptResults`.

Every commissioning, testing, installation or release run of a node is a *script set* whose
results are the scripts that ran (``00-maas-01-lshw``, ``smartctl-validate``, the curtin
install log, ...). ``client.script_results`` lists a node's sets, reads one by id or as
``current-commissioning``/``current-testing``/``current-installation``, suppresses failures,
deletes sets and downloads the scripts' output.

MAAS API: ``nodes/{system_id}/results/``, ``nodes/{system_id}/results/{id}/``
(REFERENCE.md §19, Appendix A).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Base64Bytes, BeforeValidator, Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import HardwareType, ScriptResultType, ScriptStatus
from maas_sdk.resources._base import (
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    comma_list,
    decode,
    form,
    path_segment,
)

__all__ = [
    "HardwareType",
    "ScriptResult",
    "ScriptResultSet",
    "ScriptResultType",
    "ScriptResults",
]


def _mail_datetime(value: Any) -> Any:
    """Read MAAS's e-mail style times (``Tue, 07 Nov 2017 15:59:57 -0000``); else pass on."""
    if not isinstance(value, str):
        return value
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


_MailTime = Annotated[datetime | None, BeforeValidator(_mail_datetime)]
_Seconds = float | str | None


class ScriptResult(MAASModel):
    """One script's run inside a script set (``results[]``)."""

    id: int
    """Id of the result (``filters`` accept it)."""
    name: str = ""
    """Script name, e.g. ``00-maas-01-lshw`` or ``smartctl-validate``."""
    status: ScriptStatus = ScriptStatus.PENDING
    """Status of this run."""
    status_name: str = ""
    """``status`` as MAAS labels it."""
    exit_status: int | None = None
    """The script's exit code, ``None`` while it has not finished."""
    created: _MailTime = None
    """When the result was created."""
    updated: _MailTime = None
    """When the result last changed."""
    started: _MailTime = None
    """When the script started, or ``None``."""
    ended: _MailTime = None
    """When the script ended, or ``None``."""
    runtime: str = ""
    """How long it ran (``"0:01:05"``), ``""`` until it ended."""
    starttime: _Seconds = None
    """Start as a Unix timestamp, ``""`` before it started."""
    endtime: _Seconds = None
    """End as a Unix timestamp, ``""`` before it ended."""
    estimated_runtime: str = ""
    """Runtime, or an estimate from earlier runs while it is running."""
    parameters: dict[str, Any] = Field(default_factory=dict)
    """Parameters the script ran with (passwords are ``REDACTED``)."""
    script_id: int | None = None
    """Id of the script, ``None`` for built-in ones without a script record."""
    script_revision_id: int | None = None
    """Id of the script revision that ran, or ``None``."""
    suppressed: bool = False
    """Whether a failure of this result is ignored in the node's statuses."""
    output: Base64Bytes | None = None
    """Combined output (only with ``include_output``)."""
    stdout: Base64Bytes | None = None
    """Standard output (only with ``include_output``)."""
    stderr: Base64Bytes | None = None
    """Standard error (only with ``include_output``)."""
    result: Base64Bytes | None = None
    """The script's YAML result file (only with ``include_output``, MAAS 2.5+)."""


class ScriptResultSet(Resource):
    """A run of scripts on a node: commissioning, testing, installation or release.

    Compares equal to another :class:`ScriptResultSet` with the same :attr:`id`.
    """

    _identity_field: ClassVar[str] = "id"
    if TYPE_CHECKING:
        _manager: ScriptResults | None

    id: int
    """Id of the set (a node's ``current_*_result_id`` fields point at it)."""
    system_id: str = ""
    """system_id of the node."""
    type: ScriptResultType = ScriptResultType.COMMISSIONING
    """What the set ran for."""
    type_name: str = ""
    """``type`` as MAAS labels it (``"Commissioning"``)."""
    status: ScriptStatus = ScriptStatus.UNKNOWN
    """Overall status of the unsuppressed results (``UNKNOWN`` for an empty set)."""
    status_name: str = ""
    """``status`` as MAAS labels it."""
    last_ping: _MailTime = None
    """When the node last reported during the run, or ``None``."""
    started: _MailTime = None
    """When the first script started, or ``None``."""
    ended: _MailTime = None
    """When the last script ended, ``None`` while any is still running."""
    runtime: str = ""
    """How long the set ran, ``""`` until it ended."""
    results: list[ScriptResult] = Field(default_factory=list)
    """The scripts of the set (filtered as asked), sorted by name."""
    suppressed: bool | None = None
    """Listed by MAAS's handler but not emitted by any release seen; ``None`` then."""
    resource_uri: str = ""
    """Absolute API path of the set (``/MAAS/api/2.0/nodes/<system_id>/results/<id>/``)."""

    def __repr__(self) -> str:
        label = self.type_name or self.type.name.capitalize()
        status = self.status_name or self.status.name
        return f"<ScriptResultSet {self.id} {self.system_id} {label} {status}>"

    __str__ = __repr__

    def _results(self) -> ScriptResults:
        manager: ScriptResults | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self, *, include_output: bool = False) -> ScriptResultSet:
        """Re-read the set (with the scripts' output if asked) and return it."""
        manager = self._results()
        return self._apply(manager.get(self.system_id, self.id, include_output=include_output))

    def delete(self) -> None:
        """Delete the set; see :meth:`ScriptResults.delete`."""
        self._results().delete(self.system_id, self.id)

    def set_suppressed(
        self, suppressed: bool = True, *, filters: str | Sequence[str] | None = None
    ) -> ScriptResultSet:
        """Suppress (or unsuppress) results of the set, then re-read all of it.

        MAAS answers with the selected results only, so the set is read again afterwards
        to hold every result; see :meth:`ScriptResults.update`.
        """
        manager = self._results()
        manager.update(self.system_id, self.id, suppressed=suppressed, filters=filters)
        return self._apply(manager.get(self.system_id, self.id))

    def download(
        self,
        *,
        output: str | None = None,
        filetype: str | None = None,
        filters: str | Sequence[str] | None = None,
    ) -> bytes:
        """Download the set's output; see :meth:`ScriptResults.download`."""
        manager = self._results()
        return manager.download(
            self.system_id, self.id, output=output, filetype=filetype, filters=filters
        )


_SET = TypeAdapter(ScriptResultSet)
_SETS = TypeAdapter(list[ScriptResultSet])

SetId = int | str
"""A script set id, or ``current-commissioning``, ``current-testing``, ``current-installation``."""
HardwareTypes = HardwareType | int | str | None
"""A hardware type: member, number or name (``node``, ``cpu``, ``memory``, ``storage``,
``network``, ``gpu``)."""


class ScriptResults:
    """Manager of nodes' script results, reached as ``client.script_results``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<ScriptResults manager>"

    @api_operation("GET", "nodes/{system_id}/results/")
    def list(
        self,
        system_id: str,
        *,
        result_type: ScriptResultType | int | str | None = None,
        hardware_type: HardwareTypes = None,
        include_output: bool = False,
        filters: str | Sequence[str] | None = None,
    ) -> builtins.list[ScriptResultSet]:
        """List a node's script sets.

        MAAS API: ``GET nodes/{system_id}/results/``.

        Args:
            system_id: The node.
            result_type: Only sets of this kind (``commissioning``, ``testing``,
                ``installation``, ``release`` or a :class:`ScriptResultType`); sent as ``type``.
            hardware_type: Only results of scripts about this hardware.
            include_output: Include each script's output (base64 on the wire, bytes here).
            filters: Only results with these script names, tags or ids.

        Raises:
            NotFoundError: No node has that system_id.
            BadRequestError: An unknown type or hardware type.
        """
        params = _read_params(result_type, hardware_type, include_output, filters)
        answer = self._transport.get(_results_path(system_id), params=params)
        sets = decode(answer, _SETS)
        bind_all(sets, self)
        return sets

    @api_operation("GET", "nodes/{system_id}/results/{id}/")
    def get(
        self,
        system_id: str,
        set_id: SetId,
        *,
        hardware_type: HardwareTypes = None,
        include_output: bool = False,
        filters: str | Sequence[str] | None = None,
    ) -> ScriptResultSet:
        """Read one script set by id or as ``current-commissioning`` (``-testing``, ...).

        MAAS API: ``GET nodes/{system_id}/results/{id}/``.

        Raises:
            NotFoundError: No such node or set.
            BadRequestError: The node has no such current set, or the id is malformed.
        """
        params = _read_params(None, hardware_type, include_output, filters)
        answer = self._transport.get(_set_path(system_id, set_id), params=params)
        return decode(answer, _SET)._bind(self)

    @api_operation("PUT", "nodes/{system_id}/results/{id}/")
    def update(
        self,
        system_id: str,
        set_id: SetId,
        *,
        suppressed: bool | None = None,
        hardware_type: HardwareTypes = None,
        include_output: bool = False,
        filters: str | Sequence[str] | None = None,
    ) -> ScriptResultSet:
        """Suppress or unsuppress the results of a set (those matching the filters; admin).

        MAAS API: ``PUT nodes/{system_id}/results/{id}/``.

        Args:
            system_id: The node.
            set_id: The set.
            suppressed: Whether failures of the selected results are ignored.
            hardware_type: Only results of scripts about this hardware.
            include_output: Include the scripts' output in the answer.
            filters: Only results with these script names, tags or ids.
        """
        data = form(
            {"suppressed": suppressed},
            _read_params(None, hardware_type, include_output, filters),
        )
        answer = self._transport.put(_set_path(system_id, set_id), data=data)
        return decode(answer, _SET)._bind(self)

    @api_operation("DELETE", "nodes/{system_id}/results/{id}/")
    def delete(self, system_id: str, set_id: SetId) -> None:
        """Delete a script set (admin).

        MAAS API: ``DELETE nodes/{system_id}/results/{id}/``.
        """
        self._transport.delete(_set_path(system_id, set_id))

    @api_operation("GET", "nodes/{system_id}/results/{id}/", op="download")
    def download(
        self,
        system_id: str,
        set_id: SetId,
        *,
        output: str | None = None,
        filetype: str | None = None,
        filters: str | Sequence[str] | None = None,
        hardware_type: HardwareTypes = None,
    ) -> bytes:
        """Download the output of a set's scripts.

        With one result and ``filetype="txt"`` the answer is that script's output as is;
        with several, each output follows a ``---- name ----`` header line. ``tar.xz`` gives
        an archive with one file per output.

        MAAS API: ``GET nodes/{system_id}/results/{id}/?op=download``.

        Args:
            system_id: The node.
            set_id: The set.
            output: ``combined`` (default), ``stdout``, ``stderr``, ``result`` or ``all``.
            filetype: ``txt`` (default) or ``tar.xz``.
            filters: Only results with these script names, tags or ids.
            hardware_type: Only results of scripts about this hardware.

        Raises:
            BadRequestError: An unknown file type.
        """
        params = form(
            {"output": output, "filetype": filetype},
            _read_params(None, hardware_type, False, filters),
        )
        answer = self._transport.get(_set_path(system_id, set_id), op="download", params=params)
        return answer.content

    def download_text(
        self,
        system_id: str,
        set_id: SetId,
        *,
        output: str | None = None,
        filters: str | Sequence[str] | None = None,
        hardware_type: HardwareTypes = None,
    ) -> str:
        """Like :meth:`download` with ``filetype="txt"``, decoded as UTF-8 (bad bytes replaced).

        MAAS API: ``GET nodes/{system_id}/results/{id}/?op=download``.
        """
        content = self.download(
            system_id,
            set_id,
            output=output,
            filetype="txt",
            filters=filters,
            hardware_type=hardware_type,
        )
        return content.decode("utf-8", errors="replace")


def _results_path(system_id: str) -> str:
    return f"nodes/{path_segment(system_id)}/results/"


def _set_path(system_id: str, set_id: SetId) -> str:
    return f"{_results_path(system_id)}{path_segment(set_id)}/"


def _read_params(
    result_type: ScriptResultType | int | str | None,
    hardware_type: HardwareTypes,
    include_output: bool,
    filters: str | Sequence[str] | None,
) -> builtins.list[tuple[str, str]]:
    # MAAS treats any value of include_output as true, so it is only sent when wanted.
    return form(
        {
            "type": result_type,
            "hardware_type": hardware_type,
            "include_output": True if include_output else None,
            "filters": comma_list(filters),
        }
    )
