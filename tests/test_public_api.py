"""The public surface of ``maas_sdk`` is pinned: adding or removing a name is a deliberate act."""

from __future__ import annotations

import subprocess
import sys

import maas_sdk

EXPECTED = {
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
}


def test_all_is_pinned() -> None:
    assert set(maas_sdk.__all__) == EXPECTED
    assert len(maas_sdk.__all__) == len(EXPECTED)


def test_every_public_name_resolves_and_is_listed_by_dir() -> None:
    for name in maas_sdk.__all__:
        assert getattr(maas_sdk, name) is not None, name
        assert name in dir(maas_sdk)


def test_every_exception_derives_from_the_root() -> None:
    for name in maas_sdk.__all__:
        value = getattr(maas_sdk, name)
        if isinstance(value, type) and issubclass(value, Exception) and name.endswith("Error"):
            assert issubclass(value, maas_sdk.MAASError), name


def test_importing_the_package_does_not_load_the_client_or_requests() -> None:
    probe = (
        "import sys, maas_sdk; print('requests' in sys.modules, 'maas_sdk.client' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert output == ["False", "False"]
