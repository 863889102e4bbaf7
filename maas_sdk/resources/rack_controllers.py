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
    bound_manager,
    comma_list,
    decode,
    decode_optional,
    encode_user_data,
    form,
)
from maas_sdk.resources._controller_fields import (
    BootImage,
    ControllerFields,
    PowerDriver,
    PowerDriverField,
    RackBootImages,
    ServiceStatus,
)
from maas_sdk.resources._controller_ops import ControllerManager
from maas_sdk.resources._node_support import (
    NodeFilters,
    NodeTransport,
    read_power_parameters_many,
)

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


class RackControllers(ControllerManager[RackController]):
    """Manager of rack controllers, reached as ``client.rack_controllers``.

    ``get``, ``update``, ``delete``, ``details``, ``power_parameters``, ``is_registered``,
    ``is_action_in_progress`` and ``set_zone`` come from
    :class:`~maas_sdk.resources._controller_ops.ControllerManager` (``rackcontrollers/``).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        super().__init__(transport, "rackcontrollers/", _RACK, _RACKS)

    @api_operation("GET", "rackcontrollers/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[RackController]:
        """List the rack controllers (region-and-rack controllers included) matching the filters.

        Non-admins see no controllers. The filters are those of every node listing.

        MAAS API: ``GET rackcontrollers/``.
        """
        return self._list(filters)

    # --- reads -----------------------------------------------------------------------------

    @api_operation("GET", "rackcontrollers/{system_id}/", op="query_power_state")
    def query_power_state(self, system_id: str) -> PowerState:
        """Ask the BMC for the controller's power state now (may take up to 60 s).

        MAAS API: ``GET rackcontrollers/{system_id}/?op=query_power_state``.

        Raises:
            ServiceUnavailableError: No BMC is defined or none can be reached.
        """
        answer = self._transport.get(self._path(system_id), op="query_power_state")
        return decode(answer, _POWER_STATE).state

    @api_operation("GET", "rackcontrollers/{system_id}/", op="list_boot_images")
    def list_boot_images(self, system_id: str) -> RackBootImages:
        """List the boot images the rack holds and whether it is in sync (admin).

        MAAS API: ``GET rackcontrollers/{system_id}/?op=list_boot_images``.
        """
        answer = self._transport.get(self._path(system_id), op="list_boot_images")
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
        answer = self._transport.post(self._path(system_id), op="power_off", data=data)
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
        path = self._collection if system_id is None else self._path(system_id)
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
