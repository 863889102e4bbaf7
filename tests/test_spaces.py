"""client.spaces against the fake MAAS, including the synthetic ``undefined`` space."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.spaces import UNDEFINED_SPACE_ID, Space


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_the_undefined_space_holds_the_vlans_without_a_space(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    [undefined] = region.admin.spaces.list()
    assert undefined.is_undefined
    assert undefined.id == UNDEFINED_SPACE_ID
    assert undefined.resource_uri == "/MAAS/api/2.0/spaces/undefined/"
    assert [v.id for v in undefined.vlans] == [5001]
    assert [s.cidr for s in undefined.subnets] == ["10.0.0.0/24"]
    assert region.admin.spaces.get("undefined") == undefined


def test_create_get_and_list(region: Region) -> None:
    space = region.admin.spaces.create("storage", description="SAN")
    assert (space.name, space.description, space.vlans, space.subnets) == (
        "storage",
        "SAN",
        [],
        [],
    )
    assert region.admin.spaces.get(space.id) == region.admin.spaces.get("storage") == space
    assert space in region.admin.spaces.list()
    assert repr(space) == f"<Space {space.id} storage>"


def test_create_without_a_name(region: Region) -> None:
    space = region.admin.spaces.create(description="x")
    assert space.name == f"space-{space.id}"


def test_a_vlan_put_in_a_space_shows_in_it(region: Region) -> None:
    space = region.admin.spaces.create("dmz")
    region.subnet("10.0.0.0/24")
    region.admin.vlans.update(5001, space="dmz")
    space.refresh()
    assert [v.id for v in space.vlans] == [5001]
    assert [s.cidr for s in space.subnets] == ["10.0.0.0/24"]


def test_save_update_and_delete(region: Region) -> None:
    space = region.admin.spaces.create("a")
    space.description = "now described"
    space.save()
    assert region.fake.requests.last.form == (("description", "now described"),)
    assert region.admin.spaces.update(space, name="b").name == "b"
    assert space.refresh().name == "b"
    space.delete()
    with pytest.raises(NotFoundError) as caught:
        region.admin.spaces.get(space.id)
    assert caught.value.message == "No Space matches the given query."


def test_the_undefined_space_cannot_be_changed_or_deleted(region: Region) -> None:
    with pytest.raises(BadRequestError) as changed:
        region.admin.spaces.update(UNDEFINED_SPACE_ID, name="x")
    assert changed.value.message == "Space cannot be modified: undefined"
    with pytest.raises(BadRequestError) as deleted:
        region.admin.spaces.delete("undefined")
    assert deleted.value.message == "Space cannot be deleted: undefined"


def test_a_duplicate_name_is_a_field_error(region: Region) -> None:
    region.admin.spaces.create("dup")
    with pytest.raises(BadRequestError) as caught:
        region.admin.spaces.create("dup")
    assert caught.value.field_errors == {"name": ["Space with this Name already exists."]}


def test_non_admins_read_but_cannot_change_spaces(region: Region) -> None:
    space = region.admin.spaces.create("s")
    assert region.bob.spaces.get(space.id) == space
    with pytest.raises(PermissionDeniedError):
        region.bob.spaces.create("mine")
    with pytest.raises(PermissionDeniedError):
        region.bob.spaces.update(space, name="x")
    with pytest.raises(PermissionDeniedError):
        region.bob.spaces.delete(space)


def test_an_unbound_space_cannot_save() -> None:
    space = Space(id=4, name="loose")
    space.name = "x"
    with pytest.raises(Exception, match="not bound"):
        space.save()
