"""JSON renderings of the non-node objects, with the keys, order and nulls MAAS emits.

Key orders follow the answers a 3.4.10 region gave (REFERENCE.md §22) where they are literal,
and MAAS's own examples elsewhere. Node modules use these for nested objects (a machine's
``zone``, ``pool``, ``domain``, an interface's ``vlan``, a link's ``subnet``).
"""

from __future__ import annotations

from typing import Any

from ._events import LEVEL_NAMES
from ._models import (
    VLAN,
    Domain,
    Event,
    Fabric,
    IPRange,
    ResourcePool,
    Space,
    SSHKey,
    StaticRoute,
    Subnet,
    Tag,
    User,
    Zone,
)
from ._store import Store

__all__ = [
    "API_PREFIX",
    "UNDEFINED_SPACE_DESCRIPTION",
    "format_event_time",
    "render_domain",
    "render_event",
    "render_fabric",
    "render_iprange",
    "render_pool",
    "render_space",
    "render_sshkey",
    "render_static_route",
    "render_subnet",
    "render_tag",
    "render_undefined_space",
    "render_user",
    "render_vlan",
    "render_zone",
]

API_PREFIX = "/MAAS/api/2.0/"
UNDEFINED_SPACE_DESCRIPTION = (
    "Backward compatibility object to ensure objects not associated with a space can be found."
)
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_event_time(moment: Any) -> str:
    """Format a datetime like ``events/?op=query``: ``Thu, 27 Nov. 2025 10:28:00``."""
    day = _DAYS[moment.weekday()]
    month = _MONTHS[moment.month - 1]
    return f"{day}, {moment.day:02d} {month}. {moment.year} {moment:%H:%M:%S}"


def render_zone(zone: Zone) -> dict[str, Any]:
    """Render a zone (``resource_uri`` by name)."""
    return _named(zone, f"{API_PREFIX}zones/{zone.name}/")


def render_pool(pool: ResourcePool) -> dict[str, Any]:
    """Render a resource pool (``resource_uri`` on the singular ``resourcepool/{id}/``)."""
    return _named(pool, f"{API_PREFIX}resourcepool/{pool.id}/")


def _named(item: Zone | ResourcePool, resource_uri: str) -> dict[str, Any]:
    return {
        "name": item.name,
        "description": item.description,
        "id": item.id,
        "resource_uri": resource_uri,
    }


def render_domain(store: Store, domain: Domain) -> dict[str, Any]:
    """Render a domain (``resource_uri`` by id)."""
    return {
        "authoritative": domain.authoritative,
        "ttl": domain.ttl,
        "is_default": domain.id == store.default_domain_id,
        "resource_record_count": domain.resource_record_count,
        "name": domain.name,
        "id": domain.id,
        "resource_uri": f"{API_PREFIX}domains/{domain.id}/",
    }


def render_vlan(store: Store, vlan: VLAN) -> dict[str, Any]:
    """Render a VLAN (13 keys, no ``description``; ``fabric`` and ``space`` are names)."""
    relay = store.vlans.get(vlan.relay_vlan_id) if vlan.relay_vlan_id is not None else None
    return {
        "vid": vlan.vid,
        "mtu": vlan.mtu,
        "dhcp_on": vlan.dhcp_on,
        "external_dhcp": vlan.external_dhcp,
        "relay_vlan": render_vlan(store, relay) if relay is not None else None,
        "fabric_id": vlan.fabric_id,
        "secondary_rack": vlan.secondary_rack,
        "primary_rack": vlan.primary_rack,
        "space": space_name(store, vlan.space_id),
        "fabric": store.fabrics[vlan.fabric_id].display_name,
        "name": vlan.display_name,
        "id": vlan.id,
        "resource_uri": f"{API_PREFIX}vlans/{vlan.id}/",
    }


def space_name(store: Store, space_id: int | None) -> str:
    """Return a space's name, ``undefined`` for none."""
    space = store.spaces.get(space_id) if space_id is not None else None
    return space.name if space is not None else "undefined"


def render_fabric(store: Store, fabric: Fabric) -> dict[str, Any]:
    """Render a fabric with its VLANs (no ``description``)."""
    return {
        "class_type": fabric.class_type,
        "name": fabric.display_name,
        "id": fabric.id,
        "vlans": [render_vlan(store, vlan) for vlan in store.fabric_vlans(fabric.id)],
        "resource_uri": f"{API_PREFIX}fabrics/{fabric.id}/",
    }


def render_subnet(store: Store, subnet: Subnet) -> dict[str, Any]:
    """Render a subnet (15 keys; ``space`` is the VLAN's space name)."""
    vlan = store.vlans[subnet.vlan_id]
    return {
        "name": subnet.name,
        "description": subnet.description,
        "vlan": render_vlan(store, vlan),
        "cidr": subnet.cidr,
        "rdns_mode": subnet.rdns_mode,
        "gateway_ip": subnet.gateway_ip,
        "dns_servers": list(subnet.dns_servers),
        "allow_dns": subnet.allow_dns,
        "allow_proxy": subnet.allow_proxy,
        "active_discovery": subnet.active_discovery,
        "managed": subnet.managed,
        "disabled_boot_architectures": list(subnet.disabled_boot_architectures),
        "space": space_name(store, vlan.space_id),
        "id": subnet.id,
        "resource_uri": f"{API_PREFIX}subnets/{subnet.id}/",
    }


def render_space(store: Store, space: Space) -> dict[str, Any]:
    """Render a space with its VLANs and subnets."""
    vlans = [vlan for vlan in store.vlans.values() if vlan.space_id == space.id]
    return _space_body(store, space.id, space.name, space.description, vlans)


def render_undefined_space(store: Store) -> dict[str, Any]:
    """Render the synthetic ``undefined`` space (id -1) holding the VLANs without a space."""
    vlans = [vlan for vlan in store.vlans.values() if vlan.space_id is None]
    body = _space_body(store, -1, "undefined", UNDEFINED_SPACE_DESCRIPTION, vlans)
    body["resource_uri"] = f"{API_PREFIX}spaces/undefined/"
    return body


def _space_body(
    store: Store, space_id: int, name: str, description: str, vlans: list[VLAN]
) -> dict[str, Any]:
    vlan_ids = {vlan.id for vlan in vlans}
    subnets = [subnet for subnet in store.subnets.values() if subnet.vlan_id in vlan_ids]
    return {
        "description": description,
        "subnets": [render_subnet(store, subnet) for subnet in subnets],
        "resource_uri": f"{API_PREFIX}spaces/{space_id}/",
        "vlans": [render_vlan(store, vlan) for vlan in sorted(vlans, key=lambda v: v.id)],
        "name": name,
        "id": space_id,
    }


def render_user(user: User) -> dict[str, Any]:
    """Render a user."""
    return {
        "is_superuser": user.is_superuser,
        "username": user.username,
        "email": user.email,
        "is_local": user.is_local,
        "resource_uri": f"{API_PREFIX}users/{user.username}/",
    }


def render_iprange(store: Store, iprange: IPRange) -> dict[str, Any]:
    """Render an IP range (``user`` is a full User object or null)."""
    user = store.users.get(iprange.username) if iprange.username else None
    return {
        "subnet": render_subnet(store, store.subnets[iprange.subnet_id]),
        "type": iprange.type,
        "start_ip": iprange.start_ip,
        "end_ip": iprange.end_ip,
        "comment": iprange.comment,
        "user": render_user(user) if user is not None else None,
        "id": iprange.id,
        "resource_uri": f"{API_PREFIX}ipranges/{iprange.id}/",
    }


def render_static_route(store: Store, route: StaticRoute) -> dict[str, Any]:
    """Render a static route (``source``/``destination`` are full subnets)."""
    return {
        "source": render_subnet(store, store.subnets[route.source_id]),
        "destination": render_subnet(store, store.subnets[route.destination_id]),
        "gateway_ip": route.gateway_ip,
        "metric": route.metric,
        "id": route.id,
        "resource_uri": f"{API_PREFIX}static-routes/{route.id}/",
    }


def render_tag(tag: Tag) -> dict[str, Any]:
    """Render a tag (``resource_uri`` by name)."""
    return {
        "name": tag.name,
        "definition": tag.definition,
        "comment": tag.comment,
        "kernel_opts": tag.kernel_opts,
        "resource_uri": f"{API_PREFIX}tags/{tag.name}/",
    }


def render_sshkey(key: SSHKey) -> dict[str, Any]:
    """Render an SSH key as reads show it (``keysource`` ``""`` when none)."""
    return {
        "key": key.key,
        "keysource": key.keysource,
        "id": key.id,
        "resource_uri": f"{API_PREFIX}account/prefs/sshkeys/{key.id}/",
    }


def render_event(event: Event) -> dict[str, Any]:
    """Render an event of ``events/?op=query``."""
    return {
        "username": event.username,
        "node": event.node,
        "hostname": event.hostname,
        "id": event.id,
        "level": LEVEL_NAMES[event.level],
        "created": format_event_time(event.created),
        "type": event.type,
        "description": event.description,
    }
