"""client.static_routes against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_create_by_cidr_and_by_object(region: Region) -> None:
    source = region.subnet("10.0.0.0/24")
    destination = region.subnet("10.9.0.0/24")
    route = region.admin.static_routes.create(source, "10.9.0.0/24", "10.0.0.254", metric=5)
    assert route.source == source
    assert route.destination == destination
    assert (route.gateway_ip, route.metric) == ("10.0.0.254", 5)
    assert repr(route) == f"<StaticRoute {route.id} 10.0.0.0/24 -> 10.9.0.0/24 via 10.0.0.254>"
    assert dict(region.fake.requests.last.form)["source"] == str(source.id)


def test_list_get_save_update_delete(region: Region) -> None:
    source = region.subnet("10.0.0.0/24")
    region.subnet("10.9.0.0/24")
    other = region.subnet("10.8.0.0/24")
    route = region.admin.static_routes.create(source.id, "10.9.0.0/24", "10.0.0.254")
    assert region.admin.static_routes.list() == [route]
    route.metric = 20
    route.destination = other
    route.save()
    assert dict(region.fake.requests.last.form) == {"destination": str(other.id), "metric": "20"}
    assert route.destination == other
    assert region.admin.static_routes.update(route, gateway_ip="10.0.0.253").gateway_ip == (
        "10.0.0.253"
    )
    assert route.refresh().gateway_ip == "10.0.0.253"
    route.delete()
    with pytest.raises(NotFoundError) as caught:
        region.admin.static_routes.get(route.id)
    assert caught.value.message == "No StaticRoute matches the given query."


def test_a_gateway_outside_the_source_is_refused(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.subnet("10.9.0.0/24")
    with pytest.raises(BadRequestError) as caught:
        region.admin.static_routes.create("10.0.0.0/24", "10.9.0.0/24", "10.9.0.1")
    assert "gateway_ip" in caught.value.field_errors


def test_non_admins_cannot_create_routes(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.subnet("10.9.0.0/24")
    with pytest.raises(PermissionDeniedError):
        region.bob.static_routes.create("10.0.0.0/24", "10.9.0.0/24", "10.0.0.254")
    assert region.bob.static_routes.list() == []
