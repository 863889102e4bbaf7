"""client.ip_ranges against the fake MAAS: CRUD, ownership and overlap refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.ip_ranges import IPRange, IPRangeType

_OVERLAP = "Requested reserved range conflicts with an existing range."


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_create_infers_the_subnet_and_records_the_owner(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    iprange = region.admin.ip_ranges.create("reserved", "10.0.0.10", "10.0.0.20", comment="c")
    assert iprange.type is IPRangeType.RESERVED
    assert (iprange.start_ip, iprange.end_ip, iprange.comment) == ("10.0.0.10", "10.0.0.20", "c")
    assert iprange.subnet == subnet
    assert iprange.user is not None
    assert iprange.user.username == "admin"
    assert repr(iprange) == f"<IPRange {iprange.id} reserved 10.0.0.10-10.0.0.20>"


def test_create_with_an_explicit_subnet_object(region: Region) -> None:
    subnet = region.subnet("10.1.0.0/24")
    iprange = region.admin.ip_ranges.create(
        IPRangeType.DYNAMIC, "10.1.0.100", "10.1.0.200", subnet=subnet
    )
    assert iprange.type == "dynamic"
    assert dict(region.fake.requests.last.form)["subnet"] == str(subnet.id)


def test_list_get_save_and_delete(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    iprange = region.admin.ip_ranges.create("reserved", "10.0.0.10", "10.0.0.20")
    assert region.admin.ip_ranges.list() == [iprange]
    iprange.end_ip = "10.0.0.30"
    iprange.comment = "grown"
    iprange.save()
    assert dict(region.fake.requests.last.form) == {"end_ip": "10.0.0.30", "comment": "grown"}
    assert region.admin.ip_ranges.get(iprange.id).end_ip == "10.0.0.30"
    assert region.admin.ip_ranges.update(iprange, comment="again").comment == "again"
    assert iprange.refresh().comment == "again"
    iprange.delete()
    with pytest.raises(NotFoundError) as caught:
        region.admin.ip_ranges.get(iprange.id)
    assert caught.value.message == "No IPRange matches the given query."


def test_overlapping_ranges_are_refused_on_both_addresses(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("reserved", "10.0.0.10", "10.0.0.20")
    with pytest.raises(BadRequestError) as caught:
        region.admin.ip_ranges.create("reserved", "10.0.0.15", "10.0.0.25")
    assert caught.value.field_errors == {"start_ip": [_OVERLAP], "end_ip": [_OVERLAP]}


def test_start_after_end_and_unknown_subnet_are_field_errors(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    with pytest.raises(BadRequestError) as backwards:
        region.admin.ip_ranges.create("reserved", "10.0.0.30", "10.0.0.20")
    assert backwards.value.field_errors == {
        "end_ip": ["End IP address must not be less than Start IP address."]
    }
    with pytest.raises(BadRequestError) as nowhere:
        region.admin.ip_ranges.create("reserved", "192.168.9.1", "192.168.9.5")
    assert nowhere.value.field_errors == {"subnet": ["This field is required."]}


def test_non_admins_may_reserve_but_not_create_dynamic_ranges(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    with pytest.raises(PermissionDeniedError) as caught:
        region.bob.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.200")
    assert caught.value.message == (
        "Unable to create dynamic IP range. You don't have sufficient privileges."
    )
    mine = region.bob.ip_ranges.create("reserved", "10.0.0.40", "10.0.0.45")
    assert mine.user is not None
    assert mine.user.username == "bob"
    mine.comment = "mine"
    assert mine.save().comment == "mine"


def test_non_owners_cannot_change_or_delete_a_range(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    iprange = region.admin.ip_ranges.create("reserved", "10.0.0.10", "10.0.0.20")
    with pytest.raises(PermissionDeniedError) as changed:
        region.bob.ip_ranges.update(iprange.id, comment="x")
    assert changed.value.message == "Unable to modify IP range. You don't own the IP range."
    with pytest.raises(PermissionDeniedError):
        region.bob.ip_ranges.delete(iprange)


def test_unknown_type_values_are_kept() -> None:
    iprange = IPRange.model_validate({"id": 1, "type": "future"})
    assert iprange.type == "future"
    assert not iprange.type.is_known
