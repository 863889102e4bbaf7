"""IP ranges, reserved addresses and static routes of the fake MAAS (REFERENCE.md §22.9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import T_NO_CHARSET, Api, J, T, answer, hashed, loopback, oauth

from maas_sdk.testing import FakeMAAS


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


# -- IP ranges ---------------------------------------------------------------------------------


def test_create_reserved_range(api: Api) -> None:
    make_subnet(api)
    response = api.post(
        "ipranges/",
        data={"type": "reserved", "start_ip": "10.20.0.10", "end_ip": "10.20.0.20", "comment": "c"},
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "subnet",
        "type",
        "start_ip",
        "end_ip",
        "comment",
        "user",
        "id",
        "resource_uri",
    ]
    assert body["user"] == {
        "is_superuser": True,
        "username": "admin",
        "email": "admin@example.com",
        "is_local": True,
        "resource_uri": "/MAAS/api/2.0/users/admin/",
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"type": "reserved", "start_ip": "10.20.0.15", "end_ip": "10.20.0.25"},
            {
                "start_ip": ["Requested reserved range conflicts with an existing range."],
                "end_ip": ["Requested reserved range conflicts with an existing range."],
            },
        ),
        (
            {"type": "dynamic", "start_ip": "10.20.0.15", "end_ip": "10.20.0.25"},
            {
                "start_ip": [
                    "Requested dynamic range conflicts with an existing IP address or range."
                ],
                "end_ip": [
                    "Requested dynamic range conflicts with an existing IP address or range."
                ],
            },
        ),
        (
            {"type": "reserved", "start_ip": "10.77.0.1", "end_ip": "10.77.0.5"},
            {"subnet": ["This field is required."]},
        ),
        (
            {"type": "reserved", "start_ip": "10.20.0.50", "end_ip": "10.20.0.40"},
            {"end_ip": ["End IP address must not be less than Start IP address."]},
        ),
        (
            {"type": "bogus", "start_ip": "10.20.0.50", "end_ip": "10.20.0.60"},
            {"type": ["Select a valid choice. bogus is not one of the available choices."]},
        ),
        (
            {},
            {
                "subnet": ["This field is required."],
                "type": ["This field is required."],
                "start_ip": [
                    "This field is required.",
                    "Start IP address and end IP address are both required.",
                ],
                "end_ip": [
                    "This field is required.",
                    "Start IP address and end IP address are both required.",
                ],
            },
        ),
    ],
)
def test_iprange_validation(api: Api, data: dict[str, str], expected: object) -> None:
    make_subnet(api)
    api.post(
        "ipranges/", data={"type": "reserved", "start_ip": "10.20.0.10", "end_ip": "10.20.0.20"}
    )
    response = api.post("ipranges/", data=data)
    assert (response.status_code, response.headers["Content-Type"]) == (400, J)
    assert response.json() == expected
    assert list(response.json()) == list(expected)  # type: ignore[call-overload]


def test_iprange_permissions(fake: FakeMAAS, api: Api) -> None:
    make_subnet(api)
    user = oauth(fake.add_user("bob"))
    dynamic = api.post(
        "ipranges/",
        data={"type": "dynamic", "start_ip": "10.20.0.100", "end_ip": "10.20.0.110"},
        auth=user,
    )
    assert answer(dynamic) == (
        403,
        T,
        "Unable to create dynamic IP range. You don't have sufficient privileges.",
    )
    own = api.post(
        "ipranges/",
        data={"type": "reserved", "start_ip": "10.20.0.100", "end_ip": "10.20.0.110"},
        auth=user,
    )
    assert own.json()["user"]["username"] == "bob"
    admins = api.post(
        "ipranges/", data={"type": "reserved", "start_ip": "10.20.0.1", "end_ip": "10.20.0.5"}
    )
    not_owner = (403, T, "Unable to modify IP range. You don't own the IP range.")
    path = f"ipranges/{admins.json()['id']}/"
    assert answer(api.put(path, data={"comment": "x"}, auth=user)) == not_owner
    assert answer(api.delete(path, auth=user)) == not_owner
    assert answer(api.get("ipranges/99999/")) == (
        404,
        T_NO_CHARSET,
        "No IPRange matches the given query.",
    )


# -- IP addresses ------------------------------------------------------------------------------


def test_reserve_and_release_addresses(fake: FakeMAAS, api: Api) -> None:
    make_subnet(api)
    reserved = api.post("ipaddresses/?op=reserve", data={"ip": "10.20.0.60"})
    body = reserved.json()
    assert (body["ip"], body["alloc_type"], body["alloc_type_name"]) == (
        "10.20.0.60",
        4,
        "User reserved",
    )
    assert list(body) == [
        "created",
        "ip",
        "alloc_type",
        "subnet",
        "alloc_type_name",
        "owner",
        "interface_set",
        "resource_uri",
    ]
    again = api.post("ipaddresses/?op=reserve", data={"ip": "10.20.0.60"})
    assert answer(again) == (404, T, "The IP address 10.20.0.60 is already in use.")
    first_free = api.post("ipaddresses/?op=reserve", data={"subnet": "10.20.0.0/24"}).json()
    assert first_free["ip"] == "10.20.0.1"
    neither = api.post("ipaddresses/?op=reserve")
    assert answer(neither) == (400, T, "Must supply either the 'subnet' or the 'ip' parameter.")
    assert [item["ip"] for item in api.get("ipaddresses/").json()] == ["10.20.0.1", "10.20.0.60"]
    released = api.post("ipaddresses/?op=release", data={"ip": "10.20.0.60"})
    assert answer(released) == (204, T_NO_CHARSET, "")
    assert hashed(released)
    unknown = api.post("ipaddresses/?op=release", data={"ip": "10.20.0.60"})
    assert answer(unknown) == (
        400,
        T,
        "IP address 10.20.0.60 does not exist, is not the correct type of address, or does not"
        " belong to the requesting user.\nIf you are sure you want to release this address, use"
        " force=true as a MAAS administrator.",
    )
    user = oauth(fake.add_user("bob"))
    listing = api.get("ipaddresses/?all=1", auth=user)
    assert answer(listing) == (
        403,
        T_NO_CHARSET,
        "Listing all IP addresses requires admin privileges.",
    )
    assert hashed(listing)


def test_reserve_inside_a_dynamic_range_needs_a_mac(api: Api) -> None:
    make_subnet(api)
    api.post(
        "ipranges/", data={"type": "dynamic", "start_ip": "10.20.0.100", "end_ip": "10.20.0.150"}
    )
    response = api.post("ipaddresses/?op=reserve", data={"ip": "10.20.0.120"})
    assert answer(response) == (
        403,
        T,
        "IP address 10.20.0.120 belongs to an existing dynamic range. To reserve this IP"
        " address, a MAC address is required. (Create a device instead.)",
    )


# -- static routes -----------------------------------------------------------------------------


def test_static_routes(api: Api) -> None:
    source = make_subnet(api, "10.20.0.0/24")
    destination = make_subnet(api, "10.40.0.0/24")
    assert answer(api.get("static-routes/")) == (200, J, "[]")
    response = api.post(
        "static-routes/",
        data={
            "source": source["cidr"],
            "destination": str(destination["id"]),
            "gateway_ip": "10.20.0.254",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["source", "destination", "gateway_ip", "metric", "id", "resource_uri"]
    assert (body["source"], body["destination"], body["metric"]) == (source, destination, 0)
    path = f"static-routes/{body['id']}/"
    assert api.put(path, data={"metric": "5"}).json()["metric"] == 5
    assert answer(api.delete(path)) == (204, T_NO_CHARSET, "")
    assert answer(api.get("static-routes/99999/")) == (
        404,
        T_NO_CHARSET,
        "No StaticRoute matches the given query.",
    )
