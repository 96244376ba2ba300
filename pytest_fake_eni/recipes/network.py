"""Recipes of the network actions' codes: VPCs, vSwitches, security groups, regions, zones.

Overlap, containment and dependency refusals come from state alone; the codes of
conditions the fake does not model (route entries, account quotas) are injected.
"""

from __future__ import annotations

from pytest_fake_eni.recipes.recipe import Recipe, inject, nested, token_failed

_VPC = "fake_ecs.default_vpc.vpc_id"
_DEFAULT_VSW = "fake_ecs.default_vswitch"
_VSW = f"{_DEFAULT_VSW}.vswitch_id"
_SG = "fake_ecs.default_security_group.security_group_id"
_SLOW = "fake_ecs.transition_delay = 5\n"
_NEW_VPC = 'v = call("CreateVpc", CidrBlock="10.0.0.0/8")'
_VSW_REQUEST = f'VpcId={_VPC}, CidrBlock="172.16.1.0/24", ZoneId="cn-hangzhou-h"'


def _generic(action: str) -> tuple[Recipe, ...]:
    # Every call: the legacy SDK retries a Describe call that is throttled or fails (5xx).
    extra = ", times=None" if action.startswith("Describe") else ""
    return inject(action, "Throttling", extra), inject(action, "InternalError", extra)


def _on(action: str, *recipes: Recipe) -> tuple[Recipe, ...]:
    return tuple(r._replace(action=action) for r in recipes)


CREATE_VPC = _on(
    "CreateVpc",
    Recipe("InvalidRegionId.NotFound", "", 'RegionId="xx-nowhere-1"'),
    Recipe("InvalidParameter", "", 'CidrBlock="10.0.0.0/30"'),
    inject("CreateVpc", "ResourceNotAvailable"),
    Recipe("InvalidVpcName.Malformed", "", 'VpcName="1-starts-with-a-digit"'),
    Recipe("InvalidVpcDiscription.Malformed", "", 'Description="http://example.com"'),
    inject("CreateVpc", "QuotaExceeded.Vpc"),
    Recipe("InvalidResourceGroup.NotFound", "", 'ResourceGroupId="rg-nowhere"'),
    Recipe("MissingParameter", "", 'RegionId=""'),
    Recipe("DryRunOperation", "", "DryRun=True"),
    Recipe(
        "IdempotentParameterMismatch",
        'call("CreateVpc", ClientToken="token-1")',
        'ClientToken="token-1", VpcName="another"',
    ),
    *_generic("CreateVpc"),
)

DELETE_VPC = _on(
    "DeleteVpc",
    Recipe("IncorrectVpcStatus", _SLOW + _NEW_VPC, 'VpcId=v["VpcId"]'),
    Recipe("DependencyViolation.Instance", "fake_ecs.add_instance()", f"VpcId={_VPC}"),
    Recipe("DependencyViolation.VSwitch", "", f"VpcId={_VPC}"),
    Recipe(
        "DependencyViolation.SecurityGroup",
        "v = fake_ecs.add_vpc()\nfake_ecs.add_security_group(v.vpc_id)",
        "VpcId=v.vpc_id",
    ),
    Recipe("InvalidVpcId.NotFound", "", 'VpcId="vpc-nowhere"'),
    inject("DeleteVpc", "Forbidden.VpcNotFound"),
    Recipe("MissingParameter", "", ""),
    Recipe("InvalidParameter", "", f'VpcId={_VPC}, DryRun="perhaps"'),
    Recipe("DryRunOperation", "v = fake_ecs.add_vpc()", "VpcId=v.vpc_id, DryRun=True"),
    *_generic("DeleteVpc"),
)

CREATE_VSWITCH = _on(
    "CreateVSwitch",
    Recipe("InvalidZoneId.NotFound", "", _VSW_REQUEST.replace("hangzhou-h", "hangzhou-z")),
    Recipe("InvalidVpcId.NotFound", "", _VSW_REQUEST.replace(_VPC, '"vpc-nowhere"')),
    Recipe("InvalidVSwitchName.Malformed", "", f'{_VSW_REQUEST}, VSwitchName="-dash"'),
    Recipe("InvalidVSwitchDiscription.Malformed", "", f'{_VSW_REQUEST}, Description="x"'),
    inject("CreateVSwitch", "ResourceNotAvailable"),
    Recipe("InvalidParameter", "", _VSW_REQUEST.replace("172.16.1.0", "10.0.0.0")),
    Recipe("InvalidCidrBlock.Overlapped", "", _VSW_REQUEST.replace("1.0/24", "0.0/25")),
    Recipe(
        "QuotaExceeded.VSwitch",
        f'for i in range(1, 150):\n    fake_ecs.add_vswitch({_VPC}, f"172.16.{{i}}.0/24")',
        _VSW_REQUEST.replace("172.16.1.0", "172.17.0.0"),
    ),
    inject("CreateVSwitch", "IncorrectRouteEntryStatus"),
    Recipe(
        "IncorrectVSwitchStatus",
        f'{_SLOW}call("CreateVSwitch", {_VSW_REQUEST})',
        _VSW_REQUEST.replace("172.16.1.0", "172.16.2.0"),
    ),
    Recipe("InvalidCirdrBlock.MaskLength", "", _VSW_REQUEST.replace("1.0/24", "1.0/30")),
    Recipe(
        "IncorrectVpcStatus",
        _SLOW + _NEW_VPC,
        'VpcId=v["VpcId"], CidrBlock="10.0.0.0/24", ZoneId="cn-hangzhou-h"',
    ),
    Recipe("InvalidCidrBlock.Malformed", "", _VSW_REQUEST.replace("1.0/24", "1.1/24")),
    Recipe("MissingParameter", "", f'VpcId={_VPC}, ZoneId="cn-hangzhou-h"'),
    inject("CreateVSwitch", "Forbidden.VpcNotFound"),
    Recipe(
        "IdempotentParameterMismatch",
        f'call("CreateVSwitch", {_VSW_REQUEST}, ClientToken="token-1")',
        _VSW_REQUEST.replace("172.16.1.0", "172.16.2.0") + ', ClientToken="token-1"',
    ),
    *_generic("CreateVSwitch"),
)

DELETE_VSWITCH = _on(
    "DeleteVSwitch",
    Recipe(
        "IncorrectVSwitchStatus",
        f'vsw = fake_ecs.add_vswitch({_VPC}, "172.16.1.0/24", status="Pending")',
        "VSwitchId=vsw.vswitch_id",
    ),
    Recipe("DependencyViolation", "create_eni()", f"VSwitchId={_VSW}"),
    Recipe("MissingParameter", "", ""),
    Recipe("InvalidParameter", "", f'VSwitchId={_VSW}, DryRun="perhaps"'),
    Recipe("InvalidVSwitchId.NotFound", "", 'VSwitchId="vsw-nowhere"'),
    Recipe("DryRunOperation", "", f"VSwitchId={_VSW}, DryRun=True"),
    *_generic("DeleteVSwitch"),
)

CREATE_SECURITY_GROUP = _on(
    "CreateSecurityGroup",
    Recipe("InvalidDescription.Malformed", "", f'VpcId={_VPC}, Description="https://x"'),
    inject("CreateSecurityGroup", "QuotaExceed.SecurityGroup"),
    Recipe("InvalidVpcId.NotFound", "", 'VpcId="vpc-nowhere"'),
    Recipe("InvalidSecurityGroupName.Malformed", "", f'VpcId={_VPC}, SecurityGroupName="9lives"'),
    inject("CreateSecurityGroup", "InvalidSecurityGroupDiscription.Malformed"),
    inject("CreateSecurityGroup", "InternalError"),
    Recipe("IncorrectVpcStatus", _SLOW + _NEW_VPC, 'VpcId=v["VpcId"]'),
    Recipe("InvalidTagKey.Malformed", "", f'VpcId={_VPC}, Tag=[{{"Key": "aliyun:x"}}]'),
    Recipe(
        "InvalidTagValue.Malformed", "", f'VpcId={_VPC}, Tag=[{{"Key": "k", "Value": "http://x"}}]'
    ),
    Recipe("InvalidResourceGroup.NotFound", "", f'VpcId={_VPC}, ResourceGroupId="rg-nowhere"'),
    Recipe(
        "Duplicate.TagKey",
        "",
        f'VpcId={_VPC}, Tag=[{{"Key": "k", "Value": "1"}}, {{"Key": "k", "Value": "2"}}]',
    ),
    inject("CreateSecurityGroup", "IdempotentProcessing"),
    Recipe("QuotaExceed.Tags", "", f'VpcId={_VPC}, Tag=[{{"Key": f"k{{i}}"}} for i in range(21)]'),
    Recipe("MissingParameter", "", 'RegionId=""'),
    Recipe("InvalidParameter", "", f'VpcId={_VPC}, SecurityGroupType="special"'),
    Recipe("Forbidden.RegionId", "", 'RegionId="xx-nowhere-1"'),
    Recipe(
        "IdempotentParameterMismatch",
        f'call("CreateSecurityGroup", VpcId={_VPC}, ClientToken="token-1")',
        f'VpcId={_VPC}, ClientToken="token-1", SecurityGroupName="another"',
    ),
    inject("CreateSecurityGroup", "Throttling"),
)

DELETE_SECURITY_GROUP = _on(
    "DeleteSecurityGroup",
    Recipe("DependencyViolation", "create_eni()", f"SecurityGroupId={_SG}"),
    Recipe(
        "InvalidOperation.DeletionProtection",
        f'sg = fake_ecs.add_security_group({_VPC}, managed_by="ack")',
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe("InvalidSecurityGroupId.NotFound", "", 'SecurityGroupId="sg-nowhere"'),
    Recipe("MissingParameter", "", ""),
    Recipe("Forbidden.RegionId", "", f'RegionId="xx-nowhere-1", SecurityGroupId={_SG}'),
    Recipe("InvalidParameter", "", nested("SecurityGroupId", "sg-nowhere")),
    *_generic("DeleteSecurityGroup"),
)

DESCRIBE_SECURITY_GROUPS = _on(
    "DescribeSecurityGroups",
    Recipe("InvalidParameter", "", 'NextToken="not-a-token"'),
    Recipe("Forbidden.RegionId", "", 'RegionId="xx-nowhere-1"'),
    Recipe("MissingParameter", "", 'RegionId=""'),
    Recipe("DryRunOperation", "", "DryRun=True"),
    *_generic("DescribeSecurityGroups"),
)

DESCRIBE_SECURITY_GROUP_ATTRIBUTE = _on(
    "DescribeSecurityGroupAttribute",
    Recipe("InvalidRegionId.NotFound", "", f'RegionId="xx-nowhere-1", SecurityGroupId={_SG}'),
    Recipe("InvalidSecurityGroupId.NotFound", "", 'SecurityGroupId="sg-nowhere"'),
    Recipe("InvalidNicType.ValueNotSupported", "", f'SecurityGroupId={_SG}, NicType="wifi"'),
    inject("DescribeSecurityGroupAttribute", "InvalidParamter"),
    Recipe("MissingParameter", "", ""),
    Recipe("InvalidParameter", "", f"SecurityGroupId={_SG}, MaxResults=5"),
    *_generic("DescribeSecurityGroupAttribute"),
)

DESCRIBE_REGIONS = _on(
    "DescribeRegions",
    inject("DescribeRegions", "Unauthorized.EmptyRegion"),
    Recipe("InvalidAcceptLanguage.NotFound", "", 'AcceptLanguage="fr-FR"'),
    Recipe("InvalidParameter", "", nested("AcceptLanguage", "en-US")),
    *_generic("DescribeRegions"),
)

DESCRIBE_ZONES = _on(
    "DescribeZones",
    Recipe("InvalidRegionId.NotFound", "", 'RegionId="xx-nowhere-1"'),
    Recipe("InvalidInstanceChargeType.NotFound", "", 'InstanceChargeType="Free"'),
    Recipe("InvalidSpotStrategy", "", 'SpotStrategy="Cheapest"'),
    Recipe("InvalidAcceptLanguage.NotFound", "", 'AcceptLanguage="fr-FR"'),
    Recipe("MissingParameter", "", 'RegionId=""'),
    Recipe("InvalidParameter", "", nested("AcceptLanguage", "en-US")),
    *_generic("DescribeZones"),
)

_IPV6_VPC = (
    'v = call("CreateVpc", CidrBlock="10.0.0.0/8", EnableIpv6=True)\n'
    'vsw = call("CreateVSwitch", VpcId=v["VpcId"], CidrBlock="10.0.0.0/24",'
    ' ZoneId="cn-hangzhou-h", Ipv6CidrBlock=1)\n'
)
_RESERVE = f'r = call("CreateVSwitchCidrReservation", VSwitchId={_VSW}, VSwitchCidrReservationCidr='
_RESERVED = f'{_RESERVE}"172.16.0.64/26")\n'

MODIFY_VSWITCH_ATTRIBUTE = _on(
    "ModifyVSwitchAttribute",
    Recipe("InvalidVSwitchId.NotFound", "", 'VSwitchId="vsw-nowhere"'),
    Recipe("InvalidVSwitchName.Malformed", "", f'VSwitchId={_VSW}, VSwitchName="http://x"'),
    Recipe("InvalidVSwitchDiscription.Malformed", "", f'VSwitchId={_VSW}, Description="x"'),
    Recipe("InvalidParameter", "", f"VSwitchId={_VSW}, EnableIPv6=True"),
    Recipe(
        "IncorrectVSwitchStatus",
        f'{_DEFAULT_VSW}.status = "Pending"',
        f'VSwitchId={_VSW}, VSwitchName="renamed"',
    ),
    Recipe(
        "InvalidCidrBlock.Overlapped",
        _IPV6_VPC + 'other = call("CreateVSwitch", VpcId=v["VpcId"], CidrBlock="10.0.1.0/24",'
        ' ZoneId="cn-hangzhou-h")',
        'VSwitchId=other["VSwitchId"], Ipv6CidrBlock=1',
    ),
    Recipe("MissingParameter", "", ""),
    *_generic("ModifyVSwitchAttribute"),
)

CREATE_VSWITCH_CIDR_RESERVATION = _on(
    "CreateVSwitchCidrReservation",
    Recipe("MissingParameter", "", 'VSwitchCidrReservationCidr="172.16.0.64/26"'),
    Recipe("InvalidParameter", "", f'VSwitchId={_VSW}, VSwitchCidrReservationCidr="10.0.0.0/28"'),
    Recipe("InvalidVSwitchId.NotFound", "", 'VSwitchId="vsw-nowhere"'),
    Recipe(
        "InvalidCidrBlock.Overlapped",
        _RESERVED,
        f'VSwitchId={_VSW}, VSwitchCidrReservationCidr="172.16.0.96/28"',
    ),
    Recipe("InvalidCidrBlock.Malformed", "", f'VSwitchId={_VSW}, VSwitchCidrReservationCidr="x"'),
    Recipe("DryRunOperation", "", f"VSwitchId={_VSW}, VSwitchCidrReservationMask=28, DryRun=True"),
    Recipe(
        "IdempotentParameterMismatch",
        f'{_RESERVE}"172.16.0.64/28", ClientToken="token-1")',
        f'VSwitchId={_VSW}, VSwitchCidrReservationCidr="172.16.0.80/28", ClientToken="token-1"',
    ),
    *_generic("CreateVSwitchCidrReservation"),
)

LIST_VSWITCH_CIDR_RESERVATIONS = _on(
    "ListVSwitchCidrReservations",
    Recipe("MissingParameter", "", ""),
    Recipe("InvalidParameter", "", f'VSwitchId={_VSW}, NextToken="not-a-token"'),
    Recipe("InvalidVSwitchId.NotFound", "", 'VSwitchId="vsw-nowhere"'),
    *_generic("ListVSwitchCidrReservations"),
)

DELETE_VSWITCH_CIDR_RESERVATION = _on(
    "DeleteVSwitchCidrReservation",
    Recipe("MissingParameter", "", ""),
    Recipe("InvalidParameter", "", 'VSwitchCidrReservationId="vcr-nowhere"'),
    Recipe(
        "DependencyViolation",
        _RESERVED + "create_eni(Ipv4PrefixCount=1)",
        'VSwitchCidrReservationId=r["VSwitchCidrReservationId"]',
    ),
    Recipe(
        "DryRunOperation",
        _RESERVED,
        'VSwitchCidrReservationId=r["VSwitchCidrReservationId"], DryRun=True',
    ),
    *_generic("DeleteVSwitchCidrReservation"),
)

RECIPES: dict[str, tuple[Recipe, ...]] = {
    "CreateVpc": CREATE_VPC,
    "DeleteVpc": DELETE_VPC,
    "CreateVSwitch": CREATE_VSWITCH,
    "DeleteVSwitch": DELETE_VSWITCH,
    "CreateSecurityGroup": CREATE_SECURITY_GROUP,
    "DeleteSecurityGroup": DELETE_SECURITY_GROUP,
    "DescribeSecurityGroups": DESCRIBE_SECURITY_GROUPS,
    "DescribeSecurityGroupAttribute": DESCRIBE_SECURITY_GROUP_ATTRIBUTE,
    "DescribeRegions": DESCRIBE_REGIONS,
    "DescribeZones": DESCRIBE_ZONES,
    "ModifyVSwitchAttribute": MODIFY_VSWITCH_ATTRIBUTE,
    "CreateVSwitchCidrReservation": CREATE_VSWITCH_CIDR_RESERVATION,
    "ListVSwitchCidrReservations": LIST_VSWITCH_CIDR_RESERVATIONS,
    "DeleteVSwitchCidrReservation": DELETE_VSWITCH_CIDR_RESERVATION,
}

# A ClientToken whose first request failed server-side stays failed (docs/observed-behaviour.md).
_T1 = ', ClientToken="t-1"'
_NEW_VSWITCH = (
    'VpcId=fake_ecs.default_vpc.vpc_id, ZoneId="cn-hangzhou-i", CidrBlock="172.16.1.0/24"'
)
_RESERVE = (
    'VSwitchId=fake_ecs.default_vswitch.vswitch_id, VSwitchCidrReservationCidr="172.16.0.128/28"'
)
RECIPES["CreateVpc"] += (token_failed("CreateVpc", _T1[2:]),)
RECIPES["CreateSecurityGroup"] += (
    token_failed("CreateSecurityGroup", "VpcId=fake_ecs.default_vpc.vpc_id" + _T1),
)
RECIPES["CreateVSwitch"] += (token_failed("CreateVSwitch", _NEW_VSWITCH + _T1),)
RECIPES["CreateVSwitchCidrReservation"] += (
    token_failed("CreateVSwitchCidrReservation", _RESERVE + _T1),
)
