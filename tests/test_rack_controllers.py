"""Rack controllers through the real client against the fake (``client.rack_controllers``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeType, PowerState, ScriptStatus
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    ServiceUnavailableError,
)
from maas_sdk.resources.rack_controllers import RackController
from maas_sdk.resources.zones import Zones
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import set_rack_connected
from maas_sdk.testing._r_node_records import node_table

ADMIN_ONLY = "This method is reserved for admin users."


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=5, strict=True)


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
def rack(client: MAASClient) -> RackController:
    (found,) = client.rack_controllers.list()
    return found


@pytest.fixture
def ipmi_rack(client: MAASClient, rack: RackController) -> RackController:
    return client.rack_controllers.update(
        rack.system_id, power_type="ipmi", power_parameters={"power_address": "10.0.0.9"}
    )


def test_list_and_get(client: MAASClient, rack: RackController) -> None:
    assert rack.hostname == "maas-rack"
    assert rack.node_type == NodeType.RACK_CONTROLLER
    assert rack.node_type_name == "Rack controller"
    assert {s.name for s in rack.service_set} >= {"rackd", "dhcpd", "tftp"}
    assert {s.status for s in rack.service_set} == {"running"}
    assert rack.version == "3.4.10"
    assert client.rack_controllers.get(rack.system_id) == rack
    assert client.rack_controllers.list(hostname="maas-rack") == [rack]
    assert client.rack_controllers.list(hostname="nope") == []
    assert repr(rack) == f"<RackController {rack.system_id} maas-rack Rack controller>"


def test_services_are_dead_without_a_connected_rack(fake: FakeMAAS, rack: RackController) -> None:
    set_rack_connected(fake, False)
    assert {s.status for s in rack.refresh().service_set} == {"dead"}


def test_get_unknown_is_not_found(client: MAASClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.rack_controllers.get("nosuch")
    assert caught.value.message == "No RackController matches the given query."


def test_non_admins_list_no_controllers_but_may_read_one(
    bob: MAASClient, rack: RackController
) -> None:
    assert bob.rack_controllers.list() == []
    assert bob.rack_controllers.get(rack.system_id) == rack


def test_save_and_update(client: MAASClient, rack: RackController) -> None:
    zone = Zones(client.transport).create("rack-zone")
    rack.description = "rack in row 7"
    rack.zone = zone
    rack.save()
    assert (rack.description, rack.zone) == ("rack in row 7", zone)
    updated = client.rack_controllers.update(
        rack.system_id, power_type="manual", domain="maas", power_parameters_skip_check=True
    )
    assert updated.power_type == "manual"


def test_update_refuses_bad_values_and_non_admins(
    client: MAASClient, bob: MAASClient, rack: RackController
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.rack_controllers.update(rack.system_id, zone="nosuch", power_type="bogus")
    assert caught.value.field_errors == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."],
        "power_type": ["Select a valid choice. bogus is not one of the available choices."],
    }
    with pytest.raises(PermissionDeniedError) as denied:
        bob.rack_controllers.update(rack.system_id, description="x")
    assert denied.value.message == ADMIN_ONLY


def test_power_parameters(client: MAASClient, bob: MAASClient, ipmi_rack: RackController) -> None:
    assert ipmi_rack.power_parameters() == {"power_address": "10.0.0.9"}
    assert client.rack_controllers.power_parameters_many() == {
        ipmi_rack.system_id: {"power_address": "10.0.0.9"}
    }
    assert client.rack_controllers.power_parameters_many(["nosuch"]) == {}
    with pytest.raises(PermissionDeniedError):
        bob.rack_controllers.power_parameters(ipmi_rack.system_id)
    with pytest.raises(PermissionDeniedError):
        bob.rack_controllers.power_parameters_many()


def test_power_without_a_bmc_is_unavailable(rack: RackController) -> None:
    for action in (rack.query_power_state, rack.power_on, rack.power_off):
        with pytest.raises(ServiceUnavailableError) as caught:
            action()
        assert caught.value.message == "No BMC is defined.  Cannot power control node."


def test_power_on_off_and_query(ipmi_rack: RackController) -> None:
    assert ipmi_rack.power_on().power_state == PowerState.ON
    assert ipmi_rack.query_power_state() == PowerState.ON
    assert ipmi_rack.power_off(stop_mode="soft").power_state == PowerState.OFF
    assert ipmi_rack.query_power_state() == PowerState.OFF


def test_power_off_of_a_manual_controller_changes_nothing(
    client: MAASClient, rack: RackController
) -> None:
    client.rack_controllers.update(rack.system_id, power_type="manual")
    assert client.rack_controllers.power_off(rack.system_id) is None
    manual = client.rack_controllers.get(rack.system_id)
    assert manual.power_off() is manual
    assert manual.query_power_state() == PowerState.UNKNOWN


def test_bmc_unreachable_without_a_connected_rack(
    fake: FakeMAAS, ipmi_rack: RackController
) -> None:
    set_rack_connected(fake, False)
    with pytest.raises(ServiceUnavailableError) as caught:
        ipmi_rack.query_power_state()
    assert caught.value.message == "No rack controllers can access the BMC of node maas-rack"


def test_testing_passes_after_the_testing_time(fake: FakeMAAS, ipmi_rack: RackController) -> None:
    started = ipmi_rack.test(testing_scripts=["smartctl-validate"], enable_ssh=False)
    assert started.testing_status == ScriptStatus.RUNNING
    assert started.current_testing_result_id is not None
    fake.advance(60)
    assert ipmi_rack.refresh().testing_status == ScriptStatus.PASSED
    with pytest.raises(ConflictError) as caught:
        ipmi_rack.override_failed_testing()
    assert caught.value.message == (
        "Unable to override node status. Node is not in 'Failed testing' status."
    )


def test_failed_testing_can_be_overridden(fake: FakeMAAS, ipmi_rack: RackController) -> None:
    with fake.store.lock:
        record = node_table(fake.store).get(ipmi_rack.system_id)
        assert record is not None
        record.tests_fail = True
    ipmi_rack.test()
    fake.advance(60)
    assert ipmi_rack.refresh().testing_status == ScriptStatus.FAILED
    assert ipmi_rack.override_failed_testing(comment="known flaky").system_id == (
        ipmi_rack.system_id
    )
    with pytest.raises(ConflictError):
        ipmi_rack.override_failed_testing()


def test_abort_stops_testing_and_is_refused_otherwise(
    ipmi_rack: RackController,
) -> None:
    with pytest.raises(ConflictError) as caught:
        ipmi_rack.abort()
    assert caught.value.message == (
        f"Cannot abort in current state: node {ipmi_rack.system_id} is in state Deployed."
    )
    ipmi_rack.test()
    assert ipmi_rack.abort(comment="enough").testing_status == ScriptStatus.ABORTED


def test_test_needs_a_power_type_and_an_admin(bob: MAASClient, rack: RackController) -> None:
    with pytest.raises(ServerError) as caught:
        rack.test()
    assert caught.value.status_code == 500
    assert caught.value.message == (
        "Unconfigured power type. Please configure the power type and try again."
    )
    with pytest.raises(PermissionDeniedError):
        bob.rack_controllers.test(rack.system_id)


def test_boot_images(
    fake: FakeMAAS, client: MAASClient, bob: MAASClient, rack: RackController
) -> None:
    images = rack.list_boot_images()
    assert images.connected is True
    assert images.status == "synced"
    assert "ubuntu/jammy" in {image.name for image in images.images}
    rack.import_boot_images()
    assert (fake.requests.last.api_path, fake.requests.last.status) == (
        f"rackcontrollers/{rack.system_id}/",
        202,
    )
    client.rack_controllers.import_boot_images()
    assert (fake.requests.last.api_path, fake.requests.last.status) == (
        "rackcontrollers/",
        202,
    )
    for call in (
        lambda: bob.rack_controllers.list_boot_images(rack.system_id),
        lambda: bob.rack_controllers.import_boot_images(rack.system_id),
        bob.rack_controllers.import_boot_images,
    ):
        with pytest.raises(PermissionDeniedError) as caught:
            call()
        assert caught.value.message == ADMIN_ONLY


def test_describe_power_types(client: MAASClient) -> None:
    drivers = {driver.name: driver for driver in client.rack_controllers.describe_power_types()}
    assert len(drivers) == 24
    assert drivers["manual"].queryable is False
    assert drivers["virsh"].driver_type == "pod"
    assert "power_pass" in {field.name for field in drivers["ipmi"].fields}
    assert next(f for f in drivers["ipmi"].fields if f.name == "power_pass").secret is True


def test_details(rack: RackController) -> None:
    details = rack.details()
    assert (details.lshw, details.lldp) == (None, None)


def test_collection_ops(client: MAASClient, rack: RackController) -> None:
    mac = rack.interface_set[0].mac_address
    assert mac is not None
    assert client.rack_controllers.is_registered(mac) is True
    assert client.rack_controllers.is_action_in_progress(mac) is False
    zone = Zones(client.transport).create("racks")
    client.rack_controllers.set_zone(zone, [rack.system_id])
    assert rack.refresh().zone == zone


def test_delete(client: MAASClient, bob: MAASClient, rack: RackController) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.rack_controllers.delete(rack.system_id)
    rack.delete(force=True)
    assert client.rack_controllers.list() == []
    with pytest.raises(NotFoundError):
        rack.refresh()


def test_deleting_the_rack_role_of_a_region_and_rack_leaves_a_region(
    fake: FakeMAAS, client: MAASClient
) -> None:
    (region,) = client.region_controllers.list()
    with fake.store.lock:
        record = node_table(fake.store).get(region.system_id)
        assert record is not None
        record.node_type = 4
    both = client.rack_controllers.get(region.system_id)
    assert both.node_type == NodeType.REGION_AND_RACK_CONTROLLER
    assert both.resource_uri == f"/MAAS/api/2.0/rackcontrollers/{both.system_id}/"
    as_region = client.region_controllers.get(both.system_id)
    assert as_region.resource_uri == both.resource_uri
    both.delete()
    assert client.region_controllers.get(both.system_id).node_type == NodeType.REGION_CONTROLLER
    with pytest.raises(NotFoundError):
        client.rack_controllers.get(both.system_id)
