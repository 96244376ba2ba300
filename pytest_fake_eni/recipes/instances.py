"""Recipes of the instance actions' codes (see the package docstring), in catalogue order."""

from __future__ import annotations

from pytest_fake_eni.recipes.recipe import Recipe, inject, nested, token_failed

_VSW = "fake_ecs.default_vswitch.vswitch_id"
_SG = "fake_ecs.default_security_group.security_group_id"
_VPC = "fake_ecs.default_vpc.vpc_id"
_IPV6 = 'fake_ecs.default_vswitch.enable_ipv6("2408:4005:3d8:3c00::/64")'
_EVERY = ", times=None"  # the legacy SDK retries a throttled or failed call: every call fails
_TAGS21 = 'Tag=[{"Key": f"k{i}", "Value": "v"} for i in range(21)]'
_V6 = '"2408:4005:3d8:3c00::5"'  # an address of the /64 _IPV6 gives the default vSwitch


def _run(code: str, state: str = "", extra: str = "", kind: str = "ecs.g7.large") -> Recipe:
    """A RunInstances recipe: the default vSwitch and group, plus ``extra``."""
    base = f'InstanceType="{kind}", VSwitchId={_VSW}, SecurityGroupId={_SG}'
    return Recipe(code, state, f"{base}, {extra}" if extra else base, action=RUN)


def _group(code: str, state: str) -> Recipe:
    """A RunInstances recipe whose launch joins the security group ``sg`` made by ``state``."""
    request = f'InstanceType="ecs.g7.large", VSwitchId={_VSW}, SecurityGroupId=sg.security_group_id'
    return Recipe(code, state, request, action=RUN)


RUN = "RunInstances"
TYPES = "DescribeInstanceTypes"
DESCRIBE = "DescribeInstances"
ATTRIBUTE = "DescribeInstanceAttribute"
START, STOP, DELETE = "StartInstance", "StopInstance", "DeleteInstance"
_RUNNING = "i = fake_ecs.add_instance()"
_STOPPED = 'i = fake_ecs.add_instance(status="Stopped")'
_ID = "InstanceId=i.instance_id"

RECIPES: dict[str, tuple[Recipe, ...]] = {
    TYPES: (
        Recipe("InvalidParameter", "", "MaxResults=0", action=TYPES),
        inject(TYPES, "Throttling", _EVERY),
        inject(TYPES, "InternalError", _EVERY),
    ),
    RUN: (
        Recipe(
            "MissingParameter",
            "",
            f'InstanceType="ecs.g7.large", SecurityGroupId={_SG}',
            action=RUN,
        ),
        _run("InvalidParameter", "", "Amount=0"),
        _run("InvalidParameter.Conflict", "", 'PrivateIpAddress="172.16.0.9", Amount=2'),
        _run("InvalidInstanceName.Malformed", "", 'InstanceName="1-starts-with-a-digit"'),
        _run("InvalidTagKey.Malformed", "", 'Tag=[{"Key": "aliyun:x", "Value": "v"}]'),
        _run("InvalidTagValue.Malformed", "", 'Tag=[{"Key": "k", "Value": "see http://x"}]'),
        _run("InvalidTagCount", "", _TAGS21),
        _run("Forbidden.RegionId", "", 'RegionId="xx-nowhere-1"'),
        _run("InvalidInstanceType.ValueNotSupported", kind="ecs.nope.large"),
        _run("InvalidResourceGroup.NotFound", "", 'ResourceGroupId="rg-nope"'),
        Recipe(
            "InvalidVSwitchId.NotFound",
            "",
            f'InstanceType="ecs.g7.large", VSwitchId="vsw-nope", SecurityGroupId={_SG}',
            action=RUN,
        ),
        Recipe(
            "InvalidSecurityGroupId.NotFound",
            "",
            f'InstanceType="ecs.g7.large", VSwitchId={_VSW}, SecurityGroupId="sg-nope"',
            action=RUN,
        ),
        _group(
            "InvalidParameter.Mismatch",
            'vpc = fake_ecs.add_vpc("10.0.0.0/8")\nsg = fake_ecs.add_security_group(vpc.vpc_id)',
        ),
        _run("IncorrectVSwitchStatus", 'fake_ecs.default_vswitch.status = "Pending"'),
        _run("InvalidPrivateIpAddress.Malformed", "", 'PrivateIpAddress="172.16.0.999"'),
        _run("InvalidPrivateIpAddress", "", 'PrivateIpAddress="10.9.9.9"'),
        _run(
            "InvalidPrivateIpAddress.Duplicated",
            'create_eni(PrimaryIpAddress="172.16.0.20")',
            'PrivateIpAddress="172.16.0.20"',
        ),
        _run("InvalidIp.Address", "", 'Ipv6Address=["2408:4005:3d8:3c00::zz"]'),
        _run("InvalidIp.IpRepeated", _IPV6, f"Ipv6Address=[{_V6}, {_V6}]"),
        _run(
            "EniPerInstanceLimitExceeded",
            "",
            'NetworkInterface=[{"InstanceType": "Secondary"}] * 3',
        ),
        _run(
            "MaxEniPrivateIpsCountExceeded",
            "",
            'NetworkInterface=[{"InstanceType": "Secondary", "SecondaryPrivateIpAddressCount": 6}]',
        ),
        _run(
            "InvalidOperation.Ipv6CountExceeded",
            f'{_IPV6}\nfake_ecs.add_instance_type("ecs.v6.large", EniQuantity=2, '
            "EniIpv6AddressQuantity=1)",
            "Ipv6AddressCount=2",
            kind="ecs.v6.large",
        ),
        _run("QuotaExceeded.PrivateIpAddress", "fake_ecs.default_vswitch.available_ip_count = 0"),
        _run("Abs.InvalidAccount.NotFound", "fake_ecs.account.access_key_expired = True"),
        _run("InvalidUserType.NotSupported", "fake_ecs.account.not_real_name_verified = True"),
        _run("Forbidden.NotSupportRAM", "fake_ecs.account.ram_not_supported = True"),
        _run("Forbidden.SubUser", "fake_ecs.account.created_by_another_user = True"),
        _run(
            "InvalidOperation.NotSupport",
            f"{_IPV6}\nfake_ecs.region.ipv6_on_create = False",
            "Ipv6AddressCount=1",
        ),
        _run("InvalidOperation.VSwitchIpv6Disabled", "", "Ipv6AddressCount=1"),
        _group(
            "InvalidSecurityGroupId.NotVpc",
            f'sg = fake_ecs.add_security_group({_VPC}, network="classic")',
        ),
        _group(
            "InvalidOperation.ResourceManagedByCloudProduct",
            f'sg = fake_ecs.add_security_group({_VPC}, managed_by="ack")',
        ),
        _run(
            "EnterpriseGroupLimited.MutliGroupType",
            f'sg = fake_ecs.add_security_group({_VPC}, type="enterprise")',
            f"SecurityGroupIds=[{_SG}, sg.security_group_id]",
        ),
        _run(
            "JoinedGroupLimitExceed",
            f"fake_ecs.quotas.max_security_groups_per_eni = 1\n"
            f"sg = fake_ecs.add_security_group({_VPC})",
            f"SecurityGroupIds=[{_SG}, sg.security_group_id]",
        ),
        _group("AclLimitExceed", f"sg = fake_ecs.add_security_group({_VPC}, rule_count=1001)"),
        _group(
            "InvalidOperation.EniCountExceeded",
            f'sg = fake_ecs.add_security_group({_VPC}, type="enterprise", max_instances=0)',
        ),
        _group(
            "SecurityGroupInstanceLimitExceed",
            f"sg = fake_ecs.add_security_group({_VPC}, max_instances=0)",
        ),
        _run(
            "MaxEniCountExceeded",
            "fake_ecs.quotas.max_enis_per_region = 0",
            'NetworkInterface=[{"InstanceType": "Secondary"}]',
        ),
        _run(
            "InvalidOperation.MaxEniIpv6IpsCountExceeded",
            f"{_IPV6}\nfake_ecs.quotas.max_ipv6_addresses_per_eni = 1",
            "Ipv6AddressCount=2",
        ),
        _run(
            "InvalidOperation.AddressNotInVSwitchCidr",
            _IPV6,
            'Ipv6Address=["2408:4005:3d8:3d00::5"]',
        ),
        _run(
            "InvalidOperation.AddressAlreadyAllocated",
            f"{_IPV6}\ncreate_eni(Ipv6Address=[{_V6}])",
            f'NetworkInterface=[{{"InstanceType": "Secondary", "Ipv6Address": [{_V6}]}}]',
        ),
        _run(
            "IdempotentParameterMismatch",
            f'call("RunInstances", InstanceType="ecs.g7.large", VSwitchId={_VSW}, '
            f'SecurityGroupId={_SG}, ClientToken="t-1")',
            'ClientToken="t-1", Amount=2',
        ),
        _run("DryRunOperation", "", "DryRun=True"),
        inject(RUN, "InvalidImageId.NotFound"),
        inject(RUN, "OperationDenied.NoStock"),
        inject(RUN, "QuotaExceed.AfterpayInstance"),
        inject(RUN, "Throttling", _EVERY),
        inject(RUN, "InternalError", _EVERY),
    ),
    DESCRIBE: (
        Recipe("InvalidParameter", "", 'InstanceIds="i-1,i-2"', action=DESCRIBE),
        Recipe("Forbidden.RegionId", "", 'RegionId="xx-nowhere-1"', action=DESCRIBE),
        Recipe("InvalidStatus.NotFound", "", 'Status="Sleeping"', action=DESCRIBE),
        Recipe("InvalidNetworkType.NotFound", "", 'InstanceNetworkType="vlan"', action=DESCRIBE),
        Recipe(
            "InvalidInstanceChargeType.NotFound", "", 'InstanceChargeType="Free"', action=DESCRIBE
        ),
        Recipe("InvalidTag.Mismatch", "", 'Tag=[{"Value": "v"}]', action=DESCRIBE),
        Recipe("InvalidTagCount", "", _TAGS21, action=DESCRIBE),
        Recipe("DryRunOperation", "", "DryRun=True", action=DESCRIBE),
        Recipe("MissingParameter", "", 'RegionId=""', action=DESCRIBE),
        inject(DESCRIBE, "Throttling", _EVERY),
        inject(DESCRIBE, "InternalError", _EVERY),
    ),
    ATTRIBUTE: (
        Recipe("MissingParameter", "", "", action=ATTRIBUTE),
        Recipe("InvalidInstanceId.NotFound", "", 'InstanceId="i-nope"', action=ATTRIBUTE),
        Recipe("InvalidParameter", _RUNNING, nested("InstanceId", "i-nope"), action=ATTRIBUTE),
        inject(ATTRIBUTE, "Throttling", _EVERY),
        inject(ATTRIBUTE, "InternalError", _EVERY),
    ),
    START: (
        Recipe("MissingParameter", "", "", action=START),
        Recipe("InvalidInstanceId.NotFound", "", 'InstanceId="i-nope"', action=START),
        Recipe("IncorrectInstanceStatus", _RUNNING, _ID, action=START),
        inject(START, "InstanceLockedForSecurity"),
        inject(START, "InsufficientBalance"),
        inject(START, "InstanceNotReady"),
        inject(START, "InstanceExpired"),
        inject(START, "OperationDenied.NoStock"),
        inject(START, "QuotaExceed.ElasticQuota"),
        Recipe("DryRunOperation", _STOPPED, f"{_ID}, DryRun=True", action=START),
        Recipe("InvalidParameter", _STOPPED, f'{_ID}, DryRun="perhaps"', action=START),
        inject(START, "Throttling", _EVERY),
        inject(START, "InternalError", _EVERY),
    ),
    STOP: (
        Recipe("MissingParameter", "", "", action=STOP),
        Recipe("InvalidInstanceId.NotFound", "", 'InstanceId="i-nope"', action=STOP),
        Recipe("IncorrectInstanceStatus", _STOPPED, _ID, action=STOP),
        inject(STOP, "InstanceLockedForSecurity"),
        inject(STOP, "InstanceExpiredOrInArrears"),
        inject(STOP, "InvalidInstanceId.NotSupport"),
        Recipe("DryRunOperation", _RUNNING, f"{_ID}, DryRun=True", action=STOP),
        Recipe("InvalidParameter", _RUNNING, f'{_ID}, DryRun="perhaps"', action=STOP),
        inject(STOP, "Throttling", _EVERY),
        inject(STOP, "InternalError", _EVERY),
    ),
    DELETE: (
        Recipe("MissingParameter", "", "", action=DELETE),
        Recipe("InvalidParameter", _STOPPED, f'{_ID}, Force="maybe"', action=DELETE),
        Recipe("InvalidInstanceId.NotFound", "", 'InstanceId="i-nope"', action=DELETE),
        Recipe("IncorrectInstanceStatus", _RUNNING, _ID, action=DELETE),
        inject(DELETE, "ChargeTypeViolation"),
        inject(DELETE, "InvalidOperation.DeletionProtection"),
        inject(DELETE, "DependencyViolation.RouteEntry"),
        inject(DELETE, "DependencyViolation.SLBConfiguring"),
        inject(DELETE, "InstanceLockedForSecurity"),
        Recipe("DryRunOperation", _STOPPED, f"{_ID}, DryRun=True", action=DELETE),
        inject(DELETE, "Throttling", _EVERY),
        inject(DELETE, "InternalError", _EVERY),
    ),
}

# A ClientToken whose first request failed server-side stays failed (docs/observed-behaviour.md).
_LAUNCH = (
    'InstanceType="ecs.g7.large", VSwitchId=fake_ecs.default_vswitch.vswitch_id, '
    "SecurityGroupId=fake_ecs.default_security_group.security_group_id"
)
RECIPES[RUN] += (token_failed(RUN, _LAUNCH + ', ClientToken="t-1"'),)
