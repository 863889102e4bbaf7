"""``machine.interfaces`` and ``machine.block_devices`` reach the node-scoped managers."""

from __future__ import annotations

from maas_sdk.testing import FakeMAAS


def test_machine_interfaces_and_block_devices_are_node_scoped_views() -> None:
    fake = FakeMAAS(seed=5)
    fake.seed_machines(2, seed=5)
    client = fake.client()
    machine = client.machines.list()[0]
    fake.requests.clear()

    interfaces = machine.interfaces
    devices = machine.block_devices

    assert fake.requests.count() == 0  # building the views does no I/O
    assert {i.name for i in interfaces.list()} == {i.name for i in machine.interface_set}
    assert {d.name for d in devices.list()} == {d.name for d in machine.blockdevice_set}
    paths = [entry.path for entry in fake.requests.filter(method="GET")]
    assert paths == [
        f"/MAAS/api/2.0/nodes/{machine.system_id}/interfaces/",
        f"/MAAS/api/2.0/nodes/{machine.system_id}/blockdevices/",
    ]
