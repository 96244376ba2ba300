"""Recipes of CreateNetworkInterface's 82 codes (see the package docstring)."""

from __future__ import annotations

from pytest_fake_eni.recipes.recipe import Recipe, inject

_IPV6 = 'fake_ecs.default_vswitch.enable_ipv6("2408:4005:3d8:3c00::/64")'
_VPC = "fake_ecs.default_vpc.vpc_id"
_SG = "fake_ecs.default_security_group.security_group_id"
_CREATE = "CreateNetworkInterface"

CREATE_NETWORK_INTERFACE: tuple[Recipe, ...] = (
    Recipe("MissingParameter", "", "VSwitchId=None"),
    inject(_CREATE, "UnsupportedParameter"),
    Recipe("InvalidParameter", "", "SecondaryPrivateIpAddressCount=50"),
    inject(_CREATE, "InvalidInstanceID.Malformed"),
    inject(_CREATE, "InvalidOperation.InvalidEcsState"),
    inject(_CREATE, "InvalidOperation.InvalidEniState"),
    inject(_CREATE, "InvalidOperation.DetachPrimaryEniNotAllowed"),
    Recipe("Forbidden.RegionId", "", 'RegionId="xx-nowhere-1"'),
    Recipe("Duplicate.TagKey", "", 'Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]'),
    Recipe("InvalidTagKey.Malformed", "", 'Tag=[{"Key": "aliyun:x", "Value": "v"}]'),
    Recipe("InvalidTagValue.Malformed", "", 'Tag=[{"Key": "k", "Value": "see http://x"}]'),
    Recipe(
        "JoinedGroupLimitExceed",
        "fake_ecs.quotas.max_security_groups_per_eni = 1\n"
        f"sg = fake_ecs.add_security_group({_VPC})",
        f"SecurityGroupId=None, SecurityGroupIds=[{_SG}, sg.security_group_id]",
    ),
    Recipe(
        "InvalidParameter.SecurityGroupIdRepeated",
        "",
        f"SecurityGroupId=None, SecurityGroupIds=[{_SG}, {_SG}]",
    ),
    Recipe("InvalidSecurityGroupId.SingleIdAndMultiIdConflict", "", f"SecurityGroupIds=[{_SG}]"),
    Recipe(
        "InvalidParameter.Conflict",
        "",
        'PrivateIpAddress=["172.16.0.9"], SecondaryPrivateIpAddressCount=1',
    ),
    Recipe(
        "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
        "fake_ecs.region.connection_tracking = False",
        'ConnectionTrackingConfiguration={"UdpTimeout": 30}',
    ),
    Recipe(
        "InvalidOperation.EniCountExceeded",
        f'sg = fake_ecs.add_security_group({_VPC}, type="enterprise", max_instances=0)',
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe(
        "InvalidPrivateIpAddress.Duplicated",
        'create_eni(PrimaryIpAddress="172.16.0.20")',
        'PrimaryIpAddress="172.16.0.20"',
    ),
    Recipe("IncorrectVSwitchStatus", 'fake_ecs.default_vswitch.status = "Pending"', ""),
    Recipe(
        "InvalidEniQueueSize.RegionOrUserNotSupported",
        "fake_ecs.region.queue_size = False",
        "TxQueueSize=8192, RxQueueSize=8192",
    ),
    Recipe("InvalidParameter.EniQueueSize", "", "TxQueueSize=8192, RxQueueSize=16384"),
    Recipe(
        "InvalidParameter.EniConnectionTrackingConfiguration",
        "",
        'ConnectionTrackingConfiguration={"UdpTimeout": 15}',
    ),
    Recipe(
        "QuotaExceeded.PrivateIpAddress",
        "fake_ecs.default_vswitch.available_ip_count = 0",
        'PrimaryIpAddress="172.16.0.20"',
    ),
    Recipe("InvalidUserType.NotSupported", "fake_ecs.account.not_real_name_verified = True", ""),
    Recipe("Abs.InvalidAccount.NotFound", "fake_ecs.account.access_key_expired = True", ""),
    Recipe("Forbidden.NotSupportRAM", "fake_ecs.account.ram_not_supported = True", ""),
    Recipe("Forbidden.SubUser", "fake_ecs.account.created_by_another_user = True", ""),
    inject(_CREATE, "InValidParameter"),
    Recipe("MaxEniCountExceeded", "fake_ecs.quotas.max_enis_per_region = 0", ""),
    inject(_CREATE, "EniPerInstanceLimitExceeded"),
    inject(_CREATE, "InvalidOperation.AvailabilityZoneMismatch"),
    Recipe(
        "InvalidOperation.VpcMismatch",
        'vpc = fake_ecs.add_vpc("10.0.0.0/8")\nsg = fake_ecs.add_security_group(vpc.vpc_id)',
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe(
        "SecurityGroupInstanceLimitExceed",
        f"sg = fake_ecs.add_security_group({_VPC}, max_instances=0)",
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe(
        "InvalidSecurityGroupId.NotVpc",
        f'sg = fake_ecs.add_security_group({_VPC}, network="classic")',
        "SecurityGroupId=sg.security_group_id",
    ),
    inject(_CREATE, "InvalidOperation.InvalidEniType"),
    Recipe("InvalidVSwitchId.IpNotEnough", "fake_ecs.default_vswitch.available_ip_count = 0", ""),
    Recipe("InvalidVSwitchId.IpInvalid", "", 'PrimaryIpAddress="10.9.9.9"'),
    Recipe("QuotaExceed.Tags", "", 'Tag=[{"Key": f"k{i}", "Value": ""} for i in range(21)]'),
    Recipe("InvalidIp.Address", "", 'Ipv6Address=["2408:4005::zz"]'),
    Recipe(
        "InvalidIp.IpRepeated", "", 'PrimaryIpAddress="172.16.0.5", PrivateIpAddress=["172.16.0.5"]'
    ),
    Recipe(
        "MaxEniPrivateIpsCountExceeded",
        "fake_ecs.quotas.max_private_ips_per_eni = 3",
        "SecondaryPrivateIpAddressCount=3",
    ),
    Recipe(
        "InvalidOperation.ResourceManagedByCloudProduct",
        f'sg = fake_ecs.add_security_group({_VPC}, managed_by="ack")',
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe(
        "InvalidOperation.TrunkingIsNotAllowed",
        "fake_ecs.region.trunking = False",
        'InstanceType="Trunk"',
    ),
    Recipe("InvalidParameter.InvalidEniQueueNumber", "", "QueueNumber=4096"),
    Recipe(
        "InvalidOperation.MaxEniQueueNumberExceeded",
        "fake_ecs.quotas.max_queues_per_eni = 8",
        "QueueNumber=16",
    ),
    inject(_CREATE, "InvalidOperation.ExceedInstanceTypeQueueNumber"),
    Recipe("InvalidParameter.EniTrafficMode", "", 'NetworkInterfaceTrafficMode="Turbo"'),
    Recipe(
        "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
        "fake_ecs.region.high_performance_traffic = False",
        'NetworkInterfaceTrafficMode="HighPerformance"',
    ),
    Recipe("InvalidParameter.QueuePairNumberMustEmpty", "", "QueuePairNumber=4"),
    Recipe(
        "InvalidParameter.InvalidQueuePairNumber",
        "",
        'NetworkInterfaceTrafficMode="HighPerformance", QueuePairNumber=4096',
    ),
    Recipe("InvalidParams.NetworkInterfaceName", "", 'NetworkInterfaceName="a"'),
    Recipe("InvalidIp.IpPrefixIllegal", "", 'Ipv4Prefix=["172.16.0.64"]'),
    Recipe(
        "InvalidIp.IpPrefixMustInReserveSegment",
        f'vsw = fake_ecs.add_vswitch({_VPC}, "172.16.1.0/24",'
        ' reserved_cidr_blocks=["172.16.1.0/26"])',
        'VSwitchId=vsw.vswitch_id, Ipv4Prefix=["172.16.1.128/28"]',
    ),
    Recipe(
        "InvalidOperation.Ipv4CountExceeded",
        "fake_ecs.quotas.max_private_ips_per_eni = 3",
        "Ipv4PrefixCount=3",
    ),
    Recipe(
        "InvalidOperation.Ipv6CountExceeded",
        f"{_IPV6}\nfake_ecs.quotas.max_ipv6_addresses_per_eni = 2",
        "Ipv6PrefixCount=3",
    ),
    Recipe(
        "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
        "",
        'InstanceType="Trunk", NetworkInterfaceTrafficMode="HighPerformance"',
    ),
    Recipe(
        "AclLimitExceed",
        f"sg = fake_ecs.add_security_group({_VPC}, rule_count=1001)",
        "SecurityGroupId=sg.security_group_id",
    ),
    Recipe("InvalidIp.IpPrefixMaskInvalid", "", 'Ipv4Prefix=["172.16.0.0/27"]'),
    Recipe(
        "InvalidVSwitchId.IpPrefixNotEnough",
        f'vsw = fake_ecs.add_vswitch({_VPC}, "172.16.1.0/27")',
        "VSwitchId=vsw.vswitch_id, Ipv4PrefixCount=1",
    ),
    Recipe("InvalidIp.IpPrefixMaskNotSame", "", 'Ipv4Prefix=["172.16.0.64/28", "172.16.0.128/27"]'),
    Recipe(
        "EnterpriseGroupLimited.MutliGroupType",
        f'sg = fake_ecs.add_security_group({_VPC}, type="enterprise")',
        f"SecurityGroupId=None, SecurityGroupIds=[{_SG}, sg.security_group_id]",
    ),
    inject(_CREATE, "InvalidOperation.BoundingEniSlaveQuotaExceed"),
    Recipe(
        "InvalidIp.IpPrefixNotAvailable",
        'create_eni(PrimaryIpAddress="172.16.0.70")',
        'Ipv4Prefix=["172.16.0.64/28"]',
    ),
    Recipe(
        "InvalidIp.IpPrefixMaskIllegal",
        f'vsw = fake_ecs.add_vswitch({_VPC}, "172.16.1.0/29")',
        "VSwitchId=vsw.vswitch_id, Ipv4PrefixCount=1",
    ),
    Recipe("InvalidIp.IpPrefixNotStrict", "", 'Ipv4Prefix=["172.16.0.65/28"]'),
    Recipe(
        "InvalidOperation.NotSupport",
        "fake_ecs.region.ipv6_on_create = False",
        "Ipv6AddressCount=1",
    ),
    inject(_CREATE, "InvalidEcsId.NotFound"),
    inject(_CREATE, "InvalidEniId.NotFound"),
    Recipe("InvalidVSwitchId.NotFound", "", 'VSwitchId="vsw-nope"'),
    Recipe("InvalidSecurityGroupId.NotFound", "", 'SecurityGroupId="sg-nope"'),
    Recipe("InvalidResourceGroup.NotFound", "", 'ResourceGroupId="rg-nope"'),
    Recipe(
        "InvalidOperation.MaxEniIpv6IpsCountExceeded",
        f"{_IPV6}\nfake_ecs.quotas.max_ipv6_addresses_per_eni = 2",
        "Ipv6AddressCount=3",
    ),
    Recipe("InvalidOperation.VSwitchIpv6Disabled", "", "Ipv6AddressCount=1"),
    Recipe("InvalidOperation.EnableIpv6Failed", "", "EnablePrimaryIPv6=True"),
    Recipe(
        "InvalidOperation.AddressAlreadyAllocated",
        f'{_IPV6}\ncreate_eni(Ipv6Address=["2408:4005:3d8:3c00::20"])',
        'Ipv6Address=["2408:4005:3d8:3c00::20"]',
    ),
    Recipe("InvalidOperation.AddressNotInVSwitchCidr", _IPV6, 'Ipv6Address=["2001:db8::1"]'),
    inject(_CREATE, "InvalidOperation.SlaveEniMustHaveBondingEni"),
    Recipe(
        "InvalidOperation.EniTrafficModeNotSupportIpv6",
        "",
        'NetworkInterfaceTrafficMode="HighPerformance", Ipv6AddressCount=1',
    ),
    Recipe(
        "InvalidOperation.VSwitchCidrReservationNotExist",
        "fake_ecs.region.prefix_reservation_required = True",
        "Ipv4PrefixCount=1",
    ),
    # Every call: the legacy SDK retries a 500 three times.
    inject(_CREATE, "InternalError", ", times=None"),
    Recipe(
        "InvalidOperation.RegionNotSupportIpPrefix",
        "fake_ecs.region.ip_prefix = False",
        "Ipv4PrefixCount=1",
    ),
    Recipe(
        "IdempotentParameterMismatch",
        'create_eni(ClientToken="token-1")',
        'ClientToken="token-1", NetworkInterfaceName="other"',
    ),
    Recipe(  # a first request with the token failed on the server's side (a 5xx)
        "IdempotentFailed",
        f'fake_ecs.cloud.tokens.fail("{_CREATE}", fake_ecs.region_id, "t-1")',
        'ClientToken="t-1"',
    ),
)

RECIPES = {_CREATE: CREATE_NETWORK_INTERFACE}
