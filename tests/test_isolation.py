"""Nothing one test creates is visible in the next, whatever the order or the process."""

from __future__ import annotations

import pytest

TESTS = """
import pytest
from tests_drivers import create


@pytest.mark.parametrize("n", range(6))
def test_each_starts_empty_and_gets_the_same_ids(fake_ecs, n):
    assert fake_ecs.enis == [] and fake_ecs.calls == []
    assert fake_ecs.default_vswitch.available_ip_count == 252
    body = create(fake_ecs, n)
    assert [e.network_interface_id for e in fake_ecs.enis] == [body["NetworkInterfaceId"]]
    # Fresh state: the first ENI of every test takes the vSwitch's first address.
    assert body["PrivateIpAddress"] == "172.16.0.1"
    with open(f"id-{n}.txt", "w") as out:
        out.write(body["NetworkInterfaceId"])


def test_quota_lowered_here_is_not_lowered_elsewhere(fake_ecs):
    assert fake_ecs.quotas.max_enis_per_region == 100
    fake_ecs.quotas.max_enis_per_region = 0
"""

DRIVER = """
import json
from aliyunsdkcore.client import AcsClient
from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
    CreateNetworkInterfaceRequest,
)
from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.models import Config


def create(fake, n):
    vsw, sg = fake.default_vswitch.vswitch_id, fake.default_security_group.security_group_id
    if n % 2:
        request = CreateNetworkInterfaceRequest()
        request.set_VSwitchId(vsw)
        request.set_SecurityGroupId(sg)
        client = AcsClient("ak", "sk", "cn-hangzhou")
        return json.loads(client.do_action_with_exception(request))
    client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"))
    request = models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou", v_switch_id=vsw, security_group_id=sg
    )
    return client.create_network_interface(request).body.to_map()
"""


RUNS = {
    "seed-1": ["-p", "randomly", "--randomly-seed=1"],
    "seed-2": ["-p", "randomly", "--randomly-seed=2"],
    "seed-3-xdist": ["-p", "randomly", "--randomly-seed=3", "-n", "2"],
    "in-order-xdist": ["-p", "no:randomly", "-n", "2"],
}


def test_same_results_in_any_order_and_process(pytester: pytest.Pytester) -> None:
    """Each test gets the same ids in every order and process; tests differ from each other."""
    pytester.makepyfile(test_isolated=TESTS, tests_drivers=DRIVER)
    seen: dict[str, dict[int, str]] = {}
    for name, args in RUNS.items():
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v", *args)
        result.assert_outcomes(passed=7)
        seen[name] = {n: (pytester.path / f"id-{n}.txt").read_text() for n in range(6)}
        if name == "seed-1":
            order = [line for line in result.outlines if "PASSED" in line]
            assert order != sorted(order)  # the order really was shuffled
    first = seen["seed-1"]
    assert all(ids == first for ids in seen.values()), seen
    assert len(set(first.values())) == 6  # a seed per test (its node id), not one for all
    assert all(i.startswith("eni-bp1") for i in first.values())
