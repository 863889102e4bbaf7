"""Status-to-error mapping over scripted HTTP (the ``responses`` library), messages and pickling.

Server texts are the literal answers of REFERENCE.md §2.2, §5 and §22.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest
import responses

from maas_sdk._retry import RetryPolicy
from maas_sdk.client import MAASClient
from maas_sdk.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InvalidAPIKeyError,
    MAASError,
    NotFoundError,
    PermissionDeniedError,
    ResponseDecodeError,
    ServerError,
    ServiceUnavailableError,
    TLSError,
    redact_server_text,
)

KEY = "AbCdEfGhIjKlMnOpQr:StUvWxYz0123456789:abcdefghijklmnopqrstuvwxyz012345"
ROOT = "http://maas.test:5240/MAAS/api/2.0/"
MACHINE = ROOT + "machines/abc123/"
J = "application/json; charset=utf-8"
T = "text/plain; charset=utf-8"
H = "text/html; charset=utf-8"

CONFLICT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Error: Conflict Error</title>
  <style type="text/css">body { font-family: sans-serif; }</style>
</head>
<body>
  <h1>Conflict error. Try your request again, as it will most likely succeed.</h1>
  <p>The server couldn&#39;t commit &amp; rolled back.</p>
</body>
</html>
"""


@pytest.fixture
def client() -> Iterator[MAASClient]:
    with MAASClient("http://maas.test:5240/MAAS", KEY, retry=RetryPolicy.disabled()) as client:
        yield client


@pytest.fixture
def scripted() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock() as mock:
        yield mock


MAPPING = [
    # status, content type, body, expected class, expected message
    (400, T, "No provided mac_address!", BadRequestError, "No provided mac_address!"),
    (401, "text/plain", "Forbidden", AuthenticationError, "Forbidden"),
    (
        401,
        H,
        "Authorization Error: Invalid API key.",
        AuthenticationError,
        "Authorization Error: Invalid API key.",
    ),
    (
        401,
        H,
        "Authorization Error: 'Invalid access token: StUvWxYz0123456789'",
        AuthenticationError,
        "Authorization Error: 'Invalid access token: StUvWxYz0123456789'",
    ),
    (403, T, "", PermissionDeniedError, ""),
    (
        403,
        T,
        "This method is reserved for admin users.",
        PermissionDeniedError,
        "This method is reserved for admin users.",
    ),
    (
        404,
        "text/plain",
        "No Machine matches the given query.",
        NotFoundError,
        "No Machine matches the given query.",
    ),
    (405, H, "", APIError, ""),
    (
        409,
        T,
        "Can't deploy a machine that is in the 'New' state",
        ConflictError,
        "Can't deploy a machine that is in the 'New' state",
    ),
    (
        410,
        "text/plain",
        "The 1.0 API is no longer available. Please use API version 2.0.",
        APIError,
        "The 1.0 API is no longer available. Please use API version 2.0.",
    ),
    (
        500,
        T,
        "Unconfigured power type. Please configure the power type and try again.",
        ServerError,
        "Unconfigured power type. Please configure the power type and try again.",
    ),
    (
        502,
        "text/html",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        ServerError,
        "502 Bad Gateway",
    ),
    (
        503,
        T,
        "No rack controllers can access the BMC of node node-1",
        ServiceUnavailableError,
        "No rack controllers can access the BMC of node node-1",
    ),
    (504, T, "Timed out waiting for the rack", ServerError, "Timed out waiting for the rack"),
]


@pytest.mark.parametrize(("status", "content_type", "body", "expected", "message"), MAPPING)
def test_each_status_maps_to_its_error(
    client: MAASClient,
    scripted: responses.RequestsMock,
    status: int,
    content_type: str,
    body: str,
    expected: type[APIError],
    message: str,
) -> None:
    scripted.add(
        "POST", MACHINE + "?op=deploy", status=status, body=body, content_type=content_type
    )

    with pytest.raises(APIError) as caught:
        client.transport.post("machines/abc123/", op="deploy")

    error = caught.value
    assert type(error) is expected
    assert error.status_code == status
    assert error.method == "POST"
    assert error.url == MACHINE + "?op=deploy"
    assert error.message == message
    assert error.retry_after is None
    head = f"POST /MAAS/api/2.0/machines/abc123/?op=deploy -> {status} {error.reason}"
    assert str(error) == (f"{head}: {message}" if message else head)
    assert len(scripted.calls) == 1


def test_message_reads_method_path_status_and_server_text(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    scripted.add(
        "POST",
        MACHINE + "?op=deploy",
        status=409,
        body="Node abc123 is in state Deployed; cannot deploy",
        content_type=T,
    )

    with pytest.raises(ConflictError) as caught:
        client.transport.post("machines/abc123/", op="deploy")

    assert str(caught.value) == (
        "POST /MAAS/api/2.0/machines/abc123/?op=deploy -> 409 Conflict: "
        "Node abc123 is in state Deployed; cannot deploy"
    )
    assert caught.value.reason == "Conflict"


def test_403_with_an_empty_body_names_the_request_only(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    scripted.add("GET", MACHINE, status=403, body="", content_type=T)

    with pytest.raises(PermissionDeniedError) as caught:
        client.transport.get("machines/abc123/")

    assert str(caught.value) == "GET /MAAS/api/2.0/machines/abc123/ -> 403 Forbidden"
    assert caught.value.message == ""


@pytest.mark.parametrize(
    ("body", "content_type", "fields", "message"),
    [
        (
            '{"architecture": ["This field is required."], '
            '"mac_addresses": ["This field is required."]}',
            J,
            {
                "architecture": ["This field is required."],
                "mac_addresses": ["This field is required."],
            },
            "architecture: This field is required.; mac_addresses: This field is required.",
        ),
        (
            '{"__all__": ["Commission is not available because of the current state of the '
            'node."]}',
            J,
            {"__all__": ["Commission is not available because of the current state of the node."]},
            "Commission is not available because of the current state of the node.",
        ),
        (
            '{"vid": ["This field is required.", "VID must be between 0 and 4094."], '
            '"__all__": ["A VLAN with the specified VID already exists in the destination '
            'fabric."]}',
            J,
            {
                "vid": ["This field is required.", "VID must be between 0 and 4094."],
                "__all__": [
                    "A VLAN with the specified VID already exists in the destination fabric."
                ],
            },
            "vid: This field is required., VID must be between 0 and 4094.; "
            "A VLAN with the specified VID already exists in the destination fabric.",
        ),
        (
            '{"zone": ["Select a valid choice. That choice is not one of the available choices."]}',
            "application/json",
            {"zone": ["Select a valid choice. That choice is not one of the available choices."]},
            "zone: Select a valid choice. That choice is not one of the available choices.",
        ),
        (
            '["First problem.", "Second problem."]',
            J,
            {"__all__": ["First problem.", "Second problem."]},
            "First problem.; Second problem.",
        ),
        ("Invalid limit: Please enter an integer value", T, {}, None),
        ("{}", J, {}, "{}"),
        ("{not json", J, {}, "{not json"),
    ],
)
def test_400_field_errors_are_parsed(
    client: MAASClient,
    scripted: responses.RequestsMock,
    body: str,
    content_type: str,
    fields: dict[str, list[str]],
    message: str | None,
) -> None:
    scripted.add("POST", ROOT + "machines/", status=400, body=body, content_type=content_type)

    with pytest.raises(BadRequestError) as caught:
        client.transport.post("machines/", data={"architecture": "amd64"})

    assert caught.value.field_errors == fields
    assert caught.value.message == (body if message is None else message)
    assert str(caught.value).startswith("POST /MAAS/api/2.0/machines/ -> 400 Bad Request: ")


def test_html_conflict_page_is_reduced_to_its_text(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    scripted.add("POST", ROOT + "users/", status=409, body=CONFLICT_PAGE, content_type=H)

    with pytest.raises(ConflictError) as caught:
        client.transport.post("users/", data={"username": "bob"})

    assert caught.value.message == (
        "Error: Conflict Error Conflict error. Try your request again, as it will most likely "
        "succeed. The server couldn't commit & rolled back."
    )
    assert "<" not in str(caught.value)
    assert "font-family" not in str(caught.value)


def test_oauth_401_echo_of_the_secret_is_redacted(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    real_secret = "RealSecretTheServerKnows0123456"
    body = (
        f"Authorization Error: 'Invalid signature. Expected signature base string: &{real_secret}'"
    )
    scripted.add("GET", ROOT + "zones/", status=401, body=body, content_type=H)

    with pytest.raises(AuthenticationError) as caught:
        client.transport.get("zones/")

    assert real_secret not in str(caught.value)
    assert real_secret not in repr(caught.value)
    assert caught.value.message == (
        "Authorization Error: 'Invalid signature. Expected signature base string: [redacted]'"
    )


def test_retry_after_is_kept_on_the_error(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    scripted.add(
        "GET",
        ROOT + "zones/",
        status=503,
        body="busy",
        content_type=T,
        headers={"Retry-After": "10"},
    )

    with pytest.raises(ServiceUnavailableError) as caught:
        client.transport.get("zones/")

    assert caught.value.retry_after == 10.0
    assert isinstance(caught.value, ServerError)


def test_a_redirect_is_an_error_that_names_the_location(
    client: MAASClient, scripted: responses.RequestsMock
) -> None:
    scripted.add(
        "GET", ROOT + "zones/", status=301, body="", content_type=H, headers={"Location": "/MAAS/"}
    )

    with pytest.raises(APIError) as caught:
        client.transport.get("zones/")

    assert caught.value.status_code == 301
    assert "unexpected redirect to '/MAAS/'; check the MAAS URL" in str(caught.value)
    assert len(scripted.calls) == 1


def test_hierarchy() -> None:
    assert issubclass(ConfigurationError, MAASError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(InvalidAPIKeyError, ConfigurationError)
    for cls in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        ServerError,
    ):
        assert issubclass(cls, APIError)
    assert issubclass(ServiceUnavailableError, ServerError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(TLSError, APIConnectionError)
    assert issubclass(APIConnectionError, MAASError)
    assert issubclass(ResponseDecodeError, MAASError)
    assert issubclass(APIError, MAASError)


def test_errors_survive_pickling() -> None:
    bad = BadRequestError(
        "vid: This field is required.",
        status_code=400,
        method="POST",
        url=ROOT + "vlans/",
        field_errors={"vid": ["This field is required."]},
    )
    conflict = ConflictError(
        "Conflict error.", status_code=409, method="POST", url=ROOT + "users/", retry_after=5.0
    )
    dropped = APIConnectionError(
        "connection broke", method="POST", url=MACHINE + "?op=deploy", outcome_unknown=True
    )
    timeout = APITimeoutError("slow", method="GET", url=ROOT, outcome_unknown=False)
    decode = ResponseDecodeError(
        "not JSON",
        status_code=200,
        method="GET",
        url=ROOT,
        content_type="text/html",
        snippet="<html>",
    )

    for error in (bad, conflict, dropped, timeout, decode):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert vars(copy) == vars(error)
    assert pickle.loads(pickle.dumps(bad)).field_errors == {"vid": ["This field is required."]}
    assert pickle.loads(pickle.dumps(dropped)).outcome_unknown is True


def test_redact_server_text_removes_plaintext_and_hmac_base_strings() -> None:
    plaintext = "Authorization Error: 'Invalid signature. Expected signature base string: &s3cr3t'"
    hmac = (
        "Authorization Error: 'Invalid signature. Expected signature base string: "
        "GET&http%3A%2F%2Fmaas%3A5240%2FMAAS%2Fapi%2F2.0%2Fzones%2F&oauth_consumer_key%3Dabc'"
    )

    assert redact_server_text(plaintext) == (
        "Authorization Error: 'Invalid signature. Expected signature base string: [redacted]'"
    )
    assert "oauth_consumer_key" not in redact_server_text(hmac)
    assert redact_server_text("No Machine matches the given query.") == (
        "No Machine matches the given query."
    )
