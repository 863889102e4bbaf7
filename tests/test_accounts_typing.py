"""Static types of the accounts and naming managers, checked by mypy and run against the fake.

Every ``assert_type`` here is verified by ``mypy --strict`` (it fails the type check if the SDK
ever returns ``Any`` or a wider type) and executed against the fake at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, assert_type

import trustme

from maas_sdk import MAASClient
from maas_sdk._credentials import APIKey
from maas_sdk.enums import StorageLayout
from maas_sdk.resources.account import AuthorisationToken
from maas_sdk.resources.dns_resource_records import DNSResourceRecord
from maas_sdk.resources.dns_resources import DNSResource
from maas_sdk.resources.domains import Domain
from maas_sdk.resources.events import Event, EventPage
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.resource_pools import ResourcePool
from maas_sdk.resources.ssh_keys import SSHKey
from maas_sdk.resources.ssl_keys import SSLKey
from maas_sdk.resources.tags import Tag, TaggedNode, TagNodesUpdate
from maas_sdk.resources.users import User
from maas_sdk.testing import FakeMAAS


def test_public_methods_have_precise_types(maas_client: MAASClient, maas_fake: FakeMAAS) -> None:
    client = maas_client
    maas_fake.seed_machines(1)

    domain = assert_type(client.domains.create("example.com", ttl=30), Domain)
    assert_type(client.domains.list(), list[Domain])
    assert_type(client.domains.get("example.com"), Domain)
    assert_type(client.domains.update(domain, authoritative=True), Domain)
    assert_type(domain.set_default(), Domain)
    assert_type(client.domains.set_serial(10), None)

    resource = assert_type(client.dns_resources.create(name="www", domain=domain), DNSResource)
    assert_type(client.dns_resources.list(domain=domain), list[DNSResource])
    assert_type(resource.addresses, list[str])
    record = assert_type(
        client.dns_resource_records.create(rrtype="TXT", rrdata="x", name="www", domain=domain),
        DNSResourceRecord,
    )
    assert_type(client.dns_resource_records.list(), list[DNSResourceRecord])
    assert_type(record.save(), DNSResourceRecord)

    tag = assert_type(client.tags.create("typed"), Tag)
    assert_type(tag.update_nodes(add=[]), TagNodesUpdate)
    assert_type(tag.machines(), list[Machine])
    assert_type(tag.nodes(), list[TaggedNode])
    assert_type(tag.rebuild(), str)

    assert_type(client.resource_pools.create("typed"), ResourcePool)
    assert_type(client.users.whoami(), User)
    assert_type(client.users.list(), list[User])

    token = assert_type(client.account.create_token("typed"), AuthorisationToken)
    assert_type(token.api_key, APIKey)
    assert_type(client.account.list_tokens(), list[AuthorisationToken])

    assert_type(client.ssh_keys.list(), list[SSHKey])
    assert_type(client.ssl_keys.create(trustme.CA().cert_pem.bytes()), SSLKey)

    assert_type(client.config.get("maas_name"), Any)
    assert_type(client.config.maas_name.get(), str)
    assert_type(client.config.ntp_servers.get(), list[str])
    assert_type(client.config.kernel_opts.get(), str | None)
    assert_type(client.config.default_dns_ttl.get(), int)
    assert_type(client.config.enable_analytics.get(), bool)
    assert_type(client.config.default_storage_layout.get(), StorageLayout)

    assert_type(client.events.query(limit=1), EventPage)
    assert_type(client.events.iterate(), Iterator[Event])
