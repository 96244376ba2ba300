"""CreateNetworkInterface: the request model, its rules, and the response."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pytest_fake_eni.api.render import eni_body
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud.state import Cloud, EniRequest

ACTION = "CreateNetworkInterface"
_NAME = re.compile(r"[\w:.\-]{2,128}")
_URL_PREFIX = ("http://", "https://")
MAX_TAGS = 20


class TagParam(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``."""

    model_config = ConfigDict(extra="ignore")

    Key: str | None = None
    Value: str = ""

    @field_validator("Key")
    @classmethod
    def _key(cls, key: str | None) -> str | None:
        if key is not None and (
            not key
            or len(key) > 128
            or key.startswith(("aliyun", "acs:"))
            or any(p in key for p in _URL_PREFIX)
        ):
            raise rule("InvalidTagKey.Malformed")
        return key

    @field_validator("Value")
    @classmethod
    def _value(cls, value: str) -> str:
        if len(value) > 128 or any(p in value for p in _URL_PREFIX):
            raise rule("InvalidTagValue.Malformed")
        return value

    @model_validator(mode="after")
    def _needs_key(self) -> TagParam:
        if self.Key is None:
            raise rule("InvalidTagKey.Malformed")
        return self


class CreateNetworkInterfaceRequest(BaseModel):
    """The wire parameters of CreateNetworkInterface, in the order they are checked."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    VSwitchId: str
    SecurityGroupId: str | None = None
    SecurityGroupIds: list[str] | None = None
    PrimaryIpAddress: str | None = None
    PrivateIpAddress: list[str] | None = Field(None, max_length=10)
    SecondaryPrivateIpAddressCount: int | None = Field(None, ge=1, le=49)
    NetworkInterfaceName: str | None = None
    Description: str | None = None
    Tag: list[TagParam] | None = None
    ClientToken: str | None = None
    DeleteOnRelease: bool | None = None
    InstanceType: Literal["Secondary", "Trunk"] = "Secondary"
    ResourceGroupId: str | None = None

    @field_validator("SecurityGroupIds")
    @classmethod
    def _groups(cls, ids: list[str] | None) -> list[str] | None:
        if ids is not None and len(set(ids)) != len(ids):
            raise rule("InvalidParameter.SecurityGroupIdRepeated")
        return ids

    @field_validator("NetworkInterfaceName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        if name is not None and not _NAME.fullmatch(name):
            raise rule("InvalidParams.NetworkInterfaceName", NetworkInterfaceName=name)
        return name

    @field_validator("Description")
    @classmethod
    def _description(cls, text: str | None) -> str | None:
        if text is not None and (not 2 <= len(text) <= 256 or text.startswith(_URL_PREFIX)):
            raise rule("InvalidParameter", Parameter="Description")
        return text

    @field_validator("Tag")
    @classmethod
    def _tags(cls, tags: list[TagParam] | None) -> list[TagParam] | None:
        if tags is None:
            return None
        if len(tags) > MAX_TAGS:
            raise rule("QuotaExceed.Tags", Limit=MAX_TAGS)
        keys = [t.Key for t in tags]
        if len(set(keys)) != len(keys):
            raise rule("Duplicate.TagKey")
        return tags

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        if token is not None and (len(token) > 64 or not token.isascii()):
            raise rule("InvalidParameter", Parameter="ClientToken")
        return token

    @model_validator(mode="after")
    def _exclusive(self) -> CreateNetworkInterfaceRequest:
        if self.SecurityGroupId is not None and self.SecurityGroupIds is not None:
            raise rule("InvalidSecurityGroupId.SingleIdAndMultiIdConflict")
        if self.SecurityGroupId is None and not self.SecurityGroupIds:
            raise rule("MissingParameter", Parameter="SecurityGroupIds.N")
        if self.PrivateIpAddress is not None and self.SecondaryPrivateIpAddressCount is not None:
            raise rule(
                "InvalidParameter.Conflict",
                Parameter="PrivateIpAddress.N",
                ConflictParameter="SecondaryPrivateIpAddressCount",
            )
        return self

    def to_eni_request(self) -> EniRequest:
        """What the simulator is asked to create."""
        groups = (
            [self.SecurityGroupId] if self.SecurityGroupId else list(self.SecurityGroupIds or [])
        )
        return EniRequest(
            region_id=self.RegionId,
            vswitch_id=self.VSwitchId,
            security_group_ids=groups,
            primary_ip_address=self.PrimaryIpAddress,
            private_ip_addresses=tuple(self.PrivateIpAddress or ()),
            secondary_count=self.SecondaryPrivateIpAddressCount or 0,
            name=self.NetworkInterfaceName or "",
            description=self.Description or "",
            tags=tuple((t.Key or "", t.Value) for t in self.Tag or ()),
            type=self.InstanceType,
            resource_group_id=self.ResourceGroupId or "",
            delete_on_release=self.DeleteOnRelease,
            client_token=self.ClientToken,
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create the ENI (or return the one its ClientToken names), render it."""
    request = parse(CreateNetworkInterfaceRequest, params, keep_empty=frozenset({"Tag"}))
    fingerprint = None
    if request.ClientToken is not None:  # only a token's replay compares it: skip the dump
        dump = request.model_dump(exclude={"ClientToken"})
        fingerprint = repr(tuple(sorted(dump.items(), key=str)))
    eni = cloud.create_eni(request.to_eni_request(), fingerprint=fingerprint)
    return eni_body(eni)
