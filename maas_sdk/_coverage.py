"""Measured API coverage: the operations the SDK declares, matched against MAAS's own list.

The reference is ``operations.tsv`` (every route, method and ``op`` MAAS 3.7.3 serves under
``/MAAS/api/2.0/``; a copy lives in ``docs/_data/``). The SDK side is whatever the code declares
with :func:`maas_sdk._operations.api_operation`, collected by
:func:`maas_sdk._operations.declared_operations`. Both sides are normalised (placeholder names
become ``{}``) before matching, and :func:`build_report` turns the result into the Markdown page
``docs/coverage.md``.

A *public* operation is a row of the reference that an authenticated API 2.0 client can use:
every row except those :data:`EXCLUDED_NOTES` names (anonymous-only, internal and hidden
handlers). Public operations the SDK deliberately leaves out are listed, with the reason, in
:data:`OMISSIONS`; any other uncovered public operation is reported as not yet implemented.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from maas_sdk._operations import Operation

__all__ = [
    "API_ROOT",
    "EXCLUDED_NOTES",
    "NOT_YET_IMPLEMENTED",
    "OMISSIONS",
    "CoverageReport",
    "ReferenceOperation",
    "build_report",
    "normalise",
    "parse_operations",
    "read_operations",
]

API_ROOT = "/MAAS/api/2.0/"
"""The prefix every ``url_pattern`` of the reference starts with."""

NOT_YET_IMPLEMENTED = "not yet implemented"
"""The reason shown for an uncovered public operation that :data:`OMISSIONS` does not explain."""

EXCLUDED_NOTES: dict[str, str] = {
    "internal": (
        "internal endpoint used by MAAS's own agents and image synchronisation between "
        "controllers; not an API for clients"
    ),
    "anonymous-only": (
        "served only to unauthenticated callers (MAAS's anonymous handler), not by the "
        "authenticated API"
    ),
    "hidden": (
        "hidden handler: absent from MAAS's own API description and OpenAPI document "
        "(a CLI upload helper, and the undocumented virtual-machines listing)"
    ),
}
"""Notes tags of the reference that take a row out of the public set, with the reason.

Checked in this order, so a row tagged both ``hidden`` and ``internal`` is counted as internal.
"""

OMISSIONS: dict[Operation, str] = {
    Operation("POST", "machines/{system_id}/", "set_owner_data"): (
        "deprecated alias of `set_workload_annotations` (REFERENCE.md §7.4), which "
        "`client.machines.set_workload_annotations` sends"
    ),
}
"""Public operations the SDK leaves out on purpose, keyed by operation as spelled in the
reference, with the reason shown in the report."""

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_COLUMNS = ("resource", "url_pattern", "http_method", "op", "notes")
_METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "DELETE": 3}
_REGENERATE = "MAAS_SDK_WRITE_COVERAGE=1 .venv/bin/pytest -q tests/test_coverage.py"


def normalise(operation: Operation) -> Operation:
    """Return the matching key of an operation: placeholder names erased, an empty op as none.

    Args:
        operation: An operation as declared or as read from the reference.

    Returns:
        The operation with an upper-case method, every ``{name}`` replaced by ``{}`` and an
        empty ``op`` replaced by ``None``.
    """
    return Operation(
        operation.method.upper(), _PLACEHOLDER.sub("{}", operation.path), operation.op or None
    )


@dataclass(frozen=True)
class ReferenceOperation:
    """One row of the reference operation list.

    Attributes:
        handler: The MAAS handler class serving it, e.g. ``MachineHandler``.
        operation: The operation, its path relative to the API root as MAAS spells it.
        notes: The row's notes tags (``deprecated``, ``internal``, ...), without their
            parenthesised explanations.
    """

    handler: str
    operation: Operation
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> Operation:
        """The normalised operation used for matching."""
        return normalise(self.operation)

    @property
    def exclusion(self) -> str | None:
        """The :data:`EXCLUDED_NOTES` tag taking the row out of the public set, or ``None``."""
        return next((tag for tag in EXCLUDED_NOTES if tag in self.notes), None)


def parse_operations(text: str) -> list[ReferenceOperation]:
    """Parse the text of ``operations.tsv``.

    Args:
        text: The tab-separated file, header first; extra columns are ignored.

    Returns:
        One entry per row, in file order.

    Raises:
        ValueError: A needed column is missing, a path lacks the API root prefix, or two rows
            are the same operation once normalised.
    """
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [name for name in _COLUMNS if name not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"operations list lacks the column(s) {', '.join(missing)}")
    rows: list[ReferenceOperation] = []
    seen: dict[Operation, int] = {}
    for line, record in enumerate(reader, start=2):
        pattern = record["url_pattern"]
        if not pattern.startswith(API_ROOT):
            raise ValueError(f"line {line}: {pattern!r} does not start with {API_ROOT}")
        operation = Operation(
            record["http_method"].upper(), pattern.removeprefix(API_ROOT), record["op"] or None
        )
        notes = tuple(
            tag.split("(")[0].strip() for tag in record["notes"].split(";") if tag.strip()
        )
        row = ReferenceOperation(record["resource"], operation, notes)
        if row.key in seen:
            raise ValueError(f"line {line}: {operation} repeats line {seen[row.key]}")
        seen[row.key] = line
        rows.append(row)
    return rows


def read_operations(path: Path) -> list[ReferenceOperation]:
    """Read and parse an ``operations.tsv`` file (see :func:`parse_operations`).

    Args:
        path: The file.

    Returns:
        One entry per row, in file order.
    """
    return parse_operations(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CoverageReport:
    """The reference matched against the SDK's declarations.

    Attributes:
        reference: Every row of the reference.
        methods: SDK methods (``module.Class.method``) per normalised operation, sorted.
        unknown: Declarations matching no reference row: ``(method name, operation)``.
        omissions: Deliberate omissions, keyed by normalised operation.
    """

    reference: tuple[ReferenceOperation, ...]
    methods: Mapping[Operation, tuple[str, ...]]
    unknown: tuple[tuple[str, Operation], ...]
    omissions: Mapping[Operation, str] = field(default_factory=dict)

    @property
    def public(self) -> list[ReferenceOperation]:
        """The public rows, in reference order."""
        return [row for row in self.reference if row.exclusion is None]

    @property
    def excluded(self) -> list[ReferenceOperation]:
        """The rows outside the public set, in reference order."""
        return [row for row in self.reference if row.exclusion is not None]

    @property
    def covered(self) -> list[ReferenceOperation]:
        """The public rows at least one SDK method declares."""
        return [row for row in self.public if row.key in self.methods]

    @property
    def uncovered(self) -> list[ReferenceOperation]:
        """The public rows no SDK method declares."""
        return [row for row in self.public if row.key not in self.methods]

    @property
    def percentage(self) -> float:
        """Covered public operations in percent, rounded down to one decimal."""
        if not self.public:
            return 0.0
        return math.floor(1000 * len(self.covered) / len(self.public)) / 10

    @property
    def summary(self) -> str:
        """One line: covered / public operations and the percentage."""
        return (
            f"{len(self.covered)} of {len(self.public)} public operations covered "
            f"({self.percentage:.1f}%)"
        )

    def reason(self, row: ReferenceOperation) -> str:
        """Why a public row is not covered: its :data:`OMISSIONS` entry or "not yet implemented".

        Args:
            row: A public, uncovered row.

        Returns:
            The reason text.
        """
        return self.omissions.get(row.key, NOT_YET_IMPLEMENTED)

    def stale_omissions(self) -> list[Operation]:
        """Omission keys that are covered, not public, or not in the reference at all."""
        uncovered = {row.key for row in self.uncovered}
        return sorted((key for key in self.omissions if key not in uncovered), key=_key_order)

    def render(self) -> str:
        """Render the report as the Markdown page ``docs/coverage.md``.

        Returns:
            The page text, ending in a newline.
        """
        lines = [
            "# API coverage",
            "",
            "<!-- Generated by tests/test_coverage.py from docs/_data/operations.tsv and the",
            f"     @api_operation declarations in maas_sdk. Do not edit; run: {_REGENERATE} -->",
            "",
            f"**{self.summary}.**",
            "",
            *self._definition(),
            *self._uncovered_section(),
            *self._excluded_section(),
            *self._handler_sections(),
        ]
        return "\n".join(lines).rstrip("\n") + "\n"

    def _definition(self) -> list[str]:
        counts: dict[str | None, int] = defaultdict(int)
        for row in self.excluded:
            counts[row.exclusion] += 1
        declared = sum(len(names) for names in self.methods.values())
        lines = [
            "This page is measured, not written: a test collects the operations every SDK method",
            "declares with `@api_operation(method, path, op)` and matches them against MAAS",
            f"3.7.3's complete operation list ({len(self.reference)} rows: every route, HTTP",
            "method and `op` under `/MAAS/api/2.0/`; copied into `docs/_data/operations.tsv`).",
            "Paths are compared with their placeholder names erased. The test fails when a",
            "declared operation is not in the list, and when this page is out of date.",
            "",
            f"The SDK declares {declared} method-operation pairs over {len(self.methods)}"
            " distinct operations.",
            "",
            "**Public operations** are the rows an authenticated API client can use: all rows",
            f"except these {len(self.excluded)}:",
            "",
        ]
        for tag, reason in EXCLUDED_NOTES.items():
            lines.append(f"- {counts[tag]} marked *{tag}*: {reason}.")
        lines += [
            "",
            "Deprecated operations are public: MAAS still serves them, so they count.",
            "",
        ]
        return lines

    def _uncovered_section(self) -> list[str]:
        lines = ["## Not covered", ""]
        if not self.uncovered:
            return [*lines, "Every public operation is covered.", ""]
        lines += ["| Handler | Operation | Reason |", "|---|---|---|"]
        for row in _ordered(self.uncovered):
            lines.append(f"| {row.handler} | `{row.operation}` | {self.reason(row)} |")
        return [*lines, ""]

    def _excluded_section(self) -> list[str]:
        lines = [
            "## Outside the public set",
            "",
            "Not counted above. Some are declared by the SDK anyway (sent unsigned, for example).",
            "",
            "| Handler | Operation | Excluded because | SDK method(s) |",
            "|---|---|---|---|",
        ]
        for row in _ordered(self.excluded):
            lines.append(
                f"| {row.handler} | `{row.operation}` | *{row.exclusion}* "
                f"| {self._method_cell(row)} |"
            )
        return [*lines, ""]

    def _handler_sections(self) -> list[str]:
        by_handler: dict[str, list[ReferenceOperation]] = defaultdict(list)
        for row in self.public:
            by_handler[row.handler].append(row)
        lines = ["## By resource handler", ""]
        for handler, rows in sorted(
            by_handler.items(), key=lambda item: min(map(_sort_key, item[1]))
        ):
            paths = ", ".join(f"`{path}`" for path in dict.fromkeys(r.operation.path for r in rows))
            covered = sum(row.key in self.methods for row in rows)
            lines += [
                f"### {handler}",
                "",
                f"{paths}: {covered} of {len(rows)} covered.",
                "",
                "| Method | Path | op | SDK method(s) | Not covered because | MAAS notes |",
                "|---|---|---|---|---|---|",
            ]
            for row in _ordered(rows):
                operation = row.operation
                op = f"`{operation.op}`" if operation.op else ""
                reason = "" if row.key in self.methods else self.reason(row)
                lines.append(
                    f"| {operation.method} | `{operation.path}` | {op} | {self._method_cell(row)} "
                    f"| {reason} | {', '.join(row.notes)} |"
                )
            lines.append("")
        return lines

    def _method_cell(self, row: ReferenceOperation) -> str:
        names = self.methods.get(row.key, ())
        return "<br>".join(f"`{name}`" for name in names) if names else "—"


def build_report(
    reference: Iterable[ReferenceOperation],
    declarations: Iterable[tuple[str, Operation]],
    omissions: Mapping[Operation, str] = OMISSIONS,
) -> CoverageReport:
    """Match declarations against the reference.

    Args:
        reference: The reference rows (see :func:`read_operations`).
        declarations: ``(method name, operation)`` pairs, e.g. from
            :func:`maas_sdk._operations.declared_operations`.
        omissions: Reasons for deliberately uncovered operations, keyed as in the reference.

    Returns:
        The report.
    """
    rows = tuple(reference)
    known = {row.key for row in rows}
    methods: dict[Operation, set[str]] = defaultdict(set)
    unknown: list[tuple[str, Operation]] = []
    for name, operation in declarations:
        key = normalise(operation)
        if key in known:
            methods[key].add(name)
        else:
            unknown.append((name, operation))
    return CoverageReport(
        reference=rows,
        methods={key: tuple(sorted(names)) for key, names in methods.items()},
        unknown=tuple(sorted(unknown, key=lambda item: (item[0], _key_order(item[1])))),
        omissions={normalise(key): reason for key, reason in omissions.items()},
    )


def _key_order(operation: Operation) -> tuple[str, int, str]:
    return (operation.path, _METHOD_ORDER.get(operation.method, 9), operation.op or "")


def _sort_key(row: ReferenceOperation) -> tuple[str, int, str]:
    return _key_order(row.operation)


def _ordered(rows: Iterable[ReferenceOperation]) -> list[ReferenceOperation]:
    return sorted(rows, key=_sort_key)
