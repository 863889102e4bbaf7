"""Subnets: CRUD and ops through the fake MAAS, identifiers, encoding."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import ScriptedServer, json_answer, managers, scripted_client

from maas_sdk.enums import RDNSMode
from maas_sdk.errors import BadRequestError, NotFoundError
from maas_sdk.resources import VLAN, Subnets
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(strict=True)


@pytest.fixture
def subnets(fake: FakeMAAS) -> Iterator[Subnets]:
    with fake.client() as client:
        yield managers(client)[1]


def test_create_read_by_id_cidr_and_name_update_delete(subnets: Subnets) -> None:
    subnet = subnets.create(
        "10.20.0.0/24",
        name="lab",
        gateway_ip="10.20.0.1",
        dns_servers=["8.8.8.8", "1.1.1.1"],
        rdns_mode=RDNSMode.ENABLED,
    )
    assert subnet.cidr == "10.20.0.0/24"
    assert subnet.dns_servers == ["8.8.8.8", "1.1.1.1"]
    assert subnet.rdns_mode is RDNSMode.ENABLED
    assert subnet.vlan is not None
    assert subnet.space == "undefined"

    assert subnets.get(subnet.id) == subnet
    assert subnets.get("10.20.0.0/24") == subnet
    assert subnets.get("lab") == subnet
    assert subnets.get("cidr:10.20.0.0/24") == subnet
    assert subnets.list() == [subnet]

    assert subnets.update(subnet.id, description="lab net").description == "lab net"
    subnets.delete(subnet.id)
    with pytest.raises(NotFoundError, match="No Subnet matches the given query"):
        subnets.get(subnet.id)


def test_save_sends_changes_and_clears_with_none(subnets: Subnets) -> None:
    subnet = subnets.create("10.21.0.0/24", gateway_ip="10.21.0.1")

    subnet.gateway_ip = None
    subnet.allow_dns = False
    subnet.dns_servers = ["9.9.9.9"]
    subnet.save()

    again = subnet.refresh()
    assert (again.gateway_ip, again.allow_dns, again.dns_servers) == (None, False, ["9.9.9.9"])
    subnet.delete()
    assert subnets.list() == []


def test_address_ops(subnets: Subnets) -> None:
    subnet = subnets.create("10.22.0.0/24", gateway_ip="10.22.0.1")

    assert [(r.start, r.end, r.purpose) for r in subnet.reserved_ip_ranges()] == [
        ("10.22.0.1", "10.22.0.1", ["gateway-ip"])
    ]
    assert [(r.start, r.end, r.num_addresses) for r in subnet.unreserved_ip_ranges()] == [
        ("10.22.0.2", "10.22.0.254", 253)
    ]
    statistics = subnet.statistics(include_ranges=True, include_suggestions=True)
    assert (statistics.num_available, statistics.total_addresses) == (253, 254)
    assert statistics.ip_version == 4
    assert statistics.ranges
    assert subnet.ip_addresses() == []


def test_refusals(subnets: Subnets) -> None:
    subnets.create("10.23.0.0/24")

    with pytest.raises(BadRequestError) as caught:
        subnets.create("10.23.0.0/24")
    assert caught.value.field_errors == {"cidr": ["Subnet with this Cidr already exists."]}
    with pytest.raises(BadRequestError) as caught:
        subnets.create("10.24.0.0/24", gateway_ip="10.99.0.1")
    assert caught.value.field_errors == {"gateway_ip": ["Gateway IP must be within CIDR range."]}


def test_space_and_id_are_read_only(subnets: Subnets) -> None:
    subnet = subnets.create("10.25.0.0/24")

    with pytest.raises(AttributeError, match=r"Subnet\.space is read-only"):
        subnet.space = "dmz"


def test_encoding_of_lists_vlans_and_flags() -> None:
    answer = json_answer({"id": 5, "cidr": "10.0.0.0/24"})
    server = (
        ScriptedServer()
        .on("POST", "subnets/", answer)
        .on("GET", "subnets/10.0.0.0/24/", answer, op="statistics")
        .on("DELETE", "subnets/5/", answer)
    )
    subnets = managers(scripted_client(server))[1]

    subnets.create(
        "10.0.0.0/24",
        vlan=VLAN(id=5001),
        dns_servers=["8.8.8.8", "1.1.1.1"],
        disabled_boot_architectures=["ipxe", "uefi"],
        managed=False,
    )
    assert server.last.form == [
        ("cidr", "10.0.0.0/24"),
        ("vlan", "5001"),
        ("dns_servers", "8.8.8.8 1.1.1.1"),
        ("managed", "false"),
        ("disabled_boot_architectures", "ipxe,uefi"),
    ]
    subnets.statistics("10.0.0.0/24", include_ranges=False)
    assert server.last.query == [("include_ranges", "false")]
    subnets.delete(5, force=True)
    assert server.last.query == [("force", "true")]
