"""Run a fake MAAS on loopback: ``python -m maas_sdk.testing --port 5240``.

Prints the URL and an admin API key, then serves until interrupted. Virtual time follows real
time here, so machines progress through their transitional states on their own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._app import FakeMAAS
from ._clock import FakeClock
from ._server import LoopbackServer


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, start the server and block until Ctrl-C.

    Args:
        argv: Command-line arguments (``sys.argv[1:]`` by default).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(
        prog="python -m maas_sdk.testing", description="Serve a fake MAAS region on loopback."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=5240, help="port to bind (5240; 0 = any)")
    parser.add_argument("--seed", type=int, default=None, help="seed for keys and names")
    parser.add_argument(
        "--speed", type=float, default=1.0, help="virtual seconds per real second (1.0)"
    )
    parser.add_argument(
        "--machines", type=int, default=0, help="seed this many realistic machines (0)"
    )
    args = parser.parse_args(argv)
    fake = FakeMAAS(seed=args.seed, clock=FakeClock(realtime_rate=args.speed))
    if args.machines:
        fake.seed_machines(args.machines, seed=args.seed or 0)
    server = LoopbackServer(fake, args.host, args.port, fake.api_key())
    print(f"MAAS URL: {server.url}", flush=True)
    print(f"API key:  {server.api_key}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
