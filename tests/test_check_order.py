"""When several rules break, the first in the documented order wins, every time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.test_create_errors import ok

IPV6 = "2408:4005:3d8:3c00::/64"


def _classic(fake: FakeEcs) -> str:
    return fake.add_security_group(fake.default_vpc.vpc_id, network="classic").security_group_id


def _pending(fake: FakeEcs) -> None:
    fake.default_vswitch.status = "Pending"


def _ram(fake: FakeEcs) -> None:
    fake.account.ram_not_supported = True


def _no_ipv6_on_create(fake: FakeEcs) -> None:
    fake.region.ipv6_on_create = False


def _no_enis(fake: FakeEcs) -> None:
    fake.quotas.max_enis_per_region = 0


Case = tuple[str, Callable[[FakeEcs], Any], Callable[[FakeEcs], dict[str, Any]], str]
CASES: list[Case] = [
    ("syntax before existence", lambda f: None,
     lambda f: ok(f, VSwitchId="vsw-nope", QueueNumber=0),
     "InvalidParameter.InvalidEniQueueNumber"),
    ("field order within syntax", lambda f: None,
     lambda f: ok(f, SecondaryPrivateIpAddressCount=0, NetworkInterfaceName="x", QueueNumber=0),
     "InvalidParameter"),
    ("region features before existence", _no_ipv6_on_create,
     lambda f: ok(f, VSwitchId="vsw-nope", Ipv6AddressCount=1), "InvalidOperation.NotSupport"),
    ("existence before permission", _ram,
     lambda f: ok(f, SecurityGroupId="sg-nope"), "InvalidSecurityGroupId.NotFound"),
    ("permission before vSwitch state", lambda f: (_ram(f), _pending(f)),
     lambda f: ok(f), "Forbidden.NotSupportRAM"),
    ("vSwitch state before groups", _pending,
     lambda f: ok(f, SecurityGroupId=_classic(f)), "IncorrectVSwitchStatus"),
    ("IPv6 support before groups", lambda f: None,
     lambda f: ok(f, SecurityGroupId=_classic(f), Ipv6AddressCount=1),
     "InvalidOperation.VSwitchIpv6Disabled"),
    ("groups before quotas", _no_enis,
     lambda f: ok(f, SecurityGroupId=_classic(f)), "InvalidSecurityGroupId.NotVpc"),
    ("quotas before addresses", _no_enis,
     lambda f: ok(f, PrimaryIpAddress="10.9.9.9"), "MaxEniCountExceeded"),
    ("IPv4 addresses before prefixes", lambda f: None,
     lambda f: ok(f, PrimaryIpAddress="10.9.9.9", Ipv4Prefix=["172.16.0.0/28"]),
     "InvalidVSwitchId.IpInvalid"),
    ("IPv4 prefixes before IPv6", lambda f: f.default_vswitch.enable_ipv6(IPV6),
     lambda f: ok(f, Ipv4Prefix=["172.16.0.0/28"], Ipv6Address=["2001:db8::1"]),
     "InvalidIp.IpPrefixNotAvailable"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "arrange", "params", "code"), CASES, ids=[c[0] for c in CASES])
def test_first_rule_in_order_wins(
    fake_ecs: FakeEcs,
    sdk: Any,
    case: str,
    arrange: Callable[[FakeEcs], Any],
    params: Callable[[FakeEcs], dict[str, Any]],
    code: str,
) -> None:
    arrange(fake_ecs)
    request = params(fake_ecs)
    for _ in range(3):
        with pytest.raises(ApiFailure) as failure:
            sdk.create_eni(**request)
        assert failure.value.code == code
    assert fake_ecs.enis == []
    fake_ecs.cloud.check_invariants()
