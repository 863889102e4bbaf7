"""client.networks (the deprecated 1.x view of subnets) against the fake MAAS."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import APIError, BadRequestError, NotFoundError, PermissionDeniedError

pytestmark = pytest.mark.filterwarnings("ignore:networks/ is deprecated:DeprecationWarning")


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def test_every_call_warns_that_networks_are_deprecated(region: Region) -> None:
    with pytest.warns(DeprecationWarning, match="use client.subnets"):
        region.admin.networks.list()


def test_list_and_get_show_subnets_in_the_old_shape(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    [network] = region.admin.networks.list()
    assert network.name == f"subnet-{subnet.id}"
    assert (network.ip, network.netmask, network.vlan_tag) == ("10.0.0.0", "255.255.255.0", 0)
    assert (network.description, network.default_gateway) == (subnet.name, "10.0.0.1")
    assert network.resource_uri == f"/MAAS/api/2.0/networks/subnet-{subnet.id}/"
    assert region.admin.networks.get(network.name) == network
    assert network.refresh() is network
    assert repr(network) == f"<Network subnet-{subnet.id} 10.0.0.0/255.255.255.0>"


def test_an_unknown_network_is_not_found(region: Region) -> None:
    with pytest.raises(NotFoundError) as caught:
        region.admin.networks.get("subnet-999")
    assert caught.value.message == "No Subnet matches the given query."


def test_a_node_filter_with_unknown_nodes_is_refused(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.networks.list(node=["zz9", "aa1"])
    assert caught.value.field_errors == {"node": ["Unknown node(s): aa1, zz9."]}
    assert region.fake.requests.last.query == (("node", "zz9"), ("node", "aa1"))


def test_connected_macs_of_an_empty_network(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    network = region.admin.networks.get(f"subnet-{subnet.id}")
    assert network.list_connected_macs() == []
    assert region.fake.requests.last.op == "list_connected_macs"


def test_changes_are_gone_for_admins_and_forbidden_for_others(region: Region) -> None:
    subnet = region.subnet("10.0.0.0/24")
    name = f"subnet-{subnet.id}"
    networks = region.admin.networks
    calls: list[Callable[[], None]] = [
        lambda: networks.create("n", ip="10.5.0.0", netmask="255.255.255.0", vlan_tag=0),
        lambda: networks.update(name, new_name="n2", description="d"),
        lambda: networks.delete(name),
        lambda: networks.connect_macs(name, ["52:54:00:00:00:01"]),
        lambda: networks.disconnect_macs(name, ["52:54:00:00:00:01"]),
    ]
    for call in calls:
        with pytest.raises(APIError) as caught:
            call()
        assert (caught.value.status_code, caught.value.message) == (410, "Gone")
    with pytest.raises(PermissionDeniedError):
        region.bob.networks.delete(name)


def test_node_filter_and_connected_macs_follow_machine_addresses(region: Region) -> None:
    region.fake.seed_machines(6, seed=1)
    store = region.fake.store
    with store.lock:
        held = {
            subnet.id: store.hooks.addresses_in_subnet(subnet) for subnet in store.subnets.values()
        }
    subnet_id, uses = next((key, found) for key, found in held.items() if found)
    holder = str((uses[0].node_summary or {})["system_id"])
    macs = {str(iface["mac_address"]) for use in uses for iface in use.interface_set}

    filtered = region.admin.networks.list(node=holder)

    assert f"subnet-{subnet_id}" in [network.name for network in filtered]
    assert all(held[int(network.name.split("-")[1])] for network in filtered)
    assert set(region.admin.networks.list_connected_macs(f"subnet-{subnet_id}")) == macs
