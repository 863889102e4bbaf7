"""Virtual machines of VM hosts: ``virtual-machines/``, ``virtual-machines/{id}`` (no slash).

MAAS hides these handlers from its API description; any user may read them. VMs appear when a
VM is composed (``_r_vm_compose``) and go away with their machine or host.
"""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._responses import get_or_404, json_response
from ._router import RequestContext, routes
from ._vmhost_state import render_vm, vmhost_tables


@routes.route("GET", "virtual-machines/")
def list_virtual_machines(ctx: RequestContext) -> WireResponse:
    """List every virtual machine by id.

    MAAS API: GET /MAAS/api/2.0/virtual-machines/
    """
    ctx.require_user()
    tables = vmhost_tables(ctx.store)
    vms = sorted(tables.vms.values(), key=lambda vm: vm.id)
    return json_response([render_vm(ctx.store, vm) for vm in vms])


@routes.route("GET", "virtual-machines/{id}")
def read_virtual_machine(ctx: RequestContext) -> WireResponse:
    """Read one virtual machine.

    MAAS API: GET /MAAS/api/2.0/virtual-machines/{id}
    """
    ctx.require_user()
    vm = get_or_404(vmhost_tables(ctx.store).vms, ctx.args["id"], "VirtualMachine")
    return json_response(render_vm(ctx.store, vm))
