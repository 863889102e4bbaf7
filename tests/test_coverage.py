"""API coverage is measured from the code: declarations match MAAS's list, the report is current.

``docs/coverage.md`` is generated from ``docs/_data/operations.tsv`` (a copy of
``../shared/maas-api/operations.tsv``, which a clean clone may not have) and the
``@api_operation`` declarations. Regenerate it with
``MAAS_SDK_WRITE_COVERAGE=1 .venv/bin/pytest -q tests/test_coverage.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from maas_sdk._coverage import (
    NOT_YET_IMPLEMENTED,
    OMISSIONS,
    CoverageReport,
    ReferenceOperation,
    build_report,
    normalise,
    parse_operations,
    read_operations,
)
from maas_sdk._operations import Operation, declared_operations

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "docs" / "_data" / "operations.tsv"
SHARED = ROOT.parent / "shared" / "maas-api" / "operations.tsv"
REPORT = ROOT / "docs" / "coverage.md"
WRITE_VARIABLE = "MAAS_SDK_WRITE_COVERAGE"

HEADER = "resource\turl_pattern\thttp_method\top\tidempotent\tnotes\n"


@pytest.fixture(scope="module")
def report() -> CoverageReport:
    return build_report(read_operations(VENDORED), declared_operations())


# --- the real SDK against the real list -------------------------------------------------------


def test_every_declared_operation_exists_in_maas(report: CoverageReport) -> None:
    unknown = [f"{name}: {operation}" for name, operation in report.unknown]
    assert not unknown, (
        "these @api_operation declarations match no route/method/op of operations.tsv "
        "(typo in the path or op?):\n" + "\n".join(unknown)
    )


def test_the_sdk_declares_operations_of_several_modules(report: CoverageReport) -> None:
    modules = {name.rsplit(".", 2)[0] for names in report.methods.values() for name in names}
    assert {
        "maas_sdk.resources.machine_manager",
        "maas_sdk.resources.machine_actions",
        "maas_sdk.resources.subnets",
        "maas_sdk.resources.zones",
    } <= modules
    deploy = report.methods[Operation("POST", "machines/{}/", "deploy")]
    assert "maas_sdk.resources.machine_actions.MachineActions.deploy" in deploy


def test_every_omission_reason_names_an_uncovered_public_operation(
    report: CoverageReport,
) -> None:
    stale = [str(operation) for operation in report.stale_omissions()]
    assert not stale, (
        "OMISSIONS in maas_sdk/_coverage.py explains operations that are covered, not public or "
        "not in operations.tsv; remove these entries:\n" + "\n".join(stale)
    )


def test_public_set_is_the_reference_minus_anonymous_internal_and_hidden_rows(
    report: CoverageReport,
) -> None:
    excluded = {row.key: row.exclusion for row in report.excluded}
    assert excluded[Operation("GET", "machines/", "is_action_in_progress")] == "anonymous-only"
    assert excluded[Operation("POST", "agents/{}/services/{}/config/")] == "internal"
    assert excluded[Operation("GET", "images-sync-progress/")] == "internal"
    assert excluded[Operation("PUT", "boot-resources/{}/upload/{}/")] == "hidden"
    public = {row.key for row in report.public}
    assert Operation("GET", "version/") in public
    assert Operation("GET", "files/", "get_by_key") in public  # also served to anonymous callers
    assert Operation("GET", "pods/") in public  # deprecated, still served
    assert len(report.public) + len(report.excluded) == len(report.reference)


def test_vendored_operation_list_is_the_shared_reference() -> None:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not present (clean clone)")
    assert VENDORED.read_bytes() == SHARED.read_bytes(), (
        f"docs/_data/operations.tsv differs from {SHARED}; copy it again"
    )


def test_coverage_report_is_up_to_date(report: CoverageReport) -> None:
    expected = report.render()
    print(f"API coverage: {report.summary}")
    if os.environ.get(WRITE_VARIABLE) == "1":
        REPORT.write_text(expected, encoding="utf-8")
    actual = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    assert actual == expected, (
        "docs/coverage.md does not match the code; regenerate it with "
        f"`{WRITE_VARIABLE}=1 .venv/bin/pytest -q tests/test_coverage.py` and commit it"
    )


# --- the matching and rendering rules, on a small list ----------------------------------------


SMALL_LIST = HEADER + "".join(
    f"{resource}\t/MAAS/api/2.0/{path}\t{method}\t{op}\tfalse\t{notes}\n"
    for resource, path, method, op, notes in [
        ("ZonesHandler", "zones/", "GET", "", ""),
        ("ZoneHandler", "zones/{name}/", "GET", "", ""),
        ("ZoneHandler", "zones/{name}/", "DELETE", "", ""),
        ("ZoneHandler", "zones/{name}/", "POST", "polish", "deprecated"),
        ("ZonesHandler", "zones/", "GET", "is_action_in_progress", "anonymous-only (anon)"),
        ("AgentHandler", "agents/{id}/", "GET", "", "hidden (not in openapi);internal"),
    ]
)


def small_report(
    declarations: list[tuple[str, Operation]],
    omissions: dict[Operation, str] | None = None,
) -> CoverageReport:
    return build_report(parse_operations(SMALL_LIST), declarations, omissions or {})


def test_normalise_erases_placeholder_names_and_empty_ops() -> None:
    assert normalise(Operation("get", "nodes/{system_id}/blockdevices/{id}/", "")) == Operation(
        "GET", "nodes/{}/blockdevices/{}/", None
    )


def test_parse_reads_the_notes_tags_and_strips_the_api_root() -> None:
    rows = parse_operations(SMALL_LIST)
    assert rows[1] == ReferenceOperation("ZoneHandler", Operation("GET", "zones/{name}/"), ())
    assert rows[4].notes == ("anonymous-only",)
    assert rows[5].notes == ("hidden", "internal")
    assert rows[5].exclusion == "internal"
    assert rows[3].exclusion is None


def test_parse_rejects_a_list_without_the_needed_columns() -> None:
    with pytest.raises(ValueError, match="notes"):
        parse_operations("resource\turl_pattern\thttp_method\top\n")


def test_parse_rejects_two_rows_that_normalise_to_one_operation() -> None:
    text = HEADER + (
        "ZoneHandler\t/MAAS/api/2.0/zones/{name}/\tGET\t\ttrue\t\n"
        "ZoneHandler\t/MAAS/api/2.0/zones/{id}/\tGET\t\ttrue\t\n"
    )
    with pytest.raises(ValueError, match="line 3"):
        parse_operations(text)


def test_a_declaration_matches_whatever_its_placeholders_are_named() -> None:
    report = small_report([("sdk.Zones.get", Operation("GET", "zones/{zone}/"))])
    assert [row.operation for row in report.covered] == [Operation("GET", "zones/{name}/")]
    assert report.unknown == ()


def test_a_declaration_with_a_wrong_path_or_op_is_unknown() -> None:
    wrong = [
        ("sdk.Zones.get", Operation("GET", "zone/{name}/")),
        ("sdk.Zones.polish", Operation("POST", "zones/{name}/", "polsh")),
        ("sdk.Zones.list", Operation("GET", "zones")),
    ]
    assert list(small_report(wrong).unknown) == sorted(wrong)


def test_counts_cover_public_rows_only() -> None:
    report = small_report(
        [
            ("sdk.Zones.list", Operation("GET", "zones/")),
            ("sdk.Zones.in_progress", Operation("GET", "zones/", "is_action_in_progress")),
        ]
    )
    assert len(report.public) == 4
    assert len(report.covered) == 1
    assert report.percentage == 25.0
    assert report.summary == "1 of 4 public operations covered (25.0%)"


def test_percentage_is_rounded_down() -> None:
    text = HEADER + "".join(
        f"H\t/MAAS/api/2.0/things/\tPOST\top{index}\tfalse\t\n" for index in range(3)
    )
    declared = [(f"sdk.op{index}", Operation("POST", "things/", f"op{index}")) for index in (0, 1)]
    assert build_report(parse_operations(text), declared, {}).percentage == 66.6


def test_uncovered_rows_show_the_omission_reason_or_not_yet_implemented() -> None:
    polish = Operation("POST", "zones/{name}/", "polish")
    report = small_report([], {polish: "nobody polishes zones"})
    reasons = {str(row.operation): report.reason(row) for row in report.uncovered}
    assert reasons == {
        "GET zones/": NOT_YET_IMPLEMENTED,
        "GET zones/{name}/": NOT_YET_IMPLEMENTED,
        "DELETE zones/{name}/": NOT_YET_IMPLEMENTED,
        "POST zones/{name}/?op=polish": "nobody polishes zones",
    }
    assert report.stale_omissions() == []


def test_an_omission_for_a_covered_or_unknown_operation_is_stale() -> None:
    covered = Operation("GET", "zones/")
    unknown = Operation("GET", "zonez/")
    excluded = Operation("GET", "agents/{id}/")
    report = small_report(
        [("sdk.Zones.list", covered)], {covered: "x", unknown: "y", excluded: "z"}
    )
    assert report.stale_omissions() == [Operation("GET", "agents/{}/"), covered, unknown]


def test_rendered_page_has_summary_tables_methods_and_reasons() -> None:
    report = small_report(
        [
            ("sdk.Zones.get", Operation("GET", "zones/{name}/")),
            ("sdk.Zone.get", Operation("GET", "zones/{name}/")),
            ("sdk.Zones.in_progress", Operation("GET", "zones/", "is_action_in_progress")),
        ],
        {Operation("POST", "zones/{name}/", "polish"): "nobody polishes zones"},
    )
    page = report.render()
    assert page.startswith("# API coverage\n")
    assert "**1 of 4 public operations covered (25.0%).**" in page
    assert "- 1 marked *internal*:" in page
    assert "- 1 marked *anonymous-only*:" in page
    assert "- 0 marked *hidden*:" in page
    assert "### ZoneHandler\n" in page
    assert "`zones/{name}/`: 1 of 3 covered." in page
    assert "| GET | `zones/{name}/` |  | `sdk.Zone.get`<br>`sdk.Zones.get` |  |  |" in page
    assert "| POST | `zones/{name}/` | `polish` | — | nobody polishes zones | deprecated |" in page
    assert f"| DELETE | `zones/{{name}}/` |  | — | {NOT_YET_IMPLEMENTED} |  |" in page
    assert (
        "| ZonesHandler | `GET zones/?op=is_action_in_progress` | *anonymous-only* "
        "| `sdk.Zones.in_progress` |" in page
    )
    assert "AgentHandler" not in page.split("## By resource handler")[1]


def test_default_omissions_are_keyed_by_reference_spelling() -> None:
    reference = {row.operation for row in read_operations(VENDORED)}
    assert set(OMISSIONS) <= reference
