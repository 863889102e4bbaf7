"""The accounts and naming managers declare every operation of their MAAS handlers.

The declarations (``@api_operation``) are read from the manager classes and compared with the
rows of ``operations.tsv`` for the handlers this group covers. The rows are pinned here (CI has
no copy of ``shared/``); where the reference file is present, the pin is checked against it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from maas_sdk import MAASClient
from maas_sdk._operations import Operation
from maas_sdk.resources.account import Account
from maas_sdk.resources.dns_resource_records import DNSResourceRecords
from maas_sdk.resources.dns_resources import DNSResources
from maas_sdk.resources.domains import Domains
from maas_sdk.resources.events import Events
from maas_sdk.resources.maas_config import MAASConfig
from maas_sdk.resources.resource_pools import ResourcePools
from maas_sdk.resources.ssh_keys import SSHKeys
from maas_sdk.resources.ssl_keys import SSLKeys
from maas_sdk.resources.tags import Tags
from maas_sdk.resources.users import Users

OPERATIONS = Path(__file__).resolve().parents[1] / "docs" / "_data" / "operations.tsv"
PREFIX = "/MAAS/api/2.0/"
HANDLERS = {
    "DomainsHandler",
    "DomainHandler",
    "DNSResourcesHandler",
    "DNSResourceHandler",
    "DNSResourceRecordsHandler",
    "DNSResourceRecordHandler",
    "TagsHandler",
    "TagHandler",
    "ResourcePoolsHandler",
    "ResourcePoolHandler",
    "UsersHandler",
    "UserHandler",
    "AccountHandler",
    "SSHKeysHandler",
    "SSHKeyHandler",
    "SSLKeysHandler",
    "SSLKeyHandler",
    "MaasHandler",
    "EventsHandler",
}
EXPECTED = frozenset(
    {
        Operation("GET", "maas/", "get_config"),
        Operation("POST", "maas/", "set_config"),
        Operation("GET", "events/", "query"),
        Operation("GET", "account/", "list_authorisation_tokens"),
        Operation("POST", "account/", "create_authorisation_token"),
        Operation("POST", "account/", "delete_authorisation_token"),
        Operation("POST", "account/", "update_token_name"),
        Operation("DELETE", "account/prefs/sslkeys/{id}/", None),
        Operation("GET", "account/prefs/sslkeys/{id}/", None),
        Operation("GET", "account/prefs/sslkeys/", None),
        Operation("POST", "account/prefs/sslkeys/", None),
        Operation("DELETE", "account/prefs/sshkeys/{id}/", None),
        Operation("GET", "account/prefs/sshkeys/{id}/", None),
        Operation("GET", "account/prefs/sshkeys/", None),
        Operation("POST", "account/prefs/sshkeys/", None),
        Operation("POST", "account/prefs/sshkeys/", "import"),
        Operation("DELETE", "tags/{name}/", None),
        Operation("GET", "tags/{name}/", None),
        Operation("GET", "tags/{name}/", "devices"),
        Operation("GET", "tags/{name}/", "machines"),
        Operation("GET", "tags/{name}/", "nodes"),
        Operation("GET", "tags/{name}/", "rack_controllers"),
        Operation("GET", "tags/{name}/", "region_controllers"),
        Operation("POST", "tags/{name}/", "rebuild"),
        Operation("POST", "tags/{name}/", "update_nodes"),
        Operation("PUT", "tags/{name}/", None),
        Operation("GET", "tags/", None),
        Operation("POST", "tags/", None),
        Operation("GET", "users/", None),
        Operation("GET", "users/", "whoami"),
        Operation("POST", "users/", None),
        Operation("DELETE", "users/{username}/", None),
        Operation("GET", "users/{username}/", None),
        Operation("GET", "dnsresourcerecords/", None),
        Operation("POST", "dnsresourcerecords/", None),
        Operation("DELETE", "dnsresourcerecords/{id}/", None),
        Operation("GET", "dnsresourcerecords/{id}/", None),
        Operation("PUT", "dnsresourcerecords/{id}/", None),
        Operation("GET", "dnsresources/", None),
        Operation("POST", "dnsresources/", None),
        Operation("DELETE", "dnsresources/{id}/", None),
        Operation("GET", "dnsresources/{id}/", None),
        Operation("PUT", "dnsresources/{id}/", None),
        Operation("GET", "domains/", None),
        Operation("POST", "domains/", None),
        Operation("POST", "domains/", "set_serial"),
        Operation("DELETE", "domains/{id}/", None),
        Operation("GET", "domains/{id}/", None),
        Operation("POST", "domains/{id}/", "set_default"),
        Operation("PUT", "domains/{id}/", None),
        Operation("DELETE", "resourcepool/{id}/", None),
        Operation("GET", "resourcepool/{id}/", None),
        Operation("PUT", "resourcepool/{id}/", None),
        Operation("GET", "resourcepools/", None),
        Operation("POST", "resourcepools/", None),
    }
)
"""The rows of ``operations.tsv`` (MAAS 3.7.3) for :data:`HANDLERS`, pinned for CI."""

MANAGERS = (
    Account,
    DNSResourceRecords,
    DNSResources,
    Domains,
    Events,
    MAASConfig,
    ResourcePools,
    SSHKeys,
    SSLKeys,
    Tags,
    Users,
)
ATTRIBUTES = {
    "domains": Domains,
    "dns_resources": DNSResources,
    "dns_resource_records": DNSResourceRecords,
    "tags": Tags,
    "resource_pools": ResourcePools,
    "users": Users,
    "account": Account,
    "ssh_keys": SSHKeys,
    "ssl_keys": SSLKeys,
    "config": MAASConfig,
    "events": Events,
}


def reference_operations() -> set[Operation]:
    with OPERATIONS.open() as table:
        rows = list(csv.DictReader(table, delimiter="\t"))
    return {
        Operation(row["http_method"], row["url_pattern"].removeprefix(PREFIX), row["op"] or None)
        for row in rows
        if row["resource"] in HANDLERS
    }


def declared_operations() -> set[Operation]:
    declared: set[Operation] = set()
    for manager in MANAGERS:
        for member in vars(manager).values():
            declared.update(getattr(member, "__maas_operations__", ()))
    return declared


def test_every_operation_of_the_group_is_declared() -> None:
    assert len(EXPECTED) == 55
    assert declared_operations() == EXPECTED


@pytest.mark.skipif(not OPERATIONS.exists(), reason="no copy of shared/maas-api here")
def test_the_pin_matches_the_reference() -> None:
    assert reference_operations() == EXPECTED


def test_the_client_exposes_each_manager(maas_client: MAASClient) -> None:
    for attribute, manager in ATTRIBUTES.items():
        value = getattr(maas_client, attribute)
        assert isinstance(value, manager)
        assert getattr(maas_client, attribute) is value
        assert repr(value).startswith("<")
