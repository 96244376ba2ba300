"""RAM authorization of an API call: the resources each action touches, and the check.

An action declares its resources in ``RESOURCES`` (from the authorization table of
its API doc); an action with no entry is checked against ``acs:ecs:{region}:{account}:*``.
"""

from __future__ import annotations

from collections.abc import Callable
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


RESOURCES: dict[str, ResourceArns] = {
    "CreateNetworkInterface": _create_network_interface,
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
) -> RequestContext:
    """The RAM request context of ``call``."""
    params = unflatten(call.params)
    region = str(params.get("RegionId") or region)
    declared = RESOURCES.get(call.action)
    resources = (
        declared(region, account_id, params)
        if declared
        else [f"acs:{SERVICE}:{region}:{account_id}:*"]
    )
    return RequestContext(
        action=f"{SERVICE}:{call.action}",
        resources=tuple(resources),
        source_ip=source_ip,
        current_time=now,
        request_tags=request_tags(params),
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
