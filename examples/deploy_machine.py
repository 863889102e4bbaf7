"""Deploy a Ready machine by host name and wait until it is Deployed, showing its progress.

Run it against your MAAS with the key of a user allowed to deploy the machine::

    export MAAS_URL=http://maas.example:5240/MAAS
    export MAAS_API_KEY=consumer:token:secret
    python examples/deploy_machine.py node-01 --series jammy

It shows a lookup through a server-side filter (``find_by_hostname``), a bound action that waits
(``deploy(wait=True)``) with a progress callback, and the errors a failed or slow deployment
raises. On a failure the machine object already holds the state it ended in.
"""

from __future__ import annotations

import argparse
import sys

from maas_sdk import MAASClient, MAASError
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import DeploymentFailedError, WaitTimeoutError
from maas_sdk.resources import Machine

DEPLOYABLE = frozenset({NodeStatus.READY, NodeStatus.ALLOCATED})
"""``deploy`` accepts a Ready machine (it allocates it first) or one the caller allocated."""


class ProgressPrinter:
    """An ``on_progress`` callback: prints a line when the status or its message changes.

    Elapsed time is read from the client's clock, so it is virtual time against the fake MAAS.
    """

    def __init__(self, client: MAASClient) -> None:
        self.clock = client.clock
        self.started = client.clock.monotonic()
        self.last_seen: tuple[str, str | None] | None = None

    def __call__(self, machine: Machine) -> None:
        seen = (machine.status_name, machine.status_message)
        if seen == self.last_seen:
            return
        self.last_seen = seen
        elapsed = self.clock.monotonic() - self.started
        detail = machine.status_message
        suffix = f" ({detail})" if detail and detail != machine.status_name else ""
        print(f"  {elapsed:5.0f}s  {machine.status_name}{suffix}")


def main(
    client: MAASClient,
    hostname: str,
    *,
    distro_series: str = "jammy",
    timeout: float | None = None,
) -> Machine:
    """Deploy the machine called ``hostname`` and return it once it is Deployed.

    MAAS API: ``GET machines/?hostname=...``, ``POST machines/{system_id}/?op=deploy``, then
    ``GET machines/{system_id}/`` until the deployment ends.

    Args:
        client: The client to use.
        hostname: The machine's host name, without its domain.
        distro_series: The release to install.
        timeout: Seconds to wait at most (default: the SDK's, 65 minutes for a deploy).

    Returns:
        The machine, Deployed.

    Raises:
        LookupError: No machine has that host name.
        ValueError: The machine is neither Ready nor Allocated.
        DeploymentFailedError: It ended in Failed deployment, or went back to where it started.
        WaitTimeoutError: It was still deploying at the deadline.
    """
    machine = client.machines.find_by_hostname(hostname)
    if machine is None:
        raise LookupError(f"no machine is named {hostname!r}")
    if machine.status not in DEPLOYABLE:
        raise ValueError(
            f"{hostname} is {machine.status_name}: only a Ready or Allocated machine can deploy"
        )

    print(f"Deploying {distro_series} to {machine.hostname} ({machine.system_id})")
    try:
        machine.deploy(
            distro_series=distro_series,
            wait=True,
            timeout=timeout,
            on_progress=ProgressPrinter(client),
        )
    except DeploymentFailedError as error:
        # `machine` now shows where it ended (Failed deployment, or back to Allocated/Ready).
        print(f"Deployment failed: {machine.hostname} is {machine.status_name}")
        if error.status_message:
            print(f"  MAAS says: {error.status_message}")
        raise
    except WaitTimeoutError as error:
        print(f"Gave up after {error.timeout:g}s: {machine.hostname} is still {error.last_state}")
        raise

    addresses = ", ".join(machine.addresses) or "no address yet"
    print(f"{machine.fqdn} is {machine.status_name}: {addresses}")
    return machine


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Deploy a Ready machine and wait for it.")
    parser.add_argument("hostname", help="the machine's host name (without the domain)")
    parser.add_argument("--series", default="jammy", help="release to install (default: jammy)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds to wait at most")
    arguments = parser.parse_args()
    try:
        with MAASClient.from_env(user_agent="maas-sdk-examples/deploy_machine") as maas:
            main(
                maas, arguments.hostname, distro_series=arguments.series, timeout=arguments.timeout
            )
    except (MAASError, LookupError, ValueError) as failure:
        sys.exit(f"error: {failure}")
