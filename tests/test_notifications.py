"""Notifications through the client against the fake MAAS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError, ServerError
from maas_sdk.resources.notifications import Notification, NotificationCategory
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=2, strict=False)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def test_a_new_region_warns_admins_about_dhcp(client: MAASClient, bob: MAASClient) -> None:
    (warning,) = client.notifications.list()
    assert isinstance(warning, Notification)
    assert warning.ident == "dhcp_disabled_all_vlans"
    assert warning.category is NotificationCategory.WARNING
    assert warning.admins
    assert not warning.users
    assert warning.user is None
    assert warning.text.startswith("DHCP is not enabled on any VLAN.")
    assert bob.notifications.list() == []


def test_create_for_users_renders_and_targets(client: MAASClient, bob: MAASClient) -> None:
    created = client.notifications.create(
        "Maintenance at {when}", context={"when": "noon"}, users=True, category="info"
    )
    assert created.text == "Maintenance at noon"
    assert created.resource_uri == f"/MAAS/api/2.0/notifications/{created.id}/"
    assert bob.notifications.list() == [created]
    assert bob.notifications.get(created.id).message == "Maintenance at {when}"
    assert created not in client.notifications.list()
    assert client.notifications.get(created.id) == created


def test_create_for_one_user(client: MAASClient, bob: MAASClient, fake: FakeMAAS) -> None:
    bob_id = fake.store.users["bob"].id
    personal = client.notifications.create(
        "Hi bob", user=bob_id, category=NotificationCategory.SUCCESS
    )
    assert personal.user is not None
    assert personal.user.username == "bob"
    assert bob.notifications.list() == [personal]


def test_dismiss_hides_for_the_caller_only(client: MAASClient, bob: MAASClient) -> None:
    shared = client.notifications.create("For everyone", users=True, admins=True)
    bob.notifications.list()[0].dismiss()
    assert bob.notifications.list() == []
    assert shared in client.notifications.list()
    shared.dismiss()
    shared.dismiss()
    assert shared not in client.notifications.list()


def test_save_update_delete(client: MAASClient, bob: MAASClient) -> None:
    note = client.notifications.create("Old", admins=True)
    note.message = "New"
    note.category = NotificationCategory.ERROR
    note.save()
    again = client.notifications.get(note.id)
    assert (again.message, again.category) == ("New", NotificationCategory.ERROR)
    assert client.notifications.update(note.id, dismissable=False).dismissable is False
    tagged = client.notifications.update(note.id, ident="maintenance")
    assert tagged.ident == "maintenance"
    tagged.ident = None
    assert tagged.save().ident is None
    with pytest.raises(PermissionDeniedError):
        bob.notifications.delete(note.id)
    note.delete()
    with pytest.raises(NotFoundError, match="No Notification matches"):
        note.refresh()


def test_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError) as empty:
        client.notifications.create("")
    assert empty.value.field_errors == {"message": ["This field is required."]}
    with pytest.raises(BadRequestError) as render:
        client.notifications.create("Hello {name}", users=True)
    assert render.value.field_errors == {"__all__": ["Notification cannot be rendered."]}
    with pytest.raises(BadRequestError) as category:
        client.notifications.create("x", category="loud")
    assert "category" in category.value.field_errors
    admins_only = client.notifications.list()[0]
    with pytest.raises(PermissionDeniedError):
        bob.notifications.get(admins_only.id)
    with pytest.raises(PermissionDeniedError):
        bob.notifications.dismiss(admins_only.id)
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.notifications.create("x", users=True)


def test_undismissable_notification_answers_500(client: MAASClient) -> None:
    sticky = client.notifications.create("Sticky", admins=True)
    client.notifications.update(sticky.id, dismissable=False)
    with pytest.raises(ServerError, match="Notification is not dismissable"):
        sticky.dismiss()
