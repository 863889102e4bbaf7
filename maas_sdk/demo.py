"""The README's first command: a short tour of the SDK.

With ``MAAS_URL`` and ``MAAS_API_KEY`` set it connects to that MAAS and only reads. Without them
it starts the embedded fake MAAS from :mod:`maas_sdk.testing` and talks to it over HTTP.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from maas_sdk.client import MAASClient
from maas_sdk.errors import MAASError

__all__ = ["main"]


@contextmanager
def _connect() -> Iterator[tuple[MAASClient, str]]:
    if os.environ.get("MAAS_URL") or os.environ.get("MAAS_API_URL"):
        with MAASClient.from_env(user_agent="maas-sdk-demo") as client:
            yield client, "the MAAS named by MAAS_URL (read-only tour)"
        return
    from maas_sdk.testing import FakeMAAS

    fake = FakeMAAS()
    with (
        fake.serve() as server,
        MAASClient(server.url, server.api_key, user_agent="maas-sdk-demo") as client,
    ):
        yield client, f"the embedded fake MAAS at {server.url}"


def _count(client: MAASClient, path: str) -> int:
    answer = client.transport.get(path).json()
    return len(answer) if isinstance(answer, list) else 0


def main() -> int:
    """Run the demo.

    MAAS API: ``GET version/``, ``GET users/?op=whoami``, ``GET zones/``, ``GET subnets/``,
    ``GET machines/``.

    Returns:
        The process exit code.
    """
    try:
        with _connect() as (client, where):
            print(f"Connected to {where}")
            version = client.version()
            user = client.whoami()
            print(f"  MAAS version : {version.version}")
            print(f"  user         : {user.username} ({'admin' if user.is_superuser else 'user'})")
            for label, path in (
                ("zones", "zones/"),
                ("subnets", "subnets/"),
                ("machines", "machines/"),
            ):
                print(f"  {label:<13}: {_count(client, path)}")
    except MAASError as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
