"""Boot resources, boot sources and selections through the client against the fake MAAS."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import (
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyFieldError,
    WaitTimeoutError,
)
from maas_sdk.resources.boot_resources import BootResource, BootResourceType
from maas_sdk.resources.boot_sources import BootSource, BootSourceSelection
from maas_sdk.testing import FakeMAAS

NOT_ALLOWED = "User is not allowed access to this API."


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=3, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


# -- boot resources -----------------------------------------------------------------------------


def test_a_new_region_lists_its_synced_images(client: MAASClient, bob: MAASClient) -> None:
    resources = client.boot_resources.list()
    names = [(r.name, r.architecture) for r in resources]
    assert ("ubuntu/focal", "amd64/ga-20.04") in names
    assert ("pxelinux/pxe", "i386/generic") in names
    assert all(r.type is BootResourceType.SYNCED and r.sets is None for r in resources)
    ubuntu = next(r for r in resources if r.name == "ubuntu/focal")
    assert ubuntu.kflavor == "generic"
    assert ubuntu.subarches == "generic,ga-20.04"
    assert ubuntu.last_deployed is None
    assert bob.boot_resources.list() == resources
    assert client.boot_resources.list(type="uploaded") == []
    assert client.boot_resources.list(type="synced") == resources


def test_listing_an_unknown_type_is_refused(client: MAASClient) -> None:
    with pytest.raises(BadRequestError) as error:
        client.boot_resources.list(type="bogus")  # type: ignore[arg-type]
    assert error.value.message == (
        "'bogus' is not a valid boot resource type. "
        "Available types: ['synced', 'generated', 'uploaded']"
    )


def test_get_reads_the_sets(client: MAASClient) -> None:
    listed = client.boot_resources.list()[-1]
    resource = client.boot_resources.get(listed.id)
    assert resource == listed
    assert resource.sets is not None
    assert resource.complete is True
    (version,) = resource.sets.values()
    assert version.label == "stable"
    assert version.complete
    assert version.progress is None
    assert {f.filetype for f in version.files.values()} == {
        "boot-kernel",
        "boot-initrd",
        "squashfs",
    }
    assert listed.complete is None
    assert listed.refresh().sets == resource.sets
    with pytest.raises(NotFoundError):
        client.boot_resources.get(999)


def test_upload_from_bytes_computes_hash_and_size(client: MAASClient) -> None:
    content = b"\x1f\x8b image bytes"
    resource = client.boot_resources.create(
        "custom/mine", "amd64/generic", content, title="Mine", base_image="ubuntu/jammy"
    )
    assert isinstance(resource, BootResource)
    assert resource.type is BootResourceType.UPLOADED
    assert resource.title == "Mine"
    assert resource.base_image == "ubuntu/jammy"
    assert resource.sets is not None
    (version,) = resource.sets.values()
    (image,) = version.files.values()
    assert image.filetype == "root-tgz"
    assert image.sha256 == hashlib.sha256(content).hexdigest()
    assert image.size == len(content)
    assert image.complete
    assert client.boot_resources.list(type="uploaded") == [resource]


def test_upload_from_a_path_and_without_content(client: MAASClient, tmp_path: Path) -> None:
    image = tmp_path / "root.tar.xz"
    image.write_bytes(b"xz" * 10)
    from_path = client.boot_resources.create("custom/p", "arm64/generic", image, filetype="txz")
    assert from_path.sets is not None
    assert next(iter(from_path.sets.values())).size == 20
    pending = client.boot_resources.create(
        "custom/later", "amd64/generic", sha256="ab" * 32, size=1000
    )
    assert pending.sets is not None
    (version,) = pending.sets.values()
    (file,) = version.files.values()
    assert not file.complete
    assert file.progress == 0
    assert file.upload_uri is not None
    assert file.upload_uri.startswith(f"/MAAS/api/2.0/boot-resources/{pending.id}/upload/")
    with pytest.raises(TypeError, match="ambiguous"):
        client.boot_resources.create("custom/x", "amd64/generic", str(image))  # type: ignore[arg-type]


def test_upload_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError) as missing:
        client.boot_resources.create("custom/x", "amd64/generic")
    assert missing.value.field_errors == {
        "sha256": ["This field is required."],
        "size": ["This field is required."],
    }
    with pytest.raises(BadRequestError) as arch:
        client.boot_resources.create("custom/x", "sparc/generic", b"x")
    assert "architecture" in arch.value.field_errors
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.boot_resources.create("custom/x", "amd64/generic", b"x")


def test_delete(client: MAASClient, bob: MAASClient) -> None:
    resource = client.boot_resources.create("custom/gone", "amd64/generic", b"x")
    with pytest.raises(PermissionDeniedError):
        bob.boot_resources.delete(resource.id)
    resource.delete()
    with pytest.raises(NotFoundError):
        client.boot_resources.get(resource.id)


def test_import_follows_the_selections(client: MAASClient, fake: FakeMAAS) -> None:
    assert client.boot_resources.is_importing() is False
    source = client.boot_sources.list()[0]
    source.selections.create("ubuntu", "jammy", arches=["amd64", "arm64"])
    client.boot_resources.start_import()
    assert client.boot_resources.is_importing() is True
    fake.advance(60)
    assert client.boot_resources.is_importing() is False
    names = {(r.name, r.architecture) for r in client.boot_resources.list()}
    assert {("ubuntu/jammy", "amd64/ga-22.04"), ("ubuntu/jammy", "arm64/ga-22.04")} <= names


def test_import_can_wait(client: MAASClient) -> None:
    client.boot_sources.selections(1).create("ubuntu", "noble", arches=["amd64"])
    client.boot_resources.start_import(wait=True)
    assert client.boot_resources.is_importing() is False
    assert "ubuntu/noble" in {r.name for r in client.boot_resources.list()}


def test_import_wait_times_out_and_stop_import(client: MAASClient) -> None:
    with pytest.raises(WaitTimeoutError) as error:
        client.boot_resources.start_import(wait=True, timeout=5, poll_interval=1)
    assert error.value.action == "boot resource import"
    assert client.boot_resources.is_importing() is True
    client.boot_resources.stop_import()
    assert client.boot_resources.is_importing() is False


def test_import_is_admin_only(bob: MAASClient) -> None:
    with pytest.raises(PermissionDeniedError):
        bob.boot_resources.start_import()
    with pytest.raises(PermissionDeniedError):
        bob.boot_resources.stop_import()
    assert bob.boot_resources.is_importing() is False


# -- boot sources ---------------------------------------------------------------------------


def test_default_source_and_selection(client: MAASClient) -> None:
    (source,) = client.boot_sources.list()
    assert isinstance(source, BootSource)
    assert source.url == "http://images.maas.io/ephemeral-v3/stable/"
    assert source.keyring_filename.endswith("ubuntu-cloudimage-keyring.gpg")
    assert source.keyring_data == ""
    assert source.created is not None
    (selection,) = source.selections.list()
    assert isinstance(selection, BootSourceSelection)
    assert (selection.os, selection.release, selection.arches) == ("ubuntu", "focal", ["amd64"])
    assert selection.resource_uri == "/MAAS/api/2.0/boot-sources/1/selections/1/"
    assert client.boot_sources.get(source.id) == source


def test_boot_sources_are_admin_only(bob: MAASClient) -> None:
    with pytest.raises(PermissionDeniedError) as error:
        bob.boot_sources.list()
    assert error.value.message == NOT_ALLOWED
    with pytest.raises(PermissionDeniedError):
        bob.boot_sources.selections(1).list()


def test_create_with_keyring_data_update_and_delete(client: MAASClient, tmp_path: Path) -> None:
    keyring = tmp_path / "keyring.gpg"
    keyring.write_bytes(b"\x99\x01binary-keyring")
    source = client.boot_sources.create("http://mirror.example/stable/", keyring_data=keyring)
    assert source.keyring_filename == ""
    assert source.keyring_data == "mQFiaW5hcnkta2V5cmluZw=="
    source.url = "http://mirror.example/candidate/"
    assert source.save().url == "http://mirror.example/candidate/"
    switched = client.boot_sources.update(
        source.id, keyring_filename="/etc/keyring.gpg", keyring_data=b""
    )
    assert (switched.keyring_filename, switched.keyring_data) == ("/etc/keyring.gpg", "")
    with pytest.raises(ReadOnlyFieldError):
        source.keyring_data = "x"
    source.delete()
    with pytest.raises(NotFoundError):
        client.boot_sources.get(source.id)


def test_create_source_refusals(client: MAASClient) -> None:
    with pytest.raises(BadRequestError) as neither:
        client.boot_sources.create("http://mirror.example/")
    assert neither.value.field_errors == {
        "__all__": ["One of keyring_data or keyring_filename must be specified."]
    }
    with pytest.raises(BadRequestError) as both:
        client.boot_sources.create("http://m.example/", keyring_filename="/k", keyring_data=b"k")
    assert both.value.field_errors["__all__"] == [
        "Only one of keyring_filename or keyring_data can be specified."
    ]
    with pytest.raises(BadRequestError) as duplicate:
        client.boot_sources.create(
            "http://images.maas.io/ephemeral-v3/stable/", keyring_filename="/k"
        )
    assert duplicate.value.field_errors == {"url": ["Boot source with this Url already exists."]}


def test_selections_crud(client: MAASClient) -> None:
    selections = client.boot_sources.selections(1)
    created = selections.create("ubuntu", "jammy", arches=["amd64"], subarches=["*"], labels=["*"])
    assert created.boot_source_id == 1
    created.arches = ["amd64", "arm64"]
    assert created.save().arches == ["amd64", "arm64"]
    assert selections.get(created.id).arches == ["amd64", "arm64"]
    assert created.refresh() == created
    created.delete()
    assert [s.release for s in selections.list()] == ["focal"]
    assert "1" in repr(selections)


def test_selection_refusals(client: MAASClient) -> None:
    selections = client.boot_sources.selections(1)
    with pytest.raises(BadRequestError) as unknown:
        selections.create("ubuntu", "warty")
    assert unknown.value.field_errors == {
        "os": ["OS ubuntu with release warty has no available images for download"]
    }
    with pytest.raises(BadRequestError) as arch:
        selections.create("ubuntu", "jammy", arches=["sparc"])
    assert arch.value.field_errors == {"arches": ["No available images to download for ['sparc']"]}
    with pytest.raises(BadRequestError) as duplicate:
        selections.create("ubuntu", "focal")
    assert "__all__" in duplicate.value.field_errors
    with pytest.raises(BadRequestError, match="used for commissioning"):
        selections.delete(1)
    with pytest.raises(NotFoundError):
        client.boot_sources.selections(99).list()
