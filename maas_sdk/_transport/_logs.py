"""Keeps the signing libraries from logging credentials."""

from __future__ import annotations

import logging

__all__ = ["install_log_redaction"]


class _DropSigningDetails(logging.Filter):
    """Drops what requests-oauthlib and oauthlib log while signing (it holds the secret)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


_SIGNING_LOGGERS = (
    "requests_oauthlib.oauth1_auth",
    "requests_oauthlib.oauth1_session",
    "oauthlib.oauth1.rfc5849",
    "oauthlib.oauth1.rfc5849.signature",
    "oauthlib.oauth1.rfc5849.utils",
    "oauthlib",
)
_REDACTION = _DropSigningDetails()


def install_log_redaction() -> None:
    """Stop the signing libraries from logging the OAuth header or signature at DEBUG.

    requests-oauthlib logs the signed headers and oauthlib logs the PLAINTEXT signature (the
    token secret). A filter on their signing loggers drops those records. Idempotent.
    """
    for name in _SIGNING_LOGGERS:
        target = logging.getLogger(name)
        if _REDACTION not in target.filters:
            target.addFilter(_REDACTION)
