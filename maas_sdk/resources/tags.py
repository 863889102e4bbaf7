"""Tags: the :class:`Tag` model and the :class:`Tags` manager (``client.tags``).

A tag is addressed by its name (``tags/{name}/``); renaming it changes its URL, which
:meth:`Tag.save` handles. A tag with a ``definition`` (an XPath over the nodes' lshw/lldp
data) is applied automatically; a tag without one is a *manual* tag attached with
:meth:`Tags.update_nodes` (tags with a definition also accept manual additions).

The node listings (``machines``, ``devices``, ``nodes``, ``rack_controllers``,
``region_controllers``) return the nodes as their own read would: :meth:`Tags.machines` gives
full, bound :class:`~maas_sdk.resources.machines.Machine` objects; the others give
:class:`TaggedNode` summaries (the fields every node type shares, every other key kept in
``model_extra``), because devices and controllers have models of their own elsewhere.

MAAS API: ``tags/``, ``tags/{name}/`` (REFERENCE.md §11).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import Field, TypeAdapter

from maas_sdk._clock import Clock
from maas_sdk._operations import api_operation
from maas_sdk.enums import NodeType
from maas_sdk.resources._base import (
    MAASModel,
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.common import Domain
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.zones import Zone

__all__ = ["NodeRefs", "Tag", "TagNodesUpdate", "TaggedNode", "Tags"]


class _HasSystemId(Protocol):
    @property
    def system_id(self) -> str: ...


NodeRefs = str | _HasSystemId | Iterable[str | _HasSystemId]
"""Nodes given by system_id or as objects with a ``system_id`` (a machine), alone or several."""


class Tag(Resource):
    """A tag.

    Compares equal to another :class:`Tag` with the same :attr:`name`. ``name``,
    ``definition``, ``comment`` and ``kernel_opts`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "definition", "comment", "kernel_opts"}
    )
    _identity_field: ClassVar[str] = "name"
    if TYPE_CHECKING:
        _manager: Tags | None

    name: str
    """Tag name (letters, digits, ``-`` and ``_``); also the tag's address in the API."""
    definition: str = ""
    """XPath expression selecting the nodes automatically; ``""`` for a manual tag."""
    comment: str = ""
    """Free-form description."""
    kernel_opts: str = ""
    """Kernel parameters added when booting the nodes carrying the tag."""
    resource_uri: str = ""
    """Absolute API path of the tag (``/MAAS/api/2.0/tags/<name>/``)."""

    def __repr__(self) -> str:
        kind = "automatic" if self.definition else "manual"
        return f"<Tag {self.name} {kind}>"

    __str__ = __repr__

    @property
    def is_automatic(self) -> bool:
        """Whether the tag has a definition (MAAS applies it to matching nodes itself)."""
        return bool(self.definition)

    def _tags(self) -> Tags:
        manager: Tags | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Tag:
        """Re-read the tag (dropping unsaved changes) and return it."""
        return self._apply(self._tags().get(self._original("name")))

    def save(self) -> Tag:
        """Send the assigned fields (nothing if none changed) and return the tag."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._tags().update(self._original("name"), **changes))

    def delete(self) -> None:
        """Delete the tag; see :meth:`Tags.delete`."""
        self._tags().delete(self._original("name"))

    def update_nodes(
        self,
        *,
        add: NodeRefs | None = None,
        remove: NodeRefs | None = None,
        definition: str | None = None,
        rack_controller: str | None = None,
    ) -> TagNodesUpdate:
        """Attach the tag to nodes and detach it from others; see :meth:`Tags.update_nodes`."""
        return self._tags().update_nodes(
            self.name,
            add=add,
            remove=remove,
            definition=definition,
            rack_controller=rack_controller,
        )

    def rebuild(self) -> str:
        """Re-evaluate the definition on every node; see :meth:`Tags.rebuild`."""
        return self._tags().rebuild(self.name)

    def machines(self) -> builtins.list[Machine]:
        """List the machines carrying the tag; see :meth:`Tags.machines`."""
        return self._tags().machines(self.name)

    def devices(self) -> builtins.list[TaggedNode]:
        """List the devices carrying the tag; see :meth:`Tags.devices`."""
        return self._tags().devices(self.name)

    def nodes(self) -> builtins.list[TaggedNode]:
        """List the nodes of every type carrying the tag; see :meth:`Tags.nodes`."""
        return self._tags().nodes(self.name)

    def rack_controllers(self) -> builtins.list[TaggedNode]:
        """List the rack controllers carrying the tag; see :meth:`Tags.rack_controllers`."""
        return self._tags().rack_controllers(self.name)

    def region_controllers(self) -> builtins.list[TaggedNode]:
        """List the region controllers carrying the tag; see :meth:`Tags.region_controllers`."""
        return self._tags().region_controllers(self.name)


class TagNodesUpdate(MAASModel):
    """What ``update_nodes`` did: how many of the given nodes were tagged and untagged.

    MAAS counts every given system_id that exists (one already carrying the tag counts again as
    added) and silently ignores unknown ones.
    """

    added: int = 0
    """Number of existing nodes among ``add``."""
    removed: int = 0
    """Number of existing nodes among ``remove``."""


class TaggedNode(MAASModel):
    """A node of any type as a tag's node listings return it (the fields every type shares).

    Every other key of the node's full rendering (a device's ``parent``, a controller's
    ``service_set``, a machine's ``status_name``...) is kept in ``model_extra``.
    """

    system_id: str
    """The node's system_id."""
    hostname: str = ""
    """Host name (without the domain)."""
    fqdn: str = ""
    """Fully qualified domain name."""
    node_type: NodeType = NodeType.MACHINE
    """Kind of node."""
    node_type_name: str = ""
    """Kind of node as text (``Machine``, ``Device``, ``Rack controller``...)."""
    description: str = ""
    """Free-form description (absent before MAAS 2.5 for devices)."""
    tag_names: list[str] = Field(default_factory=list)
    """Tags of the node."""
    domain: Domain | None = None
    """The node's DNS domain."""
    zone: Zone | None = None
    """The node's availability zone."""
    owner: str | None = None
    """Username of the owner (machines and devices), or ``None``."""
    resource_uri: str = ""
    """Absolute API path of the node under its own type (``/MAAS/api/2.0/devices/<id>/``)."""

    def __repr__(self) -> str:
        kind = self.node_type_name or self.node_type.name
        return f"<TaggedNode {self.system_id} {self.hostname} {kind}>"


_TAG = TypeAdapter(Tag)
_TAGS = TypeAdapter(list[Tag])
_NODES = TypeAdapter(list[TaggedNode])
_UPDATE = TypeAdapter(TagNodesUpdate)
_REBUILD = TypeAdapter(dict[str, Any])
_MACHINES = TypeAdapter(list[Machine])


class Tags:
    """Manager of tags, reached as ``client.tags``.

    Args:
        transport: The client's transport.
        clock: The client's clock, handed to the machines :meth:`machines` returns so that
            their waiting actions sleep on it.
    """

    def __init__(self, transport: TransportLike, *, clock: Clock | None = None) -> None:
        self._transport = transport
        self._clock = clock
        self._machines: Machines | None = None

    def __repr__(self) -> str:
        return "<Tags manager>"

    @api_operation("GET", "tags/")
    def list(self) -> builtins.list[Tag]:
        """List every tag.

        MAAS API: ``GET tags/``.
        """
        tags = decode(self._transport.get("tags/"), _TAGS)
        bind_all(tags, self)
        return tags

    @api_operation("GET", "tags/{name}/")
    def get(self, name: str) -> Tag:
        """Read one tag by name.

        MAAS API: ``GET tags/{name}/``.

        Raises:
            NotFoundError: No tag has that name.
        """
        return decode(self._transport.get(_tag_path(name)), _TAG)._bind(self)

    @api_operation("POST", "tags/")
    def create(
        self,
        name: str,
        *,
        comment: str | None = None,
        definition: str | None = None,
        kernel_opts: str | None = None,
    ) -> Tag:
        """Create a tag (admin only).

        MAAS API: ``POST tags/``.

        Args:
            name: The tag name (no spaces).
            comment: Free-form description.
            definition: XPath expression selecting the nodes automatically; omit it for a
                manual tag.
            kernel_opts: Kernel parameters for the nodes carrying the tag.

        Raises:
            BadRequestError: The name is taken or invalid, or the definition is not valid
                XPath (``field_errors["definition"]``).
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        data = form(
            {
                "name": name,
                "comment": comment,
                "definition": definition,
                "kernel_opts": kernel_opts,
            }
        )
        return decode(self._transport.post("tags/", data=data), _TAG)._bind(self)

    @api_operation("PUT", "tags/{name}/")
    def update(
        self,
        tag: str | Tag,
        *,
        name: str | None = None,
        comment: str | None = None,
        definition: str | None = None,
        kernel_opts: str | None = None,
    ) -> Tag:
        """Change a tag (admin only); omitted (``None``) arguments stay unchanged.

        Changing the definition makes MAAS re-evaluate the nodes in the background.

        MAAS API: ``PUT tags/{name}/``.

        Args:
            tag: The tag's current name (or the tag).
            name: A new name (this changes the tag's URL).
            comment: A new comment.
            definition: A new definition (``""`` makes it a manual tag).
            kernel_opts: New kernel parameters.
        """
        data = form(
            {
                "name": name,
                "comment": comment,
                "definition": definition,
                "kernel_opts": kernel_opts,
            }
        )
        return decode(self._transport.put(_tag_path(tag), data=data), _TAG)._bind(self)

    @api_operation("DELETE", "tags/{name}/")
    def delete(self, tag: str | Tag) -> None:
        """Delete a tag (admin only); nodes lose it.

        MAAS API: ``DELETE tags/{name}/``.

        Raises:
            NotFoundError: No tag has that name.
            PermissionDeniedError: The caller is not an administrator (empty message).
        """
        self._transport.delete(_tag_path(tag))

    @api_operation("POST", "tags/{name}/", op="update_nodes")
    def update_nodes(
        self,
        tag: str | Tag,
        *,
        add: NodeRefs | None = None,
        remove: NodeRefs | None = None,
        definition: str | None = None,
        rack_controller: str | None = None,
    ) -> TagNodesUpdate:
        """Attach the tag to nodes and detach it from others (admin only).

        MAAS API: ``POST tags/{name}/?op=update_nodes``.

        Args:
            tag: The tag's name (or the tag).
            add: Nodes to tag (system_ids or objects with a ``system_id``).
            remove: Nodes to untag.
            definition: The definition the caller believes the tag has; if the tag's current
                definition differs, nothing happens and MAAS answers 409 (a guard against
                racing a definition change).
            rack_controller: system_id of the rack controller doing the update (how rack
                controllers update tags without being administrators).

        Returns:
            How many of the given nodes exist (unknown system_ids are ignored).

        Raises:
            ConflictError: ``definition`` does not match the tag's definition.
            NotFoundError: No tag has that name.
            PermissionDeniedError: The caller is neither an administrator nor a rack
                controller (``Must be a superuser or supply a rack_controller``).
        """
        data = form(
            {
                "add": _system_ids(add),
                "remove": _system_ids(remove),
                "definition": definition,
                "rack_controller": rack_controller,
            }
        )
        answer = self._transport.post(_tag_path(tag), op="update_nodes", data=data)
        return decode(answer, _UPDATE)

    @api_operation("POST", "tags/{name}/", op="rebuild")
    def rebuild(self, tag: str | Tag) -> str:
        """Re-evaluate a tag's definition against every node, in the background (admin only).

        MAAS API: ``POST tags/{name}/?op=rebuild``.

        Returns:
            The name of the tag being rebuilt (MAAS answers ``{"rebuilding": "<name>"}``).
        """
        answer = decode(self._transport.post(_tag_path(tag), op="rebuild"), _REBUILD)
        return str(answer.get("rebuilding", _tag_name(tag)))

    @api_operation("GET", "tags/{name}/", op="machines")
    def machines(self, tag: str | Tag) -> builtins.list[Machine]:
        """List the machines carrying a tag (those the caller may see), as full machines.

        MAAS API: ``GET tags/{name}/?op=machines``.

        Returns:
            Machines bound to a machines manager, so their actions work.
        """
        answer = self._transport.get(_tag_path(tag), op="machines")
        machines = decode(answer, _MACHINES)
        bind_all(machines, self._machine_manager())
        return machines

    @api_operation("GET", "tags/{name}/", op="devices")
    def devices(self, tag: str | Tag) -> builtins.list[TaggedNode]:
        """List the devices carrying a tag.

        MAAS API: ``GET tags/{name}/?op=devices``.
        """
        return self._nodes(tag, "devices")

    @api_operation("GET", "tags/{name}/", op="nodes")
    def nodes(self, tag: str | Tag) -> builtins.list[TaggedNode]:
        """List the nodes of every type (machines, devices, controllers) carrying a tag.

        MAAS API: ``GET tags/{name}/?op=nodes``.
        """
        return self._nodes(tag, "nodes")

    @api_operation("GET", "tags/{name}/", op="rack_controllers")
    def rack_controllers(self, tag: str | Tag) -> builtins.list[TaggedNode]:
        """List the rack controllers carrying a tag.

        MAAS API: ``GET tags/{name}/?op=rack_controllers``.
        """
        return self._nodes(tag, "rack_controllers")

    @api_operation("GET", "tags/{name}/", op="region_controllers")
    def region_controllers(self, tag: str | Tag) -> builtins.list[TaggedNode]:
        """List the region controllers carrying a tag.

        MAAS API: ``GET tags/{name}/?op=region_controllers``.
        """
        return self._nodes(tag, "region_controllers")

    def _nodes(self, tag: str | Tag, kind: str) -> builtins.list[TaggedNode]:
        return decode(self._transport.get(_tag_path(tag), op=kind), _NODES)

    def _machine_manager(self) -> Machines:
        if self._machines is None:
            self._machines = Machines(self._transport, clock=self._clock)
        return self._machines


def _tag_name(tag: str | Tag) -> str:
    return tag._original("name") if isinstance(tag, Tag) else tag


def _tag_path(tag: str | Tag) -> str:
    return f"tags/{path_segment(_tag_name(tag))}/"


def _system_ids(nodes: NodeRefs | None) -> builtins.list[str] | None:
    if nodes is None:
        return None
    if isinstance(nodes, str):
        return [nodes]
    if hasattr(nodes, "system_id"):
        return [str(nodes.system_id)]
    return [node if isinstance(node, str) else node.system_id for node in nodes]
