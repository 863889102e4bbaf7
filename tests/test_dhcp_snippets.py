"""DHCP snippets through the client against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.dhcp_snippets import DHCPSnippet
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._machines import seed_machines


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=8, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


def test_global_snippet_and_history(client: MAASClient) -> None:
    snippet = client.dhcp_snippets.create("lease", "default-lease-time 600;", description="short")
    assert isinstance(snippet, DHCPSnippet)
    assert snippet.global_snippet
    assert snippet.enabled
    assert snippet.node is None
    assert snippet.subnet is None
    assert [r.value for r in snippet.history] == ["default-lease-time 600;"]
    snippet.value = "default-lease-time 900;"
    snippet.enabled = False
    snippet.save()
    assert [r.value for r in snippet.history] == [
        "default-lease-time 900;",
        "default-lease-time 600;",
    ]
    assert snippet.enabled is False
    reverted = snippet.revert(snippet.history[1].id)
    assert reverted.value == "default-lease-time 600;"
    assert len(reverted.history) == 1
    with pytest.raises(BadRequestError, match="Goes too far back"):
        client.dhcp_snippets.revert(snippet.id, -1)
    assert client.dhcp_snippets.list() == [snippet]
    assert snippet.refresh() == client.dhcp_snippets.get(snippet.id)


def test_snippet_on_a_subnet_then_a_node(client: MAASClient, fake: FakeMAAS) -> None:
    (system_id,) = seed_machines(fake, 1, seed=1)
    subnet = client.subnets.create("10.20.0.0/24")
    on_subnet = client.dhcp_snippets.create("pxe", "next-server 10.20.0.2;", subnet=subnet)
    assert on_subnet.subnet is not None
    assert on_subnet.subnet.cidr == "10.20.0.0/24"
    assert not on_subnet.global_snippet
    on_node = client.dhcp_snippets.update(on_subnet.id, node=system_id)
    assert on_node.subnet is None
    assert on_node.node is not None
    assert on_node.node.system_id == system_id
    with pytest.raises(BadRequestError) as both:
        client.dhcp_snippets.create("x", "y", node=system_id, subnet=subnet.id)
    assert "node and subnet at the same time" in both.value.message
    again = client.dhcp_snippets.update(on_node.id, global_snippet=True)
    assert again.global_snippet
    assert again.node is None


def test_refusals(client: MAASClient, fake: FakeMAAS) -> None:
    with pytest.raises(BadRequestError) as missing:
        client.dhcp_snippets.create("", "")
    assert missing.value.field_errors == {
        "name": ["This field is required."],
        "value": ["This field is required."],
    }
    with pytest.raises(BadRequestError) as node:
        client.dhcp_snippets.create("x", "y", node="ghost")
    assert node.value.field_errors == {
        "node": ["Select a valid choice. ghost is not one of the available choices."]
    }
    with pytest.raises(NotFoundError, match="No DHCPSnippet matches"):
        client.dhcp_snippets.get(42)
    snippet = client.dhcp_snippets.create("x", "y")
    fake.add_user("bob")
    with fake.client(user="bob") as bob:
        assert bob.dhcp_snippets.get(snippet.id) == snippet
        with pytest.raises(PermissionDeniedError):
            bob.dhcp_snippets.delete(snippet.id)
    snippet.delete()
    assert client.dhcp_snippets.list() == []
