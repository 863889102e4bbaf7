"""Fabrics, VLANs, spaces and subnets of the fake MAAS, pinned to REFERENCE.md §22.9."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import J_NO_CHARSET, T_NO_CHARSET, Api, J, T, answer, loopback, oauth

from maas_sdk.testing import FakeMAAS

UNTAGGED_VLAN = {
    "vid": 0,
    "mtu": 1500,
    "dhcp_on": False,
    "external_dhcp": None,
    "relay_vlan": None,
    "fabric_id": 0,
    "secondary_rack": None,
    "primary_rack": None,
    "space": "undefined",
    "fabric": "fabric-0",
    "name": "untagged",
    "id": 5001,
    "resource_uri": "/MAAS/api/2.0/vlans/5001/",
}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=5, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def make_subnet(api: Api, cidr: str = "10.20.0.0/24", **fields: str) -> dict[str, Any]:
    response = api.post("subnets/", data={"cidr": cidr, **fields})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# -- fabrics and VLANs -------------------------------------------------------------------------


def test_fresh_region_has_fabric_0_with_its_untagged_vlan(api: Api) -> None:
    assert api.get("fabrics/").json() == [
        {
            "class_type": None,
            "name": "fabric-0",
            "id": 0,
            "vlans": [UNTAGGED_VLAN],
            "resource_uri": "/MAAS/api/2.0/fabrics/0/",
        }
    ]
    assert list(api.get("vlans/5001/").json()) == list(UNTAGGED_VLAN)


def test_create_fabric(api: Api) -> None:
    named = api.post("fabrics/", data={"name": "f1", "class_type": "10g"}).json()
    assert (named["name"], named["class_type"], named["id"]) == ("f1", "10g", 1)
    assert [vlan["name"] for vlan in named["vlans"]] == ["untagged"]
    assert list(named) == ["class_type", "name", "id", "vlans", "resource_uri"]
    unnamed = api.post("fabrics/").json()
    assert (unnamed["name"], unnamed["class_type"]) == (f"fabric-{unnamed['id']}", None)
    duplicate = api.post("fabrics/", data={"name": "f1"})
    assert duplicate.json() == {"name": ["Fabric with this Name already exists."]}


def test_fabric_errors(api: Api) -> None:
    not_found = (404, T_NO_CHARSET, "No Fabric matches the given query.")
    for response in (
        api.get("fabrics/99999/"),
        api.get("fabrics/nosuch/"),
        api.delete("fabrics/99999/"),
    ):
        assert answer(response) == not_found
    default = api.delete("fabrics/0/")
    assert answer(default) == (400, T, "This fabric is the default fabric, it cannot be deleted.")


def test_create_vlan(api: Api) -> None:
    fabric = api.post("fabrics/", data={"name": "f1"}).json()
    response = api.post(
        f"fabrics/{fabric['id']}/vlans/",
        data={"vid": "100", "name": "v", "mtu": "9000", "description": "dd"},
    )
    assert response.status_code == 200
    vlan = response.json()
    assert vlan == {
        "vid": 100,
        "mtu": 9000,
        "dhcp_on": False,
        "external_dhcp": None,
        "relay_vlan": None,
        "fabric_id": fabric["id"],
        "secondary_rack": None,
        "primary_rack": None,
        "space": "undefined",
        "fabric": "f1",
        "name": "v",
        "id": vlan["id"],
        "resource_uri": f"/MAAS/api/2.0/vlans/{vlan['id']}/",
    }
    again = api.post(f"fabrics/{fabric['id']}/vlans/", data={"vid": "100"})
    assert answer(again)[:2] == (400, J_NO_CHARSET)
    assert again.json() == {
        "__all__": ["A VLAN with the specified VID already exists in the destination fabric."]
    }


def test_vlan_vid_validation(api: Api) -> None:
    missing = api.post("fabrics/0/vlans/")
    assert missing.json() == {"vid": ["This field is required.", "VID must be between 0 and 4094."]}
    too_big = api.post("fabrics/0/vlans/", data={"vid": "5000"})
    assert too_big.json() == {"vid": ["VID must be between 0 and 4094."]}


def test_vlan_addressing(api: Api) -> None:
    vlan = api.post("fabrics/0/vlans/", data={"vid": "100"}).json()
    for path in ("fabrics/0/vlans/100/", f"vlans/{vlan['id']}/"):
        assert api.get(path).json() == vlan
    assert api.get("fabrics/0/vlans/0/").json() == UNTAGGED_VLAN
    assert api.get("fabrics/0/vlans/untagged/").json() == UNTAGGED_VLAN
    no_vlan = (404, T_NO_CHARSET, "No VLAN matches the given query.")
    assert answer(api.get(f"fabrics/0/vlans/{vlan['id']}/")) == no_vlan
    assert answer(api.get("fabrics/0/vlans/999/")) == no_vlan
    assert answer(api.put("fabrics/0/vlans/3999/", data={"name": "x"})) == no_vlan
    by_id = answer(api.get("vlans/999999/"))
    assert by_id == (404, T_NO_CHARSET, "VLAN with specified ID does not exist.")


def test_vlan_dhcp_checks_and_delete(api: Api) -> None:
    vlan = api.post("fabrics/0/vlans/", data={"vid": "100"}).json()
    no_range = api.put("fabrics/0/vlans/100/", data={"dhcp_on": "true"})
    assert no_range.json() == {
        "dhcp_on": ["dhcp can only be turned on when a dynamic IP range is defined."]
    }
    make_subnet(api, "10.30.0.0/24")
    api.post(
        "ipranges/",
        data={"type": "dynamic", "start_ip": "10.30.0.100", "end_ip": "10.30.0.150"},
    )
    no_rack = api.put("fabrics/0/vlans/0/", data={"dhcp_on": "1"})
    assert no_rack.json() == {
        "__all__": ["dhcp can only be turned on when a primary rack controller is set."]
    }
    assert answer(api.delete(f"vlans/{vlan['id']}/")) == (204, T_NO_CHARSET, "")
    untagged = api.delete("fabrics/0/vlans/0/")
    assert answer(untagged) == (
        400,
        T,
        "This VLAN is the default VLAN in the fabric, it cannot be deleted.",
    )


# -- spaces ------------------------------------------------------------------------------------


def test_create_space(api: Api) -> None:
    response = api.post("spaces/", data={"name": "s1", "description": "d"})
    assert response.json() == {
        "description": "d",
        "subnets": [],
        "resource_uri": f"/MAAS/api/2.0/spaces/{response.json()['id']}/",
        "vlans": [],
        "name": "s1",
        "id": response.json()["id"],
    }
    unnamed = api.post("spaces/", data={"description": "x"}).json()
    assert unnamed["name"] == f"space-{unnamed['id']}"
    duplicate = api.post("spaces/", data={"name": "s1"})
    assert duplicate.json() == {"name": ["Space with this Name already exists."]}


def test_undefined_space(api: Api) -> None:
    subnet = make_subnet(api)
    for path in ("spaces/undefined/", "spaces/-1/"):
        body = api.get(path).json()
        assert body["description"] == (
            "Backward compatibility object to ensure objects not associated with a space"
            " can be found."
        )
        assert [s["id"] for s in body["subnets"]] == [subnet["id"]]
        assert body["resource_uri"] == "/MAAS/api/2.0/spaces/undefined/"
    assert answer(api.put("spaces/undefined/", data={"name": "x"})) == (
        400,
        T,
        "Space cannot be modified: undefined",
    )
    assert answer(api.delete("spaces/-1/")) == (400, T, "Space cannot be deleted: undefined")
    assert answer(api.get("spaces/99999/")) == (
        404,
        T_NO_CHARSET,
        "No Space matches the given query.",
    )


def test_vlan_space_shows_on_its_subnets(api: Api) -> None:
    space = api.post("spaces/", data={"name": "s1"}).json()
    make_subnet(api)
    api.put("vlans/5001/", data={"space": "s1"})
    assert api.get("subnets/1/").json()["space"] == "s1"
    assert [s["cidr"] for s in api.get(f"spaces/{space['id']}/").json()["subnets"]] == [
        "10.20.0.0/24"
    ]
    assert "undefined" not in [s["name"] for s in api.get("spaces/").json()]


# -- subnets -----------------------------------------------------------------------------------


def test_create_subnet(api: Api) -> None:
    subnet = make_subnet(
        api, name="sn", fabric="0", gateway_ip="10.20.0.1", dns_servers="8.8.8.8 1.1.1.1"
    )
    assert len(subnet) == 15
    assert subnet["dns_servers"] == ["8.8.8.8", "1.1.1.1"]
    assert (subnet["rdns_mode"], subnet["space"], subnet["name"]) == (2, "undefined", "sn")
    assert subnet["vlan"] == UNTAGGED_VLAN
    assert (subnet["allow_dns"], subnet["allow_proxy"], subnet["active_discovery"]) == (
        True,
        True,
        False,
    )
    assert subnet["resource_uri"] == f"/MAAS/api/2.0/subnets/{subnet['id']}/"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"cidr": "10.20.0.0/24"}, {"cidr": ["Subnet with this Cidr already exists."]}),
        ({"cidr": "10.21.0.0/33"}, {"cidr": ["Required format: <network>/<prefixlen>."]}),
        ({}, {"cidr": ["This field is required."]}),
        (
            {"cidr": "10.22.0.0/24", "gateway_ip": "10.99.0.1"},
            {"gateway_ip": ["Gateway IP must be within CIDR range."]},
        ),
        (
            {"cidr": "10.23.0.0/24", "space": "s"},
            {
                "space": [
                    "Spaces may no longer be set on subnets. Set the space on the underlying VLAN."
                ]
            },
        ),
    ],
)
def test_subnet_validation(api: Api, data: dict[str, str], expected: object) -> None:
    make_subnet(api)
    response = api.post("subnets/", data=data)
    assert (response.status_code, response.json()) == (400, expected)


def test_subnet_addressing(api: Api) -> None:
    subnet = make_subnet(api, name="sn")
    for path in (
        f"subnets/{subnet['id']}/",
        "subnets/10.20.0.0/24/",
        "subnets/10.20.0.0%2F24/",
        "subnets/cidr:10.20.0.0/24/",
        "subnets/sn/",
        "subnets/name:sn/",
        "subnets/ip:10.20.0.77/",
    ):
        assert api.get(path).json() == subnet, path
    make_subnet(api, "10.20.0.0/16")
    ambiguous = api.get("subnets/ip:10.20.0.77/")
    assert answer(ambiguous) == (403, T, "Too many Subnet objects match the given query.")
    not_found = (404, T_NO_CHARSET, "No Subnet matches the given query.")
    for path in ("subnets/99999/", "subnets/nosuch/", "subnets/cidr:10.99.0.0/24/"):
        assert answer(api.get(path)) == not_found


def test_subnet_ranges_and_statistics(api: Api) -> None:
    subnet = make_subnet(api, gateway_ip="10.20.0.1")
    path = f"subnets/{subnet['id']}/"
    reserved = api.get(path + "?op=reserved_ip_ranges")
    assert reserved.json() == [
        {"start": "10.20.0.1", "end": "10.20.0.1", "num_addresses": 1, "purpose": ["gateway-ip"]}
    ]
    unreserved = api.get(path + "?op=unreserved_ip_ranges")
    assert unreserved.json() == [{"start": "10.20.0.2", "end": "10.20.0.254", "num_addresses": 253}]
    statistics = api.get(path + "?op=statistics")
    assert statistics.text == (
        '{\n    "num_available": 253,\n    "largest_available": 253,\n'
        '    "num_unavailable": 1,\n    "total_addresses": 254,\n'
        '    "usage": 0.003937007874015748,\n    "usage_string": "0%",\n'
        '    "available_string": "100%",\n    "first_address": "10.20.0.1",\n'
        '    "last_address": "10.20.0.254",\n    "ip_version": 4\n}'
    )
    api.post(
        "ipranges/", data={"type": "reserved", "start_ip": "10.20.0.10", "end_ip": "10.20.0.20"}
    )
    purposes = [r["purpose"] for r in api.get(path + "?op=reserved_ip_ranges").json()]
    assert purposes == [["gateway-ip"], ["reserved"]]


def test_subnet_ip_addresses(api: Api) -> None:
    subnet = make_subnet(api)
    path = f"subnets/{subnet['id']}/?op=ip_addresses"
    for value in ("true", "1", "yes", "on", "false", "0", "no", "off"):
        assert answer(api.get(f"{path}&with_summary={value}")) == (200, J, "[]")
    bad = api.get(path + "&with_username=maybe")
    assert answer(bad) == (400, T, "Invalid with_username: Value should be 'true' or 'false'")
    api.post("ipaddresses/?op=reserve", data={"ip": "10.20.0.60"})
    listed = api.get(path).json()
    assert [(item["ip"], item["alloc_type"], item["user"]) for item in listed] == [
        ("10.20.0.60", 4, "admin")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("1", True),
        ("on", True),
        ("yes", True),
        ("false", False),
        ("0", True),
        ("off", True),
        ("no", True),
        ("", False),
        ("maybe", True),
    ],
)
def test_subnet_booleans_use_the_django_checkbox_parser(
    api: Api, value: str, expected: bool
) -> None:
    subnet = make_subnet(api)
    api.put(f"subnets/{subnet['id']}/", data={"allow_dns": "false"})
    updated = api.put(f"subnets/{subnet['id']}/", data={"allow_dns": value})
    assert updated.json()["allow_dns"] is expected


def test_subnet_writes_are_admin_only(fake: FakeMAAS, api: Api) -> None:
    user = oauth(fake.add_user("bob"))
    response = api.post("subnets/", data={"cidr": "10.9.0.0/24"}, auth=user)
    assert answer(response) == (403, T, "This method is reserved for admin users.")
