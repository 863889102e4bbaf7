"""client.users through the fake MAAS: system users, is_superuser as 1/0, delete rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
)
from maas_sdk.resources.users import User, Users
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=17, strict=True)


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
    assert isinstance(client.users, Users)
    assert client.users is client.users


def test_list_includes_or_drops_the_system_users(client: MAASClient) -> None:
    names = [user.username for user in client.users.list()]
    assert names == ["admin", "MAAS", "maas-init-node"]
    real = client.users.list(include_system_users=False)
    assert [user.username for user in real] == ["admin"]
    system = client.users.get("MAAS")
    assert system.is_system_user
    assert (system.email, system.is_superuser) == ("maas@localhost", False)


def test_whoami_is_bound_and_equals_the_client_shortcut(
    client: MAASClient, bob: MAASClient
) -> None:
    me = client.users.whoami()
    assert me == client.whoami()
    assert (me.username, me.is_superuser, me.resource_uri) == (
        "admin",
        True,
        "/MAAS/api/2.0/users/admin/",
    )
    assert repr(me) == "<User admin admin>"
    assert repr(bob.users.whoami()) == "<User bob user>"
    assert me.refresh() is me


def test_create_sends_is_superuser_as_1_or_0(fake: FakeMAAS, client: MAASClient) -> None:
    carol = client.users.create(
        "carol", email="carol@example.com", password="pw", is_superuser=True
    )
    assert ("is_superuser", "1") in fake.requests.last.form
    assert carol.is_superuser
    dave = client.users.create("dave", email="dave@example.com", password="pw")
    assert ("is_superuser", "0") in fake.requests.last.form
    assert not dave.is_superuser
    assert client.users.get("dave") == dave


def test_create_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError, match="No provided password!"):
        client.users.create("eve", email="eve@example.com")
    with pytest.raises(ConflictError):
        client.users.create("bob", email="b@example.com", password="pw")
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.users.create("frank", email="f@example.com", password="pw")


def test_users_cannot_be_changed(client: MAASClient) -> None:
    user = client.users.get("admin")
    with pytest.raises(ReadOnlyFieldError):
        user.email = "new@example.com"


def test_delete(fake: FakeMAAS, client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.users.delete("admin")
    with pytest.raises(BadRequestError, match="cannot self-delete"):
        client.users.delete("admin")
    with pytest.raises(NotFoundError, match="No User matches"):
        client.users.delete("bob", transfer_resources_to="nosuch")
    admin = client.users.get("admin")
    client.users.get("bob").delete(transfer_resources_to=admin)
    assert ("transfer_resources_to", "admin") in fake.requests.last.query
    with pytest.raises(NotFoundError):
        client.users.get("bob")
    client.users.delete("nosuch")


@pytest.mark.parametrize("key", ["create", "read", "whoami", "list"])
def test_examples_parse(key: str) -> None:
    raw = example("users.json", key)
    for user in TypeAdapter(list[User]).validate_python(raw if isinstance(raw, list) else [raw]):
        assert user.resource_uri == f"/MAAS/api/2.0/users/{user.username}/"
        assert user.model_extra == {}
