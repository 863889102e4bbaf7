"""Boot sources and their selections (where MAAS imports images from, and which ones).

``client.boot_sources`` manages the sources; each source's selections are reached as
``boot_source.selections`` (or ``client.boot_sources.selections(source_id)``), a
:class:`BootSourceSelections` manager scoped to that source. Everything here is admin-only: other
users get 403 ``User is not allowed access to this API.``

MAAS API: ``boot-sources/``, ``boot-sources/{id}/``, ``boot-sources/{boot_source_id}/selections/``,
``boot-sources/{boot_source_id}/selections/{id}/``.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._codec import FileValue
from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    Resource,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources._platform import BinaryUpload, UploadTransport, read_upload

__all__ = ["BootSource", "BootSourceSelection", "BootSourceSelections", "BootSources"]


class BootSource(Resource):
    """A simplestreams server MAAS imports images from. Compares equal by :attr:`id`.

    ``url`` and ``keyring_filename`` can be assigned and sent with :meth:`save`; new keyring
    data goes through :meth:`BootSources.update`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"url", "keyring_filename"})
    if TYPE_CHECKING:
        _manager: BootSources | None

    id: int
    """Database id."""
    url: str = ""
    """URL of the stream (``http://images.maas.io/ephemeral-v3/stable/``)."""
    keyring_filename: str = ""
    """Path, on the region, of the GPG keyring that signs the stream (empty with data)."""
    keyring_data: str = ""
    """The keyring itself, base64-encoded (empty when a keyring file is used)."""
    created: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the source was added (naive server time before MAAS 3.6, UTC after)."""
    updated: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When the source last changed."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/boot-sources/<id>/``)."""

    def __repr__(self) -> str:
        return f"<BootSource {self.id} {self.url}>"

    __str__ = __repr__

    def _sources(self) -> BootSources:
        manager: BootSources | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    @property
    def selections(self) -> BootSourceSelections:
        """The manager of this source's selections."""
        return self._sources().selections(self.id)

    def refresh(self) -> BootSource:
        """Re-read the source (dropping unsaved changes) and return it."""
        return self._apply(self._sources().get(self.id))

    def save(self) -> BootSource:
        """Send the assigned fields (nothing if none changed) and return the source."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._sources().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the source and its selections."""
        self._sources().delete(self.id)


class BootSourceSelection(Resource):
    """Which images of a source to import. Compares equal by :attr:`id`.

    Every field but the ids can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"os", "release", "arches", "subarches", "labels"}
    )
    if TYPE_CHECKING:
        _manager: BootSourceSelections | None

    id: int
    """Database id."""
    boot_source_id: int
    """Id of the source."""
    os: str = ""
    """Operating system (``ubuntu``, ``centos``...)."""
    release: str = ""
    """Release (``jammy``, ``noble``)."""
    arches: list[str] = Field(default_factory=list)
    """Architectures (``*`` for all)."""
    subarches: list[str] = Field(default_factory=list)
    """Subarchitectures (``*`` for all)."""
    labels: list[str] = Field(default_factory=list)
    """Stream labels (``*`` for all)."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/boot-sources/<source>/selections/<id>/``)."""

    def __repr__(self) -> str:
        return f"<BootSourceSelection {self.id} {self.os}/{self.release} {','.join(self.arches)}>"

    __str__ = __repr__

    def _selections(self) -> BootSourceSelections:
        manager: BootSourceSelections | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> BootSourceSelection:
        """Re-read the selection (dropping unsaved changes) and return it."""
        return self._apply(self._selections().get(self.id))

    def save(self) -> BootSourceSelection:
        """Send the assigned fields (nothing if none changed) and return the selection."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._selections().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the selection; see :meth:`BootSourceSelections.delete`."""
        self._selections().delete(self.id)


_SOURCE = TypeAdapter(BootSource)
_SOURCES = TypeAdapter(list[BootSource])
_SELECTION = TypeAdapter(BootSourceSelection)
_SELECTIONS = TypeAdapter(list[BootSourceSelection])


class BootSources:
    """Manager of boot sources, reached as ``client.boot_sources`` (admin only).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: UploadTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<BootSources manager>"

    def selections(self, boot_source: int) -> BootSourceSelections:
        """Return the manager of one source's selections (no request is made)."""
        return BootSourceSelections(self._transport, boot_source)

    @api_operation("GET", "boot-sources/")
    def list(self) -> builtins.list[BootSource]:
        """List the boot sources.

        MAAS API: ``GET boot-sources/``.
        """
        sources = decode(self._transport.get("boot-sources/"), _SOURCES)
        bind_all(sources, self)
        return sources

    @api_operation("GET", "boot-sources/{id}/")
    def get(self, boot_source: int) -> BootSource:
        """Read one boot source.

        MAAS API: ``GET boot-sources/{id}/``.

        Raises:
            NotFoundError: No such source.
        """
        return decode(self._transport.get(_path(boot_source)), _SOURCE)._bind(self)

    @api_operation("POST", "boot-sources/")
    def create(
        self,
        url: str,
        *,
        keyring_filename: str | None = None,
        keyring_data: BinaryUpload | None = None,
    ) -> BootSource:
        """Add a boot source; give exactly one of ``keyring_filename`` and ``keyring_data``.

        MAAS API: ``POST boot-sources/`` (multipart when ``keyring_data`` is given).

        Args:
            url: URL of the simplestreams server.
            keyring_filename: Path, on the region, of the keyring verifying the stream.
            keyring_data: The keyring itself (bytes, a path or a binary file).

        Raises:
            BadRequestError: Neither or both keyring arguments, an invalid or duplicate URL.
        """
        data = form({"url": url, "keyring_filename": keyring_filename})
        answer = self._transport.post("boot-sources/", data=data, files=_keyring(keyring_data))
        return decode(answer, _SOURCE)._bind(self)

    @api_operation("PUT", "boot-sources/{id}/")
    def update(
        self,
        boot_source: int,
        *,
        url: str | None = None,
        keyring_filename: str | None = None,
        keyring_data: BinaryUpload | None = None,
    ) -> BootSource:
        """Change a boot source; omitted arguments stay unchanged.

        Pass ``keyring_filename=""`` together with ``keyring_data`` to switch from a file to
        data (MAAS refuses a source with both).

        MAAS API: ``PUT boot-sources/{id}/``.
        """
        data = form({"url": url, "keyring_filename": keyring_filename})
        answer = self._transport.put(_path(boot_source), data=data, files=_keyring(keyring_data))
        return decode(answer, _SOURCE)._bind(self)

    @api_operation("DELETE", "boot-sources/{id}/")
    def delete(self, boot_source: int) -> None:
        """Delete a boot source and its selections.

        MAAS API: ``DELETE boot-sources/{id}/``.
        """
        self._transport.delete(_path(boot_source))


class BootSourceSelections:
    """Manager of the selections of one boot source (``boot_source.selections``).

    Args:
        transport: The client's transport.
        boot_source: Id of the source.
    """

    def __init__(self, transport: UploadTransport, boot_source: int) -> None:
        self._transport = transport
        self.boot_source_id = int(boot_source)

    def __repr__(self) -> str:
        return f"<BootSourceSelections manager of boot source {self.boot_source_id}>"

    @property
    def _root(self) -> str:
        return f"{_path(self.boot_source_id)}selections/"

    @api_operation("GET", "boot-sources/{boot_source_id}/selections/")
    def list(self) -> builtins.list[BootSourceSelection]:
        """List the source's selections.

        MAAS API: ``GET boot-sources/{boot_source_id}/selections/``.

        Raises:
            NotFoundError: No such source.
        """
        selections = decode(self._transport.get(self._root), _SELECTIONS)
        bind_all(selections, self)
        return selections

    @api_operation("GET", "boot-sources/{boot_source_id}/selections/{id}/")
    def get(self, selection: int) -> BootSourceSelection:
        """Read one selection of the source.

        MAAS API: ``GET boot-sources/{boot_source_id}/selections/{id}/``.
        """
        answer = self._transport.get(f"{self._root}{int(selection)}/")
        return decode(answer, _SELECTION)._bind(self)

    @api_operation("POST", "boot-sources/{boot_source_id}/selections/")
    def create(
        self,
        os: str,
        release: str,
        *,
        arches: Sequence[str] | None = None,
        subarches: Sequence[str] | None = None,
        labels: Sequence[str] | None = None,
    ) -> BootSourceSelection:
        """Select images of the source to import.

        MAAS API: ``POST boot-sources/{boot_source_id}/selections/``.

        Args:
            os: Operating system (``ubuntu``).
            release: Release (``noble``).
            arches: Architectures (``["amd64"]``; ``["*"]`` for all).
            subarches: Subarchitectures (``["*"]`` for all).
            labels: Stream labels (``["*"]`` for all).

        Raises:
            BadRequestError: The source offers no such image (``field_errors["os"]``,
                ``["arches"]``...), or the release is already selected.
        """
        data = form(
            {
                "os": os,
                "release": release,
                "arches": _listed(arches),
                "subarches": _listed(subarches),
                "labels": _listed(labels),
            }
        )
        return decode(self._transport.post(self._root, data=data), _SELECTION)._bind(self)

    @api_operation("PUT", "boot-sources/{boot_source_id}/selections/{id}/")
    def update(
        self,
        selection: int,
        *,
        os: str | None = None,
        release: str | None = None,
        arches: Sequence[str] | None = None,
        subarches: Sequence[str] | None = None,
        labels: Sequence[str] | None = None,
    ) -> BootSourceSelection:
        """Change a selection; omitted arguments stay unchanged.

        MAAS API: ``PUT boot-sources/{boot_source_id}/selections/{id}/``.
        """
        data = form(
            {
                "os": os,
                "release": release,
                "arches": _listed(arches),
                "subarches": _listed(subarches),
                "labels": _listed(labels),
            }
        )
        answer = self._transport.put(f"{self._root}{int(selection)}/", data=data)
        return decode(answer, _SELECTION)._bind(self)

    @api_operation("DELETE", "boot-sources/{boot_source_id}/selections/{id}/")
    def delete(self, selection: int) -> None:
        """Delete a selection (the images already imported stay until MAAS cleans them).

        MAAS API: ``DELETE boot-sources/{boot_source_id}/selections/{id}/``.

        Raises:
            BadRequestError: It selects the commissioning release.
        """
        self._transport.delete(f"{self._root}{int(selection)}/")


def _path(boot_source: int) -> str:
    return f"boot-sources/{int(boot_source)}/"


def _keyring(keyring_data: BinaryUpload | None) -> dict[str, FileValue] | None:
    if keyring_data is None:
        return None
    return {"keyring_data": ("keyring_data", read_upload(keyring_data, "keyring_data"))}


def _listed(values: Sequence[str] | None) -> builtins.list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    return builtins.list(values)
