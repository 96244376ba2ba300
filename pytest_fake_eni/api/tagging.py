"""Request parts and checks shared by the tag actions of both products.

The rules are the same for ECS and VPC (``cloud.tags``); the codes differ, so each check
takes the product's ``TagCodes``. Checks run in the order the handlers call them, and
nothing is changed before every check has passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.cloud.tags import (
    MAX_KEY,
    MAX_TAGS,
    MAX_VALUE,
    VPC_TYPES,
    Tagged,
    TagStore,
    bad_key,
    bad_value,
    matches,
)
from pytest_fake_eni.errors import EcsError

MAX_RESOURCE_IDS = 50
"""``ResourceId.N`` per call (ECS and VPC alike)."""

ECS_TYPE_NAMES = (
    "instance", "disk", "snapshot", "image", "securitygroup", "volume", "eni", "ddh",
    "ddhcluster", "keypair", "launchtemplate", "reservedinstance", "snapshotpolicy",
    "elasticityassurance", "capacityreservation", "command", "invocation", "activation",
    "managedinstance",
)  # fmt: skip
"""Every ``ResourceType`` the ECS tag API documents (the fake holds instance, securitygroup
and eni; an id of any other type is one it does not know)."""
VPC_TYPE_NAMES = (
    "VPC", "VSWITCH", "ROUTETABLE", "EIP", "VPNGATEWAY", "NATGATEWAY", "COMMONBANDWIDTHPACKAGE",
)  # fmt: skip
"""Every ``ResourceType`` the VPC tag API documents, upper-cased (it reads them in any case)."""


@dataclass(frozen=True)
class TagCodes:
    """The codes one product answers each broken tag rule with."""

    no_region: str
    unknown_region: str
    no_type: str
    unknown_type: str
    no_tags: str
    too_many_ids: str
    too_many_tags: str
    duplicate_key: str | None
    """None: a key named twice takes its last value (the table has no code for it)."""
    key_needed: str
    bad_key: str
    bad_value: str
    not_found: str
    not_supported: str
    quota: str


ECS = TagCodes(
    no_region="MissingParameter.RegionId",
    unknown_region="InvalidRegionId.NotFound",
    no_type="MissingParameter.ResourceType",
    unknown_type="InvalidResourceType.NotFound",
    no_tags="MissingParameter.Tags",
    too_many_ids="NumberExceed.ResourceIds",
    too_many_tags="NumberExceed.Tags",
    duplicate_key="Duplicate.TagKey",
    key_needed="InvalidTag.Mismatch",
    bad_key="InvalidTagKey.Malformed",
    bad_value="InvalidTagValue.Malformed",
    not_found="InvalidResourceId.NotFound",
    not_supported="InvalidResourceId.NotSupported",
    quota="OperationDenied.QuotaExceed",
)
"""ECS TagResources, UntagResources and ListTagResources."""

LEGACY = TagCodes(
    **{
        **ECS.__dict__,
        "no_region": "MissingParameter",
        "no_type": "MissingParameter",
        "no_tags": "MissingParameter",
        "too_many_tags": "InvalidTagCount",
        "duplicate_key": None,
    }
)
"""ECS AddTags, RemoveTags and DescribeTags (tables without the ``MissingParameter.*`` and
``Duplicate.TagKey`` codes)."""

VPC = TagCodes(
    no_region="MissingParameter",
    unknown_region="Forbidden.RegionId",
    no_type="MissingParameter",
    unknown_type="InvalidInstanceType.NotFound",
    no_tags="MissingParameter",
    too_many_ids="SizeLimitExceeded.ResourceId",
    too_many_tags="SizeLimitExceeded.TagNum",
    duplicate_key="Forbidden.TagKey.Duplicated",
    key_needed="InvalidTagKey",
    bad_key="InvalidTagKey",
    bad_value="InvalidTagValue",
    not_found="InvalidInstanceIds.NotFound",
    not_supported="InvalidInstanceIds.NotFound",
    quota="QuotaExceeded.TagNum",
)
"""VPC TagResources, UnTagResources and ListTagResources."""


class TagPair(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value`` as sent (either may be missing)."""

    model_config = ConfigDict(extra="ignore")

    Key: str | None = None
    Value: str | None = None


class TagCall(BaseModel):
    """``RegionId``, ``ResourceType`` and ``ResourceId.N`` (a bare ``ResourceId`` counts as .1)."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str | None = None
    ResourceType: str | None = None
    ResourceId: list[str] | None = None

    @field_validator("ResourceId", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class TagWrite(TagCall):
    """A call that writes ``Tag.N`` (TagResources, AddTags, RemoveTags)."""

    Tag: list[TagPair] | None = None


TypeCheck = Callable[[str | None, TagCodes], str]
"""``ecs_type`` or ``vpc_type``: the checked ``ResourceType`` as the store names it."""


def tag(
    cloud: Cloud, request: TagWrite, codes: TagCodes, type_check: TypeCheck, single: bool = False
) -> None:
    """TagResources (AddTags with ``single``: one ``ResourceId``): region, type, ids, tags,
    every resource, then the quota of each; all or nothing."""
    region_id = region(cloud, request.RegionId, codes)
    resource_type = type_check(request.ResourceType, codes)
    named = request.ResourceId[:1] if single and request.ResourceId else request.ResourceId
    ids = resource_ids(named, codes)
    tags = new_tags(request.Tag, codes)
    entries = resolve(cloud, ids, resource_type, region_id, codes)
    write(entries, tags, codes)


def region(cloud: Cloud, region_id: str | None, codes: TagCodes) -> str:
    """The request's region, which the fake must serve."""
    if not region_id:
        raise EcsError(codes.no_region, Parameter="RegionId")
    if region_id not in cloud.regions:
        raise EcsError(codes.unknown_region, RegionId=region_id)
    return region_id


def ecs_type(value: str | None, codes: TagCodes = ECS) -> str:
    """An ECS ``ResourceType`` (lower case, as documented)."""
    if not value:
        raise EcsError(codes.no_type, Parameter="ResourceType")
    if value not in ECS_TYPE_NAMES:
        raise EcsError(codes.unknown_type, ResourceType=value)
    return value


def vpc_type(value: str | None, codes: TagCodes = VPC) -> str:
    """A VPC ``ResourceType``, read in any case; the store's (upper-case) name."""
    if not value:
        raise EcsError(codes.no_type, Parameter="ResourceType")
    if value.upper() not in VPC_TYPE_NAMES:
        raise EcsError(codes.unknown_type, ResourceType=value)
    return value.upper()


def resource_ids(ids: Sequence[str] | None, codes: TagCodes, required: bool = True) -> list[str]:
    """``ResourceId.N``: at most 50 (and at least one when ``required``)."""
    if not ids:
        if required:
            raise EcsError("MissingParameter", Parameter="ResourceId.1")
        return []
    if len(ids) > MAX_RESOURCE_IDS:
        raise EcsError(codes.too_many_ids, Limit=MAX_RESOURCE_IDS)
    return list(ids)


def new_tags(pairs: Sequence[TagPair] | None, codes: TagCodes) -> dict[str, str]:
    """``Tag.N`` to write: 1 to 20 pairs, each key valid and once, each value valid."""
    if not pairs:
        raise EcsError(codes.no_tags, Parameter="Tag.1.Key")
    if len(pairs) > MAX_TAGS:
        raise EcsError(codes.too_many_tags, Limit=MAX_TAGS)
    tags: dict[str, str] = {}
    for pair in pairs:
        if pair.Key is None:
            raise EcsError(codes.key_needed)
        if bad_key(pair.Key):
            raise EcsError(codes.bad_key, Key=pair.Key)
        if bad_value(pair.Value or ""):
            raise EcsError(codes.bad_value, Value=pair.Value)
        if pair.Key in tags and codes.duplicate_key is not None:
            raise EcsError(codes.duplicate_key, Key=pair.Key)
        tags[pair.Key] = pair.Value or ""
    return tags


def tag_filter(
    pairs: Sequence[TagPair] | None, codes: TagCodes, limit: int = MAX_TAGS
) -> list[tuple[str, str | None]]:
    """A ``Tag.N`` filter: a key alone matches any value; keys and values at most 128 long
    (a filter may name a reserved key such as ``acs:rm:rgId``: it just matches nothing)."""
    wanted: list[tuple[str, str | None]] = []
    for pair in pairs or ():
        if pair.Key is None:
            raise EcsError(codes.key_needed)
        if not pair.Key or len(pair.Key) > MAX_KEY:
            raise EcsError(codes.bad_key, Key=pair.Key)
        if pair.Value is not None and len(pair.Value) > MAX_VALUE:
            raise EcsError(codes.bad_value, Value=pair.Value)
        if codes.duplicate_key is not None and any(pair.Key == key for key, _ in wanted):
            raise EcsError(codes.duplicate_key, Key=pair.Key)
        wanted.append((pair.Key, pair.Value or None))
    if len(wanted) > limit:
        raise EcsError(codes.too_many_tags, Limit=limit)
    return wanted


def resolve(
    cloud: Cloud, ids: Sequence[str], resource_type: str, region_id: str, codes: TagCodes
) -> list[Tagged]:
    """The store's entries of ``ids``, each a ``resource_type`` in ``region_id``.

    An id the store holds under the other product (an ECS call naming a vSwitch) is
    ``not_supported``; unknown, of another type or in another region is ``not_found``.
    """
    refuse_other_product(cloud, ids, resource_type, codes)
    found: list[Tagged] = []
    for resource_id in dict.fromkeys(ids):  # a repeated id is tagged once
        entry = cloud.tags.find(resource_id, resource_type, region_id)
        if entry is None:
            raise EcsError(codes.not_found, ResourceId=resource_id)
        found.append(entry)
    return found


def refuse_other_product(
    cloud: Cloud, ids: Sequence[str], resource_type: str, codes: TagCodes
) -> None:
    """``not_supported`` for an id the store holds under the other product's types."""
    vpc_call = resource_type in VPC_TYPE_NAMES
    for resource_id in ids:
        known = cloud.tags.entry(resource_id)
        if known is not None and (known.resource_type in VPC_TYPES) != vpc_call:
            raise EcsError(codes.not_supported, ResourceId=resource_id)


def write(entries: Sequence[Tagged], tags: dict[str, str], codes: TagCodes) -> None:
    """Tag every entry, all or nothing; the quota code when one would pass 20 tags."""
    full = TagStore.tag(entries, tags)
    if full is not None:
        raise EcsError(codes.quota, ResourceId=full.resource_id, Limit=MAX_TAGS)


def rows(
    entries: Sequence[Tagged], ids: Sequence[str], wanted: Sequence[tuple[str, str | None]]
) -> list[dict[str, str]]:
    """``TagResources.TagResource[]`` items: one per tag of each entry named by ``ids``
    (every entry when empty) that matches every ``wanted`` pair."""
    named = set(ids)
    return [
        {
            "ResourceId": e.resource_id,
            "ResourceType": e.resource_type,
            "TagKey": key,
            "TagValue": value,
        }
        for e in entries
        if (not named or e.resource_id in named) and matches(e.tags, wanted)
        for key, value in e.tags.items()
    ]
