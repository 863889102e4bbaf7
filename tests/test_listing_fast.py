"""Big listings: element-by-element validation, lazily parsed nested lists, shared fields sets.

The fast path applies from ``CHUNKED_THRESHOLD`` bytes; these tests lower it so that a listing
of a few seeded machines takes it, and compare every result with the ordinary validation of
the same bytes.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import TypeAdapter

from maas_sdk.client import MAASClient
from maas_sdk.errors import ReadOnlyFieldError, ResponseDecodeError
from maas_sdk.resources import _base, _decoding, _listing
from maas_sdk.resources.interfaces import Interface
from maas_sdk.resources.machines import Machine
from maas_sdk.testing import FakeMAAS

MACHINES = TypeAdapter(list[Machine])


@pytest.fixture
def fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_decoding, "CHUNKED_THRESHOLD", 1)


@pytest.fixture
def fleet() -> Iterator[tuple[FakeMAAS, MAASClient]]:
    fake = FakeMAAS(seed=3)
    fake.seed_machines(12, seed=3)
    with fake.client() as client:
        yield fake, client


def listing_bytes(client: MAASClient) -> bytes:
    return client.transport.get("machines/").content


def pending(machine: Machine) -> dict[str, bytes]:
    return _base._pending(machine) or {}


@pytest.mark.usefixtures("fast_path")
def test_a_big_listing_equals_the_ordinary_validation_of_the_same_bytes(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    expected = MACHINES.validate_json(listing_bytes(client))

    machines = client.machines.list()

    assert any(pending(m) for m in machines)
    assert [m.model_dump() for m in machines] == [m.model_dump() for m in expected]
    assert [m.model_fields_set for m in machines] == [m.model_fields_set for m in expected]


@pytest.mark.usefixtures("fast_path")
def test_interfaces_and_disks_are_parsed_on_first_read_and_kept(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    machine = next(m for m in client.machines.list() if "interface_set" in pending(m))
    assert "interface_set" not in machine.__dict__

    interfaces = machine.interface_set

    assert interfaces
    assert all(isinstance(i, Interface) for i in interfaces)
    assert machine.interface_set is interfaces
    assert "interface_set" not in pending(machine)
    assert machine.boot_interface in interfaces


@pytest.mark.usefixtures("fast_path")
def test_computed_fields_repr_copies_and_pickles_see_the_lazy_lists(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    expected = {m.system_id: m for m in MACHINES.validate_json(listing_bytes(client))}
    machines = [m for m in client.machines.list() if pending(m)]

    first, second, third, fourth = machines[:4]
    shallow = copy.copy(first)
    assert shallow.interface_set == expected[first.system_id].interface_set
    assert copy.deepcopy(second).blockdevice_set == expected[second.system_id].blockdevice_set
    restored = pickle.loads(pickle.dumps(third))
    assert restored.interface_set == expected[third.system_id].interface_set
    assert "interface_set" in dict(fourth.__repr_args__())
    assert dict(fourth)["interface_set"] == expected[fourth.system_id].interface_set
    assert json.loads(first.model_dump_json())["interface_set"]


@pytest.mark.usefixtures("fast_path")
def test_machines_of_a_listing_share_one_fields_set_until_one_is_changed(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    machines = client.machines.list()
    shared = machines[0].__pydantic_fields_set__
    assert sum(m.__pydantic_fields_set__ is shared for m in machines) > 1

    machines[0].description = "moved"

    assert machines[0].changes == {"description": "moved"}
    assert machines[1].__pydantic_fields_set__ == shared
    assert machines[1].changes == {}


@pytest.mark.usefixtures("fast_path")
def test_refresh_of_a_machine_from_a_listing_takes_over_the_fresh_state(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    fake, client = fleet
    machine = next(m for m in client.machines.list() if pending(m))
    with pytest.raises(ReadOnlyFieldError):
        machine.interface_set = []

    machine.refresh()

    assert machine.interface_set == client.machines.get(machine.system_id).interface_set
    assert fake.requests


def lay_out(items: list[dict[str, Any]], *, indent: int | None = 4) -> bytes:
    return json.dumps(items, indent=indent).encode()


def documents(client: MAASClient) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = json.loads(listing_bytes(client))
    return answer


def test_other_layouts_are_validated_whole_with_the_same_result(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    items = documents(client)
    for body in (lay_out(items, indent=None), lay_out(items, indent=2)):
        assert _listing.iter_chunks(body) is None
    assert _listing.validate_items(lay_out(items, indent=2), Machine) is None
    assert _listing.validate_items(lay_out([]), Machine) is None


def test_an_element_that_fails_alone_defers_to_the_whole_validation(
    fleet: tuple[FakeMAAS, MAASClient],
) -> None:
    _, client = fleet
    items = documents(client)
    del items[5]["system_id"]

    assert _listing.validate_items(lay_out(items), Machine) is None


@pytest.mark.usefixtures("fast_path")
def test_a_bad_element_raises_the_same_decode_error_as_the_ordinary_path(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    items = documents(client)
    items[4]["status"] = "not a status"
    body = lay_out(items)
    monkeypatch.setattr(type(client.transport), "get", _answering(body, type(client.transport).get))

    with pytest.raises(ResponseDecodeError, match=r"4\.status"):
        client.machines.list()


def _answering(body: bytes, original: Any) -> Any:
    def get(self: Any, path: str, **kwargs: Any) -> Any:
        answer = original(self, path, **kwargs)
        answer.content = body
        return answer

    return get


@pytest.mark.usefixtures("fast_path")
def test_a_bad_lazy_list_raises_decode_error_when_first_read(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    items = documents(client)
    target = next(i for i, item in enumerate(items) if item["interface_set"])
    items[target]["interface_set"][0]["id"] = "not an id"
    monkeypatch.setattr(
        type(client.transport), "get", _answering(lay_out(items), type(client.transport).get)
    )
    machine = client.machines.list()[target]

    with pytest.raises(ResponseDecodeError, match=r"interface_set\[0\.id\]") as raised:
        _ = machine.interface_set
    assert raised.value.url == items[target]["resource_uri"]
    with pytest.raises(ResponseDecodeError):
        machine.model_dump()


def test_cutting_takes_multi_line_lists_and_objects_and_leaves_the_rest() -> None:
    element = {"a": [], "b": [1], "c": {"id": 3}, "d": {}, "e": None, "f": 2, "g": [4]}
    chunk = json.dumps([element], indent=4).encode()[2:-2]
    lazy = {"a": "a", "list": "b", "ref": "c", "d": "d", "e": "e", "f": "f", "z": "z"}

    cut_chunk, cut = _listing.cut_element(chunk, lazy)

    assert {name: json.loads(text) for name, text in cut.items()} == {
        "list": [1],
        "ref": {"id": 3},
    }
    assert json.loads(cut_chunk) == element | {"b": [], "c": None}


def test_item_model_finds_the_model_of_list_adapters_only() -> None:
    assert _listing.item_model(MACHINES) is Machine
    assert _listing.item_model(TypeAdapter(list[str])) is None
    assert _listing.item_model(TypeAdapter(Machine)) is None


def test_objects_of_a_big_listing_go_straight_to_the_oldest_generation(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    monkeypatch.setattr(_decoding, "GC_PAUSE_THRESHOLD", 1)
    machine = client.machines.list()[0]

    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert any(machine is other for other in gc.get_objects(generation=2))


def test_objects_the_application_froze_stay_frozen(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    monkeypatch.setattr(_decoding, "GC_PAUSE_THRESHOLD", 1)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        client.machines.list()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


@pytest.mark.usefixtures("fast_path")
def test_elements_without_a_lazy_key_or_in_another_order_give_the_ordinary_result(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    items = documents(client)
    del items[2]["interface_set"]
    items[5] = dict(reversed(list(items[5].items())))
    body = lay_out(items)
    expected = MACHINES.validate_json(body)
    monkeypatch.setattr(type(client.transport), "get", _answering(body, type(client.transport).get))

    machines = client.machines.list()

    assert [m.model_dump() for m in machines] == [m.model_dump() for m in expected]


@pytest.mark.usefixtures("fast_path")
def test_iter_stops_with_our_decode_error_at_an_element_that_fails(
    fleet: tuple[FakeMAAS, MAASClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = fleet
    items = documents(client)
    items[3]["status"] = "not a status"
    monkeypatch.setattr(
        type(client.transport), "get", _answering(lay_out(items), type(client.transport).get)
    )
    seen: list[str] = []

    with pytest.raises(ResponseDecodeError, match=r"3\.status"):
        seen.extend(machine.system_id for machine in client.machines.iter())
    assert seen == [item["system_id"] for item in items[:3]]
