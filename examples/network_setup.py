"""Network setup: a fabric, a tagged VLAN, a subnet on it, a reserved and a dynamic IP range.

Run it against your MAAS with an administrator's key::

    export MAAS_URL=http://maas.example:5240/MAAS
    export MAAS_API_KEY=consumer:token:secret
    python examples/network_setup.py --cidr 10.99.0.0/24 --vid 100          # then cleans up
    python examples/network_setup.py --cidr 10.99.0.0/24 --vid 100 --keep   # leaves it

The layout of a /24 (or larger IPv4 network): the first address is the gateway, the first nine
are reserved for routers and switches, and fifty addresses near the end form the dynamic range
MAAS DHCP hands out (to enlisting and commissioning machines, once DHCP is turned on for the VLAN
with ``vlan.enable_dhcp(primary_rack=...)``, which needs a rack controller).

Everything created is deleted again at the end, in reverse order, unless ``--keep`` is given;
if a step fails, what was already created is deleted too.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from dataclasses import dataclass

from maas_sdk import MAASClient, MAASError
from maas_sdk.resources.fabrics import Fabric
from maas_sdk.resources.ip_ranges import IPRange, IPRangeType
from maas_sdk.resources.subnets import Subnet
from maas_sdk.resources.vlans import VLAN

Created = Fabric | VLAN | Subnet | IPRange
"""Anything this example creates: each has a bound ``delete()``."""


@dataclass
class Network:
    """What the example created."""

    fabric: Fabric
    vlan: VLAN
    subnet: Subnet
    reserved: IPRange
    dynamic: IPRange


def plan_addresses(cidr: str) -> tuple[str, tuple[str, str], tuple[str, str]]:
    """Pick the gateway, the reserved range and the dynamic range of an IPv4 network.

    Raises:
        ValueError: ``cidr`` is not an IPv4 network of at least 256 addresses.
    """
    network = ipaddress.ip_network(cidr)
    if network.version != 4 or network.num_addresses < 256:
        raise ValueError(f"{cidr}: this example lays out IPv4 networks of /24 or larger")
    gateway = str(network[1])
    reserved = (str(network[1]), str(network[9]))
    dynamic = (str(network[-56]), str(network[-6]))
    return gateway, reserved, dynamic


def create_network(
    client: MAASClient, name: str, cidr: str, vid: int, created: list[Created]
) -> Network:
    """Create the fabric, VLAN, subnet and ranges, appending each to ``created`` as it exists.

    MAAS API: ``POST fabrics/``, ``POST fabrics/{fabric_id}/vlans/``, ``POST subnets/``,
    ``POST ipranges/`` (twice).
    """
    gateway, reserved_range, dynamic_range = plan_addresses(cidr)

    fabric = client.fabrics.create(f"{name}-fabric", description=f"{name} lab network")
    created.append(fabric)
    print(f"Created fabric {fabric.name} (id {fabric.id})")

    vlan = fabric.create_vlan(vid, name=f"{name}-vlan", mtu=1500)
    created.append(vlan)
    print(f"Created VLAN {vlan.vid} ({vlan.name}) on {vlan.fabric}, MTU {vlan.mtu}")

    subnet = client.subnets.create(
        cidr, name=f"{name}-subnet", vlan=vlan, gateway_ip=gateway, dns_servers=[gateway]
    )
    created.append(subnet)
    print(f"Created subnet {subnet.cidr} on VLAN {vid}, gateway {subnet.gateway_ip}")

    reserved = client.ip_ranges.create(
        IPRangeType.RESERVED, *reserved_range, subnet=subnet, comment="routers and switches"
    )
    created.append(reserved)
    dynamic = client.ip_ranges.create(
        IPRangeType.DYNAMIC, *dynamic_range, subnet=subnet, comment="MAAS DHCP"
    )
    created.append(dynamic)
    for iprange in (reserved, dynamic):
        print(f"Created {iprange.type.value} range {iprange.start_ip}-{iprange.end_ip}")
    return Network(fabric, vlan, subnet, reserved, dynamic)


def describe(network: Network) -> None:
    """Print what MAAS now says about the subnet's addresses.

    MAAS API: ``GET subnets/{id}/?op=statistics``, ``GET subnets/{id}/?op=unreserved_ip_ranges``.
    """
    statistics = network.subnet.statistics()
    print(
        f"{network.subnet.cidr}: {statistics.usage_string} unavailable, "
        f"{statistics.num_available} addresses free"
    )
    for free in network.subnet.unreserved_ip_ranges():
        print(f"  free: {free.start}-{free.end} ({free.num_addresses})")


def delete_all(created: list[Created]) -> None:
    """Delete what was created, newest first; report (not raise) what could not be deleted.

    MAAS API: ``DELETE ipranges/{id}/``, ``DELETE subnets/{id}/``, ``DELETE vlans/{vlan_id}/``,
    ``DELETE fabrics/{id}/``.
    """
    while created:
        item = created.pop()
        try:
            item.delete()
        except MAASError as error:
            print(f"Could not delete {item!r}: {error}")
        else:
            print(f"Deleted {item!r}")


def main(
    client: MAASClient,
    *,
    name: str = "example",
    cidr: str = "10.99.0.0/24",
    vid: int = 100,
    keep: bool = False,
) -> Network:
    """Create the network, show its address usage, and delete it again unless ``keep``.

    MAAS API: see :func:`create_network`, :func:`describe` and :func:`delete_all`.

    Args:
        client: A client with an administrator's key.
        name: Prefix of the fabric, VLAN and subnet names.
        cidr: The subnet, an IPv4 network of /24 or larger.
        vid: The 802.1Q VLAN id (1-4094).
        keep: Leave everything in place instead of cleaning up.

    Returns:
        What was created (deleted again unless ``keep``).

    Raises:
        ValueError: ``cidr`` is not a usable IPv4 network.
        BadRequestError: A name, VID or CIDR is taken, or a range overlaps another.
        PermissionDeniedError: The key is not an administrator's.
    """
    created: list[Created] = []
    try:
        network = create_network(client, name, cidr, vid, created)
        describe(network)
    finally:
        if not keep:
            delete_all(created)
    return network


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Create a fabric, VLAN, subnet and IP ranges.")
    parser.add_argument("--name", default="example", help="name prefix (default: example)")
    parser.add_argument("--cidr", default="10.99.0.0/24", help="the subnet (default 10.99.0.0/24)")
    parser.add_argument("--vid", type=int, default=100, help="the VLAN's VID (default 100)")
    parser.add_argument("--keep", action="store_true", help="do not delete what was created")
    arguments = parser.parse_args()
    try:
        with MAASClient.from_env(user_agent="maas-sdk-examples/network_setup") as maas:
            main(
                maas,
                name=arguments.name,
                cidr=arguments.cidr,
                vid=arguments.vid,
                keep=arguments.keep,
            )
    except (MAASError, ValueError) as failure:
        sys.exit(f"error: {failure}")
