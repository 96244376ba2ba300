"""Recipes of the EIP family's codes (see the package docstring)."""

from __future__ import annotations

from pytest_fake_eni.recipes.recipe import Recipe, inject, nested, token_failed

_ALLOC = 'eip = call("AllocateEipAddress")["AllocationId"]\n'
_ENI = 'eni = create_eni()["NetworkInterfaceId"]\n'
_ON_ENI = 'InstanceType="NetworkInterface", InstanceId=eni'
_ASSOC = f'call("AssociateEipAddress", AllocationId=eip, {_ON_ENI})\n'
_HELD = _ALLOC + _ENI + _ASSOC
_SLOW = "fake_ecs.transition_delay = 5\n"
_INSTANCE = "inst = fake_ecs.add_instance()\n"
_NOWHERE = 'RegionId="xx-nowhere-1"'
_MISSING = 'AllocationId="eip-nothere"'

ALLOCATE = "AllocateEipAddress"
ASSOCIATE = "AssociateEipAddress"
UNASSOCIATE = "UnassociateEipAddress"
RELEASE = "ReleaseEipAddress"
DESCRIBE = "DescribeEipAddresses"
MODIFY = "ModifyEipAddressAttribute"


def _r(action: str, code: str, state: str, request: str) -> Recipe:
    return Recipe(code, state, request, action=action)


def _tail(action: str, *codes: str) -> tuple[Recipe, ...]:
    return tuple(inject(action, code) for code in codes)


RECIPES = {
    ALLOCATE: (
        _r(ALLOCATE, "MissingParameter", "", 'RegionId=""'),
        _r(ALLOCATE, "QuotaExceeded.Eip", "fake_ecs.cloud.eips.max_eips_per_region = 0", ""),
        _r(ALLOCATE, "InvalidParameter", "", 'InternetChargeType="PayByMonth"'),
        inject(ALLOCATE, "InsufficientBalance"),
        _r(ALLOCATE, "InvalidBandwidth.Malformed", "", 'Bandwidth="fast"'),
        _r(ALLOCATE, "InvalidResourceGroupId", "", 'ResourceGroupId="rg-nothere"'),
        _r(
            ALLOCATE,
            "OperationFailed.InsufficientEIP",
            'fake_ecs.add_public_ip_pool("198.51.100.0/32")\ncall("AllocateEipAddress")',
            "",
        ),
        _r(ALLOCATE, "IllegalParam.Isp", "", 'ISP="Moon"'),
        _r(
            ALLOCATE,
            "Ip.Allocated",
            'ip = call("AllocateEipAddress")["EipAddress"]',
            "IpAddress=ip",
        ),
        _r(ALLOCATE, "ResourceNotFound.Ip", "", 'IpAddress="192.0.2.1"'),
        _r(ALLOCATE, "InvalidRegionId.NotFound", "", _NOWHERE),
        inject(ALLOCATE, "OperationConflict"),
        _r(
            ALLOCATE,
            "IdempotentParameterMismatch",
            'call("AllocateEipAddress", ClientToken="t", Bandwidth="5")',
            'ClientToken="t", Bandwidth="6"',
        ),
        *_tail(ALLOCATE, "Throttling", "InternalError"),
    ),
    ASSOCIATE: (
        _r(ASSOCIATE, "MissingParameter", _ENI, _ON_ENI),
        _r(
            ASSOCIATE,
            "InvalidAssociation.Duplicated",
            _HELD + 'other = call("AllocateEipAddress")["AllocationId"]',
            f"AllocationId=other, {_ON_ENI}",
        ),
        _r(
            ASSOCIATE,
            "InvalidParameter.Mismatch",
            'vpc = fake_ecs.add_vpc("10.0.0.0/8", region_id="cn-beijing")\n'
            'vsw = fake_ecs.add_vswitch(vpc.vpc_id, "10.1.0.0/24")\n'
            "sg = fake_ecs.add_security_group(vpc.vpc_id)\n"
            "inst = fake_ecs.add_instance(vsw.vswitch_id, "
            f"security_group_ids=[sg.security_group_id])\n{_ALLOC}",
            "AllocationId=eip, InstanceId=inst.instance_id",
        ),
        _r(ASSOCIATE, "IncorrectEipStatus", _HELD, f"AllocationId=eip, {_ON_ENI}"),
        _r(
            ASSOCIATE,
            "IncorrectInstanceStatus",
            'inst = fake_ecs.add_instance(status="Starting")\n' + _ALLOC,
            "AllocationId=eip, InstanceId=inst.instance_id",
        ),
        _r(
            ASSOCIATE,
            "InvalidInstanceType.ValueNotSupported",
            _ALLOC,
            'AllocationId=eip, InstanceType="Toaster", InstanceId="x-1"',
        ),
        _r(
            ASSOCIATE,
            "InvalidParameter",
            _ALLOC + _ENI,
            f'AllocationId=eip, {_ON_ENI}, PrivateIpAddress="172.16.0.250"',
        ),
        _r(ASSOCIATE, "TaskConflict", _SLOW + _HELD, f"AllocationId=eip, {_ON_ENI}"),
        _r(
            ASSOCIATE,
            "InvalidParameter.InstanceTypeNotSupport",
            _INSTANCE + _ALLOC,
            'AllocationId=eip, InstanceType="NetworkInterface", InstanceId=inst.primary_eni_id',
        ),
        _r(
            ASSOCIATE,
            "InvalidStatus.EniStatusNotSupport",
            _SLOW
            + _INSTANCE
            + _ENI
            + 'call("AttachNetworkInterface", NetworkInterfaceId=eni, '
            + "InstanceId=inst.instance_id)\n"
            + _ALLOC,
            f"AllocationId=eip, {_ON_ENI}",
        ),
        _r(ASSOCIATE, "InvalidAllocationId.NotFound", "", f'{_MISSING}, InstanceId="i-x"'),
        _r(
            ASSOCIATE,
            "InvalidInstanId.NotFound",
            _ALLOC,
            'AllocationId=eip, InstanceType="NetworkInterface", InstanceId="eni-nothere"',
        ),
        _r(ASSOCIATE, "Forbidden.RegionNotFound", "", f'{_NOWHERE}, {_MISSING}, InstanceId="i-x"'),
        _r(
            ASSOCIATE,
            "IdempotentParameterMismatch",
            _ALLOC
            + _ENI
            + f'call("AssociateEipAddress", AllocationId=eip, {_ON_ENI}, ClientToken="t")',
            f'AllocationId=eip, {_ON_ENI}, ClientToken="t", Mode="MULTI_BINDED"',
        ),
        *_tail(ASSOCIATE, "Throttling", "InternalError"),
    ),
    UNASSOCIATE: (
        _r(UNASSOCIATE, "MissingParameter", "", ""),
        _r(UNASSOCIATE, "IncorrectEipStatus", _ALLOC, "AllocationId=eip"),
        _r(UNASSOCIATE, "InvalidInstanceId.NotFound", _HELD, 'AllocationId=eip, InstanceId="i-x"'),
        _r(
            UNASSOCIATE,
            "IncorrectInstanceStatus",
            _INSTANCE
            + _ALLOC
            + 'call("AssociateEipAddress", AllocationId=eip, InstanceId=inst.instance_id)\n'
            + 'inst.status = "Starting"',
            "AllocationId=eip",
        ),
        _r(
            UNASSOCIATE,
            "InvalidInstanceType.ValueNotSupported",
            _HELD,
            'AllocationId=eip, InstanceType="Toaster"',
        ),
        _r(UNASSOCIATE, "InvalidParameter", _HELD, 'AllocationId=eip, ClientToken="x" * 65'),
        _r(UNASSOCIATE, "TaskConflict", _SLOW + _HELD, "AllocationId=eip"),
        _r(UNASSOCIATE, "InvalidAllocationId.NotFound", "", _MISSING),
        _r(
            UNASSOCIATE,
            "InvalidBindInstance.NotFound",
            _HELD + 'other = create_eni()["NetworkInterfaceId"]',
            "AllocationId=eip, InstanceId=other",
        ),
        _r(UNASSOCIATE, "Forbidden.RegionNotFound", "", f"{_NOWHERE}, {_MISSING}"),
        _r(
            UNASSOCIATE,
            "IdempotentParameterMismatch",
            _HELD + 'call("UnassociateEipAddress", AllocationId=eip, ClientToken="t")',
            'AllocationId=eip, ClientToken="t", InstanceId=eni',
        ),
        *_tail(UNASSOCIATE, "Throttling", "InternalError"),
    ),
    RELEASE: (
        _r(RELEASE, "MissingParameter", "", ""),
        _r(RELEASE, "IncorrectEipStatus", _HELD, "AllocationId=eip"),
        _r(
            RELEASE,
            "Forbidden.ChargeTypeIsPrepaid",
            'eip = call("AllocateEipAddress", InstanceChargeType="PrePaid")["AllocationId"]',
            "AllocationId=eip",
        ),
        _r(RELEASE, "InvalidAllocationId.NotFound", "", _MISSING),
        _r(RELEASE, "Forbidden.RegionNotFound", "", f"{_NOWHERE}, {_MISSING}"),
        _r(RELEASE, "InvalidParameter", "", nested("AllocationId", "eip-nowhere")),
        *_tail(RELEASE, "Throttling", "InternalError"),
    ),
    DESCRIBE: (
        _r(DESCRIBE, "InvalidParameter", "", "PageSize=101"),
        _r(
            DESCRIBE,
            "InvalidIAssociatedInstanceType.ValueNotSupported",
            "",
            'AssociatedInstanceType="Toaster"',
        ),
        _r(DESCRIBE, "InvalidChargeType.ValueNotSupported", "", 'ChargeType="Free"'),
        _r(DESCRIBE, "InvalidResourceGroupId", "", 'ResourceGroupId="rg-nothere"'),
        _r(DESCRIBE, "InvalidTagKey", "", 'Tag=[{"Key": "aliyun:x", "Value": "v"}]'),
        _r(DESCRIBE, "InvalidTagValue", "", 'Tag=[{"Key": "k", "Value": "see http://x"}]'),
        _r(DESCRIBE, "Forbidden.RegionNotFound", "", _NOWHERE),
        _r(DESCRIBE, "DryRunOperation", "", "DryRun=True"),
        _r(DESCRIBE, "MissingParameter", "", 'RegionId=""'),
        *_tail(DESCRIBE, "Throttling", "InternalError"),
    ),
    MODIFY: (
        _r(MODIFY, "MissingParameter", "", ""),
        _r(MODIFY, "InvalidParameter", _ALLOC, 'AllocationId=eip, Bandwidth="501"'),
        _r(MODIFY, "IncorrectEipStatus", _SLOW + _HELD, 'AllocationId=eip, Name="edge"'),
        _r(MODIFY, "InvalidAllocationId.NotFound", "", _MISSING),
        _r(MODIFY, "Forbidden.RegionNotFound", "", f"{_NOWHERE}, {_MISSING}"),
        *_tail(MODIFY, "Throttling", "InternalError"),
    ),
}

# A ClientToken whose first request failed server-side stays failed (docs/observed-behaviour.md).
_ON_ENI = 'AllocationId=eip, InstanceId=eni, InstanceType="NetworkInterface"'
_EIP_AND_ENI = _ALLOC + 'eni = create_eni()["NetworkInterfaceId"]\n'
RECIPES[ALLOCATE] += (token_failed(ALLOCATE, 'ClientToken="t-1"'),)
RECIPES[ASSOCIATE] += (
    token_failed(ASSOCIATE, _ON_ENI + ', ClientToken="t-1"', state=_EIP_AND_ENI),
)
RECIPES[UNASSOCIATE] += (
    token_failed(
        UNASSOCIATE,
        _ON_ENI + ', ClientToken="t-1"',
        state=_EIP_AND_ENI + f'call("{ASSOCIATE}", {_ON_ENI})\n',
    ),
)
