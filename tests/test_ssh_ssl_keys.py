"""client.ssh_keys and client.ssl_keys through the fake MAAS."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
import trustme
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.ssh_keys import SSHKey, SSHKeys
from maas_sdk.resources.ssl_keys import SSLKey, SSLKeys
from maas_sdk.testing import FakeMAAS


def ed25519_key(seed: int, comment: str = "me@host") -> str:
    blob = len(b"ssh-ed25519").to_bytes(4, "big") + b"ssh-ed25519"
    blob += (32).to_bytes(4, "big") + bytes([seed]) * 32
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment}"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=23, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


@pytest.fixture(scope="module")
def certificates() -> list[str]:
    return [trustme.CA().cert_pem.bytes().decode() for _ in range(2)]


# --- SSH keys ---------------------------------------------------------------------------------


def test_ssh_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.ssh_keys, SSHKeys)
    assert client.ssh_keys is client.ssh_keys


def test_ssh_create_list_get_delete(client: MAASClient) -> None:
    created = client.ssh_keys.create(ed25519_key(1, "alice@laptop"))
    assert created.keysource is None
    assert created.resource_uri == ""
    assert (created.key_type, created.comment) == ("ssh-ed25519", "alice@laptop")
    assert repr(created).startswith(f"<SSHKey {created.id} ssh-ed25519 ...")
    [listed] = client.ssh_keys.list()
    assert listed == created
    assert (listed.keysource, listed.resource_uri) == (
        "",
        f"/MAAS/api/2.0/account/prefs/sshkeys/{created.id}/",
    )
    assert created.refresh().keysource == ""
    created.delete()
    assert client.ssh_keys.list() == []
    with pytest.raises(NotFoundError, match="No SSHKey matches the given query"):
        client.ssh_keys.get(created.id)


def test_ssh_admin_adds_for_another_user(client: MAASClient, bob: MAASClient) -> None:
    key = client.ssh_keys.create(ed25519_key(2), user="bob")
    assert bob.ssh_keys.list() == [key]
    assert client.ssh_keys.list() == []


def test_ssh_refusals(client: MAASClient, bob: MAASClient) -> None:
    key = client.ssh_keys.create(ed25519_key(3))
    with pytest.raises(BadRequestError) as duplicate:
        client.ssh_keys.create(ed25519_key(3))
    assert duplicate.value.field_errors == {
        "__all__": ["This key has already been added for this user."]
    }
    with pytest.raises(BadRequestError) as invalid:
        client.ssh_keys.create("ssh-ed25519 notbase64")
    assert "key" in invalid.value.field_errors
    assert bob.ssh_keys.get(key.id) == key
    with pytest.raises(PermissionDeniedError, match="Can't delete a key you don't own"):
        bob.ssh_keys.delete(key.id)


def test_ssh_import(fake: FakeMAAS, client: MAASClient) -> None:
    fake.add_ssh_key_source("gh:alice", [ed25519_key(4), ed25519_key(5)])
    imported = client.ssh_keys.import_keys("gh:alice")
    assert [key.keysource for key in imported] == ["gh:alice", "gh:alice"]
    assert client.ssh_keys.list() == imported
    assert client.ssh_keys.import_keys("gh:alice") == imported
    with pytest.raises(BadRequestError) as protocol:
        client.ssh_keys.import_keys("xx:alice")
    assert protocol.value.field_errors == {"protocol": ["Value 'xx' is not a valid choice."]}
    with pytest.raises(BadRequestError, match="no SSH keys for launchpad user nobody"):
        client.ssh_keys.import_keys("nobody")


@pytest.mark.parametrize(
    "key", ["ssh-keys-list", "ssh-keys-create", "ssh-keys-import", "ssh-keys-get"]
)
def test_ssh_examples_parse(key: str) -> None:
    raw = example("account.json", key)
    for parsed in TypeAdapter(list[SSHKey]).validate_python(
        raw if isinstance(raw, list) else [raw]
    ):
        assert parsed.key_type == "ssh-rsa"
        assert parsed.model_extra == {}


# --- SSL keys ---------------------------------------------------------------------------------


def test_ssl_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.ssl_keys, SSLKeys)
    assert client.ssl_keys is client.ssl_keys


def test_ssl_create_list_get_delete(client: MAASClient, certificates: list[str]) -> None:
    created = client.ssl_keys.create(certificates[0].encode())
    assert created.key == certificates[0]
    assert created.resource_uri == ""
    assert "BEGIN" not in repr(created)
    second = client.ssl_keys.create(certificates[1])
    assert client.ssl_keys.list() == [created, second]
    fetched = client.ssl_keys.get(created.id)
    assert fetched.resource_uri == f"/MAAS/api/2.0/account/prefs/sslkeys/{created.id}/"
    assert created.refresh() is created
    created.delete()
    assert client.ssl_keys.list() == [second]
    with pytest.raises(NotFoundError, match="No SSLKey matches the given query"):
        client.ssl_keys.delete(created.id)


def test_ssl_refusals(client: MAASClient, bob: MAASClient, certificates: list[str]) -> None:
    key = client.ssl_keys.create(certificates[0])
    with pytest.raises(BadRequestError) as duplicate:
        client.ssl_keys.create(certificates[0])
    assert duplicate.value.field_errors == {
        "key": ["This key has already been added for this user."]
    }
    with pytest.raises(BadRequestError) as invalid:
        client.ssl_keys.create("not a certificate")
    assert invalid.value.field_errors == {"key": ["Invalid SSL key."]}
    assert bob.ssl_keys.list() == []
    with pytest.raises(PermissionDeniedError, match="Can't get a key you don't own"):
        bob.ssl_keys.get(key.id)
    with pytest.raises(PermissionDeniedError, match="Can't delete a key you don't own"):
        bob.ssl_keys.delete(key.id)
    assert bob.ssl_keys.create(certificates[0]).key == certificates[0]


@pytest.mark.parametrize("key", ["ssl-keys-list", "ssl-keys-create", "ssl-keys-get"])
def test_ssl_examples_parse(key: str) -> None:
    raw = example("account.json", key)
    for parsed in TypeAdapter(list[SSLKey]).validate_python(
        raw if isinstance(raw, list) else [raw]
    ):
        assert parsed.id
        assert parsed.model_extra == {}
