"""The EIP family (VPC 2016-04-28): AllocateEipAddress, AssociateEipAddress,
UnassociateEipAddress, ReleaseEipAddress, DescribeEipAddresses, ModifyEipAddressAttribute.

Rows and messages from each action's API reference (error code table); of the codes about
NAT gateways, load balancers, HaVips, billing and orders only those a client of ENIs and
instances meets are listed. The codes the core family defines are listed, not redefined.
"""

from __future__ import annotations

ROWS: tuple[tuple[str, int, str, str, str], ...] = (
    # AllocateEipAddress
    (
        "QuotaExceeded.Eip",
        400,
        "Elastic IP address quota exceeded.",
        "The number of EIPs exceeds the quota limit. If you need more EIPs, you can apply to "
        "increase the EIPs quota or use NAT Gateway.",
        "quota",
    ),
    (
        "InsufficientBalance",
        400,
        "Your account does not have enough balance.",
        "Your account balance is insufficient. Top up your account and try again.",
        "client",
    ),
    ("InvalidBandwidth.Malformed", 400, "The specified Bandwidth is invalid.", "", "client"),
    (
        "InvalidResourceGroupId",
        400,
        "The specified ResourceGroupId does not exist.",
        "The specified resource group ID does not exist.",
        "client",
    ),
    ("OperationFailed.InsufficientEIP", 400, "Eip resource is not enough.", "", "quota"),
    (
        "IllegalParam.Isp",
        400,
        "The param of ISP is illegal.",
        "The EIP cannot be allocated because the ISP is invalid.",
        "client",
    ),
    (
        "Ip.Allocated",
        400,
        "The reserve ip has been allocated.",
        "Reserved IP addresses are already specified.",
        "client",
    ),
    (
        "ResourceNotFound.Ip",
        400,
        "The specified ip is not found.",
        "The specified IP could not be found.",
        "client",
    ),
    (
        "InvalidRegionId.NotFound",
        404,
        'Specified value of "RegionId" is not supported.',
        "RegionId is set to an invalid value. Check whether the service is available in the "
        "specified region and try again.",
        "client",
    ),
    # AssociateEipAddress
    (
        "InvalidAssociation.Duplicated",
        400,
        "Specified instance already is associated.",
        "An EIP or a GA instance is already associated with the specified instance. You must "
        "disassociate the EIP or GA instance from the specified instance before you can "
        "perform the operation.",
        "client",
    ),
    (
        "InvalidParameter.Mismatch",
        400,
        "Specified elastic IP address and ECS instance are not in the same region.",
        "The EIP and ECS instance do not belong to the same region.",
        "client",
    ),
    (
        "IncorrectEipStatus",
        400,
        "Current elastic IP status does not support this operation.",
        "You cannot perform the operation when the specified EIP is in the current state.",
        "client",
    ),
    (
        "IncorrectInstanceStatus",
        400,
        "Current instance status does not support this operation.",
        "This operation cannot be performed while the instance is in the current state.",
        "client",
    ),
    (
        "InvalidInstanceType.ValueNotSupported",
        400,
        "The specified value of InstanceType is not supported.",
        "InstanceType is set to an invalid value.",
        "client",
    ),
    (
        "TaskConflict",
        400,
        "The eip operate too frequent, TaskConflict.",
        "Operations are too frequent and tasks conflict with each other.",
        "client",
    ),
    (
        "InvalidParameter.InstanceTypeNotSupport",
        400,
        "The specified instance type is not support.",
        "",
        "client",
    ),
    (
        "InvalidStatus.EniStatusNotSupport",
        400,
        'The status of the ENI does not support this operation, the current status is "{Status}".',
        "",
        "client",
    ),
    (
        "InvalidAllocationId.NotFound",
        404,
        "Specified allocation ID is not found.",
        "The error message returned because the specified EIP does not exist. Check whether "
        "the value of the parameter is valid.",
        "client",
    ),
    (
        "InvalidInstanId.NotFound",
        404,
        "Specified instance does not exist.",
        "The specified instance does not exist.",
        "client",
    ),
    (
        "Forbidden.RegionNotFound",
        404,
        "Specified region is not found during access authentication.",
        "The specified region does not exist. Check whether the specified region ID is valid.",
        "client",
    ),
    # UnassociateEipAddress
    (
        "InvalidBindInstance.NotFound",
        404,
        "The specified bind instance does not exist.",
        "",
        "client",
    ),
    # ReleaseEipAddress
    (
        "Forbidden.ChargeTypeIsPrepaid",
        400,
        "It's forbidden to release a prepaid EIP.",
        "You cannot release subscription EIPs.",
        "client",
    ),
    # DescribeEipAddresses
    (
        "InvalidIAssociatedInstanceType.ValueNotSupported",
        400,
        "The specified value of AssociatedInstanceType is not supported.",
        "The AssociatedInstanceType parameter is set to an invalid value.",
        "client",
    ),
    (
        "InvalidChargeType.ValueNotSupported",
        400,
        "The specified ChargeType is not supported.",
        "The specified billing method is not supported. Specify a supported billing method.",
        "client",
    ),
    ("InvalidTagKey", 400, "The tag keys are not valid.", "The tag index is invalid.", "client"),
    (
        "InvalidTagValue",
        400,
        "The tag values are not valid.",
        "The tag value is invalid.",
        "client",
    ),
)

VARIANTS: dict[tuple[str, str], str] = {
    # DeleteNetworkInterface and UnassignPrivateIpAddresses document no EIP code: the
    # fake answers the ENI-state code they list, saying what holds the ENI.
    ("InvalidOperation.InvalidEniState", "eip"): (
        "The operation is not allowed while an elastic IP address is associated: "
        "unassociate {IpAddress} first."
    ),
}

# The VPC product answers InvalidInstanceId.NotFound at 400 (ECS, catalogue/instances.py: 404).
STATUSES: dict[tuple[str, str], int] = {
    ("UnassociateEipAddress", "InvalidInstanceId.NotFound"): 400,
}

ACTION_CODES: dict[str, tuple[str, ...]] = {
    "AllocateEipAddress": (
        "MissingParameter",
        "QuotaExceeded.Eip",
        "InvalidParameter",
        "InsufficientBalance",
        "InvalidBandwidth.Malformed",
        "InvalidResourceGroupId",
        "OperationFailed.InsufficientEIP",
        "IllegalParam.Isp",
        "Ip.Allocated",
        "ResourceNotFound.Ip",
        "InvalidRegionId.NotFound",
        "OperationConflict",
        "IdempotentParameterMismatch",
        "Throttling",
        "InternalError",
    ),
    "AssociateEipAddress": (
        "MissingParameter",
        "InvalidAssociation.Duplicated",
        "InvalidParameter.Mismatch",
        "IncorrectEipStatus",
        "IncorrectInstanceStatus",
        "InvalidInstanceType.ValueNotSupported",
        "InvalidParameter",
        "TaskConflict",
        "InvalidParameter.InstanceTypeNotSupport",
        "InvalidStatus.EniStatusNotSupport",
        "InvalidAllocationId.NotFound",
        "InvalidInstanId.NotFound",
        "Forbidden.RegionNotFound",
        "IdempotentParameterMismatch",
        "Throttling",
        "InternalError",
    ),
    "UnassociateEipAddress": (
        "MissingParameter",
        "IncorrectEipStatus",
        "InvalidInstanceId.NotFound",
        "IncorrectInstanceStatus",
        "InvalidInstanceType.ValueNotSupported",
        "InvalidParameter",
        "TaskConflict",
        "InvalidAllocationId.NotFound",
        "InvalidBindInstance.NotFound",
        "Forbidden.RegionNotFound",
        "IdempotentParameterMismatch",
        "Throttling",
        "InternalError",
    ),
    "ReleaseEipAddress": (
        "MissingParameter",
        "IncorrectEipStatus",
        "Forbidden.ChargeTypeIsPrepaid",
        "InvalidAllocationId.NotFound",
        "Forbidden.RegionNotFound",
        "InvalidParameter",
        "Throttling",
        "InternalError",
    ),
    "DescribeEipAddresses": (
        "InvalidParameter",
        "InvalidIAssociatedInstanceType.ValueNotSupported",
        "InvalidChargeType.ValueNotSupported",
        "InvalidResourceGroupId",
        "InvalidTagKey",
        "InvalidTagValue",
        "Forbidden.RegionNotFound",
        "DryRunOperation",
        "MissingParameter",
        "Throttling",
        "InternalError",
    ),
    "ModifyEipAddressAttribute": (
        "MissingParameter",
        "InvalidParameter",
        "IncorrectEipStatus",
        "InvalidAllocationId.NotFound",
        "Forbidden.RegionNotFound",
        "Throttling",
        "InternalError",
    ),
}

# A ClientToken whose first request failed server-side stays failed (docs/observed-behaviour.md).
for _action in (
    "AllocateEipAddress",
    "AssociateEipAddress",
    "UnassociateEipAddress",
):
    ACTION_CODES[_action] += ("IdempotentFailed",)
