"""DescribeSecurityGroupAttribute: one group and its rules, as far as the fake models them.

The fake keeps a group's rules as a count (``rule_count``, which ``AclLimitExceed`` reads):
each is listed as an ingress rule accepting all traffic, with its own ``sgr-`` id.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from pytest_fake_eni.api.paging import by_token
from pytest_fake_eni.api.security_groups import RegionCall
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.resources import SecurityGroup
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "DescribeSecurityGroupAttribute"
PRODUCT = "Ecs"


class DescribeSecurityGroupAttributeRequest(RegionCall):
    """The wire parameters of DescribeSecurityGroupAttribute."""

    SecurityGroupId: str
    NicType: str = "internet"
    Direction: str = "all"
    NextToken: str | None = None
    MaxResults: WireInt | None = Field(None, ge=10, le=1000)

    @field_validator("NicType")
    @classmethod
    def _nic_type(cls, nic_type: str) -> str:
        if nic_type not in ("internet", "intranet"):
            raise rule("InvalidNicType.ValueNotSupported")
        return nic_type


def _rules(sg: SecurityGroup, nic_type: str) -> list[dict[str, Any]]:
    return [
        {
            "SecurityGroupRuleId": f"sgr-{sg.security_group_id[3:19]}{n:04d}",
            "Direction": "ingress",
            "Policy": "Accept",
            "Priority": 1,
            "IpProtocol": "ALL",
            "PortRange": "-1/-1",
            "SourceCidrIp": "0.0.0.0/0",
            "NicType": nic_type,
            "Description": "",
            "CreateTime": sg.creation_time,
        }
        for n in range(sg.rule_count)
    ]


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """The group's attributes and (paged when ``MaxResults`` is given) its rules."""
    request = parse(DescribeSecurityGroupAttributeRequest, params, keep_empty=frozenset())
    if request.RegionId not in cloud.regions:
        raise EcsError("InvalidRegionId.NotFound", RegionId=request.RegionId)
    sg = network.find_security_group(cloud, request.SecurityGroupId, request.RegionId)
    rules = [] if request.Direction == "egress" else _rules(sg, request.NicType)
    body: dict[str, Any] = {"NextToken": ""}
    if request.MaxResults is not None or request.NextToken is not None:
        rules, body = by_token(rules, request.NextToken, request.MaxResults or 100)
    return {
        **body,
        "RegionId": sg.region_id,
        "SecurityGroupId": sg.security_group_id,
        "SecurityGroupName": sg.name,
        "Description": sg.description,
        "VpcId": sg.vpc_id,
        "InnerAccessPolicy": "Accept",
        "Permissions": {"Permission": rules},
    }
