"""Signature verification, access keys and STS tokens, through every real SDK."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from pytest_fake_eni.wire.signature import rpc_signature, rpc_string_to_sign
from tests.drivers import SIGNED_DRIVERS, ApiFailure, create_in_defaults

AK = "LTAI5tTestKey0000000001"
SECRET = "right-secret"
TOKEN = "CAIS-sts-token-1"
URL = "https://ecs.cn-hangzhou.aliyuncs.com/"


class RecordingFake(FakeEcs):
    """A fake that keeps each raw request it answered, to replay them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seen: list[HttpRequest] = []

    def handle(self, request: HttpRequest) -> HttpResponse:
        self.seen.append(request)
        return super().handle(request)


@pytest.fixture
def fake() -> Iterator[RecordingFake]:
    with RecordingFake() as ecs:
        yield ecs


def client(dialect: str, key: str = AK, secret: str = SECRET, token: str | None = None) -> Any:
    return SIGNED_DRIVERS[dialect](
        access_key_id=key, access_key_secret=secret, security_token=token
    )


create = create_in_defaults


def rejected(fake: FakeEcs, sdk: Any) -> ApiFailure:
    """Create must fail and leave the fake as it was; the failure is logged in ``calls``."""
    free = fake.default_vswitch.available_ip_count
    with pytest.raises(ApiFailure) as failure:
        create(fake, sdk)
    assert fake.enis == []
    assert fake.default_vswitch.available_ip_count == free
    assert fake.calls[-1].status_code == failure.value.status
    assert fake.calls[-1].error_code is not None
    return failure.value


# --------------------------------------------------------------------------- defaults


def test_without_credentials_any_request_is_accepted(fake: FakeEcs) -> None:
    # Unsigned, through plain HTTP: the default keeps today's behaviour.
    response = requests.post(
        URL,
        params={
            "Action": "CreateNetworkInterface",
            "Version": "2014-05-26",
            "Format": "JSON",
            "RegionId": "cn-hangzhou",
            "VSwitchId": fake.default_vswitch.vswitch_id,
            "SecurityGroupId": fake.default_security_group.security_group_id,
        },
        timeout=5,
    )
    assert response.status_code == 200, response.text
    assert len(fake.enis) == 1


def test_registered_key_is_accepted(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    body = create(fake, client(dialect))
    fake.assert_eni_created(network_interface_id=body["NetworkInterfaceId"])


def test_verification_off_accepts_a_wrong_secret(dialect: str) -> None:
    with FakeEcs(verify_signatures=False) as fake:
        fake.add_credentials(AK, SECRET)
        create(fake, client(dialect, secret="wrong"))
        assert len(fake.enis) == 1


def test_verification_on_without_keys_rejects_everything(dialect: str) -> None:
    with FakeEcs(verify_signatures=True) as fake:
        failure = rejected(fake, client(dialect))
    assert (failure.code, failure.status) == ("InvalidAccessKeyId.NotFound", 404)
    assert failure.message == "Specified access key is not found."


# --------------------------------------------------------------------------- key failures


def test_unknown_key(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    failure = rejected(fake, client(dialect, key="LTAI5tSomeoneElse000000"))
    assert (failure.code, failure.status) == ("InvalidAccessKeyId.NotFound", 404)


def test_wrong_secret(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    failure = rejected(fake, client(dialect, secret="rotated-away"))
    assert failure.status == 400
    assert fake.calls[-1].error_code == "SignatureDoesNotMatch"
    if dialect == "legacy":
        # The legacy SDK recognises its own string to sign at the end of the message.
        assert failure.code == "InvalidAccessKeySecret"
        assert failure.message.startswith("The AccessKeySecret is incorrect.")
        return
    assert failure.code == "SignatureDoesNotMatch"
    if dialect == "tea-v1":
        prefix = "Specified signature is not matched with our calculation. "
        assert failure.message.startswith(prefix + "server string to sign is:POST&%2F&")
        assert "%26Action%3DCreateNetworkInterface%26" in failure.message
    else:
        assert failure.message.startswith(
            "Specified signature does not match our calculation. "
            "server StringToSign is [ACS3-HMAC-SHA256\n"
        )


def test_disabled_key(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, disabled=True)
    failure = rejected(fake, client(dialect))
    assert (failure.code, failure.status) == ("Forbidden.AccessKeyDisabled", 403)
    key = fake.credentials(AK)
    assert key is not None
    key.disabled = False  # re-enabled on a live fake
    create(fake, client(dialect))
    assert len(fake.enis) == 1


# --------------------------------------------------------------------------- clock


def test_clock_skew_within_window_is_accepted(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    fake.clock.advance(14 * 60)
    create(fake, client(dialect))
    assert len(fake.enis) == 1


def test_clock_skew_beyond_window(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    fake.clock.advance(16 * 60)
    failure = rejected(fake, client(dialect))
    assert (failure.code, failure.status) == ("InvalidTimeStamp.Expired", 400)
    assert failure.message == "Specified time stamp or date value is expired."


# --------------------------------------------------------------------------- STS


def test_sts_token_accepted(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, security_token=TOKEN)
    create(fake, client(dialect, token=TOKEN))
    assert len(fake.enis) == 1


def test_sts_key_without_token(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, security_token=TOKEN)
    failure = rejected(fake, client(dialect))
    # ECS and VPC name the parameter (docs/observed-behaviour.md): the catalogue's
    # MissingSecurityToken is what STS, RAM and OSS answer.
    assert (failure.code, failure.status) == ("MissingParameter", 400)


def test_sts_wrong_token(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, security_token=TOKEN)
    failure = rejected(fake, client(dialect, token="CAIS-garbage"))
    assert (failure.code, failure.status) == ("InvalidSecurityToken.Malformed", 400)


def test_sts_token_of_another_key(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, security_token=TOKEN)
    fake.add_credentials("STS.other", "other-secret", security_token="CAIS-other")
    failure = rejected(fake, client(dialect, token="CAIS-other"))
    assert (failure.code, failure.status) == ("InvalidSecurityToken.MismatchWithAccessKey", 400)


def test_sts_token_expires_on_the_fake_clock(fake: FakeEcs, dialect: str) -> None:
    fake.add_credentials(AK, SECRET, security_token=TOKEN, expires_in=60)
    sdk = client(dialect, token=TOKEN)
    create(fake, sdk)
    fake.clock.advance(61)
    with pytest.raises(ApiFailure) as expired:
        create(fake, sdk)
    assert (expired.value.code, expired.value.status) == ("InvalidSecurityToken.Expired", 400)
    assert len(fake.enis) == 1


# --------------------------------------------------------------------------- replay


def replay(request: HttpRequest) -> requests.Response:
    return requests.request(
        request.method, request.url, headers=request.headers, data=request.body, timeout=5
    )


def test_replayed_request_reuses_its_nonce(fake: RecordingFake, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    create(fake, client(dialect))
    captured = fake.seen[-1]
    again = replay(captured)
    assert again.status_code == 400
    assert again.json()["Code"] == "SignatureNonceUsed"
    assert again.json()["Message"] == "Specified signature nonce was used already."
    assert len(fake.enis) == 1
    # After 15 minutes the nonce is forgotten, but then the timestamp has expired too.
    fake.clock.advance(15 * 60 + 1)
    assert replay(captured).json()["Code"] == "InvalidTimeStamp.Expired"


# --------------------------------------------------------------------------- hand-made requests


def signed_v1(params: dict[str, str], secret: str = SECRET) -> dict[str, str]:
    """``params`` plus the common V1 ones, signed for a POST."""
    full = {
        "Action": "CreateNetworkInterface",
        "Version": "2014-05-26",
        "Format": "JSON",
        "AccessKeyId": AK,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": uuid.uuid4().hex,
        **params,
    }
    full = {k: v for k, v in full.items() if v is not None}
    full["Signature"] = rpc_signature(rpc_string_to_sign("POST", full), secret)
    return full


def post(params: dict[str, str], headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(URL, params=params, headers=headers or {}, timeout=5)


def base(fake: FakeEcs) -> dict[str, str]:
    return {
        "RegionId": "cn-hangzhou",
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
    }


def test_hand_signed_v1_request_is_accepted(fake: FakeEcs) -> None:
    fake.add_credentials(AK, SECRET)
    # requests sends the space as "+"; it was signed as "%20", as the Tea SDK does
    params = signed_v1({**base(fake), "Description": "a b*~", "Timestamp": fake.clock.timestamp()})
    response = post(params)
    assert response.status_code == 200, response.text
    assert fake.enis[0].description == "a b*~"


@pytest.mark.parametrize(
    ("change", "code", "status"),
    [
        ({"Timestamp": None}, "IllegalTimestamp", 400),
        ({"Timestamp": "yesterday"}, "IllegalTimestamp", 400),
        ({"SignatureMethod": "HMAC-SHA256"}, "InvalidParamater", 400),
        ({"SignatureVersion": "2.0"}, "InvalidParamater", 400),
        ({"SignatureNonce": ""}, "MissingParameter", 400),
    ],
)
def test_bad_v1_signature_fields(
    fake: FakeEcs, change: dict[str, str | None], code: str, status: int
) -> None:
    fake.add_credentials(AK, SECRET)
    params = signed_v1({**base(fake), "Timestamp": fake.clock.timestamp(), **change})  # type: ignore[dict-item]
    response = post(params)
    assert (response.status_code, response.json()["Code"]) == (status, code)
    assert fake.enis == []


def test_unsigned_request_once_verifying(fake: FakeEcs) -> None:
    fake.add_credentials(AK, SECRET)
    unsigned = {"Action": "CreateNetworkInterface", "Version": "2014-05-26", "Format": "JSON"}
    response = post({**unsigned, **base(fake)})
    assert (response.status_code, response.json()["Code"]) == (400, "MissingParameter")
    assert response.json()["Message"].startswith('The input parameter "AccessKeyId"')
    assert fake.calls[-1].error_code == "MissingParameter"


def test_malformed_acs3_authorization(fake: FakeEcs) -> None:
    fake.add_credentials(AK, SECRET)
    response = post(
        base(fake),
        headers={
            "x-acs-action": "CreateNetworkInterface",
            "x-acs-version": "2014-05-26",
            "Authorization": "ACS3-HMAC-SHA256 Credential=x",
        },
    )
    assert (response.status_code, response.json()["Code"]) == (400, "IncompleteSignature")
    assert fake.enis == []


# --------------------------------------------------------------------------- the marker


def test_marker_turns_verification_on(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from alibabacloud_ecs20140526 import models
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.exceptions import ClientException
        from alibabacloud_tea_openapi.models import Config


        def create(fake_ecs, secret):
            config = Config(access_key_id="AK1", access_key_secret=secret, region_id="cn-hangzhou")
            return Client(config).create_network_interface(
                models.CreateNetworkInterfaceRequest(
                    region_id="cn-hangzhou",
                    v_switch_id=fake_ecs.default_vswitch.vswitch_id,
                    security_group_id=fake_ecs.default_security_group.security_group_id,
                )
            )


        @pytest.mark.fake_ecs(verify_signatures=True)
        def test_unknown_key_rejected(fake_ecs):
            assert fake_ecs.verify_signatures is True
            with pytest.raises(ClientException) as failure:
                create(fake_ecs, "s")
            assert failure.value.code == "InvalidAccessKeyId.NotFound"


        @pytest.mark.fake_ecs(verify_signatures=True)
        def test_registered_key_accepted(fake_ecs):
            fake_ecs.add_credentials("AK1", "s")
            create(fake_ecs, "s")
            with pytest.raises(ClientException) as failure:
                create(fake_ecs, "wrong")
            assert failure.value.code == "SignatureDoesNotMatch"


        def test_default_accepts_anything(fake_ecs):
            create(fake_ecs, "anything")
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


# --------------------------------------------------------------------------- tampering


def tampered(request: HttpRequest, **changes: str) -> HttpRequest:
    """``request`` with query parameters changed (as a man in the middle would)."""
    parts = urlsplit(request.url)
    query = {**dict(parse_qsl(parts.query, keep_blank_values=True)), **changes}
    return dataclasses.replace(request, url=urlunsplit(parts._replace(query=urlencode(query))))


def test_tampered_parameter_breaks_the_signature(fake: RecordingFake, dialect: str) -> None:
    fake.add_credentials(AK, SECRET)
    free = fake.default_vswitch.available_ip_count
    # the first request fails validation (no such vSwitch) but is authentic; then tamper with it
    with pytest.raises(ApiFailure) as failure:
        client(dialect).create_eni(
            VSwitchId="vsw-missing", SecurityGroupId=fake.default_security_group.security_group_id
        )
    assert failure.value.code == "InvalidVSwitchId.NotFound"
    forged = tampered(fake.seen[-1], VSwitchId=fake.default_vswitch.vswitch_id)
    response = replay(forged)
    assert (response.status_code, response.json()["Code"]) == (400, "SignatureDoesNotMatch")
    assert fake.enis == [] and fake.default_vswitch.available_ip_count == free


def test_acs3_body_must_match_its_hash(fake: RecordingFake) -> None:
    fake.add_credentials(AK, SECRET)
    create(fake, client("tea-acs3"))
    forged = dataclasses.replace(fake.seen[-1], body=b"SecondaryPrivateIpAddressCount=5")
    response = replay(forged)
    assert (response.status_code, response.json()["Code"]) == (400, "SignatureDoesNotMatch")
    assert len(fake.enis) == 1


# --------------------------------------------------------------------------- async (aiohttp)


@pytest.mark.parametrize("signature_algorithm", [None, "v2"])
def test_tea_async_calls_are_verified(signature_algorithm: str | None) -> None:
    import asyncio

    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.exceptions import ClientException
    from alibabacloud_tea_openapi.models import Config

    from pytest_fake_eni.transport.aiohttp_router import AiohttpRouter

    fake = FakeEcs()
    fake.add_credentials(AK, SECRET, security_token=TOKEN)
    request = models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou",
        v_switch_id=fake.default_vswitch.vswitch_id,
        security_group_id=fake.default_security_group.security_group_id,
    )

    def call(secret: str) -> Any:
        config = Config(
            access_key_id=AK,
            access_key_secret=secret,
            security_token=TOKEN,
            region_id="cn-hangzhou",
        )
        if signature_algorithm:
            config.signature_algorithm = signature_algorithm
        return asyncio.run(Client(config).create_network_interface_async(request))

    with AiohttpRouter(FakeEcs.intercepts, fake.handle):
        call(SECRET)
        with pytest.raises(ClientException) as failure:
            call("wrong")
    assert failure.value.code == "SignatureDoesNotMatch"
    assert len(fake.enis) == 1
