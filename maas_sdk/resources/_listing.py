r"""Decoding large JSON lists fast: one element at a time, with heavy nested lists parsed lazily.

MAAS renders lists with a 4-space indent (REFERENCE.md §3.4), one element after another::

    [
        {
            "system_id": "abc123",
            "interface_set": [
                ...
            ],
            ...
        },
        {

A raw newline never occurs inside a JSON string (it must be escaped), so in that layout
``\n    },\n    {`` can only be the boundary between two top-level elements, and a line
``\n        "interface_set": [`` ... ``\n        ]`` can only be a key of the element itself
and its value. Each element is then validated on its own: pydantic never builds the parse tree
of the whole (90-250 MB) answer at once, which halves the peak memory of a big listing.

A model can name fields to leave unparsed (``Resource._lazy_fields``): their JSON text is cut out
of the element before validation and kept; the field is validated from that text the first time
it is read (no I/O: the bytes were already received). For a machine that is its interfaces, its
block devices and the copies MAAS repeats of some of them: three quarters of its JSON.

Anything that does not look exactly like that layout (compact JSON, another indent, an element
that fails validation on its own) is validated the ordinary way, as a whole, so the result and
the errors are always those of ``TypeAdapter.validate_json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

__all__ = [
    "LazyField",
    "cut_element",
    "item_model",
    "iter_chunks",
    "iter_validated",
    "lazy_keys",
    "validate_items",
]

M = TypeVar("M", bound=BaseModel)

_ARRAY_START = b"[\n    {"
_ITEM_BOUNDARY = b"\n    },\n    {"
_ITEM_END = len(b"\n    }")
_NEXT_ITEM = len(b"\n    },")
_KEY_INDENT = b"\n        "
# Needles made mostly of spaces are found faster by the regex engine than by bytes.find
# (it jumps from newline to newline); needles ending in a key name are found faster by find.
_NEXT_ELEMENT = re.compile(re.escape(_ITEM_BOUNDARY)).search
_CLOSINGS = {
    ord("["): re.compile(re.escape(_KEY_INDENT + b"]")).search,
    ord("{"): re.compile(re.escape(_KEY_INDENT + b"}")).search,
}
_PLACEHOLDERS = {ord("["): b"[]", ord("{"): b"null"}
_CLOSING_LENGTH = len(_KEY_INDENT) + 1


def iter_chunks(content: bytes) -> Iterator[bytes] | None:
    """Split a 4-space-indented JSON array of objects into the JSON text of each element.

    Args:
        content: The whole answer.

    Returns:
        An iterator over the elements' text, or ``None`` when the answer is not laid out that
        way (then nothing can be split safely).
    """
    if not _splittable(content):
        return None
    return (chunk for chunk, _ in _elements(content, {}))


def _splittable(content: bytes) -> bool:
    return content.startswith(_ARRAY_START) and content.rstrip().endswith(b"}\n]")


def _elements(content: bytes, lazy: Mapping[str, str]) -> Iterator[tuple[bytes, dict[str, bytes]]]:
    """Yield each element's text with the ``lazy`` values cut out, and the cut values' text.

    ``lazy`` maps field names to the JSON keys they are read from. A value that is a list or
    an object laid out over several lines is cut out and replaced by ``[]`` or ``null``; other
    values (``null``, ``[]``, ``{}``, scalars) stay in place.

    One pass over the answer: the lazy keys are looked for in the order the first element has
    them, then the end of the element after the last of them. An element without one of the
    keys (or with them in another order) makes a chunk of two elements, which fails validation
    and sends the whole answer to the ordinary path.
    """
    find = content.find
    view = memoryview(content)
    last = content.rindex(b"]")
    markers = [(name, _KEY_INDENT + b'"' + key.encode() + b'": ') for name, key in lazy.items()]
    first = find(_ITEM_BOUNDARY, 2)
    first_end = last if first < 0 else first + _ITEM_END
    found = [(find(marker, 2, first_end), name, marker) for name, marker in markers]
    ordered = [(name, marker) for at, name, marker in sorted(found) if at >= 0]
    position = 2
    while True:
        cursor = piece_start = position
        pieces: list[bytes | memoryview] = []
        cut: dict[str, bytes] = {}
        for name, marker in ordered:
            start = find(marker, cursor)
            if start < 0:
                break
            start += len(marker)
            opening = content[start]
            closing = _CLOSINGS.get(opening)
            if closing is None or content[start + 1] == opening + 2:  # "[]" or "{}"
                cursor = start + 1
                continue
            found_end = closing(content, start)
            if found_end is None:
                break
            end = found_end.start() + _CLOSING_LENGTH
            pieces += (view[piece_start:start], _PLACEHOLDERS[opening])
            piece_start = cursor = end
            cut[name] = content[start:end]
        next_element = _NEXT_ELEMENT(content, cursor)
        boundary = -1 if next_element is None else next_element.start()
        end_of_item = last if boundary < 0 else boundary + _ITEM_END
        if pieces:
            pieces.append(view[piece_start:end_of_item])
            yield b"".join(pieces), cut
        else:
            yield content[position:end_of_item], cut
        if boundary < 0:
            return
        position = boundary + _NEXT_ITEM


def cut_element(chunk: bytes, lazy: Mapping[str, str]) -> tuple[bytes, dict[str, bytes]]:
    """Cut the ``lazy`` values out of one element's JSON text (see :func:`iter_chunks`).

    Args:
        chunk: One element, laid out as MAAS lays out the elements of a list.
        lazy: Field names and the JSON keys they are read from.

    Returns:
        The element with each cut value replaced by ``[]`` or ``null``, and the cut values'
        JSON text by field name.
    """
    content = b"[\n    " + chunk.strip() + b"\n]"
    return next(_elements(content, lazy))


@dataclass(frozen=True)
class LazyField:
    """How a field of a big listing's elements is kept as JSON text until first read.

    Attributes:
        adapter: Validates the field's value from its JSON text.
        key: The JSON key the field is read from, when it is not the field's name.
    """

    adapter: TypeAdapter[Any]
    key: str | None = None


@functools.cache
def lazy_keys(model: type[BaseModel]) -> Mapping[str, str]:
    """The fields ``model`` leaves as JSON text (``_lazy_fields``), with their JSON keys."""
    fields: Mapping[str, LazyField] = getattr(model, "_lazy_fields", None) or {}
    return {name: field.key or name for name, field in fields.items()}


@functools.cache
def item_model(adapter: TypeAdapter[Any]) -> type[BaseModel] | None:
    """Return ``X`` when ``adapter`` validates ``list[X]`` for a pydantic model ``X``."""
    schema: Any = adapter.core_schema
    definitions = {}
    if schema.get("type") == "definitions":
        definitions = {item.get("ref"): item for item in schema.get("definitions", [])}
        schema = schema["schema"]
    if schema.get("type") != "list":
        return None
    items = schema.get("items_schema") or {}
    if items.get("type") == "definition-ref":
        items = definitions.get(items.get("schema_ref"), {})
    model = items.get("cls") if items.get("type") == "model" else None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def validate_items(content: bytes, model: type[M]) -> list[M] | None:
    """Validate a large JSON list of ``model`` element by element.

    Elements whose model declares ``_lazy_fields`` keep those values unparsed until read.
    Elements with the same set of keys share one ``__pydantic_fields_set__`` when the model
    copies it before changing it (``_copies_fields_set``) or is frozen.

    Args:
        content: The answer's bytes.
        model: The element model.

    Returns:
        The validated elements, or ``None`` when the answer must be validated as a whole
        (another layout, or an element that fails on its own).
    """
    if not _splittable(content):
        return None
    items: list[M] = []
    try:
        for item in _validated(content, model):
            items.append(item)
    except ValidationError:
        return None
    return items


def iter_validated(content: bytes, model: type[M]) -> Iterator[M] | None:
    """Like :func:`validate_items`, but yield the elements one at a time, keeping none.

    Returns:
        An iterator, or ``None`` when the answer is not split into elements (see
        :func:`iter_chunks`); the iterator raises ``ValidationError`` for a bad element.
    """
    return _validated(content, model) if _splittable(content) else None


def _validated(content: bytes, model: type[M]) -> Iterator[M]:
    validate: Callable[[bytes], M] = model.__pydantic_validator__.validate_json
    lazy = lazy_keys(model)
    # Only models that copy the set before changing it (MAASModel) or never change it (frozen).
    share = bool(getattr(model, "_copies_fields_set", False) or model.model_config.get("frozen"))
    shared: dict[frozenset[str], set[str]] = {}
    for chunk, cut in _elements(content, lazy):
        item = validate(chunk)
        if cut:
            fields = item.__dict__
            for name in cut:
                del fields[name]
            object.__setattr__(item, "_pending_json", cut)
        if share:
            names = item.__pydantic_fields_set__
            common = shared.setdefault(frozenset(names), names)
            if common is not names:
                object.__setattr__(item, "__pydantic_fields_set__", common)
        yield item
