"""The platform managers declare every operation of their MAAS handlers but the justified six.

The declarations (``@api_operation``) are read from the manager classes and compared with the
rows of ``operations.tsv`` for the handlers this group covers. The rows are pinned here (a clean
clone has no copy of ``shared/``); where the reference file is present, the pin is checked
against it. Every public method of a platform model either is plumbing or delegates to a
manager method of the same name.
"""

from __future__ import annotations

import csv
import inspect
from pathlib import Path

import pytest

from maas_sdk import MAASClient
from maas_sdk._operations import Operation
from maas_sdk.resources.boot_resources import BootResource, BootResources
from maas_sdk.resources.boot_sources import (
    BootSource,
    BootSources,
    BootSourceSelection,
    BootSourceSelections,
)
from maas_sdk.resources.commissioning_scripts import CommissioningScripts
from maas_sdk.resources.dhcp_snippets import DHCPSnippet, DHCPSnippets
from maas_sdk.resources.files import Files, StoredFile
from maas_sdk.resources.license_keys import LicenseKey, LicenseKeys
from maas_sdk.resources.notifications import Notification, Notifications
from maas_sdk.resources.package_repositories import PackageRepositories, PackageRepository
from maas_sdk.resources.scripts import Script, Scripts
from maas_sdk.resources.virtual_machines import VirtualMachine, VirtualMachines
from maas_sdk.resources.vm_clusters import VMCluster, VMClusters
from maas_sdk.resources.vm_hosts import Pods, VMHost, VMHosts

OPERATIONS = Path(__file__).resolve().parents[1] / "docs" / "_data" / "operations.tsv"
PREFIX = "/MAAS/api/2.0/"
HANDLERS = {
    "VmHostsHandler",
    "VmHostHandler",
    "PodsHandler",
    "PodHandler",
    "VirtualMachinesHandler",
    "VirtualMachineHandler",
    "VmClustersHandler",
    "VmClusterHandler",
    "BootResourcesHandler",
    "BootResourceHandler",
    "BootResourceFileUploadHandler",
    "BootSourcesHandler",
    "BootSourceHandler",
    "BootSourceSelectionsHandler",
    "BootSourceSelectionHandler",
    "FilesHandler",
    "FileHandler",
    "NodeScriptsHandler",
    "NodeScriptHandler",
    "CommissioningScriptsHandler",
    "CommissioningScriptHandler",
    "NotificationsHandler",
    "NotificationHandler",
    "PackageRepositoriesHandler",
    "PackageRepositoryHandler",
    "LicenseKeysHandler",
    "LicenseKeyHandler",
    "DHCPSnippetsHandler",
    "DHCPSnippetHandler",
    "ImagesSyncProgressHandler",
    "ImageSyncProgressHandler",
}
EXPECTED = frozenset(
    {
        Operation("GET", "boot-resources/", None),
        Operation("GET", "boot-resources/", "is_importing"),
        Operation("POST", "boot-resources/", None),
        Operation("POST", "boot-resources/", "import"),
        Operation("POST", "boot-resources/", "stop_import"),
        Operation("DELETE", "boot-resources/{id}/", None),
        Operation("GET", "boot-resources/{id}/", None),
        Operation("GET", "boot-sources/", None),
        Operation("POST", "boot-sources/", None),
        Operation("GET", "boot-sources/{boot_source_id}/selections/", None),
        Operation("POST", "boot-sources/{boot_source_id}/selections/", None),
        Operation("DELETE", "boot-sources/{boot_source_id}/selections/{id}/", None),
        Operation("GET", "boot-sources/{boot_source_id}/selections/{id}/", None),
        Operation("PUT", "boot-sources/{boot_source_id}/selections/{id}/", None),
        Operation("DELETE", "boot-sources/{id}/", None),
        Operation("GET", "boot-sources/{id}/", None),
        Operation("PUT", "boot-sources/{id}/", None),
        Operation("GET", "commissioning-scripts/", None),
        Operation("POST", "commissioning-scripts/", None),
        Operation("DELETE", "commissioning-scripts/{name}", None),
        Operation("GET", "commissioning-scripts/{name}", None),
        Operation("PUT", "commissioning-scripts/{name}", None),
        Operation("GET", "dhcp-snippets/", None),
        Operation("POST", "dhcp-snippets/", None),
        Operation("DELETE", "dhcp-snippets/{id}/", None),
        Operation("GET", "dhcp-snippets/{id}/", None),
        Operation("POST", "dhcp-snippets/{id}/", "revert"),
        Operation("PUT", "dhcp-snippets/{id}/", None),
        Operation("DELETE", "files/", None),
        Operation("GET", "files/", None),
        Operation("GET", "files/", "get"),
        Operation("GET", "files/", "get_by_key"),
        Operation("POST", "files/", None),
        Operation("DELETE", "files/{filename}/", None),
        Operation("GET", "files/{filename}/", None),
        Operation("DELETE", "license-key/{osystem}/{distro_series}", None),
        Operation("GET", "license-key/{osystem}/{distro_series}", None),
        Operation("PUT", "license-key/{osystem}/{distro_series}", None),
        Operation("GET", "license-keys/", None),
        Operation("POST", "license-keys/", None),
        Operation("GET", "notifications/", None),
        Operation("POST", "notifications/", None),
        Operation("DELETE", "notifications/{id}/", None),
        Operation("GET", "notifications/{id}/", None),
        Operation("POST", "notifications/{id}/", "dismiss"),
        Operation("PUT", "notifications/{id}/", None),
        Operation("GET", "package-repositories/", None),
        Operation("POST", "package-repositories/", None),
        Operation("DELETE", "package-repositories/{id}/", None),
        Operation("GET", "package-repositories/{id}/", None),
        Operation("PUT", "package-repositories/{id}/", None),
        Operation("GET", "pods/", None),
        Operation("POST", "pods/", None),
        Operation("DELETE", "pods/{id}/", None),
        Operation("GET", "pods/{id}/", None),
        Operation("GET", "pods/{id}/", "parameters"),
        Operation("POST", "pods/{id}/", "add_tag"),
        Operation("POST", "pods/{id}/", "compose"),
        Operation("POST", "pods/{id}/", "refresh"),
        Operation("POST", "pods/{id}/", "remove_tag"),
        Operation("PUT", "pods/{id}/", None),
        Operation("GET", "scripts/", None),
        Operation("POST", "scripts/", None),
        Operation("DELETE", "scripts/{name}", None),
        Operation("GET", "scripts/{name}", None),
        Operation("GET", "scripts/{name}", "download"),
        Operation("POST", "scripts/{name}", "add_tag"),
        Operation("POST", "scripts/{name}", "remove_tag"),
        Operation("POST", "scripts/{name}", "revert"),
        Operation("PUT", "scripts/{name}", None),
        Operation("GET", "virtual-machines/", None),
        Operation("GET", "virtual-machines/{id}", None),
        Operation("GET", "vm-clusters/", None),
        Operation("DELETE", "vm-clusters/{id}", None),
        Operation("GET", "vm-clusters/{id}", None),
        Operation("PUT", "vm-clusters/{id}", None),
        Operation("GET", "vm-hosts/", None),
        Operation("POST", "vm-hosts/", None),
        Operation("DELETE", "vm-hosts/{id}/", None),
        Operation("GET", "vm-hosts/{id}/", None),
        Operation("GET", "vm-hosts/{id}/", "parameters"),
        Operation("POST", "vm-hosts/{id}/", "add_tag"),
        Operation("POST", "vm-hosts/{id}/", "compose"),
        Operation("POST", "vm-hosts/{id}/", "refresh"),
        Operation("POST", "vm-hosts/{id}/", "remove_tag"),
        Operation("PUT", "vm-hosts/{id}/", None),
    }
)
"""The rows of ``operations.tsv`` (MAAS 3.7.3) for :data:`HANDLERS` the SDK covers."""

LEFT_OUT = {
    Operation("PUT", "boot-resources/{id}/upload/{file_id}/", None): (
        "hidden CLI helper taking a raw (non-form) request body, which the transport cannot send"
    ),
    Operation("POST", "virtual-machines/", None): (
        "hidden handler with no creation form behind it; VMs are composed on their VM host"
    ),
    Operation("GET", "images-sync-progress/", None): "internal (region-to-region image sync)",
    Operation("POST", "images-sync-progress/", None): "internal (region-to-region image sync)",
    Operation("GET", "images-sync-progress/{file_id}/{system_id}/", None): "internal",
    Operation("PUT", "images-sync-progress/{file_id}/{system_id}/", None): "internal",
}
"""The group's operations the SDK does not offer, with the reason."""

MANAGERS = (
    VMHosts,
    VirtualMachines,
    VMClusters,
    BootResources,
    BootSources,
    BootSourceSelections,
    Files,
    Scripts,
    CommissioningScripts,
    Notifications,
    PackageRepositories,
    LicenseKeys,
    DHCPSnippets,
)
ATTRIBUTES = {
    "vm_hosts": VMHosts,
    "pods": Pods,
    "virtual_machines": VirtualMachines,
    "vm_clusters": VMClusters,
    "boot_resources": BootResources,
    "boot_sources": BootSources,
    "files": Files,
    "scripts": Scripts,
    "commissioning_scripts": CommissioningScripts,
    "notifications": Notifications,
    "package_repositories": PackageRepositories,
    "license_keys": LicenseKeys,
    "dhcp_snippets": DHCPSnippets,
}
MODELS: dict[type, type] = {
    VMHost: VMHosts,
    VirtualMachine: VirtualMachines,
    VMCluster: VMClusters,
    BootResource: BootResources,
    BootSource: BootSources,
    BootSourceSelection: BootSourceSelections,
    StoredFile: Files,
    Script: Scripts,
    Notification: Notifications,
    PackageRepository: PackageRepositories,
    LicenseKey: LicenseKeys,
    DHCPSnippet: DHCPSnippets,
}
PLUMBING = {"refresh", "save", "discard_changes", "wait_for"}
RENAMED: dict[tuple[type, str], str] = {(StoredFile, "download"): "get"}


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
    assert len(EXPECTED) == 86
    assert declared_operations() == EXPECTED
    assert not EXPECTED & set(LEFT_OUT)


@pytest.mark.skipif(not OPERATIONS.exists(), reason="no copy of shared/maas-api here")
def test_the_pin_matches_the_reference() -> None:
    assert reference_operations() == EXPECTED | set(LEFT_OUT)


def test_the_client_exposes_each_manager(maas_client: MAASClient) -> None:
    for attribute, manager in ATTRIBUTES.items():
        value = getattr(maas_client, attribute)
        assert type(value) is manager
        assert getattr(maas_client, attribute) is value
        assert repr(value).startswith("<")
        assert "Transport" not in repr(value)


@pytest.mark.parametrize("model", list(MODELS), ids=lambda model: model.__name__)
def test_bound_methods_delegate_to_a_manager_method(model: type) -> None:
    manager = MODELS[model]
    for name, member in vars(model).items():
        if name.startswith("_") or not inspect.isfunction(member) or name in PLUMBING:
            continue
        target = RENAMED.get((model, name), name)
        assert callable(getattr(manager, target, None)), f"{model.__name__}.{name}"
        source = inspect.getsource(member)
        assert f".{target}(" in source, f"{model.__name__}.{name} does not call {target}"
