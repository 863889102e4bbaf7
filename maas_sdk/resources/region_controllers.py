"""Region controllers: :class:`RegionController` and the :class:`RegionControllers` manager.

A region controller runs the API, the database connection, DNS and the web UI. A machine that
is both region and rack (``REGION_AND_RACK_CONTROLLER``) is listed by both managers; MAAS then
gives it the rack controller's ``resource_uri``.

MAAS API: ``regioncontrollers/``, ``regioncontrollers/{system_id}/`` (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Unpack

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import bind_all, bound_manager, decode, form, path_segment
from maas_sdk.resources._controller_fields import ControllerFields, controller_update_form
from maas_sdk.resources._node_support import (
    NodeFilters,
    NodeTransport,
    bool_answer,
    check_action_in_progress,
    node_filter_params,
    read_details,
    read_power_parameters,
    set_zone_form,
)
from maas_sdk.resources.common import Domain
from maas_sdk.resources.zones import Zone

if TYPE_CHECKING:
    from maas_sdk.resources.machine_settings import MachineDetails

__all__ = ["RegionController", "RegionControllers"]


class RegionController(ControllerFields):
    """A region controller: every field MAAS returns and every operation it accepts.

    Compares equal to another :class:`RegionController` with the same ``system_id``.
    ``description``, ``domain``, ``zone`` and ``power_type`` can be assigned and sent with
    :meth:`save` (admin).
    """

    if TYPE_CHECKING:
        _manager: RegionControllers | None

    def _regions(self) -> RegionControllers:
        manager: RegionControllers | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> RegionController:
        """Re-read the controller (dropping unsaved changes) and return it."""
        return self._apply(self._regions().get(self.system_id))

    def save(self) -> RegionController:
        """Send the assigned fields (nothing if none changed) and return the controller."""
        changes = self.changes
        if not changes:
            return self
        return self._apply(self._regions().update(self.system_id, **changes))

    def delete(self, *, force: bool | None = None) -> None:
        """Delete the region controller; see :meth:`RegionControllers.delete`."""
        self._regions().delete(self.system_id, force=force)

    def details(self) -> MachineDetails:
        """Return commissioning's lshw/lldp output; see :meth:`RegionControllers.details`."""
        return self._regions().details(self.system_id)

    def power_parameters(self) -> dict[str, Any]:
        """Return the power parameters; see :meth:`RegionControllers.power_parameters`."""
        return self._regions().power_parameters(self.system_id)


_REGION = TypeAdapter(RegionController)
_REGIONS = TypeAdapter(list[RegionController])


class RegionControllers:
    """Manager of region controllers, reached as ``client.region_controllers``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<RegionControllers manager>"

    def _one(self, answer: Any) -> RegionController:
        return decode(answer, _REGION)._bind(self)

    @api_operation("GET", "regioncontrollers/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[RegionController]:
        """List the region controllers (region-and-rack ones included) matching the filters.

        Non-admins see no controllers. The filters are those of every node listing.

        MAAS API: ``GET regioncontrollers/``.
        """
        params = node_filter_params(filters)
        if params is None:
            return []
        regions = decode(self._transport.get("regioncontrollers/", params=params), _REGIONS)
        bind_all(regions, self)
        return regions

    @api_operation("GET", "regioncontrollers/{system_id}/")
    def get(self, system_id: str) -> RegionController:
        """Read one region controller.

        MAAS API: ``GET regioncontrollers/{system_id}/``.

        Raises:
            NotFoundError: No region controller has that system_id.
        """
        return self._one(self._transport.get(_region_path(system_id)))

    @api_operation("PUT", "regioncontrollers/{system_id}/")
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
    ) -> RegionController:
        """Change a region controller (admin); ``None`` leaves a field unchanged.

        MAAS API: ``PUT regioncontrollers/{system_id}/``.

        Args:
            system_id: The region controller.
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
        return self._one(self._transport.put(_region_path(system_id), data=data))

    @api_operation("DELETE", "regioncontrollers/{system_id}/")
    def delete(self, system_id: str, *, force: bool | None = None) -> None:
        """Delete a region controller (admin).

        MAAS API: ``DELETE regioncontrollers/{system_id}/``.

        Args:
            system_id: The region controller.
            force: Delete even if it hosts VM host VMs (the VM host is deleted too).
        """
        self._transport.delete(_region_path(system_id), params=form({"force": force}))

    @api_operation("GET", "regioncontrollers/{system_id}/", op="details")
    def details(self, system_id: str) -> MachineDetails:
        """Return the ``lshw`` and ``lldp`` XML commissioning collected.

        MAAS API: ``GET regioncontrollers/{system_id}/?op=details`` (``application/bson``).
        """
        return read_details(self._transport, _region_path(system_id))

    @api_operation("GET", "regioncontrollers/{system_id}/", op="power_parameters")
    def power_parameters(self, system_id: str) -> dict[str, Any]:
        """Return the controller's power parameters, secrets included (admin).

        MAAS API: ``GET regioncontrollers/{system_id}/?op=power_parameters``.
        """
        return read_power_parameters(self._transport, _region_path(system_id))

    @api_operation("GET", "regioncontrollers/", op="is_registered")
    def is_registered(self, mac_address: str) -> bool:
        """Whether a (non-retired) node of any kind has an interface with this MAC.

        MAAS API: ``GET regioncontrollers/?op=is_registered``.
        """
        params = form({"mac_address": mac_address})
        answer = self._transport.get("regioncontrollers/", op="is_registered", params=params)
        return bool_answer(answer)

    @api_operation("GET", "regioncontrollers/", op="is_action_in_progress")
    def is_action_in_progress(self, mac_address: str) -> bool:
        """Whether the node with this MAC is commissioning or deploying (asked anonymously).

        MAAS API: ``GET regioncontrollers/?op=is_action_in_progress`` (anonymous only).
        """
        return check_action_in_progress(self._transport, "regioncontrollers/", mac_address)

    @api_operation("POST", "regioncontrollers/", op="set_zone")
    def set_zone(self, zone: str | Zone, system_ids: Iterable[str]) -> None:
        """Move nodes (of any kind) to a zone (admin).

        MAAS API: ``POST regioncontrollers/?op=set_zone``.
        """
        data = set_zone_form(zone, system_ids)
        self._transport.post("regioncontrollers/", op="set_zone", data=data)


def _region_path(system_id: str) -> str:
    return f"regioncontrollers/{path_segment(system_id)}/"
