"""Where connection settings come from: the URL, the environment and the maas CLI's profiles."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from maas_sdk._credentials import APIKey
from maas_sdk.errors import ConfigurationError

__all__ = [
    "ConnectionSettings",
    "login_url",
    "normalize_api_url",
    "settings_from_env",
    "settings_from_profile",
]

_API_SUFFIX = "api/2.0/"
_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "off", "n", "f", ""})
DEFAULT_PROFILE_DB = "~/.maascli.db"


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything needed to build a client, gathered from one source.

    Attributes:
        url: The MAAS URL as given (normalised by the client).
        api_key: The parsed API key.
        verify: ``True``, ``False`` or the path of a CA bundle.
    """

    url: str
    api_key: APIKey
    verify: bool | str = True


def normalize_api_url(url: str) -> str:
    """Turn any common spelling of a MAAS URL into the API 2.0 root.

    ``http://host:5240/MAAS``, ``http://host:5240/MAAS/``, ``.../MAAS/api/2.0`` and
    ``.../MAAS/api/2.0/`` all give ``http://host:5240/MAAS/api/2.0/``; a bare host
    (``http://host:5240``) gets MAAS's ``/MAAS/`` prefix.

    Args:
        url: The URL a user typed.

    Returns:
        The absolute API root, ending in ``/api/2.0/``.

    Raises:
        ConfigurationError: No http(s) scheme, no host, a query or fragment, or a path that
            names another API version.
    """
    if not isinstance(url, str) or not url.strip():
        raise ConfigurationError("MAAS URL is empty; expected e.g. http://maas.example:5240/MAAS")
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ConfigurationError(
            f"MAAS URL {text!r} has no http:// or https:// scheme; "
            "expected e.g. http://maas.example:5240/MAAS"
        )
    if not parts.hostname:
        raise ConfigurationError(f"MAAS URL {text!r} has no host name")
    if parts.username or parts.password:
        raise ConfigurationError(
            "MAAS URL must not carry a user name or password; pass the API key separately"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError(f"MAAS URL {text!r} must not have a query string or fragment")
    try:
        parts.port  # noqa: B018 - urlsplit validates the port lazily
    except ValueError as error:
        raise ConfigurationError(f"MAAS URL {text!r} has an invalid port: {error}") from None
    path = parts.path.rstrip("/")
    if path.endswith("/api/2.0"):
        root = path + "/"
    elif "/api/" in path + "/":
        raise ConfigurationError(
            f"MAAS URL {text!r} names an API other than 2.0; give the MAAS URL "
            "(e.g. http://maas.example:5240/MAAS) or its /api/2.0/ root"
        )
    else:
        root = (path or "/MAAS") + "/" + _API_SUFFIX
    return urlunsplit((parts.scheme, parts.netloc, root, "", ""))


def login_url(api_root: str) -> str:
    """Return the password-login endpoint that belongs to an API root.

    Args:
        api_root: A normalised API root (``.../MAAS/api/2.0/``).

    Returns:
        ``.../MAAS/accounts/authenticate/``.
    """
    return api_root[: -len(_API_SUFFIX)] + "accounts/authenticate/"


def _flag(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(
        f"{name} must be one of 1/true/yes/on or 0/false/no/off, got {value!r}"
    )


def settings_from_env(environ: Mapping[str, str] | None = None) -> ConnectionSettings:
    """Read connection settings from environment variables.

    ``MAAS_URL`` (or the Terraform provider's ``MAAS_API_URL``) and ``MAAS_API_KEY`` are
    required; ``MAAS_CA_CERT`` (or ``MAAS_API_CACERT``) names a CA bundle file (PEM text is
    accepted too); ``MAAS_INSECURE=1`` turns certificate verification off.

    Args:
        environ: The environment to read (``os.environ`` when omitted).

    Returns:
        The settings.

    Raises:
        ConfigurationError: A required variable is missing or a value is unusable.
    """
    env = os.environ if environ is None else environ
    url = env.get("MAAS_URL") or env.get("MAAS_API_URL")
    key = env.get("MAAS_API_KEY")
    missing = [
        name
        for name, value in (("MAAS_URL (or MAAS_API_URL)", url), ("MAAS_API_KEY", key))
        if not value
    ]
    if missing or url is None or key is None:
        raise ConfigurationError(f"missing environment variable(s): {', '.join(missing)}")
    verify: bool | str = True
    ca_variable = "MAAS_CA_CERT" if env.get("MAAS_CA_CERT") else "MAAS_API_CACERT"
    ca = env.get(ca_variable)
    if ca:
        verify = _ca_bundle(ca, source=ca_variable)
    if _flag("MAAS_INSECURE", env.get("MAAS_INSECURE", "")):
        verify = False
    return ConnectionSettings(url=url, api_key=APIKey.parse(key), verify=verify)


def settings_from_profile(
    name: str | None = None, path: str | os.PathLike[str] = DEFAULT_PROFILE_DB
) -> ConnectionSettings:
    """Read a profile saved by ``maas login`` from the maas CLI's database.

    Args:
        name: The profile name; with ``None`` the only profile is used.
        path: The database file (``~/.maascli.db`` by default).

    Returns:
        The profile's settings (its CA certificates become a private bundle file).

    Raises:
        ConfigurationError: No database, no such profile, several profiles and no name
            (the message lists them), or a profile without credentials.
    """
    db_path = Path(path).expanduser()
    if not db_path.is_file():
        raise ConfigurationError(
            f"no maas CLI profile database at {db_path}; run `maas login` or pass a path"
        )
    profiles = _read_profiles(db_path)
    if not profiles:
        raise ConfigurationError(f"the maas CLI profile database {db_path} has no profiles")
    if name is None:
        if len(profiles) > 1:
            names = ", ".join(sorted(profiles))
            raise ConfigurationError(
                f"{db_path} holds several profiles ({names}); choose one with name=..."
            )
        name = next(iter(profiles))
    if name not in profiles:
        names = ", ".join(sorted(profiles))
        raise ConfigurationError(f"no maas CLI profile named {name!r} in {db_path} (has: {names})")
    profile = profiles[name]
    url = profile.get("url")
    if not isinstance(url, str) or not url:
        raise ConfigurationError(f"maas CLI profile {name!r} has no URL")
    credentials = profile.get("credentials")
    if isinstance(credentials, list | tuple) and all(isinstance(p, str) for p in credentials):
        credentials = ":".join(credentials)
    if not isinstance(credentials, str) or not credentials:
        raise ConfigurationError(
            f"maas CLI profile {name!r} has no credentials (an anonymous login); "
            "log in with an API key"
        )
    verify: bool | str = True
    cacerts = profile.get("cacerts")
    if isinstance(cacerts, str) and cacerts.strip():
        verify = _ca_bundle(cacerts, source=f"profile {name!r}")
    if profile.get("insecure") is True:
        verify = False
    return ConnectionSettings(url=url, api_key=APIKey.parse(credentials), verify=verify)


def _read_profiles(db_path: Path) -> dict[str, dict[str, object]]:
    try:
        connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise ConfigurationError(f"cannot open {db_path}: {error}") from None
    try:
        rows = connection.execute("SELECT name, data FROM profiles").fetchall()
    except sqlite3.Error as error:
        raise ConfigurationError(f"{db_path} is not a maas CLI profile database: {error}") from None
    finally:
        connection.close()
    profiles: dict[str, dict[str, object]] = {}
    for name, data in rows:
        try:
            decoded = json.loads(data)
        except (TypeError, ValueError):
            raise ConfigurationError(f"profile {name!r} in {db_path} is not valid JSON") from None
        if isinstance(decoded, dict):
            profiles[str(name)] = decoded
    return profiles


_BUNDLES: list[str] = []


def _ca_bundle(value: str, *, source: str) -> str:
    """Return a CA bundle path: ``value`` itself, or a private file holding PEM text."""
    if "-----BEGIN" in value:
        handle, bundle = tempfile.mkstemp(prefix="maas-sdk-ca-", suffix=".pem")
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(value)
        _BUNDLES.append(bundle)
        return bundle
    path = Path(value).expanduser()
    if not path.is_file():
        raise ConfigurationError(f"CA certificate file {str(path)!r} (from {source}) not found")
    return str(path)


@atexit.register
def _remove_bundles() -> None:
    while _BUNDLES:
        with contextlib.suppress(OSError):
            os.unlink(_BUNDLES.pop())
