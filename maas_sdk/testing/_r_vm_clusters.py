"""VM clusters: ``vm-clusters/``, ``vm-clusters/{id}`` (no trailing slash; MAAS 3.1+).

API 2.0 cannot create clusters; tests add them with
:func:`~maas_sdk.testing._vmhost_state.add_vm_cluster`.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import django_bool
from ._r_vm_hosts import remove_host
from ._responses import FieldErrors, get_or_404, json_response, no_content
from ._router import RequestContext, routes
from ._vmhost_state import VMClusterRecord, cluster_hosts, render_vm_cluster, vmhost_tables

_BAD_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def _cluster(ctx: RequestContext) -> VMClusterRecord:
    return get_or_404(vmhost_tables(ctx.store).clusters, ctx.args["id"], "VMCluster")


@routes.route("GET", "vm-clusters/")
def list_vm_clusters(ctx: RequestContext) -> WireResponse:
    """List VM clusters by id.

    MAAS API: GET /MAAS/api/2.0/vm-clusters/
    """
    ctx.require_user()
    clusters = sorted(vmhost_tables(ctx.store).clusters.values(), key=lambda c: c.id)
    return json_response([render_vm_cluster(ctx.store, cluster) for cluster in clusters])


@routes.route("GET", "vm-clusters/{id}")
def read_vm_cluster(ctx: RequestContext) -> WireResponse:
    """Read a VM cluster.

    MAAS API: GET /MAAS/api/2.0/vm-clusters/{id}
    """
    ctx.require_user()
    return json_response(render_vm_cluster(ctx.store, _cluster(ctx)))


@routes.route("PUT", "vm-clusters/{id}")
def update_vm_cluster(ctx: RequestContext) -> WireResponse:
    """Rename a cluster, or move its hosts to a pool or zone (admin).

    MAAS API: PUT /MAAS/api/2.0/vm-clusters/{id}
    """
    ctx.require_admin()
    cluster = _cluster(ctx)
    store, data = ctx.store, ctx.data
    errors: dict[str, list[str]] = {}
    zone = store.zone_by_name(data.get("zone") or "") if data.get("zone") else None
    if data.get("zone") and zone is None:
        errors["zone"] = [_BAD_CHOICE]
    pool = store.pool_by_name(data.get("pool") or "") if data.get("pool") else None
    if data.get("pool") and pool is None:
        errors["pool"] = [_BAD_CHOICE]
    if errors:
        raise FieldErrors(errors)
    if data.get("name"):
        cluster.name = data.get("name") or cluster.name
    for host in cluster_hosts(vmhost_tables(store), cluster):
        if zone is not None:
            host.zone_id = zone.id
        if pool is not None:
            host.pool_id = pool.id
    return json_response(render_vm_cluster(store, cluster))


@routes.route("DELETE", "vm-clusters/{id}")
def delete_vm_cluster(ctx: RequestContext) -> WireResponse:
    """Delete a cluster and its member hosts (admin); ``decompose`` deletes their VMs too.

    MAAS API: DELETE /MAAS/api/2.0/vm-clusters/{id}
    """
    ctx.require_admin()
    cluster = _cluster(ctx)
    tables = vmhost_tables(ctx.store)
    decompose = django_bool(ctx.query.get("decompose"))
    for host in cluster_hosts(tables, cluster):
        remove_host(ctx.store, host, decompose=decompose)
    del tables.clusters[cluster.id]
    return no_content()
