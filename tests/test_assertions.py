"""Assertion helpers pass on what happened and explain what did not."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs
from tests.test_create_errors import ok


def test_assert_eni_created_shows_the_closest_eni(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, NetworkInterfaceName="web-1"))
    with pytest.raises(AssertionError) as failure:
        fake_ecs.assert_eni_created(name="web-2", status="Available")
    text = str(failure.value)
    assert "expected exactly one ENI with {'name': 'web-2', 'status': 'Available'}, found 0" in text
    assert "name: expected 'web-2', is 'web-1'" in text
    assert "the fake holds 1 ENI(s)" in text


def test_assert_eni_created_needs_exactly_one(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs))
    sdk.create_eni(**ok(fake_ecs))
    with pytest.raises(AssertionError, match="found 2"):
        fake_ecs.assert_eni_created(vswitch_id=fake_ecs.default_vswitch.vswitch_id)
    with pytest.raises(TypeError, match="no attribute"):
        fake_ecs.assert_eni_created(colour="blue")


def test_assert_no_eni_created(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.assert_no_eni_created()
    sdk.create_eni(**ok(fake_ecs, NetworkInterfaceName="oops"))
    with pytest.raises(AssertionError) as failure:
        fake_ecs.assert_no_eni_created()
    assert "expected no ENI to be created, but 1 were" in str(failure.value)
    assert "'oops'" in str(failure.value)


def test_assert_called(fake_ecs: FakeEcs, sdk: Any) -> None:
    sdk.create_eni(**ok(fake_ecs, DeleteOnRelease=True))
    fake_ecs.assert_called("CreateNetworkInterface")
    fake_ecs.assert_called("CreateNetworkInterface", times=1, DeleteOnRelease=True)
    with pytest.raises(AssertionError) as failure:
        fake_ecs.assert_called("CreateNetworkInterface", times=2)
    assert "expected CreateNetworkInterface 2 time(s), it was called 1 time(s)" in str(
        failure.value
    )
    assert "-> 200 OK" in str(failure.value)
    with pytest.raises(AssertionError, match="called 0 time"):
        fake_ecs.assert_called("CreateNetworkInterface", NetworkInterfaceName="nope")
    assert len(fake_ecs.calls_to("CreateNetworkInterface")) == 1


def test_call_log_records_failures(fake_ecs: FakeEcs, sdk: Any) -> None:
    with pytest.raises(Exception):  # noqa: B017 - the SDK's own exception type
        sdk.create_eni(**ok(fake_ecs, VSwitchId="vsw-gone"))
    call = fake_ecs.calls[-1]
    assert (call.status_code, call.error_code, call.injected) == (404, "InvalidVSwitchId.NotFound", False)  # fmt: skip
    assert call.params["VSwitchId"] == "vsw-gone"
    assert "Signature" not in call.params and "AccessKeyId" not in call.params


def test_logged_calls_are_the_calls_users_build(fake_ecs: FakeEcs, sdk: Any) -> None:
    """The pipeline logs through a faster constructor: its calls equal, read and refuse
    assignment as ``Call(...)``'s do."""
    import dataclasses

    from pytest_fake_eni.testing.calls import Call

    eni_id = sdk.create_eni(**ok(fake_ecs))["NetworkInterfaceId"]
    logged = fake_ecs.calls[-1]
    fields = {f.name: getattr(logged, f.name) for f in dataclasses.fields(Call)}
    assert Call(**fields) == logged
    assert logged.response["NetworkInterfaceId"] == eni_id
    assert repr(Call(**fields)) == repr(logged)
    with pytest.raises(dataclasses.FrozenInstanceError):
        logged.status_code = 500  # type: ignore[misc]
