"""Bad input gives a clear, typed error that names the problem, never a crash or a silent no-op.

Keys and URLs are checked before anything is sent; filters, constraints and actions in the wrong
state are checked by the region (the fake MAAS over loopback, answering what MAAS 3.4.10 answered)
and surface as ``BadRequestError.field_errors`` or ``ConflictError`` with the server's text.
Model assignments are validated at once.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from maas_sdk.client import MAASClient
from maas_sdk.enums import NodeStatus
from maas_sdk.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InvalidAPIKeyError,
    InvalidFieldValueError,
    MAASError,
    NotFoundError,
    ReadOnlyFieldError,
)
from maas_sdk.resources import Machine
from maas_sdk.testing import FakeMAAS
from maas_sdk.testing._server import LoopbackServer

URL = "http://maas.example:5240/MAAS/"
SECRET = "Tq5Wn8Rb3Ys6Uc9Vd2Xe7Zf4Ag1Bh0Cj"


class NoSleep:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture(scope="module")
def fake() -> FakeMAAS:
    region = FakeMAAS(seed=13, strict=True)
    region.seed_machines(12, seed=3)
    return region


@pytest.fixture(scope="module")
def server(fake: FakeMAAS) -> Iterator[LoopbackServer]:
    with fake.serve() as running:
        yield running


@pytest.fixture
def client(server: LoopbackServer) -> Iterator[MAASClient]:
    with MAASClient(server.url, server.api_key, timeout=(5, 10), clock=NoSleep()) as made:
        yield made


def machine_in(client: MAASClient, status: NodeStatus) -> Machine:
    return client.machines.list(status=status.keyword)[0]


# --- API keys --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "it has 1 part(s)"),
        (SECRET, "it has 1 part(s)"),
        (f"consumer:{SECRET}", "it has 2 part(s)"),
        (f"a:b:c:{SECRET}", "it has 4 part(s)"),
        (f"consumer::{SECRET}", "token_key is empty"),
        (f":token:{SECRET}", "consumer_key is empty"),
        ("consumer:token:", "token_secret is empty"),
        (f"consumer:tok en:{SECRET}", "it contains whitespace"),
        (f"consumer:token:{SECRET}\n{SECRET}", "it contains whitespace"),
    ],
)
def test_a_malformed_api_key_is_refused_without_echoing_it(key: str, problem: str) -> None:
    with pytest.raises(InvalidAPIKeyError) as caught:
        MAASClient(URL, key)

    assert problem in str(caught.value)
    assert "consumer_key:token_key:token_secret" in str(caught.value)
    assert SECRET not in str(caught.value)
    assert isinstance(caught.value, ConfigurationError)


@pytest.mark.parametrize("key", [None, 42, SECRET.encode(), ["a", "b", "c"]])
def test_an_api_key_that_is_not_text_is_refused(key: object) -> None:
    with pytest.raises(InvalidAPIKeyError, match=f"got a {type(key).__name__}"):
        MAASClient(URL, key)  # type: ignore[arg-type]


def test_a_well_formed_but_unknown_key_is_a_401(server: LoopbackServer) -> None:
    with (
        MAASClient(server.url, f"Ab12Cd34Ef56Gh78Ij:Kl90Mn12Op34Qr56St:{SECRET}") as stranger,
        pytest.raises(AuthenticationError) as caught,
    ):
        stranger.whoami()

    assert caught.value.status_code == 401
    assert SECRET not in str(caught.value)


def test_a_wrong_token_secret_is_a_401_whose_echo_is_redacted(server: LoopbackServer) -> None:
    consumer, token, _ = server.api_key.split(":")
    with (
        MAASClient(server.url, f"{consumer}:{token}:{SECRET}") as wrong,
        pytest.raises(AuthenticationError) as caught,
    ):
        wrong.machines.list()

    assert caught.value.message == (
        "Authorization Error: 'Invalid signature. Expected signature base string: [redacted]'"
    )
    assert SECRET not in repr(caught.value)


# --- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "MAAS URL is empty"),
        ("   ", "MAAS URL is empty"),
        ("maas.example:5240/MAAS", "has no http:// or https:// scheme"),
        ("maas.example", "has no http:// or https:// scheme"),
        ("ftp://maas.example/MAAS", "has no http:// or https:// scheme"),
        ("http:///MAAS", "has no host name"),
        ("http://maas.example:99999/MAAS", "has an invalid port"),
        ("http://maas.example/MAAS/?op=list", "must not have a query string or fragment"),
        ("http://maas.example/MAAS/api/1.0/", "names an API other than 2.0"),
        ("http://maas.example/MAAS/api/", "names an API other than 2.0"),
        ("http://admin:pw@maas.example/MAAS", "must not carry a user name or password"),
    ],
)
def test_a_bad_url_is_refused_before_anything_is_sent(url: str, problem: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        MAASClient(url, f"consumer:token:{SECRET}")

    assert problem in str(caught.value)
    assert "pw" not in str(caught.value)


def test_a_url_with_the_wrong_path_is_a_404_naming_the_path(server: LoopbackServer) -> None:
    wrong = server.url.replace("/MAAS/", "/maas-ui/")
    with MAASClient(wrong, server.api_key) as client, pytest.raises(NotFoundError) as caught:
        client.version()

    assert str(caught.value).startswith("GET /maas-ui/api/2.0/version/ -> 404 Not Found")


def test_a_bare_host_url_gets_the_maas_prefix(server: LoopbackServer) -> None:
    bare = server.url.removesuffix("MAAS/")
    with MAASClient(bare, server.api_key) as client:
        assert client.url == server.url + "api/2.0/"
        assert client.version().version == "3.4.10"


def test_a_url_where_nothing_listens_is_a_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    clock = NoSleep()
    url = f"http://127.0.0.1:{port}/MAAS/"
    with (
        MAASClient(url, f"c:t:{SECRET}", clock=clock) as client,
        pytest.raises(APIConnectionError) as caught,
    ):
        client.version()

    assert caught.value.outcome_unknown is False
    assert f"could not connect to http://127.0.0.1:{port}" in str(caught.value)
    assert len(clock.sleeps) == 4


# --- filters and constraints: MAAS's 400s as field errors -----------------------------------


@pytest.mark.parametrize(
    ("filters", "field_errors"),
    [
        ({"zone": "nosuchzone"}, {"zone": ["No such zone(s): nosuchzone."]}),
        ({"pool": "nosuch"}, {"pool": ["No such pool(s): nosuch."]}),
        ({"tags": "nosuch"}, {"tags": ["No such tag(s): 'nosuch'."]}),
        ({"owner": "nosuchuser"}, {"owner": ["No such owner: 'nosuchuser'."]}),
        ({"deployment_target": "memory"}, {"deployment_target": ["No such constraint."]}),
        (
            {"status": "Deployed"},
            {"status": ["Select a valid choice. Deployed is not one of the available choices."]},
        ),
        ({"mac_address": "zz:zz"}, {"mac_address": ["'zz:zz' is not a valid MAC address."]}),
        ({"arch": "sparc"}, {"arch": ["Architecture not recognised."]}),
    ],
)
def test_an_invalid_list_filter_is_a_bad_request_with_field_errors(
    fake: FakeMAAS, client: MAASClient, filters: dict[str, Any], field_errors: dict[str, Any]
) -> None:
    before = len(fake.requests)

    with pytest.raises(BadRequestError) as caught:
        client.machines.list(**filters)

    assert caught.value.field_errors == field_errors
    assert caught.value.status_code == 400
    assert len(fake.requests) == before + 1, "a 400 is not retried"


def test_an_unknown_filter_name_is_no_such_constraint(client: MAASClient) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.transport.get("machines/", params={"colour": "blue"})

    assert caught.value.field_errors == {"colour": ["No such constraint."]}
    assert str(caught.value).endswith("-> 400 Bad Request: colour: No such constraint.")


@pytest.mark.parametrize(
    ("constraints", "field_errors"),
    [
        ({"deployment_target": "memory"}, {"deployment_target": ["No such constraint."]}),
        ({"zone": "nosuchzone"}, {"zone": ["No such zone(s): nosuchzone."]}),
        ({"tags": "nosuchtag"}, {"tags": ["No such tag(s): 'nosuchtag'."]}),
        ({"arch": "sparc"}, {"arch": ["Architecture not recognised."]}),
        ({"storage": "abc:def:ghi"}, {"storage": ['Malformed storage constraint, "abc:def:ghi".']}),
    ],
)
def test_allocate_with_a_bad_constraint_is_a_bad_request_and_allocates_nothing(
    client: MAASClient, constraints: dict[str, Any], field_errors: dict[str, Any]
) -> None:
    ready = len(client.machines.list(status="ready"))

    with pytest.raises(BadRequestError) as caught:
        client.machines.allocate(**constraints)

    assert caught.value.field_errors == field_errors
    assert len(client.machines.list(status="ready")) == ready


def test_allocate_with_an_unknown_constraint_name_is_no_such_constraint(
    client: MAASClient,
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.transport.post("machines/", op="allocate", data={"status": "ready"})

    assert caught.value.field_errors == {"status": ["No such constraint."]}


@pytest.mark.parametrize("keyword", ["simple_status", "not_simple_status"])
def test_an_unknown_simple_status_is_refused_before_sending(
    fake: FakeMAAS, client: MAASClient, keyword: str
) -> None:
    before = len(fake.requests)
    filters: dict[str, Any] = {keyword: ["ready", "deploued"]}

    with pytest.raises(ValueError, match="unknown simple status deploued; expected one of: "):
        client.machines.list(**filters)

    assert len(fake.requests) == before


# --- model assignment ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("hostname", 5), ("cpu_count", "lots"), ("memory", [1024]), ("description", None)],
)
def test_a_wrong_type_on_assignment_names_the_field_and_changes_nothing(
    client: MAASClient, field: str, value: object
) -> None:
    machine = machine_in(client, NodeStatus.READY)
    before = getattr(machine, field)

    with pytest.raises(InvalidFieldValueError) as caught:
        setattr(machine, field, value)

    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, MAASError)
    assert caught.value.model == "Machine"
    assert caught.value.field == field
    assert caught.value.value_type == type(value).__name__
    assert caught.value.problems
    assert f"Machine.{field} cannot be set to a {type(value).__name__}" in str(caught.value)
    assert getattr(machine, field) == before
    assert machine.changes == {}


def test_a_valid_assignment_is_coerced_and_tracked(client: MAASClient) -> None:
    machine = machine_in(client, NodeStatus.READY)

    machine.cpu_count = "8"  # type: ignore[assignment]

    assert machine.cpu_count == 8
    assert machine.changes == {"cpu_count": 8}


@pytest.mark.parametrize("field", ["status", "system_id", "owner", "power_state", "interface_set"])
def test_assigning_a_read_only_field_is_refused_with_the_writable_ones(
    client: MAASClient, field: str
) -> None:
    machine = machine_in(client, NodeStatus.READY)

    with pytest.raises(ReadOnlyFieldError) as caught:
        setattr(machine, field, None)

    assert (caught.value.model, caught.value.field) == ("Machine", field)
    assert "hostname" in caught.value.writable
    assert str(caught.value).startswith(f"Machine.{field} is read-only")
    assert isinstance(caught.value, AttributeError)
    assert machine.changes == {}


def test_assigning_an_unknown_attribute_is_an_attribute_error(client: MAASClient) -> None:
    machine = machine_in(client, NodeStatus.READY)

    with pytest.raises(AttributeError, match="Machine has no field 'hostnmae'"):
        machine.hostnmae = "typo"


# --- actions in the wrong state: 409 with the server's text, not retried ---------------------


WRONG_STATE: list[tuple[NodeStatus, str, Callable[[Machine], object], str]] = [
    (
        NodeStatus.DEPLOYED,
        "deploy",
        lambda m: m.deploy(),
        "Can't deploy a machine that is in the 'Deployed' state",
    ),
    (
        NodeStatus.BROKEN,
        "deploy",
        lambda m: m.deploy(),
        "Can't deploy a machine that is in the 'Broken' state",
    ),
    (
        NodeStatus.TESTING,
        "release",
        lambda m: m.release(),
        "Machine cannot be released in its current state ('Testing').",
    ),
    (
        NodeStatus.DEPLOYED,
        "abort",
        lambda m: m.abort(),
        "Cannot abort in current state: node {system_id} is in state Deployed.",
    ),
    (
        NodeStatus.BROKEN,
        "power_on",
        lambda m: m.power_on(),
        "Can't start node: it hasn't been allocated.",
    ),
    (
        NodeStatus.BROKEN,
        "lock",
        lambda m: m.lock(),
        "Can't lock, node is not deployed or deploying",
    ),
]


@pytest.mark.parametrize(
    ("status", "op", "action", "message"),
    WRONG_STATE,
    ids=[f"{s.name}-{o}" for s, o, *_ in WRONG_STATE],
)
def test_an_action_in_the_wrong_state_is_a_conflict_with_the_server_message(
    fake: FakeMAAS,
    client: MAASClient,
    status: NodeStatus,
    op: str,
    action: Callable[[Machine], object],
    message: str,
) -> None:
    machine = machine_in(client, status)
    before = fake.requests.count(op=op)

    with pytest.raises(ConflictError) as caught:
        action(machine)

    expected = message.format(system_id=machine.system_id)
    assert caught.value.message == expected
    assert str(caught.value) == (
        f"POST /MAAS/api/2.0/machines/{machine.system_id}/?op={op} -> 409 Conflict: {expected}"
    )
    assert caught.value.retry_after is None
    assert fake.requests.count(op=op) == before + 1, "a state conflict is not retried"
    assert machine.status == status
    assert machine.refresh().status == status
