"""Operations on many machines at once (``POST machines/?op=...``, ``GET machines/?op=...``).

:class:`MachineBulkActions` adds the collection operations to the ``client.machines``
manager: accept, accept_all, bulk release, list_allocated, is_registered, the power parameters
of several machines, set_zone, clone and add_chassis.

MAAS API: ``machines/`` collection ops (REFERENCE.md §7.2).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

from pydantic import TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk.resources._base import bind_all, decode, form
from maas_sdk.resources.machine_settings import MachineSettings
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.zones import Zone

__all__ = ["MachineBulkActions"]

_MACHINES = TypeAdapter(list[Machine])
_SYSTEM_IDS = TypeAdapter(list[str])
_BOOL = TypeAdapter(bool)
_ALL_PARAMETERS = TypeAdapter(dict[str, dict[str, Any]])


class MachineBulkActions(MachineSettings):
    """Collection operations of the machines manager."""

    @api_operation("POST", "machines/", op="accept")
    def accept(self, system_ids: Iterable[str]) -> builtins.list[Machine]:
        """Accept New machines into MAAS, which starts commissioning them (admin).

        MAAS API: ``POST machines/?op=accept``.

        Returns:
            The machines that moved out of New (Ready or Commissioning ones are skipped).
        """
        data = form({"machines": builtins.list(system_ids)})
        machines = decode(self._transport.post("machines/", op="accept", data=data), _MACHINES)
        bind_all(machines, self)
        return machines

    @api_operation("POST", "machines/", op="accept_all")
    def accept_all(self) -> builtins.list[Machine]:
        """Accept every New machine the caller may administer.

        MAAS API: ``POST machines/?op=accept_all``.
        """
        answer = self._transport.post("machines/", op="accept_all", data=[])
        machines = decode(answer, _MACHINES)
        bind_all(machines, self)
        return machines

    @api_operation("POST", "machines/", op="release")
    def release_many(
        self, system_ids: Iterable[str], *, comment: str | None = None
    ) -> builtins.list[str]:
        """Release several machines at once (all or none; Ready ones are skipped).

        MAAS API: ``POST machines/?op=release``.

        Returns:
            The system_ids MAAS started releasing.

        Raises:
            ConflictError: Some machine cannot be released; nothing was released.
        """
        data = form({"machines": builtins.list(system_ids), "comment": comment})
        answer = self._transport.post("machines/", op="release", data=data)
        return decode(answer, _SYSTEM_IDS)

    @api_operation("GET", "machines/", op="list_allocated")
    def list_allocated(self, system_ids: Iterable[str] | None = None) -> builtins.list[Machine]:
        """List the caller's machines in status Allocated (not Deployed ones).

        MAAS API: ``GET machines/?op=list_allocated``.
        """
        ids = None if system_ids is None else builtins.list(system_ids)
        answer = self._transport.get("machines/", op="list_allocated", params=form({"id": ids}))
        machines = decode(answer, _MACHINES)
        bind_all(machines, self)
        return machines

    @api_operation("GET", "machines/", op="is_registered")
    def is_registered(self, mac_address: str) -> bool:
        """Whether a (non-retired) machine has an interface with this MAC address.

        MAAS API: ``GET machines/?op=is_registered``.
        """
        params = form({"mac_address": mac_address})
        return decode(self._transport.get("machines/", op="is_registered", params=params), _BOOL)

    @api_operation("GET", "machines/", op="power_parameters")
    def power_parameters_many(
        self, system_ids: Iterable[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Return the power parameters of several machines (all when ``None``; admin).

        MAAS API: ``GET machines/?op=power_parameters``.
        """
        ids = None if system_ids is None else builtins.list(system_ids)
        params = form({"id": ids})
        answer = self._transport.get("machines/", op="power_parameters", params=params)
        return decode(answer, _ALL_PARAMETERS)

    @api_operation("POST", "machines/", op="set_zone")
    def set_zone(self, zone: str | Zone, system_ids: Iterable[str]) -> None:
        """Move machines to a zone (admin).

        MAAS API: ``POST machines/?op=set_zone``.
        """
        name = zone.name if isinstance(zone, Zone) else zone
        data = form({"zone": name, "nodes": builtins.list(system_ids)})
        self._transport.post("machines/", op="set_zone", data=data)

    @api_operation("POST", "machines/", op="clone")
    def clone(
        self,
        source: str,
        destinations: Iterable[str],
        *,
        interfaces: bool = False,
        storage: bool = False,
    ) -> None:
        """Copy the interface and/or storage configuration of one machine to others (admin).

        MAAS API: ``POST machines/?op=clone``.
        """
        data = form(
            {
                "source": source,
                "destinations": builtins.list(destinations),
                "interfaces": interfaces,
                "storage": storage,
            }
        )
        self._transport.post("machines/", op="clone", data=data)

    @api_operation("POST", "machines/", op="add_chassis")
    def add_chassis(
        self,
        chassis_type: str,
        hostname: str,
        *,
        username: str | None = None,
        password: str | None = None,
        accept_all: bool | None = None,
        rack_controller: str | None = None,
        domain: str | None = None,
        prefix_filter: str | None = None,
        power_control: str | None = None,
        port: int | None = None,
        protocol: str | None = None,
        token_name: str | None = None,
        token_secret: str | None = None,
        verify_ssl: bool | None = None,
    ) -> str:
        """Ask the rack controllers to add every machine of a chassis (admin).

        MAAS API: ``POST machines/?op=add_chassis``.

        Returns:
            MAAS's text answer (``Asking <racks> to add machines from chassis <host>``).
        """
        arguments = dict(locals())
        del arguments["self"]
        answer = self._transport.post("machines/", op="add_chassis", data=form(arguments))
        return answer.text
