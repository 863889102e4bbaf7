"""Region controllers through the real client against the fake (``client.region_controllers``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeType
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.common import Domain
from maas_sdk.resources.region_controllers import RegionController
from maas_sdk.resources.zones import Zones
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=9, strict=True)


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
def region(client: MAASClient) -> RegionController:
    (found,) = client.region_controllers.list()
    return found


def test_list_and_get(client: MAASClient, region: RegionController) -> None:
    assert region.hostname == "maas-region"
    assert region.node_type == NodeType.REGION_CONTROLLER
    assert region.node_type_name == "Region controller"
    assert region.fqdn == "maas-region.maas"
    assert region.osystem == "ubuntu"
    assert region.interface_set[0].name == "eth0"
    assert region.resource_uri == f"/MAAS/api/2.0/regioncontrollers/{region.system_id}/"
    assert client.region_controllers.get(region.system_id) == region
    assert client.region_controllers.list(zone="default") == [region]
    assert client.region_controllers.list(not_hostname="maas-region") == []


def test_get_unknown_and_non_admin_listing(
    client: MAASClient, bob: MAASClient, region: RegionController
) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.region_controllers.get("nosuch")
    assert caught.value.message == "No RegionController matches the given query."
    assert bob.region_controllers.list() == []
    assert bob.region_controllers.get(region.system_id) == region


def test_save_changes_description_zone_and_domain(
    client: MAASClient, region: RegionController
) -> None:
    zone = Zones(client.transport).create("region-zone")
    region.description = "the region"
    region.zone = zone
    region.domain = Domain(id=0, name="maas")
    assert region.save() is region
    fresh = region.refresh()
    assert (fresh.description, fresh.zone) == ("the region", zone)


def test_update_refuses_an_unknown_domain_and_non_admins(
    client: MAASClient, bob: MAASClient, region: RegionController
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.region_controllers.update(region.system_id, domain="nosuch")
    assert caught.value.field_errors == {
        "domain": ["Select a valid choice. That choice is not one of the available choices."]
    }
    with pytest.raises(PermissionDeniedError) as denied:
        bob.region_controllers.update(region.system_id, description="x")
    assert denied.value.message == "This method is reserved for admin users."


def test_power_parameters_and_details(
    client: MAASClient, bob: MAASClient, region: RegionController
) -> None:
    client.region_controllers.update(
        region.system_id, power_type="virsh", power_parameters={"power_address": "qemu:///"}
    )
    assert region.power_parameters() == {"power_address": "qemu:///"}
    with pytest.raises(PermissionDeniedError):
        bob.region_controllers.power_parameters(region.system_id)
    assert region.details().documents == {"lldp": None, "lshw": None}


def test_collection_ops(client: MAASClient, region: RegionController) -> None:
    mac = region.interface_set[0].mac_address
    assert mac is not None
    assert client.region_controllers.is_registered(mac) is True
    assert client.region_controllers.is_registered("52:54:00:00:00:99") is False
    assert client.region_controllers.is_action_in_progress(mac) is False
    zone = Zones(client.transport).create("regions")
    client.region_controllers.set_zone(zone.name, [region.system_id])
    assert region.refresh().zone == zone


def test_delete(client: MAASClient, bob: MAASClient, region: RegionController) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.region_controllers.delete(region.system_id)
    region.delete()
    assert client.region_controllers.list() == []
    assert [n.hostname for n in client.nodes.list()] == ["maas-rack"]
