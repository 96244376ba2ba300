"""Request parts shared by the network actions (VPC product, and ECS's security groups)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.common import URL_PREFIX, check_token
from pytest_fake_eni.api.validation import WireInt, rule
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

# A name starts with a letter (any script) and holds letters, digits, ``.``, ``_``, ``-``, ``:``.
_NAME = re.compile(r"[^\W\d_][\w.:\-]{1,127}")


class Paged(BaseModel):
    """``RegionId``, ``PageNumber``/``PageSize`` (up to 50) and ``DryRun``."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    PageNumber: WireInt = Field(1, ge=1)
    PageSize: WireInt = Field(10, ge=1, le=50)
    DryRun: bool = False


class Call(BaseModel):
    """A network call: wire parameters beyond the model's are ignored."""

    model_config = ConfigDict(extra="ignore", strict=False)


class Idempotent(Call):
    """A create that takes a ``ClientToken`` (ASCII, at most 64 characters)."""

    ClientToken: str | None = None

    @field_validator("ClientToken")
    @classmethod
    def _token(cls, token: str | None) -> str | None:
        return check_token(token)


class VpcTag(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value`` of a VPC-product create (a tag without a key is dropped)."""

    model_config = ConfigDict(extra="ignore")

    Key: str = ""
    Value: str = ""


def tag_items(tags: list[VpcTag] | None) -> list[tuple[str, str]]:
    """The ``(key, value)`` pairs of a create's ``Tag.N`` (keys given)."""
    return [(t.Key, t.Value) for t in tags or () if t.Key]


def check_name(text: str | None, code: str) -> str | None:
    """A resource name: 2 to 128 characters from a letter, not a URL; else ``code``."""
    if text is not None and (not _NAME.fullmatch(text) or text.startswith(URL_PREFIX)):
        raise rule(code)
    return text


def check_description(text: str | None, code: str) -> str | None:
    """A description: 2 to 256 characters, not a URL; else ``code``."""
    if text is not None and (not 2 <= len(text) <= 256 or text.startswith(URL_PREFIX)):
        raise rule(code)
    return text


def known_region(cloud: Cloud, request: Paged) -> None:
    """``Forbidden.RegionId`` for a region the fake does not serve; then the dry run stops."""
    if request.RegionId not in cloud.regions:
        raise EcsError("Forbidden.RegionId", RegionId=request.RegionId)
    if request.DryRun:  # every check passed: the dry run stops here
        raise EcsError("DryRunOperation")


def vpc_tags(tags: dict[str, str]) -> dict[str, Any]:
    """``Tags.Tag[]`` in the VPC product's shape (``Key``/``Value``)."""
    return {"Tag": [{"Key": k, "Value": v} for k, v in tags.items()]}


def ecs_tags(tags: dict[str, str]) -> dict[str, Any]:
    """``Tags.Tag[]`` in the ECS shape (``TagKey``/``TagValue``)."""
    return {"Tag": [{"TagKey": k, "TagValue": v} for k, v in tags.items()]}
