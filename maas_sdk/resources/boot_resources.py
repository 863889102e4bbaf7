"""Boot resources (the images MAAS boots and deploys): :class:`BootResource` and its manager.

Synced resources come from the boot sources (``client.boot_sources``) when MAAS imports images;
uploaded ones are custom images an administrator sends with :meth:`BootResources.create`.

MAAS API: ``boot-resources/``, ``boot-resources/{id}/`` (REFERENCE.md §17).
"""

from __future__ import annotations

import builtins
import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, TypeAdapter

from maas_sdk._clock import Clock, SystemClock
from maas_sdk._codec import FileValue
from maas_sdk._operations import api_operation
from maas_sdk.enums import BootResourceType
from maas_sdk.resources._base import (
    LENIENT_DATETIME,
    MAASModel,
    Resource,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources._platform import BinaryUpload, UploadTransport, poll_until, read_upload

__all__ = [
    "BootResource",
    "BootResourceFile",
    "BootResourceSet",
    "BootResourceType",
    "BootResources",
]

IMPORT_TIMEOUT = 3600.0
"""Default deadline, in seconds, of :meth:`BootResources.start_import` with ``wait=True``."""
IMPORT_POLL_INTERVAL = 10.0
"""Default seconds before the first poll of an import."""


class BootResourceFile(MAASModel):
    """One file of a boot resource set (kernel, initrd, root image...)."""

    filename: str
    """File name inside the set."""
    filetype: str = ""
    """Kind of file (``boot-kernel``, ``squashfs``, ``root-tgz``, ``root-dd``...)."""
    sha256: str = ""
    """SHA-256 of the complete file."""
    filename_on_disk: str | None = None
    """Name of the file in the region's image store (MAAS 3.5+)."""
    size: int = 0
    """Size in bytes."""
    complete: bool = False
    """Whether the whole file is stored."""
    progress: float | None = None
    """Percentage stored, while incomplete."""
    upload_uri: str | None = None
    """Where the rest of an incomplete uploaded file is sent, while incomplete."""


class BootResourceSet(MAASModel):
    """One version of a boot resource (only in :meth:`BootResources.get` answers)."""

    version: str
    """Version, e.g. ``20240620`` or ``20240620.1``."""
    label: str = ""
    """Stream label (``stable``, ``candidate``, ``uploaded``)."""
    size: int = 0
    """Total size of its files in bytes."""
    complete: bool = False
    """Whether every file is stored."""
    progress: float | None = None
    """Percentage stored, while incomplete."""
    files: dict[str, BootResourceFile] = Field(default_factory=dict)
    """The files by file name."""


class BootResource(Resource):
    """An image MAAS can boot or deploy. Compares equal by :attr:`id`; nothing is writable.

    Keys MAAS copies from the image's metadata (``title``, ``subarches``, ``kflavor``,
    ``platform``...) are declared when common; others land in ``model_extra``.
    """

    if TYPE_CHECKING:
        _manager: BootResources | None

    id: int
    """Database id."""
    type: BootResourceType = BootResourceType.SYNCED
    """``Synced``, ``Uploaded`` or ``Generated``."""
    name: str = ""
    """``os/series`` (``ubuntu/jammy``), a bootloader (``grub-efi/uefi``) or a custom name."""
    architecture: str = ""
    """``arch/subarch`` (``amd64/ga-22.04``, ``amd64/generic``)."""
    last_deployed: Annotated[datetime | None, LENIENT_DATETIME] = None
    """When a machine was last deployed with it (MAAS 3.1+; ``None`` if never)."""
    title: str | None = None
    """Human-readable title (uploaded images)."""
    subarches: str | None = None
    """Comma-separated subarchitectures the image supports."""
    kflavor: str | None = None
    """Kernel flavour (``generic``, ``lowlatency``)."""
    platform: str | None = None
    """Platform (MAAS 3.1+ metadata)."""
    supported_platforms: str | None = None
    """Comma-separated supported platforms."""
    base_image: str | None = None
    """Base OS of a custom image (``ubuntu/jammy``)."""
    sets: dict[str, BootResourceSet] | None = None
    """Versions by version string, newest first; only in :meth:`BootResources.get`."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/boot-resources/<id>/``)."""

    def __repr__(self) -> str:
        return f"<BootResource {self.id} {self.name} {self.architecture}>"

    __str__ = __repr__

    @property
    def complete(self) -> bool | None:
        """Whether the newest version is fully stored (``None`` when ``sets`` was not read)."""
        if self.sets is None:
            return None
        return next((s.complete for s in self.sets.values()), False)

    def _resources(self) -> BootResources:
        manager: BootResources | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> BootResource:
        """Re-read the resource (with its ``sets``) and return it."""
        return self._apply(self._resources().get(self.id))

    def delete(self) -> None:
        """Delete the resource and its files; see :meth:`BootResources.delete`."""
        self._resources().delete(self.id)


_RESOURCE = TypeAdapter(BootResource)
_RESOURCES = TypeAdapter(list[BootResource])
_BOOL = TypeAdapter(bool)
ResourceKind = Literal["all", "synced", "uploaded", "generated"]


class BootResources:
    """Manager of boot resources, reached as ``client.boot_resources``.

    Args:
        transport: The client's transport.
        clock: The client's clock, used when :meth:`start_import` waits.
    """

    def __init__(self, transport: UploadTransport, *, clock: Clock | None = None) -> None:
        self._transport = transport
        self._clock: Clock = clock if clock is not None else SystemClock()

    def __repr__(self) -> str:
        return "<BootResources manager>"

    @api_operation("GET", "boot-resources/")
    def list(self, *, type: ResourceKind | None = None) -> builtins.list[BootResource]:  # noqa: A002
        """List boot resources (without their ``sets``).

        MAAS API: ``GET boot-resources/``.

        Args:
            type: ``synced``, ``uploaded``, ``generated`` (MAAS 3.4) or ``all`` (the default).

        Raises:
            BadRequestError: Unknown type.
        """
        answer = self._transport.get("boot-resources/", params=form({"type": type}))
        resources = decode(answer, _RESOURCES)
        bind_all(resources, self)
        return resources

    @api_operation("GET", "boot-resources/{id}/")
    def get(self, resource: int) -> BootResource:
        """Read one boot resource with its versions and files.

        MAAS API: ``GET boot-resources/{id}/``.

        Raises:
            NotFoundError: No such resource.
        """
        return decode(self._transport.get(_path(resource)), _RESOURCE)._bind(self)

    @api_operation("POST", "boot-resources/")
    def create(
        self,
        name: str,
        architecture: str,
        content: BinaryUpload | None = None,
        *,
        sha256: str | None = None,
        size: int | None = None,
        title: str | None = None,
        filetype: str | None = None,
        base_image: str | None = None,
    ) -> BootResource:
        """Upload a custom image (admin) and return the new resource.

        The whole image is read into memory and sent in one request. ``sha256`` and ``size``
        are computed from ``content`` when not given.

        MAAS API: ``POST boot-resources/`` (multipart, file part ``content``).

        Args:
            name: ``os/series`` (``custom/myimage``, ``rhel/9``, ``windows/win2022``...).
            architecture: ``arch/subarch``, e.g. ``amd64/generic``.
            content: The image: bytes, a path, or a binary file. Without it MAAS only records
                the resource (``sha256`` and ``size`` are then required).
            sha256: SHA-256 of the image.
            size: Size of the image in bytes.
            title: Title shown in the UI.
            filetype: ``tgz`` (MAAS's default), ``tbz``, ``txz``, ``ddtgz``, ``ddtbz``,
                ``ddtxz``, ``ddtar``, ``ddbz2``, ``ddgz``, ``ddxz`` or ``ddraw``.
            base_image: Base OS of a custom image (``ubuntu/jammy``).

        Raises:
            BadRequestError: Invalid name, architecture or hash (``field_errors``).
            PermissionDeniedError: The caller is not an administrator.
            TypeError: ``content`` is not bytes, a path or a binary file.
        """
        files: dict[str, FileValue] | None = None
        if content is not None:
            raw = read_upload(content, "content")
            sha256 = sha256 if sha256 is not None else hashlib.sha256(raw).hexdigest()
            size = size if size is not None else len(raw)
            files = {"content": ("content", raw)}
        data = form(
            {
                "name": name,
                "architecture": architecture,
                "sha256": sha256,
                "size": size,
                "title": title,
                "filetype": filetype,
                "base_image": base_image,
            }
        )
        answer = self._transport.post("boot-resources/", data=data, files=files)
        return decode(answer, _RESOURCE)._bind(self)

    @api_operation("DELETE", "boot-resources/{id}/")
    def delete(self, resource: int) -> None:
        """Delete a boot resource and its files (admin).

        MAAS API: ``DELETE boot-resources/{id}/``.
        """
        self._transport.delete(_path(resource))

    @api_operation("POST", "boot-resources/", op="import")
    def start_import(
        self,
        *,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
    ) -> None:
        """Start importing the images the boot source selections ask for (admin).

        MAAS API: ``POST boot-resources/?op=import``.

        Args:
            wait: Poll :meth:`is_importing` until the import is over.
            timeout: Deadline of the wait in seconds (default one hour).
            poll_interval: Seconds before the first poll (default 10; grows 1.5x up to 60).

        Raises:
            WaitTimeoutError: With ``wait``: still importing at the deadline.
        """
        self._transport.post("boot-resources/", op="import", data=[])
        if wait:
            poll_until(
                lambda: not self.is_importing(),
                clock=self._clock,
                timeout=timeout if timeout is not None else IMPORT_TIMEOUT,
                poll_interval=poll_interval if poll_interval is not None else IMPORT_POLL_INTERVAL,
                action="boot resource import",
                state=lambda: "importing",
            )

    @api_operation("POST", "boot-resources/", op="stop_import")
    def stop_import(self) -> None:
        """Stop a running import (admin); MAAS stops it in the background.

        MAAS API: ``POST boot-resources/?op=stop_import``.
        """
        self._transport.post("boot-resources/", op="stop_import", data=[])

    @api_operation("GET", "boot-resources/", op="is_importing")
    def is_importing(self) -> bool:
        """Whether MAAS is importing images right now.

        MAAS API: ``GET boot-resources/?op=is_importing``.
        """
        return decode(self._transport.get("boot-resources/", op="is_importing"), _BOOL)


def _path(resource: int) -> str:
    return f"boot-resources/{int(resource)}/"
