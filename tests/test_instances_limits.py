"""The limits an instance type reports are the limits its instances enforce: IPv6 per ENI,
trunking, ERIs and queues, read through DescribeInstanceTypes and hit exactly one past each.

The built-in table leaves these fields out (the documentation gives none), so the types here
come from ``add_instance_type``; the test reads them back through the API before using them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs
from tests.test_instances import assert_views_agree, expect_code, launch

LIMITED = "ecs.limits.xlarge"


@pytest.fixture
def limited(fake_ecs: FakeEcs) -> dict[str, Any]:
    fake_ecs.default_vswitch.enable_ipv6("2408:4005:3d8:3c00::/64")
    fake_ecs.add_instance_type(
        LIMITED, EniQuantity=4, EniPrivateIpAddressQuantity=5, EniIpv6AddressQuantity=3,
        EniTrunkSupported=False, EriQuantity=1, TotalEniQueueQuantity=6,
        PrimaryEniQueueNumber=2, SecondaryEniQueueNumber=1, CpuCoreCount=4, MemorySize=16.0,
    )  # fmt: skip
    return {}


def reported(sdk: Any) -> dict[str, Any]:
    body = ecs(sdk, "DescribeInstanceTypes", InstanceTypes=[LIMITED])
    (kind,) = body["InstanceTypes"]["InstanceType"]
    return dict(kind)


def new_eni(fake: FakeEcs, sdk: Any, **extra: Any) -> str:
    body = ecs(sdk, "CreateNetworkInterface", VSwitchId=fake.default_vswitch.vswitch_id,
               SecurityGroupId=fake.default_security_group.security_group_id, **extra)  # fmt: skip
    return str(body["NetworkInterfaceId"])


def test_added_type_is_reported_as_given(fake_ecs: FakeEcs, sdk: Any, limited: Any) -> None:
    kind = reported(sdk)
    assert kind["InstanceTypeFamily"] == "ecs.limits"
    assert (kind["EniQuantity"], kind["EniIpv6AddressQuantity"], kind["EriQuantity"]) == (4, 3, 1)
    assert kind["EniTrunkSupported"] is False and kind["TotalEniQueueQuantity"] == 6
    assert ecs(sdk, "DescribeInstanceTypes", MinimumEniIpv6AddressQuantity=3)["InstanceTypes"]["InstanceType"][0]["InstanceTypeId"] == LIMITED  # fmt: skip


def test_ipv6_per_eni_limit(fake_ecs: FakeEcs, sdk: Any, limited: Any) -> None:
    limit = reported(sdk)["EniIpv6AddressQuantity"]
    expect_code(sdk, "InvalidOperation.Ipv6CountExceeded", "RunInstances", InstanceType=LIMITED,
                VSwitchId=fake_ecs.default_vswitch.vswitch_id, Ipv6AddressCount=limit + 1,
                SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    (instance_id,) = launch(fake_ecs, sdk, LIMITED, Ipv6AddressCount=limit)
    item = assert_views_agree(fake_ecs, sdk, instance_id)
    primary = item["NetworkInterfaces"]["NetworkInterface"][0]
    assert len(primary["Ipv6Sets"]["Ipv6Set"]) == limit
    failure = expect_code(sdk, "InvalidOperation.Ipv6CountExceeded", "AssignIpv6Addresses",
                          NetworkInterfaceId=primary["NetworkInterfaceId"], Ipv6AddressCount=1)  # fmt: skip
    assert str(limit) in failure.message
    loose = new_eni(fake_ecs, sdk, Ipv6AddressCount=limit + 1)  # unattached: the account quota
    ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=loose, Ipv6AddressCount=1)
    second = new_eni(fake_ecs, sdk)
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=second, InstanceId=instance_id)
    ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=second, Ipv6AddressCount=limit)
    assert_views_agree(fake_ecs, sdk, instance_id)
    expect_code(sdk, "InvalidOperation.Ipv6CountExceeded", "AssignIpv6Addresses",
                NetworkInterfaceId=second, Ipv6AddressCount=1)  # fmt: skip
    fake_ecs.cloud.check_invariants()


def test_trunking_follows_the_type(fake_ecs: FakeEcs, sdk: Any, limited: Any) -> None:
    assert reported(sdk)["EniTrunkSupported"] is False
    (instance_id,) = launch(fake_ecs, sdk, LIMITED)
    trunk = new_eni(fake_ecs, sdk, InstanceType="Trunk")
    expect_code(sdk, "InvalidOperation.TrunkingIsNotAllowed", "AttachNetworkInterface",
                NetworkInterfaceId=trunk, InstanceId=instance_id)  # fmt: skip
    fake_ecs.add_instance_type(LIMITED, EniTrunkSupported=True)
    assert reported(sdk)["EniTrunkSupported"] is True
    (other,) = launch(fake_ecs, sdk, LIMITED)
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=trunk, InstanceId=other)
    assert_views_agree(fake_ecs, sdk, other)


def test_rdma_interfaces_follow_eri_quantity(fake_ecs: FakeEcs, sdk: Any, limited: Any) -> None:
    eris = reported(sdk)["EriQuantity"]
    (instance_id,) = launch(fake_ecs, sdk, LIMITED)
    for _ in range(eris):
        eri = new_eni(fake_ecs, sdk, NetworkInterfaceTrafficMode="HighPerformance")
        ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=eri, InstanceId=instance_id)
    one_more = new_eni(fake_ecs, sdk, NetworkInterfaceTrafficMode="HighPerformance")
    expect_code(sdk, "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
                "AttachNetworkInterface", NetworkInterfaceId=one_more, InstanceId=instance_id)  # fmt: skip
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=new_eni(fake_ecs, sdk), InstanceId=instance_id)  # fmt: skip
    assert_views_agree(fake_ecs, sdk, instance_id)


def test_queues_follow_total_eni_queue_quantity(fake_ecs: FakeEcs, sdk: Any, limited: Any) -> None:
    kind = reported(sdk)
    total, primary = kind["TotalEniQueueQuantity"], kind["PrimaryEniQueueNumber"]
    (instance_id,) = launch(fake_ecs, sdk, LIMITED)
    room = total - primary  # what the primary's default queues leave
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=new_eni(fake_ecs, sdk, QueueNumber=room - 1),
        InstanceId=instance_id)  # fmt: skip
    default = new_eni(fake_ecs, sdk)  # SecondaryEniQueueNumber queues: exactly the rest
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=default, InstanceId=instance_id)
    failure = expect_code(sdk, "InvalidOperation.ExceedInstanceTypeQueueNumber",
                          "AttachNetworkInterface", NetworkInterfaceId=new_eni(fake_ecs, sdk, QueueNumber=1),
                          InstanceId=instance_id)  # fmt: skip
    assert str(total) in failure.message and failure.status == 403
    assert_views_agree(fake_ecs, sdk, instance_id)


def test_overrides_and_unknown_types(fake_ecs: FakeEcs, sdk: Any) -> None:
    instance = fake_ecs.add_instance(instance_type="ecs.g7.4xlarge")
    assert (instance.max_enis, instance.max_private_ips_per_eni) == (8, 30)
    tight = fake_ecs.add_instance(instance_type="ecs.g7.4xlarge", max_enis=2)
    assert tight.max_enis == 2
    with pytest.raises(ValueError, match="no instance type"):
        fake_ecs.add_instance(instance_type="ecs.g99.large")
    with pytest.raises(TypeError, match="no field 'EniCount'"):
        fake_ecs.add_instance_type("ecs.x.large", EniCount=3)
    with pytest.raises(ValueError, match="needs EniQuantity"):
        fake_ecs.add_instance_type("ecs.x.large", CpuCoreCount=2)
    with pytest.raises(TypeError, match="EniQuantity is an integer"):
        fake_ecs.add_instance_type("ecs.x.large", EniQuantity="3")
    fake_ecs.add_instance_type("ecs.g7.large", EniQuantity=5)  # override one field
    body = ecs(sdk, "DescribeInstanceTypes", InstanceTypes=["ecs.g7.large"])
    (kind,) = body["InstanceTypes"]["InstanceType"]
    assert (kind["EniQuantity"], kind["EniPrivateIpAddressQuantity"]) == (5, 6)
    assert fake_ecs.add_instance().max_enis == 5


def test_generic_caller_with_json_encoded_lists(fake_ecs: FakeEcs) -> None:
    """A plain caller (Tea's ``call_api``) sends every list as JSON text or flat ``.N`` keys."""
    from alibabacloud_tea_openapi import utils_models
    from alibabacloud_tea_openapi.client import Client
    from alibabacloud_tea_openapi.models import Config
    from darabonba.runtime import RuntimeOptions

    client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou",
                           endpoint="ecs.aliyuncs.com"))  # fmt: skip

    def call(action: str, **query: Any) -> dict[str, Any]:
        params = utils_models.Params(action=action, version="2014-05-26", protocol="HTTPS",
                                     pathname="/", method="POST", auth_type="AK", style="RPC",
                                     req_body_type="formData", body_type="json")  # fmt: skip
        request = utils_models.OpenApiRequest(query={"RegionId": "cn-hangzhou", **query})
        return dict(client.call_api(params, request, RuntimeOptions())["body"])

    made = call("RunInstances", InstanceType="ecs.g7.large", Amount="2",
                VSwitchId=fake_ecs.default_vswitch.vswitch_id,
                SecurityGroupIds=json.dumps([fake_ecs.default_security_group.security_group_id]),
                **{"NetworkInterface.1.InstanceType": "Secondary",
                   "NetworkInterface.1.SecondaryPrivateIpAddressCount": "2",
                   "Tag.1.Key": "pool", "Tag.1.Value": "generic"})["InstanceIdSets"]["InstanceIdSet"]  # fmt: skip
    assert len(made) == 2
    listed = call("DescribeInstances", InstanceIds=json.dumps(made[:1]))
    (item,) = listed["Instances"]["Instance"]
    assert [len(e["PrivateIpSets"]["PrivateIpSet"]) for e in item["NetworkInterfaces"]["NetworkInterface"]] == [1, 3]  # fmt: skip
    address = item["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0]
    found = call("DescribeInstances", PrivateIpAddresses=json.dumps([address]))
    assert [i["InstanceId"] for i in found["Instances"]["Instance"]] == made[:1]
    types = call("DescribeInstanceTypes", **{"InstanceTypes.1": "ecs.c7.large", "InstanceTypes.2": "ecs.r7.large"})  # fmt: skip
    assert [t["InstanceTypeId"] for t in types["InstanceTypes"]["InstanceType"]] == ["ecs.c7.large", "ecs.r7.large"]  # fmt: skip
    with pytest.raises(Exception) as failure:
        call("DescribeInstances", InstanceIds="[i-not-json")
    assert getattr(failure.value, "code", None) == "InvalidParameter"
    call("DeleteInstance", InstanceId=made[0], Force="true")
    assert call("DescribeInstances", InstanceIds=json.dumps(made))["TotalCount"] == 1
    fake_ecs.cloud.check_invariants()


def test_stop_and_start_codes(fake_ecs: FakeEcs, sdk: Any) -> None:
    (instance_id,) = launch(fake_ecs, sdk, "ecs.g7.large")
    expect_code(sdk, "IncorrectInstanceStatus", "StartInstance", InstanceId=instance_id)
    expect_code(sdk, "DryRunOperation", "StopInstance", InstanceId=instance_id, DryRun=True)
    ecs(sdk, "StopInstance", InstanceId=instance_id)
    expect_code(sdk, "IncorrectInstanceStatus", "StopInstance", InstanceId=instance_id)
    ecs(sdk, "StartInstance", InstanceId=instance_id)
    failure = expect_code(sdk, "InvalidInstanceId.NotFound", "StopInstance", InstanceId="i-gone")
    assert failure.status == 404
    with pytest.raises(ApiFailure):
        ecs(sdk, "DeleteInstance", InstanceId="i-gone")
