"""Fake MAAS interfaces and block devices under ``nodes/{system_id}/`` (§14, §15, §22.10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import T_NO_CHARSET, Api, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS

INTERFACE_KEYS = {
    "system_id",
    "id",
    "name",
    "type",
    "vlan",
    "mac_address",
    "parents",
    "children",
    "tags",
    "enabled",
    "links",
    "params",
    "discovered",
    "effective_mtu",
    "vendor",
    "product",
    "firmware_version",
    "link_connected",
    "interface_speed",
    "link_speed",
    "numa_node",
    "sriov_max_vf",
    "resource_uri",
}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=17, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


@pytest.fixture
def machine(api: Api) -> dict[str, Any]:
    data = {
        "architecture": "amd64/generic",
        "mac_addresses": "52:54:00:40:00:01",
        "power_type": "manual",
        "commission": "false",
        "hostname": "node1",
    }
    body: dict[str, Any] = api.post("machines/", data=data).json()
    return body


@pytest.fixture
def subnet(api: Api) -> dict[str, Any]:
    body: dict[str, Any] = api.post(
        "subnets/", data={"cidr": "10.30.0.0/24", "gateway_ip": "10.30.0.1"}
    ).json()
    return body


def test_interfaces_read(api: Api, machine: dict[str, Any]) -> None:
    base = f"nodes/{machine['system_id']}/interfaces/"
    listed = api.get(base)
    assert (listed.status_code, listed.headers["Content-Type"], hashed(listed)) == (200, J, True)
    (interface,) = listed.json()
    assert set(interface) == INTERFACE_KEYS
    assert interface["vlan"] is None
    assert interface["links"] == []
    assert interface["params"] == {}
    assert interface["discovered"] is None
    assert (interface["effective_mtu"], interface["link_connected"]) == (1500, True)
    assert (interface["interface_speed"], interface["link_speed"]) == (0, 0)
    assert (interface["numa_node"], interface["sriov_max_vf"]) == (0, 0)
    assert api.get(base + "eth0/").json() == interface
    assert api.get(base + f"{interface['id']}/").json() == interface
    for missing in ("99999/", "nosuch/"):
        assert answer(api.get(base + missing)) == (
            404,
            T_NO_CHARSET,
            "No Interface matches the given query.",
        )
    for path in ("nodes/nosuch/interfaces/", "nodes/nosuch/blockdevices/"):
        assert answer(api.get(path)) == (404, T_NO_CHARSET, "No Node matches the given query.")


def test_create_physical(api: Api, machine: dict[str, Any]) -> None:
    base = f"nodes/{machine['system_id']}/interfaces/"
    created = api.post(
        base,
        params={"op": "create_physical"},
        data={"mac_address": "52:54:00:40:00:09", "name": "eth9"},
    )
    assert created.status_code == 200
    assert (created.json()["name"], created.json()["vlan"]) == ("eth9", None)
    again = api.post(
        base, params={"op": "create_physical"}, data={"mac_address": "52:54:00:40:00:09"}
    )
    assert again.json() == {
        "mac_address": ["This MAC address is already in use by eth9 (physical) on node1."]
    }
    missing = api.post(base, params={"op": "create_physical"})
    assert missing.json() == {"mac_address": ["This field is required."]}
    assert len(api.get(base).json()) == 2


def test_create_physical_on_a_deployed_machine(api: Api) -> None:
    deployed = api.post(
        "machines/",
        data={
            "architecture": "amd64/generic",
            "mac_addresses": "52:54:00:40:00:05",
            "power_type": "manual",
            "deployed": "true",
        },
    ).json()
    response = api.post(
        f"nodes/{deployed['system_id']}/interfaces/",
        params={"op": "create_physical"},
        data={"mac_address": "52:54:00:40:00:06"},
    )
    assert answer(response) == (
        409,
        T,
        "Cannot create interface because the machine is not New, Ready, Allocated, or Broken.",
    )


def test_link_subnet_answers(api: Api, machine: dict[str, Any], subnet: dict[str, Any]) -> None:
    url = f"nodes/{machine['system_id']}/interfaces/eth0/"

    def link(**data: str) -> Any:
        return api.post(url, params={"op": "link_subnet"}, data=data)

    static = link(mode="STATIC", subnet=str(subnet["id"]), ip_address="10.30.0.50")
    body = static.json()
    assert body["vlan"] == subnet["vlan"]
    (first,) = body["links"]
    assert first == {
        "id": first["id"],
        "mode": "static",
        "subnet": subnet,
        "ip_address": "10.30.0.50",
    }
    assert answer(link(mode="static", subnet=str(subnet["id"]), ip_address="10.30.0.50")) == (
        404,
        T,
        "IP address is already in use.",
    )
    auto = link(mode="AUTO", subnet=str(subnet["id"])).json()["links"][1]
    assert list(auto) == ["id", "mode", "subnet"]
    assert link(mode="LINK_UP").json() == {
        "mode": [
            "Cannot configure interface to link up (with no IP address) while other links are "
            "already configured. Specify force=True to override this behavior and delete all "
            "links."
        ]
    }
    assert link(mode="bogus", subnet=str(subnet["id"])).json() == {
        "mode": [
            "'bogus' is not a valid mode.  It should be one of: 'auto', 'dhcp', 'static', "
            "'link_up'."
        ]
    }
    outside = link(mode="STATIC", subnet=str(subnet["id"]), ip_address="10.99.0.5")
    assert outside.json() == {
        "ip_address": ["IP address is not in the given subnet '10.30.0.0/24:10.30.0.0/24(vid=0)'."]
    }
    unlink = api.post(url, params={"op": "unlink_subnet"}, data={"id": "999999"})
    assert unlink.json() == {
        "id": [
            f"'999999' is not a valid id.  It should be one of: '{first['id']}', '{auto['id']}'."
        ]
    }
    machine_body = api.get(f"machines/{machine['system_id']}/").json()
    assert machine_body["default_gateways"]["ipv4"] == {"gateway_ip": "10.30.0.1", "link_id": None}
    gateway = api.post(
        url, params={"op": "set_default_gateway"}, data={"link_id": str(first["id"])}
    )
    assert gateway.status_code == 200
    machine_body = api.get(f"machines/{machine['system_id']}/").json()
    assert machine_body["default_gateways"]["ipv4"]["link_id"] == first["id"]
    removed = api.post(url, params={"op": "unlink_subnet"}, data={"id": str(first["id"])})
    assert [entry["id"] for entry in removed.json()["links"]] == [auto["id"]]
    disconnected = api.post(url, params={"op": "disconnect"}).json()
    assert (disconnected["vlan"], disconnected["links"]) == (None, [])
    assert answer(api.delete(url)) == (204, T_NO_CHARSET, "")
    assert api.get(f"nodes/{machine['system_id']}/interfaces/").json() == []


def test_static_ip_is_in_subnet_statistics(
    api: Api, machine: dict[str, Any], subnet: dict[str, Any]
) -> None:
    api.post(
        f"nodes/{machine['system_id']}/interfaces/eth0/",
        params={"op": "link_subnet"},
        data={"mode": "static", "subnet": str(subnet["id"]), "ip_address": "10.30.0.7"},
    )
    addresses = api.get(f"subnets/{subnet['id']}/", params={"op": "ip_addresses"}).json()
    assert [a["ip"] for a in addresses] == ["10.30.0.7"]
    reserve = api.post("ipaddresses/", params={"op": "reserve"}, data={"ip": "10.30.0.7"})
    assert reserve.status_code == 404


def test_block_devices(api: Api, machine: dict[str, Any]) -> None:
    base = f"nodes/{machine['system_id']}/blockdevices/"
    assert api.get(base).json() == []
    created = api.post(
        base,
        data={
            "name": "sda",
            "size": "10737418240",
            "block_size": "512",
            "model": "m",
            "serial": "s1",
        },
    )
    device = created.json()
    assert created.status_code == 200
    assert len(device) == 22
    assert device["available_size"] == 10729029632
    assert (device["used_for"], device["uuid"], device["used_size"]) == ("Unused", None, 0)
    assert device["path"] == "/dev/disk/by-dname/sda"
    assert device["resource_uri"] == f"/MAAS/api/2.0/{base}{device['id']}/"
    machine_body = api.get(f"machines/{machine['system_id']}/").json()
    assert machine_body["storage"] == 10737.41824
    assert machine_body["boot_disk"] == device
    invalid = api.post(base, data={"name": "sdb"})
    assert invalid.json() == {
        "size": ["This field is required."],
        "block_size": ["This field is required."],
        "__all__": ["serial/model are required if id_path is not provided."],
    }
    url = f"{base}{device['id']}/"
    assert api.get(f"{base}sda/").json() == device
    not_ready = {
        "format": "Cannot format block device because the machine is not Ready or Allocated.",
        "set_boot_disk": "Cannot set as boot disk because the machine is not Ready.",
        "add_tag": "Cannot update block device because the machine is not Ready.",
    }
    for name, message in not_ready.items():
        response = api.post(url, params={"op": name}, data={"fstype": "ext4", "tag": "ssd"})
        assert answer(response) == (409, T, message)
    partition = api.post(f"{url}partitions/", data={"size": "1073741824"})
    assert answer(partition) == (409, T, "Cannot create partition because the node is not Ready.")
    assert answer(api.delete(url)) == (
        409,
        T,
        "Cannot delete block device because the machine is not Ready.",
    )
    assert answer(api.get(f"{base}99999/")) == (
        404,
        T_NO_CHARSET,
        "No BlockDevice matches the given query.",
    )


def test_partitions_on_a_ready_machine(fake: FakeMAAS, api: Api) -> None:
    data = {
        "architecture": "amd64/generic",
        "mac_addresses": "52:54:00:40:00:07",
        "power_type": "manual",
    }
    system_id = api.post("machines/", data=data).json()["system_id"]
    fake.advance(10)
    disk, volume = api.get(f"nodes/{system_id}/blockdevices/").json()
    assert (volume["type"], volume["name"]) == ("virtual", "vgroot-lvroot")
    assert volume["filesystem"]["mount_point"] == "/"
    url = f"nodes/{system_id}/blockdevices/{disk['id']}/"
    assert disk["partition_table_type"] == "GPT"
    partitions = api.get(f"{url}partitions/").json()
    assert partitions == disk["partitions"]
    root = partitions[-1]
    assert root["filesystem"]["fstype"] == "lvm-pv"
    assert root["used_for"] == "LVM volume for vgroot"
    assert root["resource_uri"] == f"/MAAS/api/2.0/{url}partition/{root['id']}"
    assert api.get(f"{url}partition/{root['id']}").json() == root
    assert api.get(f"{url}partitions/{root['id']}").json() == root
    assert api.post(url, params={"op": "set_boot_disk"}).text == "OK"
    tagged = api.post(url, params={"op": "add_tag"}, data={"tag": "fast"}).json()
    assert "fast" in tagged["tags"]
    layout = api.post(
        f"machines/{system_id}/",
        params={"op": "set_storage_layout"},
        data={"storage_layout": "blank"},
    )
    assert layout.json()["boot_disk"]["partitions"] == []
    created = api.post(f"{url}partitions/", data={"size": "1073741824"}).json()
    assert created["size"] == 1073741824
    formatted = api.post(
        f"{url}partition/{created['id']}", params={"op": "format"}, data={"fstype": "ext4"}
    ).json()
    assert formatted["filesystem"]["fstype"] == "ext4"
    mounted = api.post(
        f"{url}partition/{created['id']}", params={"op": "mount"}, data={"mount_point": "/srv"}
    ).json()
    assert mounted["used_for"] == "ext4 formatted filesystem mounted at /srv"
    assert answer(api.delete(f"{url}partition/{created['id']}"))[0] == 204
