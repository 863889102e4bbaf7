"""OAuth, users and permissions of the fake MAAS, pinned to REFERENCE.md §2.2 and §22.2."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator

import pytest
from fake_http import T_NO_CHARSET, Api, H, T, answer, hashed, loopback, oauth
from requests_oauthlib import OAuth1

from maas_sdk.testing import FakeMAAS

CHALLENGE = 'OAuth realm="OAuth"'


@pytest.fixture
def fake() -> FakeMAAS:
    return FakeMAAS(seed=3, strict=True)


@pytest.fixture
def api(fake: FakeMAAS) -> Iterator[Api]:
    with loopback(fake) as api:
        yield api


def header(
    api_key: str,
    *,
    signature: str | None = None,
    nonce: str | None = None,
    timestamp: str | None = None,
    method: str = "PLAINTEXT",
    version: str | None = "1.0",
    omit: tuple[str, ...] = (),
    prefix: str = "OAuth ",
    quote: bool = True,
) -> dict[str, str]:
    consumer, token, secret = api_key.split(":")
    params = {
        "oauth_version": version,
        "oauth_signature_method": method,
        "oauth_consumer_key": consumer,
        "oauth_token": token,
        "oauth_signature": signature if signature is not None else f"%26{secret}",
        "oauth_nonce": nonce or uuid.uuid4().hex,
        "oauth_timestamp": timestamp or str(int(time.time())),
    }
    wrap = '"' if quote else ""
    parts = [
        f"{name}={wrap}{value}{wrap}"
        for name, value in params.items()
        if value is not None and name not in omit
    ]
    return {"Authorization": prefix + ", ".join(parts)}


def unauthorized(response_text: str) -> tuple[int, str, str]:
    return (401, H, response_text)


def test_correct_header_variants_are_accepted(api: Api) -> None:
    key = api.api_key
    secret = key.split(":")[2]
    variants = [
        header(key),
        header(key, signature=f"&{secret}"),
        {"Authorization": header(key)["Authorization"].replace("OAuth ", 'OAuth realm="OAuth", ')},
        header(key, quote=False),
        header(key, version=None),
        header(key, timestamp=str(int(time.time()) + 3600)),
    ]
    for headers in variants:
        assert api.get("zones/", auth=None, headers=headers).status_code == 200


def test_hmac_sha1_signatures_are_verified(api: Api) -> None:
    consumer, token, secret = api.api_key.split(":")
    auth = OAuth1(consumer, "", token, secret, signature_method="HMAC-SHA1")
    assert api.get("zones/?op=", auth=auth).status_code == 200
    posted = api.post("zones/", data={"name": "hz"}, auth=auth)
    assert posted.status_code == 200


def test_unknown_consumer_key(api: Api) -> None:
    key = "x" * 18 + ":" + api.api_key.split(":", 1)[1]
    response = api.get("zones/", auth=oauth(key))
    assert answer(response) == unauthorized("Authorization Error: Invalid API key.")
    assert response.headers["WWW-Authenticate"] == CHALLENGE
    assert not hashed(response)


def test_unknown_token_key(api: Api) -> None:
    consumer, _, secret = api.api_key.split(":")
    response = api.get("zones/", auth=oauth(f"{consumer}:{'t' * 18}:{secret}"))
    expected = f"Authorization Error: 'Invalid access token: {'t' * 18}'"
    assert answer(response) == unauthorized(expected)
    assert response.headers["WWW-Authenticate"] == CHALLENGE


def test_wrong_secret_echoes_the_real_secret_like_maas(api: Api) -> None:
    secret = api.api_key.split(":")[2]
    expected = (
        f"Authorization Error: 'Invalid signature. Expected signature base string: &{secret}'"
    )
    wrong = api.get("zones/", auth=oauth(api.api_key, secret="wrong"))
    assert answer(wrong) == unauthorized(expected)
    no_ampersand = api.get("zones/", auth=None, headers=header(api.api_key, signature=secret))
    assert answer(no_ampersand) == unauthorized(expected)


def test_hmac_signature_with_a_plaintext_value_echoes_the_base_string(api: Api) -> None:
    response = api.get("zones/", auth=None, headers=header(api.api_key, method="HMAC-SHA1"))
    port = api.root.split(":")[2].split("/")[0]
    prefix = (
        "Authorization Error: 'Invalid signature. Expected signature base string: "
        f"GET&http%3A%2F%2F127.0.0.1%3A{port}%2FMAAS%2Fapi%2F2.0%2Fzones%2F&oauth_consumer_key%3D"
    )
    assert response.status_code == 401
    assert response.text.startswith(prefix)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"method": "RSA-SHA1"},
            "'Signature method RSA-SHA1 not supported try one of the following:"
            " PLAINTEXT, HMAC-SHA1'",
        ),
        ({"version": "2.0"}, "'OAuth version 2.0 not supported.'"),
        ({"omit": ("oauth_signature",)}, "'Missing signature.'"),
    ],
)
def test_rejected_oauth_parameters(api: Api, kwargs: dict[str, object], message: str) -> None:
    response = api.get("zones/", auth=None, headers=header(api.api_key, **kwargs))  # type: ignore[arg-type]
    assert answer(response) == unauthorized(f"Authorization Error: {message}")
    assert response.headers["WWW-Authenticate"] == CHALLENGE


def test_expired_timestamp(api: Api) -> None:
    old = str(int(time.time()) - 400)
    response = api.get("zones/", auth=None, headers=header(api.api_key, timestamp=old))
    assert response.status_code == 401
    pattern = (
        rf"Authorization Error: 'Expired timestamp: given {old} and now \d+ has a greater"
        r" difference than threshold 300'"
    )
    assert re.fullmatch(pattern, response.text)


def test_non_numeric_timestamp_is_a_500(api: Api) -> None:
    response = api.get("zones/", auth=None, headers=header(api.api_key, timestamp="abc"))
    assert answer(response) == (500, T, "invalid literal for int() with base 10: 'abc'")


def test_reused_nonce(api: Api) -> None:
    headers = header(api.api_key, nonce="n0nce")
    assert api.get("zones/", auth=None, headers=headers).status_code == 200
    again = api.get("zones/", auth=None, headers=headers)
    assert answer(again) == unauthorized("Authorization Error: 'Nonce already used: n0nce'")


@pytest.mark.parametrize(
    "omitted",
    [
        "oauth_nonce",
        "oauth_timestamp",
        "oauth_consumer_key",
        "oauth_token",
        "oauth_signature_method",
    ],
)
def test_incomplete_header_is_anonymous(api: Api, omitted: str) -> None:
    response = api.get("zones/", auth=None, headers=header(api.api_key, omit=(omitted,)))
    assert answer(response) == (401, T_NO_CHARSET, "Forbidden")
    assert hashed(response)
    assert "WWW-Authenticate" not in response.headers


@pytest.mark.parametrize("value", ["Bearer abc", "OAuth garbage", "OAuth "])
def test_foreign_headers_are_anonymous(api: Api, value: str) -> None:
    response = api.get("users/?op=whoami", auth=None, headers={"Authorization": value})
    assert answer(response) == (401, T_NO_CHARSET, "Forbidden")


def test_lowercase_prefix_is_a_500(api: Api) -> None:
    response = api.get("zones/", auth=None, headers=header(api.api_key, prefix="oauth "))
    assert answer(response) == (500, T, "'NoneType' object has no attribute 'verify_request'")


def test_oauth_parameters_in_the_query_string_are_a_500(api: Api) -> None:
    consumer, token, secret = api.api_key.split(":")
    query = (
        f"oauth_consumer_key={consumer}&oauth_token={token}&oauth_signature=%26{secret}"
        f"&oauth_signature_method=PLAINTEXT&oauth_nonce=x1&oauth_timestamp={int(time.time())}"
    )
    response = api.get(f"zones/?{query}", auth=None)
    assert answer(response) == (500, T, "dictionary changed size during iteration")


def test_anonymous_access(api: Api) -> None:
    for path in ("zones/", "users/?op=whoami", "account/?op=list_authorisation_tokens"):
        response = api.get(path, auth=None)
        assert answer(response) == (401, T_NO_CHARSET, "Forbidden")
        assert hashed(response)
    assert api.get("version/", auth=None).status_code == 200


def test_deleted_token_is_an_invalid_api_key(api: Api) -> None:
    created = api.post("account/?op=create_authorisation_token", data={"name": "tmp"}).json()
    key = f"{created['consumer_key']}:{created['token_key']}:{created['token_secret']}"
    assert api.get("zones/", auth=oauth(key)).status_code == 200
    deleted = api.post(
        "account/?op=delete_authorisation_token", data={"token_key": created["token_key"]}
    )
    assert (deleted.status_code, deleted.content) == (204, b"")
    response = api.get("zones/", auth=oauth(key))
    assert answer(response) == unauthorized("Authorization Error: Invalid API key.")


def test_deactivated_user_is_refused(fake: FakeMAAS, api: Api) -> None:
    key = fake.add_user("carol")
    fake.set_user_active("carol", False)
    response = api.get("zones/", auth=oauth(key))
    assert answer(response) == (403, T, "User is not allowed access to this API.")


def test_admin_only_methods_answer_403_to_users(fake: FakeMAAS, api: Api) -> None:
    user = oauth(fake.add_user("bob"))
    reserved = "This method is reserved for admin users."
    assert answer(api.post("zones/", data={"name": "z"}, auth=user)) == (403, T, reserved)
    assert answer(api.delete("zones/default/", auth=user)) == (403, T, reserved)
    assert answer(api.post("users/", auth=user)) == (403, T, reserved)
    response = api.post("maas/?op=set_config", data={"name": "theme", "value": "x"}, auth=user)
    assert answer(response) == (403, T, reserved)
    assert api.get("users/?op=whoami", auth=user).json()["is_superuser"] is False


def test_authenticate_exchanges_a_password_for_credentials(fake: FakeMAAS, api: Api) -> None:
    response = api.post(
        "/MAAS/accounts/authenticate/",
        auth=None,
        data={"username": "admin", "password": "admin"},
    )
    assert (response.status_code, response.headers["Content-Type"]) == (200, "application/json")
    body = response.json()
    assert list(body) == ["consumer_key", "name", "token_key", "token_secret"]
    assert ":".join((body["consumer_key"], body["token_key"], body["token_secret"])) == (
        fake.api_key()
    )
    assert body["name"] == "MAAS consumer"
    assert response.text == json.dumps(body)


def test_authenticate_with_a_consumer_name_creates_one_token_once(api: Api) -> None:
    form = {"username": "admin", "password": "admin", "consumer": "my-tool"}
    first = api.post("/MAAS/accounts/authenticate/", auth=None, data=form).json()
    second = api.post("/MAAS/accounts/authenticate/", auth=None, data=form).json()
    assert first == second
    assert first["name"] == "my-tool"
    tokens = api.get("account/?op=list_authorisation_tokens").json()
    assert [token["name"] for token in tokens] == ["MAAS consumer", "my-tool"]


def test_authenticate_refuses_wrong_passwords_and_other_methods(api: Api) -> None:
    wrong = api.post(
        "/MAAS/accounts/authenticate/", auth=None, data={"username": "admin", "password": "x"}
    )
    assert answer(wrong) == (403, H, "")
    system = api.post(
        "/MAAS/accounts/authenticate/", auth=None, data={"username": "MAAS", "password": ""}
    )
    assert system.status_code == 403
    get = api.get("/MAAS/accounts/authenticate/", auth=None)
    assert (get.status_code, get.headers["Allow"]) == (405, "POST")


def test_request_log_never_records_credentials(fake: FakeMAAS, api: Api) -> None:
    api.post(
        "/MAAS/accounts/authenticate/", auth=None, data={"username": "admin", "password": "admin"}
    )
    api.get("zones/")
    secret = fake.api_key().split(":")[2]
    assert all(secret not in repr(entry) for entry in fake.requests)
    assert fake.requests[0].form == (("username", "admin"), ("password", "********"))
    assert fake.requests[1].user == "admin"
