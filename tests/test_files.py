"""The per-user file store through the client against the fake MAAS."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError
from maas_sdk.resources.files import StoredFile
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=7, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def test_add_from_bytes_path_and_file_object(client: MAASClient, tmp_path: Path) -> None:
    assert client.files.list() == []
    client.files.add("a.bin", b"\x00\x01binary")
    disk = tmp_path / "b.txt"
    disk.write_text("from disk")
    client.files.add("b.txt", disk)
    client.files.add("c.txt", io.BytesIO(b"from a stream"))
    assert [f.filename for f in client.files.list()] == ["a.bin", "b.txt", "c.txt"]
    assert client.files.get("a.bin") == b"\x00\x01binary"
    assert client.files.get("b.txt") == b"from disk"
    assert client.files.get("c.txt") == b"from a stream"
    with pytest.raises(TypeError, match="binary mode"):
        client.files.add("d.txt", io.StringIO("text"))  # type: ignore[arg-type]


def test_upload_replaces_and_list_filters_by_prefix(client: MAASClient) -> None:
    client.files.add("logs-1", b"one")
    client.files.add("logs-2", b"two")
    client.files.add("other", b"three")
    client.files.add("logs-1", b"one again")
    assert [f.filename for f in client.files.list(prefix="logs-")] == ["logs-1", "logs-2"]
    assert client.files.get("logs-1") == b"one again"


def test_read_includes_the_content(client: MAASClient) -> None:
    client.files.add("conf", b"key=value\n")
    stored = client.files.read("conf")
    assert isinstance(stored, StoredFile)
    assert stored.content == b"key=value\n"
    assert stored.resource_uri == "/MAAS/api/2.0/files/conf/"
    listed = client.files.list()[0]
    assert listed.content is None
    assert listed == stored
    assert listed.refresh().content == b"key=value\n"
    assert listed.download() == b"key=value\n"
    assert repr(listed) == "<StoredFile conf>"


def test_files_are_per_user_but_keys_are_shared(client: MAASClient, bob: MAASClient) -> None:
    client.files.add("secret", b"admin's")
    assert bob.files.list() == []
    with pytest.raises(NotFoundError) as missing:
        bob.files.get("secret")
    assert missing.value.message == "File not found"
    key = client.files.list()[0].key
    assert key is not None
    assert bob.files.get_by_key(key) == b"admin's"
    with pytest.raises(NotFoundError, match="No FileStorage matches"):
        bob.files.get_by_key("nosuch")


def test_anonymous_download_by_key(fake: FakeMAAS, client: MAASClient) -> None:
    client.files.add("public", b"for juju")
    stored = client.files.list()[0]
    with fake.serve() as server:
        origin = server.url.split("/MAAS/")[0]
        response = requests.get(origin + stored.anon_resource_uri, timeout=10)
    assert response.status_code == 200
    assert response.content == b"for juju"


def test_delete_both_ways(client: MAASClient) -> None:
    client.files.add("one", b"1")
    client.files.add("two", b"2")
    client.files.list()[0].delete()
    client.files.delete_by_query("two")
    assert client.files.list() == []
    with pytest.raises(NotFoundError):
        client.files.delete("one")
    with pytest.raises(NotFoundError):
        client.files.delete_by_query("two")
    with pytest.raises(NotFoundError) as missing:
        client.files.read("one")
    assert missing.value.message == "Not Found"


def test_empty_filename_is_refused(client: MAASClient) -> None:
    with pytest.raises(BadRequestError, match="Filename not supplied"):
        client.files.add("", b"x")
