"""What volume groups, RAIDs, bcaches, cache sets and VMFS datastores have in common.

Each is an object under a machine (``nodes/{system_id}/<plural>/`` to list and create,
``nodes/{system_id}/<singular>/{id}/`` to read, update and delete), addressed by id or by name,
changed only by an administrator on a Ready machine. :class:`NodeStorageObject` is their model
base (identity, ``refresh``/``save``/``delete``); :class:`NodeStorageManager` does the HTTP for
their managers, which declare the operations.

MAAS API: REFERENCE.md §14.3.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, Self, TypeVar

from pydantic import TypeAdapter

from maas_sdk.resources._base import (
    FormPairs,
    Resource,
    ResponseLike,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources._node_scoped import (
    DeviceRefs,
    HasId,
    PartitionRefs,
    device_values,
    node_of,
    nodes_path,
    reference,
)

__all__ = ["NodeStorageManager", "NodeStorageObject", "StorageObjectRef", "storage_form"]

StorageObjectRef = int | str | HasId
"""A volume group, RAID, bcache, cache set or datastore given by id, by name or as an object."""

M = TypeVar("M", bound="NodeStorageObject")


class NodeStorageObject(Resource):
    """Base of the storage objects MAAS builds from block devices and partitions.

    Compares equal to another object of the same class with the same :attr:`id`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"name", "uuid"})

    system_id: str | None = None
    """system_id of the machine it belongs to (left out by some MAAS 2.x answers)."""
    id: int
    """Database id."""
    name: str = ""
    """Its name (``vg0``, ``md0``, ``bcache0``, ``cache0``...)."""
    resource_uri: str = ""
    """Absolute API path of the object."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.name}>"

    __str__ = __repr__

    def _storage(self) -> NodeStorageManager[Any]:
        manager: NodeStorageManager[Any] | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def _node(self) -> str:
        return node_of(self)

    def refresh(self) -> Self:
        """Re-read the object from the server (dropping unsaved changes) and return it."""
        return self._apply(self._storage()._read(self._node(), self.id))

    def save(self) -> Self:
        """Send the assigned fields (nothing if none changed) and return the object."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        for key, value in changes.items():
            if isinstance(value, Resource):
                changes[key] = value.__dict__.get(type(value)._identity_field)
        return self._apply(self._storage()._write(self._node(), self.id, form(changes)))

    def delete(self) -> None:
        """Delete the object (admin; Ready machine)."""
        self._storage()._remove(self._node(), self.id)


class NodeStorageManager(Generic[M]):
    """The HTTP side of a storage-object manager.

    Args:
        transport: The client's transport.
        plural: The collection's path segment (``volume-groups``).
        singular: The instance's path segment (``volume-group``).
        one: Adapter of the model.
        many: Adapter of a list of the model.
    """

    def __init__(
        self,
        transport: TransportLike,
        plural: str,
        singular: str,
        one: TypeAdapter[M],
        many: TypeAdapter[list[M]],
    ) -> None:
        self._transport = transport
        self._plural = plural
        self._singular = singular
        self._one = one
        self._many = many

    def __repr__(self) -> str:
        return f"<{type(self).__name__} manager>"

    def _collection(self, system_id: str) -> str:
        return nodes_path(system_id, self._plural) + "/"

    def _instance(self, system_id: str, key: StorageObjectRef) -> str:
        return nodes_path(system_id, self._singular, reference(key)) + "/"

    def _decode_one(self, answer: ResponseLike) -> M:
        """Validate one object from an answer and bind it to this manager."""
        return decode(answer, self._one)._bind(self)

    def _read_all(self, system_id: str) -> builtins.list[M]:
        """``GET`` the collection of a machine."""
        items = decode(self._transport.get(self._collection(system_id)), self._many)
        bind_all(items, self)
        return items

    def _read(self, system_id: str, key: StorageObjectRef) -> M:
        """``GET`` one object."""
        return self._decode_one(self._transport.get(self._instance(system_id, key)))

    def _add(self, system_id: str, data: FormPairs) -> M:
        """``POST`` a new object to the collection."""
        return self._decode_one(self._transport.post(self._collection(system_id), data=data))

    def _write(self, system_id: str, key: StorageObjectRef, data: FormPairs) -> M:
        """``PUT`` changes to one object."""
        return self._decode_one(self._transport.put(self._instance(system_id, key), data=data))

    def _remove(self, system_id: str, key: StorageObjectRef) -> None:
        """``DELETE`` one object."""
        self._transport.delete(self._instance(system_id, key))

    def _post_op(
        self, system_id: str, key: StorageObjectRef, op: str, data: FormPairs
    ) -> ResponseLike:
        """``POST`` an op to one object and return the raw answer."""
        return self._transport.post(self._instance(system_id, key), op=op, data=data)


def storage_form(
    values: Mapping[str, Any], members: Mapping[str, DeviceRefs | PartitionRefs | None]
) -> FormPairs:
    """The form of a create or update: ``values`` first, then the member references.

    Each entry of ``members`` names one block device or partition, or several (ids, names or
    objects); each of them is sent under the entry's key (``add_partitions=3&add_partitions=4``),
    and an entry of ``None`` is left out.
    """
    return form(values, {key: device_values(refs) for key, refs in members.items()})
