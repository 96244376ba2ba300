"""ModifyVSwitchAttribute (VPC 2016-04-28): a vSwitch's name, description and IPv6."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pytest_fake_eni.api.create_vswitch import VSwitchText, ipv6_block
from pytest_fake_eni.api.validation import WireInt, parse
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "ModifyVSwitchAttribute"
PRODUCT = "Vpc"


class ModifyVSwitchAttributeRequest(VSwitchText):
    """The wire parameters of ModifyVSwitchAttribute (``VpcIpv6CidrBlock``: the VPC's own)."""

    VSwitchId: str
    RegionId: str | None = None
    EnableIPv6: bool | None = None
    Ipv6CidrBlock: WireInt | None = Field(None, ge=0, le=255)


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Rename, describe, enable IPv6 (the /64 ``Ipv6CidrBlock`` names, else the lowest free
    one of the VPC's /56) or disable it (only while no ENI holds an IPv6 address of it)."""
    request = parse(ModifyVSwitchAttributeRequest, params, keep_empty=frozenset())
    vsw = network.find_vswitch(cloud, request.VSwitchId, request.RegionId)
    if vsw.status != "Available":
        raise EcsError("IncorrectVSwitchStatus", variant="generic", Status=vsw.status)
    vpc = cloud.vpcs[vsw.vpc_id]
    if request.EnableIPv6 is False and vsw.ipv6_ledger is not None:
        if vsw.ipv6_ledger.taken_count or vsw.ipv6_ledger.prefix_count:
            raise EcsError("InvalidParameter", Parameter="EnableIPv6")
        vsw.ipv6_ledger = None
    elif (request.EnableIPv6 or request.Ipv6CidrBlock is not None) and vsw.ipv6_ledger is None:
        last_bits = request.Ipv6CidrBlock
        if last_bits is None:
            taken = {v.ipv6_cidr_block for v in cloud.vswitches.values()}
            last_bits = next(
                (k for k in range(256) if ipv6_block(vpc, k) not in taken),
                0,
            )
        block = ipv6_block(vpc, last_bits)
        assert block is not None
        network.enable_ipv6(cloud, vsw, block)
    if request.VSwitchName is not None:
        vsw.name = request.VSwitchName
    if request.Description is not None:
        vsw.description = request.Description
    return {}
