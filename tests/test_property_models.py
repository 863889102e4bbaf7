"""Property: whatever machine-shaped JSON a server sends, only our own error escapes.

Real machine objects (MAAS's own example captures vendored in ``tests/data/maas-examples`` and a
machine as the fake 3.4.10 region renders it) are mutated at random -- keys dropped, values
nulled, ints and floats flipped, values of the wrong type, garbage strings, extra keys -- and
served to ``client.machines.get`` / ``client.machines.list``, alone or inside a listing big
enough to be validated machine by machine with lazily parsed lists. Each call either returns
models whose everyday API (repr, addresses, dump, equality, pickling) works, or raises
``ResponseDecodeError``; never ``KeyError``, ``TypeError``, ``AttributeError`` or pydantic's
``ValidationError``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import pickle
from collections.abc import Callable, Iterator
from typing import Any, TypeAlias

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from models_support import example_machines

from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import ResponseDecodeError
from maas_sdk.resources import Machine
from maas_sdk.resources._base import CHUNKED_THRESHOLD
from maas_sdk.testing import FakeMAAS

URL = "http://maas.invalid:5240/MAAS/"
KEY = "Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:Uv78Wx90Yz12Ab34Cd56Ef78Gh90Ij12"
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Path: TypeAlias = tuple[str | int, ...]


def fake_rendered_machine() -> dict[str, Any]:
    fake = FakeMAAS(seed=31, strict=True)
    system_id = fake.seed_machines(3, seed=2)[1]
    answer = fake.client().transport.get(f"machines/{system_id}/").json()
    assert isinstance(answer, dict)
    return answer


SEEDS: list[dict[str, Any]] = [machine for _, machine in example_machines()[:19:3]] + [
    fake_rendered_machine()
]

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
GARBAGE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "null", "NaN", "-1", "1e400", "0x10", "Deployed", "\u0000", "🦆"]),
)


def paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every position inside a JSON value, depth first (the root excluded)."""
    children: Iterator[tuple[str | int, Any]]
    if isinstance(value, dict):
        children = iter(value.items())
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return
    for key, child in children:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def parent_of(document: Any, path: Path) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


def flipped(value: Any) -> Any:
    """An int becomes a float, a float an int, a bool an int, a string a number if it can."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value + 0.5
    if isinstance(value, float):
        return int(value) if value == value and abs(value) < 1e300 else 0
    if isinstance(value, str):
        return len(value)
    return None


@st.composite
def mutated_machines(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        positions = list(paths(document))
        path = draw(st.sampled_from(positions))
        parent = parent_of(document, path)
        key = path[-1]
        kind = draw(st.sampled_from(["drop", "null", "flip", "wrong type", "garbage", "extra"]))
        if kind == "drop":
            del parent[key]
        elif kind == "null":
            parent[key] = None
        elif kind == "flip":
            parent[key] = flipped(parent[key])
        elif kind == "wrong type":
            parent[key] = draw(JSON_VALUES)
        elif kind == "garbage":
            parent[key] = draw(GARBAGE)
        else:
            target = parent if isinstance(parent, dict) else document
            target[draw(st.text(max_size=12))] = draw(JSON_VALUES)
    return document


class Serve:
    """An in-process region answering every GET with the body it is given."""

    def __init__(self) -> None:
        self.body = b""

    def __call__(self, request: WireRequest) -> WireResponse:
        return WireResponse(200, {"Content-Type": "application/json"}, self.body)


SERVER = Serve()
CLIENT = MAASClient(URL, KEY, handler=SERVER)


def round_trips(machine: Machine) -> None:
    assert pickle.loads(pickle.dumps(machine)) == machine


EVERYDAY: list[Callable[[Machine], object]] = [
    repr,
    str,
    hash,
    lambda machine: machine.addresses,
    lambda machine: machine.interface_set,
    lambda machine: machine.model_dump(),
    lambda machine: machine.model_dump_json(),
    copy.deepcopy,
    round_trips,
]


def exercise(machine: Machine) -> None:
    """The everyday, I/O-free API of a parsed machine must work on whatever parsed.

    A list field validated lazily (on first read) may still raise our ``ResponseDecodeError``.
    """
    assert machine == machine
    for use in EVERYDAY:
        with contextlib.suppress(ResponseDecodeError):
            use(machine)


def fetch(body: bytes) -> list[Machine]:
    SERVER.body = body
    machines: list[Machine] = []
    problem: ResponseDecodeError | None = None
    try:
        machines.append(CLIENT.machines.get("abc123"))
        SERVER.body = b"[" + body + b"]"
        machines += CLIENT.machines.list()
    except ResponseDecodeError as error:
        problem = error
    if problem is not None:
        assert problem.status_code == 200
        assert len(problem.snippet) <= 200
        return []
    return machines


def test_the_seeds_parse_cleanly() -> None:
    for seed in SEEDS:
        machines = fetch(json.dumps(seed).encode())
        assert len(machines) == 2
        assert machines[0].system_id == seed["system_id"]


@PROPERTY
@given(mutated_machines())
def test_a_mutated_machine_parses_or_raises_only_our_decode_error(
    document: dict[str, Any],
) -> None:
    for machine in fetch(json.dumps(document).encode()):
        exercise(machine)


@PROPERTY
@given(JSON_VALUES)
def test_any_json_at_all_parses_or_raises_only_our_decode_error(value: Any) -> None:
    for machine in fetch(json.dumps(value).encode()):
        exercise(machine)


@PROPERTY
@given(mutated_machines(), st.integers(min_value=0, max_value=400), st.binary(max_size=8))
def test_a_cut_or_corrupted_body_raises_only_our_decode_error(
    document: dict[str, Any], cut: int, tail: bytes
) -> None:
    body = json.dumps(document, indent=4).encode()
    for machine in fetch(body[: len(body) - cut] + tail):
        exercise(machine)


def large_listing(document: dict[str, Any], position: int) -> tuple[bytes, int]:
    """A listing laid out as MAAS lays it out (4-space indent), past the size from which
    machines are validated one by one with their heavy lists left for their first read."""
    clean = SEEDS[-1]
    count = CHUNKED_THRESHOLD // len(json.dumps(clean, indent=4)) + 2
    index = position % count
    items = [clean] * count
    items[index] = document
    return json.dumps(items, indent=4).encode(), index


# No shrinking: shrinking a 1 MiB example takes minutes; the failing example is shown as found.
@settings(PROPERTY, max_examples=12, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(mutated_machines(), st.integers(min_value=0))
def test_a_large_listing_with_a_mutated_machine_raises_only_our_decode_error(
    document: dict[str, Any], position: int
) -> None:
    SERVER.body, index = large_listing(document, position)
    machines: list[Machine] = []
    with contextlib.suppress(ResponseDecodeError):
        machines = CLIENT.machines.list()

    if machines:
        exercise(machines[index])
        exercise(machines[index - 1])
