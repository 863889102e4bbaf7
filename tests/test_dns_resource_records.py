"""client.dns_resource_records through the fake MAAS: types, validation, CNAME rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.dns_resource_records import (
    DNSResourceRecord,
    DNSResourceRecords,
    RRType,
)
from maas_sdk.resources.domains import Domain
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=8, strict=True)


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
    assert isinstance(client.dns_resource_records, DNSResourceRecords)
    assert client.dns_resource_records is client.dns_resource_records


def test_create_creates_the_resource_and_uppercases_the_type(
    client: MAASClient, domain: Domain
) -> None:
    record = client.dns_resource_records.create(
        rrtype="cname", rrdata="www.example.com", fqdn="web.example.com", ttl=90
    )
    assert (record.rrtype, record.rrdata, record.fqdn, record.ttl) == (
        RRType.CNAME,
        "www.example.com",
        "web.example.com",
        90,
    )
    assert record.resource_uri == f"/MAAS/api/2.0/dnsresourcerecords/{record.id}/"
    [resource] = client.dns_resources.list(name="web")
    assert [r.id for r in resource.resource_records] == [record.id]
    assert (
        repr(record) == f"<DNSResourceRecord {record.id} web.example.com CNAME 'www.example.com'>"
    )


def test_every_supported_type(client: MAASClient, domain: Domain) -> None:
    records = [
        ("MX", "10 mail.example.com"),
        ("NS", "ns1.example.com"),
        ("TXT", "anything at all"),
        ("SSHFP", "1 1 0123456789abcdef"),
    ]
    for rrtype, rrdata in records:
        client.dns_resource_records.create(rrtype=rrtype, rrdata=rrdata, name="@", domain=domain)
    srv = client.dns_resource_records.create(
        rrtype=RRType.SRV, rrdata="0 5 5060 sip.example.com", name="_sip._tcp", domain=domain
    )
    assert srv.fqdn == "_sip._tcp.example.com"
    listed = client.dns_resource_records.list(domain="example.com")
    assert sorted(r.rrtype for r in listed) == ["MX", "NS", "SRV", "SSHFP", "TXT"]


def test_list_filters(client: MAASClient, domain: Domain) -> None:
    client.domains.create("other.org")
    txt = client.dns_resource_records.create(rrtype="TXT", rrdata="a", name="x", domain=domain)
    mx = client.dns_resource_records.create(
        rrtype="MX", rrdata="1 m.example.com", fqdn="x.example.com"
    )
    other = client.dns_resource_records.create(
        rrtype="TXT", rrdata="b", name="x", domain="other.org"
    )
    assert client.dns_resource_records.list() == [txt, mx, other]
    assert client.dns_resource_records.list(domain=domain) == [txt, mx]
    assert client.dns_resource_records.list(fqdn="x.other.org") == [other]
    assert client.dns_resource_records.list(rrtype=RRType.TXT) == [txt, other]
    assert client.dns_resource_records.list(rrtype="txt") == []
    assert client.dns_resource_records.list(name="x", domain="other.org") == [other]


def test_update_and_save(fake: FakeMAAS, client: MAASClient, domain: Domain) -> None:
    record = client.dns_resource_records.create(
        rrtype="TXT", rrdata="one", name="t", domain=domain, ttl=5
    )
    record.rrdata = "two"
    record.ttl = None
    record.save()
    assert (record.rrdata, record.ttl) == ("two", None)
    assert sorted(fake.requests.last.form) == [("rrdata", "two"), ("ttl", "")]
    updated = client.dns_resource_records.update(record.id, rrtype="MX", rrdata="5 mx.example.com")
    assert updated.rrtype is RRType.MX
    assert record.refresh().rrtype is RRType.MX


def test_validation_messages(client: MAASClient, domain: Domain) -> None:
    cases = {
        ("CNAME", "not a name!"): {"__all__": ["Invalid CNAME: Should be '<server>'."]},
        ("MX", "mail.example.com"): {
            "__all__": [
                "Invalid MX: Should be '<preference> <server>'. Range for preference is 0-65535."
            ]
        },
        ("NS", "bad_host!"): {"__all__": ["Domain name contains invalid characters."]},
        ("SSHFP", "x"): {
            "__all__": ["Invalid SSHFP: Should be '<algorithm> <fptype> <fingerprint>'."]
        },
        ("FOO", "x"): {"rrtype": ["FOO is not one of CNAME MX NS SRV SSHFP TXT."]},
    }
    for (rrtype, rrdata), errors in cases.items():
        with pytest.raises(BadRequestError) as refused:
            client.dns_resource_records.create(
                rrtype=rrtype, rrdata=rrdata, name="v", domain=domain
            )
        assert refused.value.field_errors == errors
    assert client.dns_resources.list(name="v") == []


def test_cname_rules(client: MAASClient, domain: Domain) -> None:
    client.dns_resource_records.create(
        rrtype="CNAME", rrdata="a.example.com", name="c", domain=domain
    )
    with pytest.raises(BadRequestError) as second:
        client.dns_resource_records.create(
            rrtype="CNAME", rrdata="b.example.com", name="c", domain=domain
        )
    assert second.value.field_errors == {
        "__all__": ["Only one CNAME can be associated with a name."]
    }
    with pytest.raises(BadRequestError, match="cannot coexist"):
        client.dns_resource_records.create(rrtype="TXT", rrdata="t", name="c", domain=domain)
    client.dns_resources.create(name="addr", domain=domain, ip_addresses="10.0.0.9")
    with pytest.raises(BadRequestError, match="cannot coexist"):
        client.dns_resource_records.create(
            rrtype="CNAME", rrdata="x.example.com", name="addr", domain=domain
        )


def test_missing_parameters(client: MAASClient, domain: Domain) -> None:
    with pytest.raises(BadRequestError, match="Either name and domain"):
        client.dns_resource_records.create(rrtype="TXT", rrdata="t", name="n")
    with pytest.raises(NotFoundError, match="No Domain matches"):
        client.dns_resource_records.create(rrtype="TXT", rrdata="t", name="n", domain="nosuch.org")


def test_deleting_the_last_record_deletes_the_resource(client: MAASClient, domain: Domain) -> None:
    record = client.dns_resource_records.create(
        rrtype="TXT", rrdata="t", name="gone", domain=domain
    )
    keep = client.dns_resources.create(name="kept", domain=domain, ip_addresses="10.0.0.3")
    kept_record = client.dns_resource_records.create(
        rrtype="TXT", rrdata="t", name="kept", domain=domain
    )
    record.delete()
    assert client.dns_resources.list(name="gone") == []
    with pytest.raises(NotFoundError, match="No DNSData matches the given query"):
        client.dns_resource_records.get(record.id)
    client.dns_resource_records.delete(kept_record.id)
    assert client.dns_resources.list(name="kept") == [keep]


def test_non_admin_refusals(client: MAASClient, bob: MAASClient, domain: Domain) -> None:
    record = client.dns_resource_records.create(rrtype="TXT", rrdata="t", name="n", domain=domain)
    assert bob.dns_resource_records.get(record.id) == record
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.dns_resource_records.create(rrtype="TXT", rrdata="t", name="b", domain=domain)
    with pytest.raises(PermissionDeniedError):
        bob.dns_resource_records.update(record.id, rrdata="u")
    with pytest.raises(PermissionDeniedError):
        bob.dns_resource_records.delete(record.id)


@pytest.mark.parametrize(
    "key",
    [
        "dnsresourcerecords-read",
        "dnsresourcerecords-create",
        "dnsresourcerecords-read-by-id",
        "dnsresourcerecords-update",
    ],
)
def test_examples_parse(key: str) -> None:
    raw = example("dnsresourcerecords.json", key)
    for record in TypeAdapter(list[DNSResourceRecord]).validate_python(
        raw if isinstance(raw, list) else [raw]
    ):
        assert record.rrtype in (RRType.CNAME, RRType.TXT)
        assert record.model_extra == {}


def test_unknown_record_types_parse() -> None:
    record = TypeAdapter(DNSResourceRecord).validate_json(b'{"id": 1, "rrtype": "CAA"}')
    assert record.rrtype == "CAA"
    assert not record.rrtype.is_known
