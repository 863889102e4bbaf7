"""Helpers for the secret-leak tests: capture every log record, list what an error shows, search.

``capturing_all_logs()`` sets the root logger and every library's logger to DEBUG, propagating
to one :class:`CaptureAll` handler, and restores them afterwards. :func:`error_texts` lists every
way an error can be shown (str, repr, args, attributes, traceback, pickle), and :func:`leaks`
finds the forbidden strings in a list of texts.
"""

from __future__ import annotations

import logging
import pickle
import threading
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


class CaptureAll(logging.Handler):
    """Keeps every record formatted, plus its raw message, arguments and attributes."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        self.texts: list[str] = []
        self.names: set[str] = set()
        self._lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._lock:
            self.names.add(record.name)
            self.texts.append(self.format(record))
            self.texts.append(repr(record.msg))
            self.texts.append(repr(record.args))
            self.texts.append(repr(record.__dict__))


@contextmanager
def capturing_all_logs() -> Iterator[CaptureAll]:
    """Every logger at DEBUG, propagating to a capture on the root logger, while in the block."""
    root = logging.getLogger()
    loggers = [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.propagate, logger.disabled) for logger in loggers]
    saved_root = root.level
    capture = CaptureAll()
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.propagate = True
        logger.disabled = False
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(saved_root)
        for logger, level, propagate, disabled in saved:
            logger.setLevel(level)
            logger.propagate = propagate
            logger.disabled = disabled


class NoSleep:
    """A clock whose back-off passes instantly."""

    def monotonic(self) -> float:
        return 0.0

    def sleep(self, seconds: float) -> None:
        """Back-off passes instantly."""


def error_texts(error: BaseException) -> list[str]:
    """Every way the error can be shown: str, repr, args, attributes, traceback, pickle."""
    pickled = pickle.dumps(error)
    return [
        str(error),
        repr(error),
        repr(error.args),
        repr(vars(error)),
        "".join(traceback.format_exception(error)),
        repr(pickled),
        pickled.decode("latin-1"),
        repr(pickle.loads(pickled)),
    ]


def leaks(texts: Iterable[str], forbidden: Iterable[str]) -> list[tuple[str, str]]:
    """The ``(secret, text)`` pairs where a forbidden string appears in a text."""
    secrets = list(forbidden)
    return [(secret, text) for text in texts for secret in secrets if secret in text]
