"""``version/``: the MAAS version and capabilities (no authentication; credentials ignored)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._responses import json_response
from ._router import RequestContext, routes

CAPABILITIES = (
    "networks-management",
    "static-ipaddresses",
    "ipv6-deployment-ubuntu",
    "devices-management",
    "storage-deployment-ubuntu",
    "network-deployment-ubuntu",
    "bridging-interface-ubuntu",
    "bridging-automatic-ubuntu",
    "authenticate-api",
)


@routes.route("GET", "version/", public=True)
def read_version(ctx: RequestContext) -> WireResponse:
    """Answer ``GET version/`` with compact JSON.

    MAAS API: GET /MAAS/api/2.0/version/
    """
    body = {
        "capabilities": list(CAPABILITIES),
        "version": ctx.store.maas_version,
        "subversion": "",
    }
    return json_response(body, compact=True)
