"""Recipes of the tag actions' codes (see the package docstring): the natural ones here,
every other code of an action's list is injected.

``TagResources`` and ``ListTagResources`` are served by ECS and VPC alike: their lists are
the ECS codes, then the VPC codes ECS does not have, whose recipes call the VPC product.
"""

from __future__ import annotations

from collections.abc import Callable

from pytest_fake_eni.recipes.recipe import Recipe, inject

_ENI = 'eni = create_eni()["NetworkInterfaceId"]'
_VSW = "vsw = fake_ecs.default_vswitch.vswitch_id"
_ONE = 'Tag=[{"Key": "k", "Value": "v"}]'
_TWENTY_ONE = 'Tag=[{"Key": f"k{i}", "Value": ""} for i in range(21)]'
_FIFTY_ONE = 'ResourceId=[f"eni-{i}" for i in range(51)]'
_FULL_ENI = 'eni = create_eni(Tag=[{"Key": f"k{i}", "Value": ""} for i in range(20)])'
_NOWHERE = 'RegionId="xx-nowhere-1"'


def _injected(action: str, code: str) -> Recipe:
    """The injection of a code no state and request reach (on VPC for a code only its half
    of a shared action lists)."""
    from pytest_fake_eni.catalogue.tags import ECS_CODES

    on_vpc = action in ECS_CODES and code not in ECS_CODES[action]
    # Every call: the legacy SDK retries a 500, and Throttling of Describe* calls.
    extra = ", times=None" if code in ("InternalError", "Throttling") else ""
    return inject(action, code, extra)._replace(product="Vpc" if on_vpc else "")


def _maker(action: str, state: str = "", product: str = "") -> Callable[..., Recipe]:
    """``r(code, request, state=state)``: a recipe of ``action`` on ``product``."""

    def r(code: str, request: str, state: str = state) -> Recipe:
        return Recipe(code, state, request, action=action, product=product)

    return r


def _ordered(action: str, made: dict[str, Recipe]) -> tuple[Recipe, ...]:
    """One recipe per code of ``action`` in the catalogue's order: the natural one when
    there is one, else the injection."""
    from pytest_fake_eni.catalogue.tags import ACTION_CODES

    return tuple(made.get(code) or _injected(action, code) for code in ACTION_CODES[action])


def _ecs_tag_resources() -> dict[str, Recipe]:
    action = "TagResources"
    eni = f'ResourceType="eni", ResourceId=[eni], {_ONE}'

    r = _maker(action, _ENI)

    return {
        "MissingParameter.ResourceType": r(
            "MissingParameter.ResourceType", f"ResourceId=[eni], {_ONE}"
        ),
        "MissingParameter.Tags": r("MissingParameter.Tags", 'ResourceType="eni", ResourceId=[eni]'),
        "NumberExceed.ResourceIds": r(
            "NumberExceed.ResourceIds", f'ResourceType="eni", {_FIFTY_ONE}, {_ONE}', ""
        ),
        "NumberExceed.Tags": r(
            "NumberExceed.Tags", f'ResourceType="eni", ResourceId=[eni], {_TWENTY_ONE}'
        ),
        "Duplicate.TagKey": r(
            "Duplicate.TagKey",
            'ResourceType="eni", ResourceId=[eni], '
            'Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]',
        ),
        "InvalidResourceId.NotFound": r(
            "InvalidResourceId.NotFound", f'ResourceType="eni", ResourceId=["eni-nope"], {_ONE}', ""
        ),
        "InvalidResourceType.NotFound": r(
            "InvalidResourceType.NotFound", f'ResourceType="nope", ResourceId=[eni], {_ONE}'
        ),
        "InvalidTagKey.Malformed": r(
            "InvalidTagKey.Malformed",
            'ResourceType="eni", ResourceId=[eni], Tag=[{"Key": "aliyun:x", "Value": "v"}]',
        ),
        "InvalidTagValue.Malformed": r(
            "InvalidTagValue.Malformed",
            'ResourceType="eni", ResourceId=[eni], Tag=[{"Key": "k", "Value": "see http://x"}]',
        ),
        "OperationDenied.QuotaExceed": r(
            "OperationDenied.QuotaExceed",
            'ResourceType="eni", ResourceId=[eni["NetworkInterfaceId"]], '
            'Tag=[{"Key": "one-more", "Value": ""}]',
            _FULL_ENI,
        ),
        "InvalidResourceId.NotSupported": r(
            "InvalidResourceId.NotSupported", f'ResourceType="eni", ResourceId=[vsw], {_ONE}', _VSW
        ),
        "InvalidTag.Mismatch": r(
            "InvalidTag.Mismatch", 'ResourceType="eni", ResourceId=[eni], Tag=[{"Value": "v"}]'
        ),
        "InvalidRegionId.NotFound": r("InvalidRegionId.NotFound", f"{_NOWHERE}, {eni}"),
        "MissingParameter": r("MissingParameter", f'ResourceType="eni", {_ONE}', ""),
    }


def _vpc_tag_resources() -> dict[str, Recipe]:
    action = "TagResources"
    vsw = f'ResourceType="VSWITCH", ResourceId=[vsw], {_ONE}'

    r = _maker(action, _VSW, "Vpc")

    full = (
        f'{_VSW}\ncall("TagResources", product="Vpc", ResourceType="VSWITCH", ResourceId=[vsw],'
        ' Tag=[{"Key": f"k{i}", "Value": ""} for i in range(20)])'
    )
    return {
        "Forbidden.RegionId": r("Forbidden.RegionId", f"{_NOWHERE}, {vsw}"),
        "InvalidTagKey": r(
            "InvalidTagKey",
            'ResourceType="VSWITCH", ResourceId=[vsw], Tag=[{"Key": "acs:x", "Value": "v"}]',
        ),
        "InvalidTagValue": r(
            "InvalidTagValue",
            'ResourceType="VSWITCH", ResourceId=[vsw], Tag=[{"Key": "k", "Value": "http://x"}]',
        ),
        "InvalidInstanceType.NotFound": r(
            "InvalidInstanceType.NotFound", f'ResourceType="NOPE", ResourceId=[vsw], {_ONE}'
        ),
        "InvalidInstanceIds.NotFound": r(
            "InvalidInstanceIds.NotFound",
            f'ResourceType="VSWITCH", ResourceId=["vsw-nope"], {_ONE}',
        ),
        "QuotaExceeded.TagNum": r(
            "QuotaExceeded.TagNum",
            'ResourceType="VSWITCH", ResourceId=[vsw], Tag=[{"Key": "one-more", "Value": ""}]',
            full,
        ),
        "Forbidden.TagKey.Duplicated": r(
            "Forbidden.TagKey.Duplicated",
            'ResourceType="VSWITCH", ResourceId=[vsw], '
            'Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]',
        ),
        "SizeLimitExceeded.TagNum": r(
            "SizeLimitExceeded.TagNum", f'ResourceType="VSWITCH", ResourceId=[vsw], {_TWENTY_ONE}'
        ),
        "SizeLimitExceeded.ResourceId": r(
            "SizeLimitExceeded.ResourceId",
            f'ResourceType="VSWITCH", ResourceId=[f"vsw-{{i}}" for i in range(51)], {_ONE}',
            "",
        ),
    }


def _untag_resources() -> dict[str, Recipe]:
    action = "UntagResources"

    r = _maker(action, _ENI)

    return {
        "MissingParameter.Tags": r("MissingParameter.Tags", 'ResourceType="eni", ResourceId=[eni]'),
        "NumberExceed.ResourceIds": r(
            "NumberExceed.ResourceIds", f'ResourceType="eni", {_FIFTY_ONE}, TagKey=["k"]', ""
        ),
        "NumberExceed.Tags": r(
            "NumberExceed.Tags",
            'ResourceType="eni", ResourceId=[eni], TagKey=[f"k{i}" for i in range(21)]',
        ),
        "Duplicate.TagKey": r(
            "Duplicate.TagKey", 'ResourceType="eni", ResourceId=[eni], TagKey=["k", "k"]'
        ),
        "InvalidResourceId.NotFound": r(
            "InvalidResourceId.NotFound",
            'ResourceType="eni", ResourceId=["eni-nope"], All=True',
            "",
        ),
        "InvalidResourceType.NotFound": r(
            "InvalidResourceType.NotFound", 'ResourceType="nope", ResourceId=[eni], All=True'
        ),
        "InvalidRegionId.NotFound": r(
            "InvalidRegionId.NotFound",
            f'{_NOWHERE}, ResourceType="eni", ResourceId=[eni], All=True',
        ),
        "MissingParameter": r("MissingParameter", 'ResourceId=[eni], TagKey=["k"]'),
    }


def _vpc_untag_resources() -> dict[str, Recipe]:
    action = "UnTagResources"

    r = _maker(action, _VSW)

    return {
        "MissingParameter": r("MissingParameter", 'ResourceType="VSWITCH", ResourceId=[vsw]'),
        "Forbidden.RegionId": r(
            "Forbidden.RegionId", f'{_NOWHERE}, ResourceType="VSWITCH", ResourceId=[vsw], All=True'
        ),
        "InvalidTagKey": r(
            "InvalidTagKey", 'ResourceType="VSWITCH", ResourceId=[vsw], TagKey=["aliyun-x"]'
        ),
        "InvalidInstanceType.NotFound": r(
            "InvalidInstanceType.NotFound", 'ResourceType="NOPE", ResourceId=[vsw], All=True'
        ),
        "InvalidInstanceIds.NotFound": r(
            "InvalidInstanceIds.NotFound", 'ResourceType="VPC", ResourceId=[vsw], All=True'
        ),
        "Forbidden.TagKey.Duplicated": r(
            "Forbidden.TagKey.Duplicated",
            'ResourceType="VSWITCH", ResourceId=[vsw], TagKey=["k", "k"]',
        ),
        "SizeLimitExceeded.TagNum": r(
            "SizeLimitExceeded.TagNum",
            'ResourceType="VSWITCH", ResourceId=[vsw], TagKey=[f"k{i}" for i in range(21)]',
        ),
        "SizeLimitExceeded.ResourceId": r(
            "SizeLimitExceeded.ResourceId",
            'ResourceType="VSWITCH", ResourceId=[f"vsw-{i}" for i in range(51)], All=True',
            "",
        ),
    }


def _ecs_list_tag_resources() -> dict[str, Recipe]:
    action = "ListTagResources"

    r = _maker(action, "")

    return {
        "MissingParameter.ResourceType": r("MissingParameter.ResourceType", _ONE),
        "MissingParameter.Tags": r("MissingParameter.Tags", 'ResourceType="eni"'),
        "NumberExceed.ResourceIds": r(
            "NumberExceed.ResourceIds", f'ResourceType="eni", {_FIFTY_ONE}'
        ),
        "NumberExceed.Tags": r("NumberExceed.Tags", f'ResourceType="eni", {_TWENTY_ONE}'),
        "Duplicate.TagKey": r(
            "Duplicate.TagKey",
            'ResourceType="eni", Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]',
        ),
        "InvalidResourceType.NotFound": r(
            "InvalidResourceType.NotFound", f'ResourceType="nope", {_ONE}'
        ),
        "InvalidTagKey.Malformed": r(
            "InvalidTagKey.Malformed", 'ResourceType="eni", Tag=[{"Key": "k" * 129}]'
        ),
        "InvalidTagValue.Malformed": r(
            "InvalidTagValue.Malformed",
            'ResourceType="eni", Tag=[{"Key": "k", "Value": "v" * 129}]',
        ),
        "InvalidResourceId.NotSupported": r(
            "InvalidResourceId.NotSupported", 'ResourceType="eni", ResourceId=[vsw]', _VSW
        ),
        "InvalidTag.Mismatch": r("InvalidTag.Mismatch", 'ResourceType="eni", Tag=[{"Value": "v"}]'),
        "InvalidRegionId.NotFound": r(
            "InvalidRegionId.NotFound", f'{_NOWHERE}, ResourceType="eni", {_ONE}'
        ),
        "InvalidParameter": r(
            "InvalidParameter", f'ResourceType="eni", {_ONE}, NextToken="not-a-token"'
        ),
    }


def _vpc_list_tag_resources() -> dict[str, Recipe]:
    action = "ListTagResources"

    r = _maker(action, "", "Vpc")

    return {
        "MissingParameter": r("MissingParameter", 'ResourceType="VSWITCH"'),
        "Forbidden.RegionId": r(
            "Forbidden.RegionId", f'{_NOWHERE}, ResourceType="VSWITCH", {_ONE}'
        ),
        "InvalidTagKey": r("InvalidTagKey", 'ResourceType="VSWITCH", Tag=[{"Key": "k" * 129}]'),
        "InvalidTagValue": r(
            "InvalidTagValue", 'ResourceType="VSWITCH", Tag=[{"Key": "k", "Value": "v" * 129}]'
        ),
        "InvalidInstanceType.NotFound": r(
            "InvalidInstanceType.NotFound", f'ResourceType="NOPE", {_ONE}'
        ),
        "Forbidden.TagKey.Duplicated": r(
            "Forbidden.TagKey.Duplicated",
            'ResourceType="VSWITCH", Tag=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]',
        ),
        "SizeLimitExceeded.TagNum": r(
            "SizeLimitExceeded.TagNum", f'ResourceType="VSWITCH", {_TWENTY_ONE}'
        ),
        "SizeLimitExceeded.ResourceId": r(
            "SizeLimitExceeded.ResourceId",
            'ResourceType="VSWITCH", ResourceId=[f"vsw-{i}" for i in range(51)]',
        ),
    }


def _add_tags() -> dict[str, Recipe]:
    action = "AddTags"
    eni = 'ResourceType="eni", ResourceId=eni'

    r = _maker(action, _ENI)

    return {
        "InvalidTag.Mismatch": r("InvalidTag.Mismatch", f'{eni}, Tag=[{{"Value": "v"}}]'),
        "InvalidTagCount": r("InvalidTagCount", f"{eni}, {_TWENTY_ONE}"),
        "InvalidTagKey.Malformed": r(
            "InvalidTagKey.Malformed", f'{eni}, Tag=[{{"Key": "acs:x", "Value": "v"}}]'
        ),
        "InvalidTagValue.Malformed": r(
            "InvalidTagValue.Malformed", f'{eni}, Tag=[{{"Key": "k", "Value": "https://x"}}]'
        ),
        "OperationDenied.QuotaExceed": r(
            "OperationDenied.QuotaExceed",
            'ResourceType="eni", ResourceId=eni["NetworkInterfaceId"], '
            'Tag=[{"Key": "one-more", "Value": ""}]',
            _FULL_ENI,
        ),
        "InvalidResourceId.NotSupported": r(
            "InvalidResourceId.NotSupported", f'ResourceType="eni", ResourceId=vsw, {_ONE}', _VSW
        ),
        "InvalidRegionId.NotFound": r("InvalidRegionId.NotFound", f"{_NOWHERE}, {eni}, {_ONE}"),
        "InvalidResourceId.NotFound": r(
            "InvalidResourceId.NotFound",
            f'ResourceType="instance", ResourceId="i-nope", {_ONE}',
            "",
        ),
        "InvalidResourceType.NotFound": r(
            "InvalidResourceType.NotFound", f'ResourceType="nope", ResourceId=eni, {_ONE}'
        ),
        "MissingParameter": r("MissingParameter", eni),
    }


def _remove_tags() -> dict[str, Recipe]:
    action = "RemoveTags"
    eni = 'ResourceType="eni", ResourceId=eni'

    r = _maker(action, _ENI)

    return {
        "InvalidTagCount": r("InvalidTagCount", f"{eni}, {_TWENTY_ONE}"),
        "InvalidResourceId.NotSupported": r(
            "InvalidResourceId.NotSupported", f'ResourceType="eni", ResourceId=vsw, {_ONE}', _VSW
        ),
        "InvalidResourceId.NotFound": r(
            "InvalidResourceId.NotFound", f'ResourceType="eni", ResourceId="eni-nope", {_ONE}', ""
        ),
        "InvalidRegionId.NotFound": r("InvalidRegionId.NotFound", f"{_NOWHERE}, {eni}, {_ONE}"),
        "InvalidResourceType.NotFound": r(
            "InvalidResourceType.NotFound", f'ResourceType="nope", ResourceId=eni, {_ONE}'
        ),
        "MissingParameter": r("MissingParameter", eni),
    }


def _describe_tags() -> dict[str, Recipe]:
    action = "DescribeTags"

    r = _maker(action, "")

    return {
        "InvalidTagKey.Malformed": r("InvalidTagKey.Malformed", 'Tag=[{"Key": "k" * 129}]'),
        "InvalidTagValue.Malformed": r(
            "InvalidTagValue.Malformed", 'Tag=[{"Key": "k", "Value": "v" * 129}]'
        ),
        "InvalidRegionId.NotFound": r("InvalidRegionId.NotFound", _NOWHERE),
        "InvalidResourceType.NotFound": r("InvalidResourceType.NotFound", 'ResourceType="nope"'),
        "InvalidParameter": r("InvalidParameter", "PageSize=101"),
    }


def _recipes() -> dict[str, tuple[Recipe, ...]]:
    made = {
        "TagResources": {**_vpc_tag_resources(), **_ecs_tag_resources()},
        "UntagResources": _untag_resources(),
        "UnTagResources": _vpc_untag_resources(),
        "ListTagResources": {**_vpc_list_tag_resources(), **_ecs_list_tag_resources()},
        "AddTags": _add_tags(),
        "RemoveTags": _remove_tags(),
        "DescribeTags": _describe_tags(),
    }
    return {action: _ordered(action, made[action]) for action in made}


RECIPES = _recipes()
