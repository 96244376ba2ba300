"""The catalogue table: every documented ECS error code the fake can return.

Each row is ``(code, http_status, message_template, description, kind)``. Templates use
``{Name}`` placeholders: a wire parameter's value by its wire name, other specifics of the
failure by the names ``EcsError`` is raised with. ``kind`` is ``client``, ``quota``,
``permission`` or ``server``.
Where the API doc gives only ``%s`` the message is written in the service's own wording,
taken from the same code's text in sibling ENI docs or real responses when one is known.
"""

from __future__ import annotations

ROWS: tuple[tuple[str, int, str, str, str], ...] = (
    # CreateNetworkInterface's documented table, in its order (first message of a code).
    (
        "MissingParameter",
        400,
        'The input parameter "{Parameter}" that is mandatory for processing this request '
        "is not supplied.",
        "A parameter is not specified.",
        "client",
    ),
    (
        "UnsupportedParameter",
        400,
        'The parameter "{Parameter}" is not supported.',
        "The parameter is not supported.",
        "client",
    ),
    (
        "InvalidParameter",
        400,
        'The specified parameter "{Parameter}" is not valid.',
        "The specified parameter is invalid.",
        "client",
    ),
    (
        "InvalidInstanceID.Malformed",
        400,
        'The specified InstanceId "{InstanceId}" is not valid.',
        "The specified InstanceId parameter is invalid.",
        "client",
    ),
    (
        "InvalidOperation.InvalidEcsState",
        400,
        'The operation is not allowed in the current ECS state, the current state is "{Status}".',
        "",
        "client",
    ),
    (
        "InvalidOperation.InvalidEniState",
        400,
        "The operation is not allowed in the current ENI state. "
        "Expecting status is {Expected},while current status is {Status}.",
        "",
        "client",
    ),
    (
        "InvalidOperation.DetachPrimaryEniNotAllowed",
        400,
        "Detaching primary ENI from ECS instance is not allowed.",
        "",
        "client",
    ),
    (
        "Forbidden.RegionId",
        400,
        'The service is unavailable in the current region "{RegionId}".',
        "The service is unavailable in the current region.",
        "permission",
    ),
    (
        "Duplicate.TagKey",
        400,
        "The Tag.N.Key contain duplicate key.",
        "The specified tag key already exists. Tag keys must be unique.",
        "client",
    ),
    (
        "InvalidTagKey.Malformed",
        400,
        "The specified Tag.n.Key is not valid.",
        "The specified Tag.N.Key parameter is invalid.",
        "client",
    ),
    (
        "InvalidTagValue.Malformed",
        400,
        "The specified Tag.n.Value is not valid.",
        "The specified tag value is invalid.",
        "client",
    ),
    (
        "JoinedGroupLimitExceed",
        400,
        "The specified resource has exceed quota of SecurityGroup, the limit is {Limit}.",
        "The maximum number of security groups to which the specified resource can be added "
        "has been reached. For more information, see the return value of the %s placeholder "
        "in the error message.",
        "quota",
    ),
    (
        "InvalidParameter.SecurityGroupIdRepeated",
        400,
        "The specified security group ids has repeated.",
        "",
        "client",
    ),
    (
        "InvalidSecurityGroupId.SingleIdAndMultiIdConflict",
        400,
        'The specified parameter "SecurityGroupId" and "SecurityGroupIds" can not be '
        "specified at the same time.",
        "",
        "client",
    ),
    (
        "InvalidParameter.Conflict",
        400,
        'The specified parameter "{Parameter}" conflicts with "{ConflictParameter}".',
        "The specified parameter is invalid. Check whether parameter conflicts exist. %s is a "
        "variable. An error message is dynamically returned based on call conditions.",
        "client",
    ),
    (
        "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
        400,
        "The specified parameter ConnectionTrackingConfiguration is not supported in this "
        "region, or this account is not in the whitelist of using network interface "
        "ConnectionTrackingConfiguration.",
        "The specified parameter ConnectionTrackingConfiguration is not supported in this "
        "region, or this account is not in the whitelist of using network interface "
        "ConnectionTrackingConfiguration.",
        "permission",
    ),
    (
        "InvalidOperation.EniCountExceeded",
        400,
        "The maximum number of eni in a enterprise level security group is exceeded.",
        "The maximum number of NICs in the Enterprise Security Group has been reached.",
        "quota",
    ),
    (
        "InvalidPrivateIpAddress.Duplicated",
        400,
        'The specified private IP address "{IpAddress}" is duplicated.',
        "The specified IP address is already in use.",
        "client",
    ),
    (
        "IncorrectVSwitchStatus",
        400,
        "The operation is not allowed in the current VSwitch state. Expecting state includes "
        '"Created Available", but current state is "{Status}".',
        "The operation is not supported in the current state of the vSwitch.",
        "client",
    ),
    (
        "InvalidEniQueueSize.RegionOrUserNotSupported",
        400,
        'The specified parameter "RxQueueSize" or "TxQueueSize" is not supported in this '
        "region or this account is not allowed to use ENI QueueSize.",
        "You are not authorized to specify the length of NIC queues or cannot specify the "
        "length of NIC queues in the current region.",
        "permission",
    ),
    (
        "InvalidParameter.EniQueueSize",
        400,
        'The specified parameter "TxQueueSize" and "RxQueueSize" are not equal or the value '
        "must be 8192 or 16384.",
        "The specified parameter TxQueueSize and RxQueueSize are not equal or not the allowed "
        "value.",
        "client",
    ),
    (
        "InvalidParameter.EniConnectionTrackingConfiguration",
        400,
        'The specified ENI connection tracking configuration "{Field}" must be between {Min} '
        "and {Max}.",
        "The network connection configuration specified by the network card exceeds the "
        "allowable range",
        "client",
    ),
    (
        "QuotaExceeded.PrivateIpAddress",
        400,
        "There are not enough private IPs in the specified VSwitch.",
        "The current VSwitch does not have enough Ip",
        "quota",
    ),
    (
        "InvalidUserType.NotSupported",
        403,
        "The operation is not supported for your account type.",
        "Your account does not support this operation.",
        "permission",
    ),
    (
        "Abs.InvalidAccount.NotFound",
        403,
        "The Alibaba Cloud account does not exist or the AccessKey has expired.",
        "Your Alibaba Cloud account does not exist or your AccessKey pair has expired.",
        "permission",
    ),
    (
        "Forbidden.NotSupportRAM",
        403,
        "This action does not support accessing by RAM mode.",
        "RAM users are not authorized to perform this operation.",
        "permission",
    ),
    (
        "Forbidden.SubUser",
        403,
        "User not authorized to operate on the specified resource as your account is created "
        "by another user.",
        "You are not authorized to manage this resource. Contact the owner of the Alibaba "
        "Cloud account for authorization.",
        "permission",
    ),
    (
        "InValidParameter",
        403,
        'The specified parameter "{Parameter}" is not valid.',
        "The specified parameter is invalid.",
        "client",
    ),
    (
        "MaxEniCountExceeded",
        403,
        "The number of ENI exceeds the limit per region.",
        "The maximum number of ENIs that can be managed has been reached.",
        "quota",
    ),
    (
        "EniPerInstanceLimitExceeded",
        403,
        "The number of ENI exceeds the limit for the type of instance you are trying to launch.",
        "The maximum number of ENIs that can be attached to the specified instance has been "
        "reached.",
        "quota",
    ),
    (
        "InvalidOperation.AvailabilityZoneMismatch",
        403,
        "The VPC VSwitch of the specified ENI and ECS instance are not in the same availability "
        "zone.",
        "The operation is invalid.",
        "client",
    ),
    (
        "InvalidOperation.VpcMismatch",
        403,
        "The VPC of the specified ENI and security group are not in the same VPC.",
        "The operation is invalid. Check whether the VPC in the operation corresponds to other "
        "parameters.",
        "client",
    ),
    (
        "SecurityGroupInstanceLimitExceed",
        403,
        "The maximum number of instances in a security group is exceeded.",
        "",
        "quota",
    ),
    (
        "InvalidSecurityGroupId.NotVpc",
        403,
        "The network type of the specified security group is not VPC.",
        "The specified SecurityGroupId parameter is invalid and the network type of the "
        "security group is not VPC.",
        "client",
    ),
    (
        "InvalidOperation.InvalidEniType",
        403,
        "The operation is not allowed in the current ENI type.",
        "",
        "client",
    ),
    (
        "InvalidVSwitchId.IpNotEnough",
        403,
        'The specified VSwitch "{VSwitchId}" has not enough IpAddress.',
        "The number of available IP addresses on the specified vSwitch is insufficient.",
        "quota",
    ),
    (
        "InvalidVSwitchId.IpInvalid",
        403,
        'The specified IpAddress "{IpAddress}" is not valid in VSwitch CIDR block.',
        "The specified private IP address is invalid.",
        "client",
    ),
    (
        "QuotaExceed.Tags",
        403,
        "The Tags parameter's number is exceed , Valid : {Limit}",
        "The number of specified tags exceeds the upper limit. %s is a variable. An error "
        "message is dynamically returned based on call conditions.",
        "quota",
    ),
    (
        "InvalidIp.Address",
        403,
        'The specified IP address "{IpAddress}" is not valid.',
        "",
        "client",
    ),
    (
        "InvalidIp.IpRepeated",
        403,
        'The specified IP address "{IpAddress}" is repeated.',
        "The specified IP address already exists.",
        "client",
    ),
    (
        "MaxEniPrivateIpsCountExceeded",
        403,
        "The number of private IP addresses exceeds the limit of {Limit} per ENI.",
        "The maximum number of secondary private IP addresses that can be assigned to the "
        "specified ENI has been exceeded. For more information, see the return value of the "
        "%s placeholder in the error message.",
        "quota",
    ),
    (
        "InvalidOperation.ResourceManagedByCloudProduct",
        403,
        "The security group managed by cloud product is not allowed to be operated.",
        "You cannot modify security groups managed by cloud services.",
        "client",
    ),
    (
        "InvalidOperation.TrunkingIsNotAllowed",
        403,
        "Trunking is not allowed for the specified ENI.",
        "",
        "client",
    ),
    (
        "InvalidParameter.InvalidEniQueueNumber",
        403,
        'The specified parameter QueueNumber "{Value}" is not valid.',
        "",
        "client",
    ),
    (
        "InvalidOperation.MaxEniQueueNumberExceeded",
        403,
        "The QueueNumber on the ENI exceeds the upper limit of {Limit} allowed for a single ENI.",
        "",
        "quota",
    ),
    (
        "InvalidOperation.ExceedInstanceTypeQueueNumber",
        403,
        "The total QueueNumber of the ENIs on the instance exceeds the limit of {Limit} of the "
        "instance type.",
        "The maximum number of queues for all ENIs on an instance has been exceeded. For more "
        "information, see the return value of the %s placeholder in the error message.",
        "quota",
    ),
    (
        "InvalidParameter.EniTrafficMode",
        403,
        "The ENI traffic mode is set incorrectly, it must be either Standard or HighPerformance.",
        "",
        "client",
    ),
    (
        "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
        403,
        "The HighPerformance traffic mode is not allowed in the current region or for the "
        "current instance type.",
        "",
        "client",
    ),
    (
        "InvalidParameter.QueuePairNumberMustEmpty",
        403,
        "When the traffic mode is set to Standard, the QueuePairNumber must be empty.",
        "",
        "client",
    ),
    (
        "InvalidParameter.InvalidQueuePairNumber",
        403,
        "The specified parameter QueuePairNumber exceeds limit.",
        "",
        "client",
    ),
    (
        "InvalidParams.NetworkInterfaceName",
        403,
        'The specified NetworkInterfaceName "{NetworkInterfaceName}" is not valid.',
        "",
        "client",
    ),
    (
        "InvalidIp.IpPrefixIllegal",
        403,
        "The ip prefixes {Prefixes} is/are illegal.",
        "The IP address prefix is invalid and is not in the CIDR format.",
        "client",
    ),
    (
        "InvalidIp.IpPrefixMustInReserveSegment",
        403,
        "The ip prefix must in vswitch reserve segment.",
        "The IP address prefix is invalid and is not in the reserved CIDR block of the vSwitch.",
        "client",
    ),
    (
        "InvalidOperation.Ipv4CountExceeded",
        403,
        "The number of IPv4 addresses exceeds the limit of {Limit} per ENI.",
        "The operation is valid because the maximum number of IPv4 addresses has been reached.",
        "quota",
    ),
    (
        "InvalidOperation.Ipv6CountExceeded",
        403,
        "The number of IPv6 addresses exceeds the limit of {Limit} per ENI.",
        "The operation is valid because the maximum number of IPv6 addresses has been reached.",
        "quota",
    ),
    (
        "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
        403,
        "High performance traffic mode does not support the current ENI type. Expected ENI "
        'type is "{Expected}" but the current ENI type is "{Actual}".',
        "High performance traffic mode does not support the current ENI type.",
        "client",
    ),
    (
        "AclLimitExceed",
        403,
        "The number of ACL rules for the ENI or instance exceeds the limit.",
        "The number of ACL rules for an ENI or instance exceeds the upper limit.",
        "quota",
    ),
    (
        "InvalidIp.IpPrefixMaskInvalid",
        403,
        "The IP prefix mask {Mask} is illegal which must be between {MinMask} and {MaxMask}.",
        "The IP prefix mask is invalid and is not in the valid range.",
        "client",
    ),
    (
        "InvalidVSwitchId.IpPrefixNotEnough",
        403,
        "The specified VSwitch does not have enough IP prefixes.",
        "The number of IP prefixes in the specified switch is insufficient.",
        "quota",
    ),
    (
        "InvalidIp.IpPrefixMaskNotSame",
        403,
        "The IP prefixes {Prefixes} are illegal.The IP prefix mask must be the same.",
        "The IP prefix masks are not the same.",
        "client",
    ),
    (
        "EnterpriseGroupLimited.MutliGroupType",
        403,
        "The specified instance can't associate security group of different types.",
        "The specified instance cannot be added to both a common security group and an "
        "enterprise security group. You can call the DescribeSecurityGroups query to specify "
        "the type of security group.",
        "client",
    ),
    (
        "InvalidOperation.BoundingEniSlaveQuotaExceed",
        403,
        "The number of Slave ENIs exceeds the limit of Bond ENI.",
        "The number of Slave ENIs exceeds the limit of Bond ENI.",
        "quota",
    ),
    (
        "InvalidIp.IpPrefixNotAvailable",
        403,
        "The IP prefix is not available.",
        "The IP prefix is not free.",
        "client",
    ),
    (
        "InvalidIp.IpPrefixMaskIllegal",
        403,
        "The current IP prefix mask is illegal.",
        "Illegal IP prefix mask.",
        "client",
    ),
    (
        "InvalidIp.IpPrefixNotStrict",
        403,
        'The IP prefix "{Prefix}" must be strict CIDR format.',
        "Invalid IP prefix, not strictly cidr.",
        "client",
    ),
    (
        "InvalidOperation.NotSupport",
        403,
        "The specified region does not support allocating IPv6 when creating ENI.",
        "The specified region does not support allocating IPv6 when creating ENI.",
        "client",
    ),
    (
        "InvalidEcsId.NotFound",
        404,
        "The specified EcsId is not found.",
        "The specified instance ID does not exist.",
        "client",
    ),
    (
        "InvalidEniId.NotFound",
        404,
        "The specified EniId is not found.",
        "The specified ENI ID does not exist.",
        "client",
    ),
    (
        "InvalidVSwitchId.NotFound",
        404,
        "The specified VSwitchId is not found.",
        "The specified vSwitch does not exist.",
        "client",
    ),
    (
        "InvalidSecurityGroupId.NotFound",
        404,
        "The specified SecurityGroupId is not found.",
        "The specified security group ID does not exist.",
        "client",
    ),
    (
        "InvalidResourceGroup.NotFound",
        404,
        "The ResourceGroup provided does not exist in our records.",
        "The specified resource group does not exist.",
        "client",
    ),
    (
        "InvalidOperation.MaxEniIpv6IpsCountExceeded",
        404,
        "The ipv6 address count exceed limitation.",
        "",
        "quota",
    ),
    (
        "InvalidOperation.VSwitchIpv6Disabled",
        404,
        "The specified VSwitch does not support Ipv6 feature.",
        "The specified VSwitch does not support IPv6.",
        "client",
    ),
    (
        "InvalidOperation.EnableIpv6Failed",
        404,
        "The specified VSwitch does not support Ipv6 feature.",
        "",
        "client",
    ),
    (
        "InvalidOperation.AddressAlreadyAllocated",
        404,
        "The specified ipv6 has been already allocated.",
        "",
        "client",
    ),
    (
        "InvalidOperation.AddressNotInVSwitchCidr",
        404,
        "The specified ipv6 does not match VSwitch cidr scope.",
        "",
        "client",
    ),
    (
        "InvalidOperation.SlaveEniMustHaveBondingEni",
        404,
        "Ensure you create the corresponding Bond ENI before creating Slave ENI.",
        "You must create a Bond network card before creating a Slave network card.",
        "client",
    ),
    (
        "InvalidOperation.EniTrafficModeNotSupportIpv6",
        404,
        "The High Performance(RDMA) traffic mode does not support IPv6.",
        "ENIs that use the RDMA communication mode do not support IPv6.",
        "client",
    ),
    (
        "InvalidOperation.VSwitchCidrReservationNotExist",
        404,
        "The specified VSwitch does not have CIDR reservation.",
        "The specified switch does not have a reserved segment available.",
        "client",
    ),
    (
        "InternalError",
        500,
        "The request processing has failed due to some unknown error, exception or failure.",
        "An internal error has occurred. Try again later.",
        "server",
    ),
    (
        "InvalidOperation.RegionNotSupportIpPrefix",
        500,
        "The current region does not support IP prefix feature.",
        "The region does not support IP prefix allocation.",
        "server",
    ),
    # Common codes: not in the action's table, but the gateway and service return them.
    (
        "Throttling",
        400,
        "Request was denied due to request throttling.",
        "Too many requests within a short time. Try again later.",
        "server",
    ),
    (
        "Throttling.User",
        400,
        "Request was denied due to user flow control.",
        "The user's request rate exceeds the limit. Try again later.",
        "server",
    ),
    (
        "ServiceUnavailable",
        503,
        "The request has failed due to a temporary failure of the server.",
        "The service is temporarily unavailable. Try again later.",
        "server",
    ),
    (
        "UnknownError",
        500,
        "The request processing has failed due to some unknown error.",
        "An unknown error has occurred. Try again later.",
        "server",
    ),
    (
        "OperationConflict",
        409,
        "Request was denied due to conflict with a previous request.",
        "The request conflicts with an operation in progress. Try again later.",
        "server",
    ),
    (
        "Operation.Conflict",
        403,
        "ecs task is conflicted.",
        "The request conflicts with an ECS task in progress. Try again later.",
        "server",
    ),
    (
        "InvalidAction.NotFound",
        404,
        "Specified api is not found, please check your url and method. "
        'The fake (pytest-fake-eni) does not implement the action "{Action}".',
        "The specified action does not exist.",
        "client",
    ),
    (
        "InvalidVersion",
        400,
        "Specified parameter Version is not valid. "
        'The fake (pytest-fake-eni) implements version "2014-05-26", not "{Version}".',
        "The specified API version is not valid.",
        "client",
    ),
    (
        "IdempotentParameterMismatch",
        400,
        "The request is retried with updated parameters.",
        "A ClientToken was reused with different request parameters.",
        "client",
    ),
    (
        "IdempotentFailed",
        400,
        "The last request with the same token failed. Use a new ClientToken.",
        "The earlier request made with this ClientToken failed; the token cannot be reused.",
        "client",
    ),
    (
        "InvalidIdempotenceParameter.Mismatch",
        403,
        "The specified parameters are different from before.",
        "A ClientToken was reused with different request parameters.",
        "client",
    ),
    (
        "LastTokenProcessing",
        403,
        "The last token request is processing.",
        "The earlier request made with this ClientToken is still being processed.",
        "server",
    ),
    (
        "InvalidAccessKeyId.NotFound",
        404,
        "Specified access key is not found.",
        "The specified AccessKey ID does not exist.",
        "permission",
    ),
    (
        "Forbidden.AccessKeyDisabled",
        403,
        "The Access Key is disabled.",
        "The specified AccessKey pair is disabled.",
        "permission",
    ),
    (
        "SignatureDoesNotMatch",
        400,
        "Specified signature is not matched with our calculation. "
        "server string to sign is:{StringToSign}",
        "The request signature does not match the server's calculation.",
        "permission",
    ),
    (
        "IncompleteSignature",
        400,
        "The request signature does not conform to Aliyun standards.",
        "The request signature is malformed.",
        "permission",
    ),
    (
        "InvalidTimeStamp.Expired",
        400,
        "Specified time stamp or date value is expired.",
        "The request timestamp differs from the server time by more than 15 minutes.",
        "permission",
    ),
    (
        "IllegalTimestamp",
        400,
        'The input parameter "Timestamp" that is mandatory for processing this request is not '
        "supplied.",
        "The request timestamp is missing or cannot be parsed.",
        "permission",
    ),
    (
        "SignatureNonceUsed",
        400,
        "Specified signature nonce was used already.",
        "The signature nonce was already used within the last 15 minutes.",
        "permission",
    ),
    (
        "InvalidSecurityToken.Expired",
        400,
        "Specified SecurityToken is expired.",
        "The specified STS security token has expired.",
        "permission",
    ),
    (
        "InvalidSecurityToken.Malformed",
        400,
        "Specified SecurityToken is malformed.",
        "The specified STS security token is malformed.",
        "permission",
    ),
    (
        "InvalidSecurityToken.MismatchWithAccessKey",
        400,
        "Specified SecurityToken mismatch with the AccessKey.",
        "The specified STS security token does not belong to the AccessKey ID.",
        "permission",
    ),
    (
        "MissingSecurityToken",
        400,
        "SecurityToken is mandatory for this action.",
        "An STS AccessKey was used without a security token.",
        "permission",
    ),
    (
        "Forbidden.RAM",
        403,
        "User not authorized to operate on the specified resource, or this API doesn't "
        "support RAM.",
        "The RAM user or role is not authorized to perform this operation.",
        "permission",
    ),
    (
        "InvalidParamater",  # sic: the gateway's own spelling
        400,
        'The specified parameter "{Parameter}" is not valid.',
        "A signature parameter (SignatureMethod, SignatureVersion) has an unsupported value.",
        "client",
    ),
    (
        "InvalidRegionId.MalFormed",
        400,
        'The specified RegionId "{RegionId}" is not valid.',
        "The specified RegionId parameter is invalid.",
        "client",
    ),
)

VARIANTS: dict[tuple[str, str], str] = {
    # The second message of each code the table lists twice, by a short variant name.
    ("InvalidPrivateIpAddress.Duplicated", "in_use"): (
        "The specified private IP address is already in use."
    ),
    ("IncorrectVSwitchStatus", "generic"): (
        "The current status of virtual switch does not support this operation."
    ),
    ("InvalidParameter.EniTrafficMode", "business_type"): (
        "The eni business type not support HighPerformance traffic mode."
    ),
    ("InvalidVSwitchId.NotFound", "documented"): "The specified VSwitchId is not found.",
    ("InvalidOperation.MaxEniIpv6IpsCountExceeded", "limit"): (
        "The ipv6 address count exceed limitation, the limit is {Limit}."
    ),
    ("InvalidOperation.AddressAlreadyAllocated", "ip"): (
        "The specified IP has already been allocated."
    ),
    ("InvalidOperation.VSwitchIpv6Disabled", "vswitch"): (
        'The specified VSwitch "{VSwitchId}" does not support IPv6.'
    ),
    # ACS3's wording, as quoted in aliyun/alibabacloud-csharp-sdk#40.
    ("SignatureDoesNotMatch", "acs"): (
        "Specified signature does not match our calculation. "
        "server StringToSign is [{StringToSign}]"
    ),
}

ACTION_CODES: dict[str, tuple[str, ...]] = {
    "CreateNetworkInterface": (
        "MissingParameter",
        "UnsupportedParameter",
        "InvalidParameter",
        "InvalidInstanceID.Malformed",
        "InvalidOperation.InvalidEcsState",
        "InvalidOperation.InvalidEniState",
        "InvalidOperation.DetachPrimaryEniNotAllowed",
        "Forbidden.RegionId",
        "Duplicate.TagKey",
        "InvalidTagKey.Malformed",
        "InvalidTagValue.Malformed",
        "JoinedGroupLimitExceed",
        "InvalidParameter.SecurityGroupIdRepeated",
        "InvalidSecurityGroupId.SingleIdAndMultiIdConflict",
        "InvalidParameter.Conflict",
        "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
        "InvalidOperation.EniCountExceeded",
        "InvalidPrivateIpAddress.Duplicated",
        "IncorrectVSwitchStatus",
        "InvalidEniQueueSize.RegionOrUserNotSupported",
        "InvalidParameter.EniQueueSize",
        "InvalidParameter.EniConnectionTrackingConfiguration",
        "QuotaExceeded.PrivateIpAddress",
        "InvalidUserType.NotSupported",
        "Abs.InvalidAccount.NotFound",
        "Forbidden.NotSupportRAM",
        "Forbidden.SubUser",
        "InValidParameter",
        "MaxEniCountExceeded",
        "EniPerInstanceLimitExceeded",
        "InvalidOperation.AvailabilityZoneMismatch",
        "InvalidOperation.VpcMismatch",
        "SecurityGroupInstanceLimitExceed",
        "InvalidSecurityGroupId.NotVpc",
        "InvalidOperation.InvalidEniType",
        "InvalidVSwitchId.IpNotEnough",
        "InvalidVSwitchId.IpInvalid",
        "QuotaExceed.Tags",
        "InvalidIp.Address",
        "InvalidIp.IpRepeated",
        "MaxEniPrivateIpsCountExceeded",
        "InvalidOperation.ResourceManagedByCloudProduct",
        "InvalidOperation.TrunkingIsNotAllowed",
        "InvalidParameter.InvalidEniQueueNumber",
        "InvalidOperation.MaxEniQueueNumberExceeded",
        "InvalidOperation.ExceedInstanceTypeQueueNumber",
        "InvalidParameter.EniTrafficMode",
        "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
        "InvalidParameter.QueuePairNumberMustEmpty",
        "InvalidParameter.InvalidQueuePairNumber",
        "InvalidParams.NetworkInterfaceName",
        "InvalidIp.IpPrefixIllegal",
        "InvalidIp.IpPrefixMustInReserveSegment",
        "InvalidOperation.Ipv4CountExceeded",
        "InvalidOperation.Ipv6CountExceeded",
        "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
        "AclLimitExceed",
        "InvalidIp.IpPrefixMaskInvalid",
        "InvalidVSwitchId.IpPrefixNotEnough",
        "InvalidIp.IpPrefixMaskNotSame",
        "EnterpriseGroupLimited.MutliGroupType",
        "InvalidOperation.BoundingEniSlaveQuotaExceed",
        "InvalidIp.IpPrefixNotAvailable",
        "InvalidIp.IpPrefixMaskIllegal",
        "InvalidIp.IpPrefixNotStrict",
        "InvalidOperation.NotSupport",
        "InvalidEcsId.NotFound",
        "InvalidEniId.NotFound",
        "InvalidVSwitchId.NotFound",
        "InvalidSecurityGroupId.NotFound",
        "InvalidResourceGroup.NotFound",
        "InvalidOperation.MaxEniIpv6IpsCountExceeded",
        "InvalidOperation.VSwitchIpv6Disabled",
        "InvalidOperation.EnableIpv6Failed",
        "InvalidOperation.AddressAlreadyAllocated",
        "InvalidOperation.AddressNotInVSwitchCidr",
        "InvalidOperation.SlaveEniMustHaveBondingEni",
        "InvalidOperation.EniTrafficModeNotSupportIpv6",
        "InvalidOperation.VSwitchCidrReservationNotExist",
        "InternalError",
        "InvalidOperation.RegionNotSupportIpPrefix",
    ),
}
