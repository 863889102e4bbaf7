"""OAuth 1.0 verification exactly as a MAAS region does it (REFERENCE.md §2.2, §22.2).

A request carries credentials only if its ``Authorization`` header contains all six required
``oauth_*`` names (a plain substring test, as in MAAS); otherwise it is anonymous. Credentials
that are present are checked in piston's order -- version, consumer, token, timestamp, nonce,
signature method, signature -- and a failure is a 401 ``text/html`` answer with
``WWW-Authenticate``. The wrong-secret answer echoes the token's real secret, like the real
server; the SDK must redact it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from ._forms import FormData, parse_query
from ._models import Token, User
from ._responses import HTML, FakeAPIError
from ._store import Store

__all__ = ["authenticate", "has_oauth_credentials"]

_REQUIRED = (
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
)
TIMESTAMP_THRESHOLD = 300


def has_oauth_credentials(header: str | None) -> bool:
    """Return whether MAAS would treat ``header`` as an OAuth request (substring test)."""
    return header is not None and all(name in header for name in _REQUIRED)


def _unauthorized(message: str, *, quoted: bool = True) -> FakeAPIError:
    text = f"Authorization Error: {message!r}" if quoted else f"Authorization Error: {message}"
    return FakeAPIError(
        401, text, content_type=HTML, headers={"WWW-Authenticate": 'OAuth realm="OAuth"'}
    )


def _parse_header(header: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in header[len("OAuth ") :].split(","):
        name, sep, value = item.strip().partition("=")
        if not sep:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        params[name.strip()] = unquote(value)
    params.pop("realm", None)
    return params


def authenticate(
    store: Store,
    header: str,
    *,
    method: str,
    url: str,
    form: FormData,
    wall_clock: Callable[[], float] = time.time,
) -> User:
    """Verify an OAuth ``Authorization`` header and return the user it authenticates.

    Args:
        store: The region (tokens, nonces, users).
        header: A header for which :func:`has_oauth_credentials` is true.
        method: HTTP method (for the HMAC-SHA1 base string).
        url: Absolute request URL (for the HMAC-SHA1 base string).
        form: Form-encoded body fields (part of the HMAC-SHA1 base string).
        wall_clock: Source of "now" for the timestamp check (the client signs with real time).

    Raises:
        FakeAPIError: The 401/403/500 answers of §22.2.
    """
    if not header.startswith("OAuth "):
        raise FakeAPIError(500, "'NoneType' object has no attribute 'verify_request'")
    params = _parse_header(header)
    version = params.get("oauth_version", "1.0")
    if version != "1.0":
        raise _unauthorized(f"OAuth version {version} not supported.")
    consumer_key = params.get("oauth_consumer_key", "")
    if not store.consumer_exists(consumer_key):
        raise _unauthorized("Invalid API key.", quoted=False)
    token_key = params.get("oauth_token", "")
    token = store.tokens.get(token_key)
    if token is None or token.consumer_key != consumer_key:
        raise _unauthorized(f"Invalid access token: {token_key}")
    _check_timestamp(params.get("oauth_timestamp", ""), wall_clock)
    nonce = params.get("oauth_nonce", "")
    nonce_key = (consumer_key, token_key, nonce)
    if nonce_key in store.nonces:
        raise _unauthorized(f"Nonce already used: {nonce}")
    store.nonces.add(nonce_key)
    signature_method = params.get("oauth_signature_method", "")
    if signature_method not in ("PLAINTEXT", "HMAC-SHA1"):
        raise _unauthorized(
            f"Signature method {signature_method} not supported try one of the following:"
            " PLAINTEXT, HMAC-SHA1"
        )
    signature = params.get("oauth_signature")
    if signature is None:
        raise _unauthorized("Missing signature.")
    expected, base = _expected_signature(signature_method, token, params, method, url, form)
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise _unauthorized(f"Invalid signature. Expected signature base string: {base}")
    user = store.users.get(token.username)
    if user is None or not user.is_active:
        raise FakeAPIError(403, "User is not allowed access to this API.")
    return user


def _check_timestamp(raw: str, wall_clock: Callable[[], float]) -> None:
    try:
        timestamp = int(raw)
    except ValueError:
        raise FakeAPIError(500, f"invalid literal for int() with base 10: {raw!r}") from None
    now = int(wall_clock())
    if now - timestamp > TIMESTAMP_THRESHOLD:
        raise _unauthorized(
            f"Expired timestamp: given {timestamp} and now {now} has a greater difference"
            f" than threshold {TIMESTAMP_THRESHOLD}"
        )


def _escape(value: str) -> str:
    return quote(value, safe="~")


def _expected_signature(
    signature_method: str,
    token: Token,
    params: dict[str, str],
    method: str,
    url: str,
    form: FormData,
) -> tuple[str, str]:
    key = "&" + _escape(token.secret)
    if signature_method == "PLAINTEXT":
        return key, key
    parts = urlsplit(url)
    normalized_url = f"{parts.scheme}://{parts.netloc}{parts.path}"
    pairs = [(k, v) for k, v in params.items() if k != "oauth_signature"]
    query = parse_query(parts.query).items()
    pairs += [(k, v) for k, v in query if not k.startswith("oauth_")]
    pairs += form.items()
    normalized = "&".join(f"{_escape(k)}={_escape(v)}" for k, v in sorted(pairs))
    base = "&".join((_escape(method), _escape(normalized_url), _escape(normalized)))
    digest = hmac.new(key.encode(), base.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode(), base
