"""How tags, zones, domains, users and subnets of the fake see devices and controllers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import Api, T, answer, loopback

from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=21, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def _create(api: Api, path: str, data: dict[str, Any]) -> dict[str, Any]:
    response = api.post(path, data=data)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def nodes(api: Api) -> dict[str, str]:
    machine = _create(
        api,
        "machines/",
        {
            "architecture": "amd64/generic",
            "mac_addresses": "52:54:00:a1:00:01",
            "power_type": "manual",
            "commission": "false",
            "hostname": "m1",
        },
    )
    device = _create(api, "devices/", {"mac_addresses": "52:54:00:a1:00:02", "hostname": "d1"})
    rack = api.get("rackcontrollers/").json()[0]
    region = api.get("regioncontrollers/").json()[0]
    return {
        "machine": machine["system_id"],
        "device": device["system_id"],
        "rack": rack["system_id"],
        "region": region["system_id"],
    }


def _listing(api: Api, tag: str, op: str) -> list[str]:
    response = api.get(f"tags/{tag}/", params={"op": op})
    assert response.status_code == 200
    return [node["hostname"] for node in response.json()]


def test_tag_listings_of_every_node_type(api: Api, nodes: dict[str, str]) -> None:
    _create(api, "tags/", {"name": "lab"})
    added = api.post("tags/lab/", params={"op": "update_nodes"}, data={"add": list(nodes.values())})
    assert added.json() == {"added": 4, "removed": 0}
    assert _listing(api, "lab", "devices") == ["d1"]
    assert _listing(api, "lab", "rack_controllers") == ["maas-rack"]
    assert _listing(api, "lab", "region_controllers") == ["maas-region"]
    assert _listing(api, "lab", "machines") == ["m1"]
    assert _listing(api, "lab", "nodes") == ["maas-region", "maas-rack", "m1", "d1"]
    device = api.get(f"devices/{nodes['device']}/").json()
    assert device["tag_names"] == ["lab"]
    filtered = api.get("nodes/", params={"tags": "lab"}).json()
    assert [n["hostname"] for n in filtered] == ["d1", "m1", "maas-rack", "maas-region"]


def test_tag_rename_removal_and_deletion_reach_devices(api: Api, nodes: dict[str, str]) -> None:
    _create(api, "tags/", {"name": "old"})
    api.post("tags/old/", params={"op": "update_nodes"}, data={"add": nodes["device"]})
    assert api.put("tags/old/", data={"name": "new"}).status_code == 200
    assert api.get(f"devices/{nodes['device']}/").json()["tag_names"] == ["new"]
    removed = api.post("tags/new/", params={"op": "update_nodes"}, data={"remove": nodes["rack"]})
    assert removed.json() == {"added": 0, "removed": 1}
    assert api.delete("tags/new/").status_code == 204
    assert api.get(f"devices/{nodes['device']}/").json()["tag_names"] == []


def test_deleted_zone_and_domain_send_devices_to_the_defaults(
    api: Api, nodes: dict[str, str]
) -> None:
    _create(api, "zones/", {"name": "gone"})
    domain = _create(api, "domains/", {"name": "lab.example"})
    changed = api.put(
        f"devices/{nodes['device']}/", data={"zone": "gone", "domain": str(domain["id"])}
    )
    assert changed.json()["fqdn"] == "d1.lab.example"
    assert api.delete("zones/gone/").status_code == 204
    assert api.delete(f"domains/{domain['id']}/").status_code == 204
    device = api.get(f"devices/{nodes['device']}/").json()
    assert (device["zone"]["name"], device["fqdn"]) == ("default", "d1.maas")


def test_a_user_owning_a_device_cannot_be_deleted_without_a_transfer(
    fake: FakeMAAS, api: Api
) -> None:
    carol = api.as_user(fake.add_user("carol"))
    owned = api.post("devices/", data={"mac_addresses": "52:54:00:a1:00:03"}, auth=carol)
    assert owned.json()["owner"] == "carol"
    assert answer(api.delete("users/carol/")) == (
        400,
        T,
        "User carol cannot be deleted: 1 node(s) are still allocated",
    )
    assert api.delete("users/carol/", params={"transfer_resources_to": "admin"}).status_code == 204
    assert api.get(f"devices/{owned.json()['system_id']}/").json()["owner"] == "admin"


def test_controllers_have_the_same_ids_in_every_fake_and_count_as_taken(
    fake: FakeMAAS, nodes: dict[str, str]
) -> None:
    other = FakeMAAS(seed=99)
    with loopback(other) as other_api:
        other_rack = other_api.get("rackcontrollers/").json()[0]["system_id"]
    assert other_rack == nodes["rack"]
    with fake.store.lock:
        assert fake.store.hooks.node_exists(nodes["rack"])
        assert fake.store.hooks.node_exists(nodes["device"])
        assert fake.store.hooks.node_exists(nodes["machine"])
        assert not fake.store.hooks.node_exists("nosuch")
