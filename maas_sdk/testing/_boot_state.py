"""State of the fake's boot resources, boot sources and selections, and the image import.

A new region has the ``images.maas.io`` stable source selecting Ubuntu Focal for amd64 and the
images that selection imported (plus two bootloaders). ``POST boot-resources/?op=import``
runs an import on the virtual clock: after :data:`IMPORT_SECONDS` the synced resources match
the selections (new ones appear, unselected ones go).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ._clock import Timer
from ._render import API_PREFIX
from ._store import Store

__all__ = [
    "ARCHITECTURES",
    "CATALOGUE_ARCHES",
    "IMPORT_SECONDS",
    "UBUNTU_RELEASES",
    "BootResourceRecord",
    "BootSourceRecord",
    "BootState",
    "ResourceFileRecord",
    "ResourceSetRecord",
    "SelectionRecord",
    "boot_state",
    "django_time",
    "finish_import",
    "install_boot_state",
    "render_boot_resource",
]

IMPORT_SECONDS = 60.0
"""Virtual seconds an image import takes."""
UBUNTU_RELEASES = {"bionic": "18.04", "focal": "20.04", "jammy": "22.04", "noble": "24.04"}
"""Ubuntu releases every fake boot source offers, with their versions."""
CATALOGUE_ARCHES = ("amd64", "arm64", "ppc64el", "s390x")
"""Architectures every fake boot source offers."""
CATALOGUE_LABELS = ("stable", "candidate")
ARCHITECTURES = tuple(f"{arch}/generic" for arch in ("amd64", "arm64", "armhf", "i386"))
ARCHITECTURES += ("ppc64el/generic", "s390x/generic")
"""Architectures an uploaded image may declare."""
_RTYPE_ORDER = {"Synced": 0, "Uploaded": 1, "Generated": 2}
_IMAGE_VERSION = "20240620"


@dataclass
class ResourceFileRecord:
    """A file of a resource set."""

    id: int
    filename: str
    filetype: str
    sha256: str
    size: int
    stored: int


@dataclass
class ResourceSetRecord:
    """A version of a boot resource."""

    version: str
    label: str
    files: list[ResourceFileRecord] = field(default_factory=list)


@dataclass
class BootResourceRecord:
    """A boot resource."""

    id: int
    rtype: str
    name: str
    architecture: str
    extra: dict[str, str] = field(default_factory=dict)
    base_image: str = ""
    sets: list[ResourceSetRecord] = field(default_factory=list)


@dataclass
class BootSourceRecord:
    """A boot source."""

    id: int
    url: str
    keyring_filename: str
    keyring_data: bytes
    created: datetime
    updated: datetime


@dataclass
class SelectionRecord:
    """A boot source selection."""

    id: int
    source_id: int
    os: str
    release: str
    arches: list[str]
    subarches: list[str]
    labels: list[str]


@dataclass
class BootState:
    """Everything about images in one fake region."""

    resources: dict[int, BootResourceRecord] = field(default_factory=dict)
    sources: dict[int, BootSourceRecord] = field(default_factory=dict)
    selections: dict[int, SelectionRecord] = field(default_factory=dict)
    import_timer: Timer | None = None

    @property
    def importing(self) -> bool:
        """Whether an import is running."""
        return self.import_timer is not None


def boot_state(store: Store) -> BootState:
    """Return the region's boot state (hold ``store.lock``)."""
    return store.state("boot", BootState)


def django_time(moment: datetime) -> str:
    """Render a datetime like piston (naive, milliseconds; before MAAS 3.6)."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}"


def _sha(*parts: str) -> str:
    # Derived from the names, not from store.random: seeding must not shift other random data.
    return hashlib.sha256("/".join(parts).encode("utf-8")).hexdigest()


def synced_resource(store: Store, name: str, architecture: str) -> BootResourceRecord:
    """Create a complete synced resource (kernel, initrd, squashfs) and register it."""
    state = boot_state(store)
    extra: dict[str, str] = {}
    files = [("boot-kernel", 14_000_000), ("boot-initrd", 60_000_000)]
    if name.startswith("ubuntu/"):
        subarch = architecture.split("/", 1)[1]
        extra = {
            "kflavor": "generic",
            "platform": "generic",
            "subarches": f"generic,{subarch}",
            "supported_platforms": "generic",
        }
        files.append(("squashfs", 330_000_000))
    else:
        files = [("bootloader", 2_000_000)]
    record = BootResourceRecord(store.next_id("bootresource"), "Synced", name, architecture, extra)
    resource_set = ResourceSetRecord(_IMAGE_VERSION, "stable")
    for filetype, size in files:
        resource_set.files.append(
            ResourceFileRecord(
                store.next_id("bootresourcefile"),
                filetype,
                filetype,
                _sha(name, architecture, filetype, _IMAGE_VERSION),
                size,
                size,
            )
        )
    record.sets.append(resource_set)
    state.resources[record.id] = record
    return record


def install_boot_state(store: Store) -> None:
    """Seed a new region: the default source and selection, and the images they imported."""
    state = boot_state(store)
    now = store.clock.now()
    source = BootSourceRecord(
        store.next_id("bootsource"),
        "http://images.maas.io/ephemeral-v3/stable/",
        "/usr/share/keyrings/ubuntu-cloudimage-keyring.gpg",
        b"",
        now,
        now,
    )
    state.sources[source.id] = source
    release = str(store.config.get("commissioning_distro_series") or "focal")
    selection = SelectionRecord(
        store.next_id("bootsourceselection"), source.id, "ubuntu", release, ["amd64"], ["*"], ["*"]
    )
    state.selections[selection.id] = selection
    synced_resource(store, "grub-efi-signed/uefi", "amd64/generic")
    synced_resource(store, "pxelinux/pxe", "i386/generic")
    _import_selections(store)


def _wanted(store: Store) -> set[tuple[str, str]]:
    wanted: set[tuple[str, str]] = set()
    for selection in boot_state(store).selections.values():
        version = UBUNTU_RELEASES.get(selection.release)
        if selection.os != "ubuntu" or version is None:
            continue
        arches = ["amd64", "arm64"] if "*" in selection.arches else selection.arches
        for arch in arches:
            wanted.add((f"ubuntu/{selection.release}", f"{arch}/ga-{version}"))
    return wanted


def _import_selections(store: Store) -> None:
    state = boot_state(store)
    wanted = _wanted(store)
    have = set()
    for record in list(state.resources.values()):
        if record.rtype != "Synced" or "/" not in record.name:
            continue
        key = (record.name, record.architecture)
        if record.name.startswith("ubuntu/") and key not in wanted:
            del state.resources[record.id]
        have.add(key)
    for name, architecture in sorted(wanted - have):
        synced_resource(store, name, architecture)


def finish_import(store: Store) -> None:
    """End a running import (clock callback): the synced images now match the selections."""
    with store.lock:
        state = boot_state(store)
        state.import_timer = None
        _import_selections(store)


def render_boot_resource(
    store: Store, record: BootResourceRecord, *, with_sets: bool = False
) -> dict[str, Any]:
    """Render a boot resource as ``boot_resource_to_dict`` does."""
    out: dict[str, Any] = {
        "id": record.id,
        "type": record.rtype,
        "name": record.name,
        "architecture": record.architecture,
        "resource_uri": f"{API_PREFIX}boot-resources/{record.id}/",
        "last_deployed": None,
    }
    out.update(record.extra)
    if record.base_image:
        out["base_image"] = record.base_image
    if with_sets:
        out["sets"] = {
            resource_set.version: _render_set(store, record, resource_set)
            for resource_set in reversed(record.sets)
        }
    return out


def _render_set(
    store: Store, record: BootResourceRecord, resource_set: ResourceSetRecord
) -> dict[str, Any]:
    size = sum(f.size for f in resource_set.files)
    stored = sum(f.stored for f in resource_set.files)
    out: dict[str, Any] = {
        "version": resource_set.version,
        "label": resource_set.label,
        "size": size,
        "complete": stored == size,
    }
    if stored != size:
        out["progress"] = round(100.0 * stored / size, 1) if size else 0.0
    files: dict[str, Any] = {}
    for rfile in resource_set.files:
        entry: dict[str, Any] = {
            "filename": rfile.filename,
            "filetype": rfile.filetype,
            "sha256": rfile.sha256,
        }
        if _is_35_plus(store):
            entry["filename_on_disk"] = f"{rfile.sha256[:7]}"
        entry["size"] = rfile.size
        entry["complete"] = rfile.stored == rfile.size
        if rfile.stored != rfile.size:
            entry["progress"] = round(100.0 * rfile.stored / rfile.size, 1) if rfile.size else 0
            if record.rtype == "Uploaded":
                entry["upload_uri"] = f"{API_PREFIX}boot-resources/{record.id}/upload/{rfile.id}/"
        files[rfile.filename] = entry
    out["files"] = files
    return out


def resource_order(record: BootResourceRecord) -> tuple[int, str, str]:
    """Sort key of the listing: type, name, architecture."""
    return (_RTYPE_ORDER.get(record.rtype, 9), record.name, record.architecture)


def _is_35_plus(store: Store) -> bool:
    major, _, rest = store.maas_version.partition(".")
    minor = rest.partition(".")[0]
    return (int(major), int(minor)) >= (3, 5) if major.isdigit() and minor.isdigit() else True
