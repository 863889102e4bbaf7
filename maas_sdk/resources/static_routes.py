"""Static routes: :class:`StaticRoute` and the :class:`StaticRoutes` manager.

A static route tells the nodes deployed on a source subnet to reach a destination subnet through
a gateway of the source subnet. Reached as ``client.static_routes``.

MAAS API: ``static-routes/``, ``static-routes/{id}/`` (REFERENCE.md §9.6).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
    path_segment,
)
from maas_sdk.resources.ip_ranges import SubnetRef
from maas_sdk.resources.subnets import Subnet

__all__ = ["StaticRoute", "StaticRouteRef", "StaticRoutes"]


class StaticRoute(Resource):
    """A static route from a source subnet to a destination subnet.

    Compares equal to another :class:`StaticRoute` with the same :attr:`id`. ``source`` and
    ``destination`` (assign a :class:`~maas_sdk.resources.subnets.Subnet`), ``gateway_ip`` and
    ``metric`` can be assigned and sent with :meth:`save`.
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"source", "destination", "gateway_ip", "metric"}
    )
    if TYPE_CHECKING:
        _manager: StaticRoutes | None

    id: int
    """Database id."""
    source: Subnet | None = None
    """The subnet whose nodes get the route."""
    destination: Subnet | None = None
    """The subnet the route leads to."""
    gateway_ip: str = ""
    """The next hop, an address of the source subnet."""
    metric: int = 0
    """Route metric (lower is preferred)."""
    resource_uri: str = ""
    """Absolute API path of the route (``/MAAS/api/2.0/static-routes/<id>/``)."""

    def __repr__(self) -> str:
        source = self.source.cidr if self.source is not None else "?"
        destination = self.destination.cidr if self.destination is not None else "?"
        return f"<StaticRoute {self.id} {source} -> {destination} via {self.gateway_ip}>"

    __str__ = __repr__

    def _routes(self) -> StaticRoutes:
        manager: StaticRoutes | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> StaticRoute:
        """Re-read the route (dropping unsaved changes) and return it."""
        return self._apply(self._routes().get(self.id))

    def save(self) -> StaticRoute:
        """Send the assigned fields (nothing if none changed) and return the route."""
        changes: dict[str, Any] = self.changes
        if not changes:
            return self
        return self._apply(self._routes().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the route; see :meth:`StaticRoutes.delete`."""
        self._routes().delete(self.id)


StaticRouteRef = int | StaticRoute
"""A static route given by id, or as an object."""

_ROUTE = TypeAdapter(StaticRoute)
_ROUTE_LIST = TypeAdapter(list[StaticRoute])


class StaticRoutes:
    """Manager of static routes, reached as ``client.static_routes``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<StaticRoutes manager>"

    @api_operation("GET", "static-routes/")
    def list(self) -> builtins.list[StaticRoute]:
        """List every static route.

        MAAS API: ``GET static-routes/``.
        """
        routes = decode(self._transport.get("static-routes/"), _ROUTE_LIST)
        bind_all(routes, self)
        return routes

    @api_operation("GET", "static-routes/{id}/")
    def get(self, route: StaticRouteRef) -> StaticRoute:
        """Read one static route by id.

        MAAS API: ``GET static-routes/{id}/``.

        Raises:
            NotFoundError: No such route (``No StaticRoute matches the given query.``).
        """
        return decode(self._transport.get(_route_path(route)), _ROUTE)._bind(self)

    @api_operation("POST", "static-routes/")
    def create(
        self,
        source: SubnetRef,
        destination: SubnetRef,
        gateway_ip: str,
        *,
        metric: int | None = None,
    ) -> StaticRoute:
        """Create a static route (admin only).

        MAAS API: ``POST static-routes/``.

        Args:
            source: The subnet whose nodes get the route (id, CIDR, name or object).
            destination: The subnet to reach.
            gateway_ip: The next hop, inside the source subnet.
            metric: Route metric (default 0).

        Raises:
            BadRequestError: Gateway outside the source subnet, same source and destination,
                duplicate route (``field_errors``).
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _route_form(source, destination, gateway_ip, metric)
        return decode(self._transport.post("static-routes/", data=data), _ROUTE)._bind(self)

    @api_operation("PUT", "static-routes/{id}/")
    def update(
        self,
        route: StaticRouteRef,
        *,
        source: SubnetRef | None = None,
        destination: SubnetRef | None = None,
        gateway_ip: str | None = None,
        metric: int | None = None,
    ) -> StaticRoute:
        """Change a static route (admin only); omitted (``None``) arguments stay unchanged.

        MAAS API: ``PUT static-routes/{id}/``.

        Raises:
            BadRequestError: A refused value (see :meth:`create`).
            NotFoundError: No such route.
            PermissionDeniedError: The caller is not an administrator.
        """
        data = _route_form(source, destination, gateway_ip, metric)
        return decode(self._transport.put(_route_path(route), data=data), _ROUTE)._bind(self)

    @api_operation("DELETE", "static-routes/{id}/")
    def delete(self, route: StaticRouteRef) -> None:
        """Delete a static route (admin only).

        MAAS API: ``DELETE static-routes/{id}/``.

        Raises:
            NotFoundError: No such route.
            PermissionDeniedError: The caller is not an administrator.
        """
        self._transport.delete(_route_path(route))


def _route_path(route: StaticRouteRef) -> str:
    key = route.id if isinstance(route, StaticRoute) else route
    return f"static-routes/{path_segment(key)}/"


def _subnet_key(subnet: SubnetRef | None) -> int | str | None:
    return subnet.id if isinstance(subnet, Subnet) else subnet


def _route_form(
    source: SubnetRef | None,
    destination: SubnetRef | None,
    gateway_ip: str | None,
    metric: int | None,
) -> builtins.list[tuple[str, str]]:
    return form(
        {
            "source": _subnet_key(source),
            "destination": _subnet_key(destination),
            "gateway_ip": gateway_ip,
            "metric": metric,
        }
    )
