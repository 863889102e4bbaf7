"""What mypy infers for users of the object model: precise types, never ``Any``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[1]
CONFIG = str(ROOT / "pyproject.toml")

PROBES = {
    "machines.get('x')": "maas_sdk.resources.machines.Machine",
    "machines.list(status=NodeStatus.READY)": "list[maas_sdk.resources.machines.Machine]",
    "machines.allocate(cpu_count=8)": "maas_sdk.resources.machines.Machine",
    "machines.get('x').deploy(wait=True)": "maas_sdk.resources.machines.Machine",
    "machines.get('x').zone": "maas_sdk.resources.zones.Zone",
    "machines.get('x').status": "maas_sdk.enums.NodeStatus",
    "machines.get('x').interface_set[0].links[0].subnet": (
        "maas_sdk.resources.subnets.Subnet | None"
    ),
    "machines.power_off('x')": "maas_sdk.resources.machines.Machine | None",
    "machines.query_power_state('x')": "maas_sdk.enums.PowerState",
    "subnets.get('10.0.0.0/24')": "maas_sdk.resources.subnets.Subnet",
    "subnets.statistics(1)": "maas_sdk.resources.subnets.SubnetStatistics",
    "zones.list()": "list[maas_sdk.resources.zones.Zone]",
}


def run_mypy(*paths: str) -> tuple[str, int]:
    stdout, stderr, status = api.run(["--strict", "--config-file", CONFIG, *paths])
    return stdout + stderr, status


def test_the_user_script_passes_mypy_strict() -> None:
    output, status = run_mypy(str(ROOT / "tests" / "typing" / "user_script.py"))

    assert status == 0, output


@pytest.fixture
def probe(tmp_path: Path) -> Path:
    lines = [
        "from maas_sdk.client import MAASClient",
        "from maas_sdk.enums import NodeStatus",
        "from maas_sdk.resources import Machines, Subnets, Zones",
        "",
        "def probe(client: MAASClient) -> None:",
        "    machines = Machines(client.transport, clock=client.clock)",
        "    subnets = Subnets(client.transport)",
        "    zones = Zones(client.transport)",
    ]
    lines += [f"    reveal_type({expression})" for expression in PROBES]
    path = tmp_path / "probe.py"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_reveal_type_shows_the_models_never_any(probe: Path) -> None:
    output, status = run_mypy(str(probe))

    revealed = re.findall(r'Revealed type is "([^"]+)"', output)
    assert status == 0, output
    assert revealed == list(PROBES.values())
    assert not any("Any" in found for found in revealed)
