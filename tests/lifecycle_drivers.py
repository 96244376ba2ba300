"""Drive any ECS or VPC action through the real SDKs the ``sdk`` fixture names.

``ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=..., InstanceId=...)`` takes wire
names with tree values (lists for ``.N`` parameters, dicts for structs), builds the SDK's
own request model (Tea ``models.<Action>Request`` or legacy ``<Action>Request``), sends it
the way that SDK does, and returns the body as a dict or raises ``ApiFailure``.
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any

from tests.drivers import ApiFailure, LegacyDriver, TeaDriver, tea_errors, tea_failure

Driver = TeaDriver | LegacyDriver


def ecs(sdk: Driver, action: str, **params: Any) -> dict[str, Any]:
    """Call an ECS action through ``sdk``'s SDK and dialect."""
    return _call(sdk, "ecs", action, params)


def vpc(sdk: Driver, action: str, **params: Any) -> dict[str, Any]:
    """Call a VPC action (2016-04-28) through the VPC SDK of the same kind as ``sdk``."""
    return _call(sdk, "vpc", action, params)


def _snake(action: str) -> str:
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", action).lower()
    return snake.replace("v_switch", "vswitch").replace("ipv6_", "ipv_6")  # the Tea spelling


def _call(sdk: Driver, product: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
    params.setdefault("RegionId", "cn-hangzhou")
    if isinstance(sdk, TeaDriver):
        return _tea(sdk, product, action, params)
    return _legacy(sdk, product, action, params)


def _tea(sdk: TeaDriver, product: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
    package = "alibabacloud_ecs20140526" if product == "ecs" else "alibabacloud_vpc20160428"
    models = importlib.import_module(f"{package}.models")
    client = sdk.client
    if product == "vpc":
        from alibabacloud_tea_openapi.models import Config

        config = Config(access_key_id="ak", access_key_secret="sk", region_id=sdk.region_id)
        if sdk.name == "tea-v1":
            config.signature_algorithm = "v2"
        client = importlib.import_module(f"{package}.client").Client(config)
    request = getattr(models, f"{action}Request")().from_map(params)
    try:
        return dict(getattr(client, _snake(action))(request).body.to_map())
    except tea_errors() as e:
        raise tea_failure(e) from e


def _legacy(sdk: LegacyDriver, product: str, action: str, params: dict[str, Any]) -> dict[str, Any]:
    from aliyunsdkcore.acs_exception.exceptions import ServerException

    package = (
        "aliyunsdkecs.request.v20140526" if product == "ecs" else "aliyunsdkvpc.request.v20160428"
    )
    request_class = getattr(
        importlib.import_module(f"{package}.{action}Request"), f"{action}Request"
    )
    request = request_class()
    for name, value in params.items():
        if name == "RegionId":  # the client adds its own unless the request has one
            request.add_query_param(name, value)
            continue
        plural = f"set_{name}s"
        setter = plural if isinstance(value, list) and hasattr(request, plural) else f"set_{name}"
        if not hasattr(request, setter):  # a name newer than the request class: as users do
            request.add_query_param(name, value)
            continue
        getattr(request, setter)(value)
    try:
        body = sdk.client.do_action_with_exception(request)
    except ServerException as e:
        raise ApiFailure(
            e.get_error_code(), e.get_http_status(), e.get_error_msg(), e.get_request_id(), e
        ) from e
    return dict(json.loads(body))


def create(sdk: Driver, **params: Any) -> str:
    """Create an ENI in the default vSwitch and group (unless ``params`` say otherwise)."""
    return str(sdk.create_eni(**params)["NetworkInterfaceId"])


def describe(sdk: Driver, **params: Any) -> list[dict[str, Any]]:
    """DescribeNetworkInterfaces: the items of one page."""
    body = ecs(sdk, "DescribeNetworkInterfaces", **params)
    return list(body["NetworkInterfaceSets"]["NetworkInterfaceSet"])


def status_of(sdk: Driver, eni_id: str) -> str | None:
    """The ENI's status as DescribeNetworkInterfaces reports it, None when it is gone."""
    items = describe(sdk, NetworkInterfaceId=[eni_id])
    return str(items[0]["Status"]) if items else None
