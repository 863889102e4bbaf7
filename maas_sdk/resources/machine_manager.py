"""The :class:`Machines` manager (``client.machines``): listing, reading, creating, allocating.

The instance operations come from its bases: ``MachineActions`` (deploy, release, commission,
test, abort, rescue mode), ``MachinePower`` (power on/off/query), ``MachineSettings`` (flags,
configuration, extra reads), ``MachineBulkActions`` (operations on many machines) and
``MachineFleet`` (streaming, field projections, concurrent bulk actions).

Listing filters run on the server (API 2.0 does not paginate ``machines/``, so filtering there
is what keeps big regions fast), and the lookups by hostname or MAC use those filters rather
than a full listing.

MAAS API: ``machines/`` and ``machines/{system_id}/`` (REFERENCE.md §7.2-§7.4).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping

from pydantic import TypeAdapter

from maas_sdk._clock import Clock
from maas_sdk._operations import api_operation
from maas_sdk._wait import ProgressCallback
from maas_sdk.enums import BridgeType, NodeStatus
from maas_sdk.resources._base import as_list, bind_all, comma_list, decode, form
from maas_sdk.resources.common import Domain, ResourcePool
from maas_sdk.resources.machine_actions import check_wait, machine_path
from maas_sdk.resources.machine_bulk import MachineBulkActions
from maas_sdk.resources.machine_filters import (
    Names,
    PowerStates,
    SimpleStatuses,
    Statuses,
    Targets,
    allocate_form,
    filter_params,
)
from maas_sdk.resources.machine_fleet import MachineFleet
from maas_sdk.resources.machine_settings import power_parameter_pairs
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.zones import Zone

__all__ = ["Machines"]

_MACHINE = TypeAdapter(Machine)
_MACHINES = TypeAdapter(list[Machine])


class Machines(MachineBulkActions, MachineFleet):
    """Manager of machines, reached as ``client.machines``.

    Args:
        transport: The client's transport.
        clock: The client's clock, used when waiting (default: the system clock).
    """

    def __repr__(self) -> str:
        return "<Machines manager>"

    @property
    def clock(self) -> Clock:
        """The clock waits sleep on."""
        return self._clock

    # --- reading ---------------------------------------------------------------------------

    @api_operation("GET", "machines/")
    def list(
        self,
        *,
        hostname: Names = None,
        not_hostname: Names = None,
        system_id: Names = None,
        not_system_id: Names = None,
        mac_address: Names = None,
        domain: Names = None,
        not_domain: Names = None,
        agent_name: Names = None,
        not_agent_name: Names = None,
        status: Statuses = None,
        not_status: Statuses = None,
        simple_status: SimpleStatuses = None,
        not_simple_status: SimpleStatuses = None,
        arch: Names = None,
        not_arch: Names = None,
        tags: Names = None,
        not_tags: Names = None,
        zone: Names = None,
        not_in_zone: Names = None,
        pool: Names = None,
        not_in_pool: Names = None,
        owner: Names = None,
        not_owner: Names = None,
        power_state: PowerStates = None,
        not_power_state: PowerStates = None,
        cpu_count: int | None = None,
        cpu_speed: int | None = None,
        mem: int | None = None,
        link_speed: int | None = None,
        fabrics: Names = None,
        not_fabrics: Names = None,
        fabric_classes: Names = None,
        not_fabric_classes: Names = None,
        vlans: Names = None,
        not_vlans: Names = None,
        subnets: Names = None,
        not_subnets: Names = None,
        pod: Names = None,
        not_pod: Names = None,
        pod_type: Names = None,
        not_pod_type: Names = None,
        deployment_target: Targets = None,
        not_deployment_target: Targets = None,
        storage: str | None = None,
        interfaces: str | None = None,
        devices: Names = None,
    ) -> builtins.list[Machine]:
        """List the machines visible to the caller that match every filter given.

        Each filter takes one value or several; several values of one filter are OR-ed
        (except ``tags`` and ``subnets``, which require all), different filters are AND-ed,
        and a ``not_*`` filter excludes machines matching any of its values.

        MAAS API: ``GET machines/``.

        Args:
            hostname: Exact host names (no domain).
            not_hostname: Host names to exclude.
            system_id: system_ids (MAAS's ``id`` filter).
            not_system_id: system_ids to exclude.
            mac_address: MAC addresses of any interface (colon form).
            domain: Domain names. not_domain: excluded domains.
            agent_name: Agent names set at allocation. not_agent_name: excluded ones.
            status: Statuses (members or keywords such as ``"deployed"``).
            not_status: Statuses to exclude.
            simple_status: Simplified statuses; MAAS answers 500 to this filter, so it is
                expanded here into the ``status`` keywords it stands for.
            not_simple_status: Simplified statuses to exclude (expanded likewise).
            arch: Architectures (``amd64`` matches every amd64 subarchitecture).
            not_arch: Architectures to exclude.
            tags: Tag names the machine must all have. not_tags: tags it must not have.
            zone: Zone names. not_in_zone: zones to exclude.
            pool: Resource pool names. not_in_pool: pools to exclude.
            owner: Owner usernames. not_owner: owners to exclude.
            power_state: ``on``, ``off``, ``unknown``, ``error``. not_power_state: excluded.
            cpu_count: Minimum number of cores.
            cpu_speed: Minimum CPU speed in MHz.
            mem: Minimum memory in MiB.
            link_speed: Minimum link speed of some interface, in Mbit/s.
            fabrics: Fabric names. not_fabrics: excluded fabrics.
            fabric_classes: Fabric classes. not_fabric_classes: excluded classes.
            vlans: VLAN specifiers (``vid:10``, ``name:...``). not_vlans: excluded ones.
            subnets: Subnet specifiers, all required. not_subnets: excluded ones.
            pod: VM host names. not_pod: excluded hosts.
            pod_type: VM host power types. not_pod_type: excluded types.
            deployment_target: ``memory`` or ``disk`` (MAAS 3.5+).
            not_deployment_target: Targets to exclude (MAAS 3.5+).
            storage: Storage constraint, e.g. ``"root:100(ssd),data:500"`` (sizes in GB).
            interfaces: Interface constraint, e.g. ``"eth0:space=public;eth1:vid=10"``.
            devices: PCI/USB device constraints, e.g. ``"vendor_id=10de"``.

        Raises:
            BadRequestError: An unknown zone, pool, tag or owner, or a malformed value.
        """
        arguments = dict(locals())
        del arguments["self"]
        params = filter_params(arguments)
        if params is None:
            return []
        machines = decode(self._transport.get("machines/", params=params), _MACHINES)
        bind_all(machines, self)
        return machines

    @api_operation("GET", "machines/{system_id}/")
    def get(self, system_id: str) -> Machine:
        """Read one machine.

        MAAS API: ``GET machines/{system_id}/``.

        Raises:
            NotFoundError: No machine has that system_id.
            PermissionDeniedError: The machine belongs to another user.
        """
        return self._read(system_id)

    @api_operation("GET", "machines/")
    def find_by_hostname(self, hostname: str) -> Machine | None:
        """Return the machine with this host name (without domain), or ``None``.

        MAAS API: ``GET machines/?hostname=...`` (a server-side filter, not a full listing).
        """
        return _first(self.list(hostname=hostname))

    @api_operation("GET", "machines/")
    def find_by_mac_address(self, mac_address: str) -> Machine | None:
        """Return the machine with an interface of this MAC address (colon form), or ``None``.

        MAAS API: ``GET machines/?mac_address=...`` (a server-side filter).
        """
        return _first(self.list(mac_address=mac_address))

    # --- creating, changing, deleting ------------------------------------------------------

    @api_operation("POST", "machines/")
    def create(
        self,
        *,
        architecture: str | None = None,
        mac_addresses: Names = None,
        hostname: str | None = None,
        description: str | None = None,
        domain: str | int | Domain | None = None,
        subarchitecture: str | None = None,
        min_hwe_kernel: str | None = None,
        power_type: str | None = None,
        power_parameters: Mapping[str, str | int | bool] | None = None,
        power_parameters_skip_check: bool | None = None,
        commission: bool | None = None,
        deployed: bool | None = None,
        enable_ssh: bool | None = None,
        skip_bmc_config: bool | None = None,
        skip_networking: bool | None = None,
        skip_storage: bool | None = None,
        commissioning_scripts: Names = None,
        testing_scripts: Names = None,
        is_dpu: bool | None = None,
        wait: bool = False,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Machine:
        """Register a machine. An administrator's machine starts commissioning by default.

        MAAS API: ``POST machines/``.

        Args:
            architecture: ``amd64`` or ``arch/subarch``; required unless ``power_type`` is
                ``ipmi`` or ``deployed`` is true.
            mac_addresses: MAC addresses of the interfaces (required likewise).
            hostname: Host name (``name.domain`` also sets the domain); random if omitted.
            description: Free-form description.
            domain: Domain (id, name or model).
            subarchitecture: Subarchitecture, when ``architecture`` has none.
            min_hwe_kernel: Minimum kernel (``hwe-...`` or ``ga-...``).
            power_type: Power driver (``ipmi``, ``virsh``, ``manual``, ...).
            power_parameters: Driver parameters, sent as ``power_parameters_<name>`` fields.
            power_parameters_skip_check: Do not validate the power parameters.
            commission: Start commissioning right away (admin default: true).
            deployed: Register an already deployed machine (admin).
            enable_ssh: Commissioning: keep SSH access.
            skip_bmc_config: Commissioning: do not configure the BMC.
            skip_networking: Commissioning: keep the network configuration.
            skip_storage: Commissioning: keep the storage configuration.
            commissioning_scripts: Commissioning scripts or tags to add.
            testing_scripts: Testing scripts or tags (``"none"`` for none).
            is_dpu: The machine is a DPU (MAAS 3.7+).
            wait: When commissioning started, return only once the machine is Ready.
            timeout: With ``wait``, seconds before :class:`WaitTimeoutError`.
            poll_interval: With ``wait``, seconds before the first poll.
            on_progress: With ``wait``, called with the machine after every poll.

        Raises:
            BadRequestError: Invalid or duplicate values (``field_errors`` says which), or
                the commissioning image is not available.
        """
        check_wait(wait, timeout, poll_interval, on_progress)
        data = form(
            {
                "architecture": architecture,
                "mac_addresses": as_list(mac_addresses),
                "hostname": hostname,
                "description": description,
                "domain": _domain_value(domain),
                "subarchitecture": subarchitecture,
                "min_hwe_kernel": min_hwe_kernel,
                "power_type": power_type,
                "power_parameters_skip_check": power_parameters_skip_check,
                "commission": commission,
                "deployed": deployed,
                "enable_ssh": enable_ssh,
                "skip_bmc_config": skip_bmc_config,
                "skip_networking": skip_networking,
                "skip_storage": skip_storage,
                "commissioning_scripts": comma_list(commissioning_scripts),
                "testing_scripts": comma_list(testing_scripts),
                "is_dpu": is_dpu,
            },
            power_parameter_pairs(power_parameters),
        )
        machine = decode(self._transport.post("machines/", data=data), _MACHINE)._bind(self)
        if not wait or machine.status != NodeStatus.COMMISSIONING:
            return machine
        return self._wait(machine, "commission", timeout, poll_interval, on_progress)

    @api_operation("PUT", "machines/{system_id}/")
    def update(
        self,
        system_id: str,
        *,
        hostname: str | None = None,
        description: str | None = None,
        domain: str | int | Domain | None = None,
        architecture: str | None = None,
        min_hwe_kernel: str | None = None,
        hwe_kernel: str | None = None,
        osystem: str | None = None,
        distro_series: str | None = None,
        license_key: str | None = None,
        power_type: str | None = None,
        power_parameters: Mapping[str, str | int | bool] | None = None,
        power_parameters_skip_check: bool | None = None,
        pool: str | ResourcePool | None = None,
        zone: str | Zone | None = None,
        swap_size: int | str | None = None,
        cpu_count: int | None = None,
        memory: int | None = None,
        disable_ipv4: bool | None = None,
        is_dpu: bool | None = None,
    ) -> Machine:
        """Change a machine (admin); ``None`` leaves a field unchanged, ``""`` clears it.

        MAAS API: ``PUT machines/{system_id}/``.

        Args:
            system_id: The machine.
            hostname: New host name.
            description: New description.
            domain: Domain (id, name or model).
            architecture: ``arch/subarch``.
            min_hwe_kernel: Minimum kernel.
            hwe_kernel: Kernel for the deployment (allocated machines).
            osystem: Operating system for the deployment (allocated machines).
            distro_series: Release for the deployment (allocated machines).
            license_key: License key for the deployment.
            power_type: Power driver.
            power_parameters: Driver parameters, sent as ``power_parameters_<name>`` fields.
            power_parameters_skip_check: Do not validate the power parameters.
            pool: Resource pool (name or model).
            zone: Zone (name or model).
            swap_size: Swap size in bytes, or with a ``K``/``M``/``G``/``T`` suffix.
            cpu_count: Number of cores.
            memory: Memory in MiB.
            disable_ipv4: Deprecated; must be false.
            is_dpu: Whether the machine is a DPU (MAAS 3.7+).

        Raises:
            BadRequestError: Invalid values (``field_errors`` says which).
            PermissionDeniedError: Not an administrator, or the machine is locked.
        """
        data = form(
            {
                "hostname": hostname,
                "description": description,
                "domain": _domain_value(domain),
                "architecture": architecture,
                "min_hwe_kernel": min_hwe_kernel,
                "hwe_kernel": hwe_kernel,
                "osystem": osystem,
                "distro_series": distro_series,
                "license_key": license_key,
                "power_type": power_type,
                "power_parameters_skip_check": power_parameters_skip_check,
                "pool": pool.name if isinstance(pool, ResourcePool) else pool,
                "zone": zone.name if isinstance(zone, Zone) else zone,
                "swap_size": swap_size,
                "cpu_count": cpu_count,
                "memory": memory,
                "disable_ipv4": disable_ipv4,
                "is_dpu": is_dpu,
            },
            power_parameter_pairs(power_parameters),
        )
        answer = self._transport.put(machine_path(system_id), data=data)
        return decode(answer, _MACHINE)._bind(self)

    @api_operation("DELETE", "machines/{system_id}/")
    def delete(self, system_id: str, *, force: bool | None = None) -> None:
        """Delete a machine (admin).

        MAAS API: ``DELETE machines/{system_id}/``.

        Args:
            system_id: The machine.
            force: Also delete the VM hosts deployed on it.

        Raises:
            PermissionDeniedError: Not an administrator, or the machine is locked.
        """
        self._transport.delete(machine_path(system_id), params=form({"force": force}))

    # --- allocation ------------------------------------------------------------------------

    @api_operation("POST", "machines/", op="allocate")
    def allocate(
        self,
        *,
        name: str | None = None,
        system_id: str | None = None,
        arch: Names = None,
        not_arch: Names = None,
        cpu_count: int | float | None = None,
        cpu_speed: int | None = None,
        mem: int | float | None = None,
        tags: Names = None,
        not_tags: Names = None,
        zone: Names = None,
        not_in_zone: Names = None,
        pool: Names = None,
        not_in_pool: Names = None,
        owner: Names = None,
        not_owner: Names = None,
        power_state: PowerStates = None,
        not_power_state: PowerStates = None,
        pod: Names = None,
        not_pod: Names = None,
        pod_type: Names = None,
        not_pod_type: Names = None,
        subnets: Names = None,
        not_subnets: Names = None,
        vlans: Names = None,
        not_vlans: Names = None,
        fabrics: Names = None,
        not_fabrics: Names = None,
        fabric_classes: Names = None,
        not_fabric_classes: Names = None,
        link_speed: int | None = None,
        deployment_target: Targets = None,
        not_deployment_target: Targets = None,
        devices: Names = None,
        storage: str | None = None,
        interfaces: str | None = None,
        agent_name: str | None = None,
        comment: str | None = None,
        bridge_all: bool | None = None,
        bridge_type: BridgeType | str | None = None,
        bridge_stp: bool | None = None,
        bridge_fd: int | None = None,
        dry_run: bool | None = None,
        verbose: bool | None = None,
    ) -> Machine:
        """Allocate the cheapest Ready machine matching every constraint to the caller.

        The constraints mean what the :meth:`list` filters of the same name mean (minimums
        for ``cpu_count``, ``cpu_speed``, ``mem`` and ``link_speed``); ``name`` is a host name
        or FQDN. The answer carries ``constraints_by_type``.

        MAAS API: ``POST machines/?op=allocate``.

        Args:
            agent_name: Stored on the machine.
            comment: Comment for the event log.
            bridge_all: Create a bridge on every configured interface.
            bridge_type: ``standard`` or ``ovs``.
            bridge_stp: Enable STP on the bridges.
            bridge_fd: Bridge forward delay in seconds.
            dry_run: Pick a machine without allocating it.
            verbose: Add ``verbose_storage``/``verbose_interfaces`` to ``constraints_by_type``.

        Raises:
            ConflictError: No Ready machine matches (the message lists the constraints).
            BadRequestError: An unknown zone, pool or tag, or a malformed constraint.
        """
        arguments = dict(locals())
        del arguments["self"]
        data = allocate_form(arguments)
        answer = self._transport.post("machines/", op="allocate", data=data)
        return decode(answer, _MACHINE)._bind(self)


def _first(machines: builtins.list[Machine]) -> Machine | None:
    return machines[0] if machines else None


def _domain_value(domain: str | int | Domain | None) -> str | int | None:
    return domain.id if isinstance(domain, Domain) else domain
