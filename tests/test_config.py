"""Configuration: URL normalisation, API keys, environment variables and maas CLI profiles."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import trustme

from maas_sdk._config import login_url, normalize_api_url, settings_from_env
from maas_sdk._credentials import APIKey
from maas_sdk._transport import InsecureTransportWarning
from maas_sdk.client import MAASClient
from maas_sdk.errors import ConfigurationError, InvalidAPIKeyError

CONSUMER = "Cq7Hn2LpXv9RtB4wKz"
TOKEN = "Tm3Jd8FsYe6GuQ1aNc"
SECRET = "Sx5Vb0Wk9Pr4Lh7Dz2Mg8Ny3Qf6Ja1Ue"
KEY = f"{CONSUMER}:{TOKEN}:{SECRET}"
ENV_NAMES = (
    "MAAS_URL",
    "MAAS_API_URL",
    "MAAS_API_KEY",
    "MAAS_CA_CERT",
    "MAAS_API_CACERT",
    "MAAS_INSECURE",
)


# --- URL -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://maas:5240/MAAS", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240/MAAS/", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240/MAAS/api/2.0", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240/MAAS/api/2.0/", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240/MAAS//", "http://maas:5240/MAAS/api/2.0/"),
        ("  http://maas:5240/MAAS/\n", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240", "http://maas:5240/MAAS/api/2.0/"),
        ("http://maas:5240/", "http://maas:5240/MAAS/api/2.0/"),
        ("HTTP://maas:5240/MAAS", "http://maas:5240/MAAS/api/2.0/"),
        ("https://maas.example.com:5443/MAAS", "https://maas.example.com:5443/MAAS/api/2.0/"),
        ("https://maas.example.com", "https://maas.example.com/MAAS/api/2.0/"),
        ("http://[fd00::1]:5240/MAAS", "http://[fd00::1]:5240/MAAS/api/2.0/"),
        ("http://10.0.0.1/proxy/MAAS/", "http://10.0.0.1/proxy/MAAS/api/2.0/"),
    ],
)
def test_url_spellings_normalise_to_the_api_root(given: str, root: str) -> None:
    assert normalize_api_url(given) == root
    assert MAASClient(given, KEY).url == root


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("maas:5240/MAAS", "no http:// or https:// scheme"),
        ("maas.example.com/MAAS", "no http:// or https:// scheme"),
        ("ftp://maas/MAAS", "no http:// or https:// scheme"),
        ("http:///MAAS", "no host name"),
        ("http://maas:5240/MAAS?op=x", "query string or fragment"),
        ("http://maas:5240/MAAS/#top", "query string or fragment"),
        ("http://maas:5240/MAAS/api/1.0/", "names an API other than 2.0"),
        ("http://maas:5240/MAAS/api/", "names an API other than 2.0"),
        ("http://maas:5240/MAAS/api/2.0/machines/", "names an API other than 2.0"),
        ("http://maas:99999/MAAS", "invalid port"),
        ("http://maas:port/MAAS", "invalid port"),
    ],
)
def test_bad_urls_raise_configuration_error(given: str, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        normalize_api_url(given)
    with pytest.raises(ConfigurationError, match=problem):
        MAASClient(given, KEY)


def test_url_with_credentials_is_refused_without_echoing_them() -> None:
    with pytest.raises(ConfigurationError) as caught:
        normalize_api_url("http://admin:hunter2pw@maas:5240/MAAS")

    assert "hunter2pw" not in str(caught.value)
    assert "must not carry a user name or password" in str(caught.value)


def test_login_url_sits_beside_the_api() -> None:
    root = normalize_api_url("http://maas:5240/MAAS")
    assert login_url(root) == "http://maas:5240/MAAS/accounts/authenticate/"


# --- API key ---------------------------------------------------------------------------------


def test_api_key_is_parsed_and_hidden() -> None:
    key = APIKey.parse(f"  {KEY}\n")

    assert (key.consumer_key, key.token_key, key.token_secret) == (CONSUMER, TOKEN, SECRET)
    assert APIKey.parse(key) is key
    assert SECRET not in repr(key)
    assert str(key) == f"{CONSUMER}:{TOKEN}:[redacted]"
    assert set(key.secrets()) == {KEY, SECRET}
    assert MAASClient("http://maas:5240/MAAS", KEY).api_key == key


MALFORMED = [
    "",
    "Cq7Hn2LpXv9RtB4wKz",
    "Cq7Hn2LpXv9RtB4wKz:Sx5Vb0Wk9Pr4Lh7Dz2Mg8Ny3Qf6Ja1Ue",
    f"{KEY}:Ex7raPartQq",
    f"{CONSUMER}::{SECRET}",
    f"{CONSUMER}:{TOKEN}:",
    f":{TOKEN}:{SECRET}",
    "::",
    f"{CONSUMER}:{TOKEN}:Sx5Vb0Wk9 Pr4Lh7",
    f"{CONSUMER};{TOKEN};{SECRET}",
]


@pytest.mark.parametrize("bad", MALFORMED)
def test_malformed_keys_state_the_format_and_never_echo_the_key(bad: str) -> None:
    for build in (APIKey.parse, lambda key: MAASClient("http://maas:5240/MAAS", key)):
        with pytest.raises(InvalidAPIKeyError) as caught:
            build(bad)
        text = f"{caught.value} {caught.value!r} {caught.value.args}"
        assert "consumer_key:token_key:token_secret" in text
        for part in [p for chunk in bad.split(":") for p in chunk.split(";") + chunk.split()]:
            if len(part) > 3:
                assert part not in text


def test_a_key_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(InvalidAPIKeyError, match="got a int"):
        APIKey.parse(12345)  # type: ignore[arg-type]


# --- environment -----------------------------------------------------------------------------


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_from_env_reads_url_and_key(env: pytest.MonkeyPatch) -> None:
    env.setenv("MAAS_URL", "http://maas:5240/MAAS")
    env.setenv("MAAS_API_KEY", KEY)

    client = MAASClient.from_env(timeout=5)

    assert client.url == "http://maas:5240/MAAS/api/2.0/"
    assert client.api_key == APIKey(CONSUMER, TOKEN, SECRET)
    assert client.transport.verify is True
    assert client.transport.timeout == 5


def test_from_env_accepts_the_terraform_names(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    env.setenv("MAAS_API_URL", "https://maas:5443/MAAS/api/2.0/")
    env.setenv("MAAS_API_KEY", KEY)
    env.setenv("MAAS_API_CACERT", str(bundle))

    client = MAASClient.from_env()

    assert client.url == "https://maas:5443/MAAS/api/2.0/"
    assert client.transport.verify == str(bundle)


def test_maas_names_win_over_terraform_names(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.pem", tmp_path / "theirs.pem"
    ours.write_text("x")
    theirs.write_text("y")
    env.setenv("MAAS_URL", "http://ours:5240/MAAS")
    env.setenv("MAAS_API_URL", "http://theirs:5240/MAAS")
    env.setenv("MAAS_CA_CERT", str(ours))
    env.setenv("MAAS_API_CACERT", str(theirs))
    env.setenv("MAAS_API_KEY", KEY)

    settings = settings_from_env()

    assert settings.url == "http://ours:5240/MAAS"
    assert settings.verify == str(ours)


@pytest.mark.parametrize(
    ("present", "missing"),
    [
        ({}, ["MAAS_URL (or MAAS_API_URL)", "MAAS_API_KEY"]),
        ({"MAAS_URL": "http://maas:5240/MAAS"}, ["MAAS_API_KEY"]),
        ({"MAAS_API_KEY": KEY}, ["MAAS_URL (or MAAS_API_URL)"]),
        ({"MAAS_URL": "", "MAAS_API_KEY": KEY}, ["MAAS_URL (or MAAS_API_URL)"]),
    ],
)
def test_from_env_names_the_missing_variables(
    env: pytest.MonkeyPatch, present: dict[str, str], missing: list[str]
) -> None:
    for name, value in present.items():
        env.setenv(name, value)

    with pytest.raises(ConfigurationError) as caught:
        MAASClient.from_env()

    assert str(caught.value) == f"missing environment variable(s): {', '.join(missing)}"
    assert SECRET not in str(caught.value)


def test_from_env_with_a_malformed_key_does_not_echo_it(env: pytest.MonkeyPatch) -> None:
    env.setenv("MAAS_URL", "http://maas:5240/MAAS")
    env.setenv("MAAS_API_KEY", f"{CONSUMER}:{SECRET}")

    with pytest.raises(InvalidAPIKeyError) as caught:
        MAASClient.from_env()

    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("variable", ["MAAS_CA_CERT", "MAAS_API_CACERT"])
def test_a_missing_ca_file_names_its_variable(
    env: pytest.MonkeyPatch, tmp_path: Path, variable: str
) -> None:
    env.setenv("MAAS_URL", "https://maas:5443/MAAS")
    env.setenv("MAAS_API_KEY", KEY)
    env.setenv(variable, str(tmp_path / "nope.pem"))

    with pytest.raises(ConfigurationError, match=f"from {variable}"):
        MAASClient.from_env()


def test_ca_cert_given_as_pem_text_becomes_a_bundle_file(env: pytest.MonkeyPatch) -> None:
    pem = trustme.CA().cert_pem.bytes().decode()
    env.setenv("MAAS_URL", "https://maas:5443/MAAS")
    env.setenv("MAAS_API_KEY", KEY)
    env.setenv("MAAS_CA_CERT", pem)

    client = MAASClient.from_env()

    assert isinstance(client.transport.verify, str)
    assert Path(client.transport.verify).read_text() == pem


@pytest.mark.parametrize("flag", ["1", "true", "YES", "on"])
def test_maas_insecure_turns_verification_off(env: pytest.MonkeyPatch, flag: str) -> None:
    env.setenv("MAAS_URL", "https://maas:5443/MAAS")
    env.setenv("MAAS_API_KEY", KEY)
    env.setenv("MAAS_INSECURE", flag)

    with pytest.warns(InsecureTransportWarning):
        client = MAASClient.from_env()

    assert client.transport.verify is False


@pytest.mark.parametrize(
    ("flag", "ok"), [("0", True), ("false", True), ("", True), ("maybe", False)]
)
def test_maas_insecure_other_values(env: pytest.MonkeyPatch, flag: str, ok: bool) -> None:
    env.setenv("MAAS_URL", "https://maas:5443/MAAS")
    env.setenv("MAAS_API_KEY", KEY)
    env.setenv("MAAS_INSECURE", flag)

    if ok:
        assert MAASClient.from_env().transport.verify is True
    else:
        with pytest.raises(ConfigurationError, match="MAAS_INSECURE must be one of"):
            MAASClient.from_env()


# --- maas CLI profiles -----------------------------------------------------------------------


def write_profiles(path: Path, *profiles: dict[str, object], as_bytes: bool = False) -> Path:
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE profiles (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)"
        )
        for profile in profiles:
            data = json.dumps(profile)
            db.execute(
                "INSERT INTO profiles (name, data) VALUES (?, ?)",
                (profile["name"], data.encode() if as_bytes else data),
            )
    db.close()
    return path


def profile(
    name: str,
    url: str = "http://maas:5240/MAAS/api/2.0/",
    credentials: list[str] | None = None,
    cacerts: str | None = None,
) -> dict[str, object]:
    return {
        "name": name,
        "url": url,
        "credentials": [CONSUMER, TOKEN, SECRET] if credentials is None else credentials,
        "description": {"doc": "MAAS API", "handlers": [], "resources": []},
        "cacerts": cacerts,
    }


@pytest.mark.parametrize("as_bytes", [False, True])
def test_the_only_profile_is_used(tmp_path: Path, as_bytes: bool) -> None:
    db = write_profiles(tmp_path / "maascli.db", profile("admin"), as_bytes=as_bytes)
    before = db.read_bytes()

    client = MAASClient.from_profile(path=db, timeout=(2, 20))

    assert client.url == "http://maas:5240/MAAS/api/2.0/"
    assert client.api_key == APIKey(CONSUMER, TOKEN, SECRET)
    assert client.transport.verify is True
    assert client.transport.timeout == (2, 20)
    assert db.read_bytes() == before


def test_default_path_is_the_home_maascli_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    write_profiles(tmp_path / ".maascli.db", profile("admin", url="http://home:5240/MAAS/"))

    assert MAASClient.from_profile().url == "http://home:5240/MAAS/api/2.0/"


def test_several_profiles_and_no_name_lists_the_names(tmp_path: Path) -> None:
    db = write_profiles(tmp_path / "maascli.db", profile("prod"), profile("lab"), profile("dev"))

    with pytest.raises(ConfigurationError) as caught:
        MAASClient.from_profile(path=db)

    assert "several profiles (dev, lab, prod); choose one with name=" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_a_named_profile_is_picked_among_several(tmp_path: Path) -> None:
    db = write_profiles(
        tmp_path / "maascli.db",
        profile("prod", url="http://prod:5240/MAAS/api/2.0/"),
        profile("lab", url="http://lab:5240/MAAS/api/2.0/", credentials=["a1", "b2", "c3"]),
    )

    client = MAASClient.from_profile("lab", path=db)

    assert client.url == "http://lab:5240/MAAS/api/2.0/"
    assert client.api_key == APIKey("a1", "b2", "c3")


def test_an_unknown_profile_name_lists_the_names(tmp_path: Path) -> None:
    db = write_profiles(tmp_path / "maascli.db", profile("prod"), profile("lab"))

    with pytest.raises(
        ConfigurationError, match=r"no maas CLI profile named 'qa' .*\(has: lab, prod\)"
    ):
        MAASClient.from_profile("qa", path=db)


def test_an_anonymous_profile_has_no_credentials(tmp_path: Path) -> None:
    anonymous = profile("anon")
    anonymous["credentials"] = None
    db = write_profiles(tmp_path / "maascli.db", anonymous)

    with pytest.raises(ConfigurationError, match="'anon' has no credentials"):
        MAASClient.from_profile(path=db)


def test_profile_cacerts_become_the_verify_bundle(tmp_path: Path) -> None:
    pem = trustme.CA().cert_pem.bytes().decode()
    db = write_profiles(
        tmp_path / "maascli.db", profile("tls", url="https://maas:5443/MAAS/", cacerts=pem)
    )

    client = MAASClient.from_profile(path=db)

    verify = client.transport.verify
    assert isinstance(verify, str)
    assert Path(verify).read_text() == pem
    assert client.url == "https://maas:5443/MAAS/api/2.0/"


def test_no_database_and_a_foreign_database_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="no maas CLI profile database at"):
        MAASClient.from_profile(path=tmp_path / "missing.db")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE other (x)")
    db.close()
    with pytest.raises(ConfigurationError, match="is not a maas CLI profile database"):
        MAASClient.from_profile(path=foreign)
    empty = write_profiles(tmp_path / "empty.db")
    with pytest.raises(ConfigurationError, match="has no profiles"):
        MAASClient.from_profile(path=empty)
