"""State of the fake's VM hosts, their virtual machines and VM clusters, and their renderings.

The routes live in ``_r_vm_hosts``, ``_r_virtual_machines`` and ``_r_vm_clusters``; tests can
add hosts and clusters directly with :func:`add_vm_host` and :func:`add_vm_cluster`::

    from maas_sdk.testing._vmhost_state import add_vm_cluster, add_vm_host

    host_id = add_vm_host(fake, name="kvm-1", type="lxd")
    cluster_id = add_vm_cluster(fake, "cluster-1", hosts=3)

A fake VM host "discovers" fixed resources (16 cores, 32 GiB, one 500 GB storage pool); a
composed VM is a real machine of the machines table (``_machine_routes``) linked to a
:class:`VirtualMachineRecord`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._machine_table import machine_table
from ._models import Tag
from ._render import API_PREFIX, render_pool, render_zone
from ._store import HasStore, Store, store_of

__all__ = [
    "HOST_CAPABILITIES",
    "MACVLAN_MODES",
    "StoragePoolRecord",
    "VMClusterRecord",
    "VMHostRecord",
    "VMHostTables",
    "VirtualMachineRecord",
    "add_vm_cluster",
    "add_vm_host",
    "render_vm",
    "render_vm_cluster",
    "render_vm_host",
    "vmhost_tables",
]

HOST_CAPABILITIES = ("composable", "dynamic_local_storage", "over_commit", "storage_pools")
"""What every fake VM host can do."""
MACVLAN_MODES = ("bridge", "passthru", "private", "vepa")
"""Values ``default_macvlan_mode`` accepts."""
CONSOLE_TAG = "pod-console-logging"
"""The tag MAAS adds to every VM host (and creates, with console kernel options)."""
_VERSIONS = {"lxd": "5.21.1", "virsh": "8.0.0"}
_DISCOVERED_CORES = 16
_DISCOVERED_MEMORY = 32768
_DISCOVERED_STORAGE = 500_000_000_000


@dataclass
class StoragePoolRecord:
    """A storage pool of a VM host."""

    pool_id: str
    name: str
    type: str
    path: str
    storage: int


@dataclass
class VMHostRecord:
    """A VM host (a ``Pod`` BMC in MAAS)."""

    id: int
    name: str
    type: str
    power_parameters: dict[str, Any]
    zone_id: int
    pool_id: int
    tags: list[str] = field(default_factory=list)
    cores: int = _DISCOVERED_CORES
    memory: int = _DISCOVERED_MEMORY
    cpu_speed: int = 2400
    architectures: list[str] = field(default_factory=lambda: ["amd64/generic"])
    cpu_over_commit_ratio: float = 1.0
    memory_over_commit_ratio: float = 1.0
    default_macvlan_mode: str | None = None
    version: str = ""
    storage_pools: list[StoragePoolRecord] = field(default_factory=list)
    default_storage_pool: str | None = None
    cluster_id: int | None = None


@dataclass
class VirtualMachineRecord:
    """A VM on a VM host, possibly a MAAS machine."""

    id: int
    identifier: str
    host_id: int
    project: str | None
    unpinned_cores: int
    pinned_cores: list[int]
    memory: int
    hugepages_backed: bool
    storage: int
    storage_pool: str | None
    machine_system_id: str | None = None


@dataclass
class VMClusterRecord:
    """A cluster of LXD VM hosts."""

    id: int
    name: str
    project: str


@dataclass
class VMHostTables:
    """The VM hosts, VMs and clusters of one fake region."""

    hosts: dict[int, VMHostRecord] = field(default_factory=dict)
    vms: dict[int, VirtualMachineRecord] = field(default_factory=dict)
    clusters: dict[int, VMClusterRecord] = field(default_factory=dict)


def vmhost_tables(store: Store) -> VMHostTables:
    """Return the region's VM host tables (hold ``store.lock``); drops VMs of deleted machines."""
    tables = store.state("vm_hosts", VMHostTables)
    machines = machine_table(store).machines
    for vm in list(tables.vms.values()):
        if vm.machine_system_id is not None and vm.machine_system_id not in machines:
            del tables.vms[vm.id]
    return tables


# --- creating -------------------------------------------------------------------------------


def new_vm_host(
    store: Store,
    *,
    name: str,
    type: str,  # noqa: A002 - MAAS's word
    power_parameters: dict[str, Any],
    zone_id: int | None = None,
    pool_id: int | None = None,
    tags: list[str] | None = None,
) -> VMHostRecord:
    """Create and "discover" a VM host (hold ``store.lock``)."""
    tables = store.state("vm_hosts", VMHostTables)
    host_id = store.next_id("bmc")
    if type == "lxd":
        pool = StoragePoolRecord("default", "default", "zfs", "default", _DISCOVERED_STORAGE)
    else:
        pool_uuid = "-".join(store.random_string(n, "0123456789abcdef") for n in (8, 4, 4, 4, 12))
        pool = StoragePoolRecord(
            pool_uuid, "default", "dir", "/var/lib/libvirt/images", _DISCOVERED_STORAGE
        )
    host = VMHostRecord(
        id=host_id,
        name=name,
        type=type,
        power_parameters=power_parameters,
        zone_id=store.default_zone_id if zone_id is None else zone_id,
        pool_id=store.default_pool_id if pool_id is None else pool_id,
        tags=list(tags or []),
        version=_VERSIONS.get(type, ""),
        storage_pools=[pool],
        default_storage_pool=pool.pool_id,
    )
    ensure_console_tag(store, host)
    tables.hosts[host_id] = host
    return host


def ensure_console_tag(store: Store, host: VMHostRecord) -> None:
    """Add MAAS's ``pod-console-logging`` tag to a host, creating the tag if needed."""
    if CONSOLE_TAG not in host.tags:
        host.tags.append(CONSOLE_TAG)
    if store.tag_by_name(CONSOLE_TAG) is None:
        tag_id = store.next_id("tag")
        store.tags[tag_id] = Tag(tag_id, CONSOLE_TAG, kernel_opts="console=tty1 console=ttyS0")
        store.changed()


def add_vm_host(
    fake: HasStore | Store,
    *,
    name: str = "kvm-host",
    type: str = "lxd",  # noqa: A002 - MAAS's word
    power_address: str | None = None,
    cluster_id: int | None = None,
) -> int:
    """Add a discovered VM host to a fake and return its id (for tests).

    Args:
        fake: A :class:`~maas_sdk.testing.FakeMAAS` or its store.
        name: Name of the host.
        type: ``lxd`` or ``virsh``.
        power_address: Its address (derived from the name by default).
        cluster_id: Cluster the host belongs to.
    """
    store = store_of(fake)
    with store.lock:
        address = power_address or (
            f"qemu+ssh://ubuntu@{name}/system" if type == "virsh" else f"{name}:8443"
        )
        parameters: dict[str, Any] = {"power_address": address}
        if type == "lxd":
            parameters["project"] = "default"
        host = new_vm_host(store, name=name, type=type, power_parameters=parameters)
        host.cluster_id = cluster_id
        return host.id


def add_vm_cluster(
    fake: HasStore | Store, name: str, *, project: str = "default", hosts: int = 2
) -> int:
    """Add a VM cluster of ``hosts`` new LXD hosts to a fake and return its id (for tests).

    API 2.0 cannot create clusters (MAAS makes one when it adds a clustered LXD host).
    """
    store = store_of(fake)
    with store.lock:
        tables = store.state("vm_hosts", VMHostTables)
        cluster = VMClusterRecord(store.next_id("vmcluster"), name, project)
        tables.clusters[cluster.id] = cluster
        for index in range(hosts):
            add_vm_host(store, name=f"{name}-member-{index + 1}", cluster_id=cluster.id)
        return cluster.id


# --- resources ------------------------------------------------------------------------------


def host_vms(tables: VMHostTables, host: VMHostRecord) -> list[VirtualMachineRecord]:
    """Return the VMs of a host, by id."""
    return [vm for vm in tables.vms.values() if vm.host_id == host.id]


def used_resources(tables: VMHostTables, host: VMHostRecord) -> dict[str, int]:
    """What a host's VMs use: ``{"cores", "memory", "local_storage"}``."""
    vms = host_vms(tables, host)
    return {
        "cores": sum(len(vm.pinned_cores) or vm.unpinned_cores for vm in vms),
        "memory": sum(vm.memory for vm in vms),
        "local_storage": sum(vm.storage for vm in vms),
    }


def pool_used(tables: VMHostTables, host: VMHostRecord, pool_id: str) -> int:
    """Bytes a host's VMs use in one storage pool."""
    return sum(vm.storage for vm in host_vms(tables, host) if vm.storage_pool == pool_id)


# --- rendering ------------------------------------------------------------------------------


def render_vm_host(store: Store, host: VMHostRecord, *, root: str = "vm-hosts/") -> dict[str, Any]:
    """Render a VM host the way ``VmHostHandler`` does (``root`` is ``pods/`` for the alias)."""
    tables = vmhost_tables(store)
    total = {
        "cores": host.cores,
        "memory": host.memory,
        "local_storage": sum(pool.storage for pool in host.storage_pools),
    }
    used = used_resources(tables, host)
    pools = []
    for pool in host.storage_pools:
        in_use = pool_used(tables, host, pool.pool_id)
        pools.append(
            {
                "id": pool.pool_id,
                "name": pool.name,
                "type": pool.type,
                "path": pool.path,
                "total": pool.storage,
                "used": in_use,
                "available": pool.storage - in_use,
                "default": pool.pool_id == host.default_storage_pool,
            }
        )
    return {
        "id": host.id,
        "name": host.name,
        "tags": list(host.tags),
        "type": host.type,
        "architectures": list(host.architectures),
        "capabilities": list(HOST_CAPABILITIES),
        "total": total,
        "used": used,
        "available": {key: total[key] - used[key] for key in total},
        "zone": render_zone(store.zones[host.zone_id]),
        "cpu_over_commit_ratio": host.cpu_over_commit_ratio,
        "memory_over_commit_ratio": host.memory_over_commit_ratio,
        "storage_pools": pools,
        "pool": render_pool(store.pools[host.pool_id]),
        "host": {"system_id": None, "__incomplete__": True},
        "default_macvlan_mode": host.default_macvlan_mode,
        "version": host.version,
        "resource_uri": f"{API_PREFIX}{root}{host.id}/",
    }


def render_vm(store: Store, vm: VirtualMachineRecord) -> dict[str, Any]:
    """Render a virtual machine the way ``VirtualMachineHandler`` does."""
    machine_id = None
    if vm.machine_system_id is not None:
        machine = machine_table(store).machines.get(vm.machine_system_id)
        machine_id = machine.id if machine is not None else None
    return {
        "id": vm.id,
        "identifier": vm.identifier,
        "project": vm.project,
        "pinned_cores": list(vm.pinned_cores),
        "unpinned_cores": vm.unpinned_cores,
        "memory": vm.memory,
        "hugepages_backed": vm.hugepages_backed,
        "machine_id": machine_id,
        "bmc_id": vm.host_id,
        "resource_uri": f"{API_PREFIX}virtual-machines/{vm.id}",
    }


def cluster_hosts(tables: VMHostTables, cluster: VMClusterRecord) -> list[VMHostRecord]:
    """Return the member hosts of a cluster, by id."""
    return [host for host in tables.hosts.values() if host.cluster_id == cluster.id]


def render_vm_cluster(store: Store, cluster: VMClusterRecord) -> dict[str, Any]:
    """Render a VM cluster the way ``VmClusterHandler`` does (sums over its hosts)."""
    tables = vmhost_tables(store)
    hosts = cluster_hosts(tables, cluster)
    total = {"cores": 0, "memory": 0, "local_storage": 0}
    used = {"cores": 0, "memory": 0, "local_storage": 0}
    pools: dict[str, dict[str, Any]] = {}
    vm_count = 0
    for host in hosts:
        vm_count += len(host_vms(tables, host))
        host_used = used_resources(tables, host)
        total["cores"] += host.cores
        total["memory"] += host.memory
        total["local_storage"] += sum(pool.storage for pool in host.storage_pools)
        for key in used:
            used[key] += host_used[key]
        for pool in host.storage_pools:
            entry = pools.setdefault(
                pool.name,
                {
                    "free": 0,
                    "total": 0,
                    "allocated_tracked": 0,
                    "allocated_other": 0,
                    "path": pool.path,
                    "backend": pool.type,
                },
            )
            in_use = pool_used(tables, host, pool.pool_id)
            entry["total"] += pool.storage
            entry["allocated_tracked"] += in_use
            entry["free"] += pool.storage - in_use
    return {
        "id": cluster.id,
        "name": cluster.name,
        "project": cluster.project,
        "vmhost_count": len(hosts),
        "vm_count": vm_count,
        "version": hosts[0].version if hosts else "",
        "total": total,
        "used": used,
        "available": {key: total[key] - used[key] for key in total},
        "storage_pools": pools,
        "resource_uri": f"{API_PREFIX}vm-clusters/{cluster.id}",
    }
