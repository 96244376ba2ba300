"""Threads racing for the last addresses of a vSwitch, through the real SDKs."""

from __future__ import annotations

import threading
from typing import Any

from pytest_fake_eni import FakeEcs
from tests.drivers import DRIVERS, ApiFailure

THREADS = 8
ATTEMPTS = 4  # per thread
ROOM = 11  # addresses the vSwitch still hands out


def test_exactly_the_room_is_handed_out_and_never_twice(fake_ecs: FakeEcs) -> None:
    vsw = fake_ecs.add_vswitch(
        fake_ecs.default_vpc.vpc_id, "172.16.8.0/24", available_ip_count=ROOM
    )
    params = {"VSwitchId": vsw.vswitch_id,
              "SecurityGroupId": fake_ecs.default_security_group.security_group_id}  # fmt: skip
    names = sorted(DRIVERS)
    drivers = [DRIVERS[names[i % len(names)]]() for i in range(THREADS)]  # every SDK, mixed
    start = threading.Barrier(THREADS)
    created: list[dict[str, Any]] = []
    refused: list[ApiFailure] = []
    crashed: list[BaseException] = []
    lock = threading.Lock()

    def worker(driver: Any) -> None:
        start.wait()
        for _ in range(ATTEMPTS):
            try:
                body = driver.create_eni(**params)
            except ApiFailure as failure:
                with lock:
                    refused.append(failure)
            except BaseException as exc:  # surfaced below, not lost in the thread
                with lock:
                    crashed.append(exc)
            else:
                with lock:
                    created.append(body)

    threads = [threading.Thread(target=worker, args=(d,)) for d in drivers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not crashed, crashed
    assert len(created) == ROOM
    assert len(refused) == THREADS * ATTEMPTS - ROOM
    assert {(f.code, f.status) for f in refused} == {("InvalidVSwitchId.IpNotEnough", 403)}
    addresses = [b["PrivateIpAddress"] for b in created]
    assert len(set(addresses)) == ROOM
    assert len({b["NetworkInterfaceId"] for b in created}) == ROOM
    assert {e.primary_ip_address for e in fake_ecs.enis} == set(addresses)
    assert vsw.available_ip_count == 0
    assert len(fake_ecs.calls) == THREADS * ATTEMPTS
    fake_ecs.check_invariants()
