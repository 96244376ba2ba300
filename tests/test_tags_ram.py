"""RAM conditions on tags: ``acs:ResourceTag/<key>`` reads the tag store (what TagResources
wrote a moment ago), ``acs:RequestTag/<key>`` the request's ``Tag.N``; through every signed
SDK, and the evaluator alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud.ram import Policy, RequestContext
from tests.drivers import SIGNED_DRIVERS, ApiFailure, create_in_defaults
from tests.lifecycle_drivers import ecs


@pytest.fixture
def fake() -> Iterator[FakeEcs]:
    with FakeEcs() as ecs_fake:
        yield ecs_fake


def user(fake: FakeEcs, dialect: str, *statements: dict[str, Any]) -> Any:
    key = fake.add_ram_user("tagger", {"Version": "1", "Statement": list(statements)})
    return SIGNED_DRIVERS[dialect](
        access_key_id=key.access_key_id, access_key_secret=key.access_key_secret
    )


def forbidden(call: Any) -> str:
    with pytest.raises(ApiFailure) as failure:
        call()
    assert (failure.value.code, failure.value.status) == ("Forbidden.RAM", 403)
    return failure.value.message


def tag(sdk: Any, eni: str, key: str, value: str) -> dict[str, Any]:
    pair = [{"Key": key, "Value": value}]
    return ecs(sdk, "TagResources", ResourceType="eni", ResourceId=[eni], Tag=pair)


def test_resource_tag_condition_reads_the_store(fake: FakeEcs, dialect: str) -> None:
    owner = SIGNED_DRIVERS[dialect]()  # no credentials registered yet: the account itself
    mine = create_in_defaults(fake, owner, Tag=[{"Key": "owner", "Value": "terway"}])
    theirs = create_in_defaults(fake, owner)
    sdk = user(
        fake,
        dialect,
        {
            "Effect": "Allow",
            "Action": "ecs:TagResources",
            "Resource": "acs:ecs:*:*:eni/*",
            "Condition": {"StringEquals": {"acs:ResourceTag/owner": "terway"}},
        },
    )
    tag(sdk, mine["NetworkInterfaceId"], "gc", "keep")
    forbidden(lambda: tag(sdk, theirs["NetworkInterfaceId"], "gc", "keep"))
    assert fake.tags(theirs["NetworkInterfaceId"]) == {}
    fake.enis[1].tags["owner"] = "terway"  # the ENI's live dict is its store entry
    tag(sdk, theirs["NetworkInterfaceId"], "gc", "keep")  # the store changed: now allowed
    fake.assert_tagged(theirs["NetworkInterfaceId"], owner="terway", gc="keep")


def test_resource_tag_of_a_vswitch_denies_creating_an_eni_in_it(
    fake: FakeEcs, dialect: str
) -> None:
    sdk = user(
        fake,
        dialect,
        {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},
        {
            "Effect": "Deny",
            "Action": "ecs:CreateNetworkInterface",
            "Resource": "acs:vpc:*:*:vswitch/*",
            "Condition": {"StringEquals": {"acs:ResourceTag/frozen": "yes"}},
        },
    )
    create_in_defaults(fake, sdk)
    fake.default_vswitch.tags["frozen"] = "yes"
    forbidden(lambda: create_in_defaults(fake, sdk))
    assert len(fake.enis) == 1


def test_request_tag_condition_on_tag_resources(fake: FakeEcs, dialect: str) -> None:
    eni = create_in_defaults(fake, SIGNED_DRIVERS[dialect]())["NetworkInterfaceId"]
    sdk = user(
        fake,
        dialect,
        {
            "Effect": "Allow",
            "Action": "ecs:*Tag*",
            "Resource": "*",
            "Condition": {"StringLike": {"acs:RequestTag/team": "net*"}},
        },
    )
    forbidden(lambda: tag(sdk, eni, "team", "storage"))
    tag(sdk, eni, "team", "network")
    assert fake.tags(eni) == {"team": "network"}


@pytest.mark.parametrize(
    ("condition", "tags", "allowed"),
    [
        ({"StringEquals": {"acs:ResourceTag/env": "prod"}}, {"env": "prod"}, True),
        ({"StringEquals": {"acs:ResourceTag/env": "prod"}}, {"env": "dev"}, False),
        ({"StringEquals": {"acs:ResourceTag/env": "prod"}}, {}, False),
        ({"StringNotEquals": {"acs:ResourceTag/env": "prod"}}, {}, True),
        ({"StringLike": {"acs:ResourceTag/env": "pr*"}}, {"env": "prod"}, True),
        ({"StringEquals": {"acs:resourcetag/env": "prod"}}, {"env": "prod"}, True),
    ],
)
def test_resource_tag_evaluation(
    condition: dict[str, Any], tags: dict[str, str], allowed: bool
) -> None:
    arn = "acs:ecs:cn-hangzhou:1:eni/eni-1"
    policy = Policy.parse(
        {
            "Version": "1",
            "Statement": [
                {"Effect": "Allow", "Action": "ecs:*", "Resource": "*", "Condition": condition}
            ],
        }
    )
    context = RequestContext("ecs:TagResources", (arn,), resource_tags={arn: tags})
    assert policy.evaluate(context).allowed is allowed
    other = RequestContext("ecs:TagResources", ("acs:ecs:cn-hangzhou:1:eni/eni-2",))
    assert policy.evaluate(other).allowed is ("NotEquals" in next(iter(condition)))


def test_resource_tag_key_needs_a_name() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        Policy.parse(
            {
                "Version": "1",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "*",
                        "Resource": "*",
                        "Condition": {"StringEquals": {"acs:ResourceTag/": "x"}},
                    }
                ],
            }
        )
