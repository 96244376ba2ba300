"""The two Alibaba request signatures, against documented vectors and the real SDKs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import responses

from pytest_fake_eni.transport.http import HttpRequest
from pytest_fake_eni.wire.signature import (
    EMPTY_SHA256,
    MalformedSignature,
    acs3_canonical_request,
    acs3_signature,
    acs3_string_to_sign,
    parse_acs3_authorization,
    percent_encode,
    read_signature,
    rpc_signature,
    rpc_string_to_sign,
    signature_matches,
)

AK = "LTAI-test-key"
SECRET = "s3cret/with+odd=chars"
WRONG = "not-the-secret"
DESCRIPTION = "a b 描述 é *~/+&="


# --------------------------------------------------------------------------- helpers


def to_http_request(prepared: Any) -> HttpRequest:
    """An HttpRequest from a captured requests.PreparedRequest."""
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    return HttpRequest(
        method=prepared.method,
        url=prepared.url,
        headers={name.lower(): value for name, value in prepared.headers.items()},
        body=body,
    )


def decode_params(request: HttpRequest) -> dict[str, str]:
    """Query and form body merged, ``+`` decoded to a space."""
    params = dict(parse_qsl(urlsplit(request.url).query, keep_blank_values=True))
    if request.body and "form-urlencoded" in request.headers.get("content-type", ""):
        params.update(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
    return params


def with_query_param(request: HttpRequest, name: str, value: str) -> HttpRequest:
    """``request`` with one query parameter's value replaced."""
    parts = urlsplit(request.url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert name in query
    query[name] = value
    return dataclasses.replace(request, url=urlunsplit(parts._replace(query=urlencode(query))))


def _reply(captured: list[Any]) -> Callable[[Any], tuple[int, dict[str, str], str]]:
    def callback(prepared: Any) -> tuple[int, dict[str, str], str]:
        captured.append(prepared)
        body = {"RequestId": "X", "NetworkInterfaceId": "eni-1"}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    return callback


def _capture(target: str | None, call: Callable[[], object]) -> HttpRequest:
    captured: list[Any] = []
    kwargs: dict[str, Any] = {"assert_all_requests_are_fired": False}
    if target is not None:
        kwargs["target"] = target
    with responses.RequestsMock(**kwargs) as mock:
        for method in (responses.GET, responses.POST):
            mock.add_callback(method, re.compile(r"https?://.*"), callback=_reply(captured))
        call()
    assert len(captured) == 1
    return to_http_request(captured[0])


def tea_request(**config: Any) -> HttpRequest:
    """CreateNetworkInterface as sent by the Tea SDK (alibabacloud_ecs20140526)."""
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.models import Config

    client = Client(
        Config(access_key_id=AK, access_key_secret=SECRET, region_id="cn-hangzhou", **config)
    )
    create = models.CreateNetworkInterfaceRequest(
        region_id="cn-hangzhou",
        v_switch_id="vsw-1",
        security_group_id="sg-1",
        description=DESCRIPTION,
        network_interface_name="eni name",
        delete_on_release=True,
        tag=[
            models.CreateNetworkInterfaceRequestTag(key="k 1", value=""),
            models.CreateNetworkInterfaceRequestTag(key="k*2", value="v~/+"),
        ],
    )
    return _capture(None, lambda: client.create_network_interface(create))


def legacy_request(body_params: dict[str, str] | None = None) -> HttpRequest:
    """CreateNetworkInterface as sent by the legacy SDK (aliyunsdkcore AcsClient)."""
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
        CreateNetworkInterfaceRequest,
    )

    client = AcsClient(AK, SECRET, "cn-hangzhou")
    create = CreateNetworkInterfaceRequest()
    create.set_VSwitchId("vsw-1")
    create.set_SecurityGroupId("sg-1")
    create.set_Description(DESCRIPTION)
    create.set_NetworkInterfaceName("eni name")
    create.set_DeleteOnRelease(True)
    create.set_Tags([{"Key": "k 1", "Value": ""}, {"Key": "k*2", "Value": "v~/+"}])
    for name, value in (body_params or {}).items():
        create.add_body_params(name, value)
    return _capture(
        "aliyunsdkcore.vendored.requests.adapters.HTTPAdapter.send",
        lambda: client.do_action_with_exception(create),
    )


# --------------------------------------------------------------------------- vectors


def test_percent_encode() -> None:
    assert percent_encode("AZaz09-_.~") == "AZaz09-_.~"
    assert percent_encode("a b*c/d+e&f=g") == "a%20b%2Ac%2Fd%2Be%26f%3Dg"
    assert percent_encode("é描") == "%C3%A9%E6%8F%8F"
    assert percent_encode("") == ""


def test_rpc_documented_vector() -> None:
    params = {
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    sts = rpc_string_to_sign("GET", params)
    assert sts.startswith("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26")
    assert "Timestamp%3D2016-02-23T12%253A46%253A24Z" in sts
    assert rpc_signature(sts, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    # A Signature parameter is never part of what is signed.
    assert rpc_string_to_sign("GET", {**params, "Signature": "x"}) == sts


def test_acs3_documented_vector() -> None:
    headers = {
        "host": "ecs.cn-shanghai.aliyuncs.com",
        "x-acs-action": "RunInstances",
        "x-acs-version": "2014-05-26",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-content-sha256": EMPTY_SHA256,
    }
    query = {
        "ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        "RegionId": "cn-shanghai",
    }
    canonical = acs3_canonical_request("POST", "/", query, headers, list(headers), EMPTY_SHA256)
    assert canonical.split("\n")[:3] == ["POST", "/", urlencode(sorted(query.items()))]
    assert "\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;" in canonical
    sts = acs3_string_to_sign(canonical)
    assert sts == (
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    )
    assert acs3_signature(sts, "YourAccessKeySecret") == (
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    )
    # Names are lower-cased and sorted whatever order the caller gives.
    shuffled = [name.upper() for name in reversed(list(headers))]
    assert acs3_canonical_request("POST", "/", query, headers, shuffled, EMPTY_SHA256) == canonical


def test_parse_acs3_authorization() -> None:
    parsed = parse_acs3_authorization(
        "ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-date,Signature=abc"
    )
    assert parsed is not None
    assert parsed.algorithm == "ACS3-HMAC-SHA256"
    assert parsed.access_key_id == "AKID"
    assert parsed.signed_headers == ("host", "x-acs-date")
    assert parsed.signature == "abc"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "garbage",
        "Bearer abc",
        "ACS3-HMAC-SHA256",
        "ACS3- Credential=a,SignedHeaders=host,Signature=b",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host",
        "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=b",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=b",
        "ACS3-HMAC-SHA256 Credential=a,Credential=b,SignedHeaders=host,Signature=c",
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=1",
        "ACS3-HMAC-SHA256 Credential=a;SignedHeaders=host;Signature=b",
    ],
)
def test_parse_acs3_authorization_rejects_garbage(value: str) -> None:
    assert parse_acs3_authorization(value) is None


# --------------------------------------------------------------------------- real SDKs


@pytest.fixture(scope="module")
def sdk_requests() -> Iterator[dict[str, HttpRequest]]:
    yield {
        "tea-acs3": tea_request(),
        "tea-v1": tea_request(signature_algorithm="v2"),
        "legacy-v1": legacy_request(),
    }


SDK_DIALECTS = {"tea-acs3": "acs3", "tea-v1": "rpc", "legacy-v1": "rpc"}


@pytest.mark.parametrize("sdk", list(SDK_DIALECTS))
def test_sdk_request_verifies(sdk: str, sdk_requests: dict[str, HttpRequest]) -> None:
    request = sdk_requests[sdk]
    params = decode_params(request)
    assert params["Description"] == DESCRIPTION
    assert params["Tag.1.Value"] == ""
    signed = read_signature(request, params)
    assert signed is not None
    assert signed.dialect == SDK_DIALECTS[sdk]
    assert signed.access_key_id == AK
    assert signed.security_token is None
    assert signed.timestamp and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", signed.timestamp)
    assert signed.nonce
    assert signed.payload_hash_ok
    assert signature_matches(signed, SECRET)
    assert not signature_matches(signed, WRONG)


@pytest.mark.parametrize("sdk", list(SDK_DIALECTS))
@pytest.mark.parametrize(
    ("name", "value"),
    [("Description", DESCRIPTION + "!"), ("Tag.1.Value", "x"), ("DeleteOnRelease", "false")],
)
def test_tampered_parameter_fails(
    sdk: str, name: str, value: str, sdk_requests: dict[str, HttpRequest]
) -> None:
    tampered = with_query_param(sdk_requests[sdk], name, value)
    signed = read_signature(tampered, decode_params(tampered))
    assert signed is not None
    assert not signature_matches(signed, SECRET)


@pytest.mark.parametrize("sdk", list(SDK_DIALECTS))
def test_reencoding_the_query_keeps_the_signature(
    sdk: str, sdk_requests: dict[str, HttpRequest]
) -> None:
    """Spaces as ``+`` or ``%20`` on the wire sign the same: the verifier re-encodes."""
    request = sdk_requests[sdk]
    parts = urlsplit(request.url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    for encoded in (urlencode(pairs), "&".join(f"{k}={percent_encode(v)}" for k, v in pairs)):
        moved = dataclasses.replace(request, url=urlunsplit(parts._replace(query=encoded)))
        signed = read_signature(moved, decode_params(moved))
        assert signed is not None
        assert signature_matches(signed, SECRET)


def test_tea_acs3_signed_headers_and_header_tampering(
    sdk_requests: dict[str, HttpRequest],
) -> None:
    request = sdk_requests["tea-acs3"]
    signed = read_signature(request, decode_params(request))
    assert signed is not None
    assert signed.algorithm == "ACS3-HMAC-SHA256"
    # The Tea SDK signs more than the docs require; its own list is honoured.
    assert {"host", "x-acs-action", "x-acs-date", "user-agent", "accept"} <= set(
        signed.signed_headers
    )
    assert signed.nonce == request.headers["x-acs-signature-nonce"]
    headers = {**request.headers, "x-acs-action": "DeleteNetworkInterface"}
    forged = read_signature(dataclasses.replace(request, headers=headers), {})
    assert forged is not None
    assert not signature_matches(forged, SECRET)
    # Header values are trimmed before signing.
    headers = {**request.headers, "x-acs-action": "  CreateNetworkInterface "}
    padded = read_signature(dataclasses.replace(request, headers=headers), {})
    assert padded is not None
    assert signature_matches(padded, SECRET)


def test_tea_acs3_body_hash_mismatch_is_exposed(sdk_requests: dict[str, HttpRequest]) -> None:
    request = dataclasses.replace(sdk_requests["tea-acs3"], body=b"Injected=1")
    signed = read_signature(request, decode_params(request))
    assert signed is not None
    assert not signed.payload_hash_ok
    # The signature itself still covers the header as sent, so it matches.
    assert signature_matches(signed, SECRET)
    headers = {**request.headers, "x-acs-content-sha256": hashlib.sha256(b"Injected=1").hexdigest()}
    rehashed = read_signature(dataclasses.replace(request, headers=headers), {})
    assert rehashed is not None
    assert rehashed.payload_hash_ok
    assert not signature_matches(rehashed, SECRET)


def test_tea_acs3_host_falls_back_to_url(sdk_requests: dict[str, HttpRequest]) -> None:
    request = sdk_requests["tea-acs3"]
    headers = {k: v for k, v in request.headers.items() if k != "host"}
    signed = read_signature(dataclasses.replace(request, headers=headers), {})
    assert signed is not None
    assert signature_matches(signed, SECRET)


def test_tea_v1_format_and_string_to_sign(sdk_requests: dict[str, HttpRequest]) -> None:
    request = sdk_requests["tea-v1"]
    params = decode_params(request)
    assert params["Format"] == "json"
    assert "+" in urlsplit(request.url).query  # spaces as '+' on the wire...
    signed = read_signature(request, params)
    assert signed is not None
    assert signed.algorithm == "HMAC-SHA1"
    assert "%2520" in signed.string_to_sign  # ...but signed as %20, encoded again
    assert signed.string_to_sign.startswith("POST&%2F&AccessKeyId%3D")


def test_legacy_v1_signs_form_body_params() -> None:
    request = legacy_request(body_params={"ClientToken": "tok en+*"})
    assert b"ClientToken" in request.body
    params = decode_params(request)
    assert params["ClientToken"] == "tok en+*"
    assert params["SignatureType"] == ""
    signed = read_signature(request, params)
    assert signed is not None and signed.dialect == "rpc"
    assert signature_matches(signed, SECRET)
    params["ClientToken"] = "other"
    tampered = read_signature(request, params)
    assert tampered is not None
    assert not signature_matches(tampered, SECRET)


def test_tea_acs3_sts_token() -> None:
    request = tea_request(security_token="tok")
    signed = read_signature(request, decode_params(request))
    assert signed is not None
    assert signed.dialect == "acs3"
    assert signed.access_key_id == AK
    assert signed.security_token == "tok"
    assert "x-acs-security-token" in signed.signed_headers
    assert signature_matches(signed, SECRET)
    headers = {**request.headers, "x-acs-security-token": "other"}
    swapped = read_signature(dataclasses.replace(request, headers=headers), {})
    assert swapped is not None
    assert swapped.security_token == "other"
    assert not signature_matches(swapped, SECRET)


def test_tea_v1_sts_token() -> None:
    request = tea_request(security_token="tok", signature_algorithm="v2")
    signed = read_signature(request, decode_params(request))
    assert signed is not None
    assert signed.dialect == "rpc"
    assert signed.security_token == "tok"
    assert signature_matches(signed, SECRET)


# --------------------------------------------------------------------------- edge cases


def test_unsigned_request_is_none() -> None:
    request = HttpRequest(
        method="POST",
        url="https://ecs.cn-hangzhou.aliyuncs.com/?Action=CreateNetworkInterface&RegionId=x",
        headers={"host": "ecs.cn-hangzhou.aliyuncs.com", "authorization": "Bearer abc"},
    )
    assert read_signature(request, decode_params(request)) is None


def test_malformed_acs3_header_raises() -> None:
    request = HttpRequest(
        method="POST",
        url="https://ecs.cn-hangzhou.aliyuncs.com/",
        headers={"authorization": "ACS3-HMAC-SHA256 nonsense"},
    )
    with pytest.raises(MalformedSignature):
        read_signature(request, {})


def test_unsupported_algorithms_never_match(sdk_requests: dict[str, HttpRequest]) -> None:
    rpc = read_signature(sdk_requests["tea-v1"], decode_params(sdk_requests["tea-v1"]))
    acs3 = read_signature(sdk_requests["tea-acs3"], decode_params(sdk_requests["tea-acs3"]))
    assert rpc is not None and acs3 is not None
    assert not signature_matches(dataclasses.replace(rpc, algorithm="HMAC-SHA256"), SECRET)
    assert not signature_matches(dataclasses.replace(acs3, algorithm="ACS3-HMAC-SM3"), SECRET)
