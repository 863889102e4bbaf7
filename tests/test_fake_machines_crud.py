"""Fake MAAS machines: create, read, update, delete and list filters (REFERENCE.md §7, §22.4)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_http import T_NO_CHARSET, Api, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import set_rack_connected

MACHINE_KEYS_34 = set(  # the 77 keys of a 3.4.10 machine (REFERENCE.md §7.1)
    """
    address_ttl architecture bcaches bios_boot_method blockdevice_set boot_disk boot_interface
    cache_sets commissioning_status commissioning_status_name cpu_count cpu_speed
    cpu_test_status cpu_test_status_name current_commissioning_result_id
    current_installation_result_id current_testing_result_id default_gateways description
    disable_ipv4 distro_series domain enable_hw_sync ephemeral_deploy fqdn hardware_info
    hardware_uuid hostname hwe_kernel interface_set interface_test_status
    interface_test_status_name last_sync locked memory memory_test_status
    memory_test_status_name min_hwe_kernel netboot network_test_status network_test_status_name
    next_sync node_type node_type_name numanode_set osystem other_test_status
    other_test_status_name owner owner_data parent physicalblockdevice_set pod pool power_state
    power_type raids resource_uri special_filesystems status status_action status_message
    status_name storage storage_test_status storage_test_status_name swap_size sync_interval
    system_id tag_names testing_status testing_status_name virtualblockdevice_set
    virtualmachine_id volume_groups workload_annotations zone
    """.split()  # noqa: SIM905
)
NEW_MACHINE = {
    "architecture": "amd64/generic",
    "mac_addresses": "52:54:00:77:01:01",
    "power_type": "manual",
}


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=7, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def create(api: Api, **fields: Any) -> dict[str, Any]:
    data = {**NEW_MACHINE, "commission": "false", **fields}
    response = api.post("machines/", data=data)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# -- create ------------------------------------------------------------------------------------


def test_create_with_commission_false_gives_the_77_key_new_machine(api: Api) -> None:
    response = api.post("machines/", data={**NEW_MACHINE, "commission": "false"})
    status, content_type, _ = answer(response)
    machine = response.json()
    assert (status, content_type, hashed(response)) == (200, J, True)
    assert set(machine) == MACHINE_KEYS_34
    assert machine["status"] == 0
    assert machine["status_name"] == "New"
    assert machine["owner"] is None
    assert machine["resource_uri"] == f"/MAAS/api/2.0/machines/{machine['system_id']}/"
    assert response.text.startswith('{\n    "system_id": ')


def test_fresh_machine_has_the_documented_empty_values(api: Api) -> None:
    machine = create(api)
    assert (machine["cpu_count"], machine["cpu_speed"], machine["memory"]) == (0, 0, 0)
    assert machine["storage"] == 0.0
    assert machine["swap_size"] is None
    assert machine["min_hwe_kernel"] == ""
    assert machine["hwe_kernel"] is None
    assert (machine["osystem"], machine["distro_series"]) == ("", "")
    assert machine["netboot"] is True
    assert machine["power_state"] == "unknown"
    assert machine["bios_boot_method"] is None
    assert machine["boot_disk"] is None
    assert machine["numanode_set"] == [{"index": 0, "memory": 0, "cores": [], "hugepages_set": []}]
    assert set(machine["hardware_info"].values()) == {"Unknown"}
    assert len(machine["hardware_info"]) == 18
    assert machine["commissioning_status"] == -1
    assert machine["commissioning_status_name"] == "Unknown"
    assert machine["default_gateways"] == {
        "ipv4": {"gateway_ip": None, "link_id": None},
        "ipv6": {"gateway_ip": None, "link_id": None},
    }
    (interface,) = machine["interface_set"]
    assert interface["vlan"] is None
    assert interface["links"] == []
    assert interface["mac_address"] == "52:54:00:77:01:01"
    assert machine["boot_interface"] == interface
    assert machine["zone"] == {
        "name": "default",
        "description": "",
        "id": 1,
        "resource_uri": "/MAAS/api/2.0/zones/default/",
    }
    assert machine["pool"]["resource_uri"] == "/MAAS/api/2.0/resourcepool/0/"
    assert machine["domain"]["name"] == "maas"
    assert machine["fqdn"] == f"{machine['hostname']}.maas"


@pytest.mark.parametrize("value", ["false", "0", "no", "off"])
def test_commission_is_a_string_bool(api: Api, value: str) -> None:
    response = api.post("machines/", data={**NEW_MACHINE, "commission": value})
    assert response.json()["status_name"] == "New"


def test_admin_create_commissions_by_default(api: Api) -> None:
    response = api.post("machines/", data=NEW_MACHINE)
    assert response.json()["status_name"] == "Commissioning"
    assert response.json()["owner"] == "admin"


def test_without_a_rack_create_with_commissioning_fails_and_creates_nothing(
    fake: FakeMAAS, api: Api
) -> None:
    set_rack_connected(fake, False)
    response = api.post("machines/", data=NEW_MACHINE)
    assert answer(response) == (400, T, "Ephemeral operating system ubuntu focal is unavailable.")
    assert api.get("machines/").json() == []


@pytest.mark.parametrize("value", ["true", "0", "no", "off"])
def test_deployed_is_a_django_bool_registering_a_deployed_machine(api: Api, value: str) -> None:
    machine = create(api, deployed=value)
    assert machine["status_name"] == "Deployed"
    assert machine["owner"] == "admin"
    assert machine["commissioning_status_name"] == "Pending"
    assert machine["current_commissioning_result_id"] is not None


@pytest.mark.parametrize("value", ["false", ""])
def test_deployed_false_or_empty_gives_new(api: Api, value: str) -> None:
    assert create(api, deployed=value)["status_name"] == "New"


def test_non_admin_create_is_new_and_unowned_even_with_deployed(fake: FakeMAAS, api: Api) -> None:
    key = fake.add_user("bob")
    response = api.post("machines/", data={**NEW_MACHINE, "deployed": "1"}, auth=api.as_user(key))
    assert response.json()["status_name"] == "New"
    assert response.json()["owner"] is None


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"commission": "maybe"},
            "Invalid commission: Value should be 'true' or 'false'",
        ),
        (
            {"architecture": ""},
            {"architecture": ["This field is required."]},
        ),
        (
            {"architecture": "sparc"},
            {
                "architecture": [
                    "'sparc/generic' is not a valid architecture.  It should be one of: "
                    "'amd64/generic'."
                ]
            },
        ),
        (
            {"mac_addresses": "zz"},
            {"mac_addresses": ["'zz' is not a valid MAC address."]},
        ),
        (
            {"power_type": "bogus"},
            {"power_type": ["Select a valid choice. bogus is not one of the available choices."]},
        ),
    ],
)
def test_create_validation_errors(api: Api, fields: dict[str, str], errors: Any) -> None:
    response = api.post("machines/", data={**NEW_MACHINE, "commission": "false", **fields})
    assert response.status_code == 400
    if isinstance(errors, str):
        assert answer(response) == (400, T, errors)
    else:
        assert response.headers["Content-Type"] == J
        assert response.json() == errors
        assert not hashed(response)


def test_architecture_without_subarch_is_generic(api: Api) -> None:
    assert create(api, architecture="amd64")["architecture"] == "amd64/generic"


def test_duplicate_mac_and_hostname(api: Api) -> None:
    first = create(api, hostname="alpha")
    response = api.post("machines/", data={**NEW_MACHINE, "commission": "false"})
    assert response.json() == {
        "mac_addresses": ["MAC address 52:54:00:77:01:01 already in use on alpha."]
    }
    response = api.post(
        "machines/",
        data={**NEW_MACHINE, "commission": "false", "mac_addresses": "52:54:00:77:01:02"},
        params={},
    )
    assert response.status_code == 200
    again = api.post(
        "machines/",
        data={
            **NEW_MACHINE,
            "commission": "false",
            "hostname": first["hostname"],
            "mac_addresses": "52:54:00:77:01:03",
        },
    )
    assert again.json() == {"hostname": ["Node with this Hostname already exists."]}


# -- anonymous enlistment --------------------------------------------------------------------


def test_anonymous_create_gets_the_14_key_object(api: Api) -> None:
    data = {**NEW_MACHINE, "hostname": "enlisted"}
    response = api.post("machines/", data=data, auth=None)
    body = response.json()
    assert response.status_code == 200
    assert list(body) == [
        "system_id",
        "hostname",
        "domain",
        "fqdn",
        "architecture",
        "status",
        "power_type",
        "power_state",
        "zone",
        "status_action",
        "status_message",
        "status_name",
        "node_type",
        "resource_uri",
    ]
    assert body["status_name"] == "New"
    assert "resource_uri" not in body["domain"]
    assert body["zone"] == {"name": "default", "description": "", "id": 1}


def test_anonymous_create_without_fields(api: Api) -> None:
    response = api.post("machines/", auth=None)
    assert response.json() == {
        "architecture": ["This field is required."],
        "mac_addresses": ["This field is required."],
    }


def test_anonymous_list_is_unrecognised(api: Api) -> None:
    assert answer(api.get("machines/", auth=None)) == (
        400,
        T,
        "Unrecognised signature: method=GET op=None",
    )


# -- read, update, delete ----------------------------------------------------------------------


def test_unknown_machine_is_404(api: Api) -> None:
    response = api.get("machines/nosuch/")
    assert answer(response) == (404, T_NO_CHARSET, "No Machine matches the given query.")
    assert hashed(response)


def test_update_fields(api: Api) -> None:
    machine = create(api)
    url = f"machines/{machine['system_id']}/"
    response = api.put(
        url, data={"memory": "2048", "cpu_count": "4", "swap_size": "1G", "foo": "bar"}
    )
    body = response.json()
    assert (body["memory"], body["cpu_count"], body["swap_size"]) == (2048, 4, 1000000000)
    assert body["numanode_set"][0]["cores"] == [0, 1, 2, 3]
    api.post("zones/", data={"name": "z2"})
    assert api.put(url, data={"zone": "z2"}).json()["zone"]["name"] == "z2"
    assert api.put(url, data={"cpu_count": "-1"}).json()["cpu_count"] == -1
    assert api.put(url, data={"description": "d"}).json()["description"] == "d"
    assert api.put(url, json={"description": "json-desc"}).json()["description"] == "json-desc"


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"zone": "nosuch"},
            {"zone": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"zone": "1"},
            {"zone": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            {"pool": "nosuch"},
            {"pool": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ({"memory": "abc"}, {"memory": ["Enter a whole number."]}),
        (
            {"hostname": "bad_host!"},
            {"hostname": ["Host label cannot contain underscore: 'bad_host!'."]},
        ),
        (
            {"architecture": "sparc/generic"},
            {
                "architecture": [
                    "'sparc/generic' is not a valid architecture.  It should be one of: "
                    "'amd64/generic'."
                ]
            },
        ),
        ({"power_type": "ipmi"}, {"power_parameters": ["This field is required."]}),
        ({"disable_ipv4": "true"}, {"disable_ipv4": ["If specified, disable_ipv4 must be False."]}),
        ({"domain": "nosuch.example"}, {"domain": ["Unable to find domain nosuch.example"]}),
        (
            {"min_hwe_kernel": "bogus"},
            {"min_hwe_kernel": ['No kernel matches ">=bogus" requirement.']},
        ),
    ],
)
def test_update_validation_errors(api: Api, fields: dict[str, str], errors: Any) -> None:
    machine = create(api)
    response = api.put(f"machines/{machine['system_id']}/", data=fields)
    assert (response.status_code, response.headers["Content-Type"]) == (400, J)
    assert response.json() == errors


def test_non_admin_cannot_update_delete_or_commission(fake: FakeMAAS, api: Api) -> None:
    machine = create(api)
    auth = api.as_user(fake.add_user("bob"))
    url = f"machines/{machine['system_id']}/"
    for response in (
        api.put(url, data={"description": "x"}, auth=auth),
        api.delete(url, auth=auth),
        api.post(url, params={"op": "commission"}, auth=auth),
        api.post(url, params={"op": "mark_broken"}, auth=auth),
    ):
        assert answer(response) == (403, T, "")


def test_delete_is_204_and_then_404(api: Api) -> None:
    machine = create(api)
    url = f"machines/{machine['system_id']}/"
    response = api.delete(url)
    assert answer(response) == (204, T_NO_CHARSET, "")
    assert hashed(response)
    assert api.get(url).status_code == 404


# -- visibility ------------------------------------------------------------------------------


def test_non_admin_sees_unowned_and_own_machines_only(fake: FakeMAAS, api: Api) -> None:
    owned = create(api, deployed="true")
    unowned = create(api, mac_addresses="52:54:00:77:01:09")
    auth = api.as_user(fake.add_user("bob"))
    listed = [m["system_id"] for m in api.get("machines/", auth=auth).json()]
    assert listed == [unowned["system_id"]]
    assert answer(api.get(f"machines/{owned['system_id']}/", auth=auth)) == (403, T, "")
    release = api.post(f"machines/{owned['system_id']}/", params={"op": "release"}, auth=auth)
    assert answer(release) == (403, T, "")


# -- list filters ------------------------------------------------------------------------------


@pytest.fixture
def three(api: Api) -> list[dict[str, Any]]:
    api.post("zones/", data={"name": "z2"})
    api.post("tags/", data={"name": "ssd"})
    api.post("tags/", data={"name": "gpu"})
    first = create(api, hostname="h1", mac_addresses="52:54:00:77:01:01")
    second = create(api, hostname="h2", mac_addresses="52:54:00:77:01:02", deployed="true")
    third = create(api, hostname="h3", mac_addresses="52:54:00:77:01:03")
    api.put(f"machines/{third['system_id']}/", data={"zone": "z2"})
    api.post("tags/ssd/", params={"op": "update_nodes"}, data={"add": [first["system_id"]]})
    api.post(
        "tags/gpu/",
        params={"op": "update_nodes"},
        data={"add": [first["system_id"], third["system_id"]]},
    )
    return [first, second, third]


def hostnames(api: Api, **params: Any) -> list[str]:
    response = api.get("machines/", params=params)
    assert response.status_code == 200, response.text
    return [m["hostname"] for m in response.json()]


def test_filters_match_like_maas(api: Api, three: list[dict[str, Any]]) -> None:
    assert hostnames(api, hostname="h1") == ["h1"]
    assert hostnames(api, hostname=["h1", "h2"]) == ["h1", "h2"]
    assert hostnames(api, hostname="h1,h2") == []
    assert hostnames(api, hostname="h1.maas") == []
    assert hostnames(api, hostname="h") == []
    assert hostnames(api, mac_address="52:54:00:77:01:01") == ["h1"]
    assert hostnames(api, mac_address="52:54:00:77:01:01".upper()) == ["h1"]
    assert hostnames(api, mac_address="52-54-00-77-01-01") == []
    assert hostnames(api, zone="z2") == ["h3"]
    assert hostnames(api, zone=["z2", "default"]) == ["h1", "h2", "h3"]
    assert hostnames(api, not_in_zone="z2") == ["h1", "h2"]
    assert hostnames(api, pool="default", domain="maas", arch="amd64") == ["h1", "h2", "h3"]
    assert hostnames(api, power_state="unknown", owner="admin") == ["h2"]
    assert hostnames(api, tags="gpu") == ["h1", "h3"]
    assert hostnames(api, tags=["gpu", "ssd"]) == ["h1"]
    assert hostnames(api, tags="gpu,ssd") == ["h1"]
    assert hostnames(api, tags="gpu ssd") == ["h1"]
    assert hostnames(api, not_tags="ssd") == ["h2", "h3"]
    assert hostnames(api, status="deployed") == ["h2"]
    assert hostnames(api, status="=deployed") == ["h2"]
    assert hostnames(api, status=["new", "deployed"]) == ["h1", "h2", "h3"]
    assert hostnames(api, not_status="new") == ["h2"]
    assert hostnames(api, id=[three[0]["system_id"], three[2]["system_id"]]) == ["h1", "h3"]
    assert hostnames(api, system_id=three[1]["system_id"]) == ["h2"]
    assert hostnames(api, id="nosuch") == []
    assert hostnames(api, fabrics="nosuch") == []
    assert hostnames(api, agent_name="x") == []
    assert hostnames(api, cpu_count="1") == []
    assert hostnames(api, op="") == ["h1", "h2", "h3"]


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"zone": "nosuchzone"}, {"zone": ["No such zone(s): nosuchzone."]}),
        ({"pool": "nosuch"}, {"pool": ["No such pool(s): nosuch."]}),
        ({"tags": "nosuch"}, {"tags": ["No such tag(s): 'nosuch'."]}),
        ({"owner": "nosuchuser"}, {"owner": ["No such owner: 'nosuchuser'."]}),
        (
            {"status": "Deployed"},
            {"status": ["Select a valid choice. Deployed is not one of the available choices."]},
        ),
        (
            {"status": "6"},
            {"status": ["Select a valid choice. 6 is not one of the available choices."]},
        ),
        (
            {"status": "bogus"},
            {"status": ["Select a valid choice. bogus is not one of the available choices."]},
        ),
        ({"mac_address": "zz:zz"}, {"mac_address": ["'zz:zz' is not a valid MAC address."]}),
        ({"foo": "bar"}, {"foo": ["No such constraint."]}),
        ({"deployment_target": "memory"}, {"deployment_target": ["No such constraint."]}),
        ({"arch": "sparc"}, {"arch": ["Architecture not recognised."]}),
        ({"mem": "x"}, {"mem": ["Invalid memory: number of MiB required."]}),
    ],
)
def test_filter_errors(api: Api, params: dict[str, str], errors: dict[str, list[str]]) -> None:
    response = api.get("machines/", params=params)
    assert (response.status_code, response.headers["Content-Type"]) == (400, J)
    assert response.json() == errors


def test_simple_status_is_a_500_on_api_2(api: Api) -> None:
    status, content_type, body = answer(api.get("machines/", params={"simple_status": "deployed"}))
    assert (status, content_type) == (500, T)
    assert body.startswith(
        "Cannot resolve keyword 'simple_status' into field. Choices are: address_ttl, agent_name, "
        "architecture, "
    )


def test_a_37_region_renders_the_newer_fields(fake: FakeMAAS) -> None:
    newer = FakeMAAS(seed=1, version="3.7.3", strict=True)
    with loopback(newer) as api:
        machine = create(api)
        assert set(machine) - MACHINE_KEYS_34 == {
            "error_description",
            "enable_kernel_crash_dump",
            "is_dpu",
            "ip_addresses",
        }
        response = api.get("machines/", params={"deployment_target": "memory"})
        assert response.json() == []
