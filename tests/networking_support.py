"""Helpers for the networking tests: a fake region, an admin and a non-admin client, subnets.

A test module declares its fixture with::

    @pytest.fixture
    def region() -> Iterator[Region]:
        yield from open_region()
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from maas_sdk.client import MAASClient
from maas_sdk.resources.subnets import Subnet, Subnets
from maas_sdk.testing import FakeMAAS


@dataclass
class Region:
    """A fake region with an admin client (``admin``) and a non-admin one (``bob``)."""

    fake: FakeMAAS
    admin: MAASClient
    bob: MAASClient

    def subnet(self, cidr: str = "10.0.0.0/24", *, vlan: int | None = None) -> Subnet:
        """Create a subnet with its gateway at the first address, as admin."""
        gateway = cidr.rsplit(".", 1)[0] + ".1"
        return Subnets(self.admin.transport).create(cidr, gateway_ip=gateway, vlan=vlan)


def open_region(version: str = "3.4.10") -> Iterator[Region]:
    """Yield a fresh region (``bob`` is a non-admin user); close its clients afterwards."""
    fake = FakeMAAS(seed=7, strict=True, version=version)
    fake.add_user("bob")
    admin, bob = fake.client(), fake.client(user="bob")
    try:
        yield Region(fake, admin, bob)
    finally:
        admin.close()
        bob.close()
