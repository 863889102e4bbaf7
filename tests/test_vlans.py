"""client.vlans against the fake MAAS: both URL shapes, change tracking, DHCP on/off, relay."""

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
from maas_sdk.resources import common
from maas_sdk.resources.vlans import VLAN


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def _give_rack(region: Region, vlan_id: int, system_id: str = "rack01") -> None:
    """Play a rack controller serving the VLAN (the fake has no rack controllers)."""
    with region.fake.store.lock:
        region.fake.store.vlans[vlan_id].primary_rack = system_id


def test_get_by_id_and_by_vid_return_the_same_vlan(region: Region) -> None:
    vlan = region.admin.vlans.get(5001)
    assert isinstance(vlan, VLAN)
    assert isinstance(vlan, common.VLAN)
    assert region.admin.vlans.get_by_vid(0, 0) == vlan
    assert region.admin.vlans.get_by_vid("fabric-0", "untagged") == vlan
    assert repr(vlan) == "<VLAN 5001 fabric-0.untagged vid=0>"
    assert vlan.resource_uri == "/MAAS/api/2.0/vlans/5001/"
    assert vlan.space == "undefined"


def test_create_list_and_delete(region: Region) -> None:
    vlan = region.admin.vlans.create(0, 42, name="v42", mtu=1400, description="d")
    assert (vlan.vid, vlan.name, vlan.mtu, vlan.fabric_id) == (42, "v42", 1400, 0)
    assert [v.vid for v in region.admin.vlans.list(0)] == [0, 42]
    vlan.delete()
    assert [v.vid for v in region.admin.vlans.list(0)] == [0]


def test_delete_by_vid(region: Region) -> None:
    region.admin.vlans.create(0, 7)
    region.admin.vlans.delete_by_vid(0, 7)
    with pytest.raises(NotFoundError) as caught:
        region.admin.vlans.get_by_vid(0, 7)
    assert caught.value.message == "No VLAN matches the given query."


def test_create_in_a_space_by_name(region: Region) -> None:
    region.admin.spaces.create("storage")
    vlan = region.admin.vlans.create(0, 10, space="storage")
    assert vlan.space == "storage"


def test_save_sends_only_the_changes_and_none_clears(region: Region) -> None:
    region.admin.spaces.create("dmz")
    vlan = region.admin.vlans.create(0, 20)
    vlan.name = "frontend"
    vlan.space = "dmz"
    vlan.save()
    assert dict(region.fake.requests.last.form) == {"name": "frontend", "space": "dmz"}
    assert (vlan.name, vlan.space) == ("frontend", "dmz")
    vlan.space = None
    vlan.save()
    assert region.fake.requests.last.form == (("space", ""),)
    assert vlan.space == "undefined"


def test_vid_and_fabric_are_read_only(region: Region) -> None:
    vlan = region.admin.vlans.get(5001)
    with pytest.raises(ReadOnlyFieldError):
        vlan.vid = 5
    with pytest.raises(ReadOnlyFieldError):
        vlan.fabric_id = 3


def test_update_by_id_and_by_vid(region: Region) -> None:
    vlan = region.admin.vlans.create(0, 30)
    assert region.admin.vlans.update(vlan, mtu=9000).mtu == 9000
    assert region.admin.vlans.update_by_vid(0, 30, name="thirty").name == "thirty"
    assert vlan.refresh().name == "thirty"
    assert vlan.mtu == 9000


def test_enable_dhcp_needs_a_dynamic_range(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    _give_rack(region, 5001)
    vlan = region.admin.vlans.get(5001)
    with pytest.raises(BadRequestError) as caught:
        vlan.enable_dhcp()
    assert caught.value.field_errors == {
        "dhcp_on": ["dhcp can only be turned on when a dynamic IP range is defined."]
    }
    assert vlan.dhcp_on is False


def test_enable_dhcp_needs_a_primary_rack(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.199")
    with pytest.raises(BadRequestError) as caught:
        region.admin.vlans.enable_dhcp(5001)
    assert caught.value.field_errors == {
        "__all__": ["dhcp can only be turned on when a primary rack controller is set."]
    }


def test_enable_then_disable_dhcp(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.199")
    _give_rack(region, 5001)
    vlan = region.admin.fabrics.get(0).vlans[0]
    assert vlan.enable_dhcp() is vlan
    assert (vlan.dhcp_on, vlan.primary_rack) == (True, "rack01")
    assert region.fake.requests.last.form == (("dhcp_on", "true"),)
    vlan.disable_dhcp()
    assert vlan.dhcp_on is False
    assert region.admin.vlans.get(5001).dhcp_on is False


def test_dhcp_on_can_be_saved_like_any_field(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.199")
    _give_rack(region, 5001)
    vlan = region.admin.vlans.get(5001)
    vlan.dhcp_on = True
    assert vlan.save().dhcp_on is True


def test_enable_dhcp_sends_the_rack_controllers(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.vlans.enable_dhcp(5001, "nosuch", secondary_rack="other")
    sent = dict(region.fake.requests.last.form)
    assert sent == {"dhcp_on": "true", "primary_rack": "nosuch", "secondary_rack": "other"}
    assert "primary_rack" in caught.value.field_errors


def test_relay_dhcp_and_stop_relaying(region: Region) -> None:
    served = region.admin.vlans.get(5001)
    relayed = region.admin.vlans.create(0, 50)
    relayed.relay_dhcp(served)
    assert relayed.relay_vlan is not None
    assert relayed.relay_vlan.id == 5001
    assert region.fake.requests.last.form == (("relay_vlan", "5001"),)
    relayed.relay_dhcp(None)
    assert relayed.relay_vlan is None
    assert region.fake.requests.last.form == (("relay_vlan", ""),)


def test_relay_vlan_assigned_to_none_is_cleared_on_save(region: Region) -> None:
    relayed = region.admin.vlans.create(0, 60)
    region.admin.vlans.relay_dhcp(relayed.id, 5001)
    relayed.refresh()
    relayed.relay_vlan = None
    assert relayed.save().relay_vlan is None


def test_the_untagged_vlan_cannot_be_deleted(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.vlans.delete(5001)
    assert caught.value.message == (
        "This VLAN is the default VLAN in the fabric, it cannot be deleted."
    )


def test_bad_and_duplicate_vids_are_field_errors(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.vlans.create(0, 5000)
    assert caught.value.field_errors == {"vid": ["VID must be between 0 and 4094."]}
    region.admin.vlans.create(0, 8)
    with pytest.raises(BadRequestError) as caught:
        region.admin.vlans.create(0, 8)
    assert caught.value.field_errors == {
        "__all__": ["A VLAN with the specified VID already exists in the destination fabric."]
    }


def test_unknown_vlans_are_not_found_with_the_servers_texts(region: Region) -> None:
    with pytest.raises(NotFoundError) as by_id:
        region.admin.vlans.get(999999)
    assert by_id.value.message == "VLAN with specified ID does not exist."
    with pytest.raises(NotFoundError) as by_vid:
        region.admin.vlans.get_by_vid(0, 3999)
    assert by_vid.value.message == "No VLAN matches the given query."
    with pytest.raises(NotFoundError) as no_fabric:
        region.admin.vlans.list(424242)
    assert no_fabric.value.message == "No Fabric matches the given query."


def test_non_admins_read_but_cannot_change_vlans(region: Region) -> None:
    assert region.bob.vlans.get(5001).vid == 0
    with pytest.raises(PermissionDeniedError):
        region.bob.vlans.create(0, 9)
    with pytest.raises(PermissionDeniedError):
        region.bob.vlans.update(5001, name="mine")
    with pytest.raises(PermissionDeniedError):
        region.bob.vlans.disable_dhcp(5001)
    with pytest.raises(PermissionDeniedError):
        region.bob.vlans.delete_by_vid(0, 0)


def test_relay_vlan_assigned_a_vlan_is_sent_as_its_id(region: Region) -> None:
    served = region.admin.vlans.get(5001)
    relayed = region.admin.vlans.create(0, 70)
    relayed.relay_vlan = served
    relayed.save()
    assert region.fake.requests.last.form == (("relay_vlan", "5001"),)
    assert relayed.relay_vlan is not None
    assert relayed.relay_vlan.id == 5001


def test_a_fabric_object_addresses_its_vlans(region: Region) -> None:
    fabric = region.admin.fabrics.create("f9")
    region.admin.vlans.create(fabric, 11)
    assert [v.vid for v in region.admin.vlans.list(fabric)] == [0, 11]
    assert region.fake.requests.last.path == f"/MAAS/api/2.0/fabrics/{fabric.id}/vlans/"
