"""A machine's whole life through the fake MAAS, with bound actions and waiting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import managers

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus, PowerState
from maas_sdk.errors import (
    CommissioningFailedError,
    DeploymentFailedError,
    DiskErasingFailedError,
    NotFoundError,
    RescueModeFailedError,
    TestingFailedError,
    WaitTimeoutError,
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


def enlist(machines: Machines, hostname: str = "node-1", mac: str = "52:54:00:00:00:01") -> Machine:
    return machines.create(
        architecture="amd64/generic",
        mac_addresses=[mac],
        hostname=hostname,
        power_type="virsh",
        power_parameters=VIRSH,
        commission=False,
    )


def ready(machines: Machines, hostname: str = "node-1", mac: str = "52:54:00:00:00:01") -> Machine:
    return enlist(machines, hostname, mac).commission(wait=True)


def test_enlist_commission_allocate_deploy_release_delete(
    fake: FakeMAAS, machines: Machines
) -> None:
    machine = enlist(machines)
    assert machine.status_name == "New"

    progress: list[str] = []
    assert (
        machine.commission(wait=True, on_progress=lambda m: progress.append(m.status_name))
        is machine
    )
    assert machine.status is NodeStatus.READY
    assert progress[-1] == "Ready"
    assert "Commissioning" in progress

    allocated = machines.allocate(name="node-1")
    assert allocated == machine
    assert allocated.status is NodeStatus.ALLOCATED
    assert allocated.owner == "admin"

    script = "#cloud-config\nruncmd: [touch /tmp/hello]\n"
    deployed = allocated.deploy(distro_series="jammy", user_data=script, wait=True, timeout=1800)
    assert deployed is allocated
    assert deployed.status is NodeStatus.DEPLOYED
    assert (allocated.osystem, allocated.distro_series) == ("ubuntu", "jammy")
    assert allocated.power_state is PowerState.ON

    allocated.hostname = "db-1"
    allocated.save()
    assert machines.get(machine.system_id).hostname == "db-1"

    allocated.refresh()
    assert allocated.release(erase=True, wait=True).status is NodeStatus.READY
    assert allocated.owner is None

    allocated.delete()
    with pytest.raises(NotFoundError, match="No Machine matches the given query"):
        machines.get(machine.system_id)
    assert fake.clock.monotonic() > 0


def test_procedural_forms_work_with_system_ids_only(machines: Machines) -> None:
    system_id = ready(machines).system_id

    deployed = machines.deploy(system_id, distro_series="jammy", wait=True)
    released = machines.release(system_id, wait=True)

    assert deployed.status is NodeStatus.DEPLOYED
    assert released.status is NodeStatus.READY


def test_an_admin_create_commissions_and_can_wait_for_ready(machines: Machines) -> None:
    machine = machines.create(
        architecture="amd64",
        mac_addresses="52:54:00:00:00:09",
        power_type="virsh",
        power_parameters=VIRSH,
        wait=True,
    )

    assert machine.status is NodeStatus.READY
    assert machine.architecture == "amd64/generic"


def test_wait_for_follows_a_deployment_started_elsewhere(machines: Machines) -> None:
    machine = ready(machines)
    machines.deploy(machine.system_id)

    assert machine.wait_for(NodeStatus.DEPLOYED, timeout=3600) is machine
    assert machine.status is NodeStatus.DEPLOYED


def test_wait_for_returns_at_once_when_already_there(fake: FakeMAAS, machines: Machines) -> None:
    machine = ready(machines)
    before = fake.clock.monotonic()

    machine.wait_for([NodeStatus.READY, NodeStatus.NEW])

    assert fake.clock.monotonic() == before


def test_a_failed_deployment_raises_and_updates_the_machine(
    fake: FakeMAAS, machines: Machines
) -> None:
    machine = ready(machines)
    script_failure(fake, machine.system_id, "deploy")

    with pytest.raises(DeploymentFailedError) as caught:
        machine.deploy(wait=True)

    assert caught.value.machine is machine
    assert machine.status is NodeStatus.FAILED_DEPLOYMENT
    assert caught.value.status_name == "Failed deployment"
    assert caught.value.status_message == machine.status_message


def test_recovering_from_a_failed_deployment(fake: FakeMAAS, machines: Machines) -> None:
    machine = ready(machines)
    script_failure(fake, machine.system_id, "deploy")
    with pytest.raises(DeploymentFailedError):
        machine.deploy(wait=True)

    machine.release(wait=True).deploy(wait=True)

    assert machine.status is NodeStatus.DEPLOYED


def test_failed_commissioning_and_testing_raise_their_errors(
    fake: FakeMAAS, machines: Machines
) -> None:
    first = enlist(machines)
    second = ready(machines, "node-2", "52:54:00:00:00:02")
    script_failure(fake, first.system_id, "commission")
    script_failure(fake, second.system_id, "test")

    with pytest.raises(CommissioningFailedError):
        first.commission(wait=True)
    with pytest.raises(TestingFailedError):
        second.test(wait=True)

    assert first.status is NodeStatus.FAILED_COMMISSIONING
    assert second.status is NodeStatus.FAILED_TESTING
    assert second.override_failed_testing(comment="known flaky").status is NodeStatus.READY


def test_a_failed_erase_raises_the_disk_erasing_error(fake: FakeMAAS, machines: Machines) -> None:
    machine = ready(machines)
    machine.deploy(wait=True)
    script_failure(fake, machine.system_id, "erase")

    with pytest.raises(DiskErasingFailedError):
        machine.release(erase=True, wait=True)

    assert machine.status is NodeStatus.FAILED_DISK_ERASING


def test_a_hung_deployment_times_out_without_real_sleeping(
    fake: FakeMAAS, machines: Machines
) -> None:
    machine = ready(machines)
    script_failure(fake, machine.system_id, "deploy", mode="hang")
    start = fake.clock.monotonic()

    with pytest.raises(WaitTimeoutError) as caught:
        machine.deploy(wait=True, timeout=600, poll_interval=30)

    assert fake.clock.monotonic() - start == pytest.approx(600)
    assert caught.value.machine is machine
    assert caught.value.last_state == "Deploying"
    assert machine.status is NodeStatus.DEPLOYING


def test_rescue_mode_round_trip(fake: FakeMAAS, machines: Machines) -> None:
    machine = ready(machines)
    machine.deploy(wait=True)

    assert machine.rescue_mode(wait=True).status is NodeStatus.RESCUE_MODE
    assert machine.exit_rescue_mode(wait=True).status is NodeStatus.DEPLOYED

    script_failure(fake, machine.system_id, "rescue_mode")
    with pytest.raises(RescueModeFailedError):
        machine.rescue_mode(wait=True)


def test_power_operations_wait_for_the_bmc(machines: Machines) -> None:
    machine = ready(machines)
    machine.deploy(wait=True)

    assert machine.power_off(wait=True).power_state is PowerState.OFF
    assert machine.query_power_state() is PowerState.OFF
    assert machine.power_on(wait=True).power_state is PowerState.ON


def test_power_on_of_an_allocated_machine_waits_for_the_deployment(machines: Machines) -> None:
    machine = ready(machines)
    machines.allocate(system_id=machine.system_id)

    machine.power_on(wait=True)

    assert machine.status is NodeStatus.DEPLOYED


def test_abort_a_deployment(machines: Machines) -> None:
    machine = ready(machines)
    machine.deploy()

    machine.abort(comment="changed my mind")

    machine.wait_for(NodeStatus.ALLOCATED, timeout=600)
    assert machine.status is NodeStatus.ALLOCATED


def test_flags_annotations_and_configuration(machines: Machines) -> None:
    machine = ready(machines)

    machine.mount_special("tmpfs", "/srv/scratch", mount_options="size=1G")
    assert [fs.mount_point for fs in machine.special_filesystems] == ["/srv/scratch"]
    machine.unmount_special("/srv/scratch")
    assert machine.special_filesystems == []
    machine.set_storage_layout("lvm", vg_name="vgroot")
    assert any(device.name.startswith("vgroot") for device in machine.virtualblockdevice_set)
    for restore in (
        machine.restore_storage_configuration,
        machine.restore_networking_configuration,
        machine.restore_default_configuration,
        machine.clear_default_gateways,
    ):
        assert restore() is machine

    machine.deploy(wait=True)
    machine.set_workload_annotations({"app": "db", "tier": "1"})
    assert machine.workload_annotations == {"app": "db", "tier": "1"}
    machine.set_workload_annotations({"tier": None})
    assert machine.workload_annotations == {"app": "db"}
    assert machine.lock(comment="freeze").locked is True
    assert machine.unlock().locked is False
    assert "debconf_selections" in machine.get_curtin_config()
    assert machine.details().lshw is not None
    assert machine.power_parameters() == VIRSH
    token = machine.get_token()
    assert token is not None
    assert token.token_secret.get_secret_value()
    machine.mark_broken(comment="disk noise")
    assert machine.status is NodeStatus.BROKEN
    assert machine.mark_fixed().status is NodeStatus.DEPLOYED


def test_listing_filters_run_on_the_server(fake: FakeMAAS, machines: Machines) -> None:
    fake.seed_machines(30, seed=4)
    everything = machines.list()

    for status in (NodeStatus.READY, NodeStatus.DEPLOYED):
        found = machines.list(status=status)
        assert found
        assert {m.status for m in found} == {status}
        assert len(found) == sum(1 for m in everything if m.status is status)
    failed = machines.list(simple_status="failed")
    assert {m.status for m in failed} == {m.status for m in everything if m.status.is_failed}
    zone = everything[0].zone.name
    assert {m.zone.name for m in machines.list(zone=zone)} == {zone}
    assert machines.list(system_id=[everything[0].system_id]) == [everything[0]]
    assert machines.find_by_hostname(everything[1].hostname) == everything[1]
    mac = everything[2].interface_set[0].mac_address
    assert mac is not None
    assert machines.find_by_mac_address(mac) == everything[2]
    assert machines.find_by_hostname("no-such-host") is None


def test_collection_operations(client: MAASClient, machines: Machines) -> None:
    first = ready(machines)
    second = ready(machines, "node-2", "52:54:00:00:00:02")
    new = enlist(machines, "node-3", "52:54:00:00:00:03")

    assert machines.is_registered("52:54:00:00:00:03") is True
    assert machines.is_registered("52:54:00:00:99:99") is False
    accepted = machines.accept([new.system_id])
    assert [m.system_id for m in accepted] == [new.system_id]
    assert machines.accept_all() == []
    machines.allocate(system_id=first.system_id)
    assert [m.system_id for m in machines.list_allocated()] == [first.system_id]
    assert machines.release_many([first.system_id, second.system_id]) == [first.system_id]
    assert machines.power_parameters_many([second.system_id]) == {second.system_id: VIRSH}
    zone = managers(client)[2].create("rack-2")
    machines.set_zone(zone, [first.system_id, second.system_id])
    assert {m.zone.name for m in machines.list(zone="rack-2")} == {"rack-2"}
