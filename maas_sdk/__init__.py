"""maas-sdk: a typed, object-relational Python SDK for the Canonical MAAS REST API 2.0.

Start with :class:`MAASClient`::

    from maas_sdk import MAASClient

    with MAASClient.from_env() as client:
        print(client.version().version, client.whoami().username)

``import maas_sdk`` loads only the exceptions; every other public name is imported on first use
(``maas_sdk.MAASClient`` loads the client, its transport and ``requests``), so a script that
imports the package without using it, or only catches its errors, pays almost nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from maas_sdk._version import __version__
from maas_sdk.errors import (
    ActionFailedError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CommissioningFailedError,
    ConfigurationError,
    ConflictError,
    DeploymentFailedError,
    DiskErasingFailedError,
    InvalidAPIKeyError,
    InvalidFieldValueError,
    MAASError,
    NotFoundError,
    PermissionDeniedError,
    PowerActionFailedError,
    ReadOnlyFieldError,
    ReleaseFailedError,
    RescueModeFailedError,
    ResponseDecodeError,
    ServerError,
    ServiceUnavailableError,
    TestingFailedError,
    TLSError,
    UnboundResourceError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from maas_sdk._clock import Clock, SystemClock
    from maas_sdk._credentials import APIKey
    from maas_sdk._retry import RetryPolicy
    from maas_sdk._transport import DEFAULT_TIMEOUT, APIResponse, InsecureTransportWarning
    from maas_sdk.bulk import BulkOutcome, BulkReport, BulkResult
    from maas_sdk.client import MAASClient
    from maas_sdk.enums import NodeStatus, PowerState, SimpleStatus
    from maas_sdk.resources.machine_manager import Machines
    from maas_sdk.resources.machines import Machine
    from maas_sdk.resources.subnets import Subnet, Subnets
    from maas_sdk.resources.users import User
    from maas_sdk.resources.version import MAASVersion
    from maas_sdk.resources.zones import Zone, Zones

_LAZY: dict[str, str] = {
    "Clock": "maas_sdk._clock",
    "SystemClock": "maas_sdk._clock",
    "APIKey": "maas_sdk._credentials",
    "RetryPolicy": "maas_sdk._retry",
    "DEFAULT_TIMEOUT": "maas_sdk._transport",
    "APIResponse": "maas_sdk._transport",
    "InsecureTransportWarning": "maas_sdk._transport",
    "MAASClient": "maas_sdk.client",
    "User": "maas_sdk.resources.users",
    "MAASVersion": "maas_sdk.resources.version",
    "Machine": "maas_sdk.resources.machines",
    "Machines": "maas_sdk.resources.machine_manager",
    "Subnet": "maas_sdk.resources.subnets",
    "Subnets": "maas_sdk.resources.subnets",
    "Zone": "maas_sdk.resources.zones",
    "Zones": "maas_sdk.resources.zones",
    "NodeStatus": "maas_sdk.enums",
    "PowerState": "maas_sdk.enums",
    "SimpleStatus": "maas_sdk.enums",
    "BulkReport": "maas_sdk.bulk",
    "BulkResult": "maas_sdk.bulk",
    "BulkOutcome": "maas_sdk.bulk",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use (see the module docstring)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'maas_sdk' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIKey",
    "APIResponse",
    "APITimeoutError",
    "ActionFailedError",
    "AuthenticationError",
    "BadRequestError",
    "BulkOutcome",
    "BulkReport",
    "BulkResult",
    "Clock",
    "CommissioningFailedError",
    "ConfigurationError",
    "ConflictError",
    "DeploymentFailedError",
    "DiskErasingFailedError",
    "InsecureTransportWarning",
    "InvalidAPIKeyError",
    "InvalidFieldValueError",
    "MAASClient",
    "MAASError",
    "MAASVersion",
    "Machine",
    "Machines",
    "NodeStatus",
    "NotFoundError",
    "PermissionDeniedError",
    "PowerActionFailedError",
    "PowerState",
    "ReadOnlyFieldError",
    "ReleaseFailedError",
    "RescueModeFailedError",
    "ResponseDecodeError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "SimpleStatus",
    "Subnet",
    "Subnets",
    "SystemClock",
    "TLSError",
    "TestingFailedError",
    "UnboundResourceError",
    "User",
    "WaitTimeoutError",
    "Zone",
    "Zones",
    "__version__",
]
