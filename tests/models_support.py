"""Helpers for the object-model tests: MAAS's example payloads and a scripted server."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.client import MAASClient
from maas_sdk.resources import Machines, Subnets, Zones
from maas_sdk.testing import FakeClock

EXAMPLES = Path(__file__).resolve().parent / "data" / "maas-examples"
API = "http://maas.invalid:5240/MAAS/api/2.0/"
JSON = "application/json; charset=utf-8"


def example_file(name: str) -> dict[str, Any]:
    """One examples/*.json file: example name -> captured answer."""
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text())
    return data


def example(name: str, key: str) -> Any:
    """One captured answer."""
    return example_file(name)[key]


def iter_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside a value, the value itself included, depth first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from iter_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from iter_objects(item)


def example_machines() -> list[tuple[str, dict[str, Any]]]:
    """Every machine object in the examples, named ``file:key[index]``."""
    found = []
    for path in sorted(EXAMPLES.glob("*.json")):
        for key, value in json.loads(path.read_text()).items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                if isinstance(item, dict) and item.get("node_type") == 0 and "system_id" in item:
                    found.append((f"{path.name}:{key}[{index}]", item))
    return found


def machine_json(**overrides: Any) -> dict[str, Any]:
    """The ``machines-allocate`` example machine, with some keys replaced (``None`` drops)."""
    data: dict[str, Any] = json.loads(json.dumps(example("machines.json", "machines-allocate")))
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def json_answer(value: Any, status: int = 200) -> WireResponse:
    """A JSON answer as MAAS sends it."""
    return WireResponse(status, {"Content-Type": JSON}, json.dumps(value, indent=4).encode())


def text_answer(text: str, status: int) -> WireResponse:
    """A plain-text answer (MAAS's error bodies)."""
    return WireResponse(status, {"Content-Type": "text/plain; charset=utf-8"}, text.encode())


@dataclass
class Seen:
    """A request the scripted server received, decoded."""

    method: str
    path: str
    op: str | None
    query: list[tuple[str, str]]
    form: list[tuple[str, str]]

    def form_dict(self) -> dict[str, str]:
        """The form fields, last value per key."""
        return dict(self.form)

    def query_dict(self) -> dict[str, str]:
        """The query parameters other than ``op``, last value per key."""
        return dict(self.query)


@dataclass
class ScriptedServer:
    """A handler answering from a list of ``(method, path, op) -> answer`` rules.

    Rules are tried in order; a rule whose answer is a callable gets the decoded request.
    Every request is recorded in :attr:`seen`.
    """

    rules: list[tuple[str, str, str | None, WireResponse | Callable[[Seen], WireResponse]]] = field(
        default_factory=list
    )
    seen: list[Seen] = field(default_factory=list)

    def on(
        self,
        method: str,
        path: str,
        answer: WireResponse | Callable[[Seen], WireResponse],
        *,
        op: str | None = None,
    ) -> ScriptedServer:
        """Add a rule and return the server."""
        self.rules.append((method, path, op, answer))
        return self

    def __call__(self, request: WireRequest) -> WireResponse:
        parts = urlsplit(request.url)
        path = parts.path.removeprefix(urlsplit(API).path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        op = dict(query).get("op")
        body = parse_qsl(request.body.decode(), keep_blank_values=True) if request.body else []
        seen = Seen(request.method, path, op, [kv for kv in query if kv[0] != "op"], body)
        self.seen.append(seen)
        for method, rule_path, rule_op, answer in self.rules:
            if (method, rule_path, rule_op) == (request.method, path, op):
                return answer(seen) if callable(answer) else answer
        return text_answer(f"Unknown API endpoint: {parts.path}.", 404)

    @property
    def last(self) -> Seen:
        """The latest request."""
        return self.seen[-1]


def scripted_client(server: ScriptedServer, clock: FakeClock | None = None) -> MAASClient:
    """A real client whose transport talks to ``server`` in process."""
    return MAASClient(API, "consumer:token:secret", handler=server, clock=clock or FakeClock())


def managers(client: MAASClient) -> tuple[Machines, Subnets, Zones]:
    """The object-model managers for a client (until the client exposes them itself)."""
    return (
        Machines(client.transport, clock=client.clock),
        Subnets(client.transport),
        Zones(client.transport),
    )
