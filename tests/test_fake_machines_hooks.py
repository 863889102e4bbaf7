"""How the fake's other resources see machines: tags, zones, pools, users, subnets, events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import Api, T, answer, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import machines_of

NEW = {"architecture": "amd64/generic", "power_type": "manual", "commission": "false"}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=19, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def create(api: Api, mac: str, **fields: str) -> dict[str, Any]:
    body: dict[str, Any] = api.post(
        "machines/", data={**NEW, "mac_addresses": mac, **fields}
    ).json()
    return body


def test_tags_follow_machines(api: Api) -> None:
    first = create(api, "52:54:00:60:00:01")
    second = create(api, "52:54:00:60:00:02")
    api.post("tags/", data={"name": "ssd"})
    result = api.post(
        "tags/ssd/",
        params={"op": "update_nodes"},
        data={"add": [first["system_id"], second["system_id"], "nosuch"]},
    )
    assert result.json() == {"added": 2, "removed": 0}
    tagged = api.get("tags/ssd/", params={"op": "machines"}).json()
    assert [m["system_id"] for m in tagged] == [first["system_id"], second["system_id"]]
    api.post("tags/ssd/", params={"op": "update_nodes"}, data={"remove": first["system_id"]})
    assert api.get(f"machines/{first['system_id']}/").json()["tag_names"] == []
    api.put("tags/ssd/", data={"name": "fast"})
    assert api.get(f"machines/{second['system_id']}/").json()["tag_names"] == ["fast"]
    api.delete("tags/fast/")
    assert api.get(f"machines/{second['system_id']}/").json()["tag_names"] == []


def test_deleting_a_zone_or_pool_moves_its_machines_to_the_default(api: Api) -> None:
    machine = create(api, "52:54:00:60:00:01")
    api.post("zones/", data={"name": "z2"})
    api.post("resourcepools/", data={"name": "p2"})
    url = f"machines/{machine['system_id']}/"
    api.put(url, data={"zone": "z2", "pool": "p2"})
    api.delete("zones/z2/")
    pool_id = api.get(url).json()["pool"]["id"]
    api.delete(f"resourcepool/{pool_id}/")
    moved = api.get(url).json()
    assert (moved["zone"]["name"], moved["pool"]["name"]) == ("default", "default")


def test_a_user_owning_machines_cannot_be_deleted(fake: FakeMAAS, api: Api) -> None:
    fake.add_user("bob")
    machine = create(api, "52:54:00:60:00:01", deployed="true")
    with fake.store.lock:
        machines_of(fake).machines[machine["system_id"]].owner = "bob"
    assert answer(api.delete("users/bob/")) == (
        400,
        T,
        "User bob cannot be deleted: 1 node(s) are still allocated",
    )
    assert api.delete("users/bob/", params={"transfer_resources_to": "admin"}).status_code == 204
    assert api.get(f"machines/{machine['system_id']}/").json()["owner"] == "admin"


def test_deleting_a_subnet_removes_the_links(api: Api) -> None:
    machine = create(api, "52:54:00:60:00:01")
    subnet = api.post("subnets/", data={"cidr": "10.40.0.0/24"}).json()
    url = f"nodes/{machine['system_id']}/interfaces/eth0/"
    api.post(url, params={"op": "link_subnet"}, data={"mode": "auto", "subnet": str(subnet["id"])})
    assert api.get(url).json()["links"]
    api.delete(f"subnets/{subnet['id']}/")
    assert api.get(url).json()["links"] == []


def test_machine_events_are_queryable(api: Api) -> None:
    machine = create(api, "52:54:00:60:00:01", hostname="evented")
    api.post(f"machines/{machine['system_id']}/", params={"op": "commission"})
    events = api.get("events/", params={"op": "query", "hostname": "evented"}).json()["events"]
    assert [e["type"] for e in events] == ["Commissioning", "User starting node commissioning"]
    assert {e["username"] for e in events} == {"unknown", "admin"}
    assert api.get(f"machines/{machine['system_id']}/").json()["status_message"] == "Commissioning"


def test_events_filtered_by_machine_zone(api: Api) -> None:
    api.post("zones/", data={"name": "z2"})
    inside = create(api, "52:54:00:60:00:01")
    outside = create(api, "52:54:00:60:00:02")
    api.put(f"machines/{inside['system_id']}/", data={"zone": "z2"})
    for machine in (inside, outside):
        api.post(f"machines/{machine['system_id']}/", params={"op": "commission"})
    events = api.get("events/", params={"op": "query", "zone": "z2"}).json()["events"]
    assert events
    assert {e["node"] for e in events} == {inside["system_id"]}
    nothing = api.get("events/", params={"op": "query", "zone": "nosuchzone"}).json()
    assert nothing["events"] == []
