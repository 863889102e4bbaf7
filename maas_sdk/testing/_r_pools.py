"""Resource pools: ``resourcepools/`` and the singular ``resourcepool/{id}/`` (§10.2)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._models import ResourcePool
from ._render import render_pool
from ._responses import BadRequest, NotFound, json_response, no_content
from ._router import RequestContext, routes
from ._validate import check_model_name, update_described


def _pool(ctx: RequestContext) -> ResourcePool:
    pool = ctx.store.find_pool(ctx.args["id"])
    if pool is None:
        raise NotFound("ResourcePool")
    return pool


def _check_name(ctx: RequestContext, name: str, current: ResourcePool | None) -> None:
    check_model_name(
        name, ctx.store.pool_by_name(name), current, "Resource pool with this Name already exists."
    )


@routes.route("GET", "resourcepools/")
def list_pools(ctx: RequestContext) -> WireResponse:
    """List resource pools ordered by name.

    MAAS API: GET /MAAS/api/2.0/resourcepools/
    """
    pools = sorted(ctx.store.pools.values(), key=lambda pool: pool.name)
    return json_response([render_pool(pool) for pool in pools])


@routes.route("POST", "resourcepools/")
def create_pool(ctx: RequestContext) -> WireResponse:
    """Create a resource pool (admin; others get 403 with an empty body).

    MAAS API: POST /MAAS/api/2.0/resourcepools/
    """
    ctx.forbid_non_admin()
    name = ctx.data.get("name") or ""
    _check_name(ctx, name, None)
    pool = ResourcePool(ctx.store.next_id("pool"), name, ctx.data.get("description") or "")
    ctx.store.pools[pool.id] = pool
    ctx.store.changed()
    return json_response(render_pool(pool))


@routes.route("GET", "resourcepool/{id}/")
def read_pool(ctx: RequestContext) -> WireResponse:
    """Read a pool by id or name.

    MAAS API: GET /MAAS/api/2.0/resourcepool/{id}/
    """
    return json_response(render_pool(_pool(ctx)))


@routes.route("PUT", "resourcepool/{id}/")
def update_pool(ctx: RequestContext) -> WireResponse:
    """Update a pool's name and description (admin).

    MAAS API: PUT /MAAS/api/2.0/resourcepool/{id}/
    """
    pool = _pool(ctx)
    ctx.forbid_non_admin()
    update_described(ctx.data, pool, lambda name: _check_name(ctx, name, pool))
    ctx.store.changed()
    return json_response(render_pool(pool))


@routes.route("DELETE", "resourcepool/{id}/")
def delete_pool(ctx: RequestContext) -> WireResponse:
    """Delete a pool (admin); the default pool cannot be deleted.

    MAAS API: DELETE /MAAS/api/2.0/resourcepool/{id}/
    """
    pool = _pool(ctx)
    ctx.forbid_non_admin()
    store = ctx.store
    if pool.id == store.default_pool_id:
        raise BadRequest("This is the default pool, it cannot be deleted.")
    store.hooks.pool_deleting(pool, store.default_pool)
    del store.pools[pool.id]
    store.changed()
    return no_content()
