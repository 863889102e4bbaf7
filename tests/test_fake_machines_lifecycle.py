"""Fake MAAS machine lifecycle on the virtual clock (LIFECYCLE.md, its observed timings)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import Api, T, answer, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import timings

IPMI = {
    "architecture": "amd64/generic",
    "power_type": "ipmi",
    "power_parameters_power_address": "10.9.0.1",
    "power_parameters_power_user": "maas",
    "power_parameters_power_pass": "secret",
}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=11, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


class Machines:
    """Helpers for one fake: create machines and read their status."""

    def __init__(self, fake: FakeMAAS, api: Api) -> None:
        self.fake = fake
        self.api = api
        self.macs = 0

    def create(self, **fields: str) -> str:
        self.macs += 1
        data = {**IPMI, "mac_addresses": f"52:54:00:10:00:{self.macs:02x}", **fields}
        response = self.api.post("machines/", data=data)
        assert response.status_code == 200, response.text
        system_id: str = response.json()["system_id"]
        return system_id

    def ready(self, **fields: str) -> str:
        system_id = self.create(**fields)
        self.fake.advance(10)
        assert self.status(system_id) == "Ready"
        return system_id

    def get(self, system_id: str) -> dict[str, Any]:
        body: dict[str, Any] = self.api.get(f"machines/{system_id}/").json()
        return body

    def status(self, system_id: str) -> str:
        return str(self.get(system_id)["status_name"])

    def op(self, system_id: str, name: str, **data: Any) -> Any:
        return self.api.post(f"machines/{system_id}/", params={"op": name}, data=data)


@pytest.fixture
def machines(fake: FakeMAAS, api: Api) -> Machines:
    return Machines(fake, api)


def test_commissioning_goes_through_testing_to_ready(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.create()
    machine = machines.get(system_id)
    assert (machine["status_name"], machine["owner"]) == ("Commissioning", "admin")
    fake.advance(8.9)
    assert machines.status(system_id) == "Commissioning"
    fake.advance(0.2)
    assert machines.status(system_id) == "Testing"
    fake.advance(1)
    machine = machines.get(system_id)
    assert machine["status_name"] == "Ready"
    assert machine["owner"] is None
    assert machine["commissioning_status_name"] == "Passed"
    assert machine["testing_status_name"] == "Passed"
    assert machine["cpu_count"] > 0
    assert machine["memory"] > 0
    assert machine["storage"] > 0
    assert machine["power_state"] == "off"
    assert machine["status_message"] == "Ready"
    assert machine["boot_disk"]["partitions"]


def test_commissioning_without_tests_is_ready_at_once(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.create(commission="false")
    assert machines.op(system_id, "commission", testing_scripts="none").status_code == 200
    fake.advance(9.1)
    assert machines.status(system_id) == "Ready"


def test_abort_commissioning_answers_the_old_status_then_is_new(machines: Machines) -> None:
    system_id = machines.create()
    response = machines.op(system_id, "abort")
    assert response.json()["status_name"] == "Commissioning"
    machine = machines.get(system_id)
    assert (machine["status_name"], machine["owner"]) == ("New", None)
    assert machine["commissioning_status_name"] == "Aborted"


def test_test_on_ready_returns_to_ready(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    assert machines.op(system_id, "test").json()["status_name"] == "Testing"
    fake.advance(4)
    assert machines.status(system_id) == "Ready"


def test_allocate_then_deploy(fake: FakeMAAS, api: Api, machines: Machines) -> None:
    system_id = machines.ready()
    allocated = api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    assert (allocated.json()["status_name"], allocated.json()["owner"]) == ("Allocated", "admin")
    deploying = machines.op(
        system_id, "deploy", distro_series="jammy", user_data="I2Nsb3VkLWNvbmZpZw=="
    )
    body = deploying.json()
    assert body["status_name"] == "Deploying"
    assert (body["osystem"], body["distro_series"], body["hwe_kernel"]) == (
        "ubuntu",
        "jammy",
        "ga-22.04",
    )
    assert body["power_state"] == "on"
    fake.advance(5.9)
    assert machines.status(system_id) == "Deploying"
    fake.advance(0.2)
    machine = machines.get(system_id)
    assert (machine["status_name"], machine["owner"]) == ("Deployed", "admin")
    assert machine["status_message"] == "Deployed"
    curtin = api.get(f"machines/{system_id}/", params={"op": "get_curtin_config"})
    assert curtin.status_code == 200
    assert curtin.headers["Content-Type"].startswith("text/plain")
    assert "storage:" in curtin.text


def test_deploy_on_ready_allocates_to_the_caller(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    bob = fake.add_user("bob")
    response = machines.api.post(
        f"machines/{system_id}/", params={"op": "deploy"}, auth=machines.api.as_user(bob)
    )
    assert (response.json()["status_name"], response.json()["owner"]) == ("Deploying", "bob")
    events = machines.api.get(
        "events/", params={"op": "query", "id": system_id, "level": "DEBUG"}
    ).json()["events"]
    descriptions = [e["description"] for e in events]
    assert "From 'Ready' to 'Allocated' (to bob)" in descriptions
    assert "From 'Allocated' to 'Deploying'" in descriptions


def test_abort_deployment_returns_to_allocated(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    machines.op(system_id, "abort")
    assert machines.status(system_id) == "Allocated"
    fake.advance(60)
    assert machines.status(system_id) == "Allocated"


def test_invalid_deploy_options(machines: Machines) -> None:
    system_id = machines.ready()
    response = machines.op(system_id, "deploy", distro_series="foo")
    assert response.json() == {
        "distro_series": [
            "'foo' is not a valid distro_series.  It should be one of: '', 'ubuntu/bionic', "
            "'ubuntu/focal', 'ubuntu/jammy', 'ubuntu/noble'."
        ]
    }
    assert answer(machines.op(system_id, "deploy", install_kvm="maybe")) == (
        400,
        T,
        "Invalid install_kvm: Value should be 'true' or 'false'",
    )
    assert answer(machines.op(system_id, "deploy", install_rackd="true")) == (
        400,
        T,
        "Deploying a machine as a rackd has been disabled and it's not supported anymore.",
    )
    assert answer(
        machines.op(system_id, "deploy", install_kvm="true", ephemeral_deploy="true")
    ) == (400, T, "A machine can not be a VM host if it is deployed to memory.")
    assert machines.status(system_id) == "Ready"


def test_release_with_queryable_power_goes_through_releasing(
    fake: FakeMAAS, machines: Machines
) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    fake.advance(6)
    released = machines.op(system_id, "release", comment="done").json()
    assert released["status_name"] == "Releasing"
    fake.advance(0.5)
    machine = machines.get(system_id)
    assert (machine["status_name"], machine["owner"], machine["osystem"]) == ("Ready", None, "")
    assert machine["power_state"] == "off"
    assert machine["status_message"] == "Released"


def test_release_of_manual_power_is_ready_inside_the_request(
    fake: FakeMAAS, machines: Machines
) -> None:
    system_id = machines.ready(power_type="manual")
    machines.op(system_id, "deploy")
    fake.advance(6)
    assert machines.op(system_id, "release").json()["status_name"] == "Ready"


def test_release_with_erase_goes_through_disk_erasing(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    assert machines.op(system_id, "release", erase="true").json()["status_name"] == "Disk erasing"
    fake.advance(5)
    assert machines.status(system_id) == "Ready"


def test_abort_disk_erasing_fails_it(machines: Machines) -> None:
    system_id = machines.ready()
    machines.api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    machines.op(system_id, "release", quick_erase="true")
    machines.op(system_id, "abort")
    assert machines.status(system_id) == "Failed disk erasing"


def test_release_of_a_deploying_machine_cancels_the_deployment(
    fake: FakeMAAS, machines: Machines
) -> None:
    system_id = machines.ready(power_type="manual")
    machines.op(system_id, "deploy")
    assert machines.op(system_id, "release").json()["status_name"] == "Ready"
    fake.advance(60)
    assert machines.status(system_id) == "Ready"


def test_rescue_mode_round_trips(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    fake.advance(6)
    assert machines.op(system_id, "rescue_mode").json()["status_name"] == "Entering rescue mode"
    fake.advance(3.5)
    assert machines.status(system_id) == "Rescue mode"
    assert answer(machines.op(system_id, "deploy"))[0] == 409
    exited = machines.op(system_id, "exit_rescue_mode").json()
    assert (exited["status_name"], exited["owner"]) == ("Deployed", "admin")


def test_rescue_mode_from_ready_returns_to_ready(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "rescue_mode")
    fake.advance(4)
    assert machines.op(system_id, "exit_rescue_mode").json()["status_name"] == "Ready"


def test_rescue_mode_from_commissioning_is_an_invalid_transition(machines: Machines) -> None:
    system_id = machines.create()
    assert answer(machines.op(system_id, "rescue_mode")) == (
        409,
        T,
        "Invalid transition: Commissioning -> Entering rescue mode.",
    )


def test_mark_broken_and_fixed_on_a_deployed_machine(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    fake.advance(6)
    broken = machines.op(system_id, "mark_broken", comment="fan").json()
    assert (broken["status_name"], broken["owner"]) == ("Broken", None)
    fixed = machines.op(system_id, "mark_fixed").json()
    assert (fixed["status_name"], fixed["owner"]) == ("Deployed", None)


def test_mark_broken_of_an_allocated_machine_then_fixed_is_ready(machines: Machines) -> None:
    system_id = machines.ready()
    machines.api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    assert machines.op(system_id, "mark_broken").json()["status_name"] == "Broken"
    assert machines.op(system_id, "mark_fixed").json()["status_name"] == "Ready"
    assert answer(machines.op(system_id, "mark_broken")) == (403, T, "")


def test_commission_from_broken(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    machines.op(system_id, "mark_broken")
    assert machines.op(system_id, "commission").json()["status_name"] == "Commissioning"
    fake.advance(10)
    assert machines.status(system_id) == "Ready"


def test_scripted_failures(fake: FakeMAAS, machines: Machines) -> None:
    failing = machines.create(commission="false")
    fake.script_failure(failing, "commission")
    machines.op(failing, "commission")
    fake.advance(9)
    assert machines.status(failing) == "Failed commissioning"

    tested = machines.create(commission="false")
    fake.script_failure(tested, "test")
    machines.op(tested, "commission")
    fake.advance(10)
    machine = machines.get(tested)
    assert machine["status_name"] == "Failed testing"
    assert machine["testing_status_name"] == "Failed"
    assert machines.op(tested, "override_failed_testing").json()["status_name"] == "Ready"

    fake.script_failure(tested, "deploy")
    machines.op(tested, "deploy")
    fake.advance(4)
    assert machines.status(tested) == "Failed deployment"
    assert answer(machines.op(tested, "deploy")) == (
        409,
        T,
        "Can't deploy a machine that is in the 'Failed deployment' state",
    )
    machines.op(tested, "release")
    fake.advance(1)
    assert machines.status(tested) == "Ready"
    machines.op(tested, "deploy")
    fake.advance(6)
    assert machines.status(tested) == "Deployed"


def test_a_hanging_deployment_times_out_after_twice_node_timeout(
    fake: FakeMAAS, machines: Machines
) -> None:
    system_id = machines.ready()
    fake.script_failure(system_id, "deploy", mode="hang")
    machines.op(system_id, "deploy")
    fake.advance(3599)
    assert machines.status(system_id) == "Deploying"
    fake.advance(1)
    assert machines.status(system_id) == "Failed deployment"


def test_power_ops_on_a_queryable_machine(fake: FakeMAAS, api: Api, machines: Machines) -> None:
    system_id = machines.ready()
    url = f"machines/{system_id}/"
    assert api.get(url, params={"op": "query_power_state"}).json() == {"state": "off"}
    assert answer(machines.op(system_id, "power_on")) == (
        409,
        T,
        "Can't start node: it hasn't been allocated.",
    )
    api.post("machines/", params={"op": "allocate"}, data={"system_id": system_id})
    assert machines.op(system_id, "power_on").json()["status_name"] == "Deploying"
    fake.advance(6)
    assert api.get(url, params={"op": "query_power_state"}).json() == {"state": "on"}
    assert machines.op(system_id, "power_off", stop_mode="soft").json()["power_state"] == "off"
    assert machines.status(system_id) == "Deployed"
    fake.script_failure(system_id, "power")
    assert answer(api.get(url, params={"op": "query_power_state"}))[0] == 503


def test_locking_a_deploying_machine(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    assert machines.op(system_id, "lock").json()["locked"] is True
    fake.advance(6)
    assert machines.get(system_id)["locked"] is True
    assert answer(machines.op(system_id, "release")) == (403, T, "")


def test_the_transitions_drive_a_waiting_clients_clock(fake: FakeMAAS, machines: Machines) -> None:
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    seen = []
    while (status := machines.status(system_id)) == "Deploying":
        seen.append(status)
        fake.clock.sleep(1)
    assert status == "Deployed"
    assert len(seen) == 6


def test_timings_are_tunable(fake: FakeMAAS, machines: Machines) -> None:
    timings(fake).deploying = 600
    system_id = machines.ready()
    machines.op(system_id, "deploy")
    fake.advance(599)
    assert machines.status(system_id) == "Deploying"
    fake.advance(1)
    assert machines.status(system_id) == "Deployed"


def test_accept_starts_commissioning(fake: FakeMAAS, api: Api, machines: Machines) -> None:
    first = machines.create(commission="false")
    second = machines.create(commission="false")
    accepted = api.post("machines/", params={"op": "accept"}, data={"machines": [first]})
    assert [m["status_name"] for m in accepted.json()] == ["Commissioning"]
    everything = api.post("machines/", params={"op": "accept_all"}).json()
    assert [m["system_id"] for m in everything] == [second]
    fake.advance(10)
    assert {machines.status(first), machines.status(second)} == {"Ready"}
