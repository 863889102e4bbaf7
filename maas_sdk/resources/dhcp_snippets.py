"""Snippets of ISC DHCP configuration: :class:`DHCPSnippet` and its manager.

A snippet applies globally, to one subnet (optionally one IP range of it) or to one node. MAAS
keeps every value a snippet had (:attr:`DHCPSnippet.history`) and can go back to one
(:meth:`DHCPSnippets.revert`). MAAS 3.6 deprecates snippets in favour of reserved IPs; they keep
working.

MAAS API: ``dhcp-snippets/``, ``dhcp-snippets/{id}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Field, TypeAdapter

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
)
from maas_sdk.resources._platform import RFC2822_DATETIME
from maas_sdk.resources.subnets import Subnet

__all__ = ["DHCPSnippet", "DHCPSnippetNode", "DHCPSnippetRevision", "DHCPSnippets"]


class DHCPSnippetRevision(MAASModel):
    """One stored value of a snippet (an entry of :attr:`DHCPSnippet.history`)."""

    id: int
    """Id of the revision (pass it to :meth:`DHCPSnippets.revert`)."""
    value: str = ""
    """The configuration text of that revision."""
    created: Annotated[datetime | None, RFC2822_DATETIME] = None
    """When it was stored."""


class DHCPSnippetNode(MAASModel):
    """The node a snippet applies to, as MAAS renders it (fields vary by MAAS version)."""

    system_id: str | None = None
    """system_id of the node."""
    hostname: str = ""
    """Host name of the node."""
    fqdn: str | None = None
    """Fully qualified domain name."""
    node_type: NodeType | None = None
    """Kind of node."""
    resource_uri: str | None = None
    """Absolute API path of the node."""


class DHCPSnippet(Resource):
    """A piece of ``dhcpd.conf``. Compares equal by :attr:`id`.

    ``name``, ``value``, ``description``, ``enabled`` and ``global_snippet`` can be assigned
    and sent with :meth:`save`; move it to a node or subnet with :meth:`DHCPSnippets.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "value", "description", "enabled", "global_snippet"}
    )
    if TYPE_CHECKING:
        _manager: DHCPSnippets | None

    id: int
    """Database id."""
    name: str = ""
    """Name."""
    value: str = ""
    """The configuration text (current revision)."""
    description: str = ""
    """What it does."""
    enabled: bool = True
    """Whether MAAS writes it into the DHCP configuration."""
    node: DHCPSnippetNode | None = None
    """The node it applies to, or ``None``."""
    subnet: Subnet | None = None
    """The subnet it applies to, or ``None``."""
    global_snippet: bool = False
    """Whether it applies to the whole DHCP server (no node or subnet)."""
    history: list[DHCPSnippetRevision] = Field(default_factory=list)
    """Stored values, newest first."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/dhcp-snippets/<id>/``)."""

    def __repr__(self) -> str:
        return f"<DHCPSnippet {self.id} {self.name}>"

    __str__ = __repr__

    def _snippets(self) -> DHCPSnippets:
        manager: DHCPSnippets | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> DHCPSnippet:
        """Re-read the snippet (dropping unsaved changes) and return it."""
        return self._apply(self._snippets().get(self.id))

    def save(self) -> DHCPSnippet:
        """Send the assigned fields (nothing if none changed) and return the snippet."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._snippets().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the snippet (admin)."""
        self._snippets().delete(self.id)

    def revert(self, to: int) -> DHCPSnippet:
        """Go back to an earlier value; see :meth:`DHCPSnippets.revert`."""
        return self._apply(self._snippets().revert(self.id, to))


_SNIPPET = TypeAdapter(DHCPSnippet)
_SNIPPETS = TypeAdapter(list[DHCPSnippet])


class DHCPSnippets:
    """Manager of DHCP snippets, reached as ``client.dhcp_snippets``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<DHCPSnippets manager>"

    @api_operation("GET", "dhcp-snippets/")
    def list(self) -> builtins.list[DHCPSnippet]:
        """List every DHCP snippet.

        MAAS API: ``GET dhcp-snippets/``.
        """
        snippets = decode(self._transport.get("dhcp-snippets/"), _SNIPPETS)
        bind_all(snippets, self)
        return snippets

    @api_operation("GET", "dhcp-snippets/{id}/")
    def get(self, snippet: int) -> DHCPSnippet:
        """Read one DHCP snippet.

        MAAS API: ``GET dhcp-snippets/{id}/``.

        Raises:
            NotFoundError: No such snippet.
        """
        return decode(self._transport.get(_path(snippet)), _SNIPPET)._bind(self)

    @api_operation("POST", "dhcp-snippets/")
    def create(
        self,
        name: str,
        value: str,
        *,
        description: str | None = None,
        enabled: bool | None = None,
        node: str | None = None,
        subnet: int | str | Subnet | None = None,
        iprange: int | None = None,
        global_snippet: bool | None = None,
    ) -> DHCPSnippet:
        """Create a DHCP snippet (admin); without ``node`` or ``subnet`` it is global.

        MAAS API: ``POST dhcp-snippets/``.

        Args:
            name: Name.
            value: The ``dhcpd.conf`` text.
            description: What it does.
            enabled: Whether MAAS uses it (default true).
            node: system_id or host name of the node it applies to.
            subnet: The subnet it applies to (id, CIDR, specifier or model).
            iprange: Id of an IP range of ``subnet`` to limit it to.
            global_snippet: Make it global (drops node and subnet).

        Raises:
            BadRequestError: Missing name or value, an unknown node or subnet.
        """
        data = _snippet_form(locals())
        return decode(self._transport.post("dhcp-snippets/", data=data), _SNIPPET)._bind(self)

    @api_operation("PUT", "dhcp-snippets/{id}/")
    def update(
        self,
        snippet: int,
        *,
        name: str | None = None,
        value: str | None = None,
        description: str | None = None,
        enabled: bool | None = None,
        node: str | None = None,
        subnet: int | str | Subnet | None = None,
        iprange: int | None = None,
        global_snippet: bool | None = None,
    ) -> DHCPSnippet:
        """Change a DHCP snippet (admin); omitted arguments stay unchanged.

        A new ``value`` becomes a new revision. The arguments are those of :meth:`create`;
        setting ``node`` drops the subnet and the other way round.

        MAAS API: ``PUT dhcp-snippets/{id}/``.
        """
        data = _snippet_form(locals())
        return decode(self._transport.put(_path(snippet), data=data), _SNIPPET)._bind(self)

    @api_operation("DELETE", "dhcp-snippets/{id}/")
    def delete(self, snippet: int) -> None:
        """Delete a DHCP snippet (admin).

        MAAS API: ``DELETE dhcp-snippets/{id}/``.
        """
        self._transport.delete(_path(snippet))

    @api_operation("POST", "dhcp-snippets/{id}/", op="revert")
    def revert(self, snippet: int, to: int) -> DHCPSnippet:
        """Make an earlier value current again (admin); later revisions are dropped.

        MAAS API: ``POST dhcp-snippets/{id}/?op=revert``.

        Args:
            snippet: The snippet's id.
            to: A revision id from :attr:`DHCPSnippet.history`, or a negative number of
                revisions to go back (``-1``).

        Raises:
            BadRequestError: Unknown revision.
        """
        answer = self._transport.post(_path(snippet), op="revert", data=form({"to": to}))
        return decode(answer, _SNIPPET)._bind(self)


def _path(snippet: int) -> str:
    return f"dhcp-snippets/{int(snippet)}/"


def _snippet_form(arguments: dict[str, Any]) -> builtins.list[tuple[str, str]]:
    subnet = arguments.get("subnet")
    return form(
        {
            "name": arguments.get("name"),
            "value": arguments.get("value"),
            "description": arguments.get("description"),
            "enabled": arguments.get("enabled"),
            "node": arguments.get("node"),
            "subnet": subnet.id if isinstance(subnet, Subnet) else subnet,
            "iprange": arguments.get("iprange"),
            "global_snippet": arguments.get("global_snippet"),
        }
    )
