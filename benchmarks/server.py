"""Serve seeded fake machines on loopback, in its own process, for the benchmarks.

``python -m benchmarks.server --machines 10000 [--latency-ms 50]`` seeds a fake region, starts
its loopback HTTP server and prints one JSON line: ``{"url": ..., "api_key": ..., "bytes": ...}``.
It serves until its standard input closes, so it never outlives the benchmark that started it.

The full machine listing is rendered once, before the first measurement, and its bytes are
served again for every signed ``GET machines/`` without a query: rendering 10,000 machines
costs the fake about a second each time, server time that would otherwise be added to both sides
of every listing comparison. Every other request (per-call GETs, bulk actions) goes through the
fake as usual. ``--latency-ms`` makes the fake wait that long (really, off its state lock) before
answering each operation on a machine, as a busy region would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from urllib.parse import unquote, urlsplit

from maas_sdk._wire import WireRequest, WireResponse
from maas_sdk.testing import FakeMAAS, LoopbackServer

MACHINE_OPS = ("deploy", "release", "power_on", "power_off", "commission", "abort", "lock")
_LISTING_PATH = "/MAAS/api/2.0/machines/"
_OAUTH_FIELD = re.compile(r'(oauth_[a-z_]+)="([^"]*)"')


class CachedListing:
    """The fake region, with the full machine listing answered from bytes rendered once."""

    def __init__(self, fake: FakeMAAS, api_key: str) -> None:
        self.fake = fake
        self.consumer, self.token, self.secret = api_key.split(":")
        with fake.client() as warmup:
            answer = warmup.transport.get("machines/")
        self.listing = WireResponse(200, dict(answer.headers), answer.content)
        for header in ("Content-Length", "Connection", "Transfer-Encoding"):
            self.listing.headers.pop(header, None)

    def handle(self, request: WireRequest) -> WireResponse:
        """Answer the full listing from the cache; anything else through the fake."""
        parts = urlsplit(request.url)
        listing = request.method == "GET" and parts.path == _LISTING_PATH and not parts.query
        if listing and self._signed(request):
            return self.listing
        return self.fake.handle(request)

    def _signed(self, request: WireRequest) -> bool:
        header = next((v for k, v in request.headers.items() if k.lower() == "authorization"), "")
        fields = {key: unquote(value) for key, value in _OAUTH_FIELD.findall(header)}
        return (
            fields.get("oauth_consumer_key") == self.consumer
            and fields.get("oauth_token") == self.token
            and fields.get("oauth_signature") == f"&{self.secret}"
        )


def main() -> int:
    """Seed, serve and print where; stop when standard input closes."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server")
    parser.add_argument("--machines", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="real delay before answering every POST op on a machine (bulk benchmark)",
    )
    args = parser.parse_args()
    fake = FakeMAAS(seed=args.seed)
    if args.machines:
        fake.seed_machines(args.machines, seed=args.seed)
    if args.latency_ms > 0:
        for op in MACHINE_OPS:
            fake.faults.delay(
                0,
                real_seconds=args.latency_ms / 1000,
                method="POST",
                path="machines/{system_id}/",
                op=op,
                times=None,
            )
    api_key = fake.api_key()
    region = CachedListing(fake, api_key)
    server = LoopbackServer(region, "127.0.0.1", 0, api_key)
    server.start()
    try:
        ready = {"url": server.url, "api_key": api_key, "bytes": len(region.listing.body)}
        print(json.dumps(ready), flush=True)
        sys.stdin.read()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
