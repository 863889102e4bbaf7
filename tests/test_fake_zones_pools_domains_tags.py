"""Zones, resource pools, domains and tags of the fake MAAS, pinned to REFERENCE.md §22.8."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_http import T_NO_CHARSET, Api, J, T, answer, hashed, loopback, oauth
from requests_oauthlib import OAuth1

from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=11, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


@pytest.fixture
def user(fake: FakeMAAS) -> OAuth1:
    return oauth(fake.add_user("bob"))


# -- zones -------------------------------------------------------------------------------------


def test_create_zone_answers_the_zone(api: Api) -> None:
    response = api.post("zones/", data={"name": "z1", "description": "d"})
    assert answer(response)[:2] == (200, J)
    assert response.json() == {
        "name": "z1",
        "description": "d",
        "id": 2,
        "resource_uri": "/MAAS/api/2.0/zones/z1/",
    }
    assert list(response.json()) == ["name", "description", "id", "resource_uri"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"name": "default"}, {"name": ["Physical zone with this Name already exists."]}),
        ({}, {"name": ["This field is required."]}),
        ({"name": "bad name!"}, {"name": ["Enter a valid value."]}),
    ],
)
def test_create_zone_validation(api: Api, data: dict[str, str], expected: object) -> None:
    response = api.post("zones/", data=data)
    assert (response.status_code, response.headers["Content-Type"]) == (400, J)
    assert response.json() == expected
    assert not hashed(response)


def test_zone_lookups_by_name_only(api: Api) -> None:
    not_found = (404, T_NO_CHARSET, "No Zone matches the given query.")
    assert answer(api.get("zones/1/")) == not_found
    assert answer(api.get("zones/nosuch/")) == not_found
    assert answer(api.put("zones/nosuch/", data={"description": "x"})) == not_found
    assert hashed(api.get("zones/nosuch/"))


def test_zone_update_and_rename(api: Api) -> None:
    api.post("zones/", data={"name": "z1"})
    updated = api.put("zones/z1/", data={"foo": "bar", "description": "d2"})
    assert updated.json()["description"] == "d2"
    renamed = api.put("zones/z1/", data={"name": "z2"})
    assert renamed.json()["resource_uri"] == "/MAAS/api/2.0/zones/z2/"
    assert api.get("zones/z1/").status_code == 404
    assert api.get("zones/z2/").status_code == 200


def test_zone_delete(api: Api) -> None:
    api.post("zones/", data={"name": "z1"})
    for _ in range(2):
        response = api.delete("zones/z1/")
        assert answer(response) == (204, T_NO_CHARSET, "")
        assert hashed(response)
    default = api.delete("zones/default/")
    assert answer(default) == (400, T, "This zone is the default zone, it cannot be deleted.")


def test_zone_writes_are_admin_only(api: Api, user: OAuth1) -> None:
    reserved = (403, T, "This method is reserved for admin users.")
    assert answer(api.post("zones/", data={"name": "z"}, auth=user)) == reserved
    assert answer(api.put("zones/default/", data={"description": "x"}, auth=user)) == reserved
    assert answer(api.delete("zones/default/", auth=user)) == reserved
    assert api.get("zones/default/", auth=user).status_code == 200


def test_zones_are_listed_by_name(api: Api) -> None:
    for name in ("zz", "aa"):
        api.post("zones/", data={"name": name})
    assert [zone["name"] for zone in api.get("zones/").json()] == ["aa", "default", "zz"]


# -- resource pools ----------------------------------------------------------------------------


def test_create_and_read_pool(api: Api) -> None:
    response = api.post("resourcepools/", data={"name": "p1", "description": "d"})
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "name": "p1",
        "description": "d",
        "id": 1,
        "resource_uri": "/MAAS/api/2.0/resourcepool/1/",
    }
    assert api.get("resourcepool/1/").json() == body
    assert api.get("resourcepool/p1/").json() == body


def test_default_pool(api: Api) -> None:
    assert api.get("resourcepools/").json() == [
        {
            "name": "default",
            "description": "Default pool",
            "id": 0,
            "resource_uri": "/MAAS/api/2.0/resourcepool/0/",
        }
    ]
    message = "This is the default pool, it cannot be deleted."
    assert answer(api.delete("resourcepool/0/")) == (400, T, message)
    assert answer(api.delete("resourcepool/default/")) == (400, T, message)


def test_pool_errors(api: Api, user: OAuth1) -> None:
    duplicate = api.post("resourcepools/", data={"name": "default"})
    assert duplicate.json() == {"name": ["Resource pool with this Name already exists."]}
    not_found = (404, T_NO_CHARSET, "No ResourcePool matches the given query.")
    assert answer(api.get("resourcepool/99999/")) == not_found
    assert answer(api.get("resourcepool/nosuch/")) == not_found
    assert answer(api.post("resourcepools/", data={"name": "x"}, auth=user)) == (403, T, "")
    assert answer(api.delete("resourcepool/0/", auth=user)) == (403, T, "")


def test_pool_delete_then_404(api: Api) -> None:
    api.post("resourcepools/", data={"name": "p1"})
    assert answer(api.delete("resourcepool/1/")) == (204, T_NO_CHARSET, "")
    assert answer(api.delete("resourcepool/1/"))[0] == 404


# -- tags --------------------------------------------------------------------------------------


def test_create_tag(api: Api) -> None:
    response = api.post("tags/", data={"name": "t1", "comment": "c"})
    assert response.status_code == 200
    assert response.json() == {
        "name": "t1",
        "definition": "",
        "comment": "c",
        "kernel_opts": "",
        "resource_uri": "/MAAS/api/2.0/tags/t1/",
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"name": "bad name"}, {"name": ["Enter a valid value."]}),
        ({}, {"name": ["This field is required."]}),
        (
            {"name": "t2", "definition": "//node[["},
            {"definition": ["Invalid xpath expression: Invalid expression"]},
        ),
    ],
)
def test_tag_validation(api: Api, data: dict[str, str], expected: object) -> None:
    response = api.post("tags/", data=data)
    assert (response.status_code, response.json()) == (400, expected)


def test_tag_duplicate_and_permissions(api: Api, user: OAuth1) -> None:
    api.post("tags/", data={"name": "t1"})
    duplicate = api.post("tags/", data={"name": "t1"})
    assert duplicate.json() == {"name": ["Tag with this Name already exists."]}
    assert answer(api.post("tags/", data={"name": "t3"}, auth=user)) == (403, T, "")
    assert answer(api.delete("tags/t1/", auth=user)) == (403, T, "")
    refused = api.post("tags/t1/?op=update_nodes", data={"add": "x"}, auth=user)
    assert answer(refused) == (403, T, "Must be a superuser or supply a rack_controller")


def test_tag_update_nodes_and_listings_without_nodes(api: Api) -> None:
    api.post("tags/", data={"name": "t1"})
    response = api.post("tags/t1/?op=update_nodes", data={"add": "nosuch"})
    assert answer(response) == (200, J, '{\n    "added": 0,\n    "removed": 0\n}')
    conflict = api.post("tags/t1/?op=update_nodes", data={"add": "a", "definition": "//x"})
    assert answer(conflict) == (
        409,
        T,
        "Definition supplied '//x' doesn't match current definition ''",
    )
    assert hashed(conflict)
    for kind in ("machines", "nodes", "devices", "rack_controllers", "region_controllers"):
        assert answer(api.get(f"tags/t1/?op={kind}")) == (200, J, "[]")
    assert api.post("tags/t1/?op=rebuild").json() == {"rebuilding": "t1"}


def test_tag_update_rename_and_delete(api: Api) -> None:
    api.post("tags/", data={"name": "t1"})
    updated = api.put("tags/t1/", data={"comment": "c2", "foo": "x"})
    assert updated.json()["comment"] == "c2"
    renamed = api.put("tags/t1/", data={"name": "t2"})
    assert renamed.json()["resource_uri"] == "/MAAS/api/2.0/tags/t2/"
    assert answer(api.delete("tags/t2/")) == (204, T_NO_CHARSET, "")
    assert answer(api.delete("tags/t2/")) == (404, T_NO_CHARSET, "No Tag matches the given query.")


# -- domains -----------------------------------------------------------------------------------


def test_create_domain(api: Api) -> None:
    response = api.post(
        "domains/", data={"name": "example.com", "authoritative": "true", "ttl": "300"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "authoritative": True,
        "ttl": 300,
        "is_default": False,
        "resource_record_count": 0,
        "name": "example.com",
        "id": 1,
        "resource_uri": "/MAAS/api/2.0/domains/1/",
    }
    assert list(response.json())[:3] == ["authoritative", "ttl", "is_default"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"name": "maas"}, {"name": ["Domain with this Name already exists."]}),
        ({}, {"name": ["This field is required."]}),
        (
            {"name": "bad_name!"},
            {
                "name": [
                    "Domain name contains invalid characters.",
                    "Label contains disallowed characters: 'bad_name!'.",
                ]
            },
        ),
    ],
)
def test_domain_validation(api: Api, data: dict[str, str], expected: object) -> None:
    response = api.post("domains/", data=data)
    assert (response.status_code, response.json()) == (400, expected)


def test_domain_authoritative_is_a_null_boolean(api: Api) -> None:
    assert api.post("domains/", data={"name": "d0", "authoritative": "0"}).json()["authoritative"]
    created = api.post("domains/", data={"name": "d1", "authoritative": "false"}).json()
    assert created["authoritative"] is False
    path = f"domains/{created['id']}/"
    for value in ("yes", "1", "on", "TRUE"):
        assert api.put(path, data={"authoritative": value}).json()["authoritative"] is False
    assert api.put(path, data={"authoritative": "true"}).json()["authoritative"] is True
    for value in ("no", "0", "off", "FALSE", ""):
        assert api.put(path, data={"authoritative": value}).json()["authoritative"] is True


def test_domain_set_serial(api: Api) -> None:
    assert answer(api.post("domains/?op=set_serial", data={"serial": "42"})) == (200, J, "null")
    bad = api.post("domains/?op=set_serial", data={"serial": "abc"})
    assert (bad.status_code, bad.json()) == (400, {"serial": ["Expected a serial number"]})
    missing = api.post("domains/?op=set_serial")
    assert (missing.status_code, missing.json()) == (400, {"serial": ["Missing parameter"]})


def test_domain_lookup_default_and_delete(api: Api) -> None:
    not_found = (404, T_NO_CHARSET, "No Domain matches the given query.")
    assert answer(api.get("domains/99999/")) == not_found
    assert answer(api.get("domains/nosuch.example/")) == not_found
    assert api.get("domains/maas/").json()["id"] == 0
    message = "This domain is the default domain, it cannot be deleted."
    assert answer(api.delete("domains/0/")) == (400, T, message)
    created = api.post("domains/", data={"name": "other"}).json()
    made_default = api.post(f"domains/{created['id']}/?op=set_default").json()
    assert made_default["is_default"] is True
    assert api.get("domains/0/").json()["is_default"] is False
    assert answer(api.delete("domains/0/")) == (204, T_NO_CHARSET, "")
