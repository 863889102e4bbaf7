"""The wiring around the API declarations, over every resource.

Which operations the SDK declares, and that they match MAAS's list, is measured by
``tests/test_coverage.py`` (``docs/coverage.md``). This module checks what that report does
not: every manager the client exposes is the class it is typed as, created once; every public
method of a model either is plumbing or delegates to a method of its manager; and an operation is
declared by a single SDK method unless it is a known alias.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from functools import cached_property
from operator import attrgetter
from typing import Any

import pytest

import maas_sdk.resources
from maas_sdk import MAASClient
from maas_sdk._coverage import normalise
from maas_sdk._operations import Operation, declared_operations
from maas_sdk.resources._base import MAASModel, Resource
from maas_sdk.resources._storage_base import NodeStorageObject
from maas_sdk.resources.account import AuthorisationToken
from maas_sdk.resources.block_devices import NodeBlockDevice
from maas_sdk.resources.boot_resources import BootResource
from maas_sdk.resources.boot_sources import BootSource, BootSourceSelection
from maas_sdk.resources.devices import Device
from maas_sdk.resources.dhcp_snippets import DHCPSnippet
from maas_sdk.resources.discoveries import Discovery
from maas_sdk.resources.dns_resources import DNSResource
from maas_sdk.resources.fabrics import Fabric
from maas_sdk.resources.files import StoredFile
from maas_sdk.resources.license_keys import LicenseKey
from maas_sdk.resources.machines import Machine
from maas_sdk.resources.nodes import Node
from maas_sdk.resources.notifications import Notification
from maas_sdk.resources.package_repositories import PackageRepository
from maas_sdk.resources.rack_controllers import RackController
from maas_sdk.resources.region_controllers import RegionController
from maas_sdk.resources.script_results import ScriptResultSet
from maas_sdk.resources.scripts import Script
from maas_sdk.resources.virtual_machines import VirtualMachine
from maas_sdk.resources.vm_clusters import VMCluster
from maas_sdk.resources.vm_host_model import VMHost

RESOURCE_MODULES = [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(maas_sdk.resources.__path__, prefix="maas_sdk.resources.")
]
RESOURCE_CLASSES = [
    cls
    for module in RESOURCE_MODULES
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if cls.__module__ == module.__name__
]

CLIENT_MANAGERS: dict[str, str] = {
    name: member.func.__annotations__["return"]
    for cls in reversed(MAASClient.__mro__)
    for name, member in vars(cls).items()
    if isinstance(member, cached_property)
}
"""Every manager attribute of the client, with the class name it is annotated with."""

_MANAGER_DECLARATION = re.compile(r"^        _manager: (\w+) \| None$", re.MULTILINE)


def declared_manager(model: type[Any]) -> str | None:
    """The manager class a model declares for type checkers (``_manager: X | None``)."""
    found = _MANAGER_DECLARATION.search(inspect.getsource(model))
    return found[1] if found else None


MODELS = {
    model: manager
    for model in RESOURCE_CLASSES
    if issubclass(model, Resource) and (manager := declared_manager(model))
}
"""Every model bound to a manager, with the manager's class name."""

PLUMBING = {"refresh", "save", "discard_changes", "wait_for"}
"""Model methods that re-read or send the model itself rather than mirror one manager method."""

DELEGATES_TO: dict[tuple[type, str], str] = {
    (StoredFile, "download"): "get",
    (AuthorisationToken, "rename"): "update_token_name",
    (AuthorisationToken, "delete"): "delete_token",
    (DNSResource, "set_addresses"): "update",
    (Discovery, "clear"): "clear_by_mac_and_ip",
    (ScriptResultSet, "set_suppressed"): "update",
    (NodeStorageObject, "delete"): "_remove",
    (NodeBlockDevice, "list_partitions"): "partitions.list",
    (NodeBlockDevice, "get_partition"): "partitions.get",
    (NodeBlockDevice, "create_partition"): "partitions.create",
    (Fabric, "list_vlans"): "vlans.list",
    (Fabric, "get_vlan"): "vlans.get_by_vid",
    (Fabric, "create_vlan"): "vlans.create",
}
"""Bound methods calling a manager method (or a sub-manager's) of another name, keyed by the
class defining them."""

DELEGATION_TESTED_ELSEWHERE = {Machine: "tests/test_models_delegation.py"}
"""Models whose bound actions hand the manager method to a helper (``self._act(manager.deploy,
...)``) instead of calling it; where their delegation is checked by calling every action."""

ALIASES: dict[Operation, set[str]] = {
    Operation("GET", "events/", "query"): {
        "maas_sdk.resources.events.Events.query",
        "maas_sdk.resources.events.Events.iterate",
    },
    Operation("GET", "machines/"): {
        "maas_sdk.resources.machine_manager.Machines.list",
        "maas_sdk.resources.machine_manager.Machines.find_by_hostname",
        "maas_sdk.resources.machine_manager.Machines.find_by_mac_address",
    },
    Operation("PUT", "vlans/{}/"): {
        "maas_sdk.resources.vlans.VLANs.update",
        "maas_sdk.resources.vlans.VLANs.enable_dhcp",
        "maas_sdk.resources.vlans.VLANs.disable_dhcp",
        "maas_sdk.resources.vlans.VLANs.relay_dhcp",
    },
}
"""Operations several methods send on purpose (a filter shortcut, a paging iterator, a
single-field update), with the methods."""


def resource_class(name: str) -> type[Any]:
    matches = [cls for cls in RESOURCE_CLASSES if cls.__name__ == name]
    assert len(matches) == 1, f"{name} names {len(matches)} classes in maas_sdk.resources"
    return matches[0]


def bound_methods(model: type[Any]) -> list[tuple[type, str, Any]]:
    """The public functions of a model and of its SDK bases, with the class defining each."""
    return [
        (owner, name, member)
        for owner in model.__mro__
        if owner.__module__.startswith("maas_sdk.") and owner not in (Resource, MAASModel)
        for name, member in vars(owner).items()
        if not name.startswith("_") and inspect.isfunction(member)
    ]


def test_discovery_finds_every_group_of_managers_and_models() -> None:
    assert len(CLIENT_MANAGERS) >= 50
    assert {"devices", "rack_controllers", "tags", "users", "config", "vm_hosts", "pods"} <= set(
        CLIENT_MANAGERS
    )
    assert len(MODELS) >= 45
    assert {
        VMHost,
        VirtualMachine,
        VMCluster,
        BootResource,
        BootSource,
        BootSourceSelection,
        StoredFile,
        Script,
        Notification,
        PackageRepository,
        LicenseKey,
        DHCPSnippet,
        Device,
        Node,
        RackController,
        RegionController,
    } <= set(MODELS)


@pytest.mark.parametrize("attribute", sorted(CLIENT_MANAGERS))
def test_the_client_exposes_each_manager_once(maas_client: MAASClient, attribute: str) -> None:
    manager = getattr(maas_client, attribute)
    expected = CLIENT_MANAGERS[attribute]

    assert type(manager) is resource_class(expected)
    assert getattr(maas_client, attribute) is manager
    assert re.fullmatch(rf"<{expected} manager( \(deprecated\))?>", repr(manager))


@pytest.mark.parametrize(
    "model",
    sorted(set(MODELS) - set(DELEGATION_TESTED_ELSEWHERE), key=str),
    ids=attrgetter("__name__"),
)
def test_bound_methods_delegate_to_a_manager_method(
    maas_client: MAASClient, model: type[Any]
) -> None:
    manager_class = resource_class(MODELS[model])
    # The client's instance holds the sub-managers (``partitions``, ``vlans``); a manager made per
    # parent object (boot source selections) is checked on its class.
    held = [getattr(maas_client, name) for name in CLIENT_MANAGERS]
    manager = next((each for each in held if type(each) is manager_class), manager_class)
    for owner, name, member in bound_methods(model):
        if name in PLUMBING:
            continue
        target = DELEGATES_TO.get((owner, name), name)
        label = f"{model.__name__}.{name} (defined on {owner.__name__})"
        assert callable(attrgetter(target)(manager)), f"{label}: no manager method {target}"
        called = target.rsplit(".", 1)[-1]
        assert f".{called}(" in inspect.getsource(member), f"{label} does not call {target}"


def test_an_operation_is_declared_once_unless_it_is_a_known_alias() -> None:
    methods: dict[Operation, set[str]] = defaultdict(set)
    declarations = 0
    for name, operation in declared_operations():
        methods[normalise(operation)].add(name)
        declarations += 1

    shared = {operation: names for operation, names in methods.items() if len(names) > 1}
    assert shared == ALIASES
    assert declarations == len(methods) + sum(len(names) - 1 for names in ALIASES.values())
