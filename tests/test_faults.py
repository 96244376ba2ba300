"""Failure injection, through the real SDKs: errors, lost responses, latency, network, throttling."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.errors import lookup
from tests.drivers import ApiFailure, LegacyDriver, TeaDriver
from tests.test_create_errors import ok

CREATE = "CreateNetworkInterface"


@pytest.fixture(params=["tea-acs3", "tea-v1", "legacy"])
def plain_sdk(request: pytest.FixtureRequest) -> Any:
    """Every SDK, without the legacy SDK's automatic retries (tested on their own below)."""
    if request.param == "legacy":
        return LegacyDriver(auto_retry=False)
    return TeaDriver("v2" if request.param == "tea-v1" else None)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every ``time.sleep`` (SDK back-off, transport latency) recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    return slept


def test_injected_error_has_the_catalogue_status_and_message(
    fake_ecs: FakeEcs, plain_sdk: Any
) -> None:
    rule = fake_ecs.inject_error(CREATE, "InvalidVSwitchId.IpNotEnough")
    params = ok(fake_ecs)
    with pytest.raises(ApiFailure) as failure:
        plain_sdk.create_eni(**params)
    assert failure.value.code == "InvalidVSwitchId.IpNotEnough"
    assert failure.value.status == 403
    assert (
        failure.value.message
        == f'The specified VSwitch "{params["VSwitchId"]}" has not enough IpAddress.'
    )
    assert rule.hits == 1
    (call,) = fake_ecs.calls
    assert call.injected and call.error_code == "InvalidVSwitchId.IpNotEnough"
    assert call.request_id == failure.value.request_id
    fake_ecs.assert_no_eni_created()
    plain_sdk.create_eni(**ok(fake_ecs))  # times=1: the next call goes through
    assert not fake_ecs.calls[-1].injected and rule.hits == 1


def test_injected_errors_use_the_natural_envelope(fake_ecs: FakeEcs) -> None:
    url = "https://ecs.aliyuncs.com/"
    query = {"Action": CREATE, "Version": "2014-05-26", "Format": "JSON", "RegionId": "cn-hangzhou"}
    natural = requests.get(url, params={**query, "VSwitchId": "vsw-x"}, timeout=5)
    a = natural.json()
    fake_ecs.inject_error(CREATE, "MissingParameter", message=a["Message"])
    injected = requests.get(url, params={**query, "VSwitchId": "vsw-x"}, timeout=5)
    assert injected.status_code == natural.status_code == 400
    b = injected.json()
    assert list(a) == list(b)
    assert {k: v for k, v in a.items() if k != "RequestId" and k != "Recommend"} == {
        k: v for k, v in b.items() if k != "RequestId" and k != "Recommend"
    }
    assert [c.injected for c in fake_ecs.calls] == [False, True]
    xml = requests.get(url, params={**query, "Format": "XML"}, timeout=5)
    assert xml.status_code == 400  # natural again: the rule fired once
    fake_ecs.inject_error(CREATE, "InternalError")
    xml = requests.get(url, params={**query, "Format": "XML"}, timeout=5)
    assert xml.status_code == 500 and "<Code>InternalError</Code>" in xml.text


def test_times_none_fails_every_call_and_times_n_n_calls(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    twice = fake_ecs.inject_error(CREATE, "InternalError", times=2)
    for _ in range(2):
        with pytest.raises(ApiFailure) as failure:
            plain_sdk.create_eni(**ok(fake_ecs))
        assert (failure.value.code, failure.value.status) == ("InternalError", 500)
    plain_sdk.create_eni(**ok(fake_ecs))
    assert twice.hits == 2
    always = fake_ecs.inject_error(CREATE, "ServiceUnavailable", times=None)
    for _ in range(3):
        with pytest.raises(ApiFailure, match="temporary failure") as failure:
            plain_sdk.create_eni(**ok(fake_ecs))
        assert failure.value.status == 503
    assert always.hits == 3
    assert len(fake_ecs.enis) == 1


def test_when_matches_on_the_request_parameters(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    rule = fake_ecs.inject_error(
        CREATE,
        "InvalidParameter",
        times=None,
        when=lambda p: p.get("NetworkInterfaceName") == "bad",
    )
    plain_sdk.create_eni(**ok(fake_ecs, NetworkInterfaceName="good"))
    with pytest.raises(ApiFailure) as failure:
        plain_sdk.create_eni(**ok(fake_ecs, NetworkInterfaceName="bad"))
    assert failure.value.code == "InvalidParameter"
    assert rule.hits == 1
    fake_ecs.assert_eni_created(name="good")


def test_message_and_status_can_be_overridden(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    fake_ecs.inject_error(CREATE, "InternalError", message="boom", status=502)
    with pytest.raises(ApiFailure) as failure:
        plain_sdk.create_eni(**ok(fake_ecs))
    assert (failure.value.code, failure.value.status, failure.value.message) == (
        "InternalError",
        502,
        "boom",
    )


def _outcomes(seed: int, probability: float, n: int = 40) -> list[bool]:
    with FakeEcs(seed=seed) as fake:
        fake.inject_error(CREATE, "InternalError", times=None, probability=probability)
        sdk = TeaDriver()
        failed = []
        for _ in range(n):
            try:
                sdk.create_eni(**ok(fake))
                failed.append(False)
            except ApiFailure:
                failed.append(True)
        assert len(fake.enis) == failed.count(False)
        return failed


def test_probability_draws_from_the_seeded_rng() -> None:
    first = _outcomes(seed=11, probability=0.5)
    assert _outcomes(seed=11, probability=0.5) == first  # same seed: same failures
    assert 0 < sum(first) < len(first)
    assert _outcomes(seed=12, probability=0.5) != first
    assert not any(_outcomes(seed=11, probability=0.0, n=5))
    assert all(_outcomes(seed=11, probability=1.0, n=5))


def test_probability_keeps_ids_unchanged() -> None:
    """Fault draws use their own stream: ENI ids match a run without faults."""
    with FakeEcs(seed=3) as plain:
        TeaDriver().create_eni(**ok(plain))
    with FakeEcs(seed=3) as faulty:
        faulty.inject_error(CREATE, "InternalError", times=None, probability=0.0)
        TeaDriver().create_eni(**ok(faulty))
    assert plain.enis[0].network_interface_id == faulty.enis[0].network_interface_id


def test_unknown_codes_and_actions_are_refused_at_once(fake_ecs: FakeEcs) -> None:
    with pytest.raises(ValueError, match="not a documented ECS error code") as failure:
        fake_ecs.inject_error(CREATE, "InternalErorr")
    assert "InternalError" in str(failure.value)
    with pytest.raises(ValueError, match=r"InvalidVSwitchId\.NotFound"):
        fake_ecs.inject_error(CREATE, "InvalidVSwitchId.NotFoun")
    with pytest.raises(ValueError, match="does not implement 'CreateNetworkInterfaces'") as bad:
        fake_ecs.inject_error("CreateNetworkInterfaces", "InternalError")
    assert "CreateNetworkInterface" in str(bad.value)
    with pytest.raises(ValueError, match="times"):
        fake_ecs.inject_error(CREATE, "InternalError", times=0)
    with pytest.raises(ValueError, match="probability"):
        fake_ecs.inject_error(CREATE, "InternalError", probability=1.5)
    with pytest.raises(ValueError, match="kind"):
        fake_ecs.inject_transport_error(CREATE, "dns")
    assert fake_ecs.faults.rules == []


def test_after_effect_creates_then_fails_and_a_token_retry_finds_the_eni(
    fake_ecs: FakeEcs, plain_sdk: Any
) -> None:
    rule = fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)
    params = ok(fake_ecs, ClientToken="retry-me")
    with pytest.raises(ApiFailure) as failure:
        plain_sdk.create_eni(**params)
    assert (failure.value.code, failure.value.status) == ("InternalError", 500)
    eni = fake_ecs.assert_eni_created(client_token="retry-me")  # it happened anyway
    again = plain_sdk.create_eni(**params)
    assert again["NetworkInterfaceId"] == eni.network_interface_id
    assert len(fake_ecs.enis) == 1 and rule.hits == 1
    assert [c.injected for c in fake_ecs.calls] == [True, False]


def test_after_effect_does_not_fire_when_the_operation_fails(fake_ecs: FakeEcs, tea: Any) -> None:
    rule = fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)
    with pytest.raises(ApiFailure) as failure:
        tea.create_eni(**ok(fake_ecs, VSwitchId="vsw-missing"))
    assert failure.value.code == "InvalidVSwitchId.NotFound"
    assert rule.hits == 0 and not fake_ecs.calls[0].injected


def test_legacy_sdk_retries_a_lost_create_without_token_and_duplicates(
    fake_ecs: FakeEcs, legacy: Any, sleeps: list[float]
) -> None:
    """alibaba-behaviour.md 1.4: CreateNetworkInterface is retried on InternalError, no token."""
    fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)
    body = legacy.create_eni(**ok(fake_ecs))  # the SDK hid the error by retrying
    assert len(fake_ecs.enis) == 2  # ... and the lost first ENI leaked
    assert body["NetworkInterfaceId"] == fake_ecs.enis[1].network_interface_id
    assert [c.status_code for c in fake_ecs.calls_to(CREATE)] == [500, 200]
    assert all("ClientToken" not in c.params for c in fake_ecs.calls)
    assert len(sleeps) == 1  # one back-off


def test_latency_delays_the_answer(fake_ecs: FakeEcs, plain_sdk: Any, sleeps: list[float]) -> None:
    rule = fake_ecs.inject_latency(CREATE, 2.5, times=1)
    plain_sdk.create_eni(**ok(fake_ecs))
    plain_sdk.create_eni(**ok(fake_ecs))
    assert sleeps == [2.5]
    assert rule.hits == 1 and len(fake_ecs.enis) == 2
    with pytest.raises(ValueError):
        fake_ecs.inject_latency(CREATE, -1)


def test_transport_errors_reach_tea_as_its_connection_error(fake_ecs: FakeEcs) -> None:
    from darabonba.exceptions import RetryError, UnretryableException

    for kind in ("connection", "timeout"):
        for driver in (TeaDriver(), TeaDriver("v2")):
            fake_ecs.inject_transport_error(CREATE, kind)
            with pytest.raises(UnretryableException) as failure:
                driver.create_eni(**ok(fake_ecs))
            assert isinstance(failure.value.inner_exception, RetryError)
            assert f"injected {kind} error" in str(failure.value.inner_exception)
    fake_ecs.assert_no_eni_created()
    assert [(c.status_code, c.error_code, c.injected) for c in fake_ecs.calls] == [
        (0, "connection", True),
        (0, "connection", True),
        (0, "timeout", True),
        (0, "timeout", True),
    ]
    assert [c.dialect for c in fake_ecs.calls] == ["acs3", "rpc"] * 2


@pytest.mark.parametrize("kind", ["connection", "timeout"])
def test_transport_errors_reach_legacy_as_sdk_http_error(
    fake_ecs: FakeEcs, kind: str, sleeps: list[float]
) -> None:
    from aliyunsdkcore.acs_exception.exceptions import ClientException

    rule = fake_ecs.inject_transport_error(CREATE, kind, times=None)
    with pytest.raises(ClientException) as failure:
        LegacyDriver().create_eni(**ok(fake_ecs))
    assert failure.value.get_error_code() == "SDK.HttpError"
    assert f"injected {kind} error" in failure.value.get_error_msg()
    assert rule.hits == 4  # the legacy SDK tried four times
    fake_ecs.clear_faults()
    fake_ecs.inject_transport_error(CREATE, kind)  # once: its retry hides it
    LegacyDriver().create_eni(**ok(fake_ecs))
    assert [c.status_code for c in fake_ecs.calls[-2:]] == [0, 200]


def test_rate_limit_throttles_on_the_fake_clock(fake_ecs: FakeEcs, plain_sdk: Any) -> None:
    limit = fake_ecs.rate_limit(CREATE, calls=2, per_seconds=10)
    plain_sdk.create_eni(**ok(fake_ecs))
    plain_sdk.create_eni(**ok(fake_ecs))
    with pytest.raises(ApiFailure) as failure:
        plain_sdk.create_eni(**ok(fake_ecs))
    assert (failure.value.code, failure.value.status) == ("Throttling", 400)
    assert failure.value.message == lookup("Throttling").message
    fake_ecs.clock.advance(9)
    with pytest.raises(ApiFailure):
        plain_sdk.create_eni(**ok(fake_ecs))
    fake_ecs.clock.advance(1.5)
    plain_sdk.create_eni(**ok(fake_ecs))
    assert limit.hits == 2 and len(fake_ecs.enis) == 3
    assert [c.error_code for c in fake_ecs.calls] == [None, None, "Throttling", "Throttling", None]


def test_legacy_sdk_retries_throttling_then_gives_up(
    fake_ecs: FakeEcs, legacy: Any, sleeps: list[float]
) -> None:
    fake_ecs.rate_limit(CREATE, calls=0, per_seconds=1)
    with pytest.raises(ApiFailure) as failure:
        legacy.create_eni(**ok(fake_ecs))
    assert (failure.value.code, failure.value.status) == ("Throttling", 400)
    assert len(fake_ecs.calls) == 4 and len(sleeps) == 3


def test_clear_faults(fake_ecs: FakeEcs, tea: Any) -> None:
    fake_ecs.inject_error(CREATE, "InternalError", times=None)
    fake_ecs.rate_limit(CREATE, 0, 1)
    fake_ecs.clear_faults()
    tea.create_eni(**ok(fake_ecs))
    fake_ecs.assert_all_faults_used()


def test_assert_all_faults_used(fake_ecs: FakeEcs, tea: Any) -> None:
    fake_ecs.inject_error(CREATE, "InternalError", times=2)
    fake_ecs.rate_limit(CREATE, 5, 1)  # a limit never reached is fine
    with pytest.raises(ApiFailure):
        tea.create_eni(**ok(fake_ecs))
    with pytest.raises(AssertionError) as failure:
        fake_ecs.assert_all_faults_used()
    text = str(failure.value)
    assert "1 injected fault(s) did not fire as set up" in text
    assert "CreateNetworkInterface: error InternalError (times=2, hits=1)" in text
    assert "-> 500 InternalError (injected)" in text
    with pytest.raises(ApiFailure):
        tea.create_eni(**ok(fake_ecs))
    fake_ecs.assert_all_faults_used()


def test_assert_not_called_and_no_leaked_enis(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.assert_not_called(CREATE)
    fake_ecs.assert_no_leaked_enis()
    sdk.create_eni(**ok(fake_ecs, NetworkInterfaceName="left-over"))
    fake_ecs.assert_not_called(CREATE, NetworkInterfaceName="other")
    with pytest.raises(AssertionError, match="called 1 time"):
        fake_ecs.assert_not_called(CREATE)
    with pytest.raises(AssertionError) as failure:
        fake_ecs.assert_no_leaked_enis()
    assert "1 ENI(s) created during the test still exist" in str(failure.value)
    assert "'left-over'" in str(failure.value)


def test_call_log_fields(fake_ecs: FakeEcs, sdk: Any) -> None:
    fake_ecs.clock.advance(100)
    sdk.create_eni(**ok(fake_ecs))
    (call,) = fake_ecs.calls_to(CREATE)
    assert call.dialect == ("acs3" if sdk.name == "tea-acs3" else "rpc")
    assert call.host == "ecs-cn-hangzhou.aliyuncs.com"
    assert call.timestamp >= 100 and call.injected is False
    assert json.loads(json.dumps(call.response))["RequestId"] == call.request_id


def test_decorator_and_strict_context_manager_outside_pytest() -> None:
    ecs = FakeEcs(seed=5)

    @ecs
    def create_one() -> str:
        return str(TeaDriver().create_eni(**ok(ecs))["NetworkInterfaceId"])

    eni_id = create_one()
    assert [e.network_interface_id for e in ecs.enis] == [eni_id]
    assert not FakeEcs.intercepts("https://example.com/") and not ecs.active  # stopped again

    with pytest.raises(AssertionError, match="did not fire"), FakeEcs(strict=True) as strict:
        strict.inject_error(CREATE, "InternalError")
    with FakeEcs(strict=True) as clean:
        clean.inject_error(CREATE, "InternalError")
        with pytest.raises(ApiFailure):
            TeaDriver().create_eni(**ok(clean))


def test_decorator_on_a_coroutine_function() -> None:
    import asyncio

    ecs = FakeEcs()

    @ecs
    async def run() -> bool:
        return ecs.active

    assert asyncio.run(run()) is True and not ecs.active


def test_faults_reach_the_tea_sdks_async_calls_through_aiohttp(fake_ecs: FakeEcs) -> None:
    import asyncio

    from alibabacloud_ecs20140526 import models
    from alibabacloud_tea_openapi.exceptions import ServerException
    from darabonba.exceptions import UnretryableException

    from pytest_fake_eni.transport.aiohttp_router import AiohttpRouter

    client = TeaDriver().client
    request = models.CreateNetworkInterfaceRequest().from_map(
        {"RegionId": "cn-hangzhou", **ok(fake_ecs)}
    )
    fake_ecs.inject_error(CREATE, "InternalError", after_effect=True)
    fake_ecs.inject_transport_error(CREATE, "timeout")

    async def attempt() -> str:
        try:
            body = (await client.create_network_interface_async(request)).body
            return str(body.network_interface_id)
        except ServerException as error:
            return str(error.code)
        except UnretryableException:
            return "transport"

    async def three() -> list[str]:
        return [await attempt() for _ in range(3)]

    with AiohttpRouter(FakeEcs.intercepts, fake_ecs.handle):
        outcomes = asyncio.run(three())
    assert outcomes[:2] == ["transport", "InternalError"]
    assert outcomes[2] == fake_ecs.enis[1].network_interface_id and len(fake_ecs.enis) == 2
    assert [c.injected for c in fake_ecs.calls] == [True, True, False]


def test_a_request_refused_by_the_signature_check_uses_no_fault(fake_ecs: FakeEcs) -> None:
    fake_ecs.add_credentials("ak", "right-secret")
    rule = fake_ecs.inject_error(CREATE, "InternalError")
    with pytest.raises(ApiFailure) as failure:
        TeaDriver().create_eni(**ok(fake_ecs))  # signs with secret "sk"
    assert failure.value.code == "SignatureDoesNotMatch"
    assert rule.hits == 0 and not fake_ecs.calls[0].injected


def test_strict_passes_when_every_created_eni_is_deleted(sdk: Any) -> None:
    from tests.lifecycle_drivers import ecs

    with FakeEcs(strict=True) as fake:
        body = sdk.create_eni(**ok(fake))
        ecs(sdk, "DeleteNetworkInterface", NetworkInterfaceId=body["NetworkInterfaceId"])
    assert fake.enis == []


def test_strict_names_the_eni_left_behind(sdk: Any) -> None:
    fake = FakeEcs(strict=True)
    with pytest.raises(AssertionError, match="created during the test still exist"), fake:
        body = sdk.create_eni(**ok(fake))
    assert body["NetworkInterfaceId"] in {e.network_interface_id for e in fake.enis}
