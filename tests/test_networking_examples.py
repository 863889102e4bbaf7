"""MAAS's own example answers for the networking resources parse into the models, losslessly."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from models_support import example, example_file
from pydantic import BaseModel, TypeAdapter

from maas_sdk.enums import IPAllocType
from maas_sdk.resources.discoveries import Discovery, ScanResult
from maas_sdk.resources.fabrics import Fabric
from maas_sdk.resources.ip_addresses import IPAddress
from maas_sdk.resources.ip_ranges import IPRange, IPRangeType
from maas_sdk.resources.networks import Network
from maas_sdk.resources.reserved_ips import ReservedIP
from maas_sdk.resources.spaces import Space
from maas_sdk.resources.static_routes import StaticRoute
from maas_sdk.resources.vlans import VLAN

CASES: list[tuple[str, type[BaseModel]]] = [
    ("fabrics.json:vlan-", VLAN),
    ("fabrics.json:fabrics-", Fabric),
    ("spaces.json:", Space),
    ("ipranges.json:", IPRange),
    ("static-routes.json:", StaticRoute),
    ("ipaddresses.json:", IPAddress),
    ("discovery.json:discovery-read", Discovery),
    ("discovery.json:discovery-unknown", Discovery),
]


def _examples() -> list[tuple[str, type[BaseModel], Any]]:
    found = []
    for prefix, model in CASES:
        name, _, key_prefix = prefix.partition(":")
        for key, value in example_file(name).items():
            if key.startswith(key_prefix):
                found.append((f"{name}:{key}", model, value))
    return found


def _unknown_keys(value: Any) -> list[str]:
    """Keys some (nested) model did not declare: every key MAAS sends must be a field."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        found.extend(f"{type(value).__name__}.{key}" for key in value.model_extra or {})
        for name in type(value).model_fields:
            found.extend(_unknown_keys(getattr(value, name)))
    elif isinstance(value, list):
        for item in value:
            found.extend(_unknown_keys(item))
    return found


@pytest.mark.parametrize(("name", "model", "value"), _examples(), ids=lambda v: str(v)[:40])
def test_every_example_parses_without_unknown_keys(
    name: str, model: type[BaseModel], value: Any
) -> None:
    shape: Any = list[model] if isinstance(value, list) else model  # type: ignore[valid-type]
    parsed = TypeAdapter(shape).validate_json(json.dumps(value))
    assert _unknown_keys(parsed) == [], name


def test_a_fabric_example_holds_vlans_with_racks_and_spaces() -> None:
    fabric = Fabric.model_validate(example("fabrics.json", "fabrics-read")[0])
    assert (fabric.id, fabric.name, fabric.class_type) == (0, "fabric-0", None)
    assert [(v.vid, v.space, v.primary_rack) for v in fabric.vlans] == [
        (0, "management", "7xtf67"),
        (10, "internal", "7xtf67"),
    ]


def test_a_vlan_example_parses_into_the_bound_vlan_type() -> None:
    vlan = VLAN.model_validate(example("fabrics.json", "vlan-read"))
    assert (vlan.id, vlan.vid, vlan.fabric, vlan.secondary_rack) == (5002, 10, "fabric-0", "76y7pg")


def test_ip_examples_parse_with_owners_and_dates() -> None:
    address = IPAddress.model_validate(example("ipaddresses.json", "ipaddresses-reserve"))
    assert address.alloc_type is IPAllocType.USER_RESERVED
    assert address.created == datetime(2018, 12, 14, 20, 1, 45, 856000)
    assert address.owner is not None
    assert address.owner.is_superuser
    iprange = IPRange.model_validate(example("ipranges.json", "ipranges-create"))
    assert iprange.type is IPRangeType.RESERVED
    assert iprange.subnet is not None
    assert iprange.subnet.cidr == "172.16.1.0/24"


def test_discovery_examples_parse() -> None:
    discovery = Discovery.model_validate(example("discovery.json", "discovery-read-by-id"))
    assert discovery.observer is not None
    assert (discovery.observer.hostname, discovery.observer.interface_id) == ("happy-rack", 6)
    assert discovery.last_seen == datetime(2018, 12, 10, 19, 56, 27, 225000)
    scan = ScanResult.model_validate(example("discovery.json", "discovery-scan"))
    assert scan.result == "Scanning is in-progress on all rack controllers."
    assert [c.hostname for c in scan.scan_started_on] == ["dev-runmaas"]
    assert _unknown_keys(scan) == []


def test_models_tolerate_missing_keys_and_3_6_dates() -> None:
    space = Space.model_validate({"id": 3})
    assert (space.name, space.description, space.vlans) == ("", "", [])
    address = IPAddress.model_validate({"ip": "10.0.0.1", "created": "2026-11-27T11:06:41.117Z"})
    assert address.created is not None
    assert address.created.tzinfo is not None
    reserved = ReservedIP.model_validate({"id": 1, "ip": "10.0.0.5", "comment": None})
    assert reserved.comment is None
    network = Network.model_validate({"name": "subnet-1", "vlan_tag": 0})
    assert network.dns_servers == []
