"""Model behaviour without a server: identity, repr, change tracking, copies and pickles."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from models_support import ScriptedServer, machine_json, managers, scripted_client

from maas_sdk.enums import NodeStatus
from maas_sdk.errors import (
    InvalidFieldValueError,
    MAASError,
    ReadOnlyFieldError,
    UnboundResourceError,
)
from maas_sdk.resources import VLAN, Machine, Subnet, Zone


def a_machine(**overrides: object) -> Machine:
    return Machine.model_validate_json(json.dumps(machine_json(**overrides)))


def test_repr_is_short_and_names_id_hostname_and_status() -> None:
    machine = a_machine(hostname="db-1", status=6, status_name="Deployed")

    assert repr(machine) == "<Machine thr3am db-1 Deployed>"
    assert str(machine) == repr(machine)
    assert repr(Zone(id=1, name="default")) == "<Zone 1 default>"
    subnet = Subnet(id=3, cidr="10.0.0.0/24")
    assert repr(subnet) == "<Subnet 3 10.0.0.0/24>"


def test_repr_never_shows_the_client() -> None:
    client = scripted_client(ScriptedServer())
    machines, _, _ = managers(client)
    machine = a_machine()._bind(machines)

    assert "secret" not in repr(machine)
    assert "Transport" not in repr(machine)
    assert "transport" not in repr(machine.model_dump())


def test_models_are_equal_by_identity_and_hashable() -> None:
    first, renamed = a_machine(hostname="a"), a_machine(hostname="b")
    other = a_machine(system_id="zzz999")

    assert first == renamed
    assert first != other
    assert len({first, renamed, other}) == 2
    assert Zone(id=1, name="default") == Zone(id=1, name="renamed")
    assert Zone(id=1, name="x") != Subnet(id=1)


def test_assigning_a_writable_field_is_validated_and_tracked() -> None:
    machine = a_machine()

    machine.hostname = "db-1"
    machine.cpu_count = 16

    assert machine.hostname == "db-1"
    assert machine.changes == {"hostname": "db-1", "cpu_count": 16}
    with pytest.raises(InvalidFieldValueError):
        machine.memory = "lots"  # type: ignore[assignment]
    assert "memory" not in machine.changes


def test_assigning_back_the_original_value_is_no_change() -> None:
    machine = a_machine(hostname="a")

    machine.hostname = "b"
    machine.hostname = "a"

    assert machine.changes == {}


def test_discard_changes_puts_the_read_values_back() -> None:
    machine = a_machine(hostname="a")
    machine.hostname = "b"

    machine.discard_changes()

    assert machine.hostname == "a"
    assert machine.changes == {}


@pytest.mark.parametrize("field", ["status", "system_id", "owner", "power_state", "fqdn"])
def test_assigning_a_read_only_field_raises_a_clear_error(field: str) -> None:
    machine = a_machine()

    with pytest.raises(ReadOnlyFieldError) as caught:
        setattr(machine, field, getattr(machine, field))

    assert isinstance(caught.value, MAASError)
    assert isinstance(caught.value, AttributeError)
    assert f"Machine.{field} is read-only" in str(caught.value)
    assert "hostname" in caught.value.writable


def test_computed_and_unknown_fields_are_read_only_too() -> None:
    machine = a_machine(brand_new=1)

    with pytest.raises(ReadOnlyFieldError):
        machine.boot_interface = None  # type: ignore[misc]
    with pytest.raises(ReadOnlyFieldError):
        machine.brand_new = 2
    with pytest.raises(AttributeError, match="has no field 'hostnme'"):
        machine.hostnme = "typo"


def test_nested_objects_reject_unknown_attributes() -> None:
    vlan = VLAN(id=1)

    with pytest.raises(AttributeError, match="has no field"):
        vlan.vidd = 3


def test_a_model_that_did_not_come_from_a_client_cannot_act() -> None:
    machine = a_machine()

    with pytest.raises(UnboundResourceError, match="not bound to a client"):
        machine.deploy()
    with pytest.raises(UnboundResourceError):
        Zone(id=1, name="default").delete()


def test_copies_keep_the_binding_and_the_changes() -> None:
    client = scripted_client(ScriptedServer())
    machines, _, _ = managers(client)
    machine = a_machine()._bind(machines)
    machine.hostname = "db-1"

    for duplicate in (copy.copy(machine), copy.deepcopy(machine), machine.model_copy()):
        assert duplicate == machine
        assert getattr(duplicate, "_manager", None) is machines
        assert duplicate.changes == {"hostname": "db-1"}
    deep = copy.deepcopy(machine)
    deep.hostname = "other"
    assert machine.hostname == "db-1"


def test_a_pickled_model_leaves_the_client_behind() -> None:
    client = scripted_client(ScriptedServer())
    machines, _, _ = managers(client)
    machine = a_machine()._bind(machines)
    machine.hostname = "db-1"

    restored = pickle.loads(pickle.dumps(machine))

    assert restored == machine
    assert restored.hostname == "db-1"
    assert restored.changes == {"hostname": "db-1"}
    assert restored.status is NodeStatus.ALLOCATED
    assert b"secret" not in pickle.dumps(machine)
    with pytest.raises(UnboundResourceError):
        restored.refresh()
