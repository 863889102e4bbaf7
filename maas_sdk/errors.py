"""Every exception the SDK raises, rooted at :class:`MAASError`.

The tree::

    MAASError
    ├── ConfigurationError          bad URL, malformed API key, missing environment, profile db
    │   └── InvalidAPIKeyError
    ├── APIError                    the server answered with an error status
    │   ├── BadRequestError         400, with ``field_errors``
    │   ├── AuthenticationError     401
    │   ├── PermissionDeniedError   403
    │   ├── NotFoundError           404
    │   ├── ConflictError           409
    │   └── ServerError             other 5xx
    │       └── ServiceUnavailableError   503
    ├── APIConnectionError          the network failed (``outcome_unknown`` says if it may have run)
    │   ├── APITimeoutError
    │   └── TLSError                the TLS handshake or certificate check failed
    ├── ResponseDecodeError         a success answer whose body could not be decoded
    ├── WaitTimeoutError            a wait reached its deadline (the operation may still finish)
    ├── ActionFailedError           a machine operation ended in a failure status, or went back
    │   │                           to the status it started from
    │   ├── CommissioningFailedError
    │   ├── TestingFailedError
    │   ├── DeploymentFailedError
    │   ├── ReleaseFailedError
    │   │   └── DiskErasingFailedError
    │   ├── RescueModeFailedError
    │   └── PowerActionFailedError
    ├── InvalidFieldValueError      assigning a model field a value of the wrong type or form
    ├── ReadOnlyFieldError          assigning a model field MAAS does not let clients change
    └── UnboundResourceError        a bound action on a model that did not come from a client

Messages name the request and the server's answer, for example
``POST /MAAS/api/2.0/machines/abc123/?op=deploy -> 409 Conflict: Can't deploy ...``. They never
contain the API key, the token secret or the ``Authorization`` header: server bodies that quote a
secret (MAAS's 401 for a wrong secret does) are redacted before they reach an exception.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "ActionFailedError",
    "AuthenticationError",
    "BadRequestError",
    "CommissioningFailedError",
    "ConfigurationError",
    "ConflictError",
    "DeploymentFailedError",
    "DiskErasingFailedError",
    "InvalidAPIKeyError",
    "InvalidFieldValueError",
    "MAASError",
    "NotFoundError",
    "PermissionDeniedError",
    "PowerActionFailedError",
    "ReadOnlyFieldError",
    "ReleaseFailedError",
    "RescueModeFailedError",
    "ResponseDecodeError",
    "ServerError",
    "ServiceUnavailableError",
    "TLSError",
    "TestingFailedError",
    "UnboundResourceError",
    "WaitTimeoutError",
]

_SIGNATURE_ECHO = re.compile(r"(Expected signature base string:\s*)[^'\"\s]*[^'\"]*")
# Keys MAAS generated (18-character consumer and token keys) and the token_secret of a token
# answer: a body that lists the user's tokens must not put another key in a message or snippet.
# The secret part is matched whatever its length, so a key cut short by a snippet is hidden too.
_MAAS_API_KEY = re.compile(r"\b([A-Za-z0-9]{18}:[A-Za-z0-9]{18}:)[A-Za-z0-9]+")
_TOKEN_SECRET_FIELD = re.compile(r'("token_secret"\s*:\s*")[^"]+')
REDACTED = "[redacted]"


def redact_server_text(text: str) -> str:
    """Remove secrets that MAAS echoes in error bodies.

    MAAS answers a wrong token secret with ``Invalid signature. Expected signature base string:
    &<the real secret>``; everything after that prefix is replaced by ``[redacted]``. The secret
    part of any API key MAAS generated (``<18>:<18>:<secret>``) and the value of a
    ``"token_secret"`` field are replaced too (a token listing can quote the user's other keys).

    Args:
        text: A body or message produced by the server.

    Returns:
        The text with echoed signature base strings and key secrets replaced.
    """
    text = _SIGNATURE_ECHO.sub(lambda m: m.group(1) + REDACTED, text)
    text = _MAAS_API_KEY.sub(lambda m: m.group(1) + REDACTED, text)
    return _TOKEN_SECRET_FIELD.sub(lambda m: m.group(1) + REDACTED, text)


class MAASError(Exception):
    """Root of every exception raised by maas_sdk."""


class ConfigurationError(MAASError, ValueError):
    """The client was given configuration it cannot use (URL, credentials, profile, env)."""


class InvalidAPIKeyError(ConfigurationError):
    """The API key is not of the form ``consumer_key:token_key:token_secret``.

    The message states the expected format and what is wrong, but never echoes the key.
    """


class APIError(MAASError):
    """The MAAS server answered with an error status.

    Attributes:
        status_code: The HTTP status code.
        method: The HTTP method of the request.
        url: The request URL (scheme, host, path and query; it never carries credentials).
        message: The server's message in full (HTML reduced to its text, secrets redacted).
        retry_after: Seconds from the ``Retry-After`` header, if the server sent one.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.message = redact_server_text(message)
        self.retry_after = retry_after
        super().__init__(self._describe())

    @property
    def reason(self) -> str:
        """The standard reason phrase of :attr:`status_code` (``Conflict`` for 409)."""
        try:
            return HTTPStatus(self.status_code).phrase
        except ValueError:
            return "Error"

    def _describe(self) -> str:
        target = _path_and_query(self.url)
        head = f"{self.method} {target} -> {self.status_code} {self.reason}"
        return f"{head}: {self.message}" if self.message else head

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (type(self), self.__dict__.copy()))


def _rebuild_error(cls: type[APIError], state: dict[str, Any]) -> APIError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error._describe())
    return error


def _path_and_query(url: str) -> str:
    scheme_end = url.find("://")
    if scheme_end < 0:
        return url
    slash = url.find("/", scheme_end + 3)
    return url[slash:] if slash >= 0 else "/"


class BadRequestError(APIError):
    """400: the server rejected the request's parameters.

    Attributes:
        field_errors: MAAS's form errors, field name to messages; errors that belong to the
            whole form are under ``"__all__"``. Empty when the server answered plain text.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        retry_after: float | None = None,
        field_errors: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})
        super().__init__(
            message, status_code=status_code, method=method, url=url, retry_after=retry_after
        )


class AuthenticationError(APIError):
    """401: the credentials are missing, unknown or wrong (the server's echo is redacted)."""


class PermissionDeniedError(APIError):
    """403: the user may not do this (not an admin, not the owner, or the machine is locked)."""


class NotFoundError(APIError):
    """404: no such object, or no such API endpoint."""


class ConflictError(APIError):
    """409: the object is in a state that forbids the operation (or a retried DB conflict)."""


class ServerError(APIError):
    """5xx: the server failed (500, 502, 504, ...)."""


class ServiceUnavailableError(ServerError):
    """503: MAAS cannot serve the request now (no rack controller, BMC unreachable, ...)."""


class APIConnectionError(MAASError):
    """The request did not complete at the network level.

    Attributes:
        method: The HTTP method.
        url: The request URL.
        outcome_unknown: ``True`` when the request may have reached the server and been applied
            (the connection broke after it was sent); re-read the state before repeating it.
    """

    def __init__(self, message: str, *, method: str, url: str, outcome_unknown: bool) -> None:
        self.method = method
        self.url = url
        self.outcome_unknown = outcome_unknown
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_connection_error,
            (type(self), str(self), self.method, self.url, self.outcome_unknown),
        )


def _rebuild_connection_error(
    cls: type[APIConnectionError], message: str, method: str, url: str, outcome_unknown: bool
) -> APIConnectionError:
    return cls(message, method=method, url=url, outcome_unknown=outcome_unknown)


class APITimeoutError(APIConnectionError):
    """The server did not connect or answer within the timeout."""


class TLSError(APIConnectionError):
    """The TLS handshake failed, usually an untrusted certificate (see ``verify=``)."""


class ResponseDecodeError(MAASError):
    """A success answer's body could not be decoded (an HTML page from a proxy, truncated JSON).

    Attributes:
        status_code: The HTTP status of the answer.
        method: The HTTP method.
        url: The request URL.
        content_type: The answer's ``Content-Type``.
        snippet: The first characters of the body, for diagnosis.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        method: str,
        url: str,
        content_type: str,
        snippet: str,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.content_type = content_type
        self.snippet = snippet
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_decode_error, (type(self), str(self), self.__dict__.copy()))


def _rebuild_decode_error(
    cls: type[ResponseDecodeError], message: str, state: dict[str, Any]
) -> ResponseDecodeError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, message)
    return error


_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    503: ServiceUnavailableError,
}


def error_class_for(status_code: int) -> type[APIError]:
    """Return the exception class that represents an error status.

    Args:
        status_code: An HTTP status code of 400 or more.

    Returns:
        The most specific :class:`APIError` subclass for the status.
    """
    if status_code in _STATUS_ERRORS:
        return _STATUS_ERRORS[status_code]
    if status_code >= 500:
        return ServerError
    return APIError


# --- waiting, machine actions and models (appended by the object model) ---------------------

if TYPE_CHECKING:
    from maas_sdk.resources.machines import Machine


class WaitTimeoutError(MAASError):
    """A wait reached its deadline; the operation may still be running on the server.

    Attributes:
        machine: The machine as last read (``None`` if it could not be read).
        action: What was awaited (``"deploy"``, ``"status Deployed"``, ``"power on"``).
        timeout: The deadline in seconds.
        last_state: The last status (or power state) observed, as MAAS names it.
    """

    def __init__(
        self,
        message: str,
        *,
        machine: Machine | None,
        action: str,
        timeout: float,
        last_state: str | None,
    ) -> None:
        self.machine = machine
        self.action = action
        self.timeout = timeout
        self.last_state = last_state
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_with_state, (type(self), str(self), self.__dict__.copy()))


class ActionFailedError(MAASError):
    """A machine operation ended in a failure status, or went back to where it started.

    Attributes:
        machine: The machine as last read.
        action: The operation (``"deploy"``, ``"commission"``, ``"release"``, ...).
        status_name: The status the machine ended in, as MAAS names it (``"Failed deployment"``).
        status_message: MAAS's latest status event text for the machine (may be ``None``).
    """

    def __init__(
        self,
        message: str,
        *,
        machine: Machine,
        action: str,
        status_name: str,
        status_message: str | None,
    ) -> None:
        self.machine = machine
        self.action = action
        self.status_name = status_name
        self.status_message = status_message
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_with_state, (type(self), str(self), self.__dict__.copy()))


class CommissioningFailedError(ActionFailedError):
    """Commissioning (or the tests run after it) failed, or the machine went back to New."""


class TestingFailedError(ActionFailedError):
    """Hardware testing ended in Failed testing."""

    __test__ = False  # keeps pytest from collecting it


class DeploymentFailedError(ActionFailedError):
    """Deployment ended in Failed deployment, or the machine went back to Allocated or Ready."""


class ReleaseFailedError(ActionFailedError):
    """Releasing ended in Releasing failed (or in another status than Ready or New)."""


class DiskErasingFailedError(ReleaseFailedError):
    """Erasing the disks during a release ended in Failed disk erasing."""


class RescueModeFailedError(ActionFailedError):
    """Entering or exiting rescue mode failed."""


class PowerActionFailedError(ActionFailedError):
    """The machine's power state became ``error`` while waiting for a power action."""


class InvalidFieldValueError(MAASError, ValueError):
    """A value assigned to a model field has the wrong type or form; the model is unchanged.

    Attributes:
        model: The model class name.
        field: The field that was assigned.
        problems: What the field's validation said, one message per problem.
    """

    def __init__(self, model: str, field: str, value_type: str, problems: list[str]) -> None:
        self.model = model
        self.field = field
        self.value_type = value_type
        self.problems = problems
        super().__init__(f"{model}.{field} cannot be set to a {value_type}: {'; '.join(problems)}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.model, self.field, self.value_type, self.problems))


class ReadOnlyFieldError(MAASError, AttributeError):
    """A model field that MAAS does not let clients change was assigned.

    Attributes:
        model: The model class name.
        field: The field that was assigned.
        writable: The fields of that model that can be assigned and saved.
    """

    def __init__(self, model: str, field: str, writable: list[str]) -> None:
        self.model = model
        self.field = field
        self.writable = writable
        allowed = ", ".join(writable) if writable else "none"
        super().__init__(
            f"{model}.{field} is read-only: MAAS does not accept it in an update "
            f"(writable fields of {model}: {allowed})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.model, self.field, self.writable))


class UnboundResourceError(MAASError, RuntimeError):
    """A bound action was called on a model that was not read through a client."""


def _rebuild_with_state(cls: type[MAASError], message: str, state: dict[str, Any]) -> MAASError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, message)
    return error
