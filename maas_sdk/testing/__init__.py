"""A faithful, stateful, in-memory MAAS (API 2.0) to test MAAS automation without hardware.

Use it in process::

    from maas_sdk.testing import FakeMAAS

    fake = FakeMAAS()
    with fake.client() as client:        # a real MAASClient, mounted on the fake
        ...

or over real HTTP on loopback (``with fake.serve() as server: server.url, server.api_key``), or
from a shell: ``python -m maas_sdk.testing --port 5240``. Time is virtual (``fake.clock``,
``fake.advance(seconds)``), failures can be injected (``fake.faults``) and every request is
logged (``fake.requests``). The pytest plugin provides the ``maas_fake`` and ``maas_client``
fixtures.
"""

from ._app import FakeMAAS
from ._clock import FakeClock, Timer
from ._faults import Fault, FaultInjector, FaultRule
from ._log import LoggedRequest, RequestLog
from ._server import LoopbackServer

__all__ = [
    "FakeClock",
    "FakeMAAS",
    "Fault",
    "FaultInjector",
    "FaultRule",
    "LoggedRequest",
    "LoopbackServer",
    "RequestLog",
    "Timer",
]
