"""What MAAS refuses, and how the refusals reach the caller (through the fake MAAS)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import managers

from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    PermissionDeniedError,
    ServiceUnavailableError,
)
from maas_sdk.resources import Machine, Machines
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import script_failure

VIRSH = {"power_address": "qemu+ssh://virsh.example/system", "power_id": "vm-1"}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def machines(client: MAASClient) -> Machines:
    return managers(client)[0]


@pytest.fixture
def new_machine(machines: Machines) -> Machine:
    return machines.create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:00:00:01"],
        hostname="node-1",
        power_type="virsh",
        power_parameters=VIRSH,
        commission=False,
    )


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("deploy", "Can't deploy a machine that is in the 'New' state"),
        ("release", "Machine cannot be released in its current state ('New')."),
        ("abort", "Cannot abort in current state: node {id} is in state New."),
        ("lock", "Can't lock, node is not deployed or deploying"),
        ("unlock", "Machine is not locked"),
        ("mark_fixed", "Can't mark a non-broken node as 'Ready'."),
        ("power_on", "Can't start node: it hasn't been allocated."),
        ("exit_rescue_mode", "Invalid transition: New -> Exiting rescue mode."),
        (
            "override_failed_testing",
            "Unable to override node status. Node is not in 'Failed testing' status.",
        ),
    ],
)
def test_an_operation_in_the_wrong_state_is_a_conflict_with_the_servers_message(
    new_machine: Machine, action: str, message: str
) -> None:
    with pytest.raises(ConflictError) as caught:
        getattr(new_machine, action)()

    assert caught.value.status_code == 409
    assert caught.value.message == message.format(id=new_machine.system_id)


def test_a_refused_operation_leaves_the_machine_as_it_was(new_machine: Machine) -> None:
    before = new_machine.model_dump()

    with pytest.raises(ConflictError):
        new_machine.deploy(wait=True)

    assert new_machine.model_dump() == before


def test_state_gated_configuration_is_refused_outside_ready(new_machine: Machine) -> None:
    with pytest.raises(ConflictError, match="not Ready"):
        new_machine.set_storage_layout("flat")
    with pytest.raises(ConflictError, match="not Ready or Allocated"):
        new_machine.mount_special("tmpfs", "/srv")
    with pytest.raises(ConflictError, match="ready or failed testing state"):
        new_machine.restore_storage_configuration()


def test_a_locked_machine_refuses_changes_with_permission_denied(machines: Machines) -> None:
    machine = machines.create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:00:00:02"],
        power_type="manual",
        deployed=True,
    )
    machine.lock()

    machine.hostname = "renamed"
    with pytest.raises(PermissionDeniedError):
        machine.save()
    with pytest.raises(PermissionDeniedError):
        machine.release()
    with pytest.raises(PermissionDeniedError):
        machine.delete()
    assert machine.changes == {"hostname": "renamed"}
    assert machine.power_parameters() == {}

    machine.unlock()
    assert machine.save().hostname == "renamed"


def test_allocate_with_nothing_matching_is_a_conflict(machines: Machines) -> None:
    with pytest.raises(ConflictError) as caught:
        machines.allocate(cpu_count=4096, zone="default")

    assert caught.value.message == (
        "No available machine matches constraints: [('cpu_count', ['4096']), "
        "('zone', ['default'])] (resolved to \"cpu_count=4096.0 zone=default\")"
    )


def test_allocate_with_an_unknown_tag_is_a_bad_request(machines: Machines) -> None:
    with pytest.raises(BadRequestError) as caught:
        machines.allocate(tags=["gpu"])

    assert caught.value.field_errors == {"tags": ["No such tag(s): 'gpu'."]}


def test_bad_filters_and_values_are_bad_requests_with_field_errors(
    machines: Machines, new_machine: Machine
) -> None:
    with pytest.raises(BadRequestError) as caught:
        machines.list(zone="no-such-zone")
    assert caught.value.field_errors == {"zone": ["No such zone(s): no-such-zone."]}

    new_machine.memory = 1
    new_machine.hostname = "bad_host!"
    with pytest.raises(BadRequestError) as caught:
        new_machine.save()
    assert "hostname" in caught.value.field_errors


def test_a_non_admin_cannot_commission_or_delete(fake: FakeMAAS, new_machine: Machine) -> None:
    fake.add_user("alice")
    with fake.client("alice") as alice:
        theirs = managers(alice)[0].get(new_machine.system_id)

        with pytest.raises(PermissionDeniedError):
            theirs.commission()
        with pytest.raises(PermissionDeniedError):
            theirs.delete()


def test_an_unreachable_bmc_is_service_unavailable(fake: FakeMAAS, machines: Machines) -> None:
    machine = machines.create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:00:00:03"],
        power_type="virsh",
        power_parameters=VIRSH,
        commission=True,
        wait=True,
    )
    script_failure(fake, machine.system_id, "power", times=None)

    with pytest.raises(ServiceUnavailableError, match="No rack controllers can access the BMC"):
        machine.query_power_state()
    with pytest.raises(ServiceUnavailableError):
        machine.rescue_mode(wait=True)
