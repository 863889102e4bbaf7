"""Fake MAAS ``op=allocate`` constraints and the other collection ops (REFERENCE.md §7.3, §22.5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import Api, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import machines_of, set_rack_connected

NEW = {"architecture": "amd64/generic", "power_type": "manual", "commission": "false"}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=13, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def allocate(api: Api, **data: Any) -> Any:
    return api.post("machines/", params={"op": "allocate"}, data=data)


def new_machine(api: Api, mac: str, **fields: str) -> str:
    response = api.post("machines/", data={**NEW, "mac_addresses": mac, **fields})
    assert response.status_code == 200, response.text
    system_id: str = response.json()["system_id"]
    return system_id


# -- 409s and 400s with nothing Ready (§22.5) --------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"agent_name": "x"}, {"comment": "c"}, {"verbose": "true"}, {"dry_run": "1"}],
)
def test_no_constraint_means_no_machine_available(api: Api, data: dict[str, str]) -> None:
    assert answer(allocate(api, **data)) == (409, T, "No machine available.")


def test_constraints_in_the_query_string_are_ignored(api: Api) -> None:
    response = api.post("machines/", params={"op": "allocate", "cpu_count": "1"})
    assert answer(response) == (409, T, "No machine available.")


def test_literal_409_messages(api: Api) -> None:
    assert answer(allocate(api, system_id="abc123")) == (
        409,
        T,
        "No machine with system ID abc123 available.",
    )
    api.post("tags/", data={"name": "ssd"})
    api.post("tags/", data={"name": "gpu"})
    response = allocate(api, tags=["ssd", "gpu"], cpu_count="2", mem="1024", zone="default")
    assert answer(response) == (
        409,
        T,
        "No available machine matches constraints: [('tags', ['ssd', 'gpu']), ('cpu_count', "
        "['2']), ('mem', ['1024']), ('zone', ['default'])] (resolved to \"cpu_count=2.0 "
        'mem=1024.0 tags=gpu,ssd zone=default")',
    )
    assert answer(allocate(api, dry_run="true", cpu_count="1"))[2] == (
        "No available machine matches constraints: [('dry_run', ['true']), ('cpu_count', "
        "['1'])] (resolved to \"cpu_count=1.0\")"
    )
    assert answer(allocate(api, not_tags="nosuchtag"))[2] == (
        "No available machine matches constraints: [('not_tags', ['nosuchtag'])] (resolved to "
        '"not_tags=nosuchtag")'
    )
    assert answer(allocate(api, owner="admin"))[2] == (
        "No available machine matches constraints: [('owner', ['admin'])] (resolved to "
        '"owner=admin")'
    )


def test_op_in_the_body(api: Api) -> None:
    response = api.post("machines/", data={"op": "allocate", "name": "h"})
    assert answer(response) == (
        409,
        T,
        "No available machine matches constraints: [('name', ['h'])] (resolved to \"name=h\")",
    )


@pytest.mark.parametrize(
    "value", ["true", "True", "TRUE", "1", "on", "yes", "y", "t", "false", "0", "off", "n", ""]
)
def test_dry_run_string_bools(api: Api, value: str) -> None:
    assert answer(allocate(api, dry_run=value)) == (409, T, "No machine available.")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"dry_run": "maybe"}, "Invalid dry_run: Value should be 'true' or 'false'"),
        ({"foo": "bar"}, {"foo": ["No such constraint."]}),
        ({"status": "ready"}, {"status": ["No such constraint."]}),
        ({"tags": "nosuchtag"}, {"tags": ["No such tag(s): 'nosuchtag'."]}),
        ({"zone": "nosuchzone"}, {"zone": ["No such zone(s): nosuchzone."]}),
        ({"pool": "nosuchpool"}, {"pool": ["No such pool(s): nosuchpool."]}),
        ({"cpu_count": "abc"}, {"cpu_count": ["Invalid CPU count: number required."]}),
        ({"mem": "lots"}, {"mem": ["Invalid memory: number of MiB required."]}),
        ({"arch": "sparc"}, {"arch": ["Architecture not recognised."]}),
        ({"storage": "abc:def:ghi"}, {"storage": ['Malformed storage constraint, "abc:def:ghi".']}),
    ],
)
def test_bad_constraints(api: Api, data: dict[str, str], expected: Any) -> None:
    response = allocate(api, **data)
    assert response.status_code == 400
    if isinstance(expected, str):
        assert answer(response) == (400, T, expected)
    else:
        assert response.headers["Content-Type"] == J
        assert response.json() == expected


def test_json_body_is_a_500(api: Api) -> None:
    response = api.post("machines/", params={"op": "allocate"}, json={"name": "x"})
    assert answer(response) == (500, T, "'dict' object has no attribute 'lists'")


# -- picking machines ----------------------------------------------------------------------------


@pytest.fixture
def ready(fake: FakeMAAS, api: Api) -> dict[str, str]:
    """Three Ready machines: small (2 CPU), big (16 CPU, gpu tag, zone z2), medium (4 CPU)."""
    api.post("zones/", data={"name": "z2"})
    api.post("tags/", data={"name": "gpu"})
    ids = {
        "small": new_machine(api, "52:54:00:20:00:01", hostname="small"),
        "big": new_machine(api, "52:54:00:20:00:02", hostname="big"),
        "medium": new_machine(api, "52:54:00:20:00:03", hostname="medium"),
    }
    sizes = {"small": (2, 4096), "big": (16, 65536), "medium": (4, 8192)}
    for name, system_id in ids.items():
        cpus, memory = sizes[name]
        api.put(f"machines/{system_id}/", data={"cpu_count": str(cpus), "memory": str(memory)})
    api.put(f"machines/{ids['big']}/", data={"zone": "z2"})
    api.post("tags/gpu/", params={"op": "update_nodes"}, data={"add": ids["big"]})
    table = machines_of(fake)
    with fake.store.lock:
        for system_id in ids.values():
            machine = table.machines[system_id]
            machine.status = type(machine.status).READY
            machine.commissioned = True
            machine.touch()
    return ids


def test_cheapest_matching_machine_wins(api: Api, ready: dict[str, str]) -> None:
    chosen = allocate(api, agent_name="juju", comment="for juju").json()
    assert chosen["system_id"] == ready["small"]
    assert (chosen["status_name"], chosen["owner"]) == ("Allocated", "admin")
    assert chosen["constraints_by_type"] == {}
    assert "constraints_by_type" not in api.get(f"machines/{ready['small']}/").json()
    assert allocate(api, cpu_count="3").json()["system_id"] == ready["medium"]
    assert allocate(api, tags="gpu").json()["system_id"] == ready["big"]
    assert answer(allocate(api, tags="gpu"))[0] == 409


def test_constraint_kinds(api: Api, ready: dict[str, str]) -> None:
    def pick(**data: Any) -> str | None:
        response = allocate(api, dry_run="true", **data)
        return None if response.status_code == 409 else str(response.json()["hostname"])

    assert pick(mem="5000") == "medium"
    assert pick(zone="z2") == "big"
    assert pick(not_in_zone="default") == "big"
    assert pick(not_tags="gpu", cpu_count="3") == "medium"
    assert pick(name="big") == "big"
    assert pick(name="big.maas") == "big"
    assert pick(name="big.other") is None
    assert pick(arch="amd64") == "small"
    assert pick(arch="amd64/generic", pool="default") == "small"
    assert pick(not_in_pool="default") is None
    assert pick(system_id=ready["big"]) == "big"
    assert pick(power_state="unknown") == "small"
    assert pick(pod="x") is None
    assert pick(fabrics="fabric-0") is None


def test_dry_run_does_not_allocate(api: Api, ready: dict[str, str]) -> None:
    chosen = allocate(api, dry_run="true").json()
    assert chosen["status_name"] == "Ready"
    assert api.get(f"machines/{chosen['system_id']}/").json()["status_name"] == "Ready"


def test_storage_and_interface_constraints(api: Api, ready: dict[str, str]) -> None:
    big = ready["big"]
    device = api.post(
        f"nodes/{big}/blockdevices/",
        data={
            "name": "sda",
            "size": "500000000000",
            "block_size": "512",
            "model": "m",
            "serial": "s",
        },
    ).json()
    chosen = allocate(api, storage="root:100", interfaces="eth:name=eth0")
    body = chosen.json()
    assert body["system_id"] == big
    assert body["constraints_by_type"] == {
        "storage": {"root": [device["id"]]},
        "interfaces": {"eth": [body["interface_set"][0]["id"]]},
    }


# -- collection ops ---------------------------------------------------------------------------


def test_bulk_release(api: Api, ready: dict[str, str]) -> None:
    allocate(api, system_id=ready["small"])
    response = api.post(
        "machines/",
        params={"op": "release"},
        data={"machines": [ready["small"], ready["medium"]]},
    )
    assert response.json() == [ready["small"]]
    assert answer(api.post("machines/", params={"op": "release"})) == (200, J, "[]")
    assert answer(api.post("machines/", params={"op": "release"}, data={"machines": "nosuch"})) == (
        400,
        T,
        "Unknown machine(s): nosuch.",
    )


def test_bulk_release_refuses_new_machines(api: Api) -> None:
    first = new_machine(api, "52:54:00:30:00:01")
    second = new_machine(api, "52:54:00:30:00:02")
    a, b = sorted([first, second])
    response = api.post(
        "machines/", params={"op": "release"}, data={"op": "allocate", "machines": [first, second]}
    )
    assert answer(response) == (
        409,
        T,
        f"Machine(s) cannot be released in their current state: {a} ('New'), {b} ('New').",
    )


def test_accept_answers(fake: FakeMAAS, api: Api) -> None:
    system_id = new_machine(api, "52:54:00:30:00:01")
    assert answer(api.post("machines/", params={"op": "accept"})) == (200, J, "[]")
    assert answer(api.post("machines/", params={"op": "accept"}, data={"machines": "nosuch"})) == (
        400,
        T,
        "Unknown machine(s): nosuch.",
    )
    bob = api.as_user(fake.add_user("bob"))
    response = api.post(
        "machines/", params={"op": "accept"}, data={"machines": system_id}, auth=bob
    )
    assert answer(response) == (
        403,
        T,
        f"You don't have the required permission to accept the following machine(s): {system_id}.",
    )
    assert answer(api.post("machines/", params={"op": "accept"}, auth=None)) == (
        401,
        T,
        "You must be logged in to accept machines.",
    )
    assert answer(api.post("machines/", params={"op": "accept_all"}, auth=bob)) == (200, J, "[]")
    set_rack_connected(fake, False)
    assert answer(api.post("machines/", params={"op": "accept_all"})) == (
        400,
        T,
        "Ephemeral operating system ubuntu focal is unavailable.",
    )
    assert api.get(f"machines/{system_id}/").json()["status_name"] == "New"


def test_set_zone(fake: FakeMAAS, api: Api) -> None:
    first = new_machine(api, "52:54:00:30:00:01")
    second = new_machine(api, "52:54:00:30:00:02")
    api.post("zones/", data={"name": "z2"})
    response = api.post(
        "machines/", params={"op": "set_zone"}, data={"zone": "z2", "nodes": [first, second]}
    )
    assert answer(response) == (200, J, "null")
    assert api.get(f"machines/{second}/").json()["zone"]["name"] == "z2"
    bad_zone = api.post(
        "machines/", params={"op": "set_zone"}, data={"zone": "nosuch", "nodes": first}
    )
    assert bad_zone.json() == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."]
    }
    bob = api.as_user(fake.add_user("bob"))
    for data, auth in (
        ({"zone": "z2", "nodes": "nosuch"}, None),
        ({"zone": "z2", "nodes": first}, bob),
    ):
        response = api.post(
            "machines/", params={"op": "set_zone"}, data=data, auth=auth or api.auth
        )
        assert response.json() == {
            "system_id": ["Some of the given system ids are invalid system ids."]
        }


def test_power_parameters_and_list_allocated(fake: FakeMAAS, api: Api) -> None:
    first = new_machine(api, "52:54:00:30:00:01")
    second = new_machine(api, "52:54:00:30:00:02")
    response = api.get("machines/", params={"op": "power_parameters", "id": [first, second]})
    assert answer(response) == (200, J, f'{{\n    "{first}": {{}},\n    "{second}": {{}}\n}}')
    bob = api.as_user(fake.add_user("bob"))
    assert answer(api.get("machines/", params={"op": "power_parameters"}, auth=bob)) == (
        403,
        T,
        "This method is reserved for admin users.",
    )
    assert answer(api.get("machines/", params={"op": "list_allocated"})) == (200, J, "[]")
    assert api.get("machines/", params={"op": "list_allocated", "id": first}).json() == []


def test_is_registered_and_is_action_in_progress(api: Api) -> None:
    new_machine(api, "52:54:00:30:00:01")
    mac = {"mac_address": "52:54:00:30:00:01"}
    response = api.get("machines/", params={"op": "is_registered", **mac})
    assert answer(response) == (200, J, "true")
    assert hashed(response)
    assert api.get("machines/", params={"op": "is_registered", **mac}, auth=None).text == "false"
    assert answer(api.get("machines/", params={"op": "is_registered"})) == (
        400,
        T,
        "No provided mac_address!",
    )
    assert api.get("machines/", params={"op": "is_registered", "mac_address": "zz"}).text == "false"
    anonymous = api.get("machines/", params={"op": "is_action_in_progress", **mac}, auth=None)
    assert answer(anonymous) == (200, J, "false")
    assert answer(api.get("machines/", params={"op": "is_action_in_progress", **mac})) == (
        400,
        T,
        "Unrecognised signature: method=GET op=is_action_in_progress",
    )


def test_wrong_methods(api: Api) -> None:
    assert answer(api.get("machines/", params={"op": "allocate"})) == (
        400,
        T,
        "Unrecognised signature: method=GET op=allocate",
    )
    system_id = new_machine(api, "52:54:00:30:00:01")
    response = api.post(f"machines/{system_id}/", params={"op": "query_power_state"})
    assert answer(response) == (400, T, "Unrecognised signature: method=POST op=query_power_state")
    assert answer(api.get("machines/op-list_allocated")) == (200, J, "[]")
    assert api.post(f"machines/{system_id}/op-lock").text == (
        "Can't lock, node is not deployed or deploying"
    )
    assert api.get(f"machines/{system_id}/op-power_parameters").text == "{}"


def test_clone_copies_storage_and_interfaces(fake: FakeMAAS, api: Api) -> None:
    source = new_machine(api, "52:54:00:50:00:01", commission="true")
    target = new_machine(api, "52:54:00:50:00:02", commission="true")
    fake.advance(10)
    api.post(
        f"machines/{source}/", params={"op": "set_storage_layout"}, data={"storage_layout": "blank"}
    )
    response = api.post(
        "machines/",
        params={"op": "clone"},
        data={"source": source, "destinations": target, "storage": "true", "interfaces": "true"},
    )
    assert (response.status_code, response.text) == (204, "")
    cloned = api.get(f"machines/{target}/").json()
    assert cloned["boot_disk"]["partitions"] == []
    assert cloned["virtualblockdevice_set"] == []
    missing = api.post("machines/", params={"op": "clone"})
    assert missing.json() == {
        "source": ["This field is required."],
        "destinations": ["This field is required."],
        "__all__": ["Either interfaces or storage must be True."],
    }


def test_add_chassis(fake: FakeMAAS, api: Api) -> None:
    def add(**data: str) -> Any:
        return api.post("machines/", params={"op": "add_chassis"}, data=data)

    assert answer(add(chassis_type="virsh", hostname="qemu+ssh://h/system")) == (
        200,
        "text/plain",
        "Asking fake-rack to add machines from chassis qemu+ssh://h/system",
    )
    assert answer(add(hostname="h")) == (400, T, "No provided chassis_type!")
    assert answer(add(chassis_type="ucsm", hostname="h")) == (400, T, "No provided username!")
    bob = api.as_user(fake.add_user("bob"))
    response = api.post(
        "machines/", params={"op": "add_chassis"}, data={"chassis_type": "virsh"}, auth=bob
    )
    assert answer(response) == (403, T, "This method is reserved for admin users.")
