"""APT repositories deployed machines use: :class:`PackageRepository` and its manager.

MAAS always has the two default Ubuntu archives (``main_archive`` and ``ports_archive``): they
cannot be deleted or disabled, and take ``disabled_pockets``/``disabled_components`` where custom
repositories take ``components``.

MAAS API: ``package-repositories/``, ``package-repositories/{id}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = ["PackageRepositories", "PackageRepository"]

_LIST_FIELDS = ("distributions", "disabled_pockets", "disabled_components", "components", "arches")


class PackageRepository(Resource):
    """An APT repository. Compares equal by :attr:`id`; every field but the id is writable."""

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "url",
            "distributions",
            "disabled_pockets",
            "disabled_components",
            "disable_sources",
            "components",
            "arches",
            "key",
            "enabled",
        }
    )
    if TYPE_CHECKING:
        _manager: PackageRepositories | None

    id: int
    """Database id."""
    name: str = ""
    """Unique name."""
    url: str = ""
    """URL of the archive, or a ``ppa:owner/name``."""
    distributions: list[str] = Field(default_factory=list)
    """Distributions (series) to use; empty: the deployed series."""
    disabled_pockets: list[str] = Field(default_factory=list)
    """Pockets turned off (``updates``, ``security``, ``backports``; default archives only)."""
    disabled_components: list[str] = Field(default_factory=list)
    """Components turned off (``restricted``, ``universe``, ``multiverse``; default archives)."""
    disable_sources: bool = True
    """Whether ``deb-src`` lines are left out."""
    components: list[str] = Field(default_factory=list)
    """Components to use (custom repositories only)."""
    arches: list[str] = Field(default_factory=list)
    """Architectures the repository serves."""
    key: str = ""
    """ASCII-armoured GPG key that signs the repository."""
    enabled: bool = True
    """Whether machines use it."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/package-repositories/<id>/``)."""

    def __repr__(self) -> str:
        return f"<PackageRepository {self.id} {self.name}>"

    __str__ = __repr__

    def _repositories(self) -> PackageRepositories:
        manager: PackageRepositories | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> PackageRepository:
        """Re-read the repository (dropping unsaved changes) and return it."""
        return self._apply(self._repositories().get(self.id))

    def save(self) -> PackageRepository:
        """Send the assigned fields (nothing if none changed) and return the repository."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._repositories().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the repository (admin; not the default archives)."""
        self._repositories().delete(self.id)


_REPOSITORY = TypeAdapter(PackageRepository)
_REPOSITORIES = TypeAdapter(list[PackageRepository])
Names = str | Sequence[str]
"""One value or several (a lone string is one value)."""


class PackageRepositories:
    """Manager of package repositories, reached as ``client.package_repositories``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<PackageRepositories manager>"

    @api_operation("GET", "package-repositories/")
    def list(self) -> builtins.list[PackageRepository]:
        """List every package repository.

        MAAS API: ``GET package-repositories/``.
        """
        repositories = decode(self._transport.get("package-repositories/"), _REPOSITORIES)
        bind_all(repositories, self)
        return repositories

    @api_operation("GET", "package-repositories/{id}/")
    def get(self, repository: int) -> PackageRepository:
        """Read one package repository.

        MAAS API: ``GET package-repositories/{id}/``.

        Raises:
            NotFoundError: No such repository.
        """
        return decode(self._transport.get(_path(repository)), _REPOSITORY)._bind(self)

    @api_operation("POST", "package-repositories/")
    def create(
        self,
        name: str,
        url: str,
        *,
        distributions: Names | None = None,
        disabled_pockets: Names | None = None,
        components: Names | None = None,
        arches: Names | None = None,
        key: str | None = None,
        disable_sources: bool | None = None,
        enabled: bool | None = None,
    ) -> PackageRepository:
        """Add a package repository (admin).

        MAAS API: ``POST package-repositories/``.

        Args:
            name: Unique name.
            url: Archive URL or ``ppa:owner/name``.
            distributions: Series to use.
            disabled_pockets: Pockets to turn off.
            components: Components to use.
            arches: Architectures (default ``amd64`` and ``i386``).
            key: GPG key signing the repository.
            disable_sources: Leave out ``deb-src`` lines.
            enabled: Whether machines use it (default true).

        Raises:
            BadRequestError: Missing name or URL, a duplicate name, an unknown architecture.
        """
        data = _repository_form(locals())
        answer = self._transport.post("package-repositories/", data=data)
        return decode(answer, _REPOSITORY)._bind(self)

    @api_operation("PUT", "package-repositories/{id}/")
    def update(
        self,
        repository: int,
        *,
        name: str | None = None,
        url: str | None = None,
        distributions: Names | None = None,
        disabled_pockets: Names | None = None,
        disabled_components: Names | None = None,
        components: Names | None = None,
        arches: Names | None = None,
        key: str | None = None,
        disable_sources: bool | None = None,
        enabled: bool | None = None,
    ) -> PackageRepository:
        """Change a package repository (admin); omitted arguments stay unchanged.

        An empty list clears a list field. The arguments are those of :meth:`create`, plus
        ``disabled_components`` (default archives only).

        MAAS API: ``PUT package-repositories/{id}/``.
        """
        data = _repository_form(locals())
        return decode(self._transport.put(_path(repository), data=data), _REPOSITORY)._bind(self)

    @api_operation("DELETE", "package-repositories/{id}/")
    def delete(self, repository: int) -> None:
        """Delete a package repository (admin).

        MAAS API: ``DELETE package-repositories/{id}/``.

        Raises:
            BadRequestError: It is a default Ubuntu archive.
            NotFoundError: No such repository.
        """
        self._transport.delete(_path(repository))


def _path(repository: int) -> str:
    return f"package-repositories/{int(repository)}/"


def _repository_form(arguments: dict[str, Any]) -> builtins.list[tuple[str, str]]:
    values = {key: value for key, value in arguments.items() if key not in ("self", "repository")}
    for key in _LIST_FIELDS:
        value = values.get(key)
        if isinstance(value, str):
            values[key] = [value]
        elif value is not None:
            # An empty list would send nothing (no change); MAAS reads one empty value as "clear".
            values[key] = builtins.list(value) or [""]
    return form(values)
