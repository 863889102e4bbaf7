"""License keys through the client against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.resources.license_keys import LicenseKey
from maas_sdk.testing import FakeMAAS

KEY = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=6, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


def test_create_read_save_delete(client: MAASClient) -> None:
    assert client.license_keys.list() == []
    created = client.license_keys.create("windows", "win2019", KEY)
    assert isinstance(created, LicenseKey)
    assert created.resource_uri == "/MAAS/api/2.0/license-key/windows/win2019"
    also = client.license_keys.create("windows", "windows/win2016", KEY)
    assert also.distro_series == "win2016"
    assert client.license_keys.list() == [also, created]
    created.license_key = "ZZZZZ-FGHIJ-KLMNO-PQRST-UVWXY"
    created.save()
    assert client.license_keys.get("windows", "win2019").license_key.startswith("ZZZZZ")
    assert created == LicenseKey(osystem="windows", distro_series="win2019")
    created.delete()
    with pytest.raises(NotFoundError) as missing:
        created.refresh()
    assert missing.value.message == "No LicenseKey matches the given query."
    client.license_keys.delete("windows", "win2019")


def test_refusals(client: MAASClient, fake: FakeMAAS) -> None:
    with pytest.raises(BadRequestError) as invalid:
        client.license_keys.create("windows", "win2019", "not-a-key")
    assert invalid.value.field_errors == {"__all__": ["Invalid license key."]}
    with pytest.raises(BadRequestError) as series:
        client.license_keys.create("windows", "win95", KEY)
    assert series.value.field_errors["distro_series"][0].startswith(
        "'windows/win95' is not a valid distro_series."
    )
    client.license_keys.create("windows", "win2019", KEY)
    with pytest.raises(BadRequestError) as duplicate:
        client.license_keys.create("windows", "win2019", KEY)
    assert "__all__" in duplicate.value.field_errors
    with pytest.raises(BadRequestError):
        client.license_keys.update("windows", "win2019", license_key="short")
    fake.add_user("bob")
    with fake.client(user="bob") as bob, pytest.raises(PermissionDeniedError) as denied:
        bob.license_keys.list()
    assert denied.value.message == "User is not allowed access to this API."
