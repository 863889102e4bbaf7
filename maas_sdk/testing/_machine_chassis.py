"""``POST machines/?op=add_chassis``: ask the rack controllers to enlist a chassis' machines.

The fake's simulated rack (``fake-rack``) accepts the request and enlists nothing: probing a
real chassis is outside what the fake models. Parameter checks follow MAAS's handler: admin
only, ``chassis_type`` and ``hostname`` mandatory, credentials mandatory for the drivers that
need them. The wording of the ``chassis_type`` choice error is the fake's own.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._forms import require_param
from ._machine_table import machine_table
from ._responses import TEXT_NO_CHARSET, BadRequest, text_response
from ._router import RequestContext, routes

__all__ = ["CHASSIS_TYPES", "RACK_NAME"]

CHASSIS_TYPES = (
    "hmcz",
    "mscm",
    "msftocs",
    "powerkvm",
    "proxmox",
    "recs_box",
    "seamicro15k",
    "sm15k",
    "ucsm",
    "virsh",
    "vmware",
)
"""Drivers that can probe a chassis for machines."""
RACK_NAME = "fake-rack"
"""Hostname of the rack controller the fake simulates."""
_NEED_CREDENTIALS = frozenset({"mscm", "msftocs", "recs_box", "seamicro15k", "sm15k", "ucsm"})


@routes.route("POST", "machines/", op="add_chassis")
def add_chassis(ctx: RequestContext) -> WireResponse:
    """``op=add_chassis``: text ``Asking <racks> to add machines from chassis <host>`` (admin).

    MAAS API: POST /MAAS/api/2.0/machines/?op=add_chassis
    """
    ctx.require_admin()
    chassis_type = require_param(ctx.data, "chassis_type")
    if chassis_type not in CHASSIS_TYPES:
        choices = "; ".join(CHASSIS_TYPES)
        raise BadRequest(
            f"Invalid chassis_type: Value must be one of: {choices} (not {chassis_type!r})"
        )
    hostname = require_param(ctx.data, "hostname")
    if chassis_type in _NEED_CREDENTIALS or chassis_type == "vmware":
        require_param(ctx.data, "username")
        require_param(ctx.data, "password")
    racks = RACK_NAME if machine_table(ctx.store).rack_connected else ""
    return text_response(
        f"Asking {racks} to add machines from chassis {hostname}", content_type=TEXT_NO_CHARSET
    )
