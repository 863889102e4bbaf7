"""The README's first command: both tours run to completion and say what they did."""

from __future__ import annotations

import io

import pytest

from maas_sdk import demo
from maas_sdk.testing import FakeMAAS


def test_demo_walks_the_workflow_on_the_embedded_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAAS_URL", "MAAS_API_URL", "MAAS_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    out = io.StringIO()

    assert demo.main(out) == 0

    text = out.getvalue()
    assert "Started the embedded fake MAAS at http://127.0.0.1:" in text
    assert "Inventory: 12 machines" in text
    assert "Inventory: 13 machines" in text
    for step in ("1. Enlist", "2. Allocate", "3. Deploy", "4. Release"):
        assert step in text
    assert "allocated demo-01 to admin" in text
    assert "demo-01: Deployed" in text
    assert text.rstrip().endswith("Done.")


def test_demo_tours_a_real_maas_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMAAS(seed=3)
    fake.seed_machines(4, seed=3)
    with fake.serve() as server:
        monkeypatch.setenv("MAAS_URL", server.url)
        monkeypatch.setenv("MAAS_API_KEY", server.api_key)
        before = len(fake.requests.filter(method="POST"))
        out = io.StringIO()

        assert demo.main(out) == 0

    text = out.getvalue()
    assert "(read-only tour)" in text
    assert "Inventory: 4 machines" in text
    assert len(fake.requests.filter(method="POST")) == before


def test_demo_reports_a_failure_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAAS_URL", "http://127.0.0.1:9/MAAS")
    monkeypatch.setenv("MAAS_API_KEY", "not-a-key")

    assert demo.main(io.StringIO()) == 1

    assert "demo failed: Malformed MAAS API key" in capsys.readouterr().err
