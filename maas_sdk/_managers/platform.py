"""Platform managers.

Covers VM hosts, virtual machines, VM clusters, boot resources and sources, files, scripts,
notifications, package repositories, license keys and DHCP snippets.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._clock import Clock
    from maas_sdk._transport import Transport
    from maas_sdk.resources.boot_resources import BootResources
    from maas_sdk.resources.boot_sources import BootSources
    from maas_sdk.resources.commissioning_scripts import CommissioningScripts
    from maas_sdk.resources.dhcp_snippets import DHCPSnippets
    from maas_sdk.resources.files import Files
    from maas_sdk.resources.license_keys import LicenseKeys
    from maas_sdk.resources.notifications import Notifications
    from maas_sdk.resources.package_repositories import PackageRepositories
    from maas_sdk.resources.scripts import Scripts
    from maas_sdk.resources.virtual_machines import VirtualMachines
    from maas_sdk.resources.vm_clusters import VMClusters
    from maas_sdk.resources.vm_hosts import Pods, VMHosts

__all__ = ["PlatformManagers"]


class PlatformManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
    clock: Clock

    @cached_property
    def vm_hosts(self) -> VMHosts:
        """VM hosts (LXD, virsh): list, add, compose VMs (``vm-hosts/``)."""
        from maas_sdk.resources.vm_hosts import VMHosts

        return VMHosts(self.transport, clock=self.clock)

    @cached_property
    def pods(self) -> Pods:
        """VM hosts through the deprecated ``pods/`` URLs (only for MAAS before 2.8)."""
        from maas_sdk.resources.vm_hosts import Pods

        return Pods(self.transport, clock=self.clock)

    @cached_property
    def virtual_machines(self) -> VirtualMachines:
        """Virtual machines of the VM hosts, read-only (``virtual-machines/``)."""
        from maas_sdk.resources.virtual_machines import VirtualMachines

        return VirtualMachines(self.transport)

    @cached_property
    def vm_clusters(self) -> VMClusters:
        """Clusters of LXD VM hosts (``vm-clusters/``)."""
        from maas_sdk.resources.vm_clusters import VMClusters

        return VMClusters(self.transport)

    @cached_property
    def boot_resources(self) -> BootResources:
        """Boot images: list, upload, import (``boot-resources/``)."""
        from maas_sdk.resources.boot_resources import BootResources

        return BootResources(self.transport, clock=self.clock)

    @cached_property
    def boot_sources(self) -> BootSources:
        """Where images are imported from, with their selections (``boot-sources/``)."""
        from maas_sdk.resources.boot_sources import BootSources

        return BootSources(self.transport)

    @cached_property
    def files(self) -> Files:
        """The caller's file store (``files/``)."""
        from maas_sdk.resources.files import Files

        return Files(self.transport)

    @cached_property
    def scripts(self) -> Scripts:
        """Commissioning, testing and release scripts (``scripts/``)."""
        from maas_sdk.resources.scripts import Scripts

        return Scripts(self.transport)

    @cached_property
    def commissioning_scripts(self) -> CommissioningScripts:
        """Commissioning scripts through the deprecated ``commissioning-scripts/`` API."""
        from maas_sdk.resources.commissioning_scripts import CommissioningScripts

        return CommissioningScripts(self.transport)

    @cached_property
    def notifications(self) -> Notifications:
        """UI notifications (``notifications/``)."""
        from maas_sdk.resources.notifications import Notifications

        return Notifications(self.transport)

    @cached_property
    def package_repositories(self) -> PackageRepositories:
        """APT repositories of deployed machines (``package-repositories/``)."""
        from maas_sdk.resources.package_repositories import PackageRepositories

        return PackageRepositories(self.transport)

    @cached_property
    def license_keys(self) -> LicenseKeys:
        """OS license keys (``license-keys/``)."""
        from maas_sdk.resources.license_keys import LicenseKeys

        return LicenseKeys(self.transport)

    @cached_property
    def dhcp_snippets(self) -> DHCPSnippets:
        """DHCP configuration snippets (``dhcp-snippets/``)."""
        from maas_sdk.resources.dhcp_snippets import DHCPSnippets

        return DHCPSnippets(self.transport)
