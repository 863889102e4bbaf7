"""VM hosts (and their ``pods/`` alias), composing VMs, virtual machines and VM clusters.

Every operation runs through the real client against the fake MAAS.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import (
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
    ServiceUnavailableError,
    WaitTimeoutError,
)
from maas_sdk.resources.virtual_machines import VirtualMachine
from maas_sdk.resources.vm_clusters import VMCluster
from maas_sdk.resources.vm_hosts import VMHost, VMHostType
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._vmhost_state import add_vm_cluster, add_vm_host


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=5, strict=True)


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
def host(client: MAASClient) -> VMHost:
    return client.vm_hosts.create(VMHostType.LXD, "10.0.0.5:8443", name="kvm-1", zone="default")


# -- VM hosts ---------------------------------------------------------------------------------


def test_a_new_region_has_no_vm_hosts(client: MAASClient) -> None:
    assert client.vm_hosts.list() == []
    assert client.pods.list() == []


def test_create_discovers_the_host(client: MAASClient) -> None:
    host = client.vm_hosts.create(
        "virsh", "qemu+ssh://ubuntu@10.0.0.9/system", power_pass="pw", tags=["kvm", "rack-1"]
    )
    assert host.type is VMHostType.VIRSH
    assert host.name
    assert host.tags == ["kvm", "rack-1", "pod-console-logging"]
    assert host.total.cores == 16
    assert host.available.memory == host.total.memory
    assert "composable" in host.capabilities
    assert host.storage_pools[0].default
    assert host.zone is not None
    assert host.zone.name == "default"
    assert host.pool is not None
    assert host.pool.name == "default"
    assert host.host is not None
    assert host.host.system_id is None
    assert host.host.incomplete
    assert host.resource_uri == f"/MAAS/api/2.0/vm-hosts/{host.id}/"
    assert repr(host) == f"<VMHost {host.id} {host.name} virsh>"
    assert client.vm_hosts.list() == [host]


def test_create_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError) as missing:
        client.vm_hosts.create("lxd", "")
    assert missing.value.field_errors == {"power_address": ["This field is required."]}
    with pytest.raises(BadRequestError) as bad_type:
        client.vm_hosts.create("vmware", "x")
    assert bad_type.value.field_errors["type"] == [
        "Select a valid choice. vmware is not one of the available choices."
    ]
    with pytest.raises(BadRequestError) as bad_zone:
        client.vm_hosts.create("lxd", "10.0.0.1", zone="nowhere")
    assert "zone" in bad_zone.value.field_errors
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.vm_hosts.create("lxd", "10.0.0.1")


def test_duplicate_host_is_refused(client: MAASClient, host: VMHost) -> None:
    with pytest.raises(BadRequestError, match="with type and parameters already exist"):
        client.vm_hosts.create("lxd", "10.0.0.5:8443")


def test_get_and_refresh(client: MAASClient, bob: MAASClient, host: VMHost) -> None:
    assert client.vm_hosts.get(host.id) == host
    seen_by_bob = bob.vm_hosts.get(host.id)
    assert seen_by_bob.name == "kvm-1"
    client.vm_hosts.update(host.id, name="kvm-renamed")
    assert host.refresh().name == "kvm-renamed"
    with pytest.raises(NotFoundError) as missing:
        client.vm_hosts.get(999)
    assert missing.value.message == "Not Found"


def test_save_sends_changed_fields(client: MAASClient, host: VMHost) -> None:
    client.resource_pools.create("compute")
    host.name = "kvm-2"
    host.cpu_over_commit_ratio = 2.5
    host.tags = ["gpu"]
    host.pool = client.resource_pools.get("compute")
    assert host.save() is host
    again = client.vm_hosts.get(host.id)
    assert again.name == "kvm-2"
    assert again.cpu_over_commit_ratio == 2.5
    assert again.tags == ["gpu", "pod-console-logging"]
    assert again.pool is not None
    assert again.pool.name == "compute"
    with pytest.raises(ReadOnlyFieldError):
        host.version = "6"


def test_update_validates(client: MAASClient, host: VMHost) -> None:
    with pytest.raises(BadRequestError) as ratio:
        client.vm_hosts.update(host.id, memory_over_commit_ratio=11)
    assert ratio.value.field_errors == {
        "memory_over_commit_ratio": ["Ensure this value is less than or equal to 10."]
    }
    with pytest.raises(BadRequestError) as mode:
        client.vm_hosts.update(host.id, default_macvlan_mode="loud")
    assert "default_macvlan_mode" in mode.value.field_errors
    updated = client.vm_hosts.update(
        host.id, default_macvlan_mode="bridge", default_storage_pool="default"
    )
    assert updated.default_macvlan_mode == "bridge"
    updated.default_macvlan_mode = None
    assert updated.save().default_macvlan_mode is None


def test_power_parameters_rediscover_and_tags(
    client: MAASClient, bob: MAASClient, host: VMHost
) -> None:
    parameters = host.power_parameters()
    assert parameters["power_address"] == "10.0.0.5:8443"
    assert parameters["project"] == "default"
    assert host.rediscover() is host
    assert host.add_tag("fast").tags[-1] == "fast"
    assert "fast" not in host.remove_tag("fast").tags
    with pytest.raises(BadRequestError, match='Tag may not contain a ","'):
        host.add_tag("a,b")
    with pytest.raises(PermissionDeniedError):
        bob.vm_hosts.power_parameters(host.id)
    with pytest.raises(PermissionDeniedError):
        bob.vm_hosts.rediscover(host.id)


def test_delete(client: MAASClient, bob: MAASClient, host: VMHost) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.vm_hosts.delete(host.id)
    host.delete()
    assert client.vm_hosts.list() == []


def test_pods_alias_addresses_the_same_hosts(client: MAASClient, host: VMHost) -> None:
    through_pods = client.pods.get(host.id)
    assert through_pods == host
    assert through_pods.resource_uri == f"/MAAS/api/2.0/pods/{host.id}/"
    assert through_pods.add_tag("old-api").tags[-1] == "old-api"
    assert client.vm_hosts.get(host.id).tags[-1] == "old-api"
    assert repr(client.pods) == "<Pods manager>"
    created = client.pods.create("lxd", "10.9.9.9:8443", name="legacy")
    assert created.resource_uri.startswith("/MAAS/api/2.0/pods/")
    client.pods.delete(created.id)
    assert [h.name for h in client.vm_hosts.list()] == ["kvm-1"]


# -- composing --------------------------------------------------------------------------------


def test_compose_returns_the_commissioning_machine(client: MAASClient, host: VMHost) -> None:
    machine = host.compose(cores=2, memory=4096, storage=["root:20(ssd)", "data:50"])
    assert machine.status is NodeStatus.COMMISSIONING
    assert machine.cpu_count == 2
    assert machine.memory == 4096
    assert machine.power_type == "lxd"
    assert sorted(d.size for d in machine.blockdevice_set) == [20_000_000_000, 50_000_000_000]
    used = host.refresh().used
    assert (used.cores, used.memory, used.local_storage) == (2, 4096, 70_000_000_000)


def test_compose_waits_until_ready(client: MAASClient, host: VMHost) -> None:
    progress: list[NodeStatus] = []
    machine = client.vm_hosts.compose(
        host.id, hostname="vm-1", wait=True, on_progress=lambda m: progress.append(m.status)
    )
    assert machine.status is NodeStatus.READY
    assert machine.hostname == "vm-1"
    assert progress
    assert progress[-1] is NodeStatus.READY


def test_compose_wait_times_out(host: VMHost) -> None:
    with pytest.raises(WaitTimeoutError):
        host.compose(wait=True, timeout=1, poll_interval=0.5)


def test_compose_without_commissioning(client: MAASClient, host: VMHost) -> None:
    zone = client.zones.create("rack-2")
    machine = host.compose(skip_commissioning=True, zone=zone, domain=0, pool=0)
    assert machine.status is NodeStatus.READY
    assert machine.zone.name == "rack-2"


def test_compose_refusals(client: MAASClient, bob: MAASClient, host: VMHost) -> None:
    with pytest.raises(BadRequestError) as small:
        host.compose(memory=512, cores=99)
    assert small.value.field_errors == {
        "cores": ["Ensure this value is less than or equal to 16."],
        "memory": ["Ensure this value is greater than or equal to 1024."],
    }
    with pytest.raises(BadRequestError) as zone:
        host.compose(zone=9999)
    assert zone.value.field_errors == {
        "zone": ["Select a valid choice. That choice is not one of the available choices."]
    }
    with pytest.raises(BadRequestError, match="known host if interfaces are specified"):
        host.compose(interfaces=["eth0:space=default"])
    with pytest.raises(ServiceUnavailableError, match="Unable to compose"):
        host.compose(storage="root:900")
    with pytest.raises(PermissionDeniedError):
        bob.vm_hosts.compose(host.id)
    host.compose(hostname="taken", skip_commissioning=True)
    with pytest.raises(BadRequestError) as duplicate:
        host.compose(hostname="taken")
    assert duplicate.value.field_errors == {
        "hostname": ['Node with hostname "taken" already exists']
    }


def test_delete_with_decompose_removes_the_machines(client: MAASClient, host: VMHost) -> None:
    kept = host.compose(skip_commissioning=True)
    client.vm_hosts.delete(host.id)
    assert client.virtual_machines.list() == []
    assert client.machines.get(kept.system_id) == kept
    second = client.vm_hosts.create("lxd", "10.0.0.6:8443")
    gone = second.compose(skip_commissioning=True)
    second.delete(decompose=True)
    with pytest.raises(NotFoundError):
        client.machines.get(gone.system_id)


# -- virtual machines ---------------------------------------------------------------------------


def test_virtual_machines_follow_composed_machines(
    client: MAASClient, bob: MAASClient, host: VMHost
) -> None:
    machine = host.compose(cores=3, memory=2048, hugepages_backed=True, skip_commissioning=True)
    pinned = host.compose(pinned_cores=[0, 1], skip_commissioning=True)
    vms = client.virtual_machines.list()
    assert [vm.identifier for vm in vms] == [machine.hostname, pinned.hostname]
    first = vms[0]
    assert isinstance(first, VirtualMachine)
    assert (first.cores, first.memory, first.hugepages_backed) == (3, 2048, True)
    assert first.bmc_id == host.id
    assert first.project == "default"
    assert first.machine_id is not None
    assert vms[1].pinned_cores == [0, 1]
    assert vms[1].cores == 2
    assert first.resource_uri == f"/MAAS/api/2.0/virtual-machines/{first.id}"
    assert bob.virtual_machines.get(first.id) == first
    assert first.refresh() is first
    with pytest.raises(NotFoundError):
        client.virtual_machines.get(999)


# -- VM clusters --------------------------------------------------------------------------------


def test_vm_clusters(client: MAASClient, bob: MAASClient, fake: FakeMAAS) -> None:
    assert client.vm_clusters.list() == []
    cluster_id = add_vm_cluster(fake, "lab", project="maas", hosts=3)
    cluster = client.vm_clusters.get(cluster_id)
    assert isinstance(cluster, VMCluster)
    assert (cluster.name, cluster.project, cluster.vmhost_count) == ("lab", "maas", 3)
    assert cluster.total.cores == 48
    assert cluster.available.local_storage == 1_500_000_000_000
    assert cluster.storage_pools["default"].total == 1_500_000_000_000
    assert cluster.resource_uri == f"/MAAS/api/2.0/vm-clusters/{cluster_id}"
    assert bob.vm_clusters.list() == [cluster]
    cluster.name = "lab-2"
    assert cluster.save().name == "lab-2"
    client.zones.create("zone-b")
    client.vm_clusters.update(cluster_id, zone="zone-b")
    assert {h.zone.name for h in client.vm_hosts.list() if h.zone} == {"zone-b"}
    with pytest.raises(BadRequestError):
        client.vm_clusters.update(cluster_id, pool="nope")
    with pytest.raises(PermissionDeniedError):
        bob.vm_clusters.delete(cluster_id)
    cluster.delete(decompose=True)
    assert client.vm_clusters.list() == []
    assert client.vm_hosts.list() == []
    with pytest.raises(NotFoundError):
        cluster.refresh()


def test_add_vm_host_helper(client: MAASClient, fake: FakeMAAS) -> None:
    host_id = add_vm_host(fake, name="virsh-1", type="virsh")
    host = client.vm_hosts.get(host_id)
    assert host.type is VMHostType.VIRSH
    assert host.storage_pools[0].type == "dir"
