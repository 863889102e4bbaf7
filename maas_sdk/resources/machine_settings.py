"""Machine operations that set flags, change configuration or read extra data.

:class:`MachineSettings` extends :class:`~maas_sdk.resources.machine_actions.MachineActions`
with the instance operations that do not start a background process: mark broken/fixed,
lock/unlock, storage layout, special mounts, default gateways, restoring configuration,
workload annotations, and the reads that return something other than a machine (curtin
configuration, commissioning details, power parameters, the metadata token).

MAAS API: ``machines/{system_id}/`` ops (REFERENCE.md §7.4).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, SecretStr, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import CacheMode, StorageLayout
from maas_sdk.errors import ResponseDecodeError
from maas_sdk.resources._base import (
    FormPairs,
    ResponseLike,
    TransportLike,
    decode,
    decode_optional,
    form,
)
from maas_sdk.resources._bson import BSONError, decode_document
from maas_sdk.resources.machine_actions import machine_path
from maas_sdk.resources.machine_power import MachinePower
from maas_sdk.resources.machines import Machine

__all__ = ["MachineDetails", "MachineSettings", "MachineToken"]


class MachineToken(BaseModel):
    """The OAuth token a machine uses to talk to the metadata service (``op=get_token``)."""

    token_key: str
    """Token key."""
    token_secret: SecretStr
    """Token secret (hidden in ``repr``; read it with ``.get_secret_value()``)."""
    consumer_key: str
    """Consumer key."""


_TOKEN = TypeAdapter(MachineToken)
_PARAMETERS = TypeAdapter(dict[str, Any])


@dataclass(frozen=True)
class MachineDetails:
    """The commissioning output MAAS keeps about a machine (``op=details``).

    Attributes:
        lshw: ``lshw`` XML output, or ``None`` before commissioning.
        lldp: ``lldpd`` XML output, or ``None``.
        documents: Every entry of MAAS's answer (a BSON document), including the two above.
    """

    lshw: bytes | None
    lldp: bytes | None
    documents: dict[str, Any] = field(repr=False)


class MachineSettings(MachinePower):
    """Flag, configuration and read operations on one machine, identified by its system_id."""

    # --- state flags -----------------------------------------------------------------------

    @api_operation("POST", "machines/{system_id}/", op="mark_broken")
    def mark_broken(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Mark a machine you own as Broken (it is released first, so it loses its owner).

        MAAS API: ``POST machines/{system_id}/?op=mark_broken``.
        """
        return self._post(system_id, "mark_broken", form({"comment": comment}))

    @api_operation("POST", "machines/{system_id}/", op="mark_fixed")
    def mark_fixed(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Mark a Broken machine as fixed: Ready, or Deployed if it was deployed (admin).

        MAAS API: ``POST machines/{system_id}/?op=mark_fixed``.
        """
        return self._post(system_id, "mark_fixed", form({"comment": comment}))

    @api_operation("POST", "machines/{system_id}/", op="lock")
    def lock(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Lock a Deployed or Deploying machine against changes.

        MAAS API: ``POST machines/{system_id}/?op=lock``.
        """
        return self._post(system_id, "lock", form({"comment": comment}))

    @api_operation("POST", "machines/{system_id}/", op="unlock")
    def unlock(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Unlock a locked machine.

        MAAS API: ``POST machines/{system_id}/?op=unlock``.
        """
        return self._post(system_id, "unlock", form({"comment": comment}))

    @api_operation("POST", "machines/{system_id}/", op="override_failed_testing")
    def override_failed_testing(self, system_id: str, *, comment: str | None = None) -> Machine:
        """Accept a machine in Failed testing: Ready, or Deployed if it has an OS (admin).

        MAAS API: ``POST machines/{system_id}/?op=override_failed_testing``.
        """
        return self._post(system_id, "override_failed_testing", form({"comment": comment}))

    # --- configuration ---------------------------------------------------------------------

    @api_operation("POST", "machines/{system_id}/", op="set_storage_layout")
    def set_storage_layout(
        self,
        system_id: str,
        storage_layout: StorageLayout | str,
        *,
        boot_size: int | str | None = None,
        root_size: int | str | None = None,
        root_device: int | str | None = None,
        vg_name: str | None = None,
        lv_name: str | None = None,
        lv_size: int | str | None = None,
        cache_device: int | str | None = None,
        cache_mode: CacheMode | str | None = None,
        cache_size: int | str | None = None,
        cache_no_part: bool | None = None,
    ) -> Machine:
        """Replace a Ready machine's storage configuration with a layout (admin).

        MAAS API: ``POST machines/{system_id}/?op=set_storage_layout``.

        Args:
            system_id: The machine.
            storage_layout: ``flat``, ``lvm``, ``bcache``, ``vmfs6``, ``vmfs7``, ``custom``
                or ``blank``.
            boot_size: Size of the boot partition (bytes, ``"1G"`` or ``"10%"``).
            root_size: Size of the root partition.
            root_device: Block device (id or name) for the root partition.
            vg_name: LVM: name of the volume group.
            lv_name: LVM: name of the logical volume.
            lv_size: LVM: size of the logical volume.
            cache_device: bcache: the cache device (id or name).
            cache_mode: bcache: ``writeback``, ``writethrough`` or ``writearound``.
            cache_size: bcache: size of the cache partition.
            cache_no_part: bcache: use the whole cache device, unpartitioned.

        Raises:
            ConflictError: The machine is not Ready.
            BadRequestError: The layout cannot be applied.
        """
        data = form(
            {
                "storage_layout": storage_layout,
                "boot_size": boot_size,
                "root_size": root_size,
                "root_device": root_device,
                "vg_name": vg_name,
                "lv_name": lv_name,
                "lv_size": lv_size,
                "cache_device": cache_device,
                "cache_mode": cache_mode,
                "cache_size": cache_size,
                "cache_no_part": cache_no_part,
            }
        )
        return self._post(system_id, "set_storage_layout", data)

    @api_operation("POST", "machines/{system_id}/", op="mount_special")
    def mount_special(
        self, system_id: str, fstype: str, mount_point: str, *, mount_options: str | None = None
    ) -> Machine:
        """Mount a ``tmpfs`` or ``ramfs`` on a Ready or Allocated machine.

        MAAS API: ``POST machines/{system_id}/?op=mount_special``.
        """
        data = form({"fstype": fstype, "mount_point": mount_point, "mount_options": mount_options})
        return self._post(system_id, "mount_special", data)

    @api_operation("POST", "machines/{system_id}/", op="unmount_special")
    def unmount_special(self, system_id: str, mount_point: str) -> Machine:
        """Unmount a special filesystem from a Ready or Allocated machine.

        MAAS API: ``POST machines/{system_id}/?op=unmount_special``.
        """
        return self._post(system_id, "unmount_special", form({"mount_point": mount_point}))

    @api_operation("POST", "machines/{system_id}/", op="clear_default_gateways")
    def clear_default_gateways(self, system_id: str) -> Machine:
        """Go back to automatically chosen default gateways (admin).

        MAAS API: ``POST machines/{system_id}/?op=clear_default_gateways``.
        """
        return self._post(system_id, "clear_default_gateways")

    @api_operation("POST", "machines/{system_id}/", op="restore_networking_configuration")
    def restore_networking_configuration(self, system_id: str) -> Machine:
        """Restore the network configuration found by commissioning (Ready/Failed testing).

        MAAS API: ``POST machines/{system_id}/?op=restore_networking_configuration``.
        """
        return self._post(system_id, "restore_networking_configuration")

    @api_operation("POST", "machines/{system_id}/", op="restore_storage_configuration")
    def restore_storage_configuration(self, system_id: str) -> Machine:
        """Restore the storage configuration found by commissioning (Ready/Failed testing).

        MAAS API: ``POST machines/{system_id}/?op=restore_storage_configuration``.
        """
        return self._post(system_id, "restore_storage_configuration")

    @api_operation("POST", "machines/{system_id}/", op="restore_default_configuration")
    def restore_default_configuration(self, system_id: str) -> Machine:
        """Restore both network and storage configuration (Ready/Failed testing).

        MAAS API: ``POST machines/{system_id}/?op=restore_default_configuration``.
        """
        return self._post(system_id, "restore_default_configuration")

    @api_operation("POST", "machines/{system_id}/", op="set_workload_annotations")
    def set_workload_annotations(
        self, system_id: str, annotations: Mapping[str, str | None]
    ) -> Machine:
        """Set (or, with ``None`` or ``""``, delete) workload annotations of a machine you own.

        MAAS API: ``POST machines/{system_id}/?op=set_workload_annotations``.

        Raises:
            ConflictError: The machine is not allocated to anyone.
        """
        data = [(key, "" if value is None else value) for key, value in annotations.items()]
        return self._post(system_id, "set_workload_annotations", data)

    # --- reads -----------------------------------------------------------------------------

    @api_operation("GET", "machines/{system_id}/", op="get_curtin_config")
    def get_curtin_config(self, system_id: str) -> str:
        """Return the curtin configuration (YAML text) of a deploying or deployed machine.

        MAAS API: ``GET machines/{system_id}/?op=get_curtin_config``.
        """
        return self._transport.get(machine_path(system_id), op="get_curtin_config").text

    @api_operation("GET", "machines/{system_id}/", op="details")
    def details(self, system_id: str) -> MachineDetails:
        """Return the ``lshw`` and ``lldp`` output commissioning collected.

        MAAS API: ``GET machines/{system_id}/?op=details`` (``application/bson``).
        """
        return read_details(self._transport, machine_path(system_id))

    @api_operation("GET", "machines/{system_id}/", op="power_parameters")
    def power_parameters(self, system_id: str) -> dict[str, Any]:
        """Return the machine's power parameters, secrets included (admin).

        MAAS API: ``GET machines/{system_id}/?op=power_parameters``.
        """
        return read_power_parameters(self._transport, machine_path(system_id))

    @api_operation("GET", "machines/{system_id}/", op="get_token")
    def get_token(self, system_id: str) -> MachineToken | None:
        """Return the machine's metadata OAuth token, or ``None`` if it has none (admin).

        MAAS API: ``GET machines/{system_id}/?op=get_token``.
        """
        answer = self._transport.get(machine_path(system_id), op="get_token")
        return decode_optional(answer, _TOKEN)


def read_details(transport: TransportLike, path: str) -> MachineDetails:
    """Read a node's ``op=details`` answer: a BSON document with ``lshw`` and ``lldp`` XML.

    MAAS API: ``GET {node path}?op=details`` (machines, devices, controllers, nodes).
    """
    answer = transport.get(path, op="details")
    try:
        documents = decode_document(answer.content)
    except (BSONError, ValueError, IndexError) as exc:
        raise _bson_error(answer, exc) from exc
    lshw, lldp = documents.get("lshw"), documents.get("lldp")
    return MachineDetails(
        lshw=lshw if isinstance(lshw, bytes) else None,
        lldp=lldp if isinstance(lldp, bytes) else None,
        documents=documents,
    )


def read_power_parameters(transport: TransportLike, path: str) -> dict[str, Any]:
    """Read a node's ``op=power_parameters`` (admin; passwords included).

    MAAS API: ``GET {node path}?op=power_parameters``.
    """
    return decode(transport.get(path, op="power_parameters"), _PARAMETERS)


def power_parameter_pairs(parameters: Mapping[str, Any] | None) -> FormPairs:
    """Render power parameters as the ``power_parameters_<name>`` fields MAAS reads."""
    return form({f"power_parameters_{key}": value for key, value in (parameters or {}).items()})


def _bson_error(answer: ResponseLike, exc: Exception) -> ResponseDecodeError:
    return answer.decode_error(f"the body is not a BSON document ({exc})")
