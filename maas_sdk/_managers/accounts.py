"""Accounts and naming managers.

Covers DNS (domains, DNS resources and records), tags, resource pools, users, the account and its
keys, MAAS configuration and events.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._clock import Clock
    from maas_sdk._transport import Transport
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

__all__ = ["AccountsManagers"]


class AccountsManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
    clock: Clock

    @cached_property
    def domains(self) -> Domains:
        """DNS domains (``domains/``)."""
        from maas_sdk.resources.domains import Domains

        return Domains(self.transport)

    @cached_property
    def dns_resources(self) -> DNSResources:
        """DNS resources: names with their addresses and records (``dnsresources/``)."""
        from maas_sdk.resources.dns_resources import DNSResources

        return DNSResources(self.transport)

    @cached_property
    def dns_resource_records(self) -> DNSResourceRecords:
        """DNS resource records: CNAME, MX, NS, SRV, SSHFP, TXT (``dnsresourcerecords/``)."""
        from maas_sdk.resources.dns_resource_records import DNSResourceRecords

        return DNSResourceRecords(self.transport)

    @cached_property
    def tags(self) -> Tags:
        """Tags and the nodes carrying them (``tags/``)."""
        from maas_sdk.resources.tags import Tags

        return Tags(self.transport, clock=self.clock)

    @cached_property
    def resource_pools(self) -> ResourcePools:
        """Resource pools (``resourcepools/``, ``resourcepool/{id}/``)."""
        from maas_sdk.resources.resource_pools import ResourcePools

        return ResourcePools(self.transport)

    @cached_property
    def users(self) -> Users:
        """User accounts (``users/``)."""
        from maas_sdk.resources.users import Users

        return Users(self.transport)

    @cached_property
    def account(self) -> Account:
        """The caller's API keys (``account/``)."""
        from maas_sdk.resources.account import Account

        return Account(self.transport)

    @cached_property
    def ssh_keys(self) -> SSHKeys:
        """The caller's SSH public keys (``account/prefs/sshkeys/``)."""
        from maas_sdk.resources.ssh_keys import SSHKeys

        return SSHKeys(self.transport)

    @cached_property
    def ssl_keys(self) -> SSLKeys:
        """The caller's SSL certificates (``account/prefs/sslkeys/``)."""
        from maas_sdk.resources.ssl_keys import SSLKeys

        return SSLKeys(self.transport)

    @cached_property
    def config(self) -> MAASConfig:
        """The region's settings (``maas/?op=get_config|set_config``)."""
        from maas_sdk.resources.maas_config import MAASConfig

        return MAASConfig(self.transport)

    @cached_property
    def events(self) -> Events:
        """The event log, paged (``events/?op=query``)."""
        from maas_sdk.resources.events import Events

        return Events(self.transport)
