"""client.account through the fake MAAS: API tokens, their names, and secrets kept out of reprs."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import AuthenticationError, NotFoundError
from maas_sdk.resources.account import Account, AuthorisationToken
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=19, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.account, Account)
    assert client.account is client.account


def test_list_tokens_holds_the_callers_key(fake: FakeMAAS, client: MAASClient) -> None:
    [token] = client.account.list_tokens()
    assert token.name == "MAAS consumer"
    assert str(token.api_key) == str(client.api_key)
    assert token.api_key == client.api_key
    assert token.model_extra == {}


def test_create_token_gives_a_working_key(fake: FakeMAAS, client: MAASClient) -> None:
    token = client.account.create_token("ci")
    assert token.name == "ci"
    with MAASClient(fake.url, token.api_key, handler=fake.handle, clock=fake.clock) as other:
        assert other.whoami().username == "admin"
    assert token in client.account.list_tokens()
    assert client.account.create_token().name == "MAAS consumer"


def test_secrets_never_show(client: MAASClient) -> None:
    token = client.account.create_token("ci")
    secret = token.token_secret.get_secret_value()
    assert len(secret) == 32
    for text in (
        repr(token),
        str(token),
        token.model_dump_json(),
        repr(client.account.list_tokens()),
    ):
        assert secret not in text
    assert repr(token) == f"<AuthorisationToken 'ci' {token.consumer_key}:{token.token_key}:***>"
    restored = pickle.loads(pickle.dumps(token))
    assert restored == token


def test_rename_and_save(client: MAASClient) -> None:
    token = client.account.create_token("old")
    assert token.rename("renamed") is token
    assert token.name == "renamed"
    token.name = "saved"
    token.save()
    assert token.changes == {}
    names = {t.token_key: t.name for t in client.account.list_tokens()}
    assert names[token.token_key] == "saved"
    client.account.update_token_name(str(token.api_key.token_key), "by-key")
    full = ":".join([token.consumer_key, token.token_key, token.token_secret.get_secret_value()])
    client.account.update_token_name(full, "by-full-key")
    names = {t.token_key: t.name for t in client.account.list_tokens()}
    assert names[token.token_key] == "by-full-key"


def test_delete_token_revokes_it(fake: FakeMAAS, client: MAASClient) -> None:
    token = client.account.create_token("temp")
    other = MAASClient(fake.url, token.api_key, handler=fake.handle, clock=fake.clock)
    token.delete()
    with pytest.raises(AuthenticationError, match="Invalid API key"):
        other.whoami()
    other.close()
    with pytest.raises(NotFoundError, match="No Token matches the given query"):
        client.account.delete_token(token)
    with pytest.raises(NotFoundError):
        client.account.update_token_name("nosuch", "x")


def test_examples_parse() -> None:
    created = TypeAdapter(AuthorisationToken).validate_python(
        example("account.json", "account-create-token")
    )
    assert created.token_secret.get_secret_value()
    listed = TypeAdapter(list[AuthorisationToken]).validate_python(
        example("account.json", "account-list-tokens")
    )
    assert all(token.model_extra == {} for token in listed)
    assert all(token.token_secret.get_secret_value() not in repr(token) for token in listed)
