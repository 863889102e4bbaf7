"""How a failed exchange is described: was the request sent, and what broke."""

from __future__ import annotations

import re

import requests
import urllib3.exceptions

__all__ = ["innermost", "request_was_sent", "root_cause", "sent_url"]


def sent_url(error: requests.exceptions.RequestException, url: str) -> str:
    # The prepared request's URL carries the query (``?op=deploy``) that ``url`` lacks, so a
    # network error names the operation whose outcome is unknown, as a status error does.
    prepared = getattr(error, "request", None)
    sent = getattr(prepared, "url", None)
    return sent if isinstance(sent, str) and sent else url


def request_was_sent(error: requests.exceptions.RequestException) -> bool:
    flagged = getattr(error, "request_sent", None)
    if isinstance(flagged, bool):
        return flagged
    if isinstance(
        error, requests.exceptions.ChunkedEncodingError | requests.exceptions.ContentDecodingError
    ):
        return True
    cause: BaseException | None = error.args[0] if error.args else None
    if isinstance(cause, urllib3.exceptions.MaxRetryError):
        cause = cause.reason
    not_sent = (
        urllib3.exceptions.NewConnectionError,
        urllib3.exceptions.ConnectTimeoutError,
        urllib3.exceptions.NameResolutionError,
    )
    return not isinstance(cause, not_sent)


def root_cause(error: BaseException) -> str:
    cause = innermost(error)
    text = str(cause)
    text = re.sub(r"<[^>]*object at 0x[0-9a-f]+>:?\s*", "", text)
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__


def innermost(error: BaseException) -> BaseException:
    cause: BaseException = error
    seen = 0
    while seen < 6:
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        if isinstance(cause, urllib3.exceptions.MaxRetryError) and cause.reason is not None:
            inner = cause.reason
        if inner is None:
            break
        cause = inner
        seen += 1
    return cause
