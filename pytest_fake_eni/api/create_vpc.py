"""CreateVpc (VPC 2016-04-28): a VPC, ``Pending`` until ``transition_delay`` passes."""

from __future__ import annotations

import itertools
from typing import Any

from netaddr import IPNetwork
from pydantic import field_validator

from pytest_fake_eni.api.common import fingerprint
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import (
    Idempotent,
    VpcTag,
    check_description,
    check_name,
    tag_items,
)
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "CreateVpc"
PRODUCT = "Vpc"
_IPV6_POOL = "2408:4005:{high:x}:{low:02x}00::"  # the /56s handed to VPCs, lowest free first


class CreateVpcRequest(Idempotent):
    """The wire parameters of CreateVpc the fake reads (IPAM pools, UserCidr: ignored)."""

    RegionId: str
    CidrBlock: str = network.DEFAULT_VPC_CIDR
    VpcName: str | None = None
    Description: str | None = None
    EnableIpv6: bool = False
    ResourceGroupId: str | None = None
    Tag: list[VpcTag] | None = None
    DryRun: bool = False

    @field_validator("VpcName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        return check_name(name, "InvalidVpcName.Malformed")

    @field_validator("Description")
    @classmethod
    def _description(cls, text: str | None) -> str | None:
        return check_description(text, "InvalidVpcDiscription.Malformed")


def _free_ipv6_block(cloud: Cloud) -> str:
    used = {v.ipv6_cidr_block for v in cloud.vpcs.values()}
    for k in itertools.count():
        block = str(IPNetwork(_IPV6_POOL.format(high=0x3D8 + k // 256, low=k % 256) + "/56"))
        if block not in used:
            return block
    raise AssertionError("unreachable")


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create (once per ClientToken), answer the new VPC's ids."""
    request = parse(CreateVpcRequest, params, keep_empty=frozenset())
    if request.RegionId not in cloud.regions:
        raise EcsError("InvalidRegionId.NotFound", variant="vpc", RegionId=request.RegionId)

    def create() -> dict[str, Any]:
        vpc = network.create_vpc(
            cloud,
            request.RegionId,
            request.CidrBlock,
            name=request.VpcName or "",
            description=request.Description or "",
            ipv6_cidr_block=_free_ipv6_block(cloud) if request.EnableIpv6 else None,
            resource_group_id=request.ResourceGroupId or "",
            tags=tag_items(request.Tag),
            asynchronous=True,
        )
        return {
            "VpcId": vpc.vpc_id,
            "VRouterId": vpc.vrouter_id,
            "RouteTableId": vpc.route_table_id,
            "ResourceGroupId": vpc.resource_group_id,
        }

    if request.DryRun:
        network.check_vpc(cloud, request.CidrBlock, request.ResourceGroupId or "")
        raise EcsError("DryRunOperation")
    return cloud.tokens.once(
        ACTION, request.RegionId, request.ClientToken, fingerprint(request), create
    )
