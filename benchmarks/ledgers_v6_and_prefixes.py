"""Allocation cost with prefixes held: single IPv4 addresses, /28 scans, IPv6 and /80s.

Run: ``python benchmarks/ledgers_v6_and_prefixes.py``. Single-address allocation should
stay a few microseconds whatever the prefixes held (no timed assertion in the test suite).
"""

from __future__ import annotations

import time

from pytest_fake_eni.cloud.ipam import AddressLedger
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger


def per_call_us(fn: object, n: int) -> float:
    """Mean microseconds of ``n`` calls of ``fn``."""
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def main() -> None:
    """Print the measurements."""
    ledger = AddressLedger("10.0.0.0/16")
    ledger.take_blocks(ledger.free_blocks(16, [(ledger.first, ledger.last)], 1000), 16)
    print(f"IPv4 single address, /16 with 1000 /28s held: "
          f"{per_call_us(lambda: ledger.take([], 1), 40_000):.2f} us")  # fmt: skip
    start = time.perf_counter()
    ledger.free_blocks(16, [(ledger.first, ledger.last)], 100)
    print(f"IPv4 scan for 100 free /28s on that /16: {(time.perf_counter() - start) * 1e3:.1f} ms")
    v6 = Ipv6Ledger("2408:4005:3d8:3c00::/64")
    v6.take_prefixes([], 100)
    print(f"IPv6 single address: {per_call_us(lambda: v6.take([], 1), 100_000):.2f} us")
    print(f"IPv6 /80 prefix: {per_call_us(lambda: v6.take_prefixes([], 1), 1_000):.2f} us")


if __name__ == "__main__":
    main()
