"""Script results of nodes through the real client against the fake.

``client.script_results`` (``nodes/{system_id}/results/``) and ``client.node_results``
(``commissioning-results/``, ``installation-results/``).
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import ScriptStatus
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.script_results import HardwareType, ScriptResultType
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import script_failure

MAC = "52:54:00:b0:00:01"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=17, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


@pytest.fixture
def machines(client: MAASClient) -> Machines:
    return Machines(client.transport, clock=client.clock)


@pytest.fixture
def machine(fake: FakeMAAS, machines: Machines) -> Machine:
    created = machines.create(
        architecture="amd64/generic", mac_addresses=[MAC], hostname="tested", power_type="manual"
    )
    fake.advance(120)
    return created.refresh()


def test_a_commissioned_machine_has_commissioning_and_testing_sets(
    client: MAASClient, machine: Machine
) -> None:
    sets = client.script_results.list(machine.system_id)
    assert [(s.type, s.status) for s in sets] == [
        (ScriptResultType.COMMISSIONING, ScriptStatus.PASSED),
        (ScriptResultType.TESTING, ScriptStatus.PASSED),
    ]
    commissioning = sets[0]
    assert commissioning.id == machine.current_commissioning_result_id
    assert commissioning.system_id == machine.system_id
    assert commissioning.type_name == "Commissioning"
    assert commissioning.runtime
    assert commissioning.started is not None
    assert commissioning.ended is not None
    assert commissioning.suppressed is None
    names = [r.name for r in commissioning.results]
    assert names == sorted(names)
    assert "maas-lshw" in names
    first = commissioning.results[0]
    assert (first.status, first.exit_status, first.output) == (ScriptStatus.PASSED, 0, None)
    assert commissioning.resource_uri.endswith(f"/results/{commissioning.id}/")


def test_list_filters_by_type_and_hardware(client: MAASClient, machine: Machine) -> None:
    testing = client.script_results.list(machine.system_id, result_type="testing")
    assert [s.type for s in testing] == [ScriptResultType.TESTING]
    storage = client.script_results.list(
        machine.system_id, result_type=ScriptResultType.TESTING, hardware_type="storage"
    )
    assert [r.name for r in storage[0].results] == ["smartctl-validate"]
    by_member = client.script_results.list(machine.system_id, hardware_type=HardwareType.MEMORY)
    assert [[r.name for r in s.results] for s in by_member] == [[], ["memtester"]]
    with pytest.raises(BadRequestError) as caught:
        client.script_results.list(machine.system_id, result_type="bogus")
    assert caught.value.message == "Invalid result type name"
    with pytest.raises(BadRequestError) as bad_hardware:
        client.script_results.list(machine.system_id, hardware_type="toaster")
    assert bad_hardware.value.message == "Hardware type must be node, cpu, memory, storage, or gpu"


def test_get_by_id_or_current_name_with_output(client: MAASClient, machine: Machine) -> None:
    current = client.script_results.get(
        machine.system_id, "current-testing", include_output=True, filters=["memtester"]
    )
    assert current.id == machine.current_testing_result_id
    (result,) = current.results
    assert result.name == "memtester"
    assert result.output == b"memtester: ran on tested\n"
    assert result.stderr == b""
    same = client.script_results.get(machine.system_id, current.id)
    assert same == current
    assert len(same.results) == 2
    assert same.refresh(include_output=True).results[0].output is not None


def test_get_refusals(client: MAASClient, machine: Machine) -> None:
    with pytest.raises(BadRequestError) as no_set:
        client.script_results.get(machine.system_id, "current-installation")
    assert no_set.value.message == "No current installation script set exists for this node."
    with pytest.raises(BadRequestError) as bad_id:
        client.script_results.get(machine.system_id, "latest")
    assert bad_id.value.message == (
        'Unknown id "latest" must be current-commissioning, current-testing, '
        "current-installation, or the id number of a specific result."
    )
    with pytest.raises(NotFoundError) as no_such_set:
        client.script_results.get(machine.system_id, 99999)
    assert no_such_set.value.message == "No ScriptSet matches the given query."
    with pytest.raises(NotFoundError) as no_node:
        client.script_results.list("nosuch")
    assert no_node.value.message == "No Node matches the given query."


def test_failed_tests_show_in_the_set_and_can_be_suppressed(
    fake: FakeMAAS, machines: Machines, client: MAASClient
) -> None:
    created = machines.create(
        architecture="amd64/generic", mac_addresses=["52:54:00:b0:00:02"], power_type="manual"
    )
    script_failure(fake, created.system_id, "test")
    fake.advance(120)
    testing = client.script_results.get(created.system_id, "current-testing")
    assert testing.status == ScriptStatus.FAILED
    failed = next(r for r in testing.results if r.name == "smartctl-validate")
    assert (failed.status, failed.exit_status) == (ScriptStatus.FAILED, 1)
    suppressed = testing.set_suppressed(filters="smartctl-validate")
    assert suppressed is testing
    assert suppressed.status == ScriptStatus.PASSED
    assert [r.suppressed for r in suppressed.results] == [False, True]
    unsuppressed = client.script_results.update(
        created.system_id, testing.id, suppressed=False, hardware_type="storage"
    )
    assert unsuppressed.status == ScriptStatus.FAILED
    errors = client.script_results.download(
        created.system_id, testing.id, output="stderr", filters="smartctl-validate"
    )
    assert errors == b"smartctl-validate failed\n"


def test_download_as_text_and_tar(client: MAASClient, machine: Machine) -> None:
    system_id, set_id = machine.system_id, machine.current_testing_result_id
    assert set_id is not None
    single = client.script_results.download(system_id, set_id, filters="memtester")
    assert single == b"memtester: ran on tested\n"
    text = client.script_results.download_text(system_id, set_id)
    assert text.splitlines()[0] == f"{'-' * 34} memtester {'-' * 34}"
    assert "smartctl-validate: ran on tested" in text
    archive = client.script_results.download(system_id, set_id, filetype="tar.xz", output="all")
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:xz") as tar:
        names = sorted(tar.getnames())
    root = f"tested-testing-{set_id}"
    assert f"{root}/memtester" in names
    assert f"{root}/memtester.err" in names
    with pytest.raises(BadRequestError) as caught:
        client.script_results.download(system_id, set_id, filetype="zip")
    assert caught.value.message == 'Unknown filetype "zip" must be txt or tar.xz'


def test_delete_is_admin_only_and_forgets_the_set(
    client: MAASClient, bob: MAASClient, machine: Machine
) -> None:
    set_id = machine.current_testing_result_id
    assert set_id is not None
    with pytest.raises(PermissionDeniedError) as denied:
        bob.script_results.delete(machine.system_id, set_id)
    assert denied.value.message == "This method is reserved for admin users."
    with pytest.raises(PermissionDeniedError):
        bob.script_results.update(machine.system_id, set_id, suppressed=True)
    client.script_results.get(machine.system_id, set_id).delete()
    assert [s.type for s in client.script_results.list(machine.system_id)] == [
        ScriptResultType.COMMISSIONING
    ]
    with pytest.raises(BadRequestError):
        client.script_results.get(machine.system_id, "current-testing")


def test_installation_set_follows_the_deployment(
    fake: FakeMAAS, machines: Machines, client: MAASClient, machine: Machine
) -> None:
    machines.deploy(machine.system_id, distro_series="jammy")
    running = client.script_results.get(machine.system_id, "current-installation")
    assert running.status == ScriptStatus.RUNNING
    assert running.ended is None
    assert [r.name for r in running.results] == ["/tmp/install.log"]
    fake.advance(120)
    assert running.refresh().status == ScriptStatus.PASSED


def test_devices_and_fresh_controllers_have_no_sets(client: MAASClient) -> None:
    device = client.devices.create("52:54:00:b0:00:03")
    rack = client.rack_controllers.list()[0]
    assert client.script_results.list(device.system_id) == []
    assert client.script_results.list(rack.system_id) == []


def test_legacy_listings(client: MAASClient, bob: MAASClient, machine: Machine) -> None:
    results = client.node_results.list()
    assert {r.node.system_id for r in results if r.node is not None} == {machine.system_id}
    assert {r.result_type for r in results} == {
        ScriptResultType.COMMISSIONING,
        ScriptResultType.TESTING,
    }
    lshw = client.node_results.list(names=["maas-lshw"], system_ids=[machine.system_id])
    assert [(r.name, r.script_result, r.data) for r in lshw] == [
        ("maas-lshw", 0, b"maas-lshw: ran on tested\n")
    ]
    assert lshw[0].resource_uri == "/MAAS/api/2.0/commissioning-scripts/"
    assert lshw[0].created is not None
    testing = client.node_results.list_installation(result_type=ScriptResultType.TESTING)
    assert {r.name for r in testing} == {"memtester", "smartctl-validate"}
    assert client.node_results.list(system_ids=["nosuch"]) == []
    assert bob.node_results.list() == results
