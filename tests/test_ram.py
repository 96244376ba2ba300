"""RAM authorization of CreateNetworkInterface, through every real SDK, and the evaluator."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud.ram import Policy, RequestContext
from tests.drivers import SIGNED_DRIVERS, ApiFailure, create_in_defaults

ACTION = "ecs:CreateNetworkInterface"


@pytest.fixture
def fake() -> Iterator[FakeEcs]:
    with FakeEcs() as ecs:
        yield ecs


def arns(fake: FakeEcs) -> dict[str, str]:
    account, region = fake.account_id, fake.region_id
    return {
        "eni": f"acs:ecs:{region}:{account}:eni/*",
        "sg": f"acs:ecs:{region}:{account}:securitygroup/"
        + fake.default_security_group.security_group_id,
        "vsw": f"acs:vpc:{region}:{account}:vswitch/{fake.default_vswitch.vswitch_id}",
    }


def allow(resources: list[str], action: str = ACTION, **condition: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Allow", "Action": action, "Resource": resources}
    if condition:
        statement["Condition"] = condition
    return {"Version": "1", "Statement": [statement]}


def user(fake: FakeEcs, dialect: str, policy: dict[str, Any] | str, name: str = "eni-bot") -> Any:
    key = fake.add_ram_user(name, policy)
    return SIGNED_DRIVERS[dialect](
        access_key_id=key.access_key_id, access_key_secret=key.access_key_secret
    )


create = create_in_defaults


def denied(fake: FakeEcs, sdk: Any, **extra: Any) -> ApiFailure:
    free, before = fake.default_vswitch.available_ip_count, fake.enis
    with pytest.raises(ApiFailure) as failure:
        create(fake, sdk, **extra)
    assert (failure.value.code, failure.value.status) == ("Forbidden.RAM", 403)
    assert failure.value.message == (
        "User not authorized to operate on the specified resource, or this API doesn't support RAM."
    )
    assert fake.enis == before and fake.default_vswitch.available_ip_count == free
    assert fake.calls[-1].error_code == "Forbidden.RAM"
    return failure.value


def detail(fake: FakeEcs, failure: ApiFailure) -> dict[str, Any]:
    """``AccessDeniedDetail`` as the SDK exposes it (Tea), or as the fake sent it (legacy)."""
    original: Any = failure.original
    if hasattr(original, "access_denied_detail"):  # Tea's ClientException
        return dict(original.access_denied_detail)
    sent = fake.calls[-1].response["AccessDeniedDetail"]  # the legacy SDK keeps code and message
    assert isinstance(sent, dict)
    return sent


# --------------------------------------------------------------------------- through the SDKs


def test_least_privilege_policy_is_enough(fake: FakeEcs, dialect: str) -> None:
    sdk = user(fake, dialect, allow(list(arns(fake).values())))
    body = create(fake, sdk)
    fake.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])


def test_account_key_is_allowed_everything(fake: FakeEcs, dialect: str) -> None:
    fake.add_ram_user("nobody", {"Version": "1", "Statement": []})
    fake.add_credentials("LTAI5tAccountKey00000001", "account-secret")
    sdk = SIGNED_DRIVERS[dialect](
        access_key_id="LTAI5tAccountKey00000001", access_key_secret="account-secret"
    )
    create(fake, sdk)
    assert len(fake.enis) == 1


@pytest.mark.parametrize("missing", ["eni", "sg", "vsw"])
def test_each_resource_of_the_table_is_required(fake: FakeEcs, dialect: str, missing: str) -> None:
    resources = arns(fake)
    sdk = user(fake, dialect, allow([arn for kind, arn in resources.items() if kind != missing]))
    failure = denied(fake, sdk)
    assert hasattr(failure.original, "access_denied_detail") == (dialect != "legacy")
    assert detail(fake, failure) == {
        "AuthAction": ACTION,
        "AuthPrincipalType": "SubUser",
        "AuthPrincipalDisplayName": "eni-bot",
        "AuthPrincipalOwnerId": fake.account_id,
        "NoPermissionType": "ImplicitDeny",
        "PolicyType": "AccountLevelIdentityBasedPolicy",
        "AuthResource": resources[missing],
    }


def test_every_security_group_is_checked(fake: FakeEcs, dialect: str) -> None:
    other = fake.add_security_group(fake.default_vpc.vpc_id)
    resources = arns(fake)
    sdk = user(fake, dialect, allow(list(resources.values())))
    groups = [fake.default_security_group.security_group_id, other.security_group_id]
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(VSwitchId=fake.default_vswitch.vswitch_id, SecurityGroupIds=groups)
    assert detail(fake, failure.value)["AuthResource"].endswith(
        "securitygroup/" + other.security_group_id
    )


def test_explicit_deny_wins(fake: FakeEcs, dialect: str) -> None:
    resources = arns(fake)
    policy = allow(["*"], action="ecs:*")
    policy["Statement"].append({"Effect": "Deny", "Action": ACTION, "Resource": resources["sg"]})
    failure = denied(fake, user(fake, dialect, json.dumps(policy)))
    assert detail(fake, failure)["NoPermissionType"] == "ExplicitDeny"
    assert detail(fake, failure)["AuthResource"] == resources["sg"]


def test_wildcards_in_actions_and_resources(fake: FakeEcs, dialect: str) -> None:
    account = fake.account_id
    policy = allow([f"acs:ecs:*:{account}:*", f"acs:vpc:*:{account}:vswitch/*"], "ECS:create*")
    create(fake, user(fake, dialect, policy))
    assert len(fake.enis) == 1


def test_source_ip_condition(fake: FakeEcs, dialect: str) -> None:
    policy = allow(["*"], IpAddress={"acs:SourceIp": ["10.0.0.0/8", "192.168.1.1"]})
    sdk = user(fake, dialect, policy)
    denied(fake, sdk)  # requests come from 127.0.0.1 by default
    fake.source_ip = "10.20.30.40"
    create(fake, sdk)
    assert len(fake.enis) == 1


def test_current_time_condition_follows_the_fake_clock(fake: FakeEcs, dialect: str) -> None:
    until = (fake.clock.now() + timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    sdk = user(fake, dialect, allow(["*"], DateLessThan={"acs:CurrentTime": until}))
    create(fake, sdk)
    fake.clock.advance(11 * 60)  # still inside the 15-minute timestamp window
    denied(fake, sdk)
    assert len(fake.enis) == 1


def test_request_tag_condition(fake: FakeEcs, dialect: str) -> None:
    policy = allow(["*"], StringLike={"acs:RequestTag/team": "net*"})
    sdk = user(fake, dialect, policy)
    denied(fake, sdk)
    denied(fake, sdk, Tag=[{"Key": "team", "Value": "storage"}])
    create(fake, sdk, Tag=[{"Key": "team", "Value": "network"}])
    assert fake.enis[0].tags == {"team": "network"}


def test_sts_token_of_a_ram_user(fake: FakeEcs, dialect: str) -> None:
    fake.add_ram_user("role-user", {"Version": "1", "Statement": []})
    fake.add_credentials("STS.key", "sts-secret", security_token="CAIS-1", ram_user="role-user")
    sdk = SIGNED_DRIVERS[dialect](
        access_key_id="STS.key", access_key_secret="sts-secret", security_token="CAIS-1"
    )
    failure = denied(fake, sdk)
    assert detail(fake, failure)["AuthPrincipalType"] == "AssumedRoleUser"


def test_xml_error_carries_the_detail(fake: FakeEcs) -> None:
    import requests

    from pytest_fake_eni.wire.signature import rpc_signature, rpc_string_to_sign

    key = fake.add_ram_user("xml-user", {"Version": "1", "Statement": []})
    params = {
        "Action": "CreateNetworkInterface",
        "Version": "2014-05-26",
        "Format": "XML",
        "AccessKeyId": key.access_key_id,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": "n-1",
        "Timestamp": fake.clock.timestamp(),
        "RegionId": "cn-hangzhou",
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
    }
    params["Signature"] = rpc_signature(rpc_string_to_sign("GET", params), key.access_key_secret)
    response = requests.get("http://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.status_code == 403
    assert "<AuthAction>ecs:CreateNetworkInterface</AuthAction>" in response.text


def test_bad_policy_fails_at_once(fake: FakeEcs) -> None:
    with pytest.raises(ValueError, match="unsupported by the fake"):
        fake.add_ram_user("u", allow(["*"], StringEquals={"ecs:tag/team": "x"}))
    with pytest.raises(ValueError, match="Effect"):
        fake.add_ram_user("u", {"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]})
    with pytest.raises(ValueError, match="not valid"):
        fake.add_ram_user("u", allow(["*"], IpAddress={"acs:SourceIp": "10.0.0.0/33"}))
    with pytest.raises(ValueError, match="not valid"):
        fake.add_ram_user("u", allow(["*"], DateLessThan={"acs:CurrentTime": "tomorrow"}))
    with pytest.raises(ValueError, match="no RAM user"):
        fake.add_credentials("k", "s", ram_user="ghost")
    fake.add_ram_user("u", {"Version": "1", "Statement": []})
    with pytest.raises(ValueError, match="exists"):
        fake.add_ram_user("u", {"Version": "1", "Statement": []})


# --------------------------------------------------------------------------- the evaluator


NOW = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)


def context(*resources: str, action: str = ACTION, **kwargs: Any) -> RequestContext:
    return RequestContext(action=action, resources=resources, current_time=NOW, **kwargs)


def decide(policy: dict[str, Any], ctx: RequestContext) -> tuple[bool, str | None, str | None]:
    decision = Policy.parse(policy).evaluate(ctx)
    return decision.allowed, decision.resource, decision.no_permission_type


def test_implicit_deny_names_the_first_resource() -> None:
    assert decide(allow(["acs:ecs:*:*:b"]), context("acs:ecs:r:1:a", "acs:ecs:r:1:b", "c")) == (
        False,
        "acs:ecs:r:1:a",
        "ImplicitDeny",
    )


def test_explicit_deny_is_reported_before_an_earlier_implicit_one() -> None:
    policy = allow(["b"])
    policy["Statement"].append({"Effect": "Deny", "Action": "*", "Resource": "c"})
    assert decide(policy, context("a", "b", "c")) == (False, "c", "ExplicitDeny")


def test_actions_ignore_case_resources_do_not() -> None:
    assert decide(allow(["eni/*"], "ECS:createnetworkinterface"), context("eni/*"))[0]
    assert not decide(allow(["ENI/*"]), context("eni/*"))[0]


def test_question_mark_and_literal_brackets() -> None:
    assert decide(allow(["sg-?"]), context("sg-1"))[0]
    assert not decide(allow(["sg-?"]), context("sg-12"))[0]
    assert decide(allow(["sg-[1]"]), context("sg-[1]"))[0]
    assert not decide(allow(["sg-[1]"]), context("sg-1"))[0]


def test_not_action_and_not_resource() -> None:
    not_action = {"Statement": [{"Effect": "Allow", "NotAction": "ecs:Delete*", "Resource": "*"}]}
    assert decide(not_action, context("x"))[0]
    assert not decide(not_action, context("x", action="ecs:DeleteNetworkInterface"))[0]
    not_resource = {"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "secret/*"}]}
    assert decide(not_resource, context("public/1"))[0]
    assert not decide(not_resource, context("secret/1"))[0]


@pytest.mark.parametrize(
    ("condition", "ctx", "allowed"),
    [
        ({"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}, {"source_ip": "10.1.1.1"}, True),
        ({"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}, {"source_ip": "11.1.1.1"}, False),
        ({"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}, {"source_ip": "11.1.1.1"}, True),
        ({"DateGreaterThan": {"acs:CurrentTime": "2025-12-31T00:00:00Z"}}, {}, True),
        ({"DateGreaterThan": {"acs:CurrentTime": "2026-01-01T20:00:00+08:00"}}, {}, False),
        ({"DateLessThan": {"acs:CurrentTime": "2026-01-01T20:00:01+08:00"}}, {}, True),
        ({"StringEquals": {"acs:RequestTag/env": "prod"}}, {"request_tags": {"env": "prod"}}, True),
        ({"StringEquals": {"acs:RequestTag/env": "prod"}}, {"request_tags": {}}, False),
        ({"StringNotEquals": {"acs:RequestTag/env": "prod"}}, {"request_tags": {}}, True),
        (
            {"StringLike": {"acs:RequestTag/env": ["dev*", "test"]}},
            {"request_tags": {"env": "test"}},
            True,
        ),
        # two operators are ANDed
        (
            {
                "IpAddress": {"acs:SourceIp": "127.0.0.0/8"},
                "StringEquals": {"acs:RequestTag/env": "prod"},
            },
            {"request_tags": {"env": "dev"}},
            False,
        ),
    ],
)
def test_conditions(condition: dict[str, Any], ctx: dict[str, Any], allowed: bool) -> None:
    assert decide(allow(["*"], **condition), context("r", **ctx))[0] is allowed
