"""Package repositories through the client against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.package_repositories import PackageRepository
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=4, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def test_default_archives(client: MAASClient, bob: MAASClient) -> None:
    main, ports = client.package_repositories.list()
    assert isinstance(main, PackageRepository)
    assert (main.name, main.arches) == ("main_archive", ["amd64", "i386"])
    assert ports.arches == ["armhf", "arm64", "ppc64el", "s390x"]
    assert main.disable_sources
    assert main.enabled
    assert bob.package_repositories.get(ports.id) == ports


def test_create_save_and_clear(client: MAASClient) -> None:
    repo = client.package_repositories.create(
        "ppa-tools",
        "ppa:maas/tools",
        distributions=["jammy", "noble"],
        components="main",
        key="-----BEGIN PGP PUBLIC KEY BLOCK-----",
    )
    assert repo.arches == ["amd64", "i386"]
    assert repo.distributions == ["jammy", "noble"]
    assert repo.components == ["main"]
    assert repo.disable_sources is False
    assert repo.enabled is True
    repo.enabled = False
    repo.distributions = []
    repo.save()
    again = client.package_repositories.get(repo.id)
    assert again.enabled is False
    assert again.distributions == []
    assert repr(again) == f"<PackageRepository {repo.id} ppa-tools>"
    repo.delete()
    with pytest.raises(NotFoundError, match="No PackageRepository matches"):
        repo.refresh()


def test_default_archive_rules(client: MAASClient) -> None:
    main = client.package_repositories.list()[0]
    updated = client.package_repositories.update(
        main.id, disabled_pockets=["backports"], disabled_components=["multiverse"]
    )
    assert updated.disabled_pockets == ["backports"]
    assert updated.disabled_components == ["multiverse"]
    with pytest.raises(BadRequestError) as disabled:
        client.package_repositories.update(main.id, enabled=False)
    assert disabled.value.field_errors == {"__all__": ["Default repositories may not be disabled."]}
    with pytest.raises(BadRequestError) as components:
        client.package_repositories.update(main.id, components=["main"])
    assert "components" in components.value.field_errors
    with pytest.raises(BadRequestError, match="Cannot delete default Ubuntu archives"):
        main.delete()


def test_create_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError) as duplicate:
        client.package_repositories.create("main_archive", "http://x.example/ubuntu")
    assert duplicate.value.field_errors == {
        "name": ["Package repository with this Name already exists."]
    }
    with pytest.raises(BadRequestError) as arch:
        client.package_repositories.create("r", "http://x.example/ubuntu", arches=["sparc"])
    assert arch.value.field_errors["arches"][0].startswith("'sparc' is not a valid architecture.")
    with pytest.raises(BadRequestError) as pocket:
        client.package_repositories.create("r", "http://x.example/ubuntu", disabled_pockets="x")
    assert "disabled_pockets" in pocket.value.field_errors
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.package_repositories.create("r", "http://x.example/ubuntu")
