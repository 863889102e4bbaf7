"""maas-sdk: a typed, object-relational Python SDK for the Canonical MAAS REST API 2.0.

Start with :class:`MAASClient`::

    from maas_sdk import MAASClient

    with MAASClient.from_env() as client:
        print(client.version().version, client.whoami().username)
"""

from maas_sdk._clock import Clock, SystemClock
from maas_sdk._credentials import APIKey
from maas_sdk._retry import RetryPolicy
from maas_sdk._transport import DEFAULT_TIMEOUT, APIResponse, InsecureTransportWarning
from maas_sdk._version import __version__
from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InvalidAPIKeyError,
    MAASError,
    NotFoundError,
    PermissionDeniedError,
    ResponseDecodeError,
    ServerError,
    ServiceUnavailableError,
    TLSError,
)
from maas_sdk.resources.users import User
from maas_sdk.resources.version import MAASVersion

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIKey",
    "APIResponse",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "Clock",
    "ConfigurationError",
    "ConflictError",
    "InsecureTransportWarning",
    "InvalidAPIKeyError",
    "MAASClient",
    "MAASError",
    "MAASVersion",
    "NotFoundError",
    "PermissionDeniedError",
    "ResponseDecodeError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "SystemClock",
    "TLSError",
    "User",
    "__version__",
]
