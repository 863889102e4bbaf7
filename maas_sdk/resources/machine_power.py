"""Machine power operations: power on/off (optionally waiting for the BMC) and power queries.

:class:`MachinePower` adds them to the ``client.machines`` manager. Waiting queries the BMC
(``op=query_power_state``) on the client's clock until it reports the wanted state; a ``manual``
machine is returned at once, since MAAS never learns its power state.

MAAS API: ``machines/{system_id}/`` power ops (REFERENCE.md §7.4, LIFECYCLE.md §3.9).
"""

from __future__ import annotations

from pydantic import BaseModel, TypeAdapter

from maas_sdk._operations import api_operation
from maas_sdk._wait import ProgressCallback, wait_for_power
from maas_sdk.enums import NodeStatus, PowerState, PowerStopMode
from maas_sdk.resources._base import decode, encode_user_data, form
from maas_sdk.resources.machine_actions import MachineActions, check_wait, machine_path
from maas_sdk.resources.machines import Machine

__all__ = ["MachinePower"]


class _PowerStateAnswer(BaseModel):
    state: PowerState


_POWER_STATE = TypeAdapter(_PowerStateAnswer)


class MachinePower(MachineActions):
    """Power operations on one machine, identified by its system_id."""

    def _wait_power(
        self,
        machine: Machine,
        target: PowerState,
        timeout: float | None,
        poll_interval: float | None,
        on_progress: ProgressCallback | None,
    ) -> Machine:
        if machine.status == NodeStatus.DEPLOYING and target == PowerState.ON:
            # power_on of an Allocated machine starts a deployment (LIFECYCLE.md §3.2).
            return self._wait(machine, "deploy", timeout, poll_interval, on_progress)
        if machine.power_type == "manual":
            return machine  # MAAS never learns the power state of a manual machine.
        wait_for_power(
            machine,
            lambda: self.query_power_state(machine.system_id),
            target,
            clock=self._clock,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )
        return self._read(machine.system_id)

    @api_operation("POST", "machines/{system_id}/", op="power_on")
    def power_on(
        self,
        system_id: str,
        *,
        user_data: str | bytes | None = None,
        comment: str | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Power a machine on. On an Allocated machine this starts a deployment.

        MAAS API: ``POST machines/{system_id}/?op=power_on``.

        Args:
            system_id: The machine (it must have an owner).
            user_data: cloud-init user data replacing the stored one; sent base64-encoded.
            comment: Comment for the event log.
            wait: Return once the BMC reports ``on`` (or, when a deployment started, once it
                is Deployed). A ``manual`` machine is returned at once: MAAS cannot see it.
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 300).
            poll_interval: With ``wait``, seconds before the first query (default 2, growing).
            on_progress: With ``wait``, called with the machine after every query.

        Raises:
            ConflictError: The machine has not been allocated.
            PowerActionFailedError: With ``wait``: the BMC reported ``error``.
            WaitTimeoutError: With ``wait``: the deadline passed.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form({"user_data": encode_user_data(user_data), "comment": comment})
        machine = self._post(system_id, "power_on", data)
        if not wait:
            return machine
        return self._wait_power(machine, PowerState.ON, timeout, poll_interval, on_progress)

    @api_operation("POST", "machines/{system_id}/", op="power_off")
    def power_off(
        self,
        system_id: str,
        *,
        stop_mode: PowerStopMode | str | None = None,
        comment: str | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine | None:
        """Power a machine off.

        MAAS API: ``POST machines/{system_id}/?op=power_off``.

        Args:
            system_id: The machine.
            stop_mode: ``soft`` for a graceful shutdown where supported, else ``hard``.
            comment: Comment for the event log.
            wait: Return once the BMC reports ``off`` (a ``manual`` machine: at once).
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError` (default 300).
            poll_interval: With ``wait``, seconds before the first query (default 2, growing).
            on_progress: With ``wait``, called with the machine after every query.

        Returns:
            The machine, or ``None`` when MAAS had no power action to take (``manual`` power).
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form({"stop_mode": stop_mode, "comment": comment})
        machine = self._post_optional(system_id, "power_off", data)
        if machine is None or not wait:
            return machine
        return self._wait_power(machine, PowerState.OFF, timeout, poll_interval, on_progress)

    @api_operation("GET", "machines/{system_id}/", op="query_power_state")
    def query_power_state(self, system_id: str) -> PowerState:
        """Ask the BMC for the machine's power state now (may take up to 60 s).

        MAAS API: ``GET machines/{system_id}/?op=query_power_state``.

        Raises:
            ServiceUnavailableError: No rack controller can reach the BMC.
            ServerError: The BMC query timed out (504).
        """
        answer = self._transport.get(machine_path(system_id), op="query_power_state")
        return decode(answer, _POWER_STATE).state
