"""``machines/{system_id}/``: read, update, delete and the configuration ops.

Storage layout, special filesystems, default gateways, the ``restore_*`` ops, workload
annotations, ``get_curtin_config``, ``details`` (BSON), ``power_parameters`` and ``get_token``
(REFERENCE.md §7.4, §22.6, §22.7).
"""

from __future__ import annotations

import posixpath

from maas_sdk._wire import WireResponse

from . import _machine_lifecycle as life
from ._forms import string_bool
from ._machine_forms import FormErrors, validate_kernel, validate_machine_fields
from ._machine_layout import LAYOUTS, apply_layout, new_uuid
from ._machine_model import Machine, NodeStatus, SpecialFilesystem
from ._machine_render import bson_document
from ._machine_table import MachineTable, Perm, machine_table, request_machine
from ._responses import (
    BadRequest,
    Conflict,
    FieldErrors,
    bytes_response,
    json_response,
    no_content,
    null_response,
    text_response,
)
from ._router import RequestContext, routes

__all__ = ["curtin_config", "machine_details"]

S = NodeStatus
_INSTANCE = "machines/{system_id}/"
_RESTORE_MESSAGES = {
    "networking": "Machine must be in a ready or failed testing state to restore networking "
    "configuration",
    "storage": "Machine must be in a ready or failed testing state to restore storage "
    "configuration.",
    "default": "Machine must be in a ready or failed testing state to restore default "
    "networking and storage configuration.",
}


@routes.route("GET", _INSTANCE)
def read_machine(ctx: RequestContext) -> WireResponse:
    """``GET machines/{system_id}/``.

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/
    """
    table = machine_table(ctx.store)
    return table.response(table.lookup(ctx, Perm.VIEW))


@routes.route("PUT", _INSTANCE)
def update_machine(ctx: RequestContext) -> WireResponse:
    """``PUT machines/{system_id}/``: update fields (admin; unknown fields ignored).

    MAAS API: PUT /MAAS/api/2.0/machines/{system_id}/
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    errors = FormErrors()
    changes = validate_machine_fields(ctx.store, table, ctx.data, machine, errors)
    kernel = ctx.data.get("hwe_kernel")
    if kernel and not validate_kernel(kernel):
        errors.add("hwe_kernel", f'No kernel matches ">={kernel}" requirement.')
    if errors:
        raise FieldErrors(errors.errors)
    values = dict(changes.values)
    hostname = values.pop("hostname", None)
    if isinstance(hostname, str) and hostname != machine.hostname:
        table.rename(machine, hostname)
    for key, value in values.items():
        setattr(machine, key, value)
    for name in ("osystem", "distro_series"):
        value = ctx.data.get(name)
        if value is not None:
            setattr(machine, name, value)
    if kernel is not None:
        machine.hwe_kernel = kernel or None
    if table.is_35_plus and ctx.data.get("is_dpu") is not None:
        machine.is_dpu = string_bool(ctx.data, "is_dpu", machine.is_dpu)
    machine.touch()
    return table.response(machine)


@routes.route("DELETE", _INSTANCE)
def delete_machine(ctx: RequestContext) -> WireResponse:
    """``DELETE machines/{system_id}/``: 204 (admin, not locked).

    MAAS API: DELETE /MAAS/api/2.0/machines/{system_id}/
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    string_bool(ctx.query, "force", False)
    life.cancel_pending(machine)
    table.remove(machine)
    return no_content()


@routes.route("POST", _INSTANCE, op="set_storage_layout")
def set_storage_layout(ctx: RequestContext) -> WireResponse:
    """``op=set_storage_layout``: replace the storage configuration (admin, Ready only).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=set_storage_layout
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status != S.READY:
        raise Conflict("Cannot change the storage layout on a machine that is not Ready.")
    layout = ctx.data.get("storage_layout")
    if not layout:
        raise FieldErrors({"storage_layout": "This field is required."})
    if layout not in LAYOUTS:
        raise FieldErrors(
            {"storage_layout": f"Select a valid choice. {layout} is not one of the available "
             "choices."}
        )  # fmt: skip
    problem = apply_layout(ctx.store, machine, layout)
    if problem is not None:
        raise BadRequest(f"Failed to configure storage layout '{layout}': {problem}")
    return table.response(machine)


def _ready_or_allocated(machine: Machine, verb: str) -> None:
    if machine.status not in (S.READY, S.ALLOCATED):
        raise Conflict(
            f"Cannot {verb} the filesystem because the machine is not Ready or Allocated."
        )


@routes.route("POST", _INSTANCE, op="mount_special")
def mount_special(ctx: RequestContext) -> WireResponse:
    """``op=mount_special``: mount a tmpfs/ramfs (Ready or Allocated).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=mount_special
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    _ready_or_allocated(machine, "mount")
    errors = FormErrors()
    fstype = ctx.data.get("fstype") or ""
    mount_point = ctx.data.get("mount_point") or ""
    if not fstype:
        errors.add("fstype", "This field is required.")
    elif fstype not in ("tmpfs", "ramfs"):
        errors.add(
            "fstype", f"Select a valid choice. {fstype} is not one of the available choices."
        )
    if not mount_point:
        errors.add("mount_point", "This field is required.")
    elif not posixpath.isabs(mount_point):
        errors.add("mount_point", "Enter a valid absolute path.")
    if errors:
        raise FieldErrors(errors.errors)
    options = ctx.data.get("mount_options") or ""
    machine.special_filesystems.append(
        SpecialFilesystem(fstype, mount_point, options, new_uuid(ctx.store))
    )
    machine.touch()
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="unmount_special")
def unmount_special(ctx: RequestContext) -> WireResponse:
    """``op=unmount_special``: unmount a special filesystem (Ready or Allocated).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=unmount_special
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    _ready_or_allocated(machine, "unmount")
    mount_point = ctx.data.get("mount_point") or ""
    if not mount_point:
        raise FieldErrors({"mount_point": "This field is required."})
    kept = [fs for fs in machine.special_filesystems if fs.mount_point != mount_point]
    if len(kept) == len(machine.special_filesystems):
        raise FieldErrors({"mount_point": f"No special filesystem is mounted at {mount_point}."})
    machine.special_filesystems = kept
    machine.touch()
    return table.response(machine)


@routes.route("POST", _INSTANCE, op="clear_default_gateways")
def clear_default_gateways(ctx: RequestContext) -> WireResponse:
    """``op=clear_default_gateways``: forget the chosen IPv4/IPv6 gateway links (admin).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=clear_default_gateways
    """
    table, machine = request_machine(ctx, Perm.ADMIN)
    machine.gateway_link_ipv4 = None
    machine.gateway_link_ipv6 = None
    machine.touch()
    return table.response(machine)


def _restore(ctx: RequestContext, what: str) -> WireResponse:
    table, machine = request_machine(ctx, Perm.ADMIN)
    if machine.status not in (S.READY, S.FAILED_TESTING):
        raise Conflict(_RESTORE_MESSAGES[what])
    if what in ("networking", "default"):
        _restore_networking(table, machine)
    if what in ("storage", "default"):
        apply_layout(ctx.store, machine, str(ctx.store.config.get("default_storage_layout")))
    return table.response(machine)


def _restore_networking(table: MachineTable, machine: Machine) -> None:
    from ._machine_interfaces import reset_links

    reset_links(table, machine)


@routes.route("POST", _INSTANCE, op="restore_networking_configuration")
def restore_networking_configuration(ctx: RequestContext) -> WireResponse:
    """``op=restore_networking_configuration`` (admin; Ready or Failed testing).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=restore_networking_configuration
    """
    return _restore(ctx, "networking")


@routes.route("POST", _INSTANCE, op="restore_storage_configuration")
def restore_storage_configuration(ctx: RequestContext) -> WireResponse:
    """``op=restore_storage_configuration`` (admin; Ready or Failed testing).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=restore_storage_configuration
    """
    return _restore(ctx, "storage")


@routes.route("POST", _INSTANCE, op="restore_default_configuration")
def restore_default_configuration(ctx: RequestContext) -> WireResponse:
    """``op=restore_default_configuration`` (admin; Ready or Failed testing).

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=restore_default_configuration
    """
    return _restore(ctx, "default")


@routes.route("POST", _INSTANCE, op="set_workload_annotations")
@routes.route("POST", _INSTANCE, op="set_owner_data")
def set_workload_annotations(ctx: RequestContext) -> WireResponse:
    """``op=set_workload_annotations``: set (``k=v``) or delete (``k=``) the owner's notes.

    MAAS API: POST /MAAS/api/2.0/machines/{system_id}/?op=set_workload_annotations
        POST /MAAS/api/2.0/machines/{system_id}/?op=set_owner_data
    """
    table, machine = request_machine(ctx, Perm.EDIT)
    if machine.owner is None or machine.owner != ctx.require_user().username:
        raise Conflict("Cannot set workload annotation: it hasn't been acquired.")
    for key, value in ctx.data.items():
        if key == "op":
            continue
        if value == "":
            machine.workload_annotations.pop(key, None)
        else:
            machine.workload_annotations[key] = value
    machine.touch()
    return table.response(machine)


def curtin_config(machine: Machine) -> str:
    """Return a curtin configuration (YAML) like the one MAAS renders for a deployment."""
    series = machine.distro_series or "jammy"
    lines = [
        "debconf_selections:",
        "  maas: |",
        "    cloud-init   cloud-init/datasources  multiselect MAAS",
        f"    cloud-init   cloud-init/maas-metadata-url  string http://fake-maas.invalid:5248"
        f"/MAAS/metadata/{machine.system_id}/",
        "install:",
        "  log_file: /tmp/install.log",
        "  post_files:",
        "  - /tmp/install.log",
        "kernel:",
        f"  package: linux-{'generic' if not machine.hwe_kernel else machine.hwe_kernel}",
        "power_state:",
        "  mode: reboot",
        "sources:",
        f"  rootfs: http://fake-maas.invalid:5248/images/ubuntu/amd64/ga-{series}/root-tgz",
        "storage:",
        "  version: 1",
        "  config:",
    ]
    for device in machine.block_devices:
        lines += [
            f"  - id: {device.name}",
            f"    type: {'disk' if device.type == 'physical' else 'lvm_volume'}",
        ]
        if device.partition_table_type:
            lines.append(f"    ptable: {device.partition_table_type.lower()}")
    return "\n".join(lines) + "\n"


@routes.route("GET", _INSTANCE, op="get_curtin_config")
def get_curtin_config(ctx: RequestContext) -> WireResponse:
    """``op=get_curtin_config``: YAML while Deploying, Deployed or Failed deployment.

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/?op=get_curtin_config
    """
    _, machine = request_machine(ctx, Perm.VIEW)
    if machine.status not in (S.DEPLOYING, S.DEPLOYED, S.FAILED_DEPLOYMENT):
        raise BadRequest(f"Machine {machine.hostname} is not in a deployment state.")
    return text_response(curtin_config(machine))


def machine_details(machine: Machine) -> bytes:
    """Return the BSON ``details`` document: nulls until commissioning gathered data."""
    if not machine.commissioned:
        return bson_document({"lldp": None, "lshw": None})
    lshw = (
        f'<?xml version="1.0" standalone="yes" ?>\n<list>\n<node id="{machine.hostname}" '
        f'class="system"><product>{machine.hardware_info.get("system_product", "")}</product>'
        f"</node>\n</list>\n"
    )
    lldp = '<?xml version="1.0" encoding="UTF-8"?>\n<lldp label="LLDP neighbors"/>\n'
    return bson_document({"lldp": lldp.encode(), "lshw": lshw.encode()})


@routes.route("GET", _INSTANCE, op="details")
def details(ctx: RequestContext) -> WireResponse:
    """``op=details``: ``application/bson`` ``{"lldp": ..., "lshw": ...}``.

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/?op=details
    """
    _, machine = request_machine(ctx, Perm.VIEW)
    return bytes_response(machine_details(machine), "application/bson")


@routes.route("GET", _INSTANCE, op="power_parameters")
def power_parameters(ctx: RequestContext) -> WireResponse:
    """``op=power_parameters``: the machine's power parameters (admin, also while locked).

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/?op=power_parameters
    """
    _, machine = request_machine(ctx, Perm.ADMIN_READ)
    return json_response(dict(machine.power_parameters))


@routes.route("GET", _INSTANCE, op="get_token")
def get_token(ctx: RequestContext) -> WireResponse:
    """``op=get_token``: the machine's metadata token, or ``null`` (admin).

    MAAS API: GET /MAAS/api/2.0/machines/{system_id}/?op=get_token
    """
    _, machine = request_machine(ctx, Perm.ADMIN_READ)
    if machine.metadata_token is None:
        return null_response()
    return json_response(dict(machine.metadata_token))
