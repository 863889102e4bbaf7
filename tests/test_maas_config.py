"""client.config through the fake MAAS: generic get/set and the typed setting handles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maas_sdk import MAASClient
from maas_sdk.enums import StorageLayout
from maas_sdk.errors import BadRequestError, PermissionDeniedError, ResponseDecodeError
from maas_sdk.resources.maas_config import MAASConfig, Setting
from maas_sdk.testing import FakeMAAS


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=29, strict=True)


@pytest.fixture
def client(fake: FakeMAAS) -> Iterator[MAASClient]:
    with fake.client() as client:
        yield client


@pytest.fixture
def bob(fake: FakeMAAS) -> Iterator[MAASClient]:
    fake.add_user("bob")
    with fake.client(user="bob") as client:
        yield client


def test_manager_attribute(client: MAASClient) -> None:
    assert isinstance(client.config, MAASConfig)
    assert client.config is client.config


def test_generic_get_returns_the_json_value(client: MAASClient) -> None:
    assert client.config.get("maas_name") == "fake-maas"
    assert client.config.get("enable_analytics") is True
    assert client.config.get("default_dns_ttl") == 30
    assert client.config.get("upstream_dns") is None
    assert client.config.get("ntp_server") == "ntp.ubuntu.com"
    assert client.config.get("maas_auto_ipmi_workaround_flags") == ["opensesspriv"]
    assert client.config.get_many(["theme", "node_timeout"]) == {"theme": "", "node_timeout": 30}


def test_generic_set_encodes_values(fake: FakeMAAS, client: MAASClient) -> None:
    client.config.set("enable_analytics", False)
    assert fake.requests.last.form == (("name", "enable_analytics"), ("value", "false"))
    assert client.config.get("enable_analytics") is False
    client.config.set("upstream_dns", ["10.0.0.53", "10.0.1.53"])
    assert ("value", "10.0.0.53 10.0.1.53") in fake.requests.last.form
    client.config.set("http_proxy", None)
    assert ("value", "") in fake.requests.last.form
    client.config.set("default_storage_layout", StorageLayout.FLAT)
    assert client.config.get("default_storage_layout") == "flat"


def test_typed_handles_do_no_io_until_called(fake: FakeMAAS, client: MAASClient) -> None:
    served = len(fake.requests)
    handle = client.config.maas_name
    assert isinstance(handle, Setting)
    assert (handle.name, repr(handle)) == ("maas_name", "<Setting maas_name>")
    assert len(fake.requests) == served


def test_typed_handles_convert_both_ways(client: MAASClient) -> None:
    config = client.config
    config.maas_name.set("region-1")
    assert config.maas_name.get() == "region-1"
    assert config.ntp_servers.get() == ["ntp.ubuntu.com"]
    config.ntp_servers.set(["ntp1.example.com", "ntp2.example.com"])
    assert config.ntp_servers.get() == ["ntp1.example.com", "ntp2.example.com"]
    assert config.upstream_dns.get() == []
    config.upstream_dns.set(["8.8.8.8"])
    assert config.upstream_dns.get() == ["8.8.8.8"]
    assert config.kernel_opts.get() is None
    config.kernel_opts.set("console=ttyS0")
    assert config.kernel_opts.get() == "console=ttyS0"
    config.kernel_opts.set(None)
    assert config.kernel_opts.get() is None
    assert config.default_dns_ttl.get() == 30
    config.default_dns_ttl.set(60)
    assert config.default_dns_ttl.get() == 60
    assert config.enable_http_proxy.get() is True
    config.enable_http_proxy.set(False)
    assert config.enable_http_proxy.get() is False
    assert config.default_storage_layout.get() is StorageLayout.LVM
    assert config.default_distro_series.get() == "focal"
    assert config.main_archive.get() == "http://archive.ubuntu.com/ubuntu"


def test_every_typed_handle_reads_on_the_fake(client: MAASClient) -> None:
    names = [
        name
        for name, member in vars(MAASConfig).items()
        if isinstance(member, property) and not name.startswith("_")
    ]
    assert len(names) >= 40
    for name in names:
        handle = getattr(client.config, name)
        assert handle.name == name
        handle.get()


def test_unexpected_types_raise_decode_errors(fake: FakeMAAS, client: MAASClient) -> None:
    fake.store.config["default_dns_ttl"] = "thirty"
    with pytest.raises(ResponseDecodeError, match="default_dns_ttl"):
        client.config.default_dns_ttl.get()
    fake.store.config["enable_analytics"] = 3
    with pytest.raises(ResponseDecodeError):
        client.config.enable_analytics.get()


def test_refusals(client: MAASClient, bob: MAASClient) -> None:
    with pytest.raises(BadRequestError) as unknown:
        client.config.get("nosuchkey")
    assert "nosuchkey is not a valid config setting" in unknown.value.field_errors["nosuchkey"][0]
    with pytest.raises(BadRequestError) as invalid:
        client.config.default_dns_ttl.set("abc")  # type: ignore[arg-type]
    assert invalid.value.field_errors == {"default_dns_ttl": ["Enter a whole number."]}
    assert bob.config.maas_name.get() == "fake-maas"
    with pytest.raises(PermissionDeniedError, match="reserved for admin users"):
        bob.config.maas_name.set("mine")
