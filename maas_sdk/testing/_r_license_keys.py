"""License keys: ``license-keys/`` and ``license-key/{osystem}/{distro_series}`` (admin only).

The instance URL has no trailing slash; other users get 403 ``User is not allowed access to
this API.``

The fake offers the Windows releases that need a key (MAAS offers those whose images it has)
and checks keys with the Windows driver's pattern.
"""

from __future__ import annotations

import re
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData
from ._render import API_PREFIX
from ._responses import NOT_ALLOWED, FieldErrors, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

KEYED_RELEASES = {
    "windows": (
        "win2008r2",
        "win2012",
        "win2012r2",
        "win2016",
        "win2016nano",
        "win2016-core",
        "win2016dc",
        "win2016dc-core",
        "win2019",
        "win2019-core",
        "win2019dc",
        "win2019dc-core",
        "win10ent",
    )
}
"""Releases that take a license key, by operating system."""
_WINDOWS_KEY = re.compile(r"^([A-Za-z0-9]{5}-){4}[A-Za-z0-9]{5}$")


def _keys(store: Store) -> dict[tuple[str, str], str]:
    return store.state("license_keys", dict)


def _render(osystem: str, distro_series: str, key: str) -> dict[str, Any]:
    return {
        "osystem": osystem,
        "distro_series": distro_series,
        "license_key": key,
        "resource_uri": f"{API_PREFIX}license-key/{osystem}/{distro_series}",
    }


def _validate(data: FormData) -> tuple[str, str, str]:
    osystem = data.get("osystem") or ""
    series = data.get("distro_series") or ""
    key = data.get("license_key") or ""
    if series and "/" not in series and osystem:
        series = f"{osystem}/{series}"
    elif "/" in series and not osystem:
        osystem = series.split("/", 1)[0]
    errors: dict[str, list[str]] = {}
    for name, value in (("osystem", osystem), ("distro_series", series), ("license_key", key)):
        if not value:
            errors[name] = [REQUIRED]
    if osystem and osystem not in KEYED_RELEASES:
        choices = ", ".join(f"'{name}'" for name in KEYED_RELEASES)
        errors["osystem"] = [
            f"'{osystem}' is not a valid osystem.  It should be one of: {choices}."
        ]
    choices_list = [
        f"{os_}/{release}" for os_, releases in KEYED_RELEASES.items() for release in releases
    ]
    if series and series not in choices_list:
        choices = ", ".join(f"'{choice}'" for choice in choices_list)
        errors["distro_series"] = [
            f"'{series}' is not a valid distro_series.  It should be one of: {choices}."
        ]
    if errors:
        raise FieldErrors(errors)
    series_os, release = series.split("/", 1)
    if series_os != osystem:
        raise FieldErrors(
            {
                "__all__": [
                    f"{release} in distro_series does not match with operating system {osystem}"
                ]
            }
        )
    if not _WINDOWS_KEY.match(key):
        raise FieldErrors({"__all__": ["Invalid license key."]})
    return osystem, release, key


@routes.route("GET", "license-keys/")
def list_license_keys(ctx: RequestContext) -> WireResponse:
    """List license keys by OS and release.

    MAAS API: GET /MAAS/api/2.0/license-keys/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    keys = _keys(ctx.store)
    return json_response(
        [_render(os_, series, keys[(os_, series)]) for os_, series in sorted(keys)]
    )


@routes.route("POST", "license-keys/")
def create_license_key(ctx: RequestContext) -> WireResponse:
    """Store a license key.

    MAAS API: POST /MAAS/api/2.0/license-keys/
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    osystem, release, key = _validate(ctx.data)
    keys = _keys(ctx.store)
    if (osystem, release) in keys:
        raise FieldErrors(
            {"__all__": ["License key with this Osystem and Distro series already exists."]}
        )
    keys[(osystem, release)] = key
    return json_response(_render(osystem, release, key))


def _existing(ctx: RequestContext) -> tuple[str, str]:
    osystem, series = ctx.args["osystem"], ctx.args["distro_series"]
    if (osystem, series) not in _keys(ctx.store):
        raise NotFound("LicenseKey")
    return osystem, series


@routes.route("GET", "license-key/{osystem}/{distro_series}")
def read_license_key(ctx: RequestContext) -> WireResponse:
    """Read a license key.

    MAAS API: GET /MAAS/api/2.0/license-key/{osystem}/{distro_series}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    osystem, series = _existing(ctx)
    return json_response(_render(osystem, series, _keys(ctx.store)[(osystem, series)]))


@routes.route("PUT", "license-key/{osystem}/{distro_series}")
def update_license_key(ctx: RequestContext) -> WireResponse:
    """Replace a license key.

    MAAS API: PUT /MAAS/api/2.0/license-key/{osystem}/{distro_series}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    osystem, series = _existing(ctx)
    keys = _keys(ctx.store)
    merged = FormData(
        [
            ("osystem", osystem),
            ("distro_series", f"{osystem}/{series}"),
            ("license_key", keys[(osystem, series)]),
            *ctx.data.items(),
        ]
    )
    new_os, new_series, key = _validate(merged)
    del keys[(osystem, series)]
    keys[(new_os, new_series)] = key
    return json_response(_render(new_os, new_series, key))


@routes.route("DELETE", "license-key/{osystem}/{distro_series}")
def delete_license_key(ctx: RequestContext) -> WireResponse:
    """Delete a license key (204 even when there is none).

    MAAS API: DELETE /MAAS/api/2.0/license-key/{osystem}/{distro_series}
    """
    ctx.forbid_non_admin(NOT_ALLOWED)
    _keys(ctx.store).pop((ctx.args["osystem"], ctx.args["distro_series"]), None)
    return no_content()
