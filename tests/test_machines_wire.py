"""What the machines manager sends and how it reads the answers (scripted server)."""

from __future__ import annotations

import base64
import struct

import pytest
from models_support import (
    ScriptedServer,
    Seen,
    json_answer,
    machine_json,
    managers,
    scripted_client,
    text_answer,
)

from maas_sdk._wire import WireResponse
from maas_sdk.enums import BridgeType, NodeStatus, PowerState, PowerStopMode, SimpleStatus
from maas_sdk.errors import ConflictError, ResponseDecodeError
from maas_sdk.resources import Domain, Machine, Machines, ResourcePool, Zone

SYSTEM_ID = "thr3am"
INSTANCE = f"machines/{SYSTEM_ID}/"


def serve(server: ScriptedServer) -> Machines:
    return managers(scripted_client(server))[0]


def machine_answer(**overrides: object) -> WireResponse:
    return json_answer(machine_json(**overrides))


def test_list_sends_every_filter_as_maas_spells_it() -> None:
    server = ScriptedServer().on("GET", "machines/", json_answer([machine_json()]))

    found = serve(server).list(
        status=[NodeStatus.READY, "deployed"],
        not_status=NodeStatus.BROKEN,
        zone="rack-2",
        tags=["ssd", "gpu"],
        system_id=["a", "b"],
        not_system_id="c",
        power_state=PowerState.ON,
        mem=32768,
        cpu_count=8,
        not_in_pool="spare",
        hostname="db-1",
    )

    assert [m.system_id for m in found] == [SYSTEM_ID]
    assert server.last.query == [
        ("status", "ready"),
        ("status", "deployed"),
        ("not_status", "broken"),
        ("hostname", "db-1"),
        ("id", "a"),
        ("id", "b"),
        ("not_id", "c"),
        ("tags", "ssd"),
        ("tags", "gpu"),
        ("zone", "rack-2"),
        ("not_in_pool", "spare"),
        ("power_state", "on"),
        ("cpu_count", "8"),
        ("mem", "32768"),
    ]
    assert found[0]._machines() is not None


def test_simple_status_is_sent_as_the_status_keywords_it_stands_for() -> None:
    server = ScriptedServer().on("GET", "machines/", json_answer([]))
    machines = serve(server)

    machines.list(simple_status=SimpleStatus.RELEASING, not_simple_status="rescue_mode")

    assert server.last.query == [
        ("status", "disk_erasing"),
        ("status", "releasing"),
        ("not_status", "entering_rescue_mode"),
        ("not_status", "exiting_rescue_mode"),
        ("not_status", "rescue_mode"),
    ]
    machines.list(simple_status="failed", status=["ready", "failed_testing"])
    assert server.last.query == [("status", "failed_testing")]


def test_filters_that_cannot_both_match_answer_empty_without_a_request() -> None:
    server = ScriptedServer()

    assert serve(server).list(simple_status="deployed", status="ready") == []
    assert server.seen == []


def test_lookups_by_hostname_and_mac_use_server_side_filters() -> None:
    server = ScriptedServer().on(
        "GET",
        "machines/",
        lambda seen: json_answer([machine_json()] if ("hostname", "db-1") in seen.query else []),
    )
    machines = serve(server)

    assert machines.find_by_hostname("db-1") == Machine.model_validate(machine_json())
    assert machines.find_by_mac_address("52:54:00:00:00:01") is None
    assert server.last.query == [("mac_address", "52:54:00:00:00:01")]


def test_deploy_sends_every_option_and_base64_user_data() -> None:
    server = ScriptedServer().on("POST", INSTANCE, machine_answer(status=9), op="deploy")
    machines = serve(server)

    deployed = machines.deploy(
        SYSTEM_ID,
        distro_series="jammy",
        user_data="#!/bin/sh\necho hi\n",
        bridge_all=True,
        bridge_type=BridgeType.OVS,
        bridge_fd=3,
        install_kvm=False,
    )

    form = server.last.form_dict()
    assert server.last.method == "POST"
    assert server.last.op == "deploy"
    assert base64.b64decode(form.pop("user_data")) == b"#!/bin/sh\necho hi\n"
    assert form == {
        "distro_series": "jammy",
        "bridge_all": "true",
        "bridge_type": "ovs",
        "bridge_fd": "3",
        "install_kvm": "false",
    }
    assert deployed.status is NodeStatus.DEPLOYING


def test_binary_user_data_is_sent_untouched_in_base64() -> None:
    server = ScriptedServer().on("POST", INSTANCE, machine_answer(), op="power_on")
    payload = bytes(range(256))

    serve(server).power_on(SYSTEM_ID, user_data=payload)

    assert base64.b64decode(server.last.form_dict()["user_data"]) == payload


def test_release_and_commission_join_script_names_and_pass_script_parameters() -> None:
    server = (
        ScriptedServer()
        .on("POST", INSTANCE, machine_answer(status=12), op="release")
        .on("POST", INSTANCE, machine_answer(status=1), op="commission")
    )
    machines = serve(server)

    machines.release(
        SYSTEM_ID,
        erase=True,
        quick_erase=False,
        scripts=["wipe", "tag:x"],
        script_parameters={"wipe_passes": 2},
    )
    assert server.last.form == [
        ("erase", "true"),
        ("quick_erase", "false"),
        ("scripts", "wipe,tag:x"),
        ("wipe_passes", "2"),
    ]
    machines.commission(SYSTEM_ID, skip_storage=True, testing_scripts="none")
    assert server.last.form == [("skip_storage", "true"), ("testing_scripts", "none")]


def test_power_off_answered_with_null_leaves_a_bound_machine_unchanged() -> None:
    server = (
        ScriptedServer()
        .on("GET", INSTANCE, machine_answer(hostname="before"))
        .on("POST", INSTANCE, json_answer(None), op="power_off")
    )
    machines = serve(server)
    machine = machines.get(SYSTEM_ID)

    assert machines.power_off(SYSTEM_ID, stop_mode=PowerStopMode.SOFT) is None
    assert server.last.form == [("stop_mode", "soft")]
    assert machine.power_off() is machine
    assert machine.hostname == "before"


def test_query_power_state_reads_the_state_and_stores_it_on_the_model() -> None:
    server = (
        ScriptedServer()
        .on("GET", INSTANCE, machine_answer(power_state="off"))
        .on("GET", INSTANCE, json_answer({"state": "on"}), op="query_power_state")
    )
    machine = serve(server).get(SYSTEM_ID)

    assert machine.query_power_state() is PowerState.ON
    assert machine.power_state is PowerState.ON


def test_workload_annotations_send_empty_values_to_delete_keys() -> None:
    answer = machine_answer(workload_annotations={"a": "1"})
    server = ScriptedServer().on("POST", INSTANCE, answer, op="set_workload_annotations")

    machine = serve(server).set_workload_annotations(SYSTEM_ID, {"a": "1", "b": None, "c": ""})

    assert server.last.form == [("a", "1"), ("b", ""), ("c", "")]
    assert machine.workload_annotations == {"a": "1"}


def test_update_sends_references_by_name_or_id_and_power_parameters() -> None:
    server = ScriptedServer().on("PUT", INSTANCE, machine_answer())

    serve(server).update(
        SYSTEM_ID,
        zone=Zone(id=3, name="rack-2"),
        pool=ResourcePool(id=2, name="spare"),
        domain=Domain(id=7, name="example"),
        swap_size="1G",
        power_type="ipmi",
        power_parameters={"power_address": "10.0.0.9", "power_user": "admin"},
    )

    assert server.last.op is None
    assert server.last.form_dict() == {
        "zone": "rack-2",
        "pool": "spare",
        "domain": "7",
        "swap_size": "1G",
        "power_type": "ipmi",
        "power_parameters_power_address": "10.0.0.9",
        "power_parameters_power_user": "admin",
    }


def test_save_puts_only_the_changed_fields_and_takes_the_answer() -> None:
    def answer(seen: Seen) -> WireResponse:
        return machine_answer(hostname=seen.form_dict()["hostname"], description="from server")

    server = (
        ScriptedServer()
        .on("GET", INSTANCE, machine_answer(swap_size=2**30))
        .on("PUT", INSTANCE, answer)
    )
    machine = serve(server).get(SYSTEM_ID)

    assert machine.save() is machine
    assert len(server.seen) == 1
    machine.hostname = "db-1"
    machine.zone = Zone(id=9, name="rack-9")
    machine.swap_size = None

    assert machine.save() is machine
    assert server.last.form == [("hostname", "db-1"), ("zone", "rack-9"), ("swap_size", "")]
    assert machine.description == "from server"
    assert machine.changes == {}


def test_a_failed_save_keeps_the_changes() -> None:
    server = (
        ScriptedServer()
        .on("GET", INSTANCE, machine_answer())
        .on("PUT", INSTANCE, text_answer("", 403))
    )
    machine = serve(server).get(SYSTEM_ID)
    machine.hostname = "db-1"

    with pytest.raises(Exception, match="403"):
        machine.save()

    assert machine.changes == {"hostname": "db-1"}


def test_create_sends_macs_as_repeated_keys_and_booleans_as_words() -> None:
    server = ScriptedServer().on("POST", "machines/", machine_answer(status=0))

    serve(server).create(
        architecture="amd64/generic",
        mac_addresses=["52:54:00:00:00:01", "52:54:00:00:00:02"],
        power_type="manual",
        commission=False,
        commissioning_scripts=["a", "b"],
        power_parameters={"power_id": "vm1"},
    )

    assert server.last.form == [
        ("architecture", "amd64/generic"),
        ("mac_addresses", "52:54:00:00:00:01"),
        ("mac_addresses", "52:54:00:00:00:02"),
        ("power_type", "manual"),
        ("commission", "false"),
        ("commissioning_scripts", "a,b"),
        ("power_parameters_power_id", "vm1"),
    ]


def test_allocate_sends_constraints_in_the_body_and_returns_the_machine() -> None:
    server = ScriptedServer().on("POST", "machines/", machine_answer(), op="allocate")

    machine = serve(server).allocate(
        cpu_count=8, mem=32768, tags=["ssd"], zone="rack-2", not_tags="gpu", dry_run=True
    )

    assert server.last.query == []
    assert server.last.form == [
        ("cpu_count", "8"),
        ("mem", "32768"),
        ("tags", "ssd"),
        ("not_tags", "gpu"),
        ("zone", "rack-2"),
        ("dry_run", "true"),
    ]
    assert machine.constraints_by_type == {}


def test_collection_operations() -> None:
    server = (
        ScriptedServer()
        .on("POST", "machines/", json_answer([machine_json()]), op="accept")
        .on("POST", "machines/", json_answer([]), op="accept_all")
        .on("POST", "machines/", json_answer(["a", "b"]), op="release")
        .on("GET", "machines/", json_answer([]), op="list_allocated")
        .on("GET", "machines/", json_answer(True), op="is_registered")
        .on("GET", "machines/", json_answer({"a": {"power_id": "x"}}), op="power_parameters")
        .on("POST", "machines/", json_answer(None), op="set_zone")
        .on("POST", "machines/", WireResponse(204), op="clone")
        .on("POST", "machines/", text_answer("Asking r to add machines", 200), op="add_chassis")
    )
    machines = serve(server)

    assert [m.system_id for m in machines.accept([SYSTEM_ID])] == [SYSTEM_ID]
    assert server.last.form == [("machines", SYSTEM_ID)]
    assert machines.accept_all() == []
    assert machines.release_many(["a", "b"], comment="bye") == ["a", "b"]
    assert server.last.form == [("machines", "a"), ("machines", "b"), ("comment", "bye")]
    assert machines.list_allocated(["a"]) == []
    assert server.last.query == [("id", "a")]
    assert machines.is_registered("52:54:00:00:00:01") is True
    assert machines.power_parameters_many(["a"]) == {"a": {"power_id": "x"}}
    machines.set_zone(Zone(id=2, name="rack-2"), ["a", "b"])
    assert server.last.form == [("zone", "rack-2"), ("nodes", "a"), ("nodes", "b")]
    machines.clone("a", ["b"], interfaces=True)
    assert server.last.form == [
        ("source", "a"),
        ("destinations", "b"),
        ("interfaces", "true"),
        ("storage", "false"),
    ]
    assert machines.add_chassis("virsh", "qemu+ssh://h/system") == "Asking r to add machines"


def _bson(document: dict[str, bytes | None]) -> bytes:
    body = b""
    for name, value in document.items():
        key = name.encode() + b"\x00"
        if value is None:
            body += b"\x0a" + key
        else:
            body += b"\x05" + key + struct.pack("<i", len(value)) + b"\x00" + value
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def test_reads_that_are_not_machines() -> None:
    bson = WireResponse(
        200, {"Content-Type": "application/bson"}, _bson({"lshw": b"<x/>", "lldp": None})
    )
    token = {"token_key": "k", "token_secret": "s3cr3t", "consumer_key": "c"}
    server = (
        ScriptedServer()
        .on("GET", INSTANCE, text_answer("config: yes\n", 200), op="get_curtin_config")
        .on("GET", INSTANCE, bson, op="details")
        .on("GET", INSTANCE, json_answer({"power_address": "x"}), op="power_parameters")
        .on("GET", INSTANCE, json_answer(token), op="get_token")
    )
    machines = serve(server)

    assert machines.get_curtin_config(SYSTEM_ID) == "config: yes\n"
    details = machines.details(SYSTEM_ID)
    assert (details.lshw, details.lldp) == (b"<x/>", None)
    assert machines.power_parameters(SYSTEM_ID) == {"power_address": "x"}
    got = machines.get_token(SYSTEM_ID)
    assert got is not None
    assert got.token_secret.get_secret_value() == "s3cr3t"
    assert "s3cr3t" not in repr(got)


def test_a_machine_without_token_gives_none() -> None:
    server = ScriptedServer().on("GET", INSTANCE, json_answer(None), op="get_token")

    assert serve(server).get_token(SYSTEM_ID) is None


def test_details_that_are_not_bson_raise_a_decode_error() -> None:
    server = ScriptedServer().on("GET", INSTANCE, text_answer("<html>", 200), op="details")

    with pytest.raises(ResponseDecodeError, match="not a BSON document"):
        serve(server).details(SYSTEM_ID)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"<html><body>Proxy error</body></html>", "text/html", "not valid JSON"),
        (b'{"system_id": "abc", "hostn', "application/json", "not valid JSON"),
        (b'{"system_id": 5}', "application/json", "does not match Machine: system_id"),
        (b"[]", "application/json", "does not match Machine"),
    ],
)
def test_bodies_that_are_not_a_machine_raise_response_decode_error(
    body: bytes, content_type: str, message: str
) -> None:
    server = ScriptedServer().on(
        "GET", INSTANCE, WireResponse(200, {"Content-Type": content_type}, body)
    )

    with pytest.raises(ResponseDecodeError, match=message) as caught:
        serve(server).get(SYSTEM_ID)

    assert caught.value.status_code == 200
    assert caught.value.url.endswith(INSTANCE)


def test_delete_sends_force_in_the_query() -> None:
    server = ScriptedServer().on("DELETE", INSTANCE, WireResponse(204))

    serve(server).delete(SYSTEM_ID, force=True)

    assert server.last.query == [("force", "true")]


def test_a_conflict_carries_the_servers_message() -> None:
    message = "Can't deploy a machine that is in the 'New' state"
    server = ScriptedServer().on("POST", INSTANCE, text_answer(message, 409), op="deploy")

    with pytest.raises(ConflictError) as caught:
        serve(server).deploy(SYSTEM_ID)

    assert caught.value.message == message


def test_waiting_options_without_wait_are_refused_before_any_request() -> None:
    server = ScriptedServer()

    with pytest.raises(ValueError, match="only with wait=True"):
        serve(server).deploy(SYSTEM_ID, timeout=60)
    assert server.seen == []


def test_actions_keep_unsaved_assignments_and_refresh_drops_them() -> None:
    server = (
        ScriptedServer()
        .on("GET", INSTANCE, machine_answer(hostname="old", description="server"))
        .on("POST", INSTANCE, machine_answer(hostname="old", locked=True), op="lock")
        .on("POST", INSTANCE, machine_answer(hostname="db-1", locked=False), op="unlock")
    )
    machine = serve(server).get(SYSTEM_ID)
    machine.hostname = "db-1"
    machine.description = "mine"

    assert machine.lock().locked is True
    assert (machine.hostname, machine.description) == ("db-1", "mine")
    assert machine.changes == {"hostname": "db-1", "description": "mine"}
    machine.unlock()
    assert machine.changes == {"description": "mine"}
    machine.refresh()
    assert (machine.hostname, machine.description, machine.changes) == ("old", "server", {})
