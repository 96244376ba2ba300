"""RAM authorization of an API call: the resources each action touches, and the check.

An action declares its resources in ``RESOURCES`` (from the authorization table of
its API doc); an action with no entry is checked against ``acs:{service}:{region}:{account}:*``
(``service``: the product's, ``ecs`` unless told). ``acs:ResourceTag/<key>`` reads each
named resource's tags from the tag store when the caller passes ``tags_of``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pytest_fake_eni.cloud.ram import Policy, RequestContext
from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.wire.decode import ApiCall, unflatten

SERVICE = "ecs"
POLICY_TYPE = "AccountLevelIdentityBasedPolicy"

ResourceArns = Callable[[str, str, dict[str, Any]], list[str]]
"""``(region, account, params as a tree) -> ARNs`` in the order RAM checks them."""


def _create_network_interface(region: str, account: str, params: dict[str, Any]) -> list[str]:
    groups = params.get("SecurityGroupIds") or []
    if isinstance(groups, str):
        groups = [groups]
    if isinstance(params.get("SecurityGroupId"), str):
        groups = [params["SecurityGroupId"], *groups]
    arns = [f"acs:ecs:{region}:{account}:eni/*"]
    arns += [f"acs:ecs:{region}:{account}:securitygroup/{g}" for g in groups if isinstance(g, str)]
    if isinstance(params.get("VSwitchId"), str):
        arns.append(f"acs:vpc:{region}:{account}:vswitch/{params['VSwitchId']}")
    return arns


def _tagged(region: str, account: str, params: dict[str, Any]) -> list[str]:
    """The tag actions: each named resource, as ``acs:ecs:...:eni/<id>`` (ECS types) or
    ``acs:vpc:...:vswitch/<id>`` (VPC types); ``<type>/*`` when none is named."""
    kind = params.get("ResourceType")
    if not isinstance(kind, str) or not kind:
        return [f"acs:{SERVICE}:{region}:{account}:*"]
    service, kind = ("ecs", kind) if kind.islower() else ("vpc", kind.lower())
    ids = params.get("ResourceId") or []
    if isinstance(ids, str):
        ids = [ids]
    named = [i for i in ids if isinstance(i, str)] or ["*"]
    return [f"acs:{service}:{region}:{account}:{kind}/{i}" for i in named]


RESOURCES: dict[str, ResourceArns] = {
    "CreateNetworkInterface": _create_network_interface,
    **dict.fromkeys(
        (
            "TagResources",
            "UntagResources",
            "UnTagResources",
            "ListTagResources",
            "AddTags",
            "RemoveTags",
            "DescribeTags",
        ),
        _tagged,
    ),
}


def request_tags(params: dict[str, Any]) -> dict[str, str]:
    """The request's ``Tag.N.Key``/``Tag.N.Value`` pairs (``acs:RequestTag/<key>``)."""
    tags = params.get("Tag")
    if not isinstance(tags, list):
        return {}
    return {
        str(t["Key"]): str(t.get("Value", ""))
        for t in tags
        if isinstance(t, dict) and isinstance(t.get("Key"), str)
    }


@dataclass(frozen=True)
class Principal:
    """Who asks: a RAM user's name and policy, and whether it holds an STS token."""

    name: str
    policy: Policy
    account_id: str
    assumed: bool = False


def context_for(
    call: ApiCall,
    *,
    region: str,
    account_id: str,
    source_ip: str,
    now: datetime,
    tags_of: Callable[[str], Mapping[str, str]] | None = None,
    service: str = SERVICE,
) -> RequestContext:
    """The RAM request context of ``call`` to ``service`` (``ecs``, ``vpc``);
    ``tags_of(resource_id)`` gives the tags each named resource has (``acs:ResourceTag``),
    e.g. ``cloud.tags.of``."""
    params = unflatten(call.params)
    region = str(params.get("RegionId") or region)
    declared = RESOURCES.get(call.action)
    resources = (
        declared(region, account_id, params)
        if declared
        else [f"acs:{service}:{region}:{account_id}:*"]
    )
    named = {arn: arn.rsplit("/", 1)[1] for arn in resources if "/" in arn}
    return RequestContext(
        action=f"{service}:{call.action}",
        resources=tuple(resources),
        source_ip=source_ip,
        current_time=now,
        request_tags=request_tags(params),
        resource_tags={arn: tags_of(rid) for arn, rid in named.items() if tags_of and rid != "*"},
    )


def authorize(principal: Principal, context: RequestContext) -> None:
    """Raise ``Forbidden.RAM`` with an ``AccessDeniedDetail`` unless the policy allows."""
    decision = principal.policy.evaluate(context)
    if decision.allowed:
        return
    detail = {
        "AuthAction": context.action,
        "AuthPrincipalType": "AssumedRoleUser" if principal.assumed else "SubUser",
        "AuthPrincipalDisplayName": principal.name,
        "AuthPrincipalOwnerId": principal.account_id,
        "NoPermissionType": decision.no_permission_type,
        "PolicyType": POLICY_TYPE,
        # the fake's addition: the real service encodes this in EncodedDiagnosticMessage
        "AuthResource": decision.resource,
    }
    raise EcsError("Forbidden.RAM", extra={"AccessDeniedDetail": detail})
