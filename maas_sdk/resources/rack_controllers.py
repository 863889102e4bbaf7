"""Rack controllers: :class:`RackController` and the :class:`RackControllers` manager.

A rack controller serves DHCP, TFTP and boot images to the machines of its networks. The
manager (``client.rack_controllers``) reads and edits racks, drives their power and hardware
tests, and answers the region-wide questions only racks can: which power drivers exist
(``describe_power_types``) and which boot images a rack holds.

MAAS API: ``rackcontrollers/``, ``rackcontrollers/{system_id}/`` (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Unpack

from pydantic import BaseModel, Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import PowerState, PowerStopMode
from maas_sdk.resources._base import (
    bind_all,
    bound_manager,
    comma_list,
    decode,
    decode_optional,
    encode_user_data,
    form,
    path_segment,
)
from maas_sdk.resources._controller_fields import (
    BootImage,
    ControllerFields,
    PowerDriver,
    PowerDriverField,
    RackBootImages,
    ServiceStatus,
    controller_update_form,
)
from maas_sdk.resources._node_support import (
    NodeFilters,
    NodeTransport,
    bool_answer,
    check_action_in_progress,
    node_filter_params,
    read_details,
    read_power_parameters,
    read_power_parameters_many,
    set_zone_form,
)
from maas_sdk.resources.common import Domain
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk.resources.machine_settings import MachineDetails

__all__ = [
    "BootImage",
    "PowerDriver",
    "PowerDriverField",
    "RackBootImages",
    "RackController",
    "RackControllers",
    "ServiceStatus",
]

ScriptParameters = Mapping[str, str | int | float | bool]


class RackController(ControllerFields):
    """A rack controller: every field MAAS returns and every operation it accepts.

    Compares equal to another :class:`RackController` with the same ``system_id``.
    ``description``, ``domain``, ``zone`` and ``power_type`` can be assigned and sent with
    :meth:`save` (admin).
    """

    if TYPE_CHECKING:
        _manager: RackControllers | None

    service_set: list[ServiceStatus] = Field(default_factory=list)
    """The rack's services and their states."""

    def _racks(self) -> RackControllers:
        manager: RackControllers | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> RackController:
        """Re-read the controller (dropping unsaved changes) and return it."""
        return self._apply(self._racks().get(self.system_id))

    def save(self) -> RackController:
        """Send the assigned fields (nothing if none changed) and return the controller."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._racks().update(self.system_id, **changes))

    def delete(self, *, force: bool | None = None) -> None:
        """Delete the rack controller; see :meth:`RackControllers.delete`."""
        self._racks().delete(self.system_id, force=force)

    def details(self) -> MachineDetails:
        """Return commissioning's lshw/lldp output; see :meth:`RackControllers.details`."""
        return self._racks().details(self.system_id)

    def power_parameters(self) -> dict[str, Any]:
        """Return the power parameters; see :meth:`RackControllers.power_parameters`."""
        return self._racks().power_parameters(self.system_id)

    def query_power_state(self) -> PowerState:
        """Ask the BMC for the power state now (also stored in :attr:`power_state`)."""
        state = self._racks().query_power_state(self.system_id)
        self.__dict__["power_state"] = state
        return state

    def power_on(
        self, *, user_data: str | bytes | None = None, comment: str | None = None
    ) -> RackController:
        """Power the controller on; see :meth:`RackControllers.power_on`."""
        manager = self._racks()
        return self._apply(manager.power_on(self.system_id, user_data=user_data, comment=comment))

    def power_off(
        self, *, stop_mode: PowerStopMode | str | None = None, comment: str | None = None
    ) -> RackController:
        """Power the controller off; unchanged when MAAS had nothing to do (``manual``)."""
        answer = self._racks().power_off(self.system_id, stop_mode=stop_mode, comment=comment)
        return self if answer is None else self._apply(answer)

    def abort(self, *, comment: str | None = None) -> RackController:
        """Abort the running operation; see :meth:`RackControllers.abort`."""
        return self._apply(self._racks().abort(self.system_id, comment=comment))

    def test(
        self,
        *,
        enable_ssh: bool | None = None,
        testing_scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
    ) -> RackController:
        """Run hardware tests; see :meth:`RackControllers.test`."""
        manager = self._racks()
        answer = manager.test(
            self.system_id,
            enable_ssh=enable_ssh,
            testing_scripts=testing_scripts,
            script_parameters=script_parameters,
        )
        return self._apply(answer)

    def override_failed_testing(self, *, comment: str | None = None) -> RackController:
        """Accept failed tests; see :meth:`RackControllers.override_failed_testing`."""
        manager = self._racks()
        return self._apply(manager.override_failed_testing(self.system_id, comment=comment))

    def list_boot_images(self) -> RackBootImages:
        """List the rack's boot images; see :meth:`RackControllers.list_boot_images`."""
        return self._racks().list_boot_images(self.system_id)

    def import_boot_images(self) -> None:
        """Ask this rack to sync its boot images; see :meth:`RackControllers.import_boot_images`."""
        self._racks().import_boot_images(self.system_id)


class _PowerStateAnswer(BaseModel):
    state: PowerState


_RACK = TypeAdapter(RackController)
_RACKS = TypeAdapter(list[RackController])
_POWER_STATE = TypeAdapter(_PowerStateAnswer)
_BOOT_IMAGES = TypeAdapter(RackBootImages)
_DRIVERS = TypeAdapter(list[PowerDriver])


class RackControllers:
    """Manager of rack controllers, reached as ``client.rack_controllers``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<RackControllers manager>"

    def _one(self, answer: Any) -> RackController:
        return decode(answer, _RACK)._bind(self)

    def _post(self, system_id: str, op: str, data: list[tuple[str, str]]) -> RackController:
        return self._one(self._transport.post(_rack_path(system_id), op=op, data=data))

    # --- reading and writing ---------------------------------------------------------------

    @api_operation("GET", "rackcontrollers/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[RackController]:
        """List the rack controllers (region-and-rack controllers included) matching the filters.

        Non-admins see no controllers. The filters are those of every node listing.

        MAAS API: ``GET rackcontrollers/``.
        """
        params = node_filter_params(filters)
        if params is None:
            return []
        racks = decode(self._transport.get("rackcontrollers/", params=params), _RACKS)
        bind_all(racks, self)
        return racks

    @api_operation("GET", "rackcontrollers/{system_id}/")
    def get(self, system_id: str) -> RackController:
        """Read one rack controller.

        MAAS API: ``GET rackcontrollers/{system_id}/``.

        Raises:
            NotFoundError: No rack controller has that system_id.
        """
        return self._one(self._transport.get(_rack_path(system_id)))

    @api_operation("PUT", "rackcontrollers/{system_id}/")
    def update(
        self,
        system_id: str,
        *,
        description: str | None = None,
        power_type: str | None = None,
        power_parameters: dict[str, Any] | None = None,
        power_parameters_skip_check: bool | None = None,
        zone: str | Zone | None = None,
        domain: str | Domain | None = None,
    ) -> RackController:
        """Change a rack controller (admin); ``None`` leaves a field unchanged.

        MAAS API: ``PUT rackcontrollers/{system_id}/``.

        Args:
            system_id: The rack controller.
            description: New description.
            power_type: Power driver (``""`` for none).
            power_parameters: Driver parameters, sent as ``power_parameters_<name>``.
            power_parameters_skip_check: Do not validate the power parameters.
            zone: Zone (name or model).
            domain: Domain (name or model).

        Raises:
            BadRequestError: Invalid values (``field_errors`` says which).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = controller_update_form(
            description=description,
            power_type=power_type,
            power_parameters=power_parameters,
            power_parameters_skip_check=power_parameters_skip_check,
            zone=zone,
            domain=domain,
        )
        return self._one(self._transport.put(_rack_path(system_id), data=data))

    @api_operation("DELETE", "rackcontrollers/{system_id}/")
    def delete(self, system_id: str, *, force: bool | None = None) -> None:
        """Delete a rack controller (admin); a region-and-rack controller becomes a region.

        MAAS API: ``DELETE rackcontrollers/{system_id}/``.

        Args:
            system_id: The rack controller.
            force: Delete even if it is the only rack serving DHCP on a VLAN (DHCP is turned
                off there) or hosts VM host VMs (the VM host is deleted too).

        Raises:
            BadRequestError: It is the primary rack of a VLAN and ``force`` was not given.
        """
        params = form({"force": force})
        self._transport.delete(_rack_path(system_id), params=params)

    # --- reads -----------------------------------------------------------------------------

    @api_operation("GET", "rackcontrollers/{system_id}/", op="details")
    def details(self, system_id: str) -> MachineDetails:
        """Return the ``lshw`` and ``lldp`` XML commissioning collected.

        MAAS API: ``GET rackcontrollers/{system_id}/?op=details`` (``application/bson``).
        """
        return read_details(self._transport, _rack_path(system_id))

    @api_operation("GET", "rackcontrollers/{system_id}/", op="power_parameters")
    def power_parameters(self, system_id: str) -> dict[str, Any]:
        """Return the controller's power parameters, secrets included (admin).

        MAAS API: ``GET rackcontrollers/{system_id}/?op=power_parameters``.
        """
        return read_power_parameters(self._transport, _rack_path(system_id))

    @api_operation("GET", "rackcontrollers/{system_id}/", op="query_power_state")
    def query_power_state(self, system_id: str) -> PowerState:
        """Ask the BMC for the controller's power state now (may take up to 60 s).

        MAAS API: ``GET rackcontrollers/{system_id}/?op=query_power_state``.

        Raises:
            ServiceUnavailableError: No BMC is defined or none can be reached.
        """
        answer = self._transport.get(_rack_path(system_id), op="query_power_state")
        return decode(answer, _POWER_STATE).state

    @api_operation("GET", "rackcontrollers/{system_id}/", op="list_boot_images")
    def list_boot_images(self, system_id: str) -> RackBootImages:
        """List the boot images the rack holds and whether it is in sync (admin).

        MAAS API: ``GET rackcontrollers/{system_id}/?op=list_boot_images``.
        """
        answer = self._transport.get(_rack_path(system_id), op="list_boot_images")
        return decode(answer, _BOOT_IMAGES)

    # --- operations ------------------------------------------------------------------------

    @api_operation("POST", "rackcontrollers/{system_id}/", op="power_on")
    def power_on(
        self,
        system_id: str,
        *,
        user_data: str | bytes | None = None,
        comment: str | None = None,
    ) -> RackController:
        """Power a rack controller on (it needs a configured BMC).

        MAAS API: ``POST rackcontrollers/{system_id}/?op=power_on``.

        Args:
            system_id: The rack controller.
            user_data: cloud-init user data; sent base64-encoded.
            comment: Comment for the event log.

        Raises:
            ServiceUnavailableError: No BMC is defined or none can be reached.
        """
        data = form({"user_data": encode_user_data(user_data), "comment": comment})
        return self._post(system_id, "power_on", data)

    @api_operation("POST", "rackcontrollers/{system_id}/", op="power_off")
    def power_off(
        self,
        system_id: str,
        *,
        stop_mode: PowerStopMode | str | None = None,
        comment: str | None = None,
    ) -> RackController | None:
        """Power a rack controller off.

        MAAS API: ``POST rackcontrollers/{system_id}/?op=power_off``.

        Args:
            system_id: The rack controller.
            stop_mode: ``soft`` for a graceful shutdown where supported, else ``hard``.
            comment: Comment for the event log.

        Returns:
            The controller, or ``None`` when MAAS had no power action to take (``manual``).
        """
        data = form({"stop_mode": stop_mode, "comment": comment})
        answer = self._transport.post(_rack_path(system_id), op="power_off", data=data)
        rack = decode_optional(answer, _RACK)
        return None if rack is None else rack._bind(self)

    @api_operation("POST", "rackcontrollers/{system_id}/", op="abort")
    def abort(self, system_id: str, *, comment: str | None = None) -> RackController:
        """Abort the controller's running operation (testing).

        MAAS API: ``POST rackcontrollers/{system_id}/?op=abort``.

        Raises:
            ConflictError: Nothing is running that can be aborted.
        """
        return self._post(system_id, "abort", form({"comment": comment}))

    @api_operation("POST", "rackcontrollers/{system_id}/", op="test")
    def test(
        self,
        system_id: str,
        *,
        enable_ssh: bool | None = None,
        testing_scripts: str | Sequence[str] | None = None,
        script_parameters: ScriptParameters | None = None,
    ) -> RackController:
        """Run hardware tests on a rack controller (admin; it needs a power type).

        MAAS API: ``POST rackcontrollers/{system_id}/?op=test``.

        Args:
            system_id: The rack controller.
            enable_ssh: Keep the controller reachable by SSH during testing.
            testing_scripts: Testing scripts or tags to run (non-destructive only).
            script_parameters: Parameters of those scripts, by name or ``<script>_<name>``.

        Raises:
            ServerError: No power type is configured (``Unconfigured power type...``).
        """
        data = form(
            {"enable_ssh": enable_ssh, "testing_scripts": comma_list(testing_scripts)},
            script_parameters or {},
        )
        return self._post(system_id, "test", data)

    @api_operation("POST", "rackcontrollers/{system_id}/", op="override_failed_testing")
    def override_failed_testing(
        self, system_id: str, *, comment: str | None = None
    ) -> RackController:
        """Accept a rack controller whose tests failed (admin).

        MAAS API: ``POST rackcontrollers/{system_id}/?op=override_failed_testing``.

        Raises:
            ConflictError: Its tests did not fail.
        """
        return self._post(system_id, "override_failed_testing", form({"comment": comment}))

    @api_operation("POST", "rackcontrollers/{system_id}/", op="import_boot_images")
    @api_operation("POST", "rackcontrollers/", op="import_boot_images")
    def import_boot_images(self, system_id: str | None = None) -> None:
        """Ask one rack controller, or every one, to sync its boot images (admin).

        MAAS answers 202 at once; the import runs in the background.

        MAAS API: ``POST rackcontrollers/{system_id}/?op=import_boot_images`` (one rack,
        deprecated) or ``POST rackcontrollers/?op=import_boot_images`` (all racks).
        """
        path = "rackcontrollers/" if system_id is None else _rack_path(system_id)
        self._transport.post(path, op="import_boot_images", data=[])

    # --- collection operations -------------------------------------------------------------

    @api_operation("GET", "rackcontrollers/", op="describe_power_types")
    def describe_power_types(self) -> builtins.list[PowerDriver]:
        """List the power drivers MAAS offers and their parameters (admin).

        MAAS API: ``GET rackcontrollers/?op=describe_power_types``.
        """
        answer = self._transport.get("rackcontrollers/", op="describe_power_types")
        return decode(answer, _DRIVERS)

    @api_operation("GET", "rackcontrollers/", op="power_parameters")
    def power_parameters_many(
        self, system_ids: Iterable[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Return the power parameters of several rack controllers (all when ``None``; admin).

        MAAS API: ``GET rackcontrollers/?op=power_parameters``.
        """
        return read_power_parameters_many(self._transport, "rackcontrollers/", system_ids)

    @api_operation("GET", "rackcontrollers/", op="is_registered")
    def is_registered(self, mac_address: str) -> bool:
        """Whether a (non-retired) node of any kind has an interface with this MAC.

        MAAS API: ``GET rackcontrollers/?op=is_registered``.
        """
        params = form({"mac_address": mac_address})
        answer = self._transport.get("rackcontrollers/", op="is_registered", params=params)
        return bool_answer(answer)

    @api_operation("GET", "rackcontrollers/", op="is_action_in_progress")
    def is_action_in_progress(self, mac_address: str) -> bool:
        """Whether the node with this MAC is commissioning or deploying (asked anonymously).

        MAAS API: ``GET rackcontrollers/?op=is_action_in_progress`` (anonymous only).
        """
        return check_action_in_progress(self._transport, "rackcontrollers/", mac_address)

    @api_operation("POST", "rackcontrollers/", op="set_zone")
    def set_zone(self, zone: str | Zone, system_ids: Iterable[str]) -> None:
        """Move nodes (of any kind) to a zone (admin).

        MAAS API: ``POST rackcontrollers/?op=set_zone``.
        """
        data = set_zone_form(zone, system_ids)
        self._transport.post("rackcontrollers/", op="set_zone", data=data)


def _rack_path(system_id: str) -> str:
    return f"rackcontrollers/{path_segment(system_id)}/"
