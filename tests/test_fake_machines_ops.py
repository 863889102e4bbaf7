"""Fake MAAS machine instance ops: the literal answers of REFERENCE.md §22.6 and §22.7.

The §22 region had no rack controller; ``set_rack_connected(fake, False)`` plays that region.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import Api, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import set_rack_connected

NEW_MACHINE = {
    "architecture": "amd64/generic",
    "mac_addresses": "52:54:00:77:01:01",
    "power_type": "manual",
    "commission": "false",
}


@pytest.fixture
def fake() -> FakeMAAS:
    fake = FakeMAAS(seed=3, strict=True)
    set_rack_connected(fake, False)
    return fake


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def create(api: Api, **fields: str) -> dict[str, Any]:
    response = api.post("machines/", data={**NEW_MACHINE, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def op(api: Api, machine: dict[str, Any], name: str, **kwargs: Any) -> Any:
    method = api.get if name in GET_OPS else api.post
    return method(f"machines/{machine['system_id']}/", params={"op": name}, **kwargs)


GET_OPS = {"query_power_state", "get_curtin_config", "details", "power_parameters", "get_token"}


def test_new_machine_ops_answer_like_a_343_region(api: Api) -> None:
    machine = create(api, hostname="node1")
    sid = machine["system_id"]
    expected = {
        "lock": (409, T, "Can't lock, node is not deployed or deploying"),
        "unlock": (409, T, "Machine is not locked"),
        "mark_broken": (403, T, ""),
        "mark_fixed": (409, T, "Can't mark a non-broken node as 'Ready'."),
        "commission": (400, T, "Ephemeral operating system ubuntu focal is unavailable."),
        "abort": (409, T, f"Cannot abort in current state: node {sid} is in state New."),
        "release": (409, T, "Machine cannot be released in its current state ('New')."),
        "deploy": (409, T, "Can't deploy a machine that is in the 'New' state"),
        "power_on": (409, T, "Can't start node: it hasn't been allocated."),
        "power_off": (200, J, "null"),
        "rescue_mode": (503, T, "No rack controllers can access the BMC of node node1"),
        "exit_rescue_mode": (409, T, "Invalid transition: New -> Exiting rescue mode."),
        "test": (
            400,
            T,
            "Unable to start machine testing; this node has never been commissioned. Please "
            "use the 'Commission' action to commission & test this machine.",
        ),
        "override_failed_testing": (
            409,
            T,
            "Unable to override node status. Node is not in 'Failed testing' status.",
        ),
        "set_storage_layout": (
            409,
            T,
            "Cannot change the storage layout on a machine that is not Ready.",
        ),
        "mount_special": (
            409,
            T,
            "Cannot mount the filesystem because the machine is not Ready or Allocated.",
        ),
        "unmount_special": (
            409,
            T,
            "Cannot unmount the filesystem because the machine is not Ready or Allocated.",
        ),
        "restore_networking_configuration": (
            409,
            T,
            "Machine must be in a ready or failed testing state to restore networking "
            "configuration",
        ),
        "restore_storage_configuration": (
            409,
            T,
            "Machine must be in a ready or failed testing state to restore storage configuration.",
        ),
        "restore_default_configuration": (
            409,
            T,
            "Machine must be in a ready or failed testing state to restore default networking "
            "and storage configuration.",
        ),
        "set_workload_annotations": (
            409,
            T,
            "Cannot set workload annotation: it hasn't been acquired.",
        ),
        "query_power_state": (503, T, "No rack controllers can access the BMC of node node1"),
        "get_curtin_config": (400, T, "Machine node1 is not in a deployment state."),
        "power_parameters": (200, J, "{}"),
        "get_token": (200, J, "null"),
    }
    for name, answer_expected in expected.items():
        body = {"foo": "bar"} if name == "set_workload_annotations" else None
        response = op(api, machine, name, data=body)
        assert answer(response) == answer_expected, name
    cleared = op(api, machine, "clear_default_gateways")
    assert cleared.status_code == 200
    assert cleared.json()["system_id"] == sid
    assert api.get(f"machines/{sid}/").json()["status_name"] == "New"


def test_rescue_mode_without_rack_leaves_events_and_the_status(api: Api) -> None:
    machine = create(api)
    op(api, machine, "rescue_mode")
    assert api.get(f"machines/{machine['system_id']}/").json()["status_name"] == "New"
    events = api.get("events/", params={"op": "query", "level": "DEBUG"}).json()["events"]
    assert {
        "From 'New' to 'Entering rescue mode'",
    } <= {e["description"] for e in events}


def test_details_is_the_17_byte_bson_document(api: Api) -> None:
    machine = create(api)
    response = op(api, machine, "details")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/bson"
    assert hashed(response)
    assert response.content == b"\x11\x00\x00\x00\nlldp\x00\nlshw\x00\x00"
    assert struct.unpack("<i", response.content[:4]) == (17,)


def test_non_admin_reaches_the_state_checks_of_edit_ops(fake: FakeMAAS, api: Api) -> None:
    machine = create(api)
    sid = machine["system_id"]
    auth = api.as_user(fake.add_user("bob"))
    assert answer(op(api, machine, "deploy", auth=auth))[0] == 409
    assert answer(op(api, machine, "release", auth=auth))[0] == 409
    assert answer(op(api, machine, "abort", auth=auth)) == (
        409,
        T,
        f"Cannot abort in current state: node {sid} is in state New.",
    )
    assert answer(op(api, machine, "lock", auth=auth)) == (
        409,
        T,
        "Can't lock, node is not deployed or deploying",
    )
    assert answer(op(api, machine, "power_off", auth=auth)) == (200, J, "null")
    assert answer(op(api, machine, "mark_broken", auth=auth)) == (403, T, "")
    assert answer(op(api, machine, "power_parameters", auth=auth)) == (403, T, "")
    assert answer(op(api, machine, "get_token", auth=auth)) == (403, T, "")
    assert op(api, machine, "details", auth=auth).status_code == 200


def test_deployed_machine_sequence_of_22_7(api: Api) -> None:
    machine = create(api, deployed="true", hostname="dep")
    sid = machine["system_id"]
    url = f"machines/{sid}/"

    annotated = op(api, machine, "set_workload_annotations", data={"foo": "bar", "baz": "1"})
    assert annotated.json()["workload_annotations"] == {"foo": "bar", "baz": "1"}
    cleared = op(api, machine, "set_workload_annotations", data={"baz": ""}).json()
    assert cleared["workload_annotations"] == {"foo": "bar"}
    assert cleared["owner_data"] == {"foo": "bar"}

    assert answer(op(api, machine, "deploy")) == (
        409,
        T,
        "Can't deploy a machine that is in the 'Deployed' state",
    )
    assert answer(op(api, machine, "abort")) == (
        409,
        T,
        f"Cannot abort in current state: node {sid} is in state Deployed.",
    )
    assert answer(op(api, machine, "power_on")) == (
        400,
        T,
        "Ephemeral deployments only supported on Ubuntu Bionic 18.04+",
    )
    assert answer(op(api, machine, "power_off")) == (200, J, "null")
    commission = op(api, machine, "commission")
    assert (commission.status_code, commission.headers["Content-Type"]) == (400, J)
    assert commission.json() == {
        "__all__": ["Commission is not available because of the current state of the node."]
    }
    assert answer(op(api, machine, "test")) == (
        400,
        T,
        "Ephemeral operating system ubuntu focal is unavailable.",
    )
    token = op(api, machine, "get_token").json()
    assert list(token) == ["token_key", "token_secret", "consumer_key"]
    assert [len(v) for v in token.values()] == [18, 32, 18]

    assert op(api, machine, "lock").json()["locked"] is True
    assert answer(op(api, machine, "lock")) == (409, T, "Machine is already locked")
    for response in (
        api.put(url, data={"description": "x"}),
        api.delete(url),
        op(api, machine, "release"),
        op(api, machine, "mark_broken"),
        op(api, machine, "set_workload_annotations", data={"a": "b"}),
        op(api, machine, "power_off"),
        op(api, machine, "clear_default_gateways"),
    ):
        assert answer(response) == (403, T, "")
    assert answer(op(api, machine, "power_parameters")) == (200, J, "{}")
    assert op(api, machine, "unlock").json()["locked"] is False
    assert answer(op(api, machine, "unlock")) == (409, T, "Machine is not locked")

    broken = op(api, machine, "mark_broken", data={"comment": "disk died"}).json()
    assert broken["status_name"] == "Broken"
    assert broken["owner"] is None
    assert broken["workload_annotations"] == {}
    assert broken["status_message"] == "Released"
    assert broken["status_action"] == ""
    assert answer(op(api, machine, "mark_broken")) == (403, T, "")
    assert answer(op(api, machine, "lock")) == (
        409,
        T,
        "Can't lock, node is not deployed or deploying",
    )
    assert answer(op(api, machine, "deploy")) == (
        409,
        T,
        "Can't deploy a machine that is in the 'Broken' state",
    )
    assert answer(op(api, machine, "commission")) == (
        400,
        T,
        "Ephemeral operating system ubuntu focal is unavailable.",
    )
    fixed = op(api, machine, "mark_fixed").json()
    assert (fixed["status_name"], fixed["owner"]) == ("Deployed", None)
    assert answer(op(api, machine, "rescue_mode")) == (
        503,
        T,
        "No rack controllers can access the BMC of node dep",
    )
    released = op(api, machine, "release").json()
    assert (released["status_name"], released["owner"]) == ("New", None)
    assert released["status_message"] == "Released"


def test_release_events_of_a_manual_machine(api: Api) -> None:
    machine = create(api, deployed="true")
    op(api, machine, "release")
    response = api.get(
        "events/", params={"op": "query", "id": machine["system_id"], "level": "DEBUG"}
    )
    events = [(e["type"], e["description"]) for e in reversed(response.json()["events"])]
    assert events[-4:] == [
        ("User releasing node", ""),
        ("Node changed status", "From 'Deployed' to 'Releasing'"),
        ("Node changed status", "From 'Releasing' to 'New'"),
        ("Released", ""),
    ]


def test_owner_of_another_users_machine_gets_empty_403s(fake: FakeMAAS, api: Api) -> None:
    machine = create(api, deployed="true")
    auth = api.as_user(fake.add_user("bob"))
    for name in ("release", "power_off", "lock", "details"):
        assert answer(op(api, machine, name, auth=auth)) == (403, T, ""), name
