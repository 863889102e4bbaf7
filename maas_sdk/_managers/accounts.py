"""Accounts and naming managers.

Covers DNS (domains, DNS resources and records), tags, resource pools, users, the account and its
keys, MAAS configuration and events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maas_sdk._transport import Transport

__all__ = ["AccountsManagers"]


class AccountsManagers:
    """Mixin of :class:`~maas_sdk.client.MAASClient` holding these managers as attributes."""

    transport: Transport
