"""pytest plugin (registered as the ``maas_sdk`` ``pytest11`` entry point).

Fixtures:

* ``maas_fake`` -- a fresh :class:`~maas_sdk.testing.FakeMAAS` for each test.
* ``maas_client`` -- a :class:`~maas_sdk.client.MAASClient` mounted in process on
  ``maas_fake`` as its admin, closed after the test.

A test reads ``def test_inventory(maas_client, maas_fake): ...``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ._app import FakeMAAS

if TYPE_CHECKING:
    from maas_sdk.client import MAASClient

__all__ = ["maas_client", "maas_fake"]


@pytest.fixture
def maas_fake() -> FakeMAAS:
    """A fresh fake MAAS region, seeded like a new install with an ``admin`` user."""
    return FakeMAAS()


@pytest.fixture
def maas_client(maas_fake: FakeMAAS) -> Iterator[MAASClient]:
    """An admin client mounted in process on ``maas_fake`` (waiting uses its virtual clock)."""
    client = maas_fake.client()
    try:
        yield client
    finally:
        client.close()
