"""client.reserved_ips (MAAS 3.6+) against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.testing import FakeMAAS

MAC = "52:54:00:aa:bb:01"


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region(version="3.6.2")


def test_create_infers_the_subnet(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    reserved = region.admin.reserved_ips.create("10.0.0.50", MAC, comment="printer")
    assert (reserved.ip, reserved.mac_address, reserved.comment) == ("10.0.0.50", MAC, "printer")
    assert reserved.subnet == subnet
    assert reserved.resource_uri == f"/MAAS/api/2.0/reservedips/{reserved.id}/"
    assert repr(reserved) == f"<ReservedIP {reserved.id} 10.0.0.50 {MAC}>"


def test_list_get_save_and_delete(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    reserved = region.admin.reserved_ips.create("10.0.0.50", MAC, subnet=subnet)
    assert dict(region.fake.requests.last.form)["subnet"] == str(subnet.id)
    assert region.admin.reserved_ips.list() == [reserved]
    reserved.comment = "now with a comment"
    reserved.save()
    assert region.fake.requests.last.form == (("comment", "now with a comment"),)
    assert region.admin.reserved_ips.get(reserved.id).comment == "now with a comment"
    assert region.admin.reserved_ips.update(reserved, comment="").comment == ""
    assert reserved.refresh().comment == ""
    reserved.delete()
    with pytest.raises(NotFoundError) as caught:
        region.admin.reserved_ips.get(reserved.id)
    assert caught.value.message == "No ReservedIP matches the given query."


def test_duplicates_and_bad_addresses_are_field_errors(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    region.admin.ip_ranges.create("dynamic", "10.0.0.100", "10.0.0.199")
    region.admin.reserved_ips.create("10.0.0.50", MAC)
    with pytest.raises(BadRequestError) as same_ip:
        region.admin.reserved_ips.create("10.0.0.50", "52:54:00:aa:bb:02")
    assert same_ip.value.field_errors == {
        "ip": ["Reserved IP with this IP address already exists."]
    }
    with pytest.raises(BadRequestError) as dynamic:
        region.admin.reserved_ips.create("10.0.0.150", "52:54:00:aa:bb:03")
    assert dynamic.value.field_errors == {
        "ip": [
            "The reserved IP 10.0.0.150 must be outside the dynamic range 10.0.0.100 - 10.0.0.199."
        ]
    }
    with pytest.raises(BadRequestError) as nowhere:
        region.admin.reserved_ips.create("192.168.77.5", MAC)
    assert nowhere.value.field_errors == {
        "subnet": ["There is no subnet for 192.168.77.5. Create the subnet and try again."]
    }
    with pytest.raises(BadRequestError) as bad_mac:
        region.admin.reserved_ips.create("10.0.0.51", "not-a-mac")
    assert bad_mac.value.field_errors == {
        "mac_address": ["'not-a-mac' is not a valid MAC address."]
    }


def test_non_admins_can_read_but_not_reserve(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    reserved = region.admin.reserved_ips.create("10.0.0.50", MAC)
    assert region.bob.reserved_ips.get(reserved.id) == reserved
    with pytest.raises(PermissionDeniedError):
        region.bob.reserved_ips.create("10.0.0.51", "52:54:00:aa:bb:02")
    with pytest.raises(PermissionDeniedError):
        region.bob.reserved_ips.update(reserved, comment="x")
    with pytest.raises(PermissionDeniedError):
        region.bob.reserved_ips.delete(reserved)


def test_a_region_older_than_3_6_has_no_reserved_ips() -> None:
    fake = FakeMAAS(version="3.5.4")
    with fake.client() as client, pytest.raises(NotFoundError) as caught:
        client.reserved_ips.list()
    assert caught.value.message == "Unknown API endpoint: /MAAS/api/2.0/reservedips/."
