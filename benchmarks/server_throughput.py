"""How fast the loopback server answers CreateNetworkInterface, serially and concurrently.

Run: ``python benchmarks/server_throughput.py [calls] [threads]``. Prints calls per second
for plain HTTP (``requests`` with keep-alive) and for the Tea SDK, one thread and many.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

import requests

from pytest_fake_eni import FakeEcs, FakeEcsServer


def rate(label: str, calls: int, threads: int, one: Callable[[], Callable[[], None]]) -> None:
    per_thread = calls // threads
    start = threading.Barrier(threads + 1)

    def worker() -> None:
        call = one()
        start.wait()
        for _ in range(per_thread):
            call()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    start.wait()
    began = time.perf_counter()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    print(f"{label:<28} {threads:>2} thread(s): {per_thread * threads / elapsed:8.0f} calls/s")


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    fake = FakeEcs()
    vsw = fake.add_vswitch(fake.default_vpc.vpc_id, "172.20.0.0/16")
    fake.quotas.max_enis_per_region = 10**9
    params = {
        "Action": "CreateNetworkInterface", "Version": "2014-05-26", "Format": "JSON",
        "RegionId": "cn-hangzhou", "VSwitchId": vsw.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
    }  # fmt: skip
    with FakeEcsServer(fake) as server:

        def plain() -> Callable[[], None]:
            session = requests.Session()
            return lambda: session.get(
                server.url + "/", params=params, timeout=30
            ).raise_for_status()

        def tea() -> Callable[[], None]:
            from alibabacloud_ecs20140526 import models
            from alibabacloud_ecs20140526.client import Client
            from alibabacloud_tea_openapi.models import Config

            client = Client(Config(access_key_id="ak", access_key_secret="sk",
                                   region_id="cn-hangzhou", endpoint=server.endpoint,
                                   protocol="http"))  # fmt: skip
            request = models.CreateNetworkInterfaceRequest(
                region_id="cn-hangzhou", v_switch_id=vsw.vswitch_id,
                security_group_id=fake.default_security_group.security_group_id,
            )  # fmt: skip

            def call() -> None:
                client.create_network_interface(request)

            return call

        for label, factory in (("plain HTTP (requests)", plain), ("Tea SDK", tea)):
            rate(label, calls, 1, factory)
            rate(label, calls, threads, factory)
    fake.cloud.check_invariants()
    addresses = [a for e in fake.enis for a in e.private_ip_addresses]
    assert len(addresses) == len(set(addresses))
    print(f"{len(fake.enis)} ENIs, {len(addresses)} addresses, none twice")


if __name__ == "__main__":
    main()
