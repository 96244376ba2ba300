"""Per-call cost of CreateNetworkInterface through the fake vs a bare ``responses`` callback.

Both arms use the same SDK client, the same request and the same interception target
(``requests`` for the Tea SDK, the vendored copy for the legacy SDK); the bare arm
answers with the very body the fake produced, so the ratio is what the fake adds on
top of the SDK's own cost. Arms are interleaved in rounds; figures are medians.

    python benchmarks/bench_overhead.py [--rounds 40] [--calls 100]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import Any

import responses
from _common import interleave, machine, median, per_call, verdict

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.transport.hosts import ECS_URL

GOAL = 1.25
TARGETS = {
    "tea": "requests.adapters.HTTPAdapter.send",
    "legacy": "aliyunsdkcore.vendored.requests.adapters.HTTPAdapter.send",
}


def make_fake() -> tuple[FakeEcs, dict[str, str]]:
    """A fake with a /16 vSwitch and no ENI quota to speak of, and the request's params."""
    fake = FakeEcs()
    fake.quotas.max_enis_per_region = 1_000_000
    vpc = fake.add_vpc("10.0.0.0/8")
    vsw = fake.add_vswitch(vpc.vpc_id, "10.0.0.0/16")
    sg = fake.add_security_group(vpc.vpc_id, max_instances=1_000_000)  # 2000 by default
    params = {
        "VSwitchId": vsw.vswitch_id,
        "SecurityGroupIds": [sg.security_group_id],
        "NetworkInterfaceName": "bench-eni",
        "Description": "an ENI made by the overhead benchmark",
        "Tag": [{"Key": "team", "Value": "bench"}],
    }
    return fake, params


def tea_call(params: dict[str, Any]) -> Callable[[], object]:
    """One CreateNetworkInterface through the Tea SDK (ACS3)."""
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"))
    request = models.CreateNetworkInterfaceRequest().from_map({"RegionId": "cn-hangzhou", **params})

    def call() -> object:
        return client.create_network_interface(request).body.network_interface_id

    return call


def legacy_call(params: dict[str, Any]) -> Callable[[], object]:
    """One CreateNetworkInterface through the legacy SDK (RPC V1)."""
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
        CreateNetworkInterfaceRequest,
    )

    client = AcsClient("ak", "sk", "cn-hangzhou")
    request = CreateNetworkInterfaceRequest()
    request.set_VSwitchId(params["VSwitchId"])
    request.set_SecurityGroupIdss(params["SecurityGroupIds"])
    request.set_NetworkInterfaceName(params["NetworkInterfaceName"])
    request.set_Description(params["Description"])
    request.set_Tags(params["Tag"])

    def call() -> object:
        return json.loads(client.do_action_with_exception(request))["NetworkInterfaceId"]

    return call


def bench(sdk: str, rounds: int, calls: int) -> float:
    """Print the medians for one SDK; return the ratio fake / bare."""
    fake, params = make_fake()
    call = (tea_call if sdk == "tea" else legacy_call)(params)
    with fake:
        call()  # warm both the SDK and the fake
    canned = fake.calls[-1]
    status, body = canned.status_code, json.dumps(canned.response).encode()
    assert status == 200 and canned.dialect == ("acs3" if sdk == "tea" else "rpc")

    bare = responses.RequestsMock(assert_all_requests_are_fired=False, target=TARGETS[sdk])
    bare.add_callback(
        "POST",
        re.compile(ECS_URL.pattern, re.IGNORECASE),
        callback=lambda _request: (200, {"content-type": "application/json"}, body),
        content_type=None,
    )

    def through_fake() -> float:
        with fake:
            return per_call(call, calls)

    def through_bare() -> float:
        bare.start()  # not ``with``: leaving it would reset the registry
        try:
            return per_call(call, calls)
        finally:
            bare.stop(allow_assert=False)

    through_bare()  # warm the bare arm too
    figures = interleave({"fake": through_fake, "bare": through_bare}, rounds)
    fake.cloud.check_invariants()
    fake_us, bare_us = median(figures["fake"]) * 1e6, median(figures["bare"]) * 1e6
    ratios = [f / b for f, b in zip(figures["fake"], figures["bare"], strict=True)]
    ratio = median(ratios)
    print(
        f"{sdk:6}: fake {fake_us:7.1f} us/call, bare responses {bare_us:7.1f} us/call, "
        f"added {fake_us - bare_us:6.1f} us; ratio {ratio:.3f} "
        f"(median of {rounds} interleaved rounds x {calls} calls; {len(fake.enis)} ENIs made)"
    )
    return ratio


def main() -> None:
    """Both SDKs; the last line is the worse ratio and the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    ratios = {sdk: bench(sdk, args.rounds, args.calls) for sdk in ("tea", "legacy")}
    worst = max(ratios, key=ratios.__getitem__)
    print(verdict(f"fake / bare per-call ratio (worse SDK: {worst})", ratios[worst], GOAL))


if __name__ == "__main__":
    main()
