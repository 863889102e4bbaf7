"""What the fake answers on the wire for devices, controllers and ``nodes/`` (REFERENCE.md §22).

A plain ``requests`` client on the loopback server checks statuses, content types, hash
headers and literal texts, as any MAAS client would see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import T_NO_CHARSET, Api, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS

DEVICE_KEYS_34 = {
    "address_ttl",
    "description",
    "domain",
    "fqdn",
    "hostname",
    "interface_set",
    "node_type",
    "node_type_name",
    "owner",
    "owner_data",
    "parent",
    "resource_uri",
    "system_id",
    "tag_names",
    "workload_annotations",
    "zone",
}
REGION_KEYS_34 = {
    "architecture",
    "commissioning_status",
    "commissioning_status_name",
    "cpu_count",
    "cpu_speed",
    "cpu_test_status",
    "cpu_test_status_name",
    "current_commissioning_result_id",
    "current_installation_result_id",
    "current_testing_result_id",
    "description",
    "distro_series",
    "domain",
    "fqdn",
    "hardware_info",
    "hardware_uuid",
    "hostname",
    "interface_set",
    "interface_test_status",
    "interface_test_status_name",
    "memory",
    "memory_test_status",
    "memory_test_status_name",
    "network_test_status",
    "network_test_status_name",
    "node_type",
    "node_type_name",
    "osystem",
    "other_test_status",
    "other_test_status_name",
    "power_state",
    "power_type",
    "resource_uri",
    "status_action",
    "storage_test_status",
    "storage_test_status_name",
    "swap_size",
    "system_id",
    "tag_names",
    "testing_status",
    "testing_status_name",
    "version",
    "zone",
}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=3, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def _device(api: Api, mac: str = "52:54:00:e0:00:01") -> dict[str, Any]:
    response = api.post("devices/", data={"hostname": "dev1", "mac_addresses": mac})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def test_create_device_answers_the_16_keys_of_a_34_region(api: Api) -> None:
    response = api.post("devices/", data={"hostname": "dev1", "mac_addresses": "52:54:00:e0:00:01"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == J
    assert hashed(response)
    body = response.json()
    assert set(body) == DEVICE_KEYS_34
    assert (body["node_type"], body["node_type_name"], body["owner"]) == (1, "Device", "admin")
    assert body["parent"] is None


def test_a_37_region_adds_ip_addresses() -> None:
    with loopback(FakeMAAS(version="3.7.3", strict=True)) as api:
        body = _device(api)
        assert set(body) == DEVICE_KEYS_34 | {"ip_addresses"}
        assert body["ip_addresses"] == []


def test_device_errors_are_literal(api: Api) -> None:
    device = _device(api)
    assert answer(api.get("devices/nosuch/")) == (
        404,
        T_NO_CHARSET,
        "No Device matches the given query.",
    )
    used = api.post("devices/", data={"mac_addresses": "52:54:00:e0:00:01"})
    assert (used.status_code, used.headers["Content-Type"]) == (400, J)
    assert used.json() == {
        "mac_addresses": ["MAC address 52:54:00:e0:00:01 already in use on dev1."]
    }
    bad_zone = api.put(f"devices/{device['system_id']}/", data={"zone": "nosuchzone"})
    assert bad_zone.json() == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."]
    }
    deleted = api.delete(f"devices/{device['system_id']}/")
    assert answer(deleted) == (204, T_NO_CHARSET, "")
    assert api.delete(f"devices/{device['system_id']}/").status_code == 404


def test_device_details_is_the_17_byte_bson_of_nulls(api: Api) -> None:
    device = _device(api)
    response = api.get(f"devices/{device['system_id']}/", params={"op": "details"})
    assert (response.status_code, response.headers["Content-Type"]) == (200, "application/bson")
    assert len(response.content) == 17


def test_anonymous_requests(api: Api) -> None:
    assert answer(api.get("devices/", auth=None)) == (
        400,
        T,
        "Unrecognised signature: method=GET op=None",
    )
    registered = api.get(
        "nodes/", params={"op": "is_registered", "mac_address": "52:54:00:e0:00:09"}, auth=None
    )
    assert (registered.status_code, registered.json()) == (200, False)
    in_progress = api.get(
        "devices/",
        params={"op": "is_action_in_progress", "mac_address": "52:54:00:e0:00:09"},
        auth=None,
    )
    assert in_progress.json() is False


def test_is_action_in_progress_is_anonymous_only(api: Api) -> None:
    response = api.get(
        "nodes/", params={"op": "is_action_in_progress", "mac_address": "52:54:00:e0:00:09"}
    )
    assert answer(response) == (
        400,
        T,
        "Unrecognised signature: method=GET op=is_action_in_progress",
    )


def test_anonymous_is_registered_ignores_new_nodes(api: Api) -> None:
    _device(api, "52:54:00:e0:00:02")
    params = {"op": "is_registered", "mac_address": "52:54:00:e0:00:02"}
    assert api.get("devices/", params=params).json() is True
    assert api.get("devices/", params=params, auth=None).json() is False
    missing = api.get("devices/", params={"op": "is_registered"})
    assert answer(missing) == (400, T, "No provided mac_address!")


def test_a_fresh_region_has_a_region_and_a_rack_controller(api: Api) -> None:
    regions = api.get("regioncontrollers/").json()
    racks = api.get("rackcontrollers/").json()
    assert [(r["hostname"], r["node_type"]) for r in regions] == [("maas-region", 3)]
    assert [(r["hostname"], r["node_type"]) for r in racks] == [("maas-rack", 2)]
    assert set(regions[0]) == REGION_KEYS_34
    assert set(racks[0]) == REGION_KEYS_34 | {"service_set"}
    assert regions[0]["version"] == "3.4.10"
    assert racks[0]["resource_uri"] == f"/MAAS/api/2.0/rackcontrollers/{racks[0]['system_id']}/"


def test_commissioning_results_of_a_fresh_region_are_empty(api: Api) -> None:
    assert answer(api.get("commissioning-results/")) == (200, J, "[]")


def test_describe_power_types(fake: FakeMAAS, api: Api) -> None:
    params = {"op": "describe_power_types"}
    drivers = api.get("rackcontrollers/", params=params).json()
    assert len(drivers) == 24
    assert [d["description"] for d in drivers] == sorted(d["description"] for d in drivers)
    assert {"ipmi", "manual", "virsh", "lxd", "redfish"} <= {d["name"] for d in drivers}
    bob = api.as_user(fake.add_user("bob"))
    assert answer(api.get("rackcontrollers/", params=params, auth=bob)) == (
        403,
        T,
        "This method is reserved for admin users.",
    )


def test_nodes_errors(api: Api) -> None:
    assert answer(api.get("nodes/nosuch/")) == (
        404,
        T_NO_CHARSET,
        "No Node matches the given query.",
    )
    rack = api.get("rackcontrollers/").json()[0]
    assert api.get(f"regioncontrollers/{rack['system_id']}/").text == (
        "No RegionController matches the given query."
    )
    assert api.get("rackcontrollers/nosuch/").text == "No RackController matches the given query."


def test_unknown_list_filters_are_refused_like_machines(api: Api) -> None:
    for path in ("devices/", "nodes/", "rackcontrollers/", "regioncontrollers/"):
        response = api.get(path, params={"foo": "bar"})
        assert (response.status_code, response.headers["Content-Type"]) == (400, J)
        assert response.json() == {"foo": ["No such constraint."]}
