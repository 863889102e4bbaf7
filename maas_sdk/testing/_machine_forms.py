"""Validation of machine create/update/deploy parameters, with MAAS's literal messages.

Field errors are collected per field (``{"hostname": ["..."]}``) in form order and raised
together as :class:`~maas_sdk.testing._responses.FieldErrors`, like a Django form
(REFERENCE.md §7.2, §7.4, §22.4).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ._forms import FormData, django_bool
from ._machine_model import POWER_TYPES, Machine
from ._machine_table import MachineTable
from ._responses import FakeAPIError
from ._store import Store

__all__ = [
    "UBUNTU_SERIES",
    "FormErrors",
    "MachineChanges",
    "normalise_mac",
    "parse_series",
    "require_power_type",
    "validate_architecture",
    "validate_hostname",
    "validate_kernel",
    "validate_machine_fields",
    "validate_power",
]

_MAC = re.compile(r"^([0-9a-fA-F]{1,2}[:-]){5}[0-9a-fA-F]{1,2}$")
_LABEL = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")
_KERNEL = re.compile(r"^(hwe|ga)-(\d\d\.\d\d|[a-z]|\d+)(-[a-z0-9-]+)?$")
UBUNTU_SERIES = {"bionic": "18.04", "focal": "20.04", "jammy": "22.04", "noble": "24.04"}
"""Ubuntu releases the fake has boot images for: codename -> version."""
_SWAP = re.compile(r"^(\d+(?:\.\d+)?)([KMGT]?)B?$", re.IGNORECASE)
_MULTIPLIERS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}


class FormErrors:
    """Field errors collected in form order."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        """Record one message for a field."""
        self.errors.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.errors)


def normalise_mac(value: str) -> str | None:
    """Return the MAC in lowercase colon form, or None when it is not a MAC."""
    if not _MAC.match(value.strip()):
        return None
    parts = re.split(r"[:-]", value.strip())
    return ":".join(part.zfill(2).lower() for part in parts)


def validate_architecture(
    table: MachineTable, value: str, subarch: str | None = None
) -> tuple[str | None, str | None]:
    """Return ``(architecture, None)`` or ``(None, message)`` for an ``architecture`` field."""
    if subarch:
        if "/" in value:
            return None, "Subarchitecture cannot be specified twice."
        value = f"{value}/{subarch}"
    full = value if "/" in value else f"{value}/generic"
    if full not in table.architectures:
        choices = ", ".join(f"'{a}'" for a in table.architectures)
        return None, f"'{full}' is not a valid architecture.  It should be one of: {choices}."
    return full, None


def validate_hostname(value: str) -> str | None:
    """Return MAAS's message for an invalid hostname, else None."""
    if not value or len(value) > 255:
        return "Invalid hostname: hostname must be 1 to 255 characters long."
    for label in value.split("."):
        if "_" in label:
            return f"Host label cannot contain underscore: {label!r}."
        if not _LABEL.match(label):
            return f"Invalid hostname: Label cannot start or end with hyphen: {label!r}."
    return None


def validate_kernel(value: str) -> bool:
    """Whether a ``min_hwe_kernel``/``hwe_kernel`` value names a kernel MAAS knows."""
    return bool(_KERNEL.match(value))


def parse_series(value: str) -> str | None:
    """Return the codename for ``jammy``, ``ubuntu/jammy``, ``22.04`` or ``ubuntu/22.04``."""
    name = value.removeprefix("ubuntu/")
    if name in UBUNTU_SERIES:
        return name
    for codename, version in UBUNTU_SERIES.items():
        if name == version:
            return codename
    return None


def require_power_type(power_type: str) -> None:
    """Raise MAAS's 500 for an op that needs a power type on a node without one."""
    if not power_type:
        raise FakeAPIError(
            500, "Unconfigured power type. Please configure the power type and try again."
        )


def validate_power(
    params: FormData, current_type: str, current_params: dict[str, Any], errors: FormErrors
) -> tuple[str, dict[str, Any]]:
    """Validate ``power_type`` and ``power_parameters[_<name>]``; return the new values."""
    power_type = params.get("power_type", current_type) or ""
    if power_type and power_type not in POWER_TYPES:
        errors.add(
            "power_type",
            f"Select a valid choice. {power_type} is not one of the available choices.",
        )
        return current_type, current_params
    new_params = dict(current_params) if power_type == current_type else {}
    raw = params.get("power_parameters")
    if raw:
        try:
            decoded = json.loads(raw)
        except ValueError:
            decoded = None
        if isinstance(decoded, dict):
            new_params.update(decoded)
    for name, value in params.items():
        if name.startswith("power_parameters_") and name != "power_parameters_skip_check":
            new_params[name.removeprefix("power_parameters_")] = value
    skip = params.get("power_parameters_skip_check") == "true"
    if power_type not in ("", "manual") and not new_params and not skip:
        errors.add("power_parameters", "This field is required.")
    return power_type, new_params


def _parse_swap(value: str) -> int | None:
    match = _SWAP.match(value.strip())
    if match is None:
        return None
    return int(float(match.group(1)) * _MULTIPLIERS[match.group(2).upper()])


@dataclass
class MachineChanges:
    """Validated values of a machine form; only the given fields are set."""

    values: dict[str, Any] = field(default_factory=dict)


def _whole_number(params: FormData, name: str, errors: FormErrors, out: dict[str, Any]) -> None:
    value = params.get(name)
    if value is None:
        return
    try:
        out[name] = int(value.strip())
    except ValueError:
        errors.add(name, "Enter a whole number.")


def validate_machine_fields(
    store: Store,
    table: MachineTable,
    params: FormData,
    machine: Machine | None,
    errors: FormErrors,
) -> MachineChanges:
    """Validate the fields shared by create and update (``machine`` is None on create)."""
    out: dict[str, Any] = {}
    hostname = params.get("hostname")
    if hostname is not None and hostname != "":
        domain_part = None
        if "." in hostname:
            hostname, _, domain_part = hostname.partition(".")
        message = validate_hostname(hostname)
        other = table.by_hostname.get(hostname)
        if message is not None:
            errors.add("hostname", message)
        elif other is not None and other is not machine:
            errors.add("hostname", "Node with this Hostname already exists.")
        else:
            out["hostname"] = hostname
        if domain_part and params.get("domain") is None:
            domain = store.find_domain(domain_part)
            if domain is None:
                errors.add("domain", f"Unable to find domain {domain_part}")
            else:
                out["domain_id"] = domain.id
    if params.get("description") is not None:
        out["description"] = params.get("description")
    domain_spec = params.get("domain")
    if domain_spec:
        domain = store.find_domain(domain_spec)
        if domain is None:
            errors.add("domain", f"Unable to find domain {domain_spec}")
        else:
            out["domain_id"] = domain.id
    if machine is not None and params.get("architecture") is not None:
        arch, message = validate_architecture(table, params.get("architecture") or "")
        if message is not None:
            errors.add("architecture", message)
        else:
            out["architecture"] = arch
    kernel = params.get("min_hwe_kernel")
    if kernel:
        if validate_kernel(kernel):
            out["min_hwe_kernel"] = kernel
        else:
            errors.add("min_hwe_kernel", f'No kernel matches ">={kernel}" requirement.')
    elif kernel == "":
        out["min_hwe_kernel"] = ""
    power_type, power_params = validate_power(
        params,
        machine.power_type if machine else "",
        machine.power_parameters if machine else {},
        errors,
    )
    out["power_type"], out["power_parameters"] = power_type, power_params
    invalid_choice = "Select a valid choice. That choice is not one of the available choices."
    for name, lookup in (("pool", store.pool_by_name), ("zone", store.zone_by_name)):
        spec = params.get(name)
        if spec is None or (machine is None and spec == ""):
            continue
        found = lookup(spec)
        if found is None:
            errors.add(name, invalid_choice)
        else:
            out[f"{name}_id"] = found.id
    swap = params.get("swap_size")
    if swap is not None:
        parsed = None if swap.strip() == "" else _parse_swap(swap)
        if swap.strip() and parsed is None:
            errors.add("swap_size", f"Invalid size for swap: {swap}")
        else:
            out["swap_size"] = parsed
    if django_bool(params.get("disable_ipv4")):
        errors.add("disable_ipv4", "If specified, disable_ipv4 must be False.")
    _whole_number(params, "cpu_count", errors, out)
    _whole_number(params, "memory", errors, out)
    return MachineChanges(out)
