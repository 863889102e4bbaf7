"""Tag every machine that matches a filter, in one request, and list the tagged machines.

Run it against your MAAS with an administrator's key::

    export MAAS_URL=http://maas.example:5240/MAAS
    export MAAS_API_KEY=consumer:token:secret
    python examples/tag_machines.py big-memory --mem 131072
    python examples/tag_machines.py zone-a-gpu --zone zone-a --with-tag gpu

The tag is a *manual* tag (no XPath definition): the example keeps it in sync with the filter.
Machines that match and lack the tag get it, machines that carry it but no longer match lose
it, all in one ``update_nodes`` request, however many machines there are. Running it again
changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from maas_sdk import MAASClient, MAASError
from maas_sdk.errors import NotFoundError
from maas_sdk.resources import Machine
from maas_sdk.resources.tags import Tag


def get_or_create_tag(client: MAASClient, name: str, comment: str) -> Tag:
    """Read the tag, creating it if it does not exist yet.

    MAAS API: ``GET tags/{name}/``, then ``POST tags/`` if it answered 404.
    """
    try:
        return client.tags.get(name)
    except NotFoundError:
        print(f"Creating tag {name}")
        return client.tags.create(name, comment=comment)


def main(
    client: MAASClient,
    tag_name: str,
    *,
    mem: int | None = None,
    cpu_count: int | None = None,
    zones: Sequence[str] | None = None,
    with_tags: Sequence[str] | None = None,
) -> list[Machine]:
    """Make ``tag_name`` carried by exactly the machines matching the filters; list them.

    MAAS API: ``GET tags/{name}/`` (``POST tags/``), ``GET machines/`` with filters,
    ``GET tags/{name}/?op=machines``, ``POST tags/{name}/?op=update_nodes``.

    Args:
        client: A client with an administrator's key.
        tag_name: The tag (letters, digits, ``-`` and ``_``).
        mem: Only machines with at least this much memory, in MiB.
        cpu_count: Only machines with at least this many cores.
        zones: Only machines in one of these zones.
        with_tags: Only machines that already carry all of these tags.

    Returns:
        The machines carrying the tag afterwards.

    Raises:
        BadRequestError: The tag name is invalid, or a filter names an unknown zone or tag.
        PermissionDeniedError: The key is not an administrator's.
    """
    tag = get_or_create_tag(client, tag_name, comment="kept in sync by tag_machines.py")

    # Machines compare equal by system_id, so sets of them work as expected.
    matching = set(client.machines.list(mem=mem, cpu_count=cpu_count, zone=zones, tags=with_tags))
    already_tagged = set(tag.machines())
    to_add = matching - already_tagged
    to_remove = already_tagged - matching

    if to_add or to_remove:
        result = client.tags.update_nodes(tag, add=to_add, remove=to_remove)
        print(f"{tag.name}: added to {result.added} machines, removed from {result.removed}")
    else:
        print(f"{tag.name}: already on exactly the {len(matching)} matching machines")

    tagged = sorted(tag.machines(), key=lambda machine: machine.hostname)
    for machine in tagged:
        print(
            f"  {machine.hostname:<20} {machine.zone.name:<10} {machine.cpu_count:>4} cores "
            f"{machine.memory // 1024:>5} GiB  {machine.status_name}"
        )
    return tagged


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Keep a tag on the machines matching a filter.")
    parser.add_argument("tag", help="the tag to apply")
    parser.add_argument("--mem", type=int, help="minimum memory in MiB")
    parser.add_argument("--cpu-count", type=int, help="minimum number of cores")
    parser.add_argument("--zone", action="append", help="only this zone (repeatable)")
    parser.add_argument("--with-tag", action="append", help="only machines with this tag")
    arguments = parser.parse_args()
    try:
        with MAASClient.from_env(user_agent="maas-sdk-examples/tag_machines") as maas:
            main(
                maas,
                arguments.tag,
                mem=arguments.mem,
                cpu_count=arguments.cpu_count,
                zones=arguments.zone,
                with_tags=arguments.with_tag,
            )
    except MAASError as failure:
        sys.exit(f"error: {failure}")
