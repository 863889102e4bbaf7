"""client.dns_resources through the fake MAAS: names, addresses, records, refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.enums import IPAllocType
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.dns_resource_records import RRType
from maas_sdk.resources.dns_resources import DNSResource, DNSResources
from maas_sdk.resources.domains import Domain
from maas_sdk.resources.subnets import Subnets
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=7, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


@pytest.fixture
def domain(client: MAASClient) -> Domain:
    return client.domains.create("example.com")


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.dns_resources, DNSResources)
    assert client.dns_resources is client.dns_resources


def test_create_by_name_and_domain_with_addresses(
    fake: FakeMAAS, client: MAASClient, domain: Domain
) -> None:
    resource = client.dns_resources.create(
        name="www", domain=domain, address_ttl=120, ip_addresses=["10.0.0.5", "10.0.0.6"]
    )
    assert (resource.fqdn, resource.address_ttl) == ("www.example.com", 120)
    assert resource.addresses == ["10.0.0.5", "10.0.0.6"]
    first = (resource.ip_addresses or [])[0]
    assert first.alloc_type is IPAllocType.USER_RESERVED
    assert first.owner is not None
    assert first.owner.username == "admin"
    assert first.subnet is None
    assert resource.resource_records == []
    assert resource.resource_uri == f"/MAAS/api/2.0/dnsresources/{resource.id}/"
    assert ("ip_addresses", "10.0.0.5 10.0.0.6") in fake.requests.last.form
    assert ("domain", str(domain.id)) in fake.requests.last.form
    assert client.domains.get(domain.id).resource_record_count == 2
    assert repr(resource) == f"<DNSResource {resource.id} www.example.com>"


def reserved_ips(client: MAASClient) -> list[str]:
    return [item["ip"] for item in client.transport.get("ipaddresses/").json()]


def test_addresses_in_a_known_subnet_are_reserved_there(client: MAASClient) -> None:
    Subnets(client.transport).create("10.9.0.0/24")
    resource = client.dns_resources.create(fqdn="db.maas", ip_addresses="10.9.0.7")
    address = (resource.ip_addresses or [])[0]
    assert address.subnet is not None
    assert (address.ip, address.subnet.cidr) == ("10.9.0.7", "10.9.0.0/24")
    assert resource.fqdn == "db.maas"
    assert reserved_ips(client) == ["10.9.0.7"]
    resource.delete()
    assert reserved_ips(client) == []


def test_create_by_fqdn_and_at_name(client: MAASClient, domain: Domain) -> None:
    apex = client.dns_resources.create(fqdn="example.com", ip_addresses="10.0.0.1")
    assert apex.fqdn == "example.com"
    api = client.dns_resources.create(fqdn="api.example.com")
    assert api.fqdn == "api.example.com"
    assert api.addresses == []


def test_list_filters(client: MAASClient, domain: Domain) -> None:
    client.domains.create("other.org")
    www = client.dns_resources.create(name="www", domain="example.com")
    mail = client.dns_resources.create(name="mail", domain="example.com")
    other = client.dns_resources.create(name="www", domain="other.org")
    client.dns_resource_records.create(
        rrtype="TXT", rrdata="v=spf1 -all", name="mail", domain=domain
    )
    assert client.dns_resources.list() == [mail, www, other]
    assert client.dns_resources.list(domain=domain) == [mail, www]
    assert client.dns_resources.list(name="www") == [www, other]
    assert client.dns_resources.list(fqdn="www.other.org") == [other]
    assert client.dns_resources.list(rrtype=RRType.TXT) == [mail]
    assert client.dns_resources.list(rrtype="txt", include_implicit=True) == [mail]
    with pytest.raises(NotFoundError, match="No Domain matches"):
        client.dns_resources.list(domain="nosuch.example")


def test_records_appear_in_their_resource(client: MAASClient, domain: Domain) -> None:
    resource = client.dns_resources.create(name="mail", domain=domain)
    client.dns_resource_records.create(rrtype="TXT", rrdata="hello", fqdn="mail.example.com")
    client.dns_resource_records.create(
        rrtype="MX", rrdata="10 mx.example.com", fqdn="mail.example.com"
    )
    resource.refresh()
    assert [record.rrtype for record in resource.resource_records] == [RRType.MX, RRType.TXT]
    assert resource.resource_records[0].fqdn == "mail.example.com"
    assert client.domains.get(domain.id).resource_record_count == 2


def test_update_save_and_set_addresses(fake: FakeMAAS, client: MAASClient, domain: Domain) -> None:
    resource = client.dns_resources.create(name="www", domain=domain, address_ttl=60)
    resource.address_ttl = None
    resource.save()
    assert resource.address_ttl is None
    assert ("address_ttl", "") in fake.requests.last.form
    resource.set_addresses(["10.1.0.1"])
    assert resource.addresses == ["10.1.0.1"]
    resource.fqdn = "web.example.com"
    assert resource.save().fqdn == "web.example.com"
    renamed = client.dns_resources.update(resource.id, name="site")
    assert renamed.fqdn == "site.example.com"


def test_delete_releases_the_addresses(fake: FakeMAAS, client: MAASClient, domain: Domain) -> None:
    resource = client.dns_resources.create(name="www", domain=domain, ip_addresses="10.2.0.1")
    resource.delete()
    with pytest.raises(NotFoundError, match="No DNSResource matches the given query"):
        client.dns_resources.get(resource.id)
    assert client.domains.get(domain.id).resource_record_count == 0


def test_refusals(client: MAASClient, bob: MAASClient, domain: Domain) -> None:
    resource = client.dns_resources.create(name="www", domain=domain)
    with pytest.raises(BadRequestError) as duplicate:
        client.dns_resources.create(name="www", domain=domain)
    assert duplicate.value.field_errors == {"__all__": ["Labels must be unique within their zone."]}
    with pytest.raises(BadRequestError) as missing:
        client.dns_resources.create(name="x")
    assert missing.value.field_errors == {"domain": ["This field is required."]}
    with pytest.raises(BadRequestError) as bad_name:
        client.dns_resources.create(name="bad_name", domain=domain, ip_addresses="10.0.0.1")
    assert bad_name.value.field_errors == {"__all__": ["Invalid dnsresource name: bad_name."]}
    with pytest.raises(BadRequestError) as bad_ttl:
        client.dns_resources.create(name="ttl", domain=domain, address_ttl=-1)
    assert "address_ttl" in bad_ttl.value.field_errors
    with pytest.raises(NotFoundError):
        client.dns_resources.create(name="x", domain="nosuch.example")
    with pytest.raises(NotFoundError):
        client.dns_resources.get(99999)
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.dns_resources.create(name="bob", domain=domain)
    with pytest.raises(PermissionDeniedError):
        bob.dns_resources.update(resource.id, address_ttl=5)
    with pytest.raises(PermissionDeniedError):
        bob.dns_resources.delete(resource.id)
    assert bob.dns_resources.get(resource.id) == resource


@pytest.mark.parametrize(
    "key",
    ["dnsresources-read", "dnsresources-create", "dnsresources-read-by-id", "dnsresources-update"],
)
def test_examples_parse(key: str) -> None:
    raw = example("dnsresources.json", key)
    for resource in TypeAdapter(list[DNSResource]).validate_python(
        raw if isinstance(raw, list) else [raw]
    ):
        assert resource.fqdn
        assert resource.model_extra == {}


def test_implicit_node_resource_parses() -> None:
    [implicit] = TypeAdapter(list[DNSResource]).validate_python(
        example("dnsresources.json", "dnsresources-read")
    )
    assert implicit.is_implicit
    assert implicit.ip_addresses is None
    assert implicit.addresses == []
    record = implicit.resource_records[0]
    assert (record.system_id, record.rrtype, record.rrdata) == ("ydpcwh", RRType.A, "172.16.2.111")
    assert record.id is None


def test_deleting_a_domain_drops_its_resources_in_the_fake(client: MAASClient) -> None:
    domain = client.domains.create("temp.example")
    client.dns_resources.create(name="www", domain=domain)
    client.dns_resource_records.create(rrtype="TXT", rrdata="t", name="txt", domain=domain)
    domain.delete()
    assert client.dns_resources.list() == []
    assert client.dns_resource_records.list() == []
