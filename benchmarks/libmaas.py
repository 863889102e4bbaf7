"""python-libmaas 0.6.8 in the benchmark's own environment, never in the project's.

``environment()`` creates ``benchmarks/.venv-libmaas`` with a Python 3.11 interpreter (libmaas
does not run on 3.12+) and installs ``python-libmaas==0.6.8`` into it, once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

VERSION = "python-libmaas==0.6.8"
SCRIPT = Path(__file__).resolve().parent / "libmaas_case.py"


def _python311() -> str | None:
    if sys.version_info[:2] == (3, 11):
        return getattr(sys, "_base_executable", None) or sys.executable
    return shutil.which("python3.11")


def environment(venv: Path) -> tuple[str | None, str]:
    """Return the libmaas environment's interpreter (creating it if needed), or why not."""
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import maas.client"]
    if python.exists() and subprocess.run(check, capture_output=True, check=False).returncode == 0:
        return str(python), ""
    base = _python311()
    if base is None:
        return None, "no Python 3.11 interpreter found (python-libmaas 0.6.8 needs <= 3.11)"
    print(f"installing {VERSION} into {venv} ...", flush=True)
    steps = [
        [base, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", VERSION],
    ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return None, f"{' '.join(step[:3])}: {error}"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["failed"])[-1]
            return None, f"{' '.join(step[:4])}: {last}"
    if subprocess.run(check, capture_output=True, check=False).returncode != 0:
        return None, "installed, but `import maas.client` fails"
    return str(python), ""


def run(python: str, url: str, api_key: str) -> dict[str, Any]:
    """List every machine with libmaas (in a fresh interpreter) and return what it measured."""
    done = subprocess.run(
        [python, str(SCRIPT), url, api_key], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"python-libmaas run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
