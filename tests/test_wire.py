"""The wire: hosts, dialects, list encodings, formats and the error envelope, over real HTTP."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import requests

from pytest_fake_eni import FakeEcs

RPC = {"Action": "CreateNetworkInterface", "Version": "2014-05-26", "RegionId": "cn-hangzhou"}


def base(fake: FakeEcs, **extra: str) -> dict[str, str]:
    return {**RPC, "Format": "JSON", "VSwitchId": fake.default_vswitch.vswitch_id,
            "SecurityGroupId": fake.default_security_group.security_group_id, **extra}  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        "https://ecs.aliyuncs.com/",
        "http://ecs-cn-hangzhou.aliyuncs.com/",
        "https://ecs.cn-beijing.aliyuncs.com",
        "https://ecs-vpc.cn-hangzhou.aliyuncs.com:8443/",
        "HTTPS://ECS.ALIYUNCS.COM/",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_ecs_host_is_answered(fake_ecs: FakeEcs, url: str, method: str) -> None:
    response = requests.request(method, url, params=base(fake_ecs), timeout=5)
    assert response.status_code == 200, response.text
    assert response.json()["NetworkInterfaceId"] == fake_ecs.enis[0].network_interface_id


def test_form_body_merges_with_query(fake_ecs: FakeEcs) -> None:
    params = base(fake_ecs, NetworkInterfaceName="from-body")
    query = {k: params.pop(k) for k in ("Action", "Version", "Format")}
    response = requests.post("https://ecs.aliyuncs.com/", params=query, data=params, timeout=5)
    assert response.status_code == 200, response.text
    fake_ecs.assert_eni_created(name="from-body")


def test_acs3_headers_with_params_in_query(fake_ecs: FakeEcs) -> None:
    params = {k: v for k, v in base(fake_ecs).items() if k not in ("Action", "Version", "Format")}
    headers = {"x-acs-action": "CreateNetworkInterface", "x-acs-version": "2014-05-26"}
    response = requests.post(
        "https://ecs-cn-hangzhou.aliyuncs.com/", params=params, headers=headers, timeout=5
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert fake_ecs.calls[-1].dialect == "acs3"


def test_list_as_json_array_string(fake_ecs: FakeEcs) -> None:
    extra = fake_ecs.add_security_group(fake_ecs.default_vpc.vpc_id).security_group_id
    groups = [fake_ecs.default_security_group.security_group_id, extra]
    params = base(fake_ecs, SecurityGroupIds=json.dumps(groups))
    del params["SecurityGroupId"]
    response = requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.json()["SecurityGroupIds"]["SecurityGroupId"] == groups


def test_nested_objects_and_unknown_params_are_accepted(fake_ecs: FakeEcs) -> None:
    params = base(fake_ecs, **{"NetworkInterfaceTrafficConfig.QueueNumber": "8",
                               "NoSuchParameter": "x", "DeleteOnRelease": "TRUE"})  # fmt: skip
    response = requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.status_code == 200
    assert fake_ecs.enis[0].delete_on_release is True


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "false", "False"])
def test_booleans_are_case_insensitive(fake_ecs: FakeEcs, value: str) -> None:
    params = base(fake_ecs, DeleteOnRelease=value)
    assert requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5).ok
    assert fake_ecs.enis[0].delete_on_release is (value.lower() == "true")


@pytest.mark.parametrize("fmt", ["XML", "xml", None])
def test_xml_format(fake_ecs: FakeEcs, fmt: str | None) -> None:
    params = base(fake_ecs, Tag_1="x")
    params.update({"Tag.1.Key": "k", "Tag.1.Value": "v"})
    if fmt is None:
        del params["Format"]  # the documented default is XML
    else:
        params["Format"] = fmt
    response = requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.headers["content-type"] == "text/xml;charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "CreateNetworkInterfaceResponse"
    assert root.findtext("NetworkInterfaceId") == fake_ecs.enis[0].network_interface_id
    assert root.findtext("SecurityGroupIds/SecurityGroupId") == params["SecurityGroupId"]
    assert root.findtext("PrivateIpSets/PrivateIpSet/Primary") == "true"
    assert root.findtext("Tags/Tag/TagKey") == "k"
    assert root.findtext("ServiceManaged") == "false"


def test_xml_through_the_legacy_sdk(fake_ecs: FakeEcs, legacy: Any) -> None:
    request = legacy.request(
        {"VSwitchId": fake_ecs.default_vswitch.vswitch_id,
         "SecurityGroupIds": [fake_ecs.default_security_group.security_group_id]}
    )  # fmt: skip
    request.set_accept_format("XML")
    body = legacy.client.do_action(request)
    root = ET.fromstring(body)
    assert root.tag == "CreateNetworkInterfaceResponse"
    assert root.findtext("PrivateIpAddress") == fake_ecs.enis[0].primary_ip_address


def test_xml_error_envelope(fake_ecs: FakeEcs) -> None:
    params = base(fake_ecs, Format="XML", VSwitchId="vsw-nope")
    response = requests.get("https://ecs.aliyuncs.com/", params=params, timeout=5)
    assert response.status_code == 404
    root = ET.fromstring(response.content)
    assert root.tag == "Error"
    assert [c.tag for c in root] == ["RequestId", "Message", "Recommend", "HostId", "Code"]
    assert root.findtext("Code") == "InvalidVSwitchId.NotFound"


def test_json_error_envelope(fake_ecs: FakeEcs) -> None:
    response = requests.get(
        "https://ecs-cn-hangzhou.aliyuncs.com/", params=base(fake_ecs, VSwitchId="vsw-x"), timeout=5
    )
    body = response.json()
    assert list(body) == ["RequestId", "Message", "Recommend", "HostId", "Code"]
    assert re.fullmatch(r"[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}",
                        body["RequestId"])  # fmt: skip
    assert body["HostId"] == "ecs-cn-hangzhou.aliyuncs.com"
    assert body["Recommend"] == (
        "https://api.aliyun.com/troubleshoot?q=InvalidVSwitchId.NotFound&product=Ecs"
        f"&requestId={body['RequestId']}"
    )
    again = requests.get("https://ecs.aliyuncs.com/", params=base(fake_ecs, VSwitchId="vsw-x"), timeout=5)  # fmt: skip
    assert again.json()["RequestId"] != body["RequestId"]


def test_unknown_action(fake_ecs: FakeEcs, tea: Any) -> None:
    from alibabacloud_ecs20140526 import models
    from alibabacloud_tea_openapi.exceptions import ClientException

    with pytest.raises(ClientException) as failure:
        tea.client.describe_key_pairs(models.DescribeKeyPairsRequest(region_id="cn-hangzhou"))
    assert (failure.value.code, failure.value.status_code) == ("InvalidAction.NotFound", 404)
    assert "DescribeKeyPairs" in failure.value.data["Message"]
    assert "pytest-fake-eni" in failure.value.data["Message"]


def test_unknown_action_legacy(fake_ecs: FakeEcs, legacy: Any) -> None:
    from aliyunsdkcore.acs_exception.exceptions import ServerException
    from aliyunsdkecs.request.v20140526.DescribeKeyPairsRequest import DescribeKeyPairsRequest

    with pytest.raises(ServerException) as failure:
        legacy.client.do_action_with_exception(DescribeKeyPairsRequest())
    assert failure.value.get_error_code() == "InvalidAction.NotFound"
    assert failure.value.get_http_status() == 404
    assert failure.value.get_request_id() == fake_ecs.calls[-1].request_id


@pytest.mark.parametrize(("version", "code", "status"), [
    ("2016-04-28", "InvalidVersion", 400), ("", "MissingParameter", 400)])  # fmt: skip
def test_versions(fake_ecs: FakeEcs, version: str, code: str, status: int) -> None:
    response = requests.get("https://ecs.aliyuncs.com/", params=base(fake_ecs, Version=version), timeout=5)  # fmt: skip
    assert (response.status_code, response.json()["Code"]) == (status, code)
    assert fake_ecs.enis == []
