"""The scripts in examples/ run against the in-process fake MAAS and do what they say.

Each example's ``main()`` is called with a client mounted on a seeded ``FakeMAAS``; the client
sleeps on the fake's virtual clock, so ``wait=True`` deployments finish at once. The tests check
the state the fake ends in, the requests it received, and what the example printed. The
``__main__`` blocks are run too, with ``MAASClient.from_env`` answering a client on the fake.
"""

# The examples are scripts, not a package: they are imported once examples/ is on sys.path.
# ruff: noqa: E402

from __future__ import annotations

import base64
import inspect
import runpy
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from maas_sdk import BadRequestError, ConflictError, MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import DeploymentFailedError, WaitTimeoutError
from maas_sdk.resources import Machine
from maas_sdk.resources.ip_ranges import IPRangeType
from maas_sdk.testing import FakeMAAS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
sys.path.append(str(EXAMPLES))

import allocate_and_deploy
import deploy_machine
import inventory_report
import network_setup
import tag_machines

FLEET_SIZE = 30
SCRIPTS = (allocate_and_deploy, deploy_machine, inventory_report, network_setup, tag_machines)


@pytest.fixture
def fake() -> FakeMAAS:
    region = FakeMAAS(seed=5, strict=True)
    region.seed_machines(FLEET_SIZE, seed=1)
    return region


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as maas:
        yield maas


def system_ids(machines: Iterable[Machine]) -> set[str]:
    return {machine.system_id for machine in machines}


def test_every_example_script_is_run_here_and_none_is_collected_by_pytest() -> None:
    scripts = {path.stem for path in EXAMPLES.glob("*.py") if not path.name.startswith("test_")}
    assert scripts == {module.__name__ for module in SCRIPTS}
    assert not any(name.endswith("_test") for name in scripts)  # pytest's other file pattern
    for module in SCRIPTS:
        first = next(iter(inspect.signature(module.main).parameters.values()))
        assert (first.name, first.annotation) == ("client", "MAASClient"), module.__name__


# --- deploy_machine.py ----------------------------------------------------------------------


def test_deploy_machine_deploys_a_ready_machine_and_prints_its_progress(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    target = client.machines.list(status=NodeStatus.READY)[0]
    started = client.clock.monotonic()
    fake.requests.clear()

    machine = deploy_machine.main(client, target.hostname, distro_series="jammy")

    assert machine == target
    assert machine.status is NodeStatus.DEPLOYED
    assert client.machines.get(target.system_id).status is NodeStatus.DEPLOYED
    assert client.clock.monotonic() > started  # it waited, on virtual time
    (deploy,) = fake.requests.filter(op="deploy")
    assert deploy.params["distro_series"] == ["jammy"]
    lookup = fake.requests[0]
    assert lookup.pattern == "machines/"
    assert lookup.params == {"hostname": [target.hostname]}
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Deploying jammy to {target.hostname} ({target.system_id})"
    assert [line.split()[-1] for line in lines[1:3]] == ["Deploying", "Deployed"]
    assert lines[-1].startswith(f"{machine.fqdn} is Deployed: ")
    assert machine.addresses[0] in lines[-1]


def test_deploy_machine_reports_a_failed_deployment(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    target = client.machines.list(status=NodeStatus.READY)[0]
    fake.script_failure(target.system_id, "deploy")

    with pytest.raises(DeploymentFailedError) as raised:
        deploy_machine.main(client, target.hostname)

    assert raised.value.machine.status is NodeStatus.FAILED_DEPLOYMENT
    assert client.machines.get(target.system_id).status is NodeStatus.FAILED_DEPLOYMENT
    assert f"Deployment failed: {target.hostname} is Failed deployment" in capsys.readouterr().out


def test_deploy_machine_gives_up_at_its_deadline(
    client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    target = client.machines.list(status=NodeStatus.READY)[0]

    with pytest.raises(WaitTimeoutError):
        deploy_machine.main(client, target.hostname, timeout=1)

    assert f"Gave up after 1s: {target.hostname} is still Deploying" in capsys.readouterr().out


def test_deploy_machine_refuses_unknown_and_busy_machines(
    fake: FakeMAAS, client: MAASClient
) -> None:
    deployed = client.machines.list(status=NodeStatus.DEPLOYED)[0]

    with pytest.raises(LookupError, match="no machine is named 'no-such-host'"):
        deploy_machine.main(client, "no-such-host")
    with pytest.raises(ValueError, match=f"{deployed.hostname} is Deployed"):
        deploy_machine.main(client, deployed.hostname)

    assert fake.requests.count(op="deploy") == 0


# --- allocate_and_deploy.py -----------------------------------------------------------------

CONSTRAINTS: dict[str, Any] = {"cpu_count": 16, "mem": 65536, "tags": ["gpu"], "zone": "zone-c"}


def test_allocate_and_deploy_picks_a_matching_machine_and_sends_the_user_data(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    machine = allocate_and_deploy.main(client, **CONSTRAINTS)

    assert machine.cpu_count >= 16
    assert machine.memory >= 65536
    assert "gpu" in machine.tag_names
    assert machine.zone.name == "zone-c"
    on_server = client.machines.get(machine.system_id)
    assert on_server.status is NodeStatus.DEPLOYED
    assert on_server.owner == "admin"
    (allocate,) = fake.requests.filter(op="allocate")
    assert allocate.params["cpu_count"] == ["16"]
    assert allocate.params["mem"] == ["65536"]
    assert allocate.params["tags"] == ["gpu"]
    assert allocate.params["zone"] == ["zone-c"]
    assert allocate.params["agent_name"] == [allocate_and_deploy.AGENT_NAME]
    (deploy,) = fake.requests.filter(op="deploy")
    (user_data,) = deploy.params["user_data"]
    assert base64.b64decode(user_data).decode() == allocate_and_deploy.USER_DATA
    assert fake.requests.count(op="release") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Allocated {machine.hostname} ({machine.system_id}): ")
    assert out.rstrip().endswith(f"{machine.fqdn} is Deployed with ubuntu jammy")


def test_allocate_and_deploy_releases_the_machine_when_the_deployment_fails(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    candidates = client.machines.list(status="ready", **CONSTRAINTS)
    assert candidates
    for candidate in candidates:
        fake.script_failure(candidate.system_id, "deploy")

    with pytest.raises(DeploymentFailedError) as raised:
        allocate_and_deploy.main(client, **CONSTRAINTS)

    system_id = raised.value.machine.system_id
    (release,) = fake.requests.filter(op="release")
    assert release.api_path == f"machines/{system_id}/"
    client.clock.sleep(600)
    released = client.machines.get(system_id)
    assert released.status is NodeStatus.READY
    assert released.owner is None
    assert f"Releasing {released.hostname} (Failed deployment)" in capsys.readouterr().out


def test_allocate_and_deploy_releases_the_machine_when_interrupted(
    fake: FakeMAAS, client: MAASClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(machine: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(allocate_and_deploy, "show_progress", interrupt)

    with pytest.raises(KeyboardInterrupt):
        allocate_and_deploy.main(client, **CONSTRAINTS)

    (deploy,) = fake.requests.filter(op="deploy")
    (release,) = fake.requests.filter(op="release")
    assert release.api_path == deploy.api_path


def test_allocate_and_deploy_touches_nothing_when_no_machine_matches(
    fake: FakeMAAS, client: MAASClient
) -> None:
    with pytest.raises(ConflictError, match="No available machine matches constraints"):
        allocate_and_deploy.main(client, cpu_count=100_000)

    assert fake.requests.count(op="deploy") == 0
    assert fake.requests.count(op="release") == 0


# --- inventory_report.py --------------------------------------------------------------------


def test_inventory_report_totals_the_whole_fleet_by_zone_and_status(
    client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = client.transport.get("machines/").json()
    expected_counts = Counter((m["zone"]["name"], m["status_name"]) for m in raw)
    expected_cores: Counter[tuple[str, str]] = Counter()
    for m in raw:
        expected_cores[(m["zone"]["name"], m["status_name"])] += m["cpu_count"]

    report = inventory_report.main(client)

    counts = {
        (zone, status.label): totals.machines
        for zone, by_status in report.items()
        for status, totals in by_status.items()
    }
    cores = {
        (zone, status.label): totals.cores
        for zone, by_status in report.items()
        for status, totals in by_status.items()
    }
    assert counts == dict(expected_counts)
    assert cores == dict(expected_cores)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{FLEET_SIZE} machines"
    assert out[1].split() == ["zone", "status", "machines", "cores", "memory", "GiB"]
    total_memory = sum(m["memory"] for m in raw) / 1024
    assert out[-1].split() == [
        "total",
        str(FLEET_SIZE),
        str(sum(cores.values())),
        f"{total_memory:,.0f}",
    ]


def test_inventory_report_filters_on_the_server_in_one_request(
    fake: FakeMAAS, client: MAASClient
) -> None:
    fake.requests.clear()

    report = inventory_report.main(
        client, zones=["zone-b", "zone-c"], statuses=["ready", NodeStatus.DEPLOYED]
    )

    (listing,) = fake.requests.filter(method="GET", path="machines/")
    assert listing.params == {"zone": ["zone-b", "zone-c"], "status": ["ready", "deployed"]}
    assert set(report) <= {"zone-b", "zone-c"}
    statuses = {status for by_status in report.values() for status in by_status}
    assert statuses <= {NodeStatus.READY, NodeStatus.DEPLOYED}
    expected = client.machines.list(zone=["zone-b", "zone-c"], status=["ready", "deployed"])
    assert sum(t.machines for by in report.values() for t in by.values()) == len(expected)


def test_inventory_report_of_nothing_prints_no_table(
    client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert inventory_report.main(client, statuses=["retired"]) == {}
    assert capsys.readouterr().out == "0 machines\n"


# --- network_setup.py -----------------------------------------------------------------------


def test_network_setup_creates_the_fabric_vlan_subnet_and_ranges(
    client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    network_setup.main(client, name="lab", cidr="10.98.0.0/24", vid=42, keep=True)

    fabric = client.fabrics.get("lab-fabric")
    vlan = fabric.get_vlan(42)
    assert vlan.name == "lab-vlan"
    subnet = client.subnets.get("10.98.0.0/24")
    assert subnet.name == "lab-subnet"
    assert subnet.vlan is not None
    assert subnet.vlan.id == vlan.id
    assert subnet.gateway_ip == "10.98.0.1"
    ranges = {(r.type, r.start_ip, r.end_ip) for r in client.ip_ranges.list()}
    assert ranges == {
        (IPRangeType.RESERVED, "10.98.0.1", "10.98.0.9"),
        (IPRangeType.DYNAMIC, "10.98.0.200", "10.98.0.250"),
    }
    out = capsys.readouterr().out
    assert "Created VLAN 42 (lab-vlan) on lab-fabric, MTU 1500" in out
    assert "10.98.0.0/24: 24% unavailable, 194 addresses free" in out
    assert "  free: 10.98.0.10-10.98.0.199 (190)" in out
    assert "Deleted" not in out


def test_network_setup_cleans_up_everything_it_created(
    client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    fabrics_before = {fabric.name for fabric in client.fabrics.list()}
    subnets_before = {subnet.cidr for subnet in client.subnets.list()}

    network = network_setup.main(client)

    assert {fabric.name for fabric in client.fabrics.list()} == fabrics_before
    assert {subnet.cidr for subnet in client.subnets.list()} == subnets_before
    assert client.ip_ranges.list() == []
    deleted = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Deleted")]
    assert deleted == [
        f"Deleted {network.dynamic!r}",
        f"Deleted {network.reserved!r}",
        f"Deleted {network.subnet!r}",
        f"Deleted {network.vlan!r}",
        f"Deleted {network.fabric!r}",
    ]


def test_network_setup_deletes_what_it_made_when_a_step_fails(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    client.subnets.create("10.99.0.0/24")  # the example's subnet already exists elsewhere

    with pytest.raises(BadRequestError):
        network_setup.main(client)

    assert "example-fabric" not in {fabric.name for fabric in client.fabrics.list()}
    assert fake.requests.count(method="DELETE", path="vlans/{vlan_id}/") == 1
    out = capsys.readouterr().out
    assert "Deleted <VLAN" in out
    assert "Deleted <Fabric" in out


def test_network_setup_rejects_a_small_network_before_creating_anything(
    fake: FakeMAAS, client: MAASClient
) -> None:
    with pytest.raises(ValueError, match="/24 or larger"):
        network_setup.main(client, cidr="10.97.0.0/28")

    assert fake.requests.count(method="POST") == 0


# --- tag_machines.py ------------------------------------------------------------------------


def test_tag_machines_tags_every_match_in_one_request(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    matching = system_ids(client.machines.list(mem=131072))
    assert len(matching) > 5

    tagged = tag_machines.main(client, "big-memory", mem=131072)

    assert system_ids(tagged) == matching
    assert system_ids(client.machines.list(tags="big-memory")) == matching
    assert client.tags.get("big-memory").definition == ""
    (update,) = fake.requests.filter(op="update_nodes")
    assert set(update.params["add"]) == matching
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "Creating tag big-memory",
        f"big-memory: added to {len(matching)} machines, removed from 0",
    ]
    assert len(out) == 2 + len(matching)


def test_tag_machines_keeps_the_tag_in_sync_with_the_filter(
    fake: FakeMAAS, client: MAASClient, capsys: pytest.CaptureFixture[str]
) -> None:
    tag_machines.main(client, "big-memory", mem=131072)
    tag_machines.main(client, "big-memory", mem=131072)
    assert fake.requests.count(op="update_nodes") == 1  # the second run had nothing to do

    shrunk = client.machines.list(tags="big-memory", status="ready")[0]
    client.machines.update(shrunk.system_id, memory=8192)
    tagged = tag_machines.main(client, "big-memory", mem=131072)

    assert shrunk not in tagged
    assert "big-memory" not in client.machines.get(shrunk.system_id).tag_names
    last_update = fake.requests.filter(op="update_nodes")[-1]
    assert last_update.params == {"remove": [shrunk.system_id]}
    out = capsys.readouterr().out
    assert "already on exactly the" in out
    assert "big-memory: added to 0 machines, removed from 1" in out


def test_tag_machines_reuses_an_existing_tag(fake: FakeMAAS, client: MAASClient) -> None:
    client.tags.create("gpu-zone-b", comment="made by hand")

    tagged = tag_machines.main(client, "gpu-zone-b", zones=["zone-b"], with_tags=["gpu"])

    assert fake.requests.count(method="POST", path="tags/") == 1  # only the one above
    assert tagged
    assert all(m.zone.name == "zone-b" and "gpu" in m.tag_names for m in tagged)
    assert client.tags.get("gpu-zone-b").comment == "made by hand"


# --- the __main__ blocks --------------------------------------------------------------------


@pytest.fixture
def from_env_uses_the_fake(fake: FakeMAAS, monkeypatch: pytest.MonkeyPatch) -> FakeMAAS:
    """Make ``MAASClient.from_env(**options)`` return a client mounted on the fake."""
    monkeypatch.setattr(MAASClient, "from_env", lambda **options: fake.client(**options))
    return fake


def run_script(monkeypatch: pytest.MonkeyPatch, script: str, *argv: str) -> None:
    monkeypatch.setattr(sys, "argv", [script, *argv])
    runpy.run_path(str(EXAMPLES / script), run_name="__main__")


@pytest.mark.parametrize(
    ("script", "argv", "expected"),
    [
        ("deploy_machine.py", ["{ready}", "--series", "jammy"], "is Deployed: "),
        ("allocate_and_deploy.py", ["--cpu-count", "8", "--tag", "gpu"], "is Deployed with ubuntu"),
        ("inventory_report.py", ["--zone", "zone-b", "--status", "ready"], "total "),
        ("network_setup.py", ["--cidr", "10.96.0.0/24", "--vid", "7"], "Deleted <Fabric"),
        ("tag_machines.py", ["big-memory", "--mem", "131072"], "big-memory: added to "),
    ],
)
def test_each_script_runs_from_the_command_line(
    from_env_uses_the_fake: FakeMAAS,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: str,
    argv: list[str],
    expected: str,
) -> None:
    with from_env_uses_the_fake.client() as client:
        ready = client.machines.list(status=NodeStatus.READY)[0].hostname
    from_env_uses_the_fake.requests.clear()

    run_script(monkeypatch, script, *(arg.format(ready=ready) for arg in argv))

    assert expected in capsys.readouterr().out
    assert {entry.user for entry in from_env_uses_the_fake.requests} == {"admin"}


def test_a_failing_script_exits_with_the_error(
    from_env_uses_the_fake: FakeMAAS, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exited:
        run_script(monkeypatch, "deploy_machine.py", "no-such-host")

    assert exited.value.code == "error: no machine is named 'no-such-host'"
