"""State of the fake's scripts (``scripts/`` and the deprecated ``commissioning-scripts/``).

A new region has a few built-in scripts (:attr:`ScriptRecord.default`). :func:`apply_script_form`
validates and applies a create or update the way MAAS's ``ScriptForm`` does, with its literal
error texts (the embedded-YAML metadata block is not parsed).
"""

from __future__ import annotations

import base64
import shlex
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from ._forms import FormData, django_bool
from ._render import API_PREFIX
from ._responses import FieldErrors
from ._store import Store
from ._validate import REQUIRED
from ._versioned import Revision, format_created

__all__ = [
    "ScriptRecord",
    "apply_script_form",
    "install_scripts",
    "render_script",
    "scripts_of",
    "translate",
]

TYPES = {0: "Commissioning script", 2: "Testing script", 3: "Release script"}
HARDWARE = {0: "Node", 1: "CPU", 2: "Memory", 3: "Storage", 4: "Network", 5: "GPU"}
PARALLEL = {
    0: "Disabled",
    1: "Run along other instances of this script",
    2: "Run along any other script.",
}
_TYPE_WORDS = {"test": 2, "testing": 2, "commission": 0, "commissioning": 0, "release": 3}
_HARDWARE_WORDS = {
    **dict.fromkeys(("node", "machine", "controller", "other", "generic"), 0),
    **dict.fromkeys(("cpu", "processor"), 1),
    **dict.fromkeys(("memory", "ram"), 2),
    **dict.fromkeys(("storage", "disk", "ssd"), 3),
    **dict.fromkeys(("network", "net", "interface"), 4),
    **dict.fromkeys(("gpu", "graphics"), 5),
}
_PARALLEL_WORDS = {"disabled": 0, "none": 0, "instance": 1, "name": 1, "any": 2, "enabled": 2}
_KINDS: dict[str, tuple[dict[int, str], dict[str, int], str, str]] = {
    "script_type": (
        TYPES,
        _TYPE_WORDS,
        "Invalid script type numeric value.",
        "Script type must be commissioning, testing or release",
    ),
    "hardware_type": (
        HARDWARE,
        _HARDWARE_WORDS,
        "Invalid hardware type numeric value.",
        "Hardware type must be node, cpu, memory, storage, or gpu",
    ),
    "parallel": (
        PARALLEL,
        _PARALLEL_WORDS,
        "Invalid script parallel numeric value.",
        "Script parallel must be disabled, instance, or any.",
    ),
}
_FORM_FIELDS = (
    "name",
    "title",
    "description",
    "tags",
    "script_type",
    "hardware_type",
    "parallel",
    "packages",
    "timeout",
    "destructive",
    "script",
    "for_hardware",
    "may_reboot",
    "recommission",
    "apply_configured_networking",
)


@dataclass
class ScriptRecord:
    """A script and its stored revisions (newest first)."""

    id: int
    name: str
    revisions: list[Revision]
    title: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    script_type: int = 2
    hardware_type: int = 0
    parallel: int = 0
    timeout: int = 0
    destructive: bool = False
    for_hardware: list[str] = field(default_factory=list)
    may_reboot: bool = False
    recommission: bool = False
    apply_configured_networking: bool = False
    default: bool = False
    parameters: dict[str, Any] = field(default_factory=dict)
    packages: dict[str, Any] = field(default_factory=dict)


def scripts_of(store: Store) -> dict[int, ScriptRecord]:
    """Return the region's scripts by id (hold ``store.lock``)."""
    return store.state("scripts", dict)


def find_script(store: Store, name: str) -> ScriptRecord | None:
    """Look a script up by name, or by id when ``name`` is all digits."""
    for record in scripts_of(store).values():
        if (name.isdigit() and record.id == int(name)) or record.name == name:
            return record
    return None


def install_scripts(store: Store) -> None:
    """Seed a new region's built-in scripts."""
    builtins: list[dict[str, Any]] = [
        {"name": "20-maas-01-install-lldpd", "script_type": 0, "title": "Install LLDP"},
        {
            "name": "smartctl-validate",
            "title": "Storage status",
            "description": "Validate SMART health for all drives in parallel.",
            "tags": ["storage"],
            "hardware_type": 3,
            "parallel": 2,
            "timeout": 300,
            "parameters": {"storage": {"type": "storage", "argument_format": "{path}"}},
            "packages": {"apt": ["smartmontools"]},
        },
        {
            "name": "memtester",
            "title": "Memory integrity",
            "description": "Run memtester against all available userspace memory.",
            "tags": ["memory"],
            "hardware_type": 2,
            "packages": {"apt": ["memtester"]},
        },
        {
            "name": "fio",
            "title": "Storage benchmark",
            "description": "Run Fio benchmarking against selected storage devices.",
            "tags": ["storage", "destructive"],
            "hardware_type": 3,
            "parallel": 1,
            "destructive": True,
            "packages": {"apt": ["fio"]},
        },
    ]
    for values in builtins:
        text = f"#!/bin/bash\n# MAAS built-in script {values['name']}\n"
        revision = Revision(
            store.next_id("versionedtext"), text, store.clock.now(), "Created by maas"
        )
        record = ScriptRecord(store.next_id("script"), revisions=[revision], default=True, **values)
        scripts_of(store)[record.id] = record


def render_script(record: ScriptRecord, *, include_script: bool = False) -> dict[str, Any]:
    """Render a script the way ``NodeScriptHandler`` does."""
    history = []
    for revision in record.revisions:
        entry: dict[str, Any] = {
            "id": revision.id,
            "comment": revision.comment,
            "created": format_created(revision.created),
        }
        if include_script:
            entry["data"] = base64.b64encode(revision.data.encode("utf-8")).decode("ascii")
        history.append(entry)
    return {
        "id": record.id,
        "name": record.name,
        "title": record.title,
        "description": record.description,
        "tags": list(record.tags),
        "type": record.script_type,
        "type_name": TYPES.get(record.script_type, ""),
        "hardware_type": record.hardware_type,
        "hardware_type_name": HARDWARE.get(record.hardware_type, ""),
        "parallel": record.parallel,
        "parallel_name": PARALLEL.get(record.parallel, ""),
        "results": {},
        "parameters": record.parameters,
        "packages": record.packages,
        "timeout": str(timedelta(seconds=record.timeout)),
        "destructive": record.destructive,
        "for_hardware": list(record.for_hardware),
        "may_reboot": record.may_reboot,
        "recommission": record.recommission,
        "history": history,
        "default": record.default,
        "apply_configured_networking": record.apply_configured_networking,
        "resource_uri": f"{API_PREFIX}scripts/{record.name}",
    }


def translate(kind: str, value: str) -> int:
    """Turn a type, hardware type or parallel value into its number.

    Raises:
        ValueError: MAAS's message for an invalid value.
    """
    numbers, words, bad_number, bad_word = _KINDS[kind]
    if value.isdigit():
        if int(value) in numbers:
            return int(value)
        raise ValueError(bad_number)
    key = value.lower() if kind == "hardware_type" else value
    if key in words:
        return words[key]
    raise ValueError(bad_word)


def _duration(value: str) -> int | None:
    text = value.strip()
    if text.isdigit():
        return int(text)
    parts = text.split(":")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        hours, minutes, seconds = (int(part) for part in parts)
        return hours * 3600 + minutes * 60 + seconds
    return None


def apply_script_form(
    store: Store,
    record: ScriptRecord | None,
    data: FormData,
    script: str | None,
    *,
    forced_type: int | None = None,
) -> ScriptRecord:
    """Validate a create (``record`` None) or an update and apply it; return the script.

    Raises:
        FieldErrors: MAAS's form errors.
    """
    values = {key: data.get(key) for key in data}
    if "type" in values and "script_type" not in values:
        values["script_type"] = values.pop("type")
    if script is not None:
        values["script"] = script
    if forced_type is not None:
        values["script_type"] = str(forced_type)
    errors: dict[str, list[str]] = {}
    name = values.get("name")
    if record is None:
        for key in ("name", "script"):
            if not values.get(key):
                errors.setdefault(key, []).append(REQUIRED)
    if script is not None and not script.startswith("#!/"):
        errors.setdefault("script", []).append("Must start with shebang.")
    numbers: dict[str, int] = {}
    for kind in _KINDS:
        text = values.get(kind)
        if text:
            try:
                numbers[kind] = translate(kind, text)
            except ValueError as error:
                errors.setdefault(kind, []).append(str(error))
    timeout = None
    if values.get("timeout"):
        timeout = _duration(values["timeout"] or "")
        if timeout is None:
            errors.setdefault("timeout", []).append("Enter a valid duration.")
    if record is not None and record.default and not errors:
        for key in _FORM_FIELDS:
            if key in values and key not in ("tags", "timeout"):
                errors.setdefault(key, []).append("Not allowed to change on default scripts.")
    if name is not None:
        existing = find_script(store, name) if name else None
        if name.lower() == "none":
            errors.setdefault("name", []).append('"none" is a reserved name.')
        elif name.isdigit():
            errors.setdefault("name", []).append("Cannot be a number.")
        elif name and shlex.quote(name) != name:
            errors.setdefault("name", []).append(
                f"Name '{name}' contains disallowed characters, e.g. space or quotes."
            )
        elif existing is not None and existing is not record:
            errors.setdefault("name", []).append("Script with this Name already exists.")
    if "comment" in values and script is None:
        errors.setdefault("comment", []).append(
            '"comment" may only be used when specifying a "script" as well.'
        )
    if errors:
        raise FieldErrors(errors)
    now = store.clock.now()
    if record is None:
        revision = Revision(
            store.next_id("versionedtext"), script or "", now, values.get("comment")
        )
        record = ScriptRecord(store.next_id("script"), name or "", [revision])
        scripts_of(store)[record.id] = record
    elif script is not None:
        revision = Revision(store.next_id("versionedtext"), script, now, values.get("comment"))
        record.revisions.insert(0, revision)
    if name:
        record.name = name
    for key in ("title", "description"):
        if values.get(key) is not None:
            setattr(record, key, values[key])
    if values.get("tags") is not None:
        record.tags = [tag.strip() for tag in (values["tags"] or "").split(",") if tag.strip()]
    if values.get("for_hardware") is not None:
        text = values["for_hardware"] or ""
        record.for_hardware = [item.strip() for item in text.split(",") if item.strip()]
    for kind, number in numbers.items():
        setattr(record, kind, number)
    if timeout is not None:
        record.timeout = timeout
    for key in ("destructive", "may_reboot", "recommission", "apply_configured_networking"):
        if values.get(key) is not None:
            setattr(record, key, django_bool(values[key]))
    return record
