"""client.resource_pools through the fake MAAS (collection plural, instance singular)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources import common
from maas_sdk.resources.resource_pools import ResourcePool, ResourcePools
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=3, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.resource_pools, ResourcePools)
    assert client.resource_pools is client.resource_pools


def test_list_get_by_id_or_name_uses_the_singular_path(fake: FakeMAAS, client: MAASClient) -> None:
    [default] = client.resource_pools.list()
    assert (default.id, default.name, default.description) == (0, "default", "Default pool")
    assert isinstance(default, common.ResourcePool)
    assert client.resource_pools.get("default") == default
    assert fake.requests.last.api_path == "resourcepool/default/"
    assert client.resource_pools.get(0).resource_uri == "/MAAS/api/2.0/resourcepool/0/"
    assert repr(default) == "<ResourcePool 0 default>"


def test_create_update_save_delete(client: MAASClient) -> None:
    pool = client.resource_pools.create("gpu", description="GPU boxes")
    assert isinstance(pool, ResourcePool)
    assert (pool.name, pool.description) == ("gpu", "GPU boxes")
    pool.description = "A100s"
    pool.save()
    assert client.resource_pools.get(pool.id).description == "A100s"
    renamed = client.resource_pools.update(pool, name="accel")
    assert pool.refresh() == renamed
    assert pool.name == "accel"
    pool.delete()
    with pytest.raises(NotFoundError, match="No ResourcePool matches the given query"):
        client.resource_pools.get(pool.id)


def test_refusals(client: MAASClient, bob: MAASClient) -> None:
    client.resource_pools.create("dup")
    with pytest.raises(BadRequestError) as duplicate:
        client.resource_pools.create("dup")
    assert duplicate.value.field_errors == {
        "name": ["Resource pool with this Name already exists."]
    }
    with pytest.raises(BadRequestError, match="This is the default pool"):
        client.resource_pools.delete("default")
    with pytest.raises(NotFoundError):
        client.resource_pools.delete(99999)
    with pytest.raises(PermissionDeniedError):
        bob.resource_pools.create("bobs")
    with pytest.raises(PermissionDeniedError):
        bob.resource_pools.delete("dup")
    assert [pool.name for pool in bob.resource_pools.list()] == ["default", "dup"]
