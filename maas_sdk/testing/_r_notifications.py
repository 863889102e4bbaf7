"""Notifications: ``notifications/``, ``notifications/{id}/`` (REFERENCE.md §19, §22).

``install`` seeds the warning a fresh region shows admins (``dhcp_disabled_all_vlans``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from maas_sdk._wire import WireResponse

from ._forms import FormData, django_bool
from ._models import User
from ._render import API_PREFIX, render_user
from ._responses import (
    FakeAPIError,
    FieldErrors,
    Forbidden,
    get_or_404,
    json_response,
    no_content,
    null_response,
)
from ._router import RequestContext, routes
from ._store import Store
from ._validate import REQUIRED

_CATEGORIES = ("error", "warning", "success", "info")
_DHCP_MESSAGE = (
    "DHCP is not enabled on any VLAN.  This will prevent machines from being able to PXE "
    "boot, unless an external DHCP server is being used."
)


@dataclass
class NotificationRecord:
    """A notification and who dismissed it."""

    id: int
    message: str
    ident: str | None = None
    username: str | None = None
    users: bool = False
    admins: bool = False
    context: dict[str, Any] = field(default_factory=dict)
    category: str = "info"
    dismissable: bool = True
    dismissed_by: set[str] = field(default_factory=set)

    def is_relevant_to(self, user: User) -> bool:
        """MAAS's rule: the named user, every user, or every admin."""
        return (
            self.username == user.username
            or (self.users and not user.is_superuser)
            or (self.admins and user.is_superuser)
        )


def _notifications(store: Store) -> dict[int, NotificationRecord]:
    return store.state("notifications", dict)


def install(store: Store) -> None:
    """Seed the DHCP warning of a fresh region."""
    record = NotificationRecord(
        store.next_id("notification"),
        _DHCP_MESSAGE,
        ident="dhcp_disabled_all_vlans",
        admins=True,
        category="warning",
    )
    _notifications(store)[record.id] = record


def _render(store: Store, record: NotificationRecord) -> dict[str, Any]:
    user = store.users.get(record.username) if record.username else None
    return {
        "ident": record.ident,
        "user": render_user(user) if user is not None else None,
        "users": record.users,
        "admins": record.admins,
        "message": record.message,
        "context": record.context,
        "category": record.category,
        "dismissable": record.dismissable,
        "id": record.id,
        "resource_uri": f"{API_PREFIX}notifications/{record.id}/",
    }


def _notification(ctx: RequestContext) -> NotificationRecord:
    return get_or_404(_notifications(ctx.store), ctx.args["id"], "Notification")


@routes.route("GET", "notifications/")
def list_notifications(ctx: RequestContext) -> WireResponse:
    """List the caller's undismissed notifications by id.

    MAAS API: GET /MAAS/api/2.0/notifications/
    """
    user = ctx.require_user()
    records = [
        r
        for r in _notifications(ctx.store).values()
        if r.is_relevant_to(user) and user.username not in r.dismissed_by
    ]
    return json_response([_render(ctx.store, r) for r in sorted(records, key=lambda r: r.id)])


@routes.route("POST", "notifications/")
def create_notification(ctx: RequestContext) -> WireResponse:
    """Create a notification (admin).

    MAAS API: POST /MAAS/api/2.0/notifications/
    """
    ctx.require_admin()
    record = NotificationRecord(0, "")
    _apply(ctx.store, record, ctx.data, creating=True)
    record.id = ctx.store.next_id("notification")
    _notifications(ctx.store)[record.id] = record
    return json_response(_render(ctx.store, record))


@routes.route("GET", "notifications/{id}/")
def read_notification(ctx: RequestContext) -> WireResponse:
    """Read a notification (admins: any; others: those meant for them).

    MAAS API: GET /MAAS/api/2.0/notifications/{id}/
    """
    user = ctx.require_user()
    record = _notification(ctx)
    if not (record.is_relevant_to(user) or user.is_superuser):
        raise Forbidden()
    return json_response(_render(ctx.store, record))


@routes.route("PUT", "notifications/{id}/")
def update_notification(ctx: RequestContext) -> WireResponse:
    """Update a notification (admin); an omitted ``dismissable`` becomes true, as in MAAS.

    MAAS API: PUT /MAAS/api/2.0/notifications/{id}/
    """
    ctx.require_admin()
    record = _notification(ctx)
    _apply(ctx.store, record, ctx.data, creating=False)
    return json_response(_render(ctx.store, record))


@routes.route("DELETE", "notifications/{id}/")
def delete_notification(ctx: RequestContext) -> WireResponse:
    """Delete a notification (admin).

    MAAS API: DELETE /MAAS/api/2.0/notifications/{id}/
    """
    ctx.require_admin()
    del _notifications(ctx.store)[_notification(ctx).id]
    return no_content()


@routes.route("POST", "notifications/{id}/", op="dismiss")
def dismiss_notification(ctx: RequestContext) -> WireResponse:
    """Dismiss a notification for the caller.

    MAAS API: POST /MAAS/api/2.0/notifications/{id}/?op=dismiss
    """
    user = ctx.require_user()
    record = _notification(ctx)
    if not record.is_relevant_to(user):
        raise Forbidden()
    if not record.dismissable:
        raise FakeAPIError(500, "Notification is not dismissable")
    record.dismissed_by.add(user.username)
    return null_response()


def _apply(store: Store, record: NotificationRecord, data: FormData, *, creating: bool) -> None:
    errors: dict[str, list[str]] = {}
    message = data.get("message", None if not creating else "")
    if message is not None and not message:
        errors["message"] = [REQUIRED]
    context = record.context
    if data.get("context") is not None:
        text = data.get("context") or ""
        try:
            context = json.loads(text) if text.strip() else {}
        except ValueError:
            errors["context"] = ["Enter a valid JSON."]
        else:
            if not isinstance(context, dict):
                errors["context"] = ["Context is not a mapping."]
    category = data.get("category")
    if category and category not in _CATEGORIES:
        errors["category"] = [
            f"Select a valid choice. {category} is not one of the available choices."
        ]
    username = record.username
    user_id = data.get("user")
    if user_id is not None:
        found = next((u for u in store.users.values() if str(u.id) == user_id), None)
        if user_id and found is None:
            errors["user"] = [
                "Select a valid choice. That choice is not one of the available choices."
            ]
        username = found.username if found is not None else None
    ident = data.get("ident", record.ident) or None
    if ident is not None and any(
        other.ident == ident and other is not record for other in _notifications(store).values()
    ):
        errors["ident"] = ["Notification with this Ident already exists."]
    if not errors and isinstance(context, dict):
        try:
            (message if message is not None else record.message).format(**context)
        except (KeyError, IndexError, ValueError):
            errors["__all__"] = ["Notification cannot be rendered."]
    if errors:
        raise FieldErrors(errors)
    if message is not None:
        record.message = message
    record.context = context if isinstance(context, dict) else {}
    if category is not None:
        record.category = category or "info"
    record.ident = ident
    record.username = username
    for key in ("users", "admins"):
        if data.get(key) is not None:
            setattr(record, key, django_bool(data.get(key)))
    record.dismissable = data.get("dismissable") in (None, "true")
