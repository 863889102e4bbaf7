"""client.domains through the fake MAAS: CRUD, set_default, set_serial, change tracking."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import (
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
    UnboundResourceError,
)
from maas_sdk.resources import common
from maas_sdk.resources.domains import Domain, Domains
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=5, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def last_form(fake: FakeMAAS) -> list[tuple[str, str]]:
    return list(fake.requests.last.form)


def test_the_manager_is_a_cached_client_attribute(client: MAASClient) -> None:
    assert isinstance(client.domains, Domains)
    assert client.domains is client.domains
    assert repr(client.domains) == "<Domains manager>"


def test_list_and_get_by_id_or_name(client: MAASClient) -> None:
    [maas] = client.domains.list()
    assert isinstance(maas, Domain)
    assert (maas.id, maas.name, maas.is_default, maas.authoritative) == (0, "maas", True, True)
    assert maas.resource_uri == "/MAAS/api/2.0/domains/0/"
    assert client.domains.get("maas") == maas
    assert client.domains.get(0).name == "maas"
    assert client.domains.get_default() == maas
    assert repr(maas) == "<Domain 0 maas default>"


def test_a_domain_is_the_nested_domain_model_too(client: MAASClient) -> None:
    domain = client.domains.get(0)
    assert isinstance(domain, common.Domain)
    assert client.domains.get(common.Domain(id=0, name="maas")) == domain


def test_create_sends_authoritative_as_true_false(fake: FakeMAAS, client: MAASClient) -> None:
    domain = client.domains.create(
        "example.com", authoritative=False, ttl=300, forward_dns_servers=["10.0.0.2", "10.0.0.3"]
    )
    assert (domain.name, domain.authoritative, domain.ttl, domain.is_default) == (
        "example.com",
        False,
        300,
        False,
    )
    assert ("authoritative", "false") in last_form(fake)
    assert ("forward_dns_servers", "10.0.0.2 10.0.0.3") in last_form(fake)
    assert client.domains.create("other.com").authoritative is True


def test_create_refusals(client: MAASClient, bob: MAASClient) -> None:
    client.domains.create("example.com")
    with pytest.raises(BadRequestError) as duplicate:
        client.domains.create("example.com")
    assert duplicate.value.field_errors == {"name": ["Domain with this Name already exists."]}
    with pytest.raises(BadRequestError) as bad:
        client.domains.create("bad_name!")
    assert bad.value.field_errors["name"][0] == "Domain name contains invalid characters."
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.domains.create("bob.com")


def test_update_and_save_send_only_the_changes(fake: FakeMAAS, client: MAASClient) -> None:
    domain = client.domains.create("example.com", ttl=60)
    updated = client.domains.update(domain, authoritative=False)
    assert updated.authoritative is False
    assert last_form(fake) == [("authoritative", "false")]

    domain = client.domains.get("example.com")
    domain.name = "example.org"
    domain.ttl = None
    assert domain.changes == {"name": "example.org", "ttl": None}
    assert domain.save() is domain
    assert (domain.name, domain.ttl) == ("example.org", None)
    assert domain.changes == {}
    assert sorted(last_form(fake)) == [("name", "example.org"), ("ttl", "")]
    served = len(fake.requests)
    assert domain.save() is domain
    assert len(fake.requests) == served


def test_read_only_fields_cannot_be_assigned(client: MAASClient) -> None:
    domain = client.domains.get(0)
    with pytest.raises(ReadOnlyFieldError):
        domain.is_default = False


def test_set_default_updates_in_place(client: MAASClient) -> None:
    domain = client.domains.create("example.com")
    assert domain.set_default() is domain
    assert domain.is_default is True
    assert client.domains.get(0).is_default is False
    assert client.domains.get_default() == domain


def test_refresh_and_delete(client: MAASClient) -> None:
    domain = client.domains.create("example.com")
    client.domains.update("example.com", ttl=10)
    assert domain.refresh().ttl == 10
    domain.delete()
    with pytest.raises(NotFoundError, match="No Domain matches the given query"):
        client.domains.get("example.com")


def test_deleting_the_default_domain_is_refused(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError, match="default domain, it cannot be deleted"):
        client.domains.delete(0)
    with pytest.raises(PermissionDeniedError):
        bob.domains.delete(0)


def test_set_serial(fake: FakeMAAS, client: MAASClient, bob: MAASClient) -> None:
    assert client.domains.set_serial(42) is None
    assert fake.store.config["dns_serial"] == 42
    with pytest.raises(ValueError, match="between 1 and 4294967295"):
        client.domains.set_serial(0)
    with pytest.raises(ValueError, match="between 1 and"):
        client.domains.set_serial(2**32)
    with pytest.raises(PermissionDeniedError):
        bob.domains.set_serial(43)


def test_an_unbound_domain_has_no_actions() -> None:
    domain = Domain(id=3, name="x")
    with pytest.raises(UnboundResourceError):
        domain.refresh()


@pytest.mark.parametrize(
    "key", ["domains-read", "domains-create", "domains-read-by-id", "domains-update"]
)
def test_examples_parse(key: str) -> None:
    raw = example("domains.json", key)
    items = raw if isinstance(raw, list) else [raw]
    for item in TypeAdapter(list[Domain]).validate_python(items):
        assert item.resource_uri == f"/MAAS/api/2.0/domains/{item.id}/"
        assert item.model_extra == {}


def test_version_drift_absent_keys_parse() -> None:
    domain = TypeAdapter(Domain).validate_json(b'{"id": 4, "name": "d", "new_field": 1}')
    assert (domain.ttl, domain.is_default, domain.resource_uri) == (None, False, "")
    assert domain.model_extra == {"new_field": 1}
