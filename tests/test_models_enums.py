"""The lenient enums: known members, pseudo-members for unknown values, labels, keywords."""

from __future__ import annotations

import pickle
import threading

import pytest

from maas_sdk.enums import (
    InterfaceType,
    NodeStatus,
    PowerState,
    ScriptStatus,
    SimpleStatus,
)


def test_node_status_has_maas_numbers_labels_and_keywords() -> None:
    assert NodeStatus(13) is NodeStatus.FAILED_RELEASING
    assert NodeStatus.FAILED_RELEASING.label == "Releasing failed"
    assert NodeStatus.FAILED_RELEASING.keyword == "failed_releasing"
    assert NodeStatus.DEPLOYED.label == "Deployed"
    assert NodeStatus.from_keyword("Rescue_Mode ") is NodeStatus.RESCUE_MODE
    assert len(NodeStatus) == 23


def test_transitional_and_failed_statuses_follow_the_lifecycle() -> None:
    transitional = {s for s in NodeStatus if s.is_transitional}
    failed = {s for s in NodeStatus if s.is_failed}

    assert transitional == {
        NodeStatus.COMMISSIONING,
        NodeStatus.DEPLOYING,
        NodeStatus.RELEASING,
        NodeStatus.DISK_ERASING,
        NodeStatus.ENTERING_RESCUE_MODE,
        NodeStatus.EXITING_RESCUE_MODE,
        NodeStatus.TESTING,
    }
    assert {s.value for s in failed} == {2, 11, 13, 15, 18, 20, 22}


def test_an_unknown_keyword_is_refused() -> None:
    with pytest.raises(ValueError, match="not a node status keyword"):
        NodeStatus.from_keyword("sleeping")


def test_unknown_values_become_cached_pseudo_members() -> None:
    status = NodeStatus(99)

    assert status is NodeStatus(99)
    assert status == 99
    assert status.name == "UNKNOWN_99"
    assert status.label == "Unknown status 99"
    assert not status.is_known
    assert NodeStatus.READY.is_known
    assert ScriptStatus(-7).name == "UNKNOWN_MINUS_7"
    assert PowerState("hibernating") is PowerState("hibernating")
    assert PowerState("hibernating") == "hibernating"
    assert not PowerState("hibernating").is_known
    assert PowerState("on").is_known


def test_values_of_the_wrong_type_are_still_refused() -> None:
    with pytest.raises(ValueError, match="is not a valid"):
        NodeStatus("4")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not a valid"):
        PowerState(1)  # type: ignore[arg-type]


def test_pseudo_members_survive_a_pickle() -> None:
    for member in (NodeStatus(77), InterfaceType("tunnel"), NodeStatus.READY):
        assert pickle.loads(pickle.dumps(member)) is member


def test_concurrent_lookups_of_a_new_value_give_one_member() -> None:
    seen: list[PowerState] = []

    def look_up() -> None:
        seen.append(PowerState("brand-new-state"))

    threads = [threading.Thread(target=look_up) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(member is seen[0] for member in seen)


def test_simple_statuses_expand_to_node_statuses() -> None:
    assert SimpleStatus.FAILED.statuses == {s for s in NodeStatus if s.is_failed}
    assert SimpleStatus.RELEASING.statuses == {NodeStatus.RELEASING, NodeStatus.DISK_ERASING}
    assert SimpleStatus.OTHER.statuses == {
        NodeStatus.MISSING,
        NodeStatus.RESERVED,
        NodeStatus.RETIRED,
    }
    assert SimpleStatus("sleepy").statuses == frozenset()
    covered = set().union(*(simple.statuses for simple in SimpleStatus))
    assert covered == set(NodeStatus)
