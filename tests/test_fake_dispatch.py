"""Dispatch of the fake MAAS over loopback, pinned to REFERENCE.md §3, §22.1 and §22.3."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fake_http import J_NO_CHARSET, T_NO_CHARSET, Api, H, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS

CAPABILITIES = [
    "networks-management",
    "static-ipaddresses",
    "ipv6-deployment-ubuntu",
    "devices-management",
    "storage-deployment-ubuntu",
    "network-deployment-ubuntu",
    "bridging-interface-ubuntu",
    "bridging-automatic-ubuntu",
    "authenticate-api",
]


@pytest.fixture
def api() -> Iterator[Api]:
    with loopback(FakeMAAS(seed=7, strict=True)) as api:
        yield api


def test_version_is_compact_json_and_ignores_credentials(api: Api) -> None:
    expected = json.dumps({"capabilities": CAPABILITIES, "version": "3.4.10", "subversion": ""})
    for auth in (None, api.as_user(api.api_key.rsplit(":", 1)[0] + ":wrong")):
        response = api.get("version/", auth=auth)
        assert answer(response) == (200, J, expected)
        assert hashed(response)


def test_paths_outside_the_api_root(api: Api) -> None:
    assert answer(api.get("/MAAS/api/version/", auth=None)) == (200, T_NO_CHARSET, "2.0")
    for path in ("/MAAS/api", "/MAAS/api/version", "/MAAS/api/2.0"):
        response = api.get(path, auth=None, allow_redirects=False)
        assert (response.status_code, response.headers["Location"]) == (301, path + "/")
    response = api.get("/MAAS/api/", allow_redirects=False)
    assert (response.status_code, response.headers["Location"]) == (
        302,
        "/MAAS/?next=%2FMAAS%2Fapi%2F",
    )
    docs = api.get("/MAAS/api/docs/", allow_redirects=False)
    assert (docs.status_code, docs.headers["Location"]) == (
        302,
        "/MAAS/?next=%2FMAAS%2Fapi%2Fdocs%2F",
    )
    gone = "The 1.0 API is no longer available. Please use API version 2.0."
    for path in ("/MAAS/api/1.0/", "/MAAS/api/1.0/machines/"):
        assert answer(api.get(path, auth=None)) == (410, T_NO_CHARSET, gone)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", ""),
        ("GET", "foo/"),
        ("GET", "zones"),
        ("GET", "zones/default"),
        ("GET", "zones/default/extra/"),
        ("GET", "version"),
        ("POST", "zones"),
        ("GET", "vlans/"),
        ("GET", "resourcepool/"),
        ("GET", "resourcepools/0/"),
        ("GET", "openapi.yaml/"),
    ],
)
def test_unknown_endpoints_and_missing_slashes_are_404(api: Api, method: str, path: str) -> None:
    response = api.request(method, path)
    message = f"Unknown API endpoint: /MAAS/api/2.0/{path}."
    assert answer(response) == (404, T, message)
    assert not hashed(response)


def test_doubled_slash_is_tolerated(api: Api) -> None:
    response = api.get("/MAAS/api/2.0//zones/")
    assert response.status_code == 200
    assert [zone["name"] for zone in response.json()] == ["default"]


@pytest.mark.parametrize(
    ("method", "path", "op"),
    [
        ("GET", "zones/", "foo"),
        ("POST", "zones/", "foo"),
        ("GET", "events/", None),
        ("GET", "maas/", None),
        ("POST", "maas/", "get_config"),
        ("GET", "maas/", "set_config"),
        ("PUT", "zones/default/", "foo"),
        ("DELETE", "zones/default/", "foo"),
    ],
)
def test_unrecognised_signature(api: Api, method: str, path: str, op: str | None) -> None:
    response = api.request(method, path + (f"?op={op}" if op else ""))
    assert answer(response) == (400, T, f"Unrecognised signature: method={method} op={op}")
    assert not hashed(response)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "zones/", "GET, POST"),
        ("DELETE", "zones/", "GET, POST"),
        ("HEAD", "zones/", "GET, POST"),
        ("OPTIONS", "zones/", "GET, POST"),
        ("PATCH", "zones/default/", "GET, PUT, DELETE"),
        ("POST", "zones/default/", "GET, PUT, DELETE"),
        ("POST", "version/", "GET"),
        ("POST", "events/?op=query", "GET"),
        ("PUT", "users/admin/", "GET, DELETE"),
    ],
)
def test_method_not_allowed(api: Api, method: str, path: str, allow: str) -> None:
    response = api.request(method, path)
    assert (response.status_code, response.headers["Content-Type"]) == (405, H)
    assert response.headers["Allow"] == allow
    assert response.content == b""
    assert hashed(response)


def test_empty_op_counts_as_no_op(api: Api) -> None:
    assert api.get("zones/?op=").status_code == 200


def test_op_path_form(api: Api) -> None:
    response = api.get("users/op-whoami")
    assert response.status_code == 200
    assert response.json()["username"] == "admin"
    unknown = api.get("zones/op-foo")
    assert answer(unknown) == (404, T, "Unknown API endpoint: /MAAS/api/2.0/zones/op-foo.")
    wrong_method = api.post("users/op-whoami")
    assert answer(wrong_method) == (400, T, "Unrecognised signature: method=POST op=whoami")


def test_query_op_wins_over_body_op(api: Api) -> None:
    response = api.post("maas/?op=set_config", data={"op": "get_config", "name": "theme"})
    assert answer(response) == (400, T, "No provided value!")


def test_body_op_is_used_on_post_and_ignored_on_get(api: Api) -> None:
    response = api.post("maas/", data={"op": "set_config", "name": "theme", "value": "x"})
    assert answer(response) == (200, T_NO_CHARSET, "OK")
    ignored = api.get("version/", data={"op": "foo"}, auth=None)
    assert ignored.status_code == 200


def test_query_parameters_are_ignored_on_post_and_put(api: Api) -> None:
    response = api.post("zones/?name=x")
    assert answer(response) == (
        400,
        J,
        '{\n    "name": [\n        "This field is required."\n    ]\n}',
    )
    unchanged = api.put("zones/default/?description=x")
    assert unchanged.status_code == 200
    assert unchanged.json()["description"] == ""


def test_output_format_and_callback(api: Api) -> None:
    bad = api.get("zones/?format=xml")
    assert answer(bad) == (400, T_NO_CHARSET, "Invalid output format specified 'xml'.")
    assert hashed(bad)
    assert api.get("zones/?format=json").status_code == 200
    wrapped = api.get("zones/?callback=cb")
    assert wrapped.headers["Content-Type"] == J
    assert wrapped.text.startswith("cb([")
    assert wrapped.text.endswith("])")


def test_json_bodies(api: Api) -> None:
    created = api.post("zones/", json={"name": "jz", "description": "from json"})
    assert created.status_code == 200
    assert created.json()["description"] == "from json"
    bad = api.post("zones/", data="{bad json", headers={"Content-Type": "application/json"})
    assert answer(bad) == (400, T_NO_CHARSET, "Bad Request")
    plain = api.post("zones/", data="name=x", headers={"Content-Type": "text/plain"})
    assert answer(plain) == (
        400,
        J,
        '{\n    "name": [\n        "This field is required."\n    ]\n}',
    )


def test_multipart_bodies(api: Api) -> None:
    response = api.post(
        "zones/",
        files={"name": (None, "mz"), "description": (None, "multi")},
    )
    assert response.status_code == 200
    assert response.json()["name"] == "mz"


def test_pretty_json_has_four_space_indent_and_raw_utf8(api: Api) -> None:
    response = api.post("zones/", data={"name": "uz", "description": "zone é"})
    assert response.content.decode("utf-8") == (
        '{\n    "name": "uz",\n    "description": "zone é",\n    "id": 2,\n'
        '    "resource_uri": "/MAAS/api/2.0/zones/uz/"\n}'
    )


def test_get_config_is_a_compact_scalar_without_charset(api: Api) -> None:
    response = api.get("maas/?op=get_config&name=default_dns_ttl")
    assert answer(response) == (200, J_NO_CHARSET, "30")
    assert hashed(response)


def test_headers_every_api_answer_carries(api: Api) -> None:
    response = api.get("zones/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Vary"] == "Authorization, Cookie"
    error = api.get("zones/?op=foo")
    assert error.headers["Vary"] == "Cookie"
    assert "Vary" not in api.get("nothing/").headers
