"""The entry point: :class:`MAASClient`."""

from __future__ import annotations

import os
from types import TracebackType
from typing import TYPE_CHECKING, Self
from urllib.parse import urlsplit

from maas_sdk._clock import Clock
from maas_sdk._config import (
    DEFAULT_PROFILE_DB,
    ConnectionSettings,
    login_url,
    normalize_api_url,
    settings_from_env,
    settings_from_profile,
)
from maas_sdk._credentials import APIKey
from maas_sdk._managers.accounts import AccountsManagers
from maas_sdk._managers.core import CoreManagers
from maas_sdk._managers.networking import NetworkingManagers
from maas_sdk._managers.nodes import NodesManagers
from maas_sdk._managers.platform import PlatformManagers
from maas_sdk._managers.storage import StorageManagers
from maas_sdk._operations import api_operation
from maas_sdk._retry import RetryPolicy
from maas_sdk._transport import DEFAULT_TIMEOUT, APIResponse, Timeout, Transport
from maas_sdk._wire import WireHandler
from maas_sdk.errors import (
    AuthenticationError,
    BadRequestError,
    PermissionDeniedError,
)

if TYPE_CHECKING:
    from maas_sdk.resources.users import User
    from maas_sdk.resources.version import MAASVersion

__all__ = ["MAASClient"]


class MAASClient(
    CoreManagers,
    NetworkingManagers,
    AccountsManagers,
    NodesManagers,
    StorageManagers,
    PlatformManagers,
):
    """A connection to one MAAS region's API 2.0, and the way into every resource.

    ``MAASClient("http://maas:5240/MAAS", "consumer:token:secret")`` opens nothing until the
    first call; it keeps one HTTP session (keep-alive) until :meth:`close` or the end of a
    ``with`` block. It is safe to share one client between threads.

    Every request is signed with OAuth 1.0 PLAINTEXT, has a timeout (connect 10 s, read 120 s
    unless ``timeout=`` says otherwise, also per call), and passes ``verify=`` explicitly, so
    ``REQUESTS_CA_BUNDLE`` can never silently replace a CA bundle or ``verify=False`` you chose
    (with ``verify=True`` requests' usual CA lookup, that variable included, applies).

    Retries (:class:`~maas_sdk.RetryPolicy`, 5 attempts and 120 s of waiting by default):
    a connection that failed before the request was sent is retried for every method; a 409 or
    503 is retried only when MAAS sent ``Retry-After`` (waiting as told, capped at 60 s), for every
    method; a 502, 504, read timeout or connection dropped mid-request is retried only for GET;
    400, 401, 403, 404, 500 and 409/503 without ``Retry-After`` are raised at once. Other back-off
    is exponential with jitter. A POST whose outcome is unknown raises
    :class:`~maas_sdk.errors.APIConnectionError` with ``outcome_unknown=True`` instead of being
    replayed. The API key, token secret and ``Authorization`` header never appear in messages,
    reprs or logs.

    Args:
        url: The MAAS URL: ``http://host:5240/MAAS``, with or without a trailing slash, or the
            full ``.../MAAS/api/2.0/`` root.
        api_key: ``consumer_key:token_key:token_secret`` (from the UI or ``maas apikey``).
        timeout: Default timeout in seconds, or a ``(connect, read)`` pair.
        verify: ``True`` to verify TLS certificates, ``False`` to skip it (warns), or the path
            of a CA bundle for a private CA.
        retry: The retry policy (``RetryPolicy.disabled()`` turns retries off).
        user_agent: Text appended to the ``User-Agent`` header (your tool's name).
        handler: An in-process server (see :mod:`maas_sdk.testing`) to send requests to
            instead of the network.
        clock: The clock used for back-off and waiting (a fake clock makes tests instant).
        pool_size: Connections kept alive to the server (raise it for wide bulk concurrency).

    Raises:
        ConfigurationError: The URL, the API key or the timeout is malformed (the key is never
            echoed), or ``verify`` names a CA bundle that does not exist.
    """

    def __init__(
        self,
        url: str,
        api_key: str | APIKey,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | os.PathLike[str] = True,
        retry: RetryPolicy | None = None,
        user_agent: str | None = None,
        handler: WireHandler | None = None,
        clock: Clock | None = None,
        pool_size: int = 64,
    ) -> None:
        self.url = normalize_api_url(url)
        self._key = APIKey.parse(api_key)
        self.transport = Transport(
            self.url,
            self._key,
            timeout=timeout,
            verify=verify,
            retry=retry,
            user_agent=user_agent,
            handler=handler,
            clock=clock,
            pool_size=pool_size,
        )
        self.clock: Clock = self.transport.clock

    @classmethod
    def from_env(cls, **options: object) -> Self:
        """Build a client from environment variables.

        Reads ``MAAS_URL`` (or ``MAAS_API_URL``), ``MAAS_API_KEY``, ``MAAS_CA_CERT`` (or
        ``MAAS_API_CACERT``) and ``MAAS_INSECURE``.

        Args:
            **options: Other constructor arguments (``timeout=``, ``retry=``, ...).

        Returns:
            The client.

        Raises:
            ConfigurationError: A variable is missing or unusable.
        """
        return cls._from_settings(settings_from_env(), options)

    @classmethod
    def from_profile(
        cls,
        name: str | None = None,
        *,
        path: str | os.PathLike[str] = DEFAULT_PROFILE_DB,
        **options: object,
    ) -> Self:
        """Build a client from a profile saved by ``maas login`` (``~/.maascli.db``).

        Args:
            name: The profile; with ``None``, the only one (an error lists the names if several).
            path: The profile database.
            **options: Other constructor arguments.

        Returns:
            The client, using the profile's URL, credentials and CA certificates.

        Raises:
            ConfigurationError: No database, no such profile, or no credentials in it.
        """
        return cls._from_settings(settings_from_profile(name, path), options)

    @classmethod
    def login(
        cls,
        url: str,
        username: str,
        password: str,
        *,
        consumer: str = "maas-sdk",
        **options: object,
    ) -> Self:
        """Exchange a username and password for a new API key and return a client using it.

        MAAS returns the user's token named ``consumer``, creating it on the first login.

        MAAS API: ``POST /MAAS/accounts/authenticate/``.

        Args:
            url: The MAAS URL (any form the constructor accepts).
            username: The MAAS user.
            password: Their password (sent once, in the request body; never logged).
            consumer: The name MAAS gives the new token.
            **options: Other constructor arguments (``verify=``, ``timeout=``, ...).

        Returns:
            A client signed with the new API key (``client.api_key`` shows it, redacted in reprs).

        Raises:
            AuthenticationError: MAAS rejected the username or password.
        """
        root = normalize_api_url(url)
        bare = Transport(
            root,
            None,
            warn_insecure=False,
            **{k: v for k, v in options.items() if k in _TRANSPORT_OPTIONS},  # type: ignore[arg-type]
        )
        try:
            answer = bare.request(
                "POST",
                urlsplit(login_url(root)).path,
                data={"username": username, "password": password, "consumer": consumer},
                signed=False,
            )
        except (PermissionDeniedError, AuthenticationError, BadRequestError) as error:
            raise AuthenticationError(
                f"MAAS rejected the login of user {username!r}"
                + (f": {error.message}" if error.message else ""),
                status_code=error.status_code,
                method=error.method,
                url=error.url,
            ) from None
        finally:
            bare.close()
        token = answer.json()
        if not isinstance(token, dict) or not all(
            isinstance(token.get(k), str) for k in ("consumer_key", "token_key", "token_secret")
        ):
            raise answer.decode_error("the login answer has no consumer_key/token_key/token_secret")
        key = APIKey(token["consumer_key"], token["token_key"], token["token_secret"])
        return cls(url, key, **options)  # type: ignore[arg-type]

    @classmethod
    def _from_settings(cls, settings: ConnectionSettings, options: dict[str, object]) -> Self:
        merged: dict[str, object] = {"verify": settings.verify, **options}
        return cls(settings.url, settings.api_key, **merged)  # type: ignore[arg-type]

    @property
    def api_key(self) -> APIKey:
        """The API key this client signs with (its ``repr`` hides the secret)."""
        return self._key

    @api_operation("GET", "version/")
    def version(self) -> MAASVersion:
        """Return the region's version.

        MAAS API: ``GET /MAAS/api/2.0/version/``.

        Returns:
            The version and capabilities.
        """
        return _parse_version(self.transport.get("version/"))

    def whoami(self) -> User:
        """Return the user this client's API key belongs to (a cheap credentials check).

        MAAS API: ``GET /MAAS/api/2.0/users/?op=whoami``.

        Returns:
            The user, bound to :attr:`users`.
        """
        return self.users.whoami()

    def close(self) -> None:
        """Close the HTTP session; the client cannot be used afterwards."""
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<MAASClient {self.url} consumer={self._key.consumer_key}>"


_TRANSPORT_OPTIONS = frozenset({"timeout", "verify", "retry", "user_agent", "handler", "clock"})


def _parse_version(answer: APIResponse) -> MAASVersion:
    from pydantic import ValidationError

    from maas_sdk.resources.version import MAASVersion

    problem = ""
    try:
        return MAASVersion.model_validate_json(answer.content)
    except ValidationError as error:
        problem = f"the answer is not a valid MAASVersion: {error.errors()[0]['msg']}"
    # Raised outside the except block: pydantic's error would keep the body as context.
    raise answer.decode_error(problem)
