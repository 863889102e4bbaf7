"""Seeding the fake MAAS with many realistic machines, and listing them over loopback."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fake_http import Api, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machine_render import machine_text
from maas_sdk.testing._machines import machines_of, seed_machines

EXAMPLES = Path(__file__).resolve().parent / "data" / "maas-examples" / "machines.json"


def listing(fake: FakeMAAS) -> bytes:
    with loopback(fake) as api:
        response = api.get("machines/")
        assert response.status_code == 200
        return response.content


def test_seeding_is_deterministic_for_a_seed() -> None:
    first, second, other = FakeMAAS(seed=1), FakeMAAS(seed=2), FakeMAAS(seed=1)
    ids = first.seed_machines(40, seed=5)
    assert second.seed_machines(40, seed=5) == ids
    assert listing(first) == listing(second)
    assert other.seed_machines(40, seed=6) != ids


def test_seeding_twice_adds_more_machines() -> None:
    fake = FakeMAAS(seed=1)
    first = fake.seed_machines(20, seed=1)
    second = seed_machines(fake.store, 20, seed=1)
    assert not set(first) & set(second)
    with loopback(fake) as api:
        machines = api.get("machines/").json()
    assert len(machines) == 40
    macs = [i["mac_address"] for m in machines for i in m["interface_set"]]
    assert len(macs) == len(set(macs))
    hostnames = [m["hostname"] for m in machines]
    assert len(hostnames) == len(set(hostnames))


@pytest.fixture(scope="module")
def seeded() -> list[dict[str, Any]]:
    fake = FakeMAAS(seed=3)
    fake.seed_machines(300, seed=3)
    body: list[dict[str, Any]] = json.loads(listing(fake))
    return body


def test_seeded_machines_are_shaped_like_maas_examples(seeded: list[dict[str, Any]]) -> None:
    example = json.loads(EXAMPLES.read_text())["machines-allocate"]
    machine = next(
        m for m in seeded if m["status_name"] == "Deployed" and m["interface_set"][0]["links"]
    )
    assert set(example) - {"ip_addresses", "constraints_by_type"} <= set(machine)
    assert set(example["interface_set"][0]) == set(machine["interface_set"][0]) - {
        "numa_node",
        "sriov_max_vf",
    }
    assert set(example["blockdevice_set"][0]) <= set(machine["blockdevice_set"][0])
    example_partition = example["blockdevice_set"][0]["partitions"][0]
    assert set(example_partition) == set(machine["blockdevice_set"][0]["partitions"][0])
    link = machine["interface_set"][0]["links"][0]
    assert set(link) <= {"id", "mode", "subnet", "ip_address"}
    assert set(example["interface_set"][0]["links"][0]["subnet"]) <= set(link["subnet"])


def test_seeded_machines_are_varied(seeded: list[dict[str, Any]]) -> None:
    statuses = Counter(m["status_name"] for m in seeded)
    assert {"Ready", "Deployed", "Allocated", "New", "Broken"} <= set(statuses)
    assert statuses["Ready"] > statuses["New"]
    assert {len(m["interface_set"]) for m in seeded} == {1, 2, 3, 4}
    commissioned = [m for m in seeded if m["status_name"] not in ("New", "Commissioning")]
    assert {len(m["physicalblockdevice_set"]) for m in commissioned} == {1, 2, 3}
    assert len({m["zone"]["name"] for m in seeded}) == 4
    assert len({m["pool"]["name"] for m in seeded}) == 3
    assert len({m["power_type"] for m in seeded}) >= 5
    assert len({m["owner"] for m in seeded}) >= 4
    assert len({tag for m in seeded for tag in m["tag_names"]}) >= 6
    deployed = [m for m in seeded if m["status_name"] == "Deployed"]
    assert all(m["osystem"] == "ubuntu" and m["owner"] for m in deployed)
    addresses = [
        link["ip_address"]
        for m in deployed
        for iface in m["interface_set"]
        for link in iface["links"]
        if "ip_address" in link
    ]
    assert addresses
    assert len(addresses) == len(set(addresses))
    ready = [m for m in seeded if m["status_name"] == "Ready"]
    assert all(m["owner"] is None and m["boot_disk"]["partitions"] for m in ready)


def test_seeded_transitional_machines_finish_on_the_clock() -> None:
    fake = FakeMAAS(seed=4)
    fake.seed_machines(200, seed=4)
    transitional = {"Commissioning", "Testing", "Deploying", "Disk erasing", "Releasing"}
    with loopback(fake) as api:
        before = Counter(m["status_name"] for m in api.get("machines/").json())
        assert transitional & set(before)
        fake.advance(60)
        after = Counter(m["status_name"] for m in api.get("machines/").json())
    assert not transitional & set(after)


def test_list_of_1000_machines_over_loopback_uses_the_cache() -> None:
    fake = FakeMAAS(seed=5)
    ids = fake.seed_machines(1000, seed=5)
    with loopback(fake) as api:
        first = api.get("machines/")
        assert len(first.json()) == 1000
        assert api.get("machines/").content == first.content
        _change_one(api, ids[0])
        changed = api.get("machines/").json()
        assert changed[0]["description"] == "changed"
        assert changed[1:] == first.json()[1:]
        api.put("zones/zone-a/", data={"name": "zone-renamed"})
        zones = {m["zone"]["name"] for m in api.get("machines/").json()}
        assert "zone-renamed" in zones
        assert "zone-a" not in zones


def _change_one(api: Api, system_id: str) -> None:
    response = api.put(f"machines/{system_id}/", data={"description": "changed"})
    if response.status_code == 403:
        api.post(f"machines/{system_id}/", params={"op": "unlock"})
        response = api.put(f"machines/{system_id}/", data={"description": "changed"})
    assert response.status_code == 200


def test_filters_and_allocate_on_seeded_machines() -> None:
    fake = FakeMAAS(seed=6)
    fake.seed_machines(200, seed=6)
    with loopback(fake) as api:
        everything = api.get("machines/").json()
        deployed = api.get("machines/", params={"status": "deployed"}).json()
        assert len(deployed) == sum(m["status_name"] == "Deployed" for m in everything)
        storage = api.get("machines/", params={"fabrics": "fabric-storage"}).json()
        assert storage
        assert all(len(m["interface_set"]) >= 2 for m in storage)
        alice = api.get("machines/", params={"owner": "alice"}).json()
        assert alice
        assert {m["owner"] for m in alice} == {"alice"}
        ready = [m for m in everything if m["status_name"] == "Ready"]
        cheapest = min(ready, key=lambda m: m["cpu_count"] + m["memory"] / 1024)
        chosen = api.post("machines/", params={"op": "allocate"}, data={"dry_run": "true"})
        assert chosen.json()["cpu_count"] + chosen.json()["memory"] / 1024 == (
            cheapest["cpu_count"] + cheapest["memory"] / 1024
        )
        gpu = api.post(
            "machines/", params={"op": "allocate"}, data={"tags": "gpu", "zone": "zone-b"}
        )
        assert "gpu" in gpu.json()["tag_names"]
        assert gpu.json()["zone"]["name"] == "zone-b"


def test_cached_renderings_never_go_stale() -> None:
    fake = FakeMAAS(seed=8, version="3.7.3")
    ids = fake.seed_machines(60, seed=8)
    table = machines_of(fake)
    with loopback(fake) as api:
        api.get("machines/")
        for system_id in ids:
            for op in ("deploy", "release", "mark_broken", "abort", "lock", "rescue_mode"):
                api.post(f"machines/{system_id}/", params={"op": op}, data={"comment": "x"})
            fake.script_failure(system_id, "deploy", mode="hang")
        api.post("machines/", params={"op": "allocate"}, data={"tags": "gpu"})
        fake.advance(7200)
        api.get("machines/")
    with fake.store.lock:
        view, options = table.view(), table.options
        for machine in table.machines.values():
            fresh = machine_text(machine, view, options).encode()
            assert table.render(machine) == fresh, machine.system_id
