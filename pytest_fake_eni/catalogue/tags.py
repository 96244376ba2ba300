"""The tag family: ECS ``TagResources``/``UntagResources``/``ListTagResources``, the older
``AddTags``/``RemoveTags``/``DescribeTags``, and VPC ``TagResources``/``UnTagResources``/
``ListTagResources`` (see the package docstring for the row shape).

ECS rows and order: the error tables of the ECS tag API pages (TagResources, UntagResources,
ListTagResources, AddTags, RemoveTags, DescribeTags). The VPC pages of the three VPC actions
list only ``Forbidden``; the VPC product's sibling tag actions (TagResourcesForExpressConnect,
UntagResourcesForExpressConnect, ListTagResourcesForExpressConnect, same API version) document
the table the VPC rows follow.

ECS and VPC both serve ``TagResources`` and ``ListTagResources``; the catalogue is keyed by
action name, so those two list the ECS table and then the VPC codes ECS does not have
(``ECS_CODES``/``VPC_CODES`` keep each product's own list).
"""

from __future__ import annotations

ROWS: tuple[tuple[str, int, str, str, str], ...] = (
    # The ECS tag tables (TagResources' order; the others list subsets).
    (
        "MissingParameter.TagOwnerUid",
        404,
        "The parameter - TagOwnerUid should not be null",
        "The owner of the tag does not exist.",
        "client",
    ),
    (
        "MissingParameter.TagOwnerBid",
        404,
        "The parameter - TagOwnerBid should not be null",
        "The channel the tag belongs to does not exist.",
        "client",
    ),
    (
        "MissingParameter.ResourceType",
        404,
        "The parameter - ResourceType should not be null",
        "ResourceType is not specified.",
        "client",
    ),
    (
        "MissingParameter.Tags",
        404,
        "The parameter - Tags should not be null",
        "No tag is specified.",
        "client",
    ),
    (
        "MissingParameter.RegionId",
        404,
        "The parameter - RegionId should not be null",
        "RegionId is not specified.",
        "client",
    ),
    (
        "PermissionDenied.TagOwnerUid",
        403,
        "The specified operator not have permission to set TagOwnerUid value.",
        "You are not allowed to set the owner of the tag.",
        "permission",
    ),
    (
        "PermissionDenied.Scope",
        403,
        "The specified operator not have permission to set Scope value.",
        "The visibility scope cannot be changed.",
        "permission",
    ),
    (
        "NumberExceed.ResourceIds",
        400,
        "The ResourceIds parameter's number is exceed , Valid : {Limit}",
        "At most 50 resource IDs can be specified.",
        "client",
    ),
    (
        "NumberExceed.Tags",
        400,
        "The Tags parameter's number is exceed , Valid : {Limit}",
        "At most 20 tags can be specified.",
        "client",
    ),
    (
        "InvalidResourceId.NotFound",
        404,
        "The specified ResourceIds are not found in our records.",
        "The specified resource does not exist.",
        "client",
    ),
    (
        "InvalidResourceType.NotFound",
        404,
        "The ResourceType provided does not exist in our records.",
        "The specified resource type does not exist.",
        "client",
    ),
    (
        "OperationDenied.QuotaExceed",
        400,
        "The quota of tags on resource is beyond permitted range.",
        "The resource already has the maximum number of tags.",
        "quota",
    ),
    (
        "InvalidResourceId.NotSupported",
        403,
        "The specified ResourceId does not support tagging.",
        "The specified resource does not support tagging.",
        "client",
    ),
    (
        "InvalidTag.Mismatch",
        400,
        "The specified Tag.n.Key and Tag.n.Value are not match.",
        "Each Tag.n.Value needs its Tag.n.Key.",
        "client",
    ),
    (
        "InvalidTagCount",
        400,
        "The specified tags are beyond the permitted range.",
        "Too many tags are specified.",
        "client",
    ),
    (
        "InvalidRegionId.NotFound",
        404,
        "The specified RegionId does not exist.",
        "The specified region does not exist; check that the product is available there.",
        "client",
    ),
    (
        "Invalid.Scope",
        400,
        "The specified scope is invalid.",
        "The visibility scope is invalid.",
        "client",
    ),
    (
        "NoPermission.Tag",
        403,
        "The operator is not permission for the tag.",
        "You are not allowed to operate on the tags of this resource.",
        "permission",
    ),
    # The VPC product's tag table (TagResourcesForExpressConnect and siblings).
    (
        "InvalidTagKey",
        400,
        "The tag keys are not valid.",
        "The tag key is invalid.",
        "client",
    ),
    (
        "InvalidTagValue",
        400,
        "The tag values are not valid.",
        "The tag value is invalid.",
        "client",
    ),
    (
        "InvalidInstanceType.NotFound",
        400,
        "The instance type is not found",
        "The resource type is not found.",
        "client",
    ),
    (
        "InvalidInstanceIds.NotFound",
        400,
        "The instanceIds are not found",
        "The resource ID is not found.",
        "client",
    ),
    (
        "Forbidden.TagKeys",
        400,
        "The request do not allow to operate the tag keys",
        "You do not have the permissions to set the TagKeys parameter.",
        "permission",
    ),
    (
        "QuotaExceeded.TagNum",
        400,
        "Custom Tags quota exceeded",
        "The resource already has the maximum number of tags.",
        "quota",
    ),
    (
        "Forbidden.TagKey.Duplicated",
        400,
        "The specified tag key already exists.",
        "The tag keys of the request are duplicate.",
        "client",
    ),
    (
        "SizeLimitExceeded.TagNum",
        400,
        "The maximum number of tags is exceeded.",
        "The request names more tags than allowed.",
        "quota",
    ),
    (
        "SizeLimitExceeded.ResourceId",
        400,
        "The maximum number of resource IDs is exceeded.",
        "The request names more resource IDs than allowed.",
        "quota",
    ),
    (
        "Forbidden",
        403,
        "User not authorized to operate on the specified resource.",
        "You do not have the permissions to manage the specified resource.",
        "permission",
    ),
)

_GENERIC = ("Throttling", "InternalError")

_ECS_TAG_TABLE = (
    "MissingParameter.TagOwnerUid",
    "MissingParameter.TagOwnerBid",
    "MissingParameter.ResourceType",
    "MissingParameter.Tags",
    "MissingParameter.RegionId",
    "PermissionDenied.TagOwnerUid",
    "PermissionDenied.Scope",
    "NumberExceed.ResourceIds",
    "NumberExceed.Tags",
    "Duplicate.TagKey",
    "InvalidResourceId.NotFound",
    "InvalidResourceType.NotFound",
    "InvalidTagKey.Malformed",
    "InvalidTagValue.Malformed",
    "OperationDenied.QuotaExceed",
    "InvalidResourceId.NotSupported",
    "InvalidTag.Mismatch",
    "InvalidTagCount",
    "InvalidRegionId.NotFound",
    "Invalid.Scope",
    "NoPermission.Tag",
)

_VPC_TAG_TABLE = (
    "MissingParameter",
    "InvalidParameter",
    "Forbidden.RegionId",
    "InvalidTagKey",
    "InvalidTagValue",
    "InvalidInstanceType.NotFound",
    "InvalidInstanceIds.NotFound",
    "Forbidden.TagKeys",
    "QuotaExceeded.TagNum",
    "Forbidden.TagKey.Duplicated",
    "SizeLimitExceeded.TagNum",
    "SizeLimitExceeded.ResourceId",
    "Forbidden",
    *_GENERIC,
)


def _without(codes: tuple[str, ...], *left_out: str) -> tuple[str, ...]:
    return tuple(c for c in codes if c not in left_out)


ECS_CODES: dict[str, tuple[str, ...]] = {
    # MissingParameter: ResourceId.N left out (the table names no code of its own for it);
    # InvalidParameter: a parameter of the wrong shape (e.g. ``Tag=x`` with no index).
    "TagResources": (*_ECS_TAG_TABLE, "MissingParameter", "InvalidParameter", *_GENERIC),
    "UntagResources": _without(
        (*_ECS_TAG_TABLE, "MissingParameter", "InvalidParameter", *_GENERIC),
        # UntagResources' table: no type to require, no key or tag count to judge
        "MissingParameter.ResourceType",
        "InvalidTagKey.Malformed",
        "OperationDenied.QuotaExceed",
        "InvalidResourceId.NotSupported",
        "InvalidTag.Mismatch",
        "InvalidTagCount",
    ),
    # InvalidParameter: a NextToken the fake did not hand out.
    "ListTagResources": (*_ECS_TAG_TABLE, "InvalidParameter", *_GENERIC),
    "AddTags": (
        "InvalidTag.Mismatch",
        "InvalidTagCount",
        "InvalidTagKey.Malformed",
        "InvalidTagValue.Malformed",
        "OperationDenied.QuotaExceed",
        "InvalidResourceId.NotSupported",
        "InvalidRegionId.NotFound",
        "InvalidResourceId.NotFound",
        "InvalidResourceType.NotFound",
        "MissingParameter",
        "InvalidParameter",
        *_GENERIC,
    ),
    "RemoveTags": (
        "InvalidTagCount",
        "InvalidResourceId.NotSupported",
        "InvalidResourceId.NotFound",
        "InvalidRegionId.NotFound",
        "InvalidResourceType.NotFound",
        "MissingParameter",
        "InvalidParameter",
        *_GENERIC,
    ),
    "DescribeTags": (
        "InvalidTagKey.Malformed",
        "InvalidTagValue.Malformed",
        "InvalidRegionId.NotFound",
        "InvalidResourceType.NotFound",
        "MissingParameter",
        "InvalidParameter",  # PageSize over 100
        *_GENERIC,
    ),
}

VPC_CODES: dict[str, tuple[str, ...]] = {
    "TagResources": _VPC_TAG_TABLE,
    "UnTagResources": _VPC_TAG_TABLE,
    "ListTagResources": _VPC_TAG_TABLE,
}


def _union(first: tuple[str, ...], then: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(c for c in then if c not in first)


ACTION_CODES: dict[str, tuple[str, ...]] = {
    action: _union(ECS_CODES.get(action, ()), VPC_CODES.get(action, ()))
    for action in {**ECS_CODES, **VPC_CODES}
}
