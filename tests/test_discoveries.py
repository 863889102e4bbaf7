"""client.discoveries against the fake MAAS (discoveries seeded with ``add_discovery``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from networking_support import Region, open_region

from maas_sdk.errors import BadRequestError, NotFoundError, PermissionDeniedError
from maas_sdk.testing._machines import machines_of
from maas_sdk.testing._r_discoveries import add_discovery, set_scan_racks

PRINTER = ("10.0.0.77", "52:54:00:12:34:56")
PHONE = ("10.0.0.78", "52:54:00:12:34:57")


@pytest.fixture
def region() -> Iterator[Region]:
    yield from open_region()


def _seed(region: Region) -> tuple[str, str]:
    region.subnet("10.0.0.0/24")
    printer = add_discovery(
        region.fake, *PRINTER, hostname="printer", last_seen=datetime(2026, 1, 1, 10, 0)
    )
    phone = add_discovery(region.fake, *PHONE, last_seen=datetime(2026, 1, 1, 11, 0))
    return printer, phone


def test_list_is_most_recent_first_with_every_field(region: Region) -> None:
    printer_id, phone_id = _seed(region)
    phone, printer = region.admin.discoveries.list()
    assert (phone.discovery_id, printer.discovery_id) == (phone_id, printer_id)
    assert (printer.ip, printer.mac_address, printer.hostname) == (*PRINTER, "printer")
    assert printer.last_seen == datetime(2026, 1, 1, 10, 0)
    assert (printer.fabric_name, printer.vid) == ("fabric-0", 0)
    assert printer.observer is not None
    assert printer.observer.interface_name == "eth0"
    assert printer.resource_uri == f"/MAAS/api/2.0/discovery/{printer_id}/"
    assert repr(printer) == "<Discovery 10.0.0.77 52:54:00:12:34:56>"


def test_get_by_id_and_by_specifier(region: Region) -> None:
    printer_id, _ = _seed(region)
    printer = region.admin.discoveries.get(printer_id)
    assert region.admin.discoveries.get("ip:10.0.0.77") == printer
    assert region.admin.discoveries.get(f"mac:{PRINTER[1]}") == printer
    assert printer.refresh() is printer
    with pytest.raises(NotFoundError) as caught:
        region.admin.discoveries.get("ip:10.0.0.99")
    assert caught.value.message == "No Discovery matches the given query."


def test_a_specifier_matching_several_is_refused(region: Region) -> None:
    region.subnet("10.0.0.0/24")
    add_discovery(region.fake, "10.0.0.5", "52:54:00:00:00:01")
    add_discovery(region.fake, "10.0.0.5", "52:54:00:00:00:02")
    with pytest.raises(PermissionDeniedError) as caught:
        region.admin.discoveries.get("ip:10.0.0.5")
    assert caught.value.message == "Too many Discovery objects match the given query."


def test_unknown_filters_leave_out_what_maas_knows(region: Region) -> None:
    _seed(region)
    region.admin.ip_addresses.reserve(ip=PHONE[0])
    region.admin.ip_addresses.reserve(ip="10.0.0.90", mac=PRINTER[1])
    assert [d.ip for d in region.admin.discoveries.by_unknown_ip()] == [PRINTER[0]]
    assert [d.ip for d in region.admin.discoveries.by_unknown_mac()] == [PHONE[0]]
    assert region.admin.discoveries.by_unknown_ip_and_mac() == []
    assert region.fake.requests.last.op == "by_unknown_ip_and_mac"


def test_clear_mdns_keeps_the_discoveries_but_drops_their_names(region: Region) -> None:
    _seed(region)
    region.admin.discoveries.clear(mdns=True)
    assert region.fake.requests.last.status == 204
    assert [d.hostname for d in region.admin.discoveries.list()] == [None, None]
    region.admin.discoveries.clear(all=True)
    assert region.admin.discoveries.list() == []


def test_clear_needs_a_flag_and_an_admin(region: Region) -> None:
    with pytest.raises(BadRequestError) as caught:
        region.admin.discoveries.clear()
    assert caught.value.message.startswith("Bad request: could not determine what data")
    with pytest.raises(PermissionDeniedError) as denied:
        region.bob.discoveries.clear(neighbours=True)
    assert denied.value.message == "Must be an administrator to clear discovery entries."


def test_clear_one_pair_reports_whether_it_existed(region: Region) -> None:
    _seed(region)
    printer = region.admin.discoveries.get("ip:10.0.0.77")
    assert printer.clear() is True
    assert printer.clear() is False
    assert region.fake.requests.last.status == 410
    assert [d.ip for d in region.admin.discoveries.list()] == [PHONE[0]]
    with pytest.raises(PermissionDeniedError):
        region.bob.discoveries.clear_by_mac_and_ip(*PHONE)


def test_scan_of_given_networks(region: Region) -> None:
    set_scan_racks(region.fake, [("4y3h7n", "rack-1")])
    result = region.admin.discoveries.scan(["10.0.0.0/24", "10.1.0.0/24"], threads=2, slow=True)
    assert result.result == "Scanning is in-progress on all rack controllers."
    assert [(c.system_id, c.hostname) for c in result.scan_started_on] == [("4y3h7n", "rack-1")]
    sent = region.fake.requests.last.form
    assert sent == (
        ("cidr", "10.0.0.0/24"),
        ("cidr", "10.1.0.0/24"),
        ("slow", "true"),
        ("threads", "2"),
    )


def test_scan_without_racks_says_so(region: Region) -> None:
    result = region.bob.discoveries.scan(force=True, always_use_ping=True)
    assert result.result.startswith("Unable to initiate network scanning")
    assert result.scan_attempted_on == []


def test_scanning_everything_needs_force_and_cidrs_must_parse(region: Region) -> None:
    with pytest.raises(BadRequestError) as everything:
        region.admin.discoveries.scan()
    assert "force=True" in everything.value.message
    with pytest.raises(BadRequestError) as malformed:
        region.admin.discoveries.scan("10.0.0.0/99")
    assert malformed.value.message.startswith("Invalid cidr:")


def test_a_machine_mac_is_known_to_by_unknown_mac(region: Region) -> None:
    [system_id] = region.fake.seed_machines(1, seed=3)
    with region.fake.store.lock:
        machine = machines_of(region.fake).get(system_id)
        assert machine is not None
        mac = machine.mac_addresses()[0]
    add_discovery(region.fake, "192.168.50.9", mac)
    add_discovery(region.fake, "192.168.50.10", "52:54:00:ff:ff:01")
    assert [d.ip for d in region.admin.discoveries.by_unknown_mac()] == ["192.168.50.10"]
