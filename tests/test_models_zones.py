"""Zones: CRUD through the fake MAAS, addressing by name, renames."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import ScriptedServer, json_answer, managers, scripted_client

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources import Zone, Zones
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(strict=True)


@pytest.fixture
def zones(fake: FakeMAAS) -> Iterator[Zones]:
    with fake.client() as client:
        yield managers(client)[2]


def test_a_new_region_has_the_default_zone(zones: Zones) -> None:
    assert [(zone.id, zone.name) for zone in zones.list()] == [(1, "default")]
    assert zones.get("default") == zones.list()[0]


def test_create_read_update_delete(zones: Zones) -> None:
    zone = zones.create("rack-2", description="second rack")
    assert zone.description == "second rack"
    assert zone.resource_uri == "/MAAS/api/2.0/zones/rack-2/"
    assert zones.get("rack-2") == zone

    updated = zones.update("rack-2", description="row B")
    assert updated.description == "row B"

    zones.delete("rack-2")
    with pytest.raises(NotFoundError, match="No Zone matches the given query"):
        zones.get("rack-2")


def test_save_renames_through_the_old_name_and_refresh_follows(zones: Zones) -> None:
    zone = zones.create("rack-2")

    zone.name = "rack-3"
    zone.description = "moved"
    assert zone.save() is zone

    assert zone.resource_uri == "/MAAS/api/2.0/zones/rack-3/"
    assert zone.refresh().description == "moved"
    with pytest.raises(NotFoundError):
        zones.get("rack-2")
    zone.delete()
    assert [z.name for z in zones.list()] == ["default"]


def test_zone_ids_are_not_addresses(zones: Zones) -> None:
    zone = zones.create("rack-2")

    with pytest.raises(NotFoundError):
        zones.get(str(zone.id))


def test_refusals(fake: FakeMAAS, zones: Zones) -> None:
    zones.create("rack-2")
    with pytest.raises(BadRequestError) as caught:
        zones.create("rack-2")
    assert caught.value.field_errors == {"name": ["Physical zone with this Name already exists."]}
    with pytest.raises(BadRequestError, match="This zone is the default zone"):
        zones.delete("default")
    fake.add_user("bob")
    with fake.client("bob") as bob, pytest.raises(PermissionDeniedError) as denied:
        managers(bob)[2].create("mine")
    assert denied.value.message == "This method is reserved for admin users."


def test_only_name_and_description_are_writable() -> None:
    zone = Zone(id=4, name="z")

    with pytest.raises(AttributeError, match=r"Zone\.id is read-only"):
        zone.id = 5


def test_names_are_quoted_into_the_path() -> None:
    server = ScriptedServer().on("GET", "zones/a%20b/", json_answer({"id": 2, "name": "a b"}))
    zones = managers(scripted_client(server))[2]

    assert zones.get("a b").name == "a b"


def test_a_client_bound_zone_repr_is_short(zones: Zones) -> None:
    assert repr(zones.get("default")) == "<Zone 1 default>"
    assert repr(zones) == "<Zones manager>"


def test_an_unchanged_save_sends_nothing(fake: FakeMAAS, zones: Zones) -> None:
    zone = zones.get("default")
    before = len(fake.requests)

    zone.save()

    assert len(fake.requests) == before
