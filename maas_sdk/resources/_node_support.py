"""Plumbing shared by the managers of devices, controllers and generic nodes.

MAAS serves every node collection (``devices/``, ``rackcontrollers/``, ``regioncontrollers/``,
``nodes/``) with the same list filters and the same collection ops (``is_registered``,
``is_action_in_progress``, ``set_zone``), and every node instance with the same ``details``
(BSON) and ``power_parameters`` reads. The helpers here do that work for
:class:`~maas_sdk.resources._node_collection.NodeCollection` (the managers' base, which declares
the operations) and for any other manager of nodes.

MAAS API: REFERENCE.md §7.2 (filters), §8 (other node types).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypedDict

from pydantic import TypeAdapter

from maas_sdk.resources._base import FormPairs, ResponseLike, TransportLike, decode, form
from maas_sdk.resources.machine_filters import (
    Names,
    PowerStates,
    SimpleStatuses,
    Statuses,
    Targets,
    filter_params,
)
from maas_sdk.resources.machine_settings import (
    power_parameter_pairs,
    read_details,
    read_power_parameters,
)
from maas_sdk.resources.zones import Zone

__all__ = [
    "NodeFilters",
    "NodeTransport",
    "bool_answer",
    "check_action_in_progress",
    "node_filter_params",
    "power_parameter_pairs",
    "read_details",
    "read_power_parameters",
    "read_power_parameters_many",
    "set_zone_form",
]

_BOOL = TypeAdapter(bool)
_PARAMETERS = TypeAdapter(dict[str, Any])
_ALL_PARAMETERS = TypeAdapter(dict[str, dict[str, Any]])


class NodeTransport(TransportLike, Protocol):
    """The transport, with the unsigned requests the anonymous-only ops need."""

    def request(
        self,
        method: Any,
        path: str,
        *,
        op: str | None = None,
        params: FormPairs | None = None,
        signed: bool = True,
    ) -> ResponseLike:
        """Send one request; ``signed=False`` sends it without credentials."""
        ...


class NodeFilters(TypedDict, total=False):
    """The server-side filters of every node listing (``devices/``, ``nodes/``, ...).

    Each filter takes one value or several; several values of one filter are OR-ed (except
    ``tags`` and ``subnets``, which require all), different filters are AND-ed, and a ``not_*``
    filter excludes nodes matching any of its values. MAAS answers 400 to an unknown zone, pool,
    tag or owner name.
    """

    hostname: Names
    """Exact host names (no domain)."""
    not_hostname: Names
    """Host names to exclude."""
    system_id: Names
    """system_ids (MAAS's ``id`` filter)."""
    not_system_id: Names
    """system_ids to exclude."""
    mac_address: Names
    """MAC addresses of any interface (colon form)."""
    domain: Names
    """Domain names."""
    not_domain: Names
    """Domain names to exclude."""
    agent_name: Names
    """Agent names set at allocation."""
    not_agent_name: Names
    """Agent names to exclude."""
    status: Statuses
    """Statuses (``NodeStatus`` members or keywords such as ``"deployed"``)."""
    not_status: Statuses
    """Statuses to exclude."""
    simple_status: SimpleStatuses
    """Simplified statuses, expanded here into the ``status`` keywords they stand for (MAAS
    answers 500 to the filter itself)."""
    not_simple_status: SimpleStatuses
    """Simplified statuses to exclude (expanded likewise)."""
    arch: Names
    """Architectures (``amd64`` matches every amd64 subarchitecture)."""
    not_arch: Names
    """Architectures to exclude."""
    tags: Names
    """Tag names the node must all carry."""
    not_tags: Names
    """Tag names the node must not carry."""
    zone: Names
    """Zone names."""
    not_in_zone: Names
    """Zone names to exclude."""
    pool: Names
    """Resource pool names (only machines are in pools)."""
    not_in_pool: Names
    """Resource pool names to exclude."""
    owner: Names
    """Owner usernames."""
    not_owner: Names
    """Owner usernames to exclude."""
    power_state: PowerStates
    """Power states (``on``, ``off``, ``unknown``, ``error``)."""
    not_power_state: PowerStates
    """Power states to exclude."""
    cpu_count: int
    """Minimum number of cores."""
    cpu_speed: int
    """Minimum CPU speed in MHz."""
    mem: int
    """Minimum memory in MiB."""
    link_speed: int
    """Minimum link speed of some interface, in Mbit/s."""
    fabrics: Names
    """Fabric names of some interface."""
    not_fabrics: Names
    """Fabric names to exclude."""
    fabric_classes: Names
    """Fabric classes of some interface."""
    not_fabric_classes: Names
    """Fabric classes to exclude."""
    vlans: Names
    """VLAN specifiers (``vid:10``, ``name:...``)."""
    not_vlans: Names
    """VLAN specifiers to exclude."""
    subnets: Names
    """Subnet specifiers, all required."""
    not_subnets: Names
    """Subnet specifiers to exclude."""
    pod: Names
    """VM host names."""
    not_pod: Names
    """VM host names to exclude."""
    pod_type: Names
    """VM host power types."""
    not_pod_type: Names
    """VM host power types to exclude."""
    deployment_target: Targets
    """``memory`` or ``disk`` (MAAS 3.5+)."""
    not_deployment_target: Targets
    """Deployment targets to exclude (MAAS 3.5+)."""
    storage: str
    """Storage constraint, e.g. ``"root:100(ssd)"`` (sizes in GB)."""
    interfaces: str
    """Interface constraint, e.g. ``"eth0:space=public"``."""
    devices: Names
    """PCI/USB device constraints, e.g. ``"vendor_id=10de"``."""


_FILTER_NAMES = tuple(NodeFilters.__annotations__)


def node_filter_params(filters: Mapping[str, Any]) -> FormPairs | None:
    """Turn the filters of a node listing into query pairs.

    Returns:
        The pairs, or ``None`` when the filters cannot match anything (``simple_status`` and
        ``status`` that exclude each other), in which case no request is needed.

    Raises:
        TypeError: A filter name that no node listing accepts.
    """
    unknown = sorted(set(filters) - set(_FILTER_NAMES))
    if unknown:
        raise TypeError(f"unknown node filter(s): {', '.join(unknown)}")
    arguments: dict[str, Any] = dict.fromkeys(_FILTER_NAMES)
    arguments.update(filters)
    return filter_params(arguments)


def set_zone_form(zone: str | Zone, system_ids: Iterable[str]) -> FormPairs:
    """The form of every ``op=set_zone``: the zone name and the ``nodes`` to move."""
    name = zone.name if isinstance(zone, Zone) else zone
    return form({"zone": name, "nodes": list(system_ids)})


def bool_answer(answer: ResponseLike) -> bool:
    """Decode a JSON ``true``/``false`` answer (``is_registered``, ``is_action_in_progress``)."""
    return decode(answer, _BOOL)


def check_action_in_progress(transport: NodeTransport, path: str, mac_address: str) -> bool:
    """Ask, without credentials, whether the node with this MAC is commissioning or deploying.

    MAAS serves ``op=is_action_in_progress`` only to anonymous callers (a signed request gets
    400 ``Unrecognised signature``), so the request is sent unsigned.
    """
    answer = transport.request(
        "GET",
        path,
        op="is_action_in_progress",
        params=form({"mac_address": mac_address}),
        signed=False,
    )
    return bool_answer(answer)


def read_power_parameters_many(
    transport: TransportLike, path: str, system_ids: Iterable[str] | None
) -> dict[str, dict[str, Any]]:
    """Read a collection's ``op=power_parameters``: system_id to parameters (admin)."""
    params = form({"id": None if system_ids is None else list(system_ids)})
    return decode(transport.get(path, op="power_parameters", params=params), _ALL_PARAMETERS)
