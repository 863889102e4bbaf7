"""MAAS's captured answers for the platform resources parse into their models.

Each example is validated from its JSON bytes, the way the managers decode answers, and must
leave no unknown key behind at the top level (every field MAAS sends is declared).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter

from maas_sdk.enums import NodeType
from maas_sdk.resources.boot_resources import BootResource, BootResourceType
from maas_sdk.resources.boot_sources import BootSource, BootSourceSelection
from maas_sdk.resources.dhcp_snippets import DHCPSnippet
from maas_sdk.resources.notifications import Notification, NotificationCategory
from maas_sdk.resources.package_repositories import PackageRepository
from maas_sdk.resources.scripts import HardwareType, Script, ScriptParallel, ScriptType
from maas_sdk.resources.virtual_machines import VirtualMachine
from maas_sdk.resources.vm_clusters import VMCluster
from maas_sdk.resources.vm_hosts import ComposedMachine, VMHost, VMHostType

EXAMPLES = Path(__file__).resolve().parent / "data" / "maas-examples"

CASES: list[tuple[str, str, type[BaseModel]]] = [
    *(
        (name, key, VMHost)
        for name in ("vm-hosts.json", "pods.json")
        for key in (
            "read-vmhosts",
            "add-tag",
            "remove-tag",
            "create",
            "refresh-vmhost",
            "update-vmhost",
        )
    ),
    ("vm-hosts.json", "compose", ComposedMachine),
    ("pods.json", "compose", ComposedMachine),
    ("vm-clusters.json", "read-vmclusters", VMCluster),
    ("vm-clusters.json", "read-vmcluster", VMCluster),
    ("boot-resources.json", "boot-res-read", BootResource),
    ("boot-resources.json", "boot-res-create", BootResource),
    ("boot-resources.json", "boot-res-read-by-id", BootResource),
    ("boot-sources.json", "boot-sources-read", BootSource),
    ("boot-sources.json", "boot-sources-read-by-id", BootSource),
    ("boot-sources.json", "boot-sources-create", BootSource),
    ("boot-sources.json", "boot-sources-update", BootSource),
    ("boot-sources.json", "boot-source-sel-read-by-id", BootSourceSelection),
    ("boot-sources.json", "boot-source-sel-create", BootSourceSelection),
    ("boot-sources.json", "boot-source-sel-update", BootSourceSelection),
    ("dhcp-snippets.json", "dhcp-snippets-read", DHCPSnippet),
    ("dhcp-snippets.json", "dhcp-snippets-read-by-id", DHCPSnippet),
    ("dhcp-snippets.json", "dhcp-snippets-create", DHCPSnippet),
    ("dhcp-snippets.json", "dhcp-snippets-update", DHCPSnippet),
    ("dhcp-snippets.json", "dhcp-snippets-revert", DHCPSnippet),
    ("notifications.json", "notifications-read", Notification),
    ("notifications.json", "notifications-create", Notification),
    ("notifications.json", "notifications-read-by-id", Notification),
    ("notifications.json", "notifications-update", Notification),
    ("package-repositories.json", "pkg-repos-read", PackageRepository),
    ("package-repositories.json", "pkg-repos-read-by-id", PackageRepository),
    ("package-repositories.json", "pkg-repos-create", PackageRepository),
    ("package-repositories.json", "pkg-repos-update", PackageRepository),
    ("scripts.json", "scripts-read", Script),
    ("scripts.json", "scripts-create", Script),
    ("scripts.json", "scripts-read-by-name", Script),
    ("scripts.json", "scripts-update", Script),
    ("scripts.json", "scripts-revert", Script),
    ("scripts.json", "scripts-add-tag", Script),
    ("scripts.json", "scripts-remove-tag", Script),
]


def _example(name: str, key: str) -> Any:
    return json.loads((EXAMPLES / name).read_text())[key]


def _parse(model: type[BaseModel], value: Any) -> list[BaseModel]:
    items = value if isinstance(value, list) else [value]
    adapter = TypeAdapter(list[model])  # type: ignore[valid-type]
    parsed: list[BaseModel] = adapter.validate_json(json.dumps(items))
    return parsed


@pytest.mark.parametrize(("name", "key", "model"), CASES, ids=[f"{n}:{k}" for n, k, _ in CASES])
def test_example_parses_with_every_key_declared(
    name: str, key: str, model: type[BaseModel]
) -> None:
    for parsed in _parse(model, _example(name, key)):
        assert parsed.model_extra == {}, f"undeclared keys: {sorted(parsed.model_extra or {})}"


def test_vm_host_example_values() -> None:
    (host,) = _parse(VMHost, _example("vm-hosts.json", "read-vmhosts"))
    assert isinstance(host, VMHost)
    assert host.type is VMHostType.VIRSH
    assert host.name == "proud-cat"
    assert (host.total.cores, host.used.memory, host.available.local_storage) == (
        17,
        13312,
        89994823853,
    )
    assert [pool.default for pool in host.storage_pools] == [True, False, False]
    assert host.host is not None
    assert host.host.incomplete
    assert host.host.system_id is None
    assert host.zone is not None
    assert host.zone.name == "default"
    parameters = _example("vm-hosts.json", "parameters")
    assert (
        TypeAdapter(dict[str, Any])
        .validate_python(parameters)["power_address"]
        .startswith("qemu+ssh://")
    )


def test_vm_cluster_example_uses_the_older_storage_key() -> None:
    (cluster,) = _parse(VMCluster, _example("vm-clusters.json", "read-vmcluster"))
    assert isinstance(cluster, VMCluster)
    assert cluster.total.storage == 4096
    assert cluster.total.local_storage is None
    assert (cluster.vmhost_count, cluster.vm_count, cluster.version) == (3, 5, "4.17")


def test_virtual_machine_as_maas_tests_render_it() -> None:
    vm = VirtualMachine.model_validate_json(
        json.dumps(
            {
                "id": 3,
                "identifier": "vm-3",
                "bmc_id": 1,
                "project": "default",
                "hugepages_backed": True,
                "machine_id": None,
                "memory": 1024,
                "pinned_cores": [],
                "resource_uri": "/MAAS/api/2.0/virtual-machines/3",
                "unpinned_cores": 4,
            }
        )
    )
    assert vm.cores == 4
    assert vm.model_extra == {}


def test_boot_resource_example_values() -> None:
    resource = BootResource.model_validate_json(
        json.dumps(_example("boot-resources.json", "boot-res-read-by-id"))
    )
    assert resource.type is BootResourceType.UPLOADED
    assert resource.sets is not None
    assert resource.complete is False
    file = resource.sets["20181203"].files["root-tgz"]
    assert file.progress == 0
    assert file.upload_uri == "/MAAS/api/2.0/boot-resources/7/upload/18/"


def test_boot_source_dates_are_naive_server_time() -> None:
    source = BootSource.model_validate_json(
        json.dumps(_example("boot-sources.json", "boot-sources-read-by-id"))
    )
    assert source.created == datetime(2018, 12, 4, 18, 11, 31, 894000)


def test_script_example_values() -> None:
    script = Script.model_validate_json(
        json.dumps(_example("scripts.json", "scripts-read-by-name"))
    )
    assert (script.type, script.hardware_type, script.parallel) == (
        ScriptType.TESTING,
        HardwareType.STORAGE,
        ScriptParallel.INSTANCE,
    )
    assert script.timeout == timedelta(0)
    assert script.history[0].created == datetime(2018, 12, 6, 20, 41, 47)
    long_one = _parse(Script, _example("scripts.json", "scripts-read"))[1]
    assert isinstance(long_one, Script)
    assert long_one.timeout == timedelta(hours=12)


def test_script_timeouts_of_a_day_or_more_parse() -> None:
    script = Script.model_validate({"id": 1, "name": "x", "timeout": "2 days, 1:00:00"})
    assert script.timeout == timedelta(days=2, hours=1)
    assert Script.model_validate({"id": 1, "name": "x", "timeout": "soon"}).timeout is None


def test_dhcp_snippet_example_values() -> None:
    snippets = _parse(DHCPSnippet, _example("dhcp-snippets.json", "dhcp-snippets-read"))
    third = snippets[2]
    assert isinstance(third, DHCPSnippet)
    assert third.subnet is not None
    assert third.subnet.cidr == "172.16.1.0/24"
    assert third.history[0].created is not None
    with_node = DHCPSnippet.model_validate_json(
        json.dumps(_example("dhcp-snippets.json", "dhcp-snippets-read-by-id"))
    )
    assert with_node.node is not None
    assert with_node.node.hostname == "free-orca"
    assert with_node.node.node_type is NodeType.DEVICE


def test_notification_example_values() -> None:
    notes = _parse(Notification, _example("notifications.json", "notifications-read"))
    personal = notes[2]
    assert isinstance(personal, Notification)
    assert personal.user is not None
    assert personal.user.username == "admin"
    assert personal.category is NotificationCategory.INFO
    assert personal.text.startswith("Greetings, Admin!")
    unknown = Notification.model_validate({"id": 1, "category": "critical"})
    assert unknown.category == "critical"
    assert not unknown.category.is_known
