"""Interfaces under a node: every operation through the client and the fake MAAS (§15)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from models_support import example
from node_children_support import machines_of, new_machine, ready_machine

from maas_sdk.client import MAASClient
from maas_sdk.enums import InterfaceType, LinkMode, NodeStatus
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from maas_sdk.resources.interface_manager import InterfacesOfNode
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.node_interfaces import BondMode, NodeInterface
from maas_sdk.resources.subnets import Subnet, Subnets
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def machine(client: MAASClient) -> Machine:
    return ready_machine(client)


@pytest.fixture
def ifaces(client: MAASClient, machine: Machine) -> InterfacesOfNode:
    return client.interfaces.of(machine.system_id)


@pytest.fixture
def subnet(client: MAASClient) -> Subnet:
    return Subnets(client.transport).create("10.0.0.0/24", gateway_ip="10.0.0.1")


# -- reads -------------------------------------------------------------------------------------


def test_list_and_get_by_id_or_name(client: MAASClient, machine: Machine) -> None:
    listed = client.interfaces.list(machine.system_id)
    assert [i.name for i in listed] == ["eth0"]
    eth0 = listed[0]
    assert isinstance(eth0, NodeInterface)
    assert isinstance(eth0, Interface)
    assert eth0.type is InterfaceType.PHYSICAL
    assert eth0.system_id == machine.system_id
    assert client.interfaces.get(machine.system_id, "eth0") == eth0
    assert client.interfaces.get(machine.system_id, eth0.id).mac_address == "52:54:00:00:00:01"
    assert repr(eth0) == f"<NodeInterface {eth0.id} eth0 physical>"


def test_unknown_node_and_interface_are_404s(client: MAASClient, machine: Machine) -> None:
    with pytest.raises(NotFoundError, match="No Node matches the given query"):
        client.interfaces.list("nosuch")
    with pytest.raises(NotFoundError, match="No Interface matches the given query"):
        client.interfaces.get(machine.system_id, "eth9")


def test_the_view_fills_in_the_node(
    client: MAASClient, ifaces: InterfacesOfNode, machine: Machine
) -> None:
    assert ifaces.system_id == machine.system_id
    assert repr(ifaces) == f"<Interfaces of {machine.system_id}>"
    assert ifaces.get("eth0") == ifaces.list()[0]
    assert ifaces.create_bond.__doc__ == client.interfaces.create_bond.__doc__
    assert ifaces.create_bond.__name__ == "create_bond"


# -- physical interfaces, updates, tags, delete ------------------------------------------------


def test_create_physical_with_options(
    client: MAASClient, ifaces: InterfacesOfNode, subnet: Subnet
) -> None:
    assert subnet.vlan is not None
    eth1 = ifaces.create_physical(
        "52:54:00:00:00:02", name="eth1", tags=["fast", "lab"], vlan=subnet.vlan, mtu=9000
    )
    assert (eth1.name, eth1.mac_address, eth1.tags) == (
        "eth1",
        "52:54:00:00:00:02",
        ["fast", "lab"],
    )
    assert eth1.vlan is not None
    assert eth1.vlan.id == subnet.vlan.id
    assert eth1.effective_mtu == 9000
    assert eth1.params["mtu"] == 9000


def test_create_physical_refusals(ifaces: InterfacesOfNode, machine: Machine) -> None:
    with pytest.raises(BadRequestError) as taken:
        ifaces.create_physical("52:54:00:00:00:01")
    assert taken.value.field_errors == {
        "mac_address": [
            f"This MAC address is already in use by eth0 (physical) on {machine.hostname}."
        ]
    }


def test_save_sends_the_assigned_fields(
    fake: FakeMAAS, ifaces: InterfacesOfNode, subnet: Subnet
) -> None:
    eth1 = ifaces.create_physical("52:54:00:00:00:02", vlan=subnet.vlan)
    eth1.name = "lan0"
    eth1.tags = ["uplink", "10g"]
    eth1.link_speed = 1000
    assert eth1.save() is eth1
    assert (eth1.name, eth1.tags, eth1.link_speed) == ("lan0", ["uplink", "10g"], 1000)
    assert dict(fake.requests.last.form) == {
        "name": "lan0",
        "tags": "uplink,10g",
        "link_speed": "1000",
    }
    assert eth1.changes == {}
    eth1.vlan = None
    eth1.save()
    assert fake.requests.last.form == (("vlan", ""),)


def test_update_takes_the_options(ifaces: InterfacesOfNode) -> None:
    updated = ifaces.update("eth0", mtu=1400, interface_speed=10000, link_connected=True)
    assert updated.params["mtu"] == 1400
    assert updated.interface_speed == 10000


def test_tags_and_delete(client: MAASClient, ifaces: InterfacesOfNode) -> None:
    eth1 = ifaces.create_physical("52:54:00:00:00:02")
    assert eth1.add_tag("sriov").tags == ["sriov"]
    assert eth1.remove_tag("sriov").tags == []
    eth1.delete()
    with pytest.raises(NotFoundError):
        ifaces.get(eth1.id)


# -- links ---------------------------------------------------------------------------------------


def test_link_unlink_gateway_and_disconnect(
    client: MAASClient, ifaces: InterfacesOfNode, subnet: Subnet, machine: Machine
) -> None:
    eth0 = ifaces.get("eth0")
    eth0.link_subnet(LinkMode.STATIC, subnet, ip_address="10.0.0.50")
    assert eth0.vlan is not None
    assert subnet.vlan is not None
    assert eth0.vlan.id == subnet.vlan.id
    static = eth0.links[-1]
    assert (static.mode, static.ip_address) == (LinkMode.STATIC, "10.0.0.50")

    eth0.link_subnet("auto", subnet.cidr, default_gateway=True)
    auto = eth0.links[-1]
    assert auto.mode is LinkMode.AUTO
    assert auto.ip_address is None

    eth0.set_default_gateway(static)
    gateways = machines_of(client).get(machine.system_id).default_gateways
    assert (gateways.ipv4.gateway_ip, gateways.ipv4.link_id) == ("10.0.0.1", static.id)

    assert [link.id for link in eth0.unlink_subnet(auto).links] == [static.id]
    assert eth0.disconnect().links == []
    assert eth0.vlan is None


def test_link_subnet_refusals(ifaces: InterfacesOfNode, subnet: Subnet) -> None:
    eth0 = ifaces.get("eth0")
    with pytest.raises(BadRequestError) as bad_mode:
        eth0.link_subnet("bogus", subnet)
    assert bad_mode.value.field_errors["mode"] == [
        "'bogus' is not a valid mode.  It should be one of: 'auto', 'dhcp', 'static', 'link_up'."
    ]
    eth0.link_subnet("static", subnet, ip_address="10.0.0.50")
    eth1 = ifaces.create_physical("52:54:00:00:00:02")
    with pytest.raises(NotFoundError, match=r"IP address is already in use\."):
        eth1.link_subnet("static", subnet, ip_address="10.0.0.50")
    with pytest.raises(BadRequestError) as no_link:
        eth0.unlink_subnet(999999)
    assert "'999999' is not a valid id." in no_link.value.field_errors["id"][0]


# -- bonds, bridges, VLAN interfaces ------------------------------------------------------------


def test_create_bond_with_defaults(ifaces: InterfacesOfNode, subnet: Subnet) -> None:
    eth0 = ifaces.get("eth0").link_subnet("auto", subnet)
    eth1 = ifaces.create_physical("52:54:00:00:00:02", vlan=subnet.vlan)
    bond = ifaces.create_bond("bond0", [eth0, eth1.id], bond_mode=BondMode.LINK_AGGREGATION)
    assert bond.type is InterfaceType.BOND
    assert bond.parents == ["eth0", "eth1"]
    assert bond.mac_address == "52:54:00:00:00:01"
    assert bond.params == {
        "bond_mode": "802.3ad",
        "bond_miimon": 100,
        "bond_downdelay": 0,
        "bond_updelay": 0,
        "bond_num_grat_arp": 1,
        "bond_lacp_rate": "fast",
        "bond_xmit_hash_policy": "layer2",
    }
    assert [link.mode for link in bond.links] == [LinkMode.LINK_UP]
    assert bond.vlan is not None
    assert subnet.vlan is not None
    assert bond.vlan.id == subnet.vlan.id
    member = eth0.refresh()
    assert (member.children, member.links) == (["bond0"], [])


def test_create_bond_refusals(ifaces: InterfacesOfNode, subnet: Subnet) -> None:
    eth0 = ifaces.get("eth0")
    eth1 = ifaces.create_physical("52:54:00:00:00:02", vlan=subnet.vlan)
    with pytest.raises(BadRequestError) as no_parents:
        ifaces.create_bond("bond0", [])
    assert no_parents.value.field_errors == {
        "parents": ["A bond interface must have one or more parents."]
    }
    with pytest.raises(BadRequestError) as vlans:
        ifaces.create_bond("bond0", [eth0, eth1])
    assert vlans.value.field_errors == {"parents": ["All parents must belong to the same VLAN."]}
    with pytest.raises(BadRequestError) as mode:
        ifaces.create_bond("bond0", [eth1], bond_mode="fastest")
    assert mode.value.field_errors["bond_mode"] == [
        "'fastest' is not a valid bond_mode.  It should be one of: 'balance-rr', "
        "'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'."
    ]
    ifaces.create_bond("bond0", [eth1])
    with pytest.raises(BadRequestError) as in_use:
        ifaces.create_bond("bond1", [eth1])
    assert in_use.value.field_errors == {"parents": ["Interfaces already in-use: eth1."]}


def test_create_bridge_on_a_bond(ifaces: InterfacesOfNode) -> None:
    eth1 = ifaces.create_physical("52:54:00:00:00:02")
    bond = ifaces.create_bond("bond0", [eth1])
    bridge = ifaces.create_bridge("br0", bond, bridge_stp=True, mtu=9000)
    assert bridge.type is InterfaceType.BRIDGE
    assert bridge.parents == ["bond0"]
    assert bridge.params == {
        "mtu": 9000,
        "bridge_type": "standard",
        "bridge_stp": True,
        "bridge_fd": 15,
    }
    with pytest.raises(BadRequestError) as nested:
        ifaces.create_bridge("br1", bridge)
    assert nested.value.field_errors == {
        "parent": ["A bridge interface can't have another bridge interface as parent."]
    }
    with pytest.raises(BadRequestError) as taken:
        ifaces.create_bridge("br1", eth1)
    assert taken.value.field_errors == {
        "parent": ["A bridge interface can't have a parent that is already in a bond or a bridge."]
    }


def test_a_bridge_on_an_allocated_machine_takes_the_parent_links(
    client: MAASClient, machine: Machine, subnet: Subnet
) -> None:
    ifaces = client.interfaces.of(machine.system_id)
    eth0 = ifaces.get("eth0").link_subnet("static", subnet, ip_address="10.0.0.9")
    allocated = machines_of(client).allocate(system_id=machine.system_id)
    assert allocated.status is NodeStatus.ALLOCATED
    bridge = ifaces.create_bridge("br0", eth0)
    assert [link.ip_address for link in bridge.links] == ["10.0.0.9"]
    assert eth0.refresh().links == []


def test_create_vlan_interface(
    client: MAASClient, ifaces: InterfacesOfNode, subnet: Subnet
) -> None:
    assert subnet.vlan is not None
    eth0 = ifaces.get("eth0").link_subnet("auto", subnet)
    tagged = client.vlans.create(subnet.vlan.fabric_id or 0, 100)
    vlan_iface = ifaces.create_vlan(tagged, eth0, tags=["storage"])
    assert (vlan_iface.name, vlan_iface.type) == ("eth0.100", InterfaceType.VLAN)
    assert vlan_iface.vlan is not None
    assert vlan_iface.vlan.vid == 100
    assert vlan_iface.parents == ["eth0"]
    assert vlan_iface.tags == ["storage"]
    assert eth0.refresh().children == ["eth0.100"]
    assert [link.mode for link in eth0.links] == [LinkMode.AUTO]


def test_create_vlan_refusals(client: MAASClient, ifaces: InterfacesOfNode, subnet: Subnet) -> None:
    assert subnet.vlan is not None
    eth1 = ifaces.create_physical("52:54:00:00:00:02")
    tagged = client.vlans.create(subnet.vlan.fabric_id or 0, 200)
    with pytest.raises(BadRequestError) as untagged:
        ifaces.create_vlan(subnet.vlan, eth1)
    assert untagged.value.field_errors == {
        "vlan": ["A VLAN interface can only belong to a tagged VLAN."]
    }
    with pytest.raises(BadRequestError) as fabric:
        ifaces.create_vlan(tagged, eth1)
    assert fabric.value.field_errors == {
        "vlan": [
            "A VLAN interface can only belong to a tagged VLAN on the same fabric as its parent "
            "interface."
        ]
    }


# -- permissions and states ---------------------------------------------------------------------


def test_changes_need_an_admin(fake: FakeMAAS, machine: Machine) -> None:
    fake.add_user("bob")
    with fake.client(user="bob") as bob:
        assert [i.name for i in bob.interfaces.list(machine.system_id)] == ["eth0"]
        with pytest.raises(PermissionDeniedError):
            bob.interfaces.add_tag(machine.system_id, "eth0", "x")
        with pytest.raises(PermissionDeniedError):
            bob.interfaces.create_bond(machine.system_id, "bond0", [1])


def test_busy_machines_refuse_new_interfaces(client: MAASClient) -> None:
    busy = new_machine(client).commission()
    assert busy.status is NodeStatus.COMMISSIONING
    ifaces = client.interfaces.of(busy.system_id)
    with pytest.raises(ConflictError) as refused:
        ifaces.create_bond("bond0", [ifaces.get("eth0")])
    assert refused.value.message == (
        "Cannot create bond interface because the machine is not New, Ready, Allocated, or Broken."
    )
    with pytest.raises(NotFoundError, match="No Machine matches the given query"):
        client.interfaces.create_vlan("nosuch", 1, 1)


# -- parsing MAAS's own examples ---------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "interfaces-create-bond",
        "interfaces-create-bridge",
        "interfaces-link-subnet",
        "interfaces-read-by-id",
        "interfaces-update",
        "interfaces-create-physical",
        "interfaces-unlink-subnet",
        "interfaces-disconnect",
        "interfaces-set-def-gateway",
        "interfaces-add-tag",
        "interfaces-remove-tag",
    ],
)
def test_examples_parse(key: str) -> None:
    data: dict[str, Any] = example("nodes.json", key)
    interface = NodeInterface.model_validate_json(json.dumps(data))
    assert interface.id == data["id"]
    assert interface.resource_uri == data["resource_uri"]
    assert isinstance(interface.params, dict)


def test_the_list_example_parses() -> None:
    data = example("nodes.json", "interfaces-read")
    interfaces = [NodeInterface.model_validate(item) for item in data]
    assert [i.name for i in interfaces] == [item["name"] for item in data]
