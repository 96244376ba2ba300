"""Drive the fake through the real SDKs, one interface for all of them.

``create_eni(**params)`` takes wire names with tree values, exactly what both
SDKs' own request models take (``Tag=[{"Key": ...}]``, ``SecurityGroupIds=[...]``),
and returns the response body as a dict, or raises ``ApiFailure``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class ApiFailure(Exception):
    """What the SDK raised, read the way its users read it."""

    code: str
    status: int
    message: str
    request_id: str | None
    original: BaseException


def tea_errors() -> tuple[type[BaseException], ...]:
    """The exceptions the installed Tea SDK raises for an error answer.

    ``ClientException`` / ``ServerException`` from ``alibabacloud-tea-openapi`` 0.4 on (the
    darabonba generation); ``TeaException`` before it (0.3.x, for ``tox -e lowest``).
    """
    try:
        from alibabacloud_tea_openapi import exceptions
    except ImportError:  # 0.3.x has no exceptions module
        from Tea.exceptions import TeaException

        return (TeaException,)
    # ThrottlingException: a Throttling answer that carries x-acs-retry-after (newer SDKs).
    names = ("ClientException", "ServerException", "ThrottlingException")
    return tuple(getattr(exceptions, n) for n in names if hasattr(exceptions, n))


def tea_failure(e: Any) -> BaseException:
    """``ApiFailure`` of a Tea SDK error answer, of either generation; ``e`` itself otherwise."""
    if hasattr(e, "status_code"):  # tea-openapi 0.4 and later
        return ApiFailure(e.code, e.status_code, e.data["Message"], e.request_id, e)
    data = e.data if isinstance(e.data, dict) else {}
    if "statusCode" not in data:  # a transport failure (UnretryableException), not an answer
        return e  # type: ignore[no-any-return]
    return ApiFailure(e.code, data["statusCode"], data["Message"], data.get("RequestId"), e)


class TeaDriver:
    """``alibabacloud_ecs20140526.client.Client``: ACS3 by default, V1 with ``v2``."""

    def __init__(
        self,
        signature_algorithm: str | None = None,
        region_id: str = "cn-hangzhou",
        endpoint: str | None = None,
        *,
        access_key_id: str = "ak",
        access_key_secret: str = "sk",
        security_token: str | None = None,
    ):
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.models import Config

        config = Config(
            access_key_id=access_key_id,
            access_key_secret=access_key_secret,
            security_token=security_token,
            region_id=region_id,
        )
        if signature_algorithm:
            config.signature_algorithm = signature_algorithm
        if endpoint:  # a fake_ecs_server: "127.0.0.1:PORT" over plain http
            config.endpoint = endpoint
            config.protocol = "http"
        self.client = Client(config)
        self.region_id = region_id
        self.name = "tea-v1" if signature_algorithm else "tea-acs3"

    def create_eni(self, **params: Any) -> dict[str, Any]:
        from alibabacloud_ecs20140526 import models

        params.setdefault("RegionId", self.region_id)
        request = models.CreateNetworkInterfaceRequest().from_map(params)
        try:
            return dict(self.client.create_network_interface(request).body.to_map())
        except tea_errors() as e:
            raise tea_failure(e) from e


class LegacyDriver:
    """``aliyunsdkcore.client.AcsClient`` with ``aliyunsdkecs`` requests (V1)."""

    name = "legacy"

    def __init__(
        self,
        region_id: str = "cn-hangzhou",
        endpoint: str | None = None,
        *,
        access_key_id: str = "ak",
        access_key_secret: str = "sk",
        security_token: str | None = None,
        **client_options: Any,
    ):
        from aliyunsdkcore.auth.credentials import StsTokenCredential
        from aliyunsdkcore.client import AcsClient

        self.endpoint = endpoint
        if security_token is not None:
            credential = StsTokenCredential(access_key_id, access_key_secret, security_token)
            self.client = AcsClient(region_id=region_id, credential=credential, **client_options)
        else:
            self.client = AcsClient(access_key_id, access_key_secret, region_id, **client_options)

    def request(self, params: dict[str, Any]) -> Any:
        from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
            CreateNetworkInterfaceRequest,
        )

        request = CreateNetworkInterfaceRequest()
        if self.endpoint:  # a fake_ecs_server: "127.0.0.1:PORT" over plain http
            request.set_endpoint(self.endpoint)
            request.set_protocol_type("http")
        for name, value in params.items():
            if name == "RegionId":  # the client adds its own unless the request has one
                request.add_query_param(name, value)
                continue
            setter = f"set_{name}s" if isinstance(value, list) else f"set_{name}"
            if not hasattr(request, setter):  # e.g. EnablePrimaryIPv6, newer than this SDK
                request.add_query_param(name, value)
                continue
            getattr(request, setter)(value)
        return request

    def create_eni(self, **params: Any) -> dict[str, Any]:
        from aliyunsdkcore.acs_exception.exceptions import ServerException

        try:
            body = self.client.do_action_with_exception(self.request(params))
        except ServerException as e:
            raise ApiFailure(
                e.get_error_code(), e.get_http_status(), e.get_error_msg(), e.get_request_id(), e
            ) from e
        return dict(json.loads(body))


SIGNED_DRIVERS = {
    "tea-acs3": lambda **creds: TeaDriver(**creds),
    "tea-v1": lambda **creds: TeaDriver("v2", **creds),
    "legacy": lambda **creds: LegacyDriver(**creds),
}
"""Each SDK with given ``access_key_id``, ``access_key_secret`` and ``security_token``."""

DRIVERS = {
    "tea-acs3": lambda: TeaDriver(),
    "tea-v1": lambda: TeaDriver("v2"),
    "legacy": lambda: LegacyDriver(),
}


def create_in_defaults(fake: Any, sdk: Any, **extra: Any) -> dict[str, Any]:
    """CreateNetworkInterface through ``sdk`` in ``fake``'s default vSwitch and group."""
    return sdk.create_eni(  # type: ignore[no-any-return]
        VSwitchId=fake.default_vswitch.vswitch_id,
        SecurityGroupId=fake.default_security_group.security_group_id,
        **extra,
    )


def server_driver(name: str, endpoint: str, **options: Any) -> TeaDriver | LegacyDriver:
    """The driver ``name`` of ``DRIVERS``, pointed at a server's ``host:port``.

    ``options`` are the driver's keyword arguments (keys; the legacy client's options).
    The legacy client does not retry unless asked (``auto_retry=True``), like Tea's default.
    """
    if name == "legacy":
        return LegacyDriver(endpoint=endpoint, **{"auto_retry": False, **options})
    return TeaDriver("v2" if name == "tea-v1" else None, endpoint=endpoint, **options)
