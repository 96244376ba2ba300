"""CreateSecurityGroup: a group in a VPC (or, without ``VpcId``, a classic-network group)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator

from pytest_fake_eni.api.common import fingerprint
from pytest_fake_eni.api.create_network_interface import TagParam, tag_set_rules
from pytest_fake_eni.api.security_groups import RegionCall, served_region
from pytest_fake_eni.api.validation import parse
from pytest_fake_eni.api.vpc_common import Idempotent, check_description, check_name
from pytest_fake_eni.cloud import network
from pytest_fake_eni.cloud.state import Cloud

ACTION = "CreateSecurityGroup"
PRODUCT = "Ecs"
_TYPE = re.compile(r"normal|enterprise")


class CreateSecurityGroupRequest(RegionCall, Idempotent):
    """The wire parameters of CreateSecurityGroup, in the order they are checked."""

    Description: str | None = None
    SecurityGroupName: str | None = None
    SecurityGroupType: str = Field("normal", pattern=_TYPE.pattern)
    VpcId: str | None = None
    ResourceGroupId: str | None = None
    Tag: list[TagParam] | None = None

    @field_validator("Description")
    @classmethod
    def _description(cls, text: str | None) -> str | None:
        return check_description(text, "InvalidDescription.Malformed")

    @field_validator("SecurityGroupName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        return check_name(name, "InvalidSecurityGroupName.Malformed")

    @field_validator("Tag")
    @classmethod
    def _tags(cls, tags: list[TagParam] | None) -> list[TagParam] | None:
        tag_set_rules([t.Key for t in tags or ()])
        return tags


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create (once per ClientToken), answer the group's id."""
    request = parse(CreateSecurityGroupRequest, params, keep_empty=frozenset({"Tag"}))
    served_region(cloud, request.RegionId)
    vpc = (
        None if request.VpcId is None else network.find_vpc(cloud, request.VpcId, request.RegionId)
    )

    def create() -> dict[str, Any]:
        sg = network.create_security_group(
            cloud,
            vpc,
            request.RegionId,
            name=request.SecurityGroupName or "",
            description=request.Description or "",
            type=request.SecurityGroupType,
            resource_group_id=request.ResourceGroupId or "",
            tags=[(t.Key or "", t.Value) for t in request.Tag or ()],
        )
        return {"SecurityGroupId": sg.security_group_id}

    return cloud.tokens.once(
        ACTION, request.RegionId, request.ClientToken, fingerprint(request), create
    )
