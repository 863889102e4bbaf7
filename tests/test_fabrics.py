"""client.fabrics against the fake MAAS: CRUD, change tracking, ``fabric.vlans``, refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import (
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
)
from maas_sdk.resources.fabrics import Fabric, Fabrics
from maas_sdk.resources.vlans import VLAN


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_a_fresh_region_lists_fabric_0_with_its_untagged_vlan(region: Region) -> None:
    [fabric] = region.admin.fabrics.list()
    assert (fabric.id, fabric.name, fabric.class_type) == (0, "fabric-0", None)
    assert [(v.id, v.vid, v.name) for v in fabric.vlans] == [(5001, 0, "untagged")]
    assert fabric.resource_uri == "/MAAS/api/2.0/fabrics/0/"
    assert repr(fabric) == "<Fabric 0 fabric-0>"


def test_the_client_keeps_one_manager_per_attribute(region: Region) -> None:
    assert region.admin.fabrics is region.admin.fabrics
    assert isinstance(region.admin.fabrics, Fabrics)
    assert region.admin.fabrics.vlans is region.admin.vlans


def test_create_names_an_unnamed_fabric_after_its_id(region: Region) -> None:
    fabric = region.admin.fabrics.create()
    assert fabric.name == f"fabric-{fabric.id}"
    assert [v.vid for v in fabric.vlans] == [0]


def test_create_get_by_id_and_by_name(region: Region) -> None:
    created = region.admin.fabrics.create("storage", class_type="10g", description="SAN")
    assert created.class_type == "10g"
    by_id = region.admin.fabrics.get(created.id)
    by_name = region.admin.fabrics.get("storage")
    by_object = region.admin.fabrics.get(created)
    assert by_id == by_name == by_object == created


def test_save_sends_only_the_assigned_fields(region: Region) -> None:
    fabric = region.admin.fabrics.create("f1", class_type="1g")
    fabric.name = "f2"
    assert fabric.changes == {"name": "f2"}
    fabric.save()
    assert fabric.changes == {}
    assert region.fake.requests.last.form == (("name", "f2"),)
    assert region.admin.fabrics.get(fabric.id).name == "f2"


def test_assigning_none_to_class_type_clears_it(region: Region) -> None:
    fabric = region.admin.fabrics.create("f1", class_type="1g")
    fabric.class_type = None
    assert fabric.save().class_type is None
    assert region.admin.fabrics.get(fabric.id).class_type is None


def test_vlans_and_id_are_read_only(region: Region) -> None:
    fabric = region.admin.fabrics.get(0)
    with pytest.raises(ReadOnlyFieldError):
        fabric.id = 3
    with pytest.raises(ReadOnlyFieldError):
        fabric.vlans = []


def test_update_and_refresh(region: Region) -> None:
    fabric = region.admin.fabrics.create("f1")
    region.admin.fabrics.update(fabric.id, name="renamed", class_type="40g")
    assert fabric.name == "f1"
    assert fabric.refresh().name == "renamed"
    assert fabric.class_type == "40g"


def test_fabric_vlans_are_bound_vlans(region: Region) -> None:
    fabric = region.admin.fabrics.get(0)
    vlan = fabric.vlans[0]
    assert isinstance(vlan, VLAN)
    vlan.mtu = 9000
    vlan.save()
    assert region.admin.vlans.get(5001).mtu == 9000


def test_create_vlan_list_vlans_and_get_vlan(region: Region) -> None:
    fabric = region.admin.fabrics.create("f1")
    vlan = fabric.create_vlan(100, name="storage", mtu=9000, description="iSCSI")
    assert (vlan.vid, vlan.name, vlan.mtu, vlan.fabric, vlan.fabric_id) == (
        100,
        "storage",
        9000,
        "f1",
        fabric.id,
    )
    assert [v.vid for v in fabric.list_vlans()] == [0, 100]
    assert fabric.get_vlan(100) == vlan
    assert fabric.get_vlan("untagged").vid == 0
    assert [v.vid for v in fabric.vlans] == [0]
    assert [v.vid for v in fabric.refresh().vlans] == [0, 100]


def test_delete_removes_the_fabric(region: Region) -> None:
    fabric = region.admin.fabrics.create("doomed")
    fabric.delete()
    with pytest.raises(NotFoundError) as caught:
        region.admin.fabrics.get("doomed")
    assert caught.value.message == "No Fabric matches the given query."


def test_the_default_fabric_cannot_be_deleted(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.fabrics.delete(0)
    assert caught.value.message == "This fabric is the default fabric, it cannot be deleted."


def test_a_duplicate_name_is_a_field_error(region: Region) -> None:
    region.admin.fabrics.create("dup")
    with pytest.raises(BadRequestError) as caught:
        region.admin.fabrics.create("dup")
    assert caught.value.field_errors == {"name": ["Fabric with this Name already exists."]}


def test_unknown_fabric_is_not_found(region: Region) -> None:
    with pytest.raises(NotFoundError):
        region.admin.fabrics.get(99999)
    with pytest.raises(NotFoundError):
        region.admin.fabrics.update("nosuch", name="x")
    with pytest.raises(NotFoundError):
        region.admin.fabrics.delete(99999)


def test_non_admins_read_but_cannot_change_fabrics(region: Region) -> None:
    assert [f.id for f in region.bob.fabrics.list()] == [0]
    with pytest.raises(PermissionDeniedError) as caught:
        region.bob.fabrics.create("mine")
    assert caught.value.message == "This method is reserved for admin users."
    with pytest.raises(PermissionDeniedError):
        region.bob.fabrics.update(0, name="x")
    with pytest.raises(PermissionDeniedError):
        region.bob.fabrics.delete(0)


def test_an_unbound_fabric_cannot_act() -> None:
    fabric = Fabric(id=3, name="loose")
    with pytest.raises(Exception, match="not bound"):
        fabric.refresh()
