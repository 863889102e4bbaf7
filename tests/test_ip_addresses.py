"""client.ip_addresses against the fake MAAS: reserve, list, release and their refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.enums import IPAllocType
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_reserve_a_given_address(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    address = region.admin.ip_addresses.reserve(ip="10.0.0.60", hostname="printer")
    assert address.ip == "10.0.0.60"
    assert address.alloc_type is IPAllocType.USER_RESERVED
    assert address.alloc_type_name == "User reserved"
    assert address.subnet == subnet
    assert address.owner is not None
    assert address.owner.username == "admin"
    assert address.created is not None
    assert address.interface_set == []
    assert repr(address) == "<IPAddress 10.0.0.60 User reserved>"


def test_reserve_any_free_address_of_a_subnet(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    address = region.admin.ip_addresses.reserve(subnet=subnet)
    assert address.ip == "10.0.0.2"
    assert dict(region.fake.requests.last.form) == {"subnet": str(subnet.id)}


def test_list_shows_the_callers_reservations_only(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    mine = region.admin.ip_addresses.reserve(ip="10.0.0.60")
    region.bob.ip_addresses.reserve(ip="10.0.0.61")
    assert region.admin.ip_addresses.list() == [mine]
    assert [a.ip for a in region.admin.ip_addresses.list(all=True)] == ["10.0.0.60", "10.0.0.61"]
    assert [a.ip for a in region.admin.ip_addresses.list(owner="bob")] == ["10.0.0.61"]
    assert region.admin.ip_addresses.list(ip="10.0.0.61", all=True)[0].ip == "10.0.0.61"
    assert region.fake.requests.last.query == (("ip", "10.0.0.61"), ("all", "true"))


def test_release_frees_the_address(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    address = region.admin.ip_addresses.reserve(ip="10.0.0.60")
    address.release()
    assert region.fake.requests.last.status == 204
    assert region.admin.ip_addresses.list() == []
    assert region.admin.ip_addresses.reserve(ip="10.0.0.60").ip == "10.0.0.60"


def test_an_admin_may_force_release_someone_elses_address(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.bob.ip_addresses.reserve(ip="10.0.0.61")
    with pytest.raises(BadRequestError):
        region.admin.ip_addresses.release("10.0.0.61")
    region.admin.ip_addresses.release("10.0.0.61", force=True)
    assert region.bob.ip_addresses.list() == []


def test_reserve_refusals_carry_the_servers_texts(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.199")
    with pytest.raises(BadRequestError) as neither:
        region.admin.ip_addresses.reserve()
    assert neither.value.message == "Must supply either the 'subnet' or the 'ip' parameter."
    region.admin.ip_addresses.reserve(ip="10.0.0.60")
    with pytest.raises(NotFoundError) as taken:
        region.admin.ip_addresses.reserve(ip="10.0.0.60")
    assert taken.value.message == "The IP address 10.0.0.60 is already in use."
    with pytest.raises(PermissionDeniedError) as dynamic:
        region.admin.ip_addresses.reserve(ip="10.0.0.120")
    assert dynamic.value.message.startswith("IP address 10.0.0.120 belongs to an existing")


def test_release_of_an_unknown_address_is_a_bad_request(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.ip_addresses.release("10.0.0.99")
    assert caught.value.message.startswith("IP address 10.0.0.99 does not exist")


def test_non_admins_cannot_list_everything_or_force(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    with pytest.raises(PermissionDeniedError) as listing:
        region.bob.ip_addresses.list(all=True)
    assert listing.value.message == "Listing all IP addresses requires admin privileges."
    region.admin.ip_addresses.reserve(ip="10.0.0.60")
    with pytest.raises(PermissionDeniedError) as forcing:
        region.bob.ip_addresses.release("10.0.0.60", force=True)
    assert forcing.value.message == "Force-releasing an IP address requires admin privileges."
