"""The only package that speaks HTTP: session, OAuth signing, timeouts and error mapping.

Everything above it (client, managers, models) calls :meth:`Transport.request` with a path
relative to the API root, an optional ``op`` and form data, and gets an :class:`APIResponse` or
one of the exceptions of :mod:`maas_sdk.errors`; nothing above it sees ``requests``.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Iterable, Mapping
from http.cookiejar import DefaultCookiePolicy
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3.exceptions
from requests_oauthlib import OAuth1

from maas_sdk._clock import Clock, SystemClock
from maas_sdk._codec import (
    DEFAULT_TIMEOUT,
    APIResponse,
    Files,
    FormData,
    FormValue,
    Method,
    Timeout,
    check_timeout,
    encode_form,
    error_text,
    file_parts,
    path_of,
    redacted_headers,
)
from maas_sdk._credentials import APIKey
from maas_sdk._retry import RetryPolicy, parse_retry_after
from maas_sdk._transport._inprocess import HandlerAdapter
from maas_sdk._transport._logs import _REDACTION, _SIGNING_LOGGERS, install_log_redaction
from maas_sdk._transport._network import innermost, request_was_sent, root_cause, sent_url
from maas_sdk._version import __version__
from maas_sdk._wire import WireHandler
from maas_sdk.errors import (
    REDACTED,
    APIConnectionError,
    APIError,
    APITimeoutError,
    BadRequestError,
    ConfigurationError,
    MAASError,
    TLSError,
    error_class_for,
    redact_server_text,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "_REDACTION",
    "_SIGNING_LOGGERS",
    "APIResponse",
    "FormData",
    "FormValue",
    "InsecureTransportWarning",
    "Timeout",
    "Transport",
    "install_log_redaction",
]

logger = logging.getLogger("maas_sdk")


class Transport:
    """Signs, sends and decodes requests to one MAAS API root. Thread-safe.

    Args:
        api_root: Normalised API root, e.g. ``http://maas:5240/MAAS/api/2.0/``.
        credentials: The API key used to sign every request.
        timeout: Default timeout, seconds or ``(connect, read)``.
        verify: ``True`` (system/requests CAs), ``False`` (no verification) or a CA bundle path.
        retry: The retry policy.
        user_agent: Extra text for the ``User-Agent`` header.
        handler: An in-process server to send requests to instead of the network.
        clock: Where retry back-off sleeps.
        pool_size: Connections kept alive per host (raise it for wide bulk concurrency).
        warn_insecure: Warn when ``verify=False`` (the password login's short-lived transport
            passes ``False`` so that one login warns once).

    Raises:
        ConfigurationError: The timeout is not positive seconds or a ``(connect, read)`` pair
            of them, or ``verify`` names a CA bundle that does not exist.
    """

    def __init__(
        self,
        api_root: str,
        credentials: APIKey | None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | os.PathLike[str] = True,
        retry: RetryPolicy | None = None,
        user_agent: str | None = None,
        handler: WireHandler | None = None,
        clock: Clock | None = None,
        pool_size: int = 64,
        warn_insecure: bool = True,
    ) -> None:
        self.api_root = api_root
        self.timeout = check_timeout(timeout)
        self.verify: bool | str = verify if isinstance(verify, bool) else os.fspath(verify)
        if isinstance(self.verify, str) and not os.path.exists(self.verify):
            raise ConfigurationError(f"verify={self.verify!r}: no such CA bundle file or directory")
        self.retry = retry or RetryPolicy()
        self.clock: Clock = clock or SystemClock()
        self._credentials = credentials
        self._secrets = credentials.secrets() if credentials else ()
        parts = urlsplit(api_root)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        install_log_redaction()
        self._auth = (
            OAuth1(
                credentials.consumer_key,
                client_secret="",
                resource_owner_key=credentials.token_key,
                resource_owner_secret=credentials.token_secret,
                signature_method="PLAINTEXT",
                signature_type="AUTH_HEADER",
            )
            if credentials
            else None
        )
        session = requests.Session()
        session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        session.headers["Accept"] = "application/json"
        agent = f"maas-sdk/{__version__} python-requests/{requests.__version__}"
        session.headers["User-Agent"] = f"{agent} {user_agent}" if user_agent else agent
        pooled = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=pool_size)
        session.mount("http://", pooled)
        session.mount("https://", pooled)
        self._pooled = pooled
        if handler is not None:
            session.mount(self._origin + "/", HandlerAdapter(handler))
        self._session = session
        if self.verify is False and warn_insecure:
            message = (
                f"TLS certificate verification is disabled for {self._origin}: "
                "anyone on the network path can read and alter the traffic"
            )
            logger.warning(message)
            warnings.warn(message, InsecureTransportWarning, stacklevel=3)

    def close(self) -> None:
        """Close the session and its pooled connections."""
        # urllib3 2 only drops its pools here and closes their connections when a pool is
        # garbage-collected, which an exception traceback can delay indefinitely.
        pools = self._pooled.poolmanager.pools
        for key in pools.keys():  # noqa: SIM118 - the container itself cannot be iterated
            pool = pools.get(key)
            if pool is not None:
                pool.close()
        self._session.close()

    def get(
        self,
        path: str,
        *,
        op: str | None = None,
        params: FormData | None = None,
        timeout: Timeout | None = None,
    ) -> APIResponse:
        """Send a GET (read-only ops are GETs).

        Args:
            path: Path relative to the API root, e.g. ``machines/``.
            op: The read-only op, if any.
            params: Query parameters.
            timeout: This call's timeout instead of the client's.

        Returns:
            The successful answer.
        """
        return self.request("GET", path, op=op, params=params, timeout=timeout)

    def post(
        self,
        path: str,
        *,
        op: str | None = None,
        data: FormData | None = None,
        files: Files | None = None,
        timeout: Timeout | None = None,
    ) -> APIResponse:
        """Send a POST (creates and every op that changes something).

        Args:
            path: Path relative to the API root.
            op: The op, sent in the query string.
            data: Form fields.
            files: File parts (forces multipart).
            timeout: This call's timeout instead of the client's.

        Returns:
            The successful answer.
        """
        return self.request("POST", path, op=op, data=data, files=files, timeout=timeout)

    def put(
        self,
        path: str,
        *,
        data: FormData | None = None,
        files: Files | None = None,
        timeout: Timeout | None = None,
    ) -> APIResponse:
        """Send a PUT (updates; PUT takes no op).

        Args:
            path: Path relative to the API root.
            data: Form fields to change.
            files: File parts (forces multipart).
            timeout: This call's timeout instead of the client's.

        Returns:
            The successful answer.
        """
        return self.request("PUT", path, data=data, files=files, timeout=timeout)

    def delete(
        self, path: str, *, params: FormData | None = None, timeout: Timeout | None = None
    ) -> APIResponse:
        """Send a DELETE (options such as ``force`` go in the query string).

        Args:
            path: Path relative to the API root.
            params: Query parameters.
            timeout: This call's timeout instead of the client's.

        Returns:
            The successful answer (usually 204 with an empty body).
        """
        return self.request("DELETE", path, params=params, timeout=timeout)

    def request(
        self,
        method: Method,
        path: str,
        *,
        op: str | None = None,
        params: FormData | None = None,
        data: FormData | None = None,
        files: Files | None = None,
        timeout: Timeout | None = None,
        signed: bool = True,
    ) -> APIResponse:
        """Send one request, retrying as the policy allows, and map failures to our errors.

        Args:
            method: ``GET``, ``POST``, ``PUT`` or ``DELETE``.
            path: Relative to the API root, or absolute from the host when it starts with ``/``.
            op: The MAAS op (query string); not allowed with PUT and DELETE.
            params: Query parameters.
            data: Form fields (POST/PUT); ``bytes`` values become multipart file parts.
            files: Extra file parts.
            timeout: This call's timeout instead of the client's.
            signed: Sign with the API key (only the password login sends unsigned requests).

        Returns:
            The successful answer.

        Raises:
            APIError: The server answered with an error status (mapped subclass).
            APIConnectionError: The network failed (``APITimeoutError`` for timeouts).
            ConfigurationError: The request cannot be built (bad op/method combination).
        """
        if op is not None and method in ("PUT", "DELETE"):
            raise ConfigurationError(f"MAAS takes no op with {method}; got op={op!r}")
        if (data is not None or files is not None) and method in ("GET", "DELETE"):
            raise ConfigurationError(f"{method} requests carry no body; pass params= instead")
        if params and any(isinstance(value, bytes) for _, value in _items(params)):
            raise ConfigurationError("query parameters cannot carry bytes; send files with POST")
        url = self._origin + path if path.startswith("/") else self.api_root + path
        query = ([("op", op)] if op is not None else []) + encode_form(params)
        form = encode_form(data)
        parts = file_parts(data, files)
        timeout_value = check_timeout(timeout) if timeout is not None else self.timeout
        auth = self._auth if signed else None
        if signed and auth is None:
            raise ConfigurationError("this client has no credentials to sign requests with")

        def attempt() -> APIResponse:
            return self._send_once(method, url, query, form, parts, timeout_value, auth)

        return self.retry.call(
            attempt,
            idempotent=method == "GET",
            clock=self.clock,
            describe=lambda: f"{method} {path_of(url)}" + (f"?op={op}" if op else ""),
        )

    def _send_once(
        self,
        method: str,
        url: str,
        query: list[tuple[str, str]],
        form: list[tuple[str, str]],
        file_parts: list[tuple[str, tuple[str, bytes, str]]],
        timeout: Timeout,
        auth: OAuth1 | None,
    ) -> APIResponse:
        started = time.perf_counter()
        # Network errors are raised outside the except blocks so that they carry no context:
        # requests' exception holds the signed request (its Authorization header).
        failure: MAASError | None = None
        try:
            response = self._session.request(
                method,
                url,
                params=query or None,
                data=form or None,
                files=file_parts or None,
                auth=auth,
                timeout=timeout,
                verify=self.verify,
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.RequestException as error:
            failure = self._network_error(error, method, sent_url(error, url))
        if failure is not None:
            raise failure
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%.1f ms) request headers %s",
                method,
                path_of(response.url or url),
                response.status_code,
                (time.perf_counter() - started) * 1000,
                redacted_headers(response.request.headers if response.request else {}),
            )
        try:
            # One read of the whole body: requests' own ``content`` reads 10 KB at a time
            # (0.6 s of CPU and a second copy for a 250 MB machine listing).
            content = b"".join(response.iter_content(chunk_size=None))
        except requests.exceptions.RequestException as error:
            failure = self._network_error(error, method, sent_url(error, url))
        finally:
            response.close()
        if failure is not None:
            raise failure
        answer = APIResponse(
            response.status_code,
            response.headers,
            content,
            method,
            response.url or url,
            secrets=self._secrets,
        )
        if response.status_code >= 300:
            raise self._status_error(answer)
        return answer

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret:
                text = text.replace(secret, REDACTED)
        return redact_server_text(text)

    def _status_error(self, answer: APIResponse) -> APIError:
        message, field_errors = error_text(answer)
        message = self._scrub(message)
        field_errors = {
            key: [self._scrub(item) for item in items] for key, items in field_errors.items()
        }
        if 300 <= answer.status_code < 400:
            location = answer.headers.get("Location", "")
            message = f"unexpected redirect to {location!r}; check the MAAS URL" + (
                f" ({message})" if message else ""
            )
        cls = error_class_for(answer.status_code)
        retry_after = parse_retry_after(answer.headers.get("Retry-After"))
        common: dict[str, Any] = {
            "status_code": answer.status_code,
            "method": answer.method,
            "url": answer.url,
            "retry_after": retry_after,
        }
        if cls is BadRequestError:
            return BadRequestError(message, field_errors=field_errors, **common)
        return cls(message, **common)

    def _network_error(
        self, error: requests.exceptions.RequestException, method: str, url: str
    ) -> APIConnectionError | ConfigurationError:
        where = f"{method} {path_of(url)}"
        host = self._origin
        if isinstance(error, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
            return ConfigurationError(f"{where}: invalid URL ({type(error).__name__})")
        if isinstance(error, requests.exceptions.SSLError):
            detail = self._scrub(root_cause(error))
            return TLSError(
                f"{where}: TLS handshake with {host} failed: {detail}",
                method=method,
                url=url,
                outcome_unknown=False,
            )
        if isinstance(error, requests.exceptions.ConnectTimeout):
            return APITimeoutError(
                f"{where}: could not connect to {host} within the connect timeout",
                method=method,
                url=url,
                outcome_unknown=False,
            )
        if isinstance(error, requests.exceptions.ReadTimeout) or isinstance(
            innermost(error), urllib3.exceptions.ReadTimeoutError
        ):
            return APITimeoutError(
                f"{where}: {host} did not answer within the read timeout; the request was sent, "
                "so its outcome is unknown: re-read the state before repeating it",
                method=method,
                url=url,
                outcome_unknown=True,
            )
        sent = request_was_sent(error)
        detail = self._scrub(root_cause(error))
        if sent:
            text = (
                f"{where}: the connection to {host} broke after the request was sent ({detail}); "
                "its outcome is unknown: re-read the state before repeating it"
            )
        else:
            text = f"{where}: could not connect to {host} ({detail})"
        return APIConnectionError(text, method=method, url=url, outcome_unknown=sent)

    def __repr__(self) -> str:
        return f"<Transport {self.api_root}>"


class InsecureTransportWarning(UserWarning):
    """Warns that TLS certificate verification was turned off with ``verify=False``."""


def _items(data: FormData) -> Iterable[tuple[str, FormValue]]:
    return data.items() if isinstance(data, Mapping) else data
