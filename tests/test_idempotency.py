"""ClientToken: the same request twice creates one ENI; a changed request is refused."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.drivers import ApiFailure
from tests.test_create_errors import ok


def test_same_token_same_params_returns_the_same_eni(fake_ecs: FakeEcs, sdk: Any) -> None:
    first = sdk.create_eni(**ok(fake_ecs, ClientToken="123e4567-e89b", Description="a b"))
    free = fake_ecs.default_vswitch.available_ip_count
    again = sdk.create_eni(**ok(fake_ecs, ClientToken="123e4567-e89b", Description="a b"))
    assert again.pop("RequestId") != first.pop("RequestId")
    assert again == first
    assert len(fake_ecs.enis) == 1
    assert fake_ecs.default_vswitch.available_ip_count == free
    fake_ecs.assert_called("CreateNetworkInterface", times=2, ClientToken="123e4567-e89b")


def test_same_token_other_params_is_a_mismatch(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, ClientToken="tok", Description="first"))
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**ok(fake_ecs, ClientToken="tok", Description="second"))
    assert (failure.value.code, failure.value.status) == ("IdempotentParameterMismatch", 400)
    assert len(fake_ecs.enis) == 1


def test_tokens_are_case_sensitive_and_independent(fake_ecs: FakeEcs, sdk: Any) -> None:
    a = sdk.create_eni(**ok(fake_ecs, ClientToken="Tok"))
    b = sdk.create_eni(**ok(fake_ecs, ClientToken="tok"))
    c = sdk.create_eni(**ok(fake_ecs))
    assert len({a["NetworkInterfaceId"], b["NetworkInterfaceId"], c["NetworkInterfaceId"]}) == 3


def test_a_failed_request_does_not_bind_its_token(fake_ecs: FakeEcs, sdk: Any) -> None:
    with pytest.raises(ApiFailure):
        sdk.create_eni(**ok(fake_ecs, ClientToken="t1", VSwitchId="vsw-nope"))
    body = sdk.create_eni(**ok(fake_ecs, ClientToken="t1"))
    assert body["NetworkInterfaceId"] == fake_ecs.enis[0].network_interface_id


def test_token_of_64_ascii_characters_is_fine(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, ClientToken="x" * 64))
    fake_ecs.assert_eni_created(client_token="x" * 64)
