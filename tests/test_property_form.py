"""Property: form and query encoding sends exactly what was given, the way MAAS reads it.

For random keys and values (text of any script, ints, floats, booleans, enums, ``None``, lists
of them), ``encode_form`` gives the documented pairs -- lists as repeated keys in order, booleans
``true``/``false``, enums their value, ``None`` left out -- and those pairs survive the wire:
what a server receives in the body of a POST or the query of a GET, parsed with
``urllib.parse.parse_qsl``, is the same list of pairs. Values MAAS cannot receive are refused
with ``ConfigurationError`` before anything is sent.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maas_sdk._codec import FormValue, encode_form
from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.errors import ConfigurationError

URL = "http://maas.invalid:5240/MAAS/"
KEY = "Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:Uv78Wx90Yz12Ab34Cd56Ef78Gh90Ij12"
PROPERTY = settings(max_examples=150, deadline=None)


class Colour(enum.Enum):
    RED = "red"
    SKY_BLUE = "sky blue&co"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 20


TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
SCALARS = st.one_of(
    TEXT,
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.booleans(),
    st.sampled_from([*Colour, *Level]),
)
VALUES = st.one_of(
    st.none(),
    SCALARS,
    st.lists(st.one_of(SCALARS, st.none()), max_size=4),
    st.tuples(SCALARS, SCALARS),
)
PAIRS = st.lists(st.tuples(TEXT, VALUES), max_size=8)


def expected_text(value: Any) -> str:
    """The documented wire text of one scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return expected_text(value.value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def expected_pairs(data: Sequence[tuple[str, Any]]) -> list[tuple[str, str]]:
    pairs = []
    for key, value in data:
        items = value if isinstance(value, list | tuple) else [value]
        pairs += [(key, expected_text(item)) for item in items if item is not None]
    return pairs


class Capture:
    def __init__(self) -> None:
        self.requests: list[WireRequest] = []

    def __call__(self, request: WireRequest) -> WireResponse:
        self.requests.append(request)
        return WireResponse(200, {"Content-Type": "application/json"}, b"{}")


CAPTURE = Capture()
CLIENT = MAASClient(URL, KEY, handler=CAPTURE)


@PROPERTY
@given(PAIRS)
def test_encoding_gives_the_documented_pairs(data: list[tuple[str, FormValue]]) -> None:
    pairs = encode_form(data)

    assert pairs == expected_pairs(data)
    assert parse_qsl(urlencode(pairs), keep_blank_values=True) == pairs


@PROPERTY
@given(st.dictionaries(TEXT, VALUES, max_size=8))
def test_a_mapping_encodes_like_its_pairs(data: dict[str, FormValue]) -> None:
    assert encode_form(data) == encode_form(list(data.items()))


@PROPERTY
@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_keep_their_exact_value(number: int | float) -> None:
    [(_, text)] = encode_form({"n": number})

    assert type(number)(text) == number
    if isinstance(number, float):
        assert math.copysign(1, float(text)) == math.copysign(1, number)


@PROPERTY
@given(PAIRS, st.one_of(st.none(), st.sampled_from(["deploy", "allocate", "op with space"])))
def test_a_post_body_parses_back_to_the_same_pairs(
    data: list[tuple[str, FormValue]], op: str | None
) -> None:
    CLIENT.transport.post("zones/", op=op, data=data)

    sent = CAPTURE.requests[-1]
    assert parse_qsl(sent.body.decode("utf-8"), keep_blank_values=True) == expected_pairs(data)
    query = parse_qsl(urlsplit(sent.url).query, keep_blank_values=True)
    assert query == ([("op", op)] if op is not None else [])


@PROPERTY
@given(PAIRS, st.one_of(st.none(), st.just("read")))
def test_a_get_query_parses_back_to_the_same_pairs(
    data: list[tuple[str, FormValue]], op: str | None
) -> None:
    CLIENT.transport.get("machines/", op=op, params=data)

    sent = CAPTURE.requests[-1]
    query = parse_qsl(urlsplit(sent.url).query, keep_blank_values=True)
    assert query == ([("op", op)] if op is not None else []) + expected_pairs(data)
    assert sent.body == b""


UNSENDABLE = st.one_of(
    st.dictionaries(TEXT, st.integers(), min_size=1, max_size=2),
    st.builds(object),
    st.complex_numbers(allow_nan=False),
    st.decimals(allow_nan=False),
    st.lists(st.binary(max_size=3), min_size=1, max_size=2),
    st.lists(st.dictionaries(TEXT, st.integers(), max_size=1), min_size=1, max_size=2),
)


@PROPERTY
@given(TEXT, UNSENDABLE)
def test_values_maas_cannot_receive_are_refused_before_sending(key: str, value: Any) -> None:
    before = len(CAPTURE.requests)

    with pytest.raises(ConfigurationError, match=r"(?s)cannot send .*MAAS takes text, numbers"):
        CLIENT.transport.post("zones/", data=[(key, value)])

    assert len(CAPTURE.requests) == before
