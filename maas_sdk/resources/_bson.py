"""A minimal BSON reader for ``GET machines/{system_id}/?op=details``.

MAAS answers that op with ``application/bson``: one document whose values are binary blobs
(``lshw`` and ``lldp`` XML) or null. This reads the element types MAAS can put there; it is not
a general BSON library.
"""

from __future__ import annotations

import struct
from typing import Any

__all__ = ["BSONError", "decode_document"]


class BSONError(ValueError):
    """The bytes are not a BSON document this reader understands."""


def decode_document(data: bytes) -> dict[str, Any]:
    """Decode one BSON document.

    Args:
        data: The whole body.

    Returns:
        The document: binary values as ``bytes``, strings as ``str``, null as ``None``,
        numbers, booleans, nested documents as ``dict`` and arrays as ``list``.

    Raises:
        BSONError: The bytes are truncated, oversized or use an unsupported element type.
    """
    document, end = _document(data, 0)
    if end != len(data):
        raise BSONError(f"{len(data) - end} bytes after the end of the document")
    return document


def _document(data: bytes, start: int) -> tuple[dict[str, Any], int]:
    if len(data) < start + 5:
        raise BSONError("truncated document")
    (length,) = struct.unpack_from("<i", data, start)
    end = start + length
    if length < 5 or end > len(data) or data[end - 1] != 0:
        raise BSONError("bad document length")
    position = start + 4
    document: dict[str, Any] = {}
    while position < end - 1:
        kind = data[position]
        name_end = data.index(b"\x00", position + 1, end)
        name = data[position + 1 : name_end].decode("utf-8")
        document[name], position = _value(data, kind, name_end + 1, end)
    return document, end


def _value(data: bytes, kind: int, position: int, limit: int) -> tuple[Any, int]:
    if kind == 0x0A:  # null
        return None, position
    if kind == 0x08:  # boolean
        return data[position] == 1, position + 1
    if kind == 0x10:  # int32
        return struct.unpack_from("<i", data, position)[0], position + 4
    if kind in (0x12, 0x09):  # int64, UTC datetime (milliseconds)
        return struct.unpack_from("<q", data, position)[0], position + 8
    if kind == 0x01:  # double
        return struct.unpack_from("<d", data, position)[0], position + 8
    if kind == 0x02:  # string
        (size,) = struct.unpack_from("<i", data, position)
        end = position + 4 + size
        if size < 1 or end > limit:
            raise BSONError("bad string length")
        return data[position + 4 : end - 1].decode("utf-8"), end
    if kind == 0x05:  # binary
        (size,) = struct.unpack_from("<i", data, position)
        end = position + 5 + size
        if size < 0 or end > limit:
            raise BSONError("bad binary length")
        return bytes(data[position + 5 : end]), end
    if kind in (0x03, 0x04):  # document, array
        nested, end = _document(data, position)
        return (list(nested.values()) if kind == 0x04 else nested), end
    raise BSONError(f"unsupported BSON element type 0x{kind:02x}")
