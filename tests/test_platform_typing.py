"""Static types of the platform managers, checked by mypy and run against the fake.

Every ``assert_type`` here is verified by ``mypy --strict`` (it fails the type check if the SDK
ever returns ``Any`` or a wider type) and executed against the fake at run time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, assert_type

from maas_sdk import MAASClient
from maas_sdk.resources.boot_resources import BootResource
from maas_sdk.resources.boot_sources import BootSource, BootSourceSelection, BootSourceSelections
from maas_sdk.resources.commissioning_scripts import CommissioningScript
from maas_sdk.resources.dhcp_snippets import DHCPSnippet
from maas_sdk.resources.files import StoredFile
from maas_sdk.resources.license_keys import LicenseKey
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.notifications import Notification
from maas_sdk.resources.package_repositories import PackageRepository
from maas_sdk.resources.scripts import Script
from maas_sdk.resources.virtual_machines import VirtualMachine
from maas_sdk.resources.vm_clusters import VMCluster
from maas_sdk.resources.vm_hosts import VMHost
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._vmhost_state import add_vm_cluster


def test_vm_types(maas_client: MAASClient, maas_fake: FakeMAAS) -> None:
    client = maas_client
    host = assert_type(client.vm_hosts.create("lxd", "10.1.1.1:8443"), VMHost)
    assert_type(client.vm_hosts.list(), list[VMHost])
    assert_type(client.pods.get(host.id), VMHost)
    assert_type(client.vm_hosts.update(host.id, name="h"), VMHost)
    assert_type(host.rediscover(), VMHost)
    assert_type(host.power_parameters(), dict[str, Any])
    assert_type(host.add_tag("t"), VMHost)
    assert_type(host.remove_tag("t"), VMHost)
    machine = assert_type(host.compose(skip_commissioning=True), Machine)
    assert_type(client.vm_hosts.compose(host.id, cores=1, skip_commissioning=True), Machine)
    vm = assert_type(client.virtual_machines.list()[0], VirtualMachine)
    assert_type(client.virtual_machines.get(vm.id).cores, int)
    cluster_id = add_vm_cluster(maas_fake, "c", hosts=1)
    cluster = assert_type(client.vm_clusters.get(cluster_id), VMCluster)
    assert_type(client.vm_clusters.list(), list[VMCluster])
    assert_type(client.vm_clusters.update(cluster.id, name="c2"), VMCluster)
    assert_type(cluster.delete(), None)
    assert_type(client.vm_hosts.delete(host.id, decompose=True), None)
    assert machine.system_id


def test_image_types(maas_client: MAASClient) -> None:
    client = maas_client
    assert_type(client.boot_resources.list(type="synced"), list[BootResource])
    resource = assert_type(
        client.boot_resources.create("custom/a", "amd64/generic", b"x"), BootResource
    )
    assert_type(client.boot_resources.get(resource.id).complete, bool | None)
    assert_type(client.boot_resources.is_importing(), bool)
    assert_type(client.boot_resources.start_import(), None)
    assert_type(client.boot_resources.stop_import(), None)
    assert_type(client.boot_resources.delete(resource.id), None)
    source = assert_type(client.boot_sources.list()[0], BootSource)
    assert_type(source.selections, BootSourceSelections)
    selection = assert_type(source.selections.create("ubuntu", "noble"), BootSourceSelection)
    assert_type(source.selections.update(selection.id, arches=["amd64"]), BootSourceSelection)
    assert_type(client.boot_sources.selections(source.id).get(selection.id), BootSourceSelection)
    assert_type(selection.delete(), None)
    assert_type(client.boot_sources.update(source.id, url="http://m.example/"), BootSource)


def test_file_and_script_types(maas_client: MAASClient) -> None:
    client = maas_client
    assert_type(client.files.add("f", b"x"), None)
    assert_type(client.files.list(prefix="f"), list[StoredFile])
    assert_type(client.files.get("f"), bytes)
    assert_type(client.files.read("f").content, bytes | None)
    script = assert_type(client.scripts.create("s", "#!/bin/sh\n"), Script)
    assert_type(script.timeout, timedelta | None)
    assert_type(client.scripts.download("s"), bytes)
    assert_type(client.scripts.update("s", title="t"), Script)
    assert_type(script.add_tag("x"), Script)
    assert_type(client.commissioning_scripts.list(), list[str])
    assert_type(client.commissioning_scripts.create("c", b"#!/bin/sh\n"), CommissioningScript)
    assert_type(client.commissioning_scripts.get("c"), bytes)


def test_settings_types(maas_client: MAASClient) -> None:
    client = maas_client
    note = assert_type(client.notifications.create("m", admins=True), Notification)
    assert_type(note.text, str)
    assert_type(client.notifications.dismiss(note.id), None)
    repo = assert_type(client.package_repositories.list()[0], PackageRepository)
    assert_type(client.package_repositories.get(repo.id), PackageRepository)
    key = client.license_keys.create("windows", "win2019", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY")
    assert_type(key, LicenseKey)
    assert_type(client.license_keys.get("windows", "win2019"), LicenseKey)
    snippet = assert_type(client.dhcp_snippets.create("n", "v"), DHCPSnippet)
    assert_type(client.dhcp_snippets.revert(snippet.id, 0), DHCPSnippet)
