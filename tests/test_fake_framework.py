"""Unit tests of the fake MAAS framework: router, parameter parsing, clock, responses, hooks."""

from __future__ import annotations

import importlib
import inspect
import json

import pytest

from maas_sdk._wire import WireResponse
from maas_sdk.testing import FakeClock, FakeMAAS
from maas_sdk.testing._forms import (
    FormData,
    django_bool,
    null_bool,
    parse_body,
    strict_01_bool,
    string_bool,
)
from maas_sdk.testing._hooks import NodeHooks
from maas_sdk.testing._models import Tag, Zone
from maas_sdk.testing._responses import (
    FakeAPIError,
    FieldErrors,
    NotFound,
    json_list_response,
    pretty_json,
)
from maas_sdk.testing._router import RequestContext, Router


def ok(ctx: RequestContext) -> WireResponse:
    return WireResponse(200, {}, json.dumps(ctx.args).encode())


@pytest.fixture
def router() -> Router:
    router = Router()
    router.route("GET", "things/")(ok)
    router.route("GET", "things/", op="count")(ok)
    router.route("POST", "things/", op="make")(ok)
    router.route("GET", "things/{name}/")(ok)
    router.route("DELETE", "things/{name}/")(ok)
    router.route("GET", "numbers/{id:int}/")(ok)
    router.route("GET", "nets/{id:subnet}/")(ok)
    router.route("GET", "scripts/{name}")(ok)
    return router


def test_router_matches_patterns_and_placeholders(router: Router) -> None:
    match = router.match("things/abc/")
    assert match is not None
    assert (match.resource.pattern, match.args, match.path_op) == (
        "things/{name}/",
        {"name": "abc"},
        None,
    )
    assert router.match("numbers/12/") is not None
    assert router.match("numbers/x/") is None
    net = router.match("nets/10.0.0.0/24/")
    assert net is not None
    assert net.args == {"id": "10.0.0.0/24"}
    assert router.match("things") is None
    assert router.match("things/abc/extra/") is None
    assert router.patterns()[:2] == ["things/", "things/{name}/"]


def test_router_op_path_form(router: Router) -> None:
    match = router.match("things/op-count")
    assert match is not None
    assert (match.resource.pattern, match.path_op) == ("things/", "count")
    assert router.match("things/op-nonexistent") is None
    no_slash_route = router.match("scripts/op-download")
    assert no_slash_route is not None
    assert no_slash_route.args == {"name": "op-download"}


def test_resource_select_maps_method_and_op(router: Router) -> None:
    match = router.match("things/")
    assert match is not None
    resource = match.resource
    assert resource.select("GET", None, anonymous=False) is ok
    assert resource.select("GET", "count", anonymous=False) is ok
    with pytest.raises(FakeAPIError) as wrong_op:
        resource.select("GET", "make", anonymous=False)
    assert (wrong_op.value.status, wrong_op.value.body) == (
        400,
        b"Unrecognised signature: method=GET op=make",
    )
    with pytest.raises(FakeAPIError) as wrong_method:
        resource.select("PUT", None, anonymous=False)
    assert (wrong_method.value.status, wrong_method.value.extra_headers) == (
        405,
        {"Allow": "GET, POST"},
    )


def test_router_refuses_duplicates_and_bad_patterns(router: Router) -> None:
    with pytest.raises(ValueError, match="registered twice"):
        router.route("GET", "things/")(ok)
    with pytest.raises(ValueError, match="literal segment"):
        router.route("GET", "{x}/")(ok)
    with pytest.raises(ValueError, match="placeholder type"):
        router.route("GET", "things/{x:float}/")(ok)


def test_form_data_is_a_multi_value_mapping() -> None:
    data = FormData([("a", "1"), ("b", "2"), ("a", "3")])
    assert (data.get("a"), data.getlist("a"), data.get("z", "d")) == ("3", ["1", "3"], "d")
    assert data.keys() == ["a", "b"]
    assert "b" in data
    assert len(data) == 3
    assert data.without("a").items() == [("b", "2")]


def test_parse_bodies() -> None:
    form = parse_body("application/x-www-form-urlencoded", b"tags=a&tags=b&empty=")
    assert form.data.getlist("tags") == ["a", "b"]
    assert form.data.get("empty") == ""
    boundary = "XyZ"
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="tags"\r\n\r\na\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="tags"\r\n\r\nb\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="content"; filename="f.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n\r\n"
        b"--XyZ--\r\n"
    )
    multipart = parse_body(f"multipart/form-data; boundary={boundary}", body)
    assert multipart.data.getlist("tags") == ["a", "b"]
    assert multipart.files["content"][0].content == b"\x00\x01\r\n"
    assert multipart.files["content"][0].filename == "f.bin"
    parsed = parse_body("application/json", b'{"tags": ["a", "b"], "flag": true, "n": 1}')
    assert parsed.is_json
    assert parsed.data.items() == [
        ("tags", "a"),
        ("tags", "b"),
        ("flag", "true"),
        ("n", "1"),
    ]
    with pytest.raises(FakeAPIError) as bad:
        parse_body("application/json", b"{bad")
    assert (bad.value.status, bad.value.body) == (400, b"Bad Request")
    assert len(parse_body("text/plain", b"name=x").data) == 0


STRING_BOOLS = [("true", True), ("T", True), ("yes", True), ("y", True), ("On", True)]
STRING_BOOLS += [("1", True), ("false", False), ("f", False), ("no", False), ("n", False)]
STRING_BOOLS += [("OFF", False), ("0", False), ("", False)]


@pytest.mark.parametrize(("value", "expected"), STRING_BOOLS)
def test_string_bool(value: str, expected: bool) -> None:
    assert string_bool(FormData([("dry_run", value)]), "dry_run", not expected) is expected


def test_string_bool_default_and_error() -> None:
    assert string_bool(FormData(), "dry_run", True) is True
    with pytest.raises(FakeAPIError) as error:
        string_bool(FormData([("dry_run", "maybe")]), "dry_run", False)
    assert error.value.body == b"Invalid dry_run: Value should be 'true' or 'false'"


def test_django_and_null_booleans() -> None:
    assert [django_bool(v) for v in ("true", "FALSE", "", "0", "no", "off", None)] == [
        True,
        False,
        False,
        True,
        True,
        True,
        False,
    ]
    assert [null_bool(v) for v in ("true", "True", "2", "false", "False", "3")] == [True] * 3 + [
        False
    ] * 3
    assert {null_bool(v) for v in ("1", "0", "yes", "TRUE", "", None)} == {None}
    assert strict_01_bool("1") is True
    assert strict_01_bool("0") is False
    with pytest.raises(FakeAPIError) as error:
        strict_01_bool("yes")
    assert (error.value.status, error.value.body) == (
        500,
        b"Not a valid Boolean value (0 or 1): 'yes'",
    )


def test_json_list_response_matches_pretty_json() -> None:
    items = [{"a": 1, "b": [1, {"c": None}], "d": "é"}, {}, []]
    response = json_list_response(pretty_json(item) for item in items)
    assert response.body.decode() == pretty_json(items)
    assert json_list_response([]).body == b"[]"


def test_error_responses() -> None:
    field_errors = FieldErrors({"name": "This field is required."}).to_response()
    assert field_errors.status == 400
    assert json.loads(field_errors.body) == {"name": ["This field is required."]}
    not_found = NotFound("Zone").to_response()
    assert (not_found.body, not_found.headers["Content-Type"]) == (
        b"No Zone matches the given query.",
        "text/plain",
    )


def test_clock_sleep_advances_and_fires_timers_in_order() -> None:
    clock = FakeClock()
    fired: list[str] = []
    clock.call_later(10, lambda: fired.append("b"))

    def first() -> None:
        fired.append("a")
        clock.call_later(1, lambda: fired.append("a2"))

    clock.call_later(5, first)
    cancelled = clock.call_later(7, lambda: fired.append("never"))
    cancelled.cancel()
    assert clock.pending == 2
    clock.sleep(6.5)
    assert fired == ["a", "a2"]
    clock.advance(10)
    assert fired == ["a", "a2", "b"]
    assert clock.monotonic() == 16.5
    assert clock.pending == 0
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)


def test_clock_wall_time_follows_virtual_time() -> None:
    clock = FakeClock()
    start = clock.now()
    clock.advance(90)
    assert (clock.now() - start).total_seconds() == 90


def test_same_seed_same_keys() -> None:
    assert FakeMAAS(seed=1).api_key() == FakeMAAS(seed=1).api_key()
    assert FakeMAAS(seed=1).api_key() != FakeMAAS(seed=2).api_key()
    fake = FakeMAAS(seed=1)
    key = fake.add_user("bob", password="pw")
    assert fake.api_key("bob") == key
    with pytest.raises(ValueError, match="already exists"):
        fake.add_user("bob")
    with pytest.raises(KeyError):
        fake.api_key("nosuch")


class RecordingHooks(NodeHooks):
    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def tag_nodes(self, tag: Tag, add: list[str], remove: list[str]) -> tuple[int, int]:
        self.calls.append(("tag_nodes", tag.name, *add, *remove))
        return (len(add), len(remove))

    def zone_deleted(self, zone: Zone, default_zone: Zone) -> None:
        self.calls.append(("zone_deleted", zone.name, default_zone.name))


def test_node_hooks_are_called(maas_fake: FakeMAAS) -> None:
    hooks = RecordingHooks()
    maas_fake.store.hooks = hooks
    with maas_fake.client() as client:
        client.transport.post("zones/", data={"name": "z1"})
        client.transport.delete("zones/z1/")
        client.transport.post("tags/", data={"name": "t1"})
        answer = client.transport.post(
            "tags/t1/", op="update_nodes", data={"add": ["a", "b"], "remove": "c"}
        )
    assert answer.json() == {"added": 2, "removed": 1}
    assert hooks.calls == [("zone_deleted", "z1", "default"), ("tag_nodes", "t1", "a", "b", "c")]


def test_set_rack_connected_facade_stops_and_restarts_the_rack_services(
    maas_fake: FakeMAAS,
) -> None:
    def statuses() -> set[str]:
        with maas_fake.client() as client:
            [rack] = client.transport.get("rackcontrollers/").json()
        return {service["status"] for service in rack["service_set"]}

    assert statuses() == {"running"}
    maas_fake.set_rack_connected(False)
    assert statuses() == {"dead"}
    maas_fake.set_rack_connected(True)
    assert statuses() == {"running"}


def test_add_discovery_facade_records_what_a_rack_saw(maas_fake: FakeMAAS) -> None:
    discovery_id = maas_fake.add_discovery("10.0.0.5", "52:54:00:AA:00:01", hostname="printer")
    with maas_fake.client() as client:
        found = client.transport.get(f"discovery/{discovery_id}/").json()
    assert (found["ip"], found["mac_address"], found["hostname"]) == (
        "10.0.0.5",
        "52:54:00:aa:00:01",
        "printer",
    )


def test_set_scan_racks_facade_names_the_racks_a_scan_starts_on(maas_fake: FakeMAAS) -> None:
    maas_fake.set_scan_racks([("4y3h7n", "rack-1")])
    with maas_fake.client() as client:
        answer = client.transport.post("discovery/", op="scan", data={"cidr": "10.0.0.0/24"})
    assert answer.json()["scan_started_on"] == [{"system_id": "4y3h7n", "hostname": "rack-1"}]


def test_add_vm_host_facade_adds_a_discovered_host(maas_fake: FakeMAAS) -> None:
    host_id = maas_fake.add_vm_host(name="kvm-7", type="virsh")
    with maas_fake.client() as client:
        host = client.transport.get(f"vm-hosts/{host_id}/").json()
    assert (host["id"], host["name"], host["type"]) == (host_id, "kvm-7", "virsh")


def test_add_vm_cluster_facade_adds_a_cluster_of_new_hosts(maas_fake: FakeMAAS) -> None:
    cluster_id = maas_fake.add_vm_cluster("lab", project="infra", hosts=3)
    with maas_fake.client() as client:
        cluster = client.transport.get(f"vm-clusters/{cluster_id}").json()
        hosts = client.transport.get("vm-hosts/").json()
    assert (cluster["name"], cluster["project"]) == ("lab", "infra")
    assert sorted(h["name"] for h in hosts) == ["lab-member-1", "lab-member-2", "lab-member-3"]


@pytest.mark.parametrize(
    ("facade", "helper"),
    [
        ("set_rack_connected", "maas_sdk.testing._machines:set_rack_connected"),
        ("add_discovery", "maas_sdk.testing._r_discoveries:add_discovery"),
        ("set_scan_racks", "maas_sdk.testing._r_discoveries:set_scan_racks"),
        ("add_vm_host", "maas_sdk.testing._vmhost_state:add_vm_host"),
        ("add_vm_cluster", "maas_sdk.testing._vmhost_state:add_vm_cluster"),
    ],
)
def test_facades_take_the_parameters_of_their_helpers(facade: str, helper: str) -> None:
    module_name, _, name = helper.partition(":")
    helper_parameters = list(
        inspect.signature(getattr(importlib.import_module(module_name), name)).parameters.values()
    )
    facade_parameters = list(inspect.signature(getattr(FakeMAAS, facade)).parameters.values())
    expected = [(p.name, p.kind, p.default) for p in helper_parameters[1:]]
    assert [(p.name, p.kind, p.default) for p in facade_parameters[1:]] == expected
