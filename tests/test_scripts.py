"""Scripts and the deprecated commissioning scripts through the client against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.scripts import HardwareType, Script, ScriptParallel, ScriptType
from maas_sdk.testing import FakeMAAS

HELLO = "#!/bin/bash\necho hello\n"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=9, strict=True)


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
def hello(client: MAASClient) -> Script:
    return client.scripts.create("hello", HELLO, tags=["demo"], comment="first")


def test_builtin_scripts_and_filters(client: MAASClient, bob: MAASClient) -> None:
    testing = client.scripts.list(type=ScriptType.TESTING)
    assert {s.name for s in testing} == {"smartctl-validate", "memtester", "fio"}
    assert all(s.default for s in testing)
    storage = client.scripts.list(hardware_type="storage")
    assert {s.name for s in storage} == {"smartctl-validate", "fio"}
    assert [s.name for s in client.scripts.list(filters=["memory", "fio"])] == ["memtester", "fio"]
    commissioning = bob.scripts.list(type="commissioning")
    assert [s.type for s in commissioning] == [ScriptType.COMMISSIONING]
    fio = client.scripts.get("fio")
    assert fio.destructive
    assert fio.parallel is ScriptParallel.INSTANCE
    assert fio.hardware_type is HardwareType.STORAGE
    assert fio.hardware_type_name == "Storage"
    assert client.scripts.get("smartctl-validate").timeout == timedelta(minutes=5)
    with pytest.raises(BadRequestError, match="Script type must be commissioning, testing or"):
        client.scripts.list(type="nightly")


def test_create_from_text(hello: Script) -> None:
    assert hello.type is ScriptType.TESTING
    assert hello.type_name == "Testing script"
    assert hello.tags == ["demo"]
    assert hello.timeout == timedelta(0)
    assert len(hello.history) == 1
    assert hello.history[0].comment == "first"
    assert hello.history[0].created is not None
    assert hello.resource_uri == "/MAAS/api/2.0/scripts/hello"
    assert repr(hello) == f"<Script {hello.id} hello testing>"
    assert hello.download() == HELLO.encode()


def test_create_from_a_path_with_metadata(client: MAASClient, tmp_path: Path) -> None:
    path = tmp_path / "burn.sh"
    path.write_bytes(b"#!/bin/sh\nstress-ng\n")
    script = client.scripts.create(
        "burn-in",
        path,
        type="commissioning",
        hardware_type=HardwareType.CPU,
        parallel="any",
        timeout=timedelta(hours=2),
        destructive=False,
        may_reboot=True,
        for_hardware=["pci:8086:1572"],
        title="Burn",
    )
    assert script.type is ScriptType.COMMISSIONING
    assert script.parallel is ScriptParallel.ANY
    assert script.timeout == timedelta(hours=2)
    assert script.may_reboot
    assert script.for_hardware == ["pci:8086:1572"]
    assert client.scripts.download(script.id) == b"#!/bin/sh\nstress-ng\n"


@pytest.mark.parametrize(
    ("name", "text", "errors"),
    [
        ("none", HELLO, {"name": ['"none" is a reserved name.']}),
        ("42", HELLO, {"name": ["Cannot be a number."]}),
        (
            "two words",
            HELLO,
            {"name": ["Name 'two words' contains disallowed characters, e.g. space or quotes."]},
        ),
        ("fio", HELLO, {"name": ["Script with this Name already exists."]}),
        ("noshebang", "echo hi\n", {"script": ["Must start with shebang."]}),
    ],
)
def test_create_refusals(
    client: MAASClient, name: str, text: str, errors: dict[str, list[str]]
) -> None:
    with pytest.raises(BadRequestError) as error:
        client.scripts.create(name, text)
    assert error.value.field_errors == errors


def test_create_is_admin_only(bob: MAASClient) -> None:
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.scripts.create("mine", HELLO)


def test_save_update_and_revisions(client: MAASClient, hello: Script) -> None:
    hello.title = "Hello"
    hello.timeout = timedelta(seconds=90)
    hello.hardware_type = HardwareType.NETWORK
    hello.save()
    assert client.scripts.get("hello").title == "Hello"
    assert hello.timeout == timedelta(seconds=90)
    assert hello.hardware_type is HardwareType.NETWORK
    first_revision = hello.history[0].id
    updated = client.scripts.update("hello", script=b"#!/bin/bash\necho v2\n", comment="second")
    assert [r.comment for r in updated.history] == ["second", "first"]
    assert client.scripts.download("hello") == b"#!/bin/bash\necho v2\n"
    assert client.scripts.download("hello", revision=first_revision) == HELLO.encode()
    with_text = client.scripts.get("hello", include_script=True)
    assert with_text.history[0].data == b"#!/bin/bash\necho v2\n"
    assert client.scripts.get("hello").history[0].data is None
    reverted = hello.revert(-1)
    assert reverted is hello
    assert [r.comment for r in hello.history] == ["first"]
    with pytest.raises(BadRequestError, match="Goes too far back"):
        hello.revert(-1)
    with pytest.raises(BadRequestError, match="not found in history"):
        client.scripts.download("hello", revision=999)


def test_tags(client: MAASClient, hello: Script) -> None:
    assert hello.add_tag("extra").tags == ["demo", "extra"]
    assert hello.remove_tag("demo").tags == ["extra"]
    with pytest.raises(BadRequestError, match='Tag may not contain a ","'):
        client.scripts.add_tag("hello", "a,b")
    client.scripts.update("hello", tags=[])
    assert client.scripts.get("hello").tags == []


def test_builtin_scripts_refuse_changes(client: MAASClient, bob: MAASClient) -> None:
    fio = client.scripts.get("fio")
    fio.title = "Mine now"
    with pytest.raises(BadRequestError) as error:
        fio.save()
    assert error.value.field_errors == {"title": ["Not allowed to change on default scripts."]}
    fio.discard_changes()
    fio.timeout = timedelta(minutes=1)
    assert fio.save().timeout == timedelta(minutes=1)
    with pytest.raises(BadRequestError, match="Unable to delete default script"):
        fio.delete()
    with pytest.raises(BadRequestError, match="Unable to revert default script"):
        fio.revert(-1)
    with pytest.raises(PermissionDeniedError):
        bob.scripts.add_tag("fio", "x")


def test_delete_and_not_found(client: MAASClient, hello: Script) -> None:
    hello.delete()
    with pytest.raises(NotFoundError) as error:
        client.scripts.get("hello")
    assert error.value.message == "No Script matches the given query."
    with pytest.raises(NotFoundError):
        client.scripts.download("hello")


# -- commissioning-scripts (deprecated) -------------------------------------------------------


def test_commissioning_scripts_round_trip(client: MAASClient) -> None:
    assert client.commissioning_scripts.list() == ["20-maas-01-install-lldpd"]
    uploaded = client.commissioning_scripts.create("30-inventory", "#!/bin/sh\nlshw\n")
    assert uploaded.content == b"#!/bin/sh\nlshw\n"
    assert uploaded.resource_uri == "/MAAS/api/2.0/commissioning-scripts/30-inventory"
    assert "deprecated" in uploaded.deprecated
    assert client.commissioning_scripts.list() == ["20-maas-01-install-lldpd", "30-inventory"]
    assert client.scripts.get("30-inventory").type is ScriptType.COMMISSIONING
    client.commissioning_scripts.update("30-inventory", b"#!/bin/sh\nlshw -short\n")
    assert client.commissioning_scripts.get("30-inventory") == b"#!/bin/sh\nlshw -short\n"
    client.commissioning_scripts.delete("30-inventory")
    with pytest.raises(NotFoundError):
        client.commissioning_scripts.get("30-inventory")


def test_commissioning_scripts_are_admin_only(bob: MAASClient) -> None:
    with pytest.raises(PermissionDeniedError) as error:
        bob.commissioning_scripts.list()
    assert error.value.message == "User is not allowed access to this API."
