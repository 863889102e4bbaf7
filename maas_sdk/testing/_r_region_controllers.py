"""``regioncontrollers/`` and ``regioncontrollers/{system_id}/`` of the fake region.

Region-and-rack controllers are served here too, with the region field set but (as MAAS does)
the rack controller's ``resource_uri`` (REFERENCE.md §8, examples ``regioncontrollers.json``).
"""

from __future__ import annotations

from ._r_controller_ops import controller_routes
from ._r_node_records import REGION_TYPES
from ._r_node_render import region_dict

__all__: list[str] = []

controller_routes(
    "regioncontrollers/", REGION_TYPES, "RegionController", region_dict, as_rack=False
)
