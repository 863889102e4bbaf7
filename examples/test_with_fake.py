"""A pytest module testing MAAS automation against the fake MAAS, as a user would write it.

Run it with ``pytest examples/test_with_fake.py``: the ``maas_fake`` and ``maas_client``
fixtures come from maas-sdk's pytest plugin, installed with the package. No MAAS, no network,
no sleeping: machines deploy on the fake's virtual clock.
"""

from __future__ import annotations

import pytest

from maas_sdk import ConflictError, MAASClient
from maas_sdk.testing import FakeMAAS


def deploy_one(client: MAASClient, *, zone: str, distro_series: str) -> str:
    """The automation under test: allocate a machine in ``zone``, deploy it, return its id."""
    machine = client.transport.post("machines/", op="allocate", data={"zone": zone}).json()
    system_id: str = machine["system_id"]
    client.transport.post(
        f"machines/{system_id}/", op="deploy", data={"distro_series": distro_series}
    )
    return system_id


def wait_deployed(client: MAASClient, system_id: str, *, timeout: float = 3600) -> str:
    """Poll until the machine leaves Deploying; return its final status name."""
    deadline = client.clock.monotonic() + timeout
    while client.clock.monotonic() < deadline:
        status: str = client.transport.get(f"machines/{system_id}/").json()["status_name"]
        if status != "Deploying":
            return status
        client.clock.sleep(10)
    raise TimeoutError(system_id)


@pytest.fixture
def ready_zone(maas_fake: FakeMAAS, maas_client: MAASClient) -> str:
    """Seed a small fleet and return a zone that holds at least one Ready machine."""
    maas_fake.seed_machines(20, seed=1)
    ready = maas_client.transport.get("machines/", params={"status": "ready"}).json()
    zone: str = ready[0]["zone"]["name"]
    return zone


def test_deploys_a_machine(maas_client: MAASClient, maas_fake: FakeMAAS, ready_zone: str) -> None:
    system_id = deploy_one(maas_client, zone=ready_zone, distro_series="jammy")

    assert wait_deployed(maas_client, system_id) == "Deployed"
    deploys = maas_fake.requests.filter(op="deploy")
    assert [entry.params["distro_series"] for entry in deploys] == [["jammy"]]


def test_reports_a_failed_deployment(
    maas_client: MAASClient, maas_fake: FakeMAAS, ready_zone: str
) -> None:
    ready = maas_client.transport.get("machines/", params={"zone": ready_zone, "status": "ready"})
    for machine in ready.json():
        maas_fake.script_failure(machine["system_id"], "deploy")

    system_id = deploy_one(maas_client, zone=ready_zone, distro_series="jammy")

    assert wait_deployed(maas_client, system_id) == "Failed deployment"


def test_survives_a_busy_region(
    maas_client: MAASClient, maas_fake: FakeMAAS, ready_zone: str
) -> None:
    maas_fake.faults.status(503, retry_after=5, op="allocate")

    deploy_one(maas_client, zone=ready_zone, distro_series="jammy")

    assert maas_fake.requests.count(op="allocate") == 2


def test_no_machine_left(maas_client: MAASClient) -> None:
    with pytest.raises(ConflictError, match="No available machine matches constraints"):
        deploy_one(maas_client, zone="default", distro_series="jammy")
