"""Fill a /16 vSwitch through the simulator: every address once, then IpNotEnough.

Reports microseconds per allocation for the first and the last 1000 ENIs (the goal is
that the last cost no more than 1.5x the first: allocation does not slow as the
vSwitch fills), and the time and memory to create a /16 vSwitch (constant: no
per-address objects).

    python benchmarks/bench_allocation.py
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from itertools import pairwise

from _common import machine, median, verdict

from pytest_fake_eni.cloud.state import Cloud, EniRequest
from pytest_fake_eni.errors import EcsError

GOAL = 1.5
WINDOW = 1000
BLOCK = 50  # allocations per CPU-clock reading


def vswitch_cost(prefix: int, repeats: int = 20) -> tuple[float, int]:
    """Median seconds and median peak traced bytes to create one vSwitch of ``/prefix``."""
    cloud = Cloud()
    vpc = cloud.add_vpc("10.0.0.0/8")
    times, peaks = [], []
    for i in range(repeats):
        start = time.perf_counter()
        cloud.add_vswitch(vpc.vpc_id, f"10.{2 * i}.0.0/{prefix}")
        times.append(time.perf_counter() - start)
        tracemalloc.start()  # apart from the timing: tracing slows allocation down
        cloud.add_vswitch(vpc.vpc_id, f"10.{2 * i + 1}.0.0/{prefix}")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return median(times), int(median(peaks))


def fill() -> tuple[float, float, int]:
    """Fill a /16 one address per ENI; return us per ENI for first and last window."""
    cloud = Cloud()
    cloud.quotas.max_enis_per_region = 1_000_000
    cloud.add_region("cn-hangzhou", ("cn-hangzhou-h",))
    vpc = cloud.add_vpc("10.0.0.0/8", "cn-hangzhou")
    vsw = cloud.add_vswitch(vpc.vpc_id, "10.0.0.0/16")
    sg = cloud.add_security_group(vpc.vpc_id, max_instances=1_000_000)  # 2000 by default
    request = EniRequest("cn-hangzhou", vsw.vswitch_id, [sg.security_group_id])
    capacity = vsw.available_ip_count
    stamps = [time.thread_time()]  # CPU time: a shared machine's wall time drifts over the fill
    for i in range(capacity):
        cloud.create_eni(request)
        if i % BLOCK == BLOCK - 1:
            stamps.append(time.thread_time())
    try:
        cloud.create_eni(request)
    except EcsError as err:
        assert err.code == "InvalidVSwitchId.IpNotEnough", err.code
    else:
        raise AssertionError("a full vSwitch handed out one more address")
    addresses = {eni.primary_ip_address for eni in cloud.enis.values()}
    assert len(addresses) == len(cloud.enis) == capacity == 65_532, (len(addresses), capacity)
    cloud.check_invariants()
    blocks = [(b - a) / BLOCK for a, b in pairwise(stamps)]
    first, last = median(blocks[: WINDOW // BLOCK]), median(blocks[-(WINDOW // BLOCK) :])
    return first * 1e6, last * 1e6, capacity


def main() -> None:
    """Print the vSwitch creation cost, the fill, and the last/first ratio."""
    print(f"machine: {machine()}")
    for prefix in (29, 24, 16):
        seconds, peak = vswitch_cost(prefix)
        print(f"create a /{prefix} vSwitch: {seconds * 1e6:6.1f} us, peak {peak} bytes traced")
    gc.collect()
    start = time.perf_counter()
    first, last, capacity = fill()
    total = time.perf_counter() - start
    print(
        f"filled a /16: {capacity} addresses handed out once each, then "
        f"InvalidVSwitchId.IpNotEnough, in {total:.1f} s"
    )
    print(
        f"CPU us per allocation (median of {BLOCK}-allocation blocks): "
        f"first {WINDOW} {first:.1f}, last {WINDOW} {last:.1f}"
    )
    print(verdict("last / first 1000 allocations", last / first, GOAL, "x"))


if __name__ == "__main__":
    main()
