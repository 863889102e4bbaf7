"""Plumbing shared by the objects that live under a node (``nodes/{system_id}/…``).

Interfaces, block devices, partitions, volume groups, RAIDs, bcaches, cache sets and VMFS
datastores are all addressed below their node. Their managers take the node's ``system_id`` as
first argument; :func:`bind_node` turns a manager method into the same method with the node filled
in, which is what the ``…Of`` views (``client.interfaces.of(system_id)``) are made of. Their models
know their node from ``system_id`` or, when an older MAAS leaves that key out, from their
``resource_uri``.

MAAS API: REFERENCE.md §14 (storage), §15 (interfaces).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Concatenate, ParamSpec, TypeVar, cast

from pydantic import BeforeValidator, Discriminator, Tag

from maas_sdk.errors import UnboundResourceError
from maas_sdk.resources._base import path_segment
from maas_sdk.resources.common import BlockDevice, Partition
from maas_sdk.resources.vlans import HasId

__all__ = [
    "DeviceRef",
    "DeviceRefs",
    "HasId",
    "PartitionRef",
    "PartitionRefs",
    "StorageDevice",
    "WholeBytes",
    "bind_device",
    "bind_node",
    "device_values",
    "node_of",
    "nodes_path",
    "reference",
]

P = ParamSpec("P")
R = TypeVar("R")

DeviceRef = int | str | HasId
"""A block device given by id, by name (``sda``, ``md0``) or as an object."""
PartitionRef = int | str | HasId
"""A partition given by id, by name (``sda-part1``) or as an object."""
DeviceRefs = DeviceRef | Iterable[DeviceRef]
"""One block device or several (ids, names or objects)."""
PartitionRefs = PartitionRef | Iterable[PartitionRef]
"""One partition or several (ids, names or objects)."""


def bind_node(method: Callable[Concatenate[str, P], R], system_id: str) -> Callable[P, R]:
    """Return ``method`` with its first argument (the node's system_id) filled in.

    The result keeps the method's other parameters, their types and its return type, so a view
    built from it is as well typed as the manager.

    Args:
        method: A manager method whose first parameter is the node's system_id.
        system_id: The node.
    """

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return method(system_id, *args, **kwargs)

    call.__name__ = getattr(method, "__name__", "call")
    call.__doc__ = method.__doc__
    return call


def bind_device(
    method: Callable[Concatenate[str, Any, P], R], system_id: str, device: Any
) -> Callable[P, R]:
    """Return ``method`` with its first two arguments (node and block device) filled in.

    Args:
        method: A manager method taking the node's system_id, then the block device.
        system_id: The node.
        device: The block device (id, name or object).
    """

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return method(system_id, device, *args, **kwargs)

    call.__name__ = getattr(method, "__name__", "call")
    call.__doc__ = method.__doc__
    return call


def nodes_path(system_id: str, *segments: str | int) -> str:
    """Build ``nodes/<system_id>/<segment>/…`` (each segment quoted, no trailing slash added)."""
    return "/".join(["nodes", path_segment(system_id), *(path_segment(s) for s in segments)])


def reference(value: int | str | HasId) -> int | str:
    """Return the id of an object, or the id or name given as is."""
    if isinstance(value, int | str):
        return value
    return value.id


def device_values(values: int | str | HasId | Iterable[int | str | HasId] | None) -> list[Any]:
    """Turn one device/partition reference, or several, into the values to send (repeated)."""
    if values is None:
        return []
    # Models are iterable (pydantic yields their fields): an object with an id is one reference.
    if isinstance(values, int | str) or hasattr(values, "id"):
        return [reference(cast(int | str | HasId, values))]
    return [reference(value) for value in values]


def node_of(model: Any) -> str:
    """Return the system_id of the node an object belongs to.

    Uses its ``system_id`` field, else the ``nodes/<system_id>/`` part of its ``resource_uri``
    (MAAS 2.x left ``system_id`` out of some storage objects).

    Raises:
        UnboundResourceError: Neither is known.
    """
    system_id = getattr(model, "system_id", None)
    if system_id:
        return str(system_id)
    uri = str(getattr(model, "resource_uri", "") or "")
    marker = "/nodes/"
    if marker in uri:
        return uri.split(marker, 1)[1].split("/", 1)[0]
    raise UnboundResourceError(
        f"this {type(model).__name__} does not say which node it belongs to (no system_id)"
    )


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value)
    return value


WholeBytes = Annotated[int, BeforeValidator(_whole)]
"""A size in bytes; MAAS computes some sizes (RAID 10) with a true division and sends floats."""


def _storage_kind(value: Any) -> str:
    kind = value.get("type") if isinstance(value, Mapping) else getattr(value, "type", None)
    return "partition" if kind == "partition" else "block_device"


StorageDevice = Annotated[
    Annotated[BlockDevice, Tag("block_device")] | Annotated[Partition, Tag("partition")],
    Discriminator(_storage_kind),
]
"""What a volume group, RAID, bcache or datastore is made of: a block device or a partition
(told apart by ``type``: ``"partition"`` for partitions)."""
