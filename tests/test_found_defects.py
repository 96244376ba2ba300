"""The defects the model-based test and an independent tester found (issue 20), each through a
real SDK or raw HTTP: capacity, named addresses, nesting, settling, lowest free, IPv6
prefixes clear of addresses, integer parameters."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from netaddr import IPAddress, IPNetwork

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.wire.decode import MAX_DEPTH
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import create, ecs, vpc

_IPV6 = "2408:4005:3d8:3c00::/64"


def _create(fake: FakeEcs, sdk: Any, **params: Any) -> dict[str, Any]:
    params.setdefault("VSwitchId", fake.default_vswitch.vswitch_id)
    params.setdefault("SecurityGroupId", fake.default_security_group.security_group_id)
    return dict(sdk.create_eni(**params))


def _available(sdk: Any, vswitch_id: str) -> int:
    body = vpc(sdk, "DescribeVSwitches", VSwitchId=vswitch_id)
    return int(body["VSwitches"]["VSwitch"][0]["AvailableIpAddressCount"])


def _fails(code: str, status: int, call: Any, *args: Any, **params: Any) -> ApiFailure:
    with pytest.raises(ApiFailure) as failure:
        call(*args, **params)
    assert (failure.value.code, failure.value.status) == (code, status), failure.value.message
    return failure.value


# -- one capacity check every allocation goes through ------------------------------------


def test_prefixes_never_pass_the_vswitch_cap(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.1.0/24", available_ip_count=20)
    eni = create(sdk, VSwitchId=vsw.vswitch_id, SecurityGroupId=fake_ecs.default_security_group.security_group_id)  # fmt: skip
    assert _available(sdk, vsw.vswitch_id) == 19
    _fails("InvalidVSwitchId.IpPrefixNotEnough", 403, ecs, sdk, "AssignPrivateIpAddresses",
           NetworkInterfaceId=eni, Ipv4PrefixCount=2)  # fmt: skip
    assert _available(sdk, vsw.vswitch_id) == 19  # nothing taken
    ecs(sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni, Ipv4PrefixCount=1)
    assert _available(sdk, vsw.vswitch_id) == 3
    _fails("InvalidVSwitchId.IpPrefixNotEnough", 403, ecs, sdk, "AssignPrivateIpAddresses",
           NetworkInterfaceId=eni, Ipv4Prefix=["172.16.1.16/28"])  # fmt: skip
    assert _available(sdk, vsw.vswitch_id) == 3
    fake_ecs.cloud.check_invariants()


def test_a_named_last_address_is_handed_out(fake_ecs: FakeEcs, sdk: Any) -> None:
    vsw = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.2.0/29")  # 4 usable
    sg = fake_ecs.default_security_group.security_group_id
    eni = create(sdk, VSwitchId=vsw.vswitch_id, SecurityGroupId=sg, SecondaryPrivateIpAddressCount=2)  # fmt: skip
    assert _available(sdk, vsw.vswitch_id) == 1
    body = ecs(sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni, PrivateIpAddress=["172.16.2.4"])  # fmt: skip
    assert body["AssignedPrivateIpAddressesSet"]["PrivateIpSet"]["PrivateIpAddress"] == [
        "172.16.2.4"
    ]
    assert _available(sdk, vsw.vswitch_id) == 0
    fake_ecs.cloud.check_invariants()


def test_a_named_address_past_the_cap_is_a_quota_error(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni = _create(fake_ecs, sdk)["NetworkInterfaceId"]
    fake_ecs.default_vswitch.available_ip_count = 1
    _fails("QuotaExceeded.PrivateIpAddress", 400, ecs, sdk, "AssignPrivateIpAddresses",
           NetworkInterfaceId=eni, PrivateIpAddress=["172.16.0.50", "172.16.0.51"])  # fmt: skip
    _fails("InvalidVSwitchId.IpNotEnough", 403, ecs, sdk, "AssignPrivateIpAddresses",
           NetworkInterfaceId=eni, SecondaryPrivateIpAddressCount=2)  # fmt: skip
    ecs(sdk, "AssignPrivateIpAddresses", NetworkInterfaceId=eni, PrivateIpAddress=["172.16.0.50"])
    assert fake_ecs.default_vswitch.available_ip_count == 0
    fake_ecs.cloud.check_invariants()


# -- one bounded decoder for every nesting ------------------------------------------------


def _rpc(fake: FakeEcs, **params: str) -> requests.Response:
    body = {
        "Action": "CreateNetworkInterface",
        "Version": "2014-05-26",
        "Format": "JSON",
        "RegionId": "cn-hangzhou",
        "VSwitchId": fake.default_vswitch.vswitch_id,
        **params,
    }
    return requests.post("https://ecs.aliyuncs.com/", data=body, timeout=30)


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"SecurityGroupIds": "[" * 100_000 + "]" * 100_000}, id="json-100000-deep"),
        pytest.param({"SecurityGroupIds": "[ " * 5_000 + "]" * 5_000}, id="json-spaced"),
        pytest.param({".".join(["Tag"] + ["1"] * 5_000): "v"}, id="dotted-5000-deep"),
        pytest.param({".".join(["A"] * (MAX_DEPTH + 1)): "v"}, id="dotted-just-past"),
    ],
)
def test_deep_nesting_is_invalid_parameter(fake_ecs: FakeEcs, params: dict[str, str]) -> None:
    response = _rpc(fake_ecs, SecurityGroupId="sg-x", **params)
    assert response.status_code == 400, response.text[:300]
    assert response.json()["Code"] == "InvalidParameter"
    assert "Recursion" not in response.text


def test_nesting_within_the_bound_is_read(fake_ecs: FakeEcs) -> None:
    sg = fake_ecs.default_security_group.security_group_id
    response = _rpc(fake_ecs, SecurityGroupIds=f'["{sg}"]')
    assert response.status_code == 200, response.text
    deep = _rpc(fake_ecs, SecurityGroupIds="[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert deep.json()["Code"] != "InvalidParameter" or "SecurityGroupIds" in deep.text


# -- transitions settle before every request, VPC reads included ------------------------


def test_a_vpc_read_sees_a_settled_delete(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.transition_delay = 5
    vsw = fake_ecs.default_vswitch.vswitch_id
    full = _available(sdk, vsw)
    eni = _create(fake_ecs, sdk, SecondaryPrivateIpAddressCount=3)["NetworkInterfaceId"]
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni)
    assert _available(sdk, vsw) == full - 4  # Deleting: still held
    fake_ecs.clock.advance(5)
    assert _available(sdk, vsw) == full  # no ECS call in between


# -- automatically chosen addresses are the lowest free ----------------------------------


def test_the_next_address_is_the_lowest_free(fake_ecs: FakeEcs, sdk: Any) -> None:
    enis = [_create(fake_ecs, sdk)["NetworkInterfaceId"] for _ in range(4)]
    for eni in (enis[0], enis[2]):  # .1 then .3
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni)
    got = [
        ecs(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=e)["PrivateIpAddress"]
        for e in (_create(fake_ecs, sdk)["NetworkInterfaceId"] for _ in range(3))
    ]
    assert got == ["172.16.0.1", "172.16.0.3", "172.16.0.5"]


def test_ipv6_addresses_are_the_lowest_free(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(_IPV6)
    eni = _create(fake_ecs, sdk, Ipv6AddressCount=3)["NetworkInterfaceId"]
    ecs(sdk, "UnassignIpv6Addresses", NetworkInterfaceId=eni, Ipv6Address=["2408:4005:3d8:3c00::2"])
    body = ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni, Ipv6AddressCount=2)
    assert body["Ipv6Sets"]["Ipv6Address"] == ["2408:4005:3d8:3c00::2", "2408:4005:3d8:3c00::4"]


# -- IPv6 prefixes keep clear of held addresses ------------------------------------------

_TOP = "2408:4005:3d8:3c00:fffe::1"  # inside the first /80 offered (the top one is reserved)


def _clear(prefixes: list[str], addresses: list[str]) -> None:
    for prefix in prefixes:
        assert not any(IPAddress(a) in IPNetwork(prefix) for a in addresses), (prefix, addresses)


def test_create_keeps_ipv6_prefixes_clear_of_named_addresses(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(_IPV6)
    body = _create(fake_ecs, sdk, Ipv6Address=[_TOP], Ipv6PrefixCount=1)
    eni = fake_ecs.cloud.enis[body["NetworkInterfaceId"]]
    assert eni.ipv6_addresses == [_TOP] and len(eni.ipv6_prefixes) == 1
    _clear(eni.ipv6_prefixes, eni.ipv6_addresses)
    fake_ecs.cloud.check_invariants()


def test_assign_keeps_ipv6_prefixes_clear_of_named_addresses(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.default_vswitch.enable_ipv6(_IPV6)
    eni_id = _create(fake_ecs, sdk)["NetworkInterfaceId"]
    ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6Address=[_TOP])
    ecs(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, Ipv6PrefixCount=1)
    eni = fake_ecs.cloud.enis[eni_id]
    assert eni.ipv6_addresses == [_TOP] and len(eni.ipv6_prefixes) == 1
    _clear(eni.ipv6_prefixes, eni.ipv6_addresses)
    fake_ecs.cloud.check_invariants()


# -- integer parameters are decimal digits -----------------------------------------------

NOT_DECIMAL = ["1_0", " 3 ", "+2", "1.0"]
INTEGER_CALLS = [  # (product, action, the integer parameter, the rest of a valid request)
    ("ecs", "CreateNetworkInterface", "SecondaryPrivateIpAddressCount", {}),
    ("ecs", "AssignPrivateIpAddresses", "SecondaryPrivateIpAddressCount", {}),
    ("ecs", "AssignIpv6Addresses", "Ipv6AddressCount", {}),
    ("ecs", "DescribeNetworkInterfaces", "PageSize", {}),
    ("ecs", "DescribeNetworkInterfaces", "MaxResults", {}),
    ("ecs", "AttachNetworkInterface", "NetworkCardIndex", {"InstanceId": "i-x"}),
    ("ecs", "ModifyNetworkInterfaceAttribute", "QueueNumber", {}),
    ("vpc", "DescribeVSwitches", "PageNumber", {}),
    ("vpc", "DescribeVpcs", "PageSize", {}),
]


@pytest.mark.parametrize("value", NOT_DECIMAL)
@pytest.mark.parametrize(
    ("product", "action", "name", "rest"),
    INTEGER_CALLS,
    ids=[f"{c[1]}-{c[2]}" for c in INTEGER_CALLS],
)
def test_integers_are_decimal_digits(
    fake_ecs: FakeEcs,
    sdk: Any,
    product: str,
    action: str,
    name: str,
    rest: dict[str, str],
    value: str,
) -> None:
    fake_ecs.default_vswitch.enable_ipv6(_IPV6)
    eni = _create(fake_ecs, sdk)["NetworkInterfaceId"]
    params: dict[str, Any] = {**rest, name: value}
    if action == "CreateNetworkInterface":
        params["VSwitchId"] = fake_ecs.default_vswitch.vswitch_id
        params["SecurityGroupId"] = fake_ecs.default_security_group.security_group_id
    elif product == "ecs" and action != "DescribeNetworkInterfaces":
        params["NetworkInterfaceId"] = eni
    before = len(fake_ecs.enis)
    failure = _fails("InvalidParameter", 400, ecs if product == "ecs" else vpc, sdk, action, **params)  # fmt: skip
    assert name in failure.message
    assert len(fake_ecs.enis) == before
    assert fake_ecs.calls[-1].params[name] == value  # the SDK sent it as written


# -- found by the model-based test's network rules -----------------------------------------


def test_a_cidr_reservation_keeps_clear_of_the_addresses_the_vswitch_keeps(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    # The reference page: a reservation of 192.168.1.0/24 cannot hold .0, .253, .254, .255.
    vsw = fake_ecs.default_vswitch.vswitch_id  # 172.16.0.0/24
    for block in ("172.16.0.240/28", "172.16.0.0/28", "172.16.0.128/25"):
        failure = _fails(
            "InvalidParameter", 400, vpc, sdk, "CreateVSwitchCidrReservation",
            VSwitchId=vsw, VSwitchCidrReservationCidr=block,
        )  # fmt: skip
        assert "VSwitchCidrReservationCidr" in failure.message
    made = vpc(sdk, "CreateVSwitchCidrReservation", VSwitchId=vsw,
               VSwitchCidrReservationCidr="172.16.0.224/28")  # fmt: skip
    assert made["VSwitchCidrReservationId"]
    # By mask: the lowest free block that holds none of them; a /27 has no such /28.
    small = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.9.0/27").vswitch_id
    _fails(
        "InvalidCidrBlock.Overlapped", 400, vpc, sdk, "CreateVSwitchCidrReservation",
        VSwitchId=small, VSwitchCidrReservationMask=28,
    )  # fmt: skip
    assert vpc(sdk, "ListVSwitchCidrReservations", VSwitchId=small)["VSwitchCidrReservations"] == []
    # IPv6: the /64's first address and its last nine.
    fake_ecs.default_vswitch.enable_ipv6(_IPV6)
    for block in ("2408:4005:3d8:3c00:ffff::/80", "2408:4005:3d8:3c00::/80"):
        _fails(
            "InvalidParameter", 400, vpc, sdk, "CreateVSwitchCidrReservation", VSwitchId=vsw,
            IpVersion="IPv6", VSwitchCidrReservationCidr=block,
        )  # fmt: skip
    vpc(sdk, "CreateVSwitchCidrReservation", VSwitchId=vsw, IpVersion="IPv6",
        VSwitchCidrReservationMask=80)  # fmt: skip
    listed = vpc(sdk, "ListVSwitchCidrReservations", VSwitchId=vsw, IpVersion="IPv6")
    assert [r["VSwitchCidrReservationCidr"] for r in listed["VSwitchCidrReservations"]] == [
        "2408:4005:3d8:3c00:1::/80"
    ]
    fake_ecs.cloud.check_invariants()


def test_chosen_addresses_skip_cidr_reservations_which_stay_for_prefixes(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    # The VPC user guide: "IPs in the reserved CIDR block are skipped" when addresses are
    # allocated; the reservation is kept for prefixes.
    vsw = fake_ecs.default_vswitch.vswitch_id  # 172.16.0.0/24
    sg = fake_ecs.default_security_group.security_group_id
    made = vpc(sdk, "CreateVSwitchCidrReservation", VSwitchId=vsw, VSwitchCidrReservationMask=28)
    listed = vpc(sdk, "ListVSwitchCidrReservations", VSwitchId=vsw)["VSwitchCidrReservations"]
    assert [r["VSwitchCidrReservationCidr"] for r in listed] == ["172.16.0.16/28"]
    eni = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw, SecurityGroupId=sg,
              SecondaryPrivateIpAddressCount="20")  # fmt: skip
    shown = ecs(sdk, "DescribeNetworkInterfaceAttribute",
                NetworkInterfaceId=eni["NetworkInterfaceId"])  # fmt: skip
    chosen = [s["PrivateIpAddress"] for s in shown["PrivateIpSets"]["PrivateIpSet"]]
    expected = [f"172.16.0.{i}" for i in (*range(1, 16), *range(32, 38))]  # over .16-.31
    assert sorted(chosen, key=lambda a: int(a.rsplit(".", 1)[1])) == expected
    prefixed = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw, SecurityGroupId=sg,
                   Ipv4PrefixCount="1")  # fmt: skip
    prefixes = prefixed["Ipv4PrefixSets"]["Ipv4PrefixSet"]
    assert [p["Ipv4Prefix"] for p in prefixes] == ["172.16.0.16/28"]
    # Once the reservation is gone (its prefix first), its addresses are chosen again.
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=prefixed["NetworkInterfaceId"])
    vpc(sdk, "DeleteVSwitchCidrReservation",
        VSwitchCidrReservationId=made["VSwitchCidrReservationId"])  # fmt: skip
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni["NetworkInterfaceId"])
    again = ecs(sdk, "CreateNetworkInterface", VSwitchId=vsw, SecurityGroupId=sg,
                SecondaryPrivateIpAddressCount="20")  # fmt: skip
    shown = ecs(sdk, "DescribeNetworkInterfaceAttribute",
                NetworkInterfaceId=again["NetworkInterfaceId"])  # fmt: skip
    chosen = {s["PrivateIpAddress"] for s in shown["PrivateIpSets"]["PrivateIpSet"]}
    assert chosen == {f"172.16.0.{i}" for i in range(1, 22)}
    fake_ecs.cloud.check_invariants()


def test_no_room_outside_the_reservations_is_the_documented_code(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    small = fake_ecs.add_vswitch(fake_ecs.default_vpc.vpc_id, "172.16.9.0/26").vswitch_id
    sg = fake_ecs.default_security_group.security_group_id
    vpc(sdk, "CreateVSwitchCidrReservation", VSwitchId=small,
        VSwitchCidrReservationCidr="172.16.9.16/28")  # fmt: skip
    # 60 usable, 16 of them kept: 44 may be chosen (a primary and 43 secondaries).
    ecs(sdk, "CreateNetworkInterface", VSwitchId=small, SecurityGroupId=sg,
        SecondaryPrivateIpAddressCount="43")  # fmt: skip
    _fails(
        "InvalidVSwitchId.IpNotEnough", 403, ecs, sdk, "CreateNetworkInterface",
        VSwitchId=small, SecurityGroupId=sg,
    )  # fmt: skip
    fake_ecs.cloud.check_invariants()
