"""Users, API tokens and SSH keys of the fake MAAS, pinned to REFERENCE.md §22.11."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator

import pytest
from fake_http import J_NO_CHARSET, T_NO_CHARSET, Api, H, J, T, answer, hashed, loopback, oauth

from maas_sdk.testing import FakeMAAS

ADMIN = {
    "is_superuser": True,
    "username": "admin",
    "email": "admin@example.com",
    "is_local": True,
    "resource_uri": "/MAAS/api/2.0/users/admin/",
}


def ed25519_key(seed: int, comment: str = "me@host") -> str:
    blob = len(b"ssh-ed25519").to_bytes(4, "big") + b"ssh-ed25519"
    blob += (32).to_bytes(4, "big") + bytes([seed]) * 32
    return f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment}"


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=13, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


# -- users -------------------------------------------------------------------------------------


def test_whoami_and_user_reads(api: Api) -> None:
    for path in ("users/?op=whoami", "users/admin/"):
        response = api.get(path)
        assert answer(response)[:2] == (200, J)
        assert response.json() == ADMIN
        assert list(response.json()) == list(ADMIN)
    maas = api.get("users/MAAS/").json()
    assert (maas["is_superuser"], maas["email"]) == (False, "maas@localhost")
    assert answer(api.get("users/nosuch/")) == (
        404,
        T_NO_CHARSET,
        "No User matches the given query.",
    )


def test_user_list_includes_the_builtin_users(fake: FakeMAAS, api: Api) -> None:
    fake.add_user("bob")
    names = [user["username"] for user in api.get("users/").json()]
    assert names == ["admin", "bob", "MAAS", "maas-init-node"]


def test_create_user(api: Api) -> None:
    form = {"username": "u1", "email": "notanemail", "password": "pw", "is_superuser": "0"}
    response = api.post("users/", data=form)
    assert response.json() == {
        "is_superuser": False,
        "username": "u1",
        "email": "notanemail",
        "is_local": True,
        "resource_uri": "/MAAS/api/2.0/users/u1/",
    }
    duplicate = api.post("users/", data=form)
    assert (duplicate.status_code, duplicate.headers["Content-Type"]) == (409, H)
    assert duplicate.headers["Retry-After"] == "5"
    assert "<title>Error: Conflict Error</title>" in duplicate.text


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"username": "u2"}, (400, T, "No provided email!")),
        ({"username": "u2", "email": "e", "password": "p"}, (400, T, "No provided is_superuser!")),
        (
            {"username": "u2", "email": "e", "password": "p", "is_superuser": "true"},
            (500, T, "Not a valid Boolean value (0 or 1): 'true'"),
        ),
    ],
)
def test_create_user_errors(api: Api, form: dict[str, str], expected: tuple[int, str, str]) -> None:
    assert answer(api.post("users/", data=form)) == expected


def test_delete_users(fake: FakeMAAS, api: Api) -> None:
    key = fake.add_user("bob")
    assert answer(api.delete("users/admin/")) == (400, T, "An administrator cannot self-delete.")
    transfer = api.delete("users/bob/?transfer_resources_to=nosuch")
    assert answer(transfer) == (404, T_NO_CHARSET, "No User matches the given query.")
    assert answer(api.delete("users/bob/?transfer_resources_to=admin")) == (204, T_NO_CHARSET, "")
    assert answer(api.delete("users/nosuch/")) == (204, T_NO_CHARSET, "")
    gone = api.get("zones/", auth=oauth(key))
    assert gone.text == "Authorization Error: Invalid API key."


def test_user_writes_are_admin_only(fake: FakeMAAS, api: Api) -> None:
    user = oauth(fake.add_user("bob"))
    reserved = (403, T, "This method is reserved for admin users.")
    assert answer(api.post("users/", data={"username": "x"}, auth=user)) == reserved
    assert answer(api.delete("users/admin/", auth=user)) == reserved


# -- tokens ------------------------------------------------------------------------------------


def test_create_and_list_tokens(fake: FakeMAAS, api: Api) -> None:
    created = api.post("account/?op=create_authorisation_token", data={"name": "ci"})
    assert answer(created)[:2] == (200, J)
    body = created.json()
    assert list(body) == ["token_key", "token_secret", "consumer_key", "name"]
    assert created.text == json.dumps(body)
    assert re.fullmatch(r"[A-Za-z0-9]{18}", body["token_key"])
    assert re.fullmatch(r"[A-Za-z0-9]{32}", body["token_secret"])
    unnamed = api.post("account/?op=create_authorisation_token").json()
    assert unnamed["name"] == "MAAS consumer"
    listed = api.get("account/?op=list_authorisation_tokens").json()
    key = f"{body['consumer_key']}:{body['token_key']}:{body['token_secret']}"
    assert listed[0] == {"name": "MAAS consumer", "token": fake.api_key()}
    assert listed[1] == {"name": "ci", "token": key}


def test_update_and_delete_tokens(api: Api) -> None:
    body = api.post("account/?op=create_authorisation_token").json()
    full = f"{body['consumer_key']}:{body['token_key']}:{body['token_secret']}"
    for token in (body["token_key"], full):
        renamed = api.post("account/?op=update_token_name", data={"token": token, "name": "n"})
        assert answer(renamed) == (202, T_NO_CHARSET, "Accepted")
        assert hashed(renamed)
    unknown = api.post("account/?op=update_token_name", data={"token": "nosuch", "name": "n"})
    assert answer(unknown) == (404, T_NO_CHARSET, "No Token matches the given query.")
    no_name = api.post("account/?op=update_token_name", data={"token": body["token_key"]})
    assert answer(no_name) == (400, T, "No provided name!")
    no_key = api.post("account/?op=delete_authorisation_token")
    assert answer(no_key) == (400, T, "No provided token_key!")
    form = {"token_key": body["token_key"]}
    assert answer(api.post("account/?op=delete_authorisation_token", data=form))[0] == 204
    again = api.post("account/?op=delete_authorisation_token", data=form)
    assert answer(again) == (404, T_NO_CHARSET, "No Token matches the given query.")


# -- SSH keys ----------------------------------------------------------------------------------


def test_add_and_read_ssh_keys(api: Api) -> None:
    key = ed25519_key(1)
    created = api.post("account/prefs/sshkeys/", data={"key": key})
    assert answer(created)[:2] == (201, J)
    assert created.json() == {"key": key, "keysource": None, "id": 1}
    expected = {
        "key": key,
        "keysource": "",
        "id": 1,
        "resource_uri": "/MAAS/api/2.0/account/prefs/sshkeys/1/",
    }
    assert api.get("account/prefs/sshkeys/").json() == [expected]
    assert api.get("account/prefs/sshkeys/1/").json() == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "ssh-ed25519 notbase64",
            {"key": ["Invalid SSH public key: Key could not be converted to RFC4716 form."]},
        ),
        ("", {"key": ["This field is required."]}),
    ],
)
def test_invalid_ssh_keys(api: Api, key: str, expected: object) -> None:
    response = api.post("account/prefs/sshkeys/", data={"key": key})
    assert (response.status_code, response.json()) == (400, expected)


def test_ssh_key_ownership(fake: FakeMAAS, api: Api) -> None:
    key = ed25519_key(2)
    api.post("account/prefs/sshkeys/", data={"key": key})
    duplicate = api.post("account/prefs/sshkeys/", data={"key": key})
    assert duplicate.json() == {"__all__": ["This key has already been added for this user."]}
    bob = oauth(fake.add_user("bob"))
    assert api.post("account/prefs/sshkeys/", data={"key": key}, auth=bob).status_code == 201
    assert api.get("account/prefs/sshkeys/1/", auth=bob).status_code == 200
    refused = api.delete("account/prefs/sshkeys/1/", auth=bob)
    assert answer(refused) == (403, T_NO_CHARSET, "Can't delete a key you don't own.")
    assert hashed(refused)
    assert answer(api.delete("account/prefs/sshkeys/1/")) == (204, T_NO_CHARSET, "")
    not_found = (404, T_NO_CHARSET, "No SSHKey matches the given query.")
    assert answer(api.get("account/prefs/sshkeys/99999/")) == not_found
    assert answer(api.delete("account/prefs/sshkeys/99999/")) == not_found


def test_ssh_key_import(fake: FakeMAAS, api: Api) -> None:
    bad_protocol = api.post("account/prefs/sshkeys/?op=import", data={"keysource": "xx:someone"})
    assert answer(bad_protocol) == (
        400,
        J_NO_CHARSET,
        '{\n    "protocol": [\n        "Value \'xx\' is not a valid choice."\n    ]\n}',
    )
    missing = api.post("account/prefs/sshkeys/?op=import")
    assert answer(missing) == (
        400,
        T,
        "Importing SSH keys failed. Input needs to be in protocol:auth_id or auth_id format.",
    )
    fake.add_ssh_key_source("gh:octocat", [ed25519_key(3), ed25519_key(4)])
    imported = api.post("account/prefs/sshkeys/?op=import", data={"keysource": "gh:octocat"})
    assert [key["keysource"] for key in imported.json()] == ["gh:octocat", "gh:octocat"]
