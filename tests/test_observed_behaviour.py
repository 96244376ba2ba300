"""Where the fake follows what the real service was seen to answer (docs/observed-behaviour.md),
through every SDK: Tea (ACS3), Tea with the V1 signature and the legacy SDK."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud.tokens import TokenStore
from pytest_fake_eni.errors import lookup
from tests import test_faults
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs
from tests.test_create_errors import ok

plain_sdk, sleeps = test_faults.plain_sdk, test_faults.sleeps  # fixtures: every SDK, no retries
CREATE = "CreateNetworkInterface"
FAILED = (
    "The previous idempotent request(s) has failed due to some unknown error, exception or failure."
)


def fails_with(code: str, call: Any, *args: Any, **params: Any) -> ApiFailure:
    with pytest.raises(ApiFailure) as failure:
        call(*args, **params)
    assert (failure.value.code, failure.value.status) == (code, lookup(code).status)
    return failure.value


# -- 1. a ClientToken whose request failed on the server's side stays failed -------------


@pytest.mark.parametrize("code", ["InternalError", "ServiceUnavailable", "UnknownError"])
def test_a_token_failed_by_a_5xx_stays_failed(
    fake_ecs: FakeEcs,
    plain_sdk: Any,
    code: str,
) -> None:
    fake_ecs.inject_error(CREATE, code)
    fails_with(code, plain_sdk.create_eni, **ok(fake_ecs, ClientToken="t-1"))
    free = fake_ecs.default_vswitch.available_ip_count
    failure = fails_with(
        "IdempotentFailed", plain_sdk.create_eni, **ok(fake_ecs, ClientToken="t-1")
    )
    assert failure.message == FAILED
    assert fake_ecs.enis == [] and fake_ecs.default_vswitch.available_ip_count == free
    fails_with("IdempotentFailed", plain_sdk.create_eni, **ok(fake_ecs, ClientToken="t-1"))
    body = plain_sdk.create_eni(**ok(fake_ecs, ClientToken="t-2"))  # a new token works
    assert [e.network_interface_id for e in fake_ecs.enis] == [body["NetworkInterfaceId"]]
    fake_ecs.cloud.check_invariants()


def test_a_natural_5xx_fails_the_token_too(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    fake_ecs.region.ip_prefix = False
    request = ok(fake_ecs, ClientToken="t-1", Ipv4PrefixCount=1)
    fails_with("InvalidOperation.RegionNotSupportIpPrefix", plain_sdk.create_eni, **request)
    fake_ecs.region.ip_prefix = True  # the cause is gone, the token stays failed
    fails_with("IdempotentFailed", plain_sdk.create_eni, **request)
    assert fake_ecs.enis == []


def test_a_4xx_or_a_lost_answer_does_not_fail_the_token(
    fake_ecs: FakeEcs,
    plain_sdk: Any,
) -> None:
    fake_ecs.inject_error(CREATE, "Throttling")
    fails_with("Throttling", plain_sdk.create_eni, **ok(fake_ecs, ClientToken="t-1"))
    first = plain_sdk.create_eni(**ok(fake_ecs, ClientToken="t-1"))
    fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)
    fails_with("InternalError", plain_sdk.create_eni, **ok(fake_ecs, ClientToken="t-2"))
    second = plain_sdk.create_eni(**ok(fake_ecs, ClientToken="t-2"))  # replays the effect
    assert {first["NetworkInterfaceId"], second["NetworkInterfaceId"]} == {
        e.network_interface_id for e in fake_ecs.enis
    }


def test_the_token_is_failed_per_action_and_region(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    eni = plain_sdk.create_eni(**ok(fake_ecs))["NetworkInterfaceId"]
    fake_ecs.inject_error("AssignPrivateIpAddresses", "InternalError")
    assign = {"NetworkInterfaceId": eni, "SecondaryPrivateIpAddressCount": 1, "ClientToken": "t"}
    fails_with("InternalError", ecs, plain_sdk, "AssignPrivateIpAddresses", **assign)
    fails_with("IdempotentFailed", ecs, plain_sdk, "AssignPrivateIpAddresses", **assign)
    assert len(fake_ecs.enis[0].private_ip_addresses) == 1  # nothing assigned
    plain_sdk.create_eni(**ok(fake_ecs, ClientToken="t"))  # another action's token: free


def test_every_client_token_action_keeps_a_failed_token(
    fake_ecs: FakeEcs,
    plain_sdk: Any,
) -> None:
    fake_ecs.default_vswitch.enable_ipv6("2408:4005:3d8:3c00::/64")
    eni = plain_sdk.create_eni(**ok(fake_ecs))["NetworkInterfaceId"]
    for action, asked in (
        ("AssignPrivateIpAddresses", {"SecondaryPrivateIpAddressCount": 1}),
        ("AssignIpv6Addresses", {"Ipv6AddressCount": 1}),
    ):
        fake_ecs.inject_error(action, "ServiceUnavailable")
        request = {"NetworkInterfaceId": eni, "ClientToken": f"{action}-1", **asked}
        fails_with("ServiceUnavailable", ecs, plain_sdk, action, **request)
        failure = fails_with("IdempotentFailed", ecs, plain_sdk, action, **request)
        assert failure.message == FAILED
        ecs(plain_sdk, action, **{**request, "ClientToken": f"{action}-2"})
    assert len(fake_ecs.enis[0].private_ip_addresses) == 2
    assert len(fake_ecs.enis[0].ipv6_addresses) == 1
    fake_ecs.cloud.check_invariants()


def test_the_legacy_sdks_own_retry_meets_the_failed_token(
    fake_ecs: FakeEcs,
    legacy: Any,
    sleeps: list[float],
) -> None:
    """The BOSH CPI's case: the SDK retries a 5xx with the same token and is refused."""
    fake_ecs.inject_error(CREATE, "InternalError")
    fails_with("IdempotentFailed", legacy.create_eni, **ok(fake_ecs, ClientToken="bosh-1"))
    codes = [c.error_code for c in fake_ecs.calls_to(CREATE)]
    assert codes[:2] == ["InternalError", "IdempotentFailed"] and fake_ecs.enis == []


def test_token_store_fail_and_replay() -> None:
    store = TokenStore()
    assert store.once("A", "r", "t", 1, lambda: "first") == "first"
    assert not store.fail("A", "r", "t")  # it took effect: the replay stands
    assert store.once("A", "r", "t", 1, lambda: "second") == "first"
    assert store.fail("A", "r", "u") and store.failed("A", "r", "u")
    assert not store.failed("B", "r", "u") and not store.failed("A", "s", "u")
    with pytest.raises(Exception, match="IdempotentFailed"):
        store.once("A", "r", "u", 1, lambda: "never")


# -- 2. the gateway resolves the API before it checks the caller --------------------------

AK, SECRET = "LTAI5tObservedKey0000001", "right-secret"
PRODUCTS = {
    "Ecs": ("ecs.cn-hangzhou.aliyuncs.com", "2014-05-26"),
    "Vpc": ("vpc.cn-hangzhou.aliyuncs.com", "2016-04-28"),
}


def send(
    dialect: str,
    action: str,
    *,
    product: str = "Ecs",
    version: str | None = None,
    key: str = AK,
    secret: str = SECRET,
    token: str | None = None,
) -> dict[str, Any]:
    """``action`` (of ``version``, the product's by default) through the generic call of the
    SDK ``dialect`` names, signed with ``key``/``secret`` (and ``token``)."""
    host, served = PRODUCTS[product]
    version = version or served
    if dialect != "legacy":
        from alibabacloud_tea_openapi import models as api_models
        from alibabacloud_tea_openapi.client import Client
        from alibabacloud_tea_openapi.exceptions import ClientException, ServerException
        from alibabacloud_tea_util.models import RuntimeOptions

        config = api_models.Config(
            access_key_id=key, access_key_secret=secret, security_token=token,
            region_id="cn-hangzhou", endpoint=host,
        )  # fmt: skip
        if dialect == "tea-v1":
            config.signature_algorithm = "v2"
        params = api_models.Params(
            action=action, version=version, protocol="HTTPS", pathname="/", method="POST",
            auth_type="AK", style="RPC", req_body_type="formData", body_type="json",
        )  # fmt: skip
        request = api_models.OpenApiRequest(query={"RegionId": "cn-hangzhou"})
        try:
            return dict(Client(config).call_api(params, request, RuntimeOptions())["body"])
        except (ClientException, ServerException) as e:
            raise ApiFailure(e.code, e.status_code, e.data["Message"], e.request_id, e) from e
    from aliyunsdkcore.acs_exception.exceptions import ServerException as LegacyServerException
    from aliyunsdkcore.auth.credentials import AccessKeyCredential, StsTokenCredential
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.request import CommonRequest

    credential = (
        StsTokenCredential(key, secret, token) if token else AccessKeyCredential(key, secret)
    )
    client = AcsClient(region_id="cn-hangzhou", credential=credential, auto_retry=False)
    common = CommonRequest(host, version, action)
    common.set_method("POST")
    common.add_query_param("RegionId", "cn-hangzhou")
    try:
        return dict(json.loads(client.do_action_with_exception(common)))
    except LegacyServerException as e:
        raise ApiFailure(
            e.get_error_code(), e.get_http_status(), e.get_error_msg(), e.get_request_id(), e
        ) from e


OTHER_KEY, WRONG = {"key": "LTAI5tSomeoneElse0000000"}, {"secret": "wrong-secret"}


@pytest.mark.parametrize(
    ("caller", "action", "version", "code"),
    [
        (OTHER_KEY, "DescribeKeyPairs", None, "InvalidAction.NotFound"),
        (WRONG, "DescribeKeyPairs", None, "InvalidAction.NotFound"),
        (OTHER_KEY, "DescribeNetworkInterfaces", "2099-01-01", "InvalidVersion"),
        (WRONG, "DescribeNetworkInterfaces", "2016-04-28", "InvalidVersion"),
        (OTHER_KEY, "DescribeNetworkInterfaces", None, "InvalidAccessKeyId.NotFound"),
        ({}, "DescribeKeyPairs", None, "InvalidAction.NotFound"),
    ],
)
def test_the_api_is_resolved_before_the_caller_is_checked(
    fake_ecs: FakeEcs, dialect: str, caller: dict[str, str], action: str, version: str | None,
    code: str,
) -> None:  # fmt: skip
    fake_ecs.add_credentials(AK, SECRET)
    fails_with(code, send, dialect, action, version=version, **caller)
    assert fake_ecs.calls[-1].error_code == code
    assert send(dialect, "DescribeNetworkInterfaces")["TotalCount"] == 0


# -- 3. an STS key without its token; an expired token ------------------------------------

STS_TOKEN = "CAIS-observed-token"
MISSING_TOKEN = (
    'The input parameter "SecurityToken" that is mandatory for processing this request is not '
    "supplied."
)
READS = {"Ecs": "DescribeNetworkInterfaces", "Vpc": "DescribeVpcs"}


@pytest.mark.parametrize("product", sorted(READS))
def test_an_sts_key_without_its_token_is_missing_parameter(
    fake_ecs: FakeEcs, dialect: str, product: str
) -> None:
    fake_ecs.add_credentials(AK, SECRET, security_token=STS_TOKEN)
    failure = fails_with("MissingParameter", send, dialect, READS[product], product=product)
    assert failure.message == MISSING_TOKEN
    send(dialect, READS[product], product=product, token=STS_TOKEN)  # with its token: fine


@pytest.mark.parametrize("product", sorted(READS))
@pytest.mark.parametrize("seen_form", [False, True])
def test_an_expired_token(fake_ecs: FakeEcs, dialect: str, product: str, seen_form: bool) -> None:
    fake_ecs.add_credentials(AK, SECRET, security_token=STS_TOKEN, expires_in=60)
    assert fake_ecs.expired_token_as_invalid_parameter is False  # the default
    fake_ecs.expired_token_as_invalid_parameter = seen_form
    send(dialect, READS[product], product=product, token=STS_TOKEN)
    fake_ecs.clock.advance(61)
    code = "InvalidParameter" if seen_form else "InvalidSecurityToken.Expired"
    failure = fails_with(code, send, dialect, READS[product], product=product, token=STS_TOKEN)
    assert failure.message == (
        'The specified parameter "SecurityToken.Expired" is not valid.'
        if seen_form
        else "Specified SecurityToken is expired."
    )


# -- 4. throttling tells the client when to retry -----------------------------------------


def tea_with_retries(dialect: str) -> Any:
    """The Tea ECS client told to retry ``ThrottlingException`` (three attempts)."""
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config
    from darabonba.policy.retry import RetryOptions

    retry = RetryOptions(
        {
            "retryable": True,
            "retryCondition": [
                {"maxAttempts": 3, "exception": ["ThrottlingException"], "maxDelay": 60_000}
            ],
        }
    )
    config = Config(
        access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou", retry_options=retry
    )
    if dialect == "tea-v1":
        config.signature_algorithm = "v2"
    return Client(config)


@pytest.mark.parametrize("dialect", ["tea-acs3", "tea-v1"])
def test_the_tea_sdk_backs_off_as_the_header_says(
    fake_ecs: FakeEcs, dialect: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from alibabacloud_ecs20140526 import models

    slept: list[float] = []

    def sleep(seconds: float) -> None:  # the SDK's back-off, on the fake's clock
        slept.append(seconds)
        fake_ecs.clock.advance(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    fake_ecs.rate_limit("DescribeNetworkInterfaces", calls=1, per_seconds=10)
    client = tea_with_retries(dialect)
    request = models.DescribeNetworkInterfacesRequest(region_id="cn-hangzhou")
    client.describe_network_interfaces(request)
    fake_ecs.clock.advance(2.5)
    body = client.describe_network_interfaces(request).body  # throttled, waits, succeeds
    assert body.total_count == 0
    # What x-acs-retry-after said (the window frees in 7500 ms; the clock also runs).
    assert len(slept) == 1 and slept[0] == pytest.approx(7.5, abs=0.2)
    throttled = fake_ecs.calls[1]
    assert (throttled.error_code, throttled.status_code) == ("Throttling", 400)
    assert [c.error_code for c in fake_ecs.calls] == [None, "Throttling", None]


def test_the_header_reaches_every_sdk(fake_ecs: FakeEcs, dialect: str) -> None:
    fake_ecs.rate_limit("DescribeNetworkInterfaces", calls=0, per_seconds=3)
    if dialect == "legacy":
        from aliyunsdkecs.request.v20140526.DescribeNetworkInterfacesRequest import (
            DescribeNetworkInterfacesRequest,
        )

        from tests.drivers import LegacyDriver

        client = LegacyDriver(auto_retry=False).client
        with pytest.warns(DeprecationWarning):
            status, headers, body = client.implementation_of_do_action(
                DescribeNetworkInterfacesRequest()
            )
        assert (status, json.loads(body)["Code"]) == (400, "Throttling")
        assert 2800 <= int(headers["x-acs-retry-after"]) <= 3000
        return
    from alibabacloud_ecs20140526 import models
    from alibabacloud_tea_openapi.exceptions import ThrottlingException

    client = tea_with_retries(dialect)
    client._retry_options = None  # no retries: the exception as the caller sees it
    with pytest.raises(ThrottlingException) as throttled:
        client.describe_network_interfaces(
            models.DescribeNetworkInterfacesRequest(region_id="cn-hangzhou")
        )
    assert throttled.value.code == "Throttling"
    assert 2800 <= throttled.value.retry_after <= 3000


def test_the_header_travels_over_aiohttp_and_the_server(fake_ecs: FakeEcs) -> None:
    import asyncio

    import requests
    from alibabacloud_ecs20140526 import models
    from alibabacloud_tea_openapi.exceptions import ThrottlingException

    fake_ecs.rate_limit("DescribeNetworkInterfaces", calls=0, per_seconds=2)
    client = tea_with_retries("tea-acs3")
    client._retry_options = None
    request = models.DescribeNetworkInterfacesRequest(region_id="cn-hangzhou")
    with pytest.raises(ThrottlingException) as throttled:
        asyncio.run(client.describe_network_interfaces_async(request))
    assert 1800 <= throttled.value.retry_after <= 2000
    from pytest_fake_eni.testing.server import FakeEcsServer

    with FakeEcsServer(fake_ecs) as server:  # the loopback server, to any HTTP client
        answer = requests.get(
            f"{server.url}/",
            params={"Action": "DescribeNetworkInterfaces", "Version": "2014-05-26",
                    "RegionId": "cn-hangzhou", "Format": "JSON"},
            timeout=5,
        )  # fmt: skip
    assert answer.status_code == 400
    assert 1000 <= int(answer.headers["x-acs-retry-after"]) <= 2000


# -- 5. id shapes -------------------------------------------------------------------------


def test_ids_have_the_shapes_the_service_sends(fake_ecs: FakeEcs, sdk: Any) -> None:
    import re

    from pytest_fake_eni.cloud.ids import IdFactory

    eni_id = sdk.create_eni(**ok(fake_ecs))["NetworkInterfaceId"]
    instance = fake_ecs.add_instance(fake_ecs.default_vswitch.vswitch_id)
    ids = {
        "eni": eni_id,
        "i": instance.instance_id,
        "sg": fake_ecs.default_security_group.security_group_id,
        "vsw": fake_ecs.default_vswitch.vswitch_id,
        "vpc": fake_ecs.default_vpc.vpc_id,
        "vtb": IdFactory(0).resource_id("vtb", "cn-hangzhou"),
    }
    for prefix, resource_id in ids.items():
        body = 21 if prefix in ("vsw", "vpc", "vtb") else 20
        assert re.fullmatch(rf"{prefix}-bp1[a-z0-9]{{{body - 3}}}", resource_id), resource_id
    assert describe_ids(sdk) == (ids["vsw"], ids["vpc"])  # as the SDKs read them


def describe_ids(sdk: Any) -> tuple[str, str]:
    """The default vSwitch and VPC ids as the VPC product's Describe calls answer them."""
    from tests.lifecycle_drivers import vpc

    vsw = vpc(sdk, "DescribeVSwitches")["VSwitches"]["VSwitch"][0]["VSwitchId"]
    vpc_id = vpc(sdk, "DescribeVpcs")["Vpcs"]["Vpc"][0]["VpcId"]
    return str(vsw), str(vpc_id)


# -- 6. IncorrectVSwitchStatus in the service's wording -----------------------------------


def test_incorrect_vswitch_status_in_the_wording_seen_on_create(
    fake_ecs: FakeEcs, sdk: Any
) -> None:
    from pytest_fake_eni.catalogue import VARIANTS

    fake_ecs.default_vswitch.status = "Pending"
    failure = fails_with("IncorrectVSwitchStatus", sdk.create_eni, **ok(fake_ecs))
    assert failure.message == "The current status of vSwitch does not support this operation."
    assert {name for code, name in VARIANTS if code == "IncorrectVSwitchStatus"} >= {
        "state",
        "generic",
    }  # the table's two wordings, kept (CreateVSwitch adds its own, "creating")
    assert fake_ecs.enis == []


# -- 7. a released private address may not be reusable at once ----------------------------


def test_a_freed_address_cools_for_address_reuse_delay(fake_ecs: FakeEcs, sdk: Any) -> None:
    assert fake_ecs.address_reuse_delay == 0
    fake_ecs.address_reuse_delay = 30
    eni_id = sdk.create_eni(**ok(fake_ecs, PrimaryIpAddress="172.16.0.20"))["NetworkInterfaceId"]
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    free = fake_ecs.default_vswitch.available_ip_count
    failure = fails_with(
        "InvalidPrivateIpAddress.Duplicated",
        sdk.create_eni,
        **ok(fake_ecs, PrimaryIpAddress="172.16.0.20"),
    )  # named explicitly: still in use, as the BOSH CPI saw
    assert "172.16.0.20" in failure.message
    counted = sdk.create_eni(**ok(fake_ecs, SecondaryPrivateIpAddressCount=5))
    other = fake_ecs.cloud.enis[counted["NetworkInterfaceId"]]
    assert "172.16.0.20" not in other.private_ip_addresses  # nor handed out automatically
    fake_ecs.cloud.check_invariants()
    fake_ecs.clock.advance(30)
    again = sdk.create_eni(**ok(fake_ecs, PrimaryIpAddress="172.16.0.20"))
    assert fake_ecs.cloud.enis[again["NetworkInterfaceId"]].primary_ip_address == "172.16.0.20"
    assert fake_ecs.default_vswitch.available_ip_count == free - 6  # 6 counted, 1 thawed, 1 taken
    fake_ecs.cloud.check_invariants()


def test_unassigned_addresses_cool_too(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.address_reuse_delay = 10
    eni_id = sdk.create_eni(**ok(fake_ecs))["NetworkInterfaceId"]
    named = {"NetworkInterfaceId": eni_id, "PrivateIpAddress": ["172.16.0.30"]}
    ecs(sdk, "AssignPrivateIpAddresses", **named)
    ecs(sdk, "UnassignPrivateIpAddresses", **named)
    fails_with("InvalidPrivateIpAddress.Duplicated", ecs, sdk, "AssignPrivateIpAddresses", **named)
    fake_ecs.clock.advance(10)
    ecs(sdk, "AssignPrivateIpAddresses", **named)
    fake_ecs.cloud.check_invariants()


def test_without_a_delay_a_freed_address_is_reusable_at_once(fake_ecs: FakeEcs, sdk: Any) -> None:
    eni_id = sdk.create_eni(**ok(fake_ecs, PrimaryIpAddress="172.16.0.20"))["NetworkInterfaceId"]
    ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
    sdk.create_eni(**ok(fake_ecs, PrimaryIpAddress="172.16.0.20"))
    with pytest.raises(ValueError):
        fake_ecs.address_reuse_delay = -1
