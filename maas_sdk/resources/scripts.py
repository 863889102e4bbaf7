"""Commissioning, testing and release scripts: the :class:`Script` model and its manager.

Scripts are addressed by name (or numeric id) at ``scripts/{name}``, without a trailing slash.
MAAS keeps every revision of a script's text (:attr:`Script.history`): :meth:`Scripts.download`
fetches any of them and :meth:`Scripts.revert` goes back to one. Built-in scripts
(:attr:`Script.default`) only accept new tags and timeouts.

MAAS API: ``scripts/``, ``scripts/{name}`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import Base64Bytes, Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import HardwareType, ScriptParallel, ScriptType
from maas_sdk.resources._base import (
    MAASModel,
    Resource,
    bind_all,
    bound_manager,
    comma_list,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources._platform import (
    RFC2822_DATETIME,
    TIMEDELTA,
    BinaryUpload,
    UploadTransport,
    read_text_upload,
)

__all__ = [
    "HardwareType",
    "Script",
    "ScriptParallel",
    "ScriptRevision",
    "ScriptType",
    "Scripts",
]


class ScriptRevision(MAASModel):
    """One stored revision of a script's text (an entry of :attr:`Script.history`)."""

    id: int
    """Id of the revision (pass it to :meth:`Scripts.download` or :meth:`Scripts.revert`)."""
    comment: str | None = None
    """Comment given with the upload."""
    created: Annotated[datetime | None, RFC2822_DATETIME] = None
    """When the revision was stored."""
    data: Base64Bytes | None = None
    """The revision's text (only with ``include_script``; decoded from MAAS's base64)."""


class Script(Resource):
    """A script MAAS can run on machines. Compares equal by :attr:`id`.

    The metadata fields (``title``, ``tags``, ``timeout``...) can be assigned and sent with
    :meth:`save`; a new script text goes through :meth:`Scripts.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "title",
            "description",
            "tags",
            "type",
            "hardware_type",
            "parallel",
            "timeout",
            "destructive",
            "for_hardware",
            "may_reboot",
            "recommission",
            "apply_configured_networking",
        }
    )
    if TYPE_CHECKING:
        _manager: Scripts | None

    id: int
    """Database id."""
    name: str
    """Unique name; also the script's address in the API."""
    title: str = ""
    """Title shown in the UI."""
    description: str = ""
    """What the script does."""
    tags: list[str] = Field(default_factory=list)
    """Tags (used to select scripts when commissioning or testing)."""
    type: ScriptType = ScriptType.TESTING
    """Commissioning, testing or release script."""
    type_name: str = ""
    """``type`` as MAAS labels it (``Testing script``)."""
    hardware_type: HardwareType = HardwareType.NODE
    """Hardware the script is about."""
    hardware_type_name: str = ""
    """``hardware_type`` as MAAS labels it (``Storage``)."""
    parallel: ScriptParallel = ScriptParallel.DISABLED
    """Whether it may run alongside other scripts."""
    parallel_name: str = ""
    """``parallel`` as MAAS labels it."""
    results: Any = Field(default_factory=dict)
    """Results the script reports: a mapping of name to ``{title, description}`` or a list."""
    parameters: dict[str, Any] = Field(default_factory=dict)
    """Parameters the script takes (``{"storage": {"type": "storage", ...}}``)."""
    packages: dict[str, Any] = Field(default_factory=dict)
    """Packages to install first (``{"apt": ["fio"]}``)."""
    timeout: Annotated[timedelta | None, TIMEDELTA] = None
    """How long it may run (zero: no limit); ``None`` if MAAS sent an unreadable value."""
    destructive: bool = False
    """Whether it wipes disks (never run on deployed machines)."""
    for_hardware: list[str] = Field(default_factory=list)
    """``modalias:``, ``pci:`` or ``usb:`` ids it runs on automatically."""
    may_reboot: bool = False
    """Whether it may reboot the machine."""
    recommission: bool = False
    """Whether the built-in commissioning scripts run again after it."""
    apply_configured_networking: bool = False
    """Whether the configured network is applied before it runs (MAAS 3.0+)."""
    default: bool = False
    """Whether it is one of MAAS's built-in scripts."""
    history: list[ScriptRevision] = Field(default_factory=list)
    """Stored revisions, newest first."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/scripts/<name>``)."""

    def __repr__(self) -> str:
        return f"<Script {self.id} {self.name} {self.type.name.lower()}>"

    __str__ = __repr__

    def _scripts(self) -> Scripts:
        manager: Scripts | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Script:
        """Re-read the script (dropping unsaved changes) and return it."""
        return self._apply(self._scripts().get(self.id))

    def save(self) -> Script:
        """Send the assigned fields (nothing if none changed) and return the script."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._scripts().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the script; see :meth:`Scripts.delete`."""
        self._scripts().delete(self.id)

    def download(self, *, revision: int | None = None) -> bytes:
        """Return the script's text; see :meth:`Scripts.download`."""
        return self._scripts().download(self.id, revision=revision)

    def revert(self, to: int) -> Script:
        """Go back to an earlier revision; see :meth:`Scripts.revert`."""
        return self._apply(self._scripts().revert(self.id, to))

    def add_tag(self, tag: str) -> Script:
        """Add a tag; see :meth:`Scripts.add_tag`."""
        return self._apply(self._scripts().add_tag(self.id, tag))

    def remove_tag(self, tag: str) -> Script:
        """Remove a tag; see :meth:`Scripts.remove_tag`."""
        return self._apply(self._scripts().remove_tag(self.id, tag))


_SCRIPT = TypeAdapter(Script)
_SCRIPTS = TypeAdapter(list[Script])
ScriptSource = str | BinaryUpload
"""A script's text: a ``str``, bytes, a path or a binary file."""


class Scripts:
    """Manager of scripts, reached as ``client.scripts``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: UploadTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Scripts manager>"

    @api_operation("GET", "scripts/")
    def list(
        self,
        *,
        type: ScriptType | str | None = None,  # noqa: A002 - MAAS's parameter name
        hardware_type: HardwareType | str | None = None,
        include_script: bool = False,
        filters: str | Sequence[str] | None = None,
    ) -> builtins.list[Script]:
        """List scripts.

        MAAS API: ``GET scripts/``.

        Args:
            type: Only ``commissioning``, ``testing`` or ``release`` scripts.
            hardware_type: Only scripts about ``node``, ``cpu``, ``memory``, ``storage``,
                ``network`` or ``gpu``.
            include_script: Include every revision's text in :attr:`Script.history`.
            filters: Only scripts with one of these names or tags.

        Raises:
            BadRequestError: Unknown type or hardware type.
        """
        params = form(
            {
                "type": type,
                "hardware_type": hardware_type,
                "include_script": True if include_script else None,
                "filters": comma_list(filters),
            }
        )
        scripts = decode(self._transport.get("scripts/", params=params), _SCRIPTS)
        bind_all(scripts, self)
        return scripts

    @api_operation("GET", "scripts/{name}")
    def get(self, script: str | int, *, include_script: bool = False) -> Script:
        """Read a script by name or id.

        MAAS API: ``GET scripts/{name}``.

        Args:
            script: Name or id.
            include_script: Include every revision's text in :attr:`Script.history`.

        Raises:
            NotFoundError: No such script.
        """
        params = form({"include_script": True if include_script else None})
        return decode(self._transport.get(_path(script), params=params), _SCRIPT)._bind(self)

    @api_operation("POST", "scripts/")
    def create(
        self,
        name: str,
        script: ScriptSource,
        *,
        title: str | None = None,
        description: str | None = None,
        tags: str | Sequence[str] | None = None,
        type: ScriptType | str | None = None,  # noqa: A002 - MAAS's parameter name
        hardware_type: HardwareType | str | None = None,
        parallel: ScriptParallel | str | None = None,
        timeout: timedelta | int | None = None,
        destructive: bool | None = None,
        comment: str | None = None,
        for_hardware: str | Sequence[str] | None = None,
        may_reboot: bool | None = None,
        recommission: bool | None = None,
    ) -> Script:
        """Upload a new script (admin).

        Metadata embedded in the script (a ``# --- Start MAAS 1.0 script metadata ---`` YAML
        block) fills the arguments left out; giving a different value is an error.

        MAAS API: ``POST scripts/`` (multipart, file part ``script``).

        Args:
            name: Unique name (no spaces or quotes, not a number).
            script: The text (``str``, sent as UTF-8), bytes, a path or a binary file; it must
                start with a shebang (``#!/bin/bash``).
            title: Title.
            description: What it does.
            tags: Tags.
            type: ``commissioning``, ``testing`` (MAAS's default) or ``release``.
            hardware_type: ``node``, ``cpu``, ``memory``, ``storage``, ``network`` or ``gpu``.
            parallel: ``disabled``, ``instance`` or ``any``.
            timeout: Time limit (``timedelta`` or seconds; 0 for none).
            destructive: Whether it wipes disks.
            comment: Comment stored with this revision.
            for_hardware: ``modalias:``/``pci:``/``usb:`` ids to run it on automatically.
            may_reboot: Whether it may reboot the machine.
            recommission: Re-run the built-in commissioning scripts after it.

        Raises:
            BadRequestError: Invalid name or script, or the name is taken (``field_errors``).
            PermissionDeniedError: The caller is not an administrator.
        """
        arguments = dict(locals())
        data = _script_form(arguments)
        files = {"script": (name, read_text_upload(script, "script"))}
        answer = self._transport.post("scripts/", data=data, files=files)
        return decode(answer, _SCRIPT)._bind(self)

    @api_operation("PUT", "scripts/{name}")
    def update(
        self,
        script_name: str | int,
        *,
        script: ScriptSource | None = None,
        title: str | None = None,
        description: str | None = None,
        tags: str | Sequence[str] | None = None,
        type: ScriptType | str | None = None,  # noqa: A002 - MAAS's parameter name
        hardware_type: HardwareType | str | None = None,
        parallel: ScriptParallel | str | None = None,
        timeout: timedelta | int | None = None,
        destructive: bool | None = None,
        comment: str | None = None,
        for_hardware: str | Sequence[str] | None = None,
        may_reboot: bool | None = None,
        recommission: bool | None = None,
        apply_configured_networking: bool | None = None,
    ) -> Script:
        """Change a script (admin); a new ``script`` text becomes a new revision.

        The arguments are those of :meth:`create` (``comment`` needs ``script``), plus
        ``apply_configured_networking``; omitted ones stay unchanged. ``tags`` replaces the tag
        list (use :meth:`add_tag` to add one).

        MAAS API: ``PUT scripts/{name}``.

        Raises:
            BadRequestError: Invalid values, or a change a built-in script does not allow.
            NotFoundError: No such script.
        """
        arguments = dict(locals())
        data = _script_form(arguments)
        files = None
        if script is not None:
            files = {"script": (str(script_name), read_text_upload(script, "script"))}
        answer = self._transport.put(_path(script_name), data=data, files=files)
        return decode(answer, _SCRIPT)._bind(self)

    @api_operation("DELETE", "scripts/{name}")
    def delete(self, script: str | int) -> None:
        """Delete a script (admin).

        MAAS API: ``DELETE scripts/{name}``.

        Raises:
            BadRequestError: It is a built-in script.
            NotFoundError: No such script.
        """
        self._transport.delete(_path(script))

    @api_operation("GET", "scripts/{name}", op="download")
    def download(self, script: str | int, *, revision: int | None = None) -> bytes:
        """Return a script's text (the current revision unless told otherwise).

        MAAS API: ``GET scripts/{name}?op=download``.

        Args:
            script: Name or id.
            revision: Id of a revision from :attr:`Script.history`.

        Raises:
            BadRequestError: No such revision.
            NotFoundError: No such script.
        """
        params = form({"revision": revision})
        return self._transport.get(_path(script), op="download", params=params).content

    @api_operation("POST", "scripts/{name}", op="revert")
    def revert(self, script: str | int, to: int) -> Script:
        """Make an earlier revision current again (admin); later revisions are dropped.

        MAAS API: ``POST scripts/{name}?op=revert``.

        Args:
            script: Name or id.
            to: A revision id, or a negative number of revisions to go back (``-1``).

        Raises:
            BadRequestError: Unknown revision, or a built-in script.
        """
        answer = self._transport.post(_path(script), op="revert", data=form({"to": to}))
        return decode(answer, _SCRIPT)._bind(self)

    @api_operation("POST", "scripts/{name}", op="add_tag")
    def add_tag(self, script: str | int, tag: str) -> Script:
        """Add one tag to a script (admin) and return it.

        MAAS API: ``POST scripts/{name}?op=add_tag``.

        Raises:
            BadRequestError: The tag contains a comma.
        """
        answer = self._transport.post(_path(script), op="add_tag", data=form({"tag": tag}))
        return decode(answer, _SCRIPT)._bind(self)

    @api_operation("POST", "scripts/{name}", op="remove_tag")
    def remove_tag(self, script: str | int, tag: str) -> Script:
        """Remove one tag from a script (admin) and return it.

        MAAS API: ``POST scripts/{name}?op=remove_tag``.
        """
        answer = self._transport.post(_path(script), op="remove_tag", data=form({"tag": tag}))
        return decode(answer, _SCRIPT)._bind(self)


def _path(script: str | int) -> str:
    return f"scripts/{path_segment(script)}"


def _script_form(arguments: dict[str, Any]) -> builtins.list[tuple[str, str]]:
    timeout = arguments.get("timeout")
    if isinstance(timeout, timedelta):
        timeout = int(timeout.total_seconds())
    return form(
        {
            "name": arguments.get("name"),
            "title": arguments.get("title"),
            "description": arguments.get("description"),
            "tags": comma_list(arguments.get("tags")),
            "type": arguments.get("type"),
            "hardware_type": arguments.get("hardware_type"),
            "parallel": arguments.get("parallel"),
            "timeout": timeout,
            "destructive": arguments.get("destructive"),
            "comment": arguments.get("comment"),
            "for_hardware": comma_list(arguments.get("for_hardware")),
            "may_reboot": arguments.get("may_reboot"),
            "recommission": arguments.get("recommission"),
            "apply_configured_networking": arguments.get("apply_configured_networking"),
        }
    )
