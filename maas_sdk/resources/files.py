"""The per-user file store: :class:`StoredFile` and the :class:`Files` manager.

Each user has their own files, addressed by file name; every file also has an unguessable key
under which anyone can download it without credentials (:attr:`StoredFile.anon_resource_uri`).
Uploading a name that exists replaces its content.

MAAS API: ``files/``, ``files/{filename}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

from pydantic import Base64Bytes, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import Resource, bind_all, bound_manager, decode, form
from maas_sdk.resources._platform import BinaryUpload, UploadTransport, read_upload

__all__ = ["Files", "StoredFile"]


class StoredFile(Resource):
    """A file in the caller's file store. Compares equal by :attr:`filename`.

    Listings leave :attr:`content` out; :meth:`Files.read` includes it, and
    :meth:`Files.get` returns only the bytes.
    """

    _identity_field: ClassVar[str] = "filename"
    if TYPE_CHECKING:
        _manager: Files | None

    filename: str
    """Name of the file (unique per user)."""
    anon_resource_uri: str = ""
    """Path that serves the content without credentials
    (``/MAAS/api/2.0/files/?op=get_by_key&key=<key>``)."""
    content: Base64Bytes | None = None
    """The content (MAAS sends it base64-encoded; decoded here), only from :meth:`Files.read`."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/files/<filename>/``)."""

    def __repr__(self) -> str:
        return f"<StoredFile {self.filename}>"

    __str__ = __repr__

    @property
    def key(self) -> str | None:
        """The file's anonymous download key, taken from :attr:`anon_resource_uri`."""
        values = parse_qs(urlsplit(self.anon_resource_uri).query).get("key")
        return values[0] if values else None

    def _files(self) -> Files:
        manager: Files | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> StoredFile:
        """Re-read the file, content included, and return it."""
        return self._apply(self._files().read(self.filename))

    def download(self) -> bytes:
        """Return the file's current content; see :meth:`Files.get`."""
        return self._files().get(self.filename)

    def delete(self) -> None:
        """Delete the file; see :meth:`Files.delete`."""
        self._files().delete(self.filename)


_FILE = TypeAdapter(StoredFile)
_FILES = TypeAdapter(list[StoredFile])


class Files:
    """Manager of the caller's stored files, reached as ``client.files``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: UploadTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Files manager>"

    @api_operation("GET", "files/")
    def list(self, *, prefix: str | None = None) -> builtins.list[StoredFile]:
        """List the caller's files by name, without their content.

        MAAS API: ``GET files/``.

        Args:
            prefix: Only names starting with this.
        """
        files = decode(self._transport.get("files/", params=form({"prefix": prefix})), _FILES)
        bind_all(files, self)
        return files

    @api_operation("POST", "files/")
    def add(self, filename: str, content: BinaryUpload) -> None:
        """Store a file under ``filename``, replacing any file of that name.

        MAAS answers 201 with an empty body; read the file back with :meth:`read` if needed.

        MAAS API: ``POST files/`` (multipart: ``filename`` and the file part ``file``).

        Args:
            filename: Name to store it under.
            content: The content: bytes, a path, or a binary file.

        Raises:
            BadRequestError: Empty file name.
            TypeError: ``content`` is not bytes, a path or a binary file.
        """
        raw = read_upload(content, "content")
        self._transport.post(
            "files/", data=form({"filename": filename}), files={"file": (filename, raw)}
        )

    @api_operation("GET", "files/", op="get")
    def get(self, filename: str) -> bytes:
        """Download one of the caller's files.

        MAAS API: ``GET files/?op=get``.

        Raises:
            NotFoundError: No such file (``File not found``).
        """
        answer = self._transport.get("files/", op="get", params=form({"filename": filename}))
        return answer.content

    @api_operation("GET", "files/", op="get_by_key")
    def get_by_key(self, key: str) -> bytes:
        """Download any user's file by its key.

        MAAS API: ``GET files/?op=get_by_key`` (also served without credentials).

        Raises:
            NotFoundError: No file has that key.
        """
        answer = self._transport.get("files/", op="get_by_key", params=form({"key": key}))
        return answer.content

    @api_operation("GET", "files/{filename}/")
    def read(self, filename: str) -> StoredFile:
        """Read one of the caller's files with its content.

        MAAS API: ``GET files/{filename}/``.

        Raises:
            NotFoundError: No such file.
        """
        return decode(self._transport.get(_path(filename)), _FILE)._bind(self)

    @api_operation("DELETE", "files/{filename}/")
    def delete(self, filename: str) -> None:
        """Delete one of the caller's files.

        MAAS API: ``DELETE files/{filename}/``.

        Raises:
            NotFoundError: No such file.
        """
        self._transport.delete(_path(filename))

    @api_operation("DELETE", "files/")
    def delete_by_query(self, filename: str) -> None:
        """Delete one of the caller's files through the collection URL (name in the query).

        Same effect as :meth:`delete`; the file name travels as ``?filename=`` instead of in
        the path.

        MAAS API: ``DELETE files/?filename=``.

        Raises:
            NotFoundError: No such file.
        """
        self._transport.delete("files/", params=form({"filename": filename}))


def _path(filename: str) -> str:
    return f"files/{quote(filename, safe='')}/"
