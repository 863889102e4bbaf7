"""Notifications shown in the MAAS UI: the :class:`Notification` model and its manager.

A notification targets one user, all non-admin users, all admins, or a mix. Listing returns
those meant for the caller that the caller has not dismissed; administrators create, edit and
delete them.

MAAS API: ``notifications/``, ``notifications/{id}/`` (REFERENCE.md §19).
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.enums import NotificationCategory
from maas_sdk.resources._base import (
    Resource,
    TransportLike,
    bind_all,
    bound_manager,
    decode,
    form,
)
from maas_sdk.resources.users import User

__all__ = ["Notification", "NotificationCategory", "Notifications"]


class Notification(Resource):
    """A message for users of the UI. Compares equal by :attr:`id`.

    ``message``, ``context``, ``category``, ``ident``, ``users``, ``admins`` and
    ``dismissable`` can be assigned and sent with :meth:`save` (admin).
    """

    _writable_fields: ClassVar[frozenset[str]] = frozenset(
        {"message", "context", "category", "ident", "users", "admins", "dismissable"}
    )
    if TYPE_CHECKING:
        _manager: Notifications | None

    id: int
    """Database id."""
    ident: str | None = None
    """Unique identifier MAAS uses to avoid duplicates (``dhcp_disabled_all_vlans``), or None."""
    user: User | None = None
    """The one user the notification is for, if any."""
    users: bool = False
    """Whether every non-admin user sees it."""
    admins: bool = False
    """Whether every administrator sees it."""
    message: str = ""
    """The text, a ``str.format`` template over :attr:`context`; may contain basic HTML."""
    context: dict[str, Any] = Field(default_factory=dict)
    """Values for the placeholders of :attr:`message`."""
    category: NotificationCategory = NotificationCategory.INFO
    """``error``, ``warning``, ``success`` or ``info``."""
    dismissable: bool = True
    """Whether users may dismiss it (MAAS 2.9+)."""
    resource_uri: str = ""
    """Absolute API path (``/MAAS/api/2.0/notifications/<id>/``)."""

    def __repr__(self) -> str:
        ident = f" {self.ident}" if self.ident else ""
        return f"<Notification {self.id} {self.category.value}{ident}>"

    __str__ = __repr__

    @property
    def text(self) -> str:
        """:attr:`message` with :attr:`context` filled in (the message itself if that fails)."""
        try:
            return self.message.format(**self.context)
        except (KeyError, IndexError, ValueError):
            return self.message

    def _notifications(self) -> Notifications:
        manager: Notifications | None = getattr(self, "_manager", None)
        return bound_manager(self, manager)

    def refresh(self) -> Notification:
        """Re-read the notification (dropping unsaved changes) and return it."""
        return self._apply(self._notifications().get(self.id))

    def save(self) -> Notification:
        """Send the assigned fields (nothing if none changed) and return the notification."""
        changes = self.changes
        if not changes:
            return self
        if "ident" in changes and changes["ident"] is None:
            changes["ident"] = ""
        return self._apply(self._notifications().update(self.id, **changes))

    def delete(self) -> None:
        """Delete the notification for everyone (admin)."""
        self._notifications().delete(self.id)

    def dismiss(self) -> None:
        """Hide the notification from the caller; see :meth:`Notifications.dismiss`."""
        self._notifications().dismiss(self.id)


_NOTIFICATION = TypeAdapter(Notification)
_NOTIFICATIONS = TypeAdapter(list[Notification])


class Notifications:
    """Manager of notifications, reached as ``client.notifications``.

    Args:
        transport: The client's transport.
    """

    def __init__(self, transport: TransportLike) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return "<Notifications manager>"

    @api_operation("GET", "notifications/")
    def list(self) -> builtins.list[Notification]:
        """List the notifications meant for the caller that the caller has not dismissed.

        MAAS API: ``GET notifications/``.
        """
        notifications = decode(self._transport.get("notifications/"), _NOTIFICATIONS)
        bind_all(notifications, self)
        return notifications

    @api_operation("GET", "notifications/{id}/")
    def get(self, notification: int) -> Notification:
        """Read one notification (admins read any; users those meant for them).

        MAAS API: ``GET notifications/{id}/``.

        Raises:
            NotFoundError: No such notification.
            PermissionDeniedError: It is not meant for the caller.
        """
        return decode(self._transport.get(_path(notification)), _NOTIFICATION)._bind(self)

    @api_operation("POST", "notifications/")
    def create(
        self,
        message: str,
        *,
        context: Mapping[str, Any] | None = None,
        category: NotificationCategory | str | None = None,
        ident: str | None = None,
        user: int | None = None,
        users: bool | None = None,
        admins: bool | None = None,
    ) -> Notification:
        """Create a notification (admin); set ``user``, ``users`` or ``admins`` or nobody sees it.

        MAAS API: ``POST notifications/``.

        Args:
            message: The text, a ``str.format`` template over ``context`` (basic HTML allowed).
            context: Values for the template (sent as JSON).
            category: ``error``, ``warning``, ``success`` or ``info`` (the default).
            ident: Unique identifier.
            user: Database id of the one user to notify.
            users: Notify every non-admin user.
            admins: Notify every administrator.

        Raises:
            BadRequestError: Missing message, duplicate ident, or a template that does not
                render with the context.
        """
        data = _notification_form(locals())
        answer = self._transport.post("notifications/", data=data)
        return decode(answer, _NOTIFICATION)._bind(self)

    @api_operation("PUT", "notifications/{id}/")
    def update(
        self,
        notification: int,
        *,
        message: str | None = None,
        context: Mapping[str, Any] | None = None,
        category: NotificationCategory | str | None = None,
        ident: str | None = None,
        user: int | None = None,
        users: bool | None = None,
        admins: bool | None = None,
        dismissable: bool | None = None,
    ) -> Notification:
        """Change a notification (admin); omitted arguments stay unchanged.

        The arguments are those of :meth:`create`, plus ``dismissable``.

        MAAS API: ``PUT notifications/{id}/``.
        """
        data = _notification_form(locals())
        answer = self._transport.put(_path(notification), data=data)
        return decode(answer, _NOTIFICATION)._bind(self)

    @api_operation("DELETE", "notifications/{id}/")
    def delete(self, notification: int) -> None:
        """Delete a notification (admin).

        MAAS API: ``DELETE notifications/{id}/``.
        """
        self._transport.delete(_path(notification))

    @api_operation("POST", "notifications/{id}/", op="dismiss")
    def dismiss(self, notification: int) -> None:
        """Hide a notification from the caller (safe to repeat).

        MAAS API: ``POST notifications/{id}/?op=dismiss``.

        Raises:
            PermissionDeniedError: It is not meant for the caller.
        """
        self._transport.post(_path(notification), op="dismiss", data=[])


def _path(notification: int) -> str:
    return f"notifications/{int(notification)}/"


def _notification_form(arguments: dict[str, Any]) -> builtins.list[tuple[str, str]]:
    context = arguments.get("context")
    return form(
        {
            "message": arguments.get("message"),
            "context": json.dumps(dict(context)) if context is not None else None,
            "category": arguments.get("category"),
            "ident": arguments.get("ident"),
            "user": arguments.get("user"),
            "users": arguments.get("users"),
            "admins": arguments.get("admins"),
            "dismissable": arguments.get("dismissable"),
        }
    )
