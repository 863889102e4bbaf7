"""Every bound action is the manager's procedural method applied to the model's identity."""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest
from models_support import machine_json

from maas_sdk.resources import Machine, Machines, Subnet, Subnets, Zone, Zones

MANAGED: dict[type[Any], type[Any]] = {Machine: Machines, Subnet: Subnets, Zone: Zones}
ONLY_ON_MODEL = {"refresh", "save", "wait_for", "discard_changes"}


def bound_actions(model: type[Any]) -> list[str]:
    return sorted(
        name
        for name, member in vars(model).items()
        if inspect.isfunction(member) and not name.startswith("_") and name not in ONLY_ON_MODEL
    )


def test_every_instance_operation_of_the_manager_is_bound_on_the_machine() -> None:
    instance_ops = {
        name
        for name, member in inspect.getmembers(Machines, inspect.isfunction)
        if not name.startswith("_")
        and list(inspect.signature(member).parameters)[1:2] == ["system_id"]
    } - {"get", "update"}

    assert instance_ops == set(bound_actions(Machine))


@pytest.mark.parametrize(
    ("model", "name"),
    [(model, name) for model in MANAGED for name in bound_actions(model)],
)
def test_a_bound_action_has_the_managers_signature_minus_the_identity(
    model: type[Any], name: str
) -> None:
    bound = inspect.signature(getattr(model, name))
    procedural = inspect.signature(getattr(MANAGED[model], name))

    expected = list(procedural.parameters.values())[2:]
    actual = list(bound.parameters.values())[1:]
    assert [(p.name, p.kind, p.default, p.annotation) for p in actual] == [
        (p.name, p.kind, p.default, p.annotation) for p in expected
    ]


class Recorder:
    """Stands in for a manager: records the call and answers with a machine."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return Machine.model_validate_json(json.dumps(machine_json(hostname="answered")))

        return record


@pytest.mark.parametrize("name", bound_actions(Machine))
def test_a_machine_action_delegates_to_the_manager_with_its_system_id(name: str) -> None:
    machine = Machine.model_validate_json(json.dumps(machine_json()))
    recorder = Recorder()
    object.__setattr__(machine, "_manager", recorder)
    signature = inspect.signature(getattr(Machine, name))
    required = {
        p.name: f"value-{p.name}"
        for p in list(signature.parameters.values())[1:]
        if p.default is inspect.Parameter.empty
    }

    result = getattr(machine, name)(**required)

    (called, args, kwargs) = recorder.calls[0]
    assert (called, args) == (name, ("thr3am",))
    assert {k: v for k, v in kwargs.items() if k in required} == required
    assert len(recorder.calls) == 1
    if signature.return_annotation == "Machine":
        assert result is machine
        assert machine.hostname == "answered"
    elif signature.return_annotation == "None":
        assert result is None
    else:
        assert isinstance(result, Machine)
        assert result.hostname == "answered"
        assert machine.hostname == "calm-cod"


PURE = {"changes", "discard_changes", "addresses", "clock"}


@pytest.mark.parametrize(
    "owner", [Machine, Subnet, Zone, Machines, Subnets, Zones], ids=lambda c: c.__name__
)
def test_every_method_that_calls_the_api_names_its_endpoint(owner: type[Any]) -> None:
    missing = [
        name
        for name, member in inspect.getmembers(owner)
        if not name.startswith("_")
        and name not in PURE
        and (inspect.isfunction(member))
        and name in {n for cls in owner.__mro__ if "maas_sdk" in cls.__module__ for n in vars(cls)}
        and not name.startswith("model_")
        and "MAAS API:" not in (member.__doc__ or "")
    ]

    assert missing == []
