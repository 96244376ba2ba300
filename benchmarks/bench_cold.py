"""How much of the fake's per-call cost is running cold, measured in place.

Inside real Tea SDK calls, each request is handled twice in a row: the first
``Pipeline.handle`` runs after the SDK's own work (as every request does), the second
right after the first, its code and data still in the caches. Both create an ENI; the
SDK gets the first answer. The CPU time of each is taken around the call, so the pair is
measured under the same load; the figures are medians over all requests.

This is a diagnosis, not a goal: it says whether trimming instructions can move
``bench_overhead``'s ratio (a warm second call much cheaper than the first says the cost
follows the code and data a request touches).

    python benchmarks/bench_cold.py [--calls 1000]
"""

from __future__ import annotations

import argparse
import time

from _common import machine, median
from bench_overhead import make_fake, tea_call

from pytest_fake_eni.transport.http import HttpRequest, HttpResponse


def measure(calls: int) -> tuple[list[float], list[float]]:
    """CPU seconds of the first and of the second ``handle`` of each request."""
    fake, params = make_fake()
    call = tea_call(params)
    handle = fake.pipeline.handle
    first: list[float] = []
    second: list[float] = []

    def twice(request: HttpRequest) -> HttpResponse:
        start = time.thread_time()
        response = handle(request)
        middle = time.thread_time()
        handle(request)
        first.append(middle - start)
        second.append(time.thread_time() - middle)
        return response

    fake.pipeline.handle = twice  # type: ignore[method-assign]
    with fake:
        for _ in range(100):  # warm the SDK and the fake
            call()
        first.clear()
        second.clear()
        for _ in range(calls):
            call()
    fake.cloud.check_invariants()
    return first, second


def main() -> None:
    """Print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    first, second = measure(args.calls)
    cold, warm = median(first) * 1e6, median(second) * 1e6
    print(
        f"handle inside Tea SDK calls: first {cold:.1f} us, second (warm) {warm:.1f} us; "
        f"first / second {cold / warm:.2f} (medians of {args.calls} requests)"
    )


if __name__ == "__main__":
    main()
