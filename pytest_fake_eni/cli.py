"""``pytest-fake-eni serve``: the fake as an HTTP server for clients in any language."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Sequence
from types import FrameType


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "serve":
        parser.print_help()
        return 2
    return serve(args)


def serve(args: argparse.Namespace) -> int:
    """Serve until SIGINT (Ctrl-C) or SIGTERM; print the endpoint first."""
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.seeding import apply_state, read_state_file
    from pytest_fake_eni.testing.server import FakeEcsServer

    try:
        doc = read_state_file(args.state) if args.state else None
    except (OSError, ValueError) as err:
        print(f"pytest-fake-eni: cannot load --state: {err}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else (doc.seed if doc and doc.seed is not None else 0)
    region = args.region or (doc.region_id if doc else None) or "cn-hangzhou"
    fake = FakeEcs(region_id=region, seed=seed)
    try:
        names = apply_state(fake, doc) if doc else {}
        server = FakeEcsServer(fake, host=args.host, port=args.port)
    except (OSError, ValueError, NotImplementedError) as err:
        print(f"pytest-fake-eni: {err}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"pytest-fake-eni: serving ECS on {server.url} (endpoint {server.endpoint})", flush=True)
    print(f"pytest-fake-eni: admin API on {server.url}/_fake/; Ctrl-C stops", flush=True)
    for name, resource_id in names.items():
        print(f"pytest-fake-eni: {name} = {resource_id}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the way to stop
        server.serve_forever()
    print(f"pytest-fake-eni: stopped after {len(fake.calls)} call(s)", flush=True)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pytest-fake-eni", description="A fake of Alibaba Cloud ECS's ENI API."
    )
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="serve the fake over HTTP on loopback")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port (0, the default: a free one)")
    serve.add_argument("--seed", default=None, help="seed for ids, MACs and addresses (0)")
    serve.add_argument("--region", default=None, help="the fake's region (cn-hangzhou)")
    serve.add_argument(
        "--state", default=None, help="JSON or TOML file of VPCs, vSwitches, quotas, faults"
    )
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
