"""client.tags through the fake MAAS: CRUD, update_nodes, rebuild and the node listings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from models_support import example
from pydantic import TypeAdapter

from maas_sdk import MAASClient
from maas_sdk.enums import NodeType
from maas_sdk.errors import (
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
)
from maas_sdk.resources.machine_manager import Machines
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.tags import Tag, TaggedNode, TagNodesUpdate, Tags
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=11, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


@pytest.fixture
def machine_ids(fake: FakeMAAS) -> list[str]:
    return fake.seed_machines(3)


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.tags, Tags)
    assert client.tags is client.tags


def test_create_get_list(client: MAASClient) -> None:
    tag = client.tags.create("fast", comment="NVMe", kernel_opts="quiet")
    assert (tag.name, tag.comment, tag.kernel_opts, tag.definition) == ("fast", "NVMe", "quiet", "")
    assert tag.resource_uri == "/MAAS/api/2.0/tags/fast/"
    assert not tag.is_automatic
    auto = client.tags.create("virt", definition="//node[@class='system']")
    assert auto.is_automatic
    assert repr(auto) == "<Tag virt automatic>"
    assert client.tags.get("fast") == tag
    assert client.tags.list() == [tag, auto]


def test_create_refusals(client: MAASClient, bob: MAASClient) -> None:
    client.tags.create("dup")
    with pytest.raises(BadRequestError) as duplicate:
        client.tags.create("dup")
    assert duplicate.value.field_errors == {"name": ["Tag with this Name already exists."]}
    with pytest.raises(BadRequestError) as spaced:
        client.tags.create("bad name")
    assert spaced.value.field_errors == {"name": ["Enter a valid value."]}
    with pytest.raises(BadRequestError) as xpath:
        client.tags.create("x", definition="//node[[")
    assert xpath.value.field_errors == {
        "definition": ["Invalid xpath expression: Invalid expression"]
    }
    with pytest.raises(PermissionDeniedError):
        bob.tags.create("bobs")


def test_save_renames_through_the_old_url(client: MAASClient) -> None:
    tag = client.tags.create("old", comment="c")
    tag.name = "new"
    tag.comment = "c2"
    assert tag.save() is tag
    assert (tag.name, tag.comment, tag.resource_uri) == ("new", "c2", "/MAAS/api/2.0/tags/new/")
    with pytest.raises(NotFoundError, match="No Tag matches the given query"):
        client.tags.get("old")
    with pytest.raises(ReadOnlyFieldError):
        tag.resource_uri = "x"
    updated = client.tags.update(tag, kernel_opts="nomodeset")
    assert tag.refresh() == updated
    assert tag.kernel_opts == "nomodeset"


def test_delete(client: MAASClient, bob: MAASClient) -> None:
    tag = client.tags.create("gone")
    with pytest.raises(PermissionDeniedError):
        bob.tags.delete("gone")
    tag.delete()
    with pytest.raises(NotFoundError):
        client.tags.delete("gone")


def test_update_nodes_and_listings(client: MAASClient, machine_ids: list[str]) -> None:
    tag = client.tags.create("rack-7")
    first = Machines(client.transport).get(machine_ids[0])
    result = tag.update_nodes(add=[first, machine_ids[1]])
    assert result == TagNodesUpdate(added=2, removed=0)
    machines = tag.machines()
    assert {m.system_id for m in machines} == set(machine_ids[:2])
    assert all(isinstance(m, Machine) for m in machines)
    assert "rack-7" in machines[0].refresh().tag_names
    nodes = tag.nodes()
    assert all(isinstance(node, TaggedNode) for node in nodes)
    assert {node.system_id for node in nodes} == set(machine_ids[:2])
    assert nodes[0].node_type is NodeType.MACHINE
    assert nodes[0].zone is not None
    assert "status_name" in (nodes[0].model_extra or {})
    assert tag.devices() == []
    assert tag.rack_controllers() == []
    assert tag.region_controllers() == []
    assert client.tags.update_nodes("rack-7", remove=machine_ids[1]) == TagNodesUpdate(removed=1)
    assert [m.system_id for m in client.tags.machines("rack-7")] == [machine_ids[0]]


def test_update_nodes_ignores_unknown_ids(client: MAASClient) -> None:
    client.tags.create("t")
    assert client.tags.update_nodes("t", add="nosuch") == TagNodesUpdate(added=0, removed=0)


def test_update_nodes_definition_guard(client: MAASClient, machine_ids: list[str]) -> None:
    client.tags.create("manual")
    with pytest.raises(ConflictError, match="Definition supplied '//x' doesn't match"):
        client.tags.update_nodes("manual", add=machine_ids[0], definition="//x")
    assert client.tags.update_nodes("manual", add=machine_ids[0], definition="").added == 1


def test_update_nodes_and_rebuild_need_admin(client: MAASClient, bob: MAASClient) -> None:
    client.tags.create("t")
    with pytest.raises(
        PermissionDeniedError, match="Must be a superuser or supply a rack_controller"
    ):
        bob.tags.update_nodes("t", add="abc")
    with pytest.raises(PermissionDeniedError):
        bob.tags.rebuild("t")


def test_rebuild(client: MAASClient) -> None:
    tag = client.tags.create("auto", definition="//node")
    assert tag.rebuild() == "auto"


def test_examples_parse() -> None:
    for key in ("get-tags", "add-tag", "update-tag", "get-tag-by-name"):
        raw = example("tags.json", key)
        for tag in TypeAdapter(list[Tag]).validate_python(raw if isinstance(raw, list) else [raw]):
            assert tag.resource_uri == f"/MAAS/api/2.0/tags/{tag.name}/"
            assert tag.model_extra == {}
    assert TypeAdapter(TagNodesUpdate).validate_python(example("tags.json", "update-nodes-tag"))
    for key in ("get-devices-by-tag", "get-nodes-by-tag", "get-rackc-by-tag", "get-regionc-by-tag"):
        for node in TypeAdapter(list[TaggedNode]).validate_python(example("tags.json", key)):
            assert node.system_id
            assert node.fqdn.startswith(node.hostname)
    machines = TypeAdapter(list[Machine]).validate_python(
        example("tags.json", "get-machines-by-tag")
    )
    assert machines[0].system_id
