"""Decoding answers into models: straight from the bytes, big lists element by element.

:func:`decode` validates an answer's JSON with a pydantic adapter; a list of models of at least
:data:`CHUNKED_THRESHOLD` bytes goes through :mod:`maas_sdk.resources._listing` (one element at
a time, heavy fields left as text until read), with the garbage collector paused meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from pydantic import TypeAdapter, ValidationError

from maas_sdk.errors import ResponseDecodeError
from maas_sdk.resources._listing import item_model, validate_items

if TYPE_CHECKING:
    from maas_sdk.resources._base import ResponseLike

__all__ = [
    "CHUNKED_THRESHOLD",
    "GC_PAUSE_THRESHOLD",
    "decode",
    "decode_error",
    "decode_optional",
    "gc_paused",
]

T = TypeVar("T")

GC_PAUSE_THRESHOLD = 1 << 20
"""Bodies at least this large (bytes) are validated with the cyclic garbage collector paused."""
CHUNKED_THRESHOLD = 1 << 20
"""Lists at least this large (bytes) are validated element by element (see ``_listing``)."""


@contextmanager
def gc_paused(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large body becomes Python objects.

    Validating a large list creates hundreds of thousands of container objects, and each of
    them counts towards the collector's thresholds: the collector then runs over and over on
    objects that are all alive (10,000 machines: 6.5 s with it running, under 1 s paused).
    Reference counting keeps working meanwhile; the collector is re-enabled right after (only
    if it was enabled before).

    Objects created while the collector is paused all sit in its youngest generation, and
    would be traversed three times on their way to the oldest (about 0.5 s for 10,000
    machines, paid by whatever code allocates next). So they are moved there at once with
    ``gc.freeze()`` and ``gc.unfreeze()``, unless the application froze objects itself.
    """
    if size < GC_PAUSE_THRESHOLD or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
    finally:
        gc.enable()


def decode(response: ResponseLike, adapter: TypeAdapter[T]) -> T:
    """Validate an answer's JSON body straight from its bytes.

    Args:
        response: The transport's answer.
        adapter: The adapter of the expected type (``TypeAdapter(list[Machine])``).

    Returns:
        The validated value.

    Raises:
        ResponseDecodeError: The body is not JSON (``json_invalid``: an HTML page from a proxy,
            a truncated body) or does not have the expected shape.
    """
    content = response.content
    model = item_model(adapter) if len(content) >= CHUNKED_THRESHOLD else None
    try:
        with gc_paused(len(content)):
            items = validate_items(content, model) if model is not None else None
            if items is not None:
                return items  # type: ignore[return-value]  # list[X] is exactly T here
            return adapter.validate_json(content)
    except ValidationError as exc:
        raise decode_error(response, exc) from exc


def decode_optional(response: ResponseLike, adapter: TypeAdapter[T]) -> T | None:
    """Like :func:`decode`, but an empty body or a JSON ``null`` gives ``None``."""
    if response.content.strip() in (b"", b"null"):
        return None
    return decode(response, adapter)


def decode_error(response: ResponseLike, exc: ValidationError) -> ResponseDecodeError:
    """Build the :class:`ResponseDecodeError` for a body pydantic rejected."""
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    if any(error["type"] == "json_invalid" for error in errors):
        return response.decode_error("the body is not valid JSON")
    first = errors[0] if errors else {"loc": (), "msg": str(exc)}
    location = ".".join(str(part) for part in first["loc"]) or "<root>"
    count = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return response.decode_error(
        f"the body does not match {exc.title}: {location}: {first['msg']}{count}"
    )
