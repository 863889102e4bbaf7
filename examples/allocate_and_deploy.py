"""Allocate a machine by constraints, deploy it with cloud-init user data, release it on failure.

Run it against your MAAS::

    export MAAS_URL=http://maas.example:5240/MAAS
    export MAAS_API_KEY=consumer:token:secret
    python examples/allocate_and_deploy.py --cpu-count 8 --mem 32768 --tag ssd --zone zone-a

``allocate`` asks MAAS for the cheapest Ready machine that has at least ``cpu_count`` cores and
``mem`` MiB of memory, every tag given, in the zone given, and makes it yours; no match raises
:class:`~maas_sdk.errors.ConflictError` with MAAS's explanation. If the deployment fails, times
out or is interrupted (Ctrl-C), the machine is released so it does not stay allocated to you.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from maas_sdk import MAASClient, MAASError
from maas_sdk.resources import Machine

USER_DATA = """\
#cloud-config
package_update: true
packages:
  - nginx
runcmd:
  - systemctl enable --now nginx
"""
"""cloud-init user data: the SDK sends it base64-encoded, as MAAS expects."""

AGENT_NAME = "maas-sdk-examples"
"""Stored on the machine at allocation: lets you find the machines a tool allocated."""


def show_progress(machine: Machine) -> None:
    """An ``on_progress`` callback: one line per poll."""
    print(f"  {machine.hostname}: {machine.status_name}")


def release_after_failure(machine: Machine) -> None:
    """Hand the machine back to MAAS; a failure to do so is reported, not raised.

    MAAS API: ``POST machines/{system_id}/?op=release``.
    """
    print(f"Releasing {machine.hostname} ({machine.status_name})")
    try:
        machine.release(comment="deployment by allocate_and_deploy.py did not finish")
    except MAASError as error:
        print(f"  could not release it, do it by hand: {error}")


def main(
    client: MAASClient,
    *,
    cpu_count: int | None = None,
    mem: int | None = None,
    tags: Sequence[str] | None = None,
    zone: str | None = None,
    distro_series: str = "jammy",
    user_data: str = USER_DATA,
    timeout: float | None = None,
) -> Machine:
    """Allocate a machine matching the constraints and deploy it; release it if that fails.

    MAAS API: ``POST machines/?op=allocate``, ``POST machines/{system_id}/?op=deploy`` (then
    ``GET machines/{system_id}/`` until it ends), ``POST machines/{system_id}/?op=release`` on
    failure.

    Args:
        client: The client to use.
        cpu_count: Minimum number of cores.
        mem: Minimum memory in MiB.
        tags: Tags the machine must all have.
        zone: Availability zone.
        distro_series: The release to install.
        user_data: cloud-init user data.
        timeout: Seconds to wait for the deployment at most (default: the SDK's).

    Returns:
        The machine, Deployed and allocated to the caller.

    Raises:
        ConflictError: No Ready machine matches the constraints.
        BadRequestError: A constraint names an unknown zone or tag.
        DeploymentFailedError: The deployment failed (the machine was released).
        WaitTimeoutError: It was still deploying at the deadline (the machine was released).
    """
    machine = client.machines.allocate(
        cpu_count=cpu_count,
        mem=mem,
        tags=tags,
        zone=zone,
        agent_name=AGENT_NAME,
        comment="allocated by allocate_and_deploy.py",
    )
    print(
        f"Allocated {machine.hostname} ({machine.system_id}): {machine.cpu_count} cores, "
        f"{machine.memory // 1024} GiB, zone {machine.zone.name}, "
        f"tags {', '.join(machine.tag_names) or '-'}"
    )

    try:
        machine.deploy(
            distro_series=distro_series,
            user_data=user_data,
            wait=True,
            timeout=timeout,
            on_progress=show_progress,
        )
    except BaseException:  # a failure, a timeout, or Ctrl-C while waiting
        release_after_failure(machine)
        raise

    print(f"{machine.fqdn} is {machine.status_name} with {machine.osystem} {machine.distro_series}")
    return machine


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Allocate a machine by constraints and deploy it.")
    parser.add_argument("--cpu-count", type=int, help="minimum number of cores")
    parser.add_argument("--mem", type=int, help="minimum memory in MiB")
    parser.add_argument("--tag", action="append", default=[], help="required tag (repeatable)")
    parser.add_argument("--zone", help="availability zone")
    parser.add_argument("--series", default="jammy", help="release to install (default: jammy)")
    arguments = parser.parse_args()
    try:
        with MAASClient.from_env(user_agent="maas-sdk-examples/allocate_and_deploy") as maas:
            main(
                maas,
                cpu_count=arguments.cpu_count,
                mem=arguments.mem,
                tags=arguments.tag,
                zone=arguments.zone,
                distro_series=arguments.series,
            )
    except MAASError as failure:
        sys.exit(f"error: {failure}")
