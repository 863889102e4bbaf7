"""Commissioning and installation results, the flat legacy view: :class:`NodeResults`.

``commissioning-results/`` and ``installation-results/`` are one handler under two URLs: both
list the finished results (passed, failed, timed out or aborted) of the current commissioning,
testing and installation sets of every visible node, one entry per output (a script that wrote
to stderr gets a second entry named ``<script>.err``). Prefer
:class:`~maas_sdk.resources.script_results.ScriptResults` (``client.script_results``), which
also gives statuses, times and every past run.

MAAS API: ``commissioning-results/``, ``installation-results/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated

from pydantic import Base64Bytes, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import LENIENT_DATETIME, MAASModel, TransportLike, decode, form
from maas_sdk.resources.script_results import ScriptResultType

__all__ = ["NodeResult", "NodeResultNode", "NodeResults"]


class NodeResultNode(MAASModel):
    """The node a result belongs to."""

    system_id: str
    """system_id of the node."""


class NodeResult(MAASModel):
    """One output of a finished script (``commissioning-results/`` entries)."""

    name: str
    """Script name; ``<script>.err`` for the entry holding a script's stderr."""
    id: int | None = None
    """Id of the script result (shared by a script's two entries)."""
    script_result: int | None = None
    """The script's exit code."""
    result_type: ScriptResultType = ScriptResultType.COMMISSIONING
    """Kind of set the script ran in."""
    node: NodeResultNode | None = None
    """The node."""
    data: Base64Bytes = b""
    """The output: stdout (or the combined output when there was none), or stderr."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the result was created."""
    updated: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the result last changed."""
    resource_uri: str = ""
    """Always ``/MAAS/api/2.0/commissioning-scripts/`` (MAAS points at the scripts handler)."""

    def __repr__(self) -> str:
        node = self.node.system_id if self.node is not None else "?"
        return f"<NodeResult {node} {self.name} exit={self.script_result}>"

    __str__ = __repr__


_RESULTS = TypeAdapter(list[NodeResult])


class NodeResults:
    """Manager of the flat result listings, reached as ``client.node_results``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<NodeResults manager>"

    @api_operation("GET", "commissioning-results/")
    def list(
        self,
        *,
        system_ids: Iterable[str] | None = None,
        names: Iterable[str] | None = None,
        result_type: ScriptResultType | int | None = None,
    ) -> builtins.list[NodeResult]:
        """List finished results of the visible nodes' current script sets.

        MAAS API: ``GET commissioning-results/``.

        Args:
            system_ids: Only these nodes.
            names: Only results with these names (``<script>.err`` entries match the script's
                name).
            result_type: Only results of this kind of set.

        Raises:
            BadRequestError: ``result_type`` is not a number.
        """
        return self._read("commissioning-results/", system_ids, names, result_type)

    @api_operation("GET", "installation-results/")
    def list_installation(
        self,
        *,
        system_ids: Iterable[str] | None = None,
        names: Iterable[str] | None = None,
        result_type: ScriptResultType | int | None = None,
    ) -> builtins.list[NodeResult]:
        """The same listing as :meth:`list`, under MAAS's ``installation-results/`` URL.

        Pass ``result_type=ScriptResultType.INSTALLATION`` for installation results only.

        MAAS API: ``GET installation-results/``.
        """
        return self._read("installation-results/", system_ids, names, result_type)

    def _read(
        self,
        path: str,
        system_ids: Iterable[str] | None,
        names: Iterable[str] | None,
        result_type: ScriptResultType | int | None,
    ) -> builtins.list[NodeResult]:
        params = form(
            {
                "system_id": None if system_ids is None else builtins.list(system_ids),
                "name": None if names is None else builtins.list(names),
                "result_type": result_type,
            }
        )
        return decode(self._transport.get(path, params=params), _RESULTS)
