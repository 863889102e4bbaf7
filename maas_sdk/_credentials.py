"""The MAAS API key: ``consumer_key:token_key:token_secret``."""

from __future__ import annotations

from dataclasses import dataclass, field

from maas_sdk.errors import InvalidAPIKeyError

__all__ = ["APIKey"]

_MIN_SCRUBBED_SECRET = 6
_PART_NAMES = ("consumer_key", "token_key", "token_secret")
_EXPECTED = (
    "expected 'consumer_key:token_key:token_secret' (three non-empty parts separated by ':')"
)


@dataclass(frozen=True)
class APIKey:
    """A parsed MAAS API key.

    MAAS creates every OAuth consumer with an empty secret, so the three parts are all there is.
    The token secret never appears in ``repr()`` or ``str()``.

    Attributes:
        consumer_key: The OAuth consumer key (18 characters when MAAS generated it).
        token_key: The OAuth token key.
        token_secret: The OAuth token secret.
    """

    consumer_key: str
    token_key: str
    token_secret: str = field(repr=False)

    @classmethod
    def parse(cls, key: str | APIKey) -> APIKey:
        """Parse an API key string.

        Args:
            key: ``consumer_key:token_key:token_secret`` as shown in the MAAS UI or printed by
                ``maas apikey``; surrounding whitespace is ignored. An :class:`APIKey` is
                returned unchanged.

        Returns:
            The parsed key.

        Raises:
            InvalidAPIKeyError: The key does not have three non-empty parts. The message says
                what is wrong without echoing any part of the key.
        """
        if isinstance(key, APIKey):
            return key
        if not isinstance(key, str):
            raise InvalidAPIKeyError(
                f"Malformed MAAS API key: got a {type(key).__name__}, {_EXPECTED}."
            )
        parts = key.strip().split(":")
        if len(parts) != 3:
            raise InvalidAPIKeyError(
                f"Malformed MAAS API key: it has {len(parts)} part(s), {_EXPECTED}."
            )
        if any(not part for part in parts):
            empty = ", ".join(
                name for name, part in zip(_PART_NAMES, parts, strict=True) if not part
            )
            raise InvalidAPIKeyError(f"Malformed MAAS API key: {empty} is empty; {_EXPECTED}.")
        if any(char.isspace() for part in parts for char in part):
            raise InvalidAPIKeyError(
                f"Malformed MAAS API key: it contains whitespace; {_EXPECTED}."
            )
        return cls(*parts)

    def __str__(self) -> str:
        return f"{self.consumer_key}:{self.token_key}:[redacted]"

    def secrets(self) -> tuple[str, ...]:
        """Return the strings that must never appear in logs or messages.

        A token secret shorter than 6 characters (never one MAAS generated: those have 32) is
        left out, so that scrubbing it from free text cannot mangle ordinary words.

        Returns:
            The whole key string and, unless it is that short, the token secret.
        """
        whole = f"{self.consumer_key}:{self.token_key}:{self.token_secret}"
        if len(self.token_secret) < _MIN_SCRUBBED_SECRET:
            return (whole,)
        return (whole, self.token_secret)
