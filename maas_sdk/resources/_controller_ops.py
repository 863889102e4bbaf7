"""The operations rack and region controller managers share: update and delete.

Both controller kinds take the same update form and the same ``force`` on delete, on their own
route; :class:`ControllerManager` implements them once and declares them on both routes. The
rack-only operations (power, tests, boot images, power drivers) stay on
:class:`~maas_sdk.resources.rack_controllers.RackControllers`.

MAAS API: ``rackcontrollers/{system_id}/``, ``regioncontrollers/{system_id}/``
(REFERENCE.md §8).
"""

from __future__ import annotations

from typing import Any, TypeVar

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import form
from maas_sdk.resources._controller_fields import ControllerFields
from maas_sdk.resources._node_collection import NodeCollection
from maas_sdk.resources._node_support import power_parameter_pairs
from maas_sdk.resources.common import Domain
from maas_sdk.resources.zones import Zone

__all__ = ["ControllerManager"]

ControllerT = TypeVar("ControllerT", bound=ControllerFields)


class ControllerManager(NodeCollection[ControllerT]):
    """The node operations plus update and delete, on a controller collection."""

    @api_operation("PUT", "rackcontrollers/{system_id}/")
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
    ) -> ControllerT:
        """Change a controller (admin); ``None`` leaves a field unchanged.

        MAAS API: ``PUT rackcontrollers/{system_id}/`` or ``PUT regioncontrollers/{system_id}/``.

        Args:
            system_id: The controller.
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
        data = form(
            {
                "description": description,
                "power_type": power_type,
                "power_parameters_skip_check": power_parameters_skip_check,
                "zone": zone.name if isinstance(zone, Zone) else zone,
                "domain": domain.name if isinstance(domain, Domain) else domain,
            },
            power_parameter_pairs(power_parameters),
        )
        return self._one(self._transport.put(self._path(system_id), data=data))

    @api_operation("DELETE", "rackcontrollers/{system_id}/")
    @api_operation("DELETE", "regioncontrollers/{system_id}/")
    def delete(self, system_id: str, *, force: bool | None = None) -> None:
        """Delete a controller (admin).

        A region-and-rack controller deleted as a rack controller becomes a region controller.

        MAAS API: ``DELETE rackcontrollers/{system_id}/`` or
        ``DELETE regioncontrollers/{system_id}/``.

        Args:
            system_id: The controller.
            force: Delete even if it hosts VM host VMs (the VM host is deleted too) or, for a
                rack controller, if it is the only rack serving DHCP on a VLAN (DHCP is turned
                off there).

        Raises:
            BadRequestError: The rack controller is the primary rack of a VLAN and ``force``
                was not given.
        """
        self._transport.delete(self._path(system_id), params=form({"force": force}))
