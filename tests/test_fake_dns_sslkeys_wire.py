"""The fake's DNS resource, DNS record and SSL key routes on the wire: statuses, types, keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import trustme
from fake_http import T_NO_CHARSET, Api, H, J, T, answer, hashed, loopback

from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    fake = FakeMAAS(seed=37, strict=True)
    fake.add_user("bob")
    return fake


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def test_dnsresource_shapes(fake: FakeMAAS, api: Api) -> None:
    api.post("domains/", data={"name": "example.com"})
    created = api.post(
        "dnsresources/", data={"fqdn": "www.example.com", "ip_addresses": "10.0.0.1"}
    )
    assert (created.status_code, created.headers["Content-Type"], hashed(created)) == (200, J, True)
    body = created.json()
    assert list(body) == [
        "address_ttl",
        "fqdn",
        "resource_records",
        "id",
        "ip_addresses",
        "resource_uri",
    ]
    assert body["ip_addresses"][0]["alloc_type_name"] == "User reserved"
    record = api.post(
        "dnsresourcerecords/", data={"rrtype": "TXT", "rrdata": "x", "fqdn": "www.example.com"}
    ).json()
    assert list(record) == ["ttl", "rrtype", "rrdata", "fqdn", "id", "resource_uri"]
    listed = api.get("dnsresources/").json()
    assert listed[0]["resource_records"] == [record]
    assert answer(api.get("dnsresources/99999/")) == (
        404,
        T_NO_CHARSET,
        "No DNSResource matches the given query.",
    )
    assert answer(api.get("dnsresourcerecords/99999/")) == (
        404,
        T_NO_CHARSET,
        "No DNSData matches the given query.",
    )
    deleted = api.delete(f"dnsresources/{body['id']}/")
    assert (deleted.status_code, deleted.text) == (204, "")


def test_dns_refusals(fake: FakeMAAS, api: Api) -> None:
    bob = api.as_user(fake.api_key("bob"))
    assert answer(api.post("dnsresources/", data={"name": "x"}, auth=bob)) == (
        403,
        T,
        "This method is reserved for admin users.",
    )
    assert answer(api.post("dnsresourcerecords/", data={"rrdata": "x"})) == (
        400,
        T,
        "rrtype must be provided.",
    )
    assert answer(api.post("dnsresourcerecords/", data={"rrtype": "TXT"})) == (
        400,
        T,
        "rrdata must be provided.",
    )
    missing = api.post("dnsresources/", data={})
    assert (missing.status_code, missing.headers["Content-Type"]) == (400, J)
    assert missing.json() == {
        "name": ["This field is required."],
        "domain": ["This field is required."],
    }
    resource = api.post("dnsresources/", data={"name": "www", "domain": "0"}).json()
    assert answer(
        api.put(f"dnsresources/{resource['id']}/", data={"address_ttl": "3"}, auth=bob)
    ) == (
        403,
        T,
        "",
    )


def test_sslkey_shapes(fake: FakeMAAS, api: Api) -> None:
    pem = trustme.CA().cert_pem.bytes().decode()
    created = api.post("account/prefs/sslkeys/", data={"key": pem})
    assert (created.status_code, created.headers["Content-Type"], hashed(created)) == (201, J, True)
    assert list(created.json()) == ["key", "id"]
    key_id = created.json()["id"]
    assert list(api.get("account/prefs/sslkeys/").json()[0]) == ["key", "id", "resource_uri"]
    bob = api.as_user(fake.api_key("bob"))
    refused = api.get(f"account/prefs/sslkeys/{key_id}/", auth=bob)
    assert answer(refused) == (403, H, "Can't get a key you don't own.")
    assert hashed(refused)
    refused = api.delete(f"account/prefs/sslkeys/{key_id}/", auth=bob)
    assert answer(refused) == (403, T, "Can't delete a key you don't own.")
    invalid = api.post("account/prefs/sslkeys/", data={"key": "nope"})
    assert (invalid.status_code, invalid.json()) == (400, {"key": ["Invalid SSL key."]})
    assert answer(api.get("account/prefs/sslkeys/99/")) == (
        404,
        T_NO_CHARSET,
        "No SSLKey matches the given query.",
    )
