"""License keys of operating systems that need one (Windows...): :class:`LicenseKey`.

A key is addressed by operating system and release at ``license-key/{osystem}/{distro_series}``
(singular, no trailing slash); the collection is ``license-keys/``. Everything here is
admin-only: other users get 403 ``User is not allowed access to this API.``

MAAS API: ``license-keys/``, ``license-key/{osystem}/{distro_series}``.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)

__all__ = ["LicenseKey", "LicenseKeys"]


class LicenseKey(Resource):
    """The license key of one OS release. Compares equal by ``(osystem, distro_series)``.

    ``license_key`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset({"license_key"})
    if TYPE_CHECKING:
        _manager: LicenseKeys | None

    osystem: str
    """Operating system (``windows``)."""
    distro_series: str
    """Release (``win2019``)."""
    license_key: str = ""
    """The key."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/license-key/<osystem>/<distro_series>``)."""

    def _identity(self) -> Any:
        return (self.__dict__.get("osystem"), self.__dict__.get("distro_series"))

    def __repr__(self) -> str:
        return f"<LicenseKey {self.osystem}/{self.distro_series}>"

    __str__ = __repr__

    def _keys(self) -> LicenseKeys:
        manager: LicenseKeys | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> LicenseKey:
        """Re-read the key (dropping unsaved changes) and return it."""
        return self._apply(self._keys().get(self.osystem, self.distro_series))

    def save(self) -> LicenseKey:
        """Send an assigned ``license_key`` (nothing if unchanged) and return the key."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._keys().update(self.osystem, self.distro_series, **changes))

    def delete(self) -> None:
        """Delete the key."""
        self._keys().delete(self.osystem, self.distro_series)


_KEY = TypeAdapter(LicenseKey)
_KEYS = TypeAdapter(list[LicenseKey])


class LicenseKeys:
    """Manager of license keys, reached as ``client.license_keys`` (admin only).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<LicenseKeys manager>"

    @api_operation("GET", "license-keys/")
    def list(self) -> builtins.list[LicenseKey]:
        """List every license key, by OS and release.

        MAAS API: ``GET license-keys/``.
        """
        keys = decode(self._transport.get("license-keys/"), _KEYS)
        bind_all(keys, self)
        return keys

    @api_operation("GET", "license-key/{osystem}/{distro_series}")
    def get(self, osystem: str, distro_series: str) -> LicenseKey:
        """Read the key of one OS release.

        MAAS API: ``GET license-key/{osystem}/{distro_series}``.

        Raises:
            NotFoundError: No key for that release.
        """
        return decode(self._transport.get(_path(osystem, distro_series)), _KEY)._bind(self)

    @api_operation("POST", "license-keys/")
    def create(self, osystem: str, distro_series: str, license_key: str) -> LicenseKey:
        """Store the key of an OS release.

        MAAS API: ``POST license-keys/``.

        Args:
            osystem: Operating system (``windows``).
            distro_series: Release (``win2019``; ``windows/win2019`` works too).
            license_key: The key; MAAS checks its format with the OS driver.

        Raises:
            BadRequestError: Unknown OS or release, an invalid key, or a key already stored.
        """
        data = form(
            {"osystem": osystem, "distro_series": distro_series, "license_key": license_key}
        )
        return decode(self._transport.post("license-keys/", data=data), _KEY)._bind(self)

    @api_operation("PUT", "license-key/{osystem}/{distro_series}")
    def update(
        self, osystem: str, distro_series: str, *, license_key: str | None = None
    ) -> LicenseKey:
        """Replace the key of an OS release.

        MAAS API: ``PUT license-key/{osystem}/{distro_series}``.

        Raises:
            BadRequestError: An invalid key.
            NotFoundError: No key for that release.
        """
        data = form({"license_key": license_key})
        answer = self._transport.put(_path(osystem, distro_series), data=data)
        return decode(answer, _KEY)._bind(self)

    @api_operation("DELETE", "license-key/{osystem}/{distro_series}")
    def delete(self, osystem: str, distro_series: str) -> None:
        """Delete the key of an OS release (MAAS answers 204 even when there is none).

        MAAS API: ``DELETE license-key/{osystem}/{distro_series}``.
        """
        self._transport.delete(_path(osystem, distro_series))


def _path(osystem: str, distro_series: str) -> str:
    return f"license-key/{quote(osystem, safe='')}/{quote(distro_series, safe='')}"
