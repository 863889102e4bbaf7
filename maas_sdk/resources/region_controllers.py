"""Region controllers: :class:`RegionController` and the :class:`RegionControllers` manager.

A region controller runs the API, the database connection, DNS and the web UI. A machine that
is both region and rack (``REGION_AND_RACK_CONTROLLER``) is listed by both managers; MAAS then
gives it the rack controller's ``resource_uri``.

MAAS API: ``regioncontrollers/``, ``regioncontrollers/{system_id}/`` (REFERENCE.md §8).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Unpack

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._controller_fields import ControllerFields
from maas_sdk.resources._controller_ops import ControllerManager
from maas_sdk.resources._node_support import NodeFilters, NodeTransport

__all__ = ["RegionController", "RegionControllers"]


class RegionController(ControllerFields):
    """A region controller: every field MAAS returns and every operation it accepts.

    Compares equal to another :class:`RegionController` with the same ``system_id``.
    ``description``, ``domain``, ``zone`` and ``power_type`` can be assigned and sent with
    :meth:`save` (admin).
    """

    if TYPE_CHECKING:
        _manager: RegionControllers | None


_REGION = TypeAdapter(RegionController)
_REGIONS = TypeAdapter(list[RegionController])


class RegionControllers(ControllerManager[RegionController]):
    """Manager of region controllers, reached as ``client.region_controllers``.

    ``get``, ``update``, ``delete``, ``details``, ``power_parameters``, ``is_registered``,
    ``is_action_in_progress`` and ``set_zone`` come from
    :class:`~maas_sdk.resources._controller_ops.ControllerManager` (``regioncontrollers/``).

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: NodeTransport) -> None:
        super().__init__(transport, "regioncontrollers/", _REGION, _REGIONS)

    @api_operation("GET", "regioncontrollers/")
    def list(self, **filters: Unpack[NodeFilters]) -> builtins.list[RegionController]:
        """List the region controllers (region-and-rack ones included) matching the filters.

        Non-admins see no controllers. The filters are those of every node listing.

        MAAS API: ``GET regioncontrollers/``.
        """
        return self._list(filters)
