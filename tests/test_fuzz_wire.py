"""A hypothesis fuzz of the wire, through real HTTP interception (``requests`` to ECS).

Each example is a fresh fake and a short sequence of requests in either dialect
(RPC V1 with ``Action`` in the query or a form body, ACS3 with ``x-acs-*`` headers),
GET or POST: random actions (every implemented one, unknown names, none), random
parameter names and values (unicode, huge and negative ``N`` indexes, duplicate keys,
wrong types, empty values, very long strings), mixed with mostly-valid
CreateNetworkInterface requests so that state changes and limits bite. Every answer
must be a success or a catalogue code with its own status, never a traceback or a
5xx; after every example the simulator's invariants hold.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import product
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.api import ECS
from pytest_fake_eni.errors import CATALOGUE

EXAMPLES = int(os.environ.get("FAKE_ENI_FUZZ_EXAMPLES", "10000"))
settings.register_profile(
    "wire-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

HOSTS = (
    "https://ecs.aliyuncs.com/",
    "http://ecs-cn-hangzhou.aliyuncs.com/",
    "https://ecs.cn-beijing.aliyuncs.com/",
    "https://ecs-vpc.cn-hangzhou.aliyuncs.com:8443/",
)
VERSION = ECS.version
# Placeholders resolved against each example's fake (ids exist only once it does).
REFS = ("{vsw}", "{vsw_small}", "{vsw_other}", "{sg}", "{sg_other}", "{ip}", "{ip_small}")
SESSION = requests.Session()

# Strings are joined from fragments: hypothesis draws one choice per fragment rather than
# per character, several times faster, and every kind of trouble stays in reach (ASCII,
# Latin, CJK, RTL, emoji, controls, URL, XML and JSON metacharacters, ids, addresses).
FRAGMENTS = ["a", "Z9", "eni-1", " ", ".", "-", "_", ":", "/", "&", "=", "%41", "%", "+", "?",
             "#", ";", ",", '"', "'", "<a>", "]]>", "[", "]", "{}", "\\", "\x00", "\x01",
             "\x1f", "\x7f", "é", "ß", "中文", "\u202e", "\u200b", "😀", "\ufeff", "\ufffd",
             "aliyun", "acs:", "http://", "sg-", "vsw-", "172.16.0.", "1", "-1", "1e9", "null"]  # fmt: skip
text = st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join)
long_text = st.integers(200, 5000).map(lambda n: "é" * n)
numbers = st.integers(-(10**20), 10**20).map(str)
values = st.one_of(
    st.sampled_from(REFS),
    st.sampled_from(["", "true", "FALSE", "1", "0", "-1", "49", "50", "[]", '["x"]', "null"]),
    st.sampled_from(["Secondary", "Trunk", "cn-hangzhou", "cn-beijing", "172.16.0.7"]),
    numbers,
    text,
    long_text,
)
indexes = st.one_of(
    st.integers(1, 3), st.integers(-5, 0), st.integers(10**3, 10**25), st.just(1001)
).map(str)
known = sorted({"RegionId", "VSwitchId", "SecurityGroupId", "PrimaryIpAddress",
                "SecondaryPrivateIpAddressCount", "NetworkInterfaceName", "Description",
                "ClientToken", "DeleteOnRelease", "InstanceType", "ResourceGroupId",
                "Format", "Version", "Action"})  # fmt: skip
names = st.one_of(
    st.sampled_from(known),
    st.builds(
        lambda base, n: f"{base}.{n}",
        st.sampled_from(["SecurityGroupIds", "PrivateIpAddress"]),
        indexes,
    ),
    st.builds(lambda n, leaf: f"Tag.{n}.{leaf}", indexes, st.sampled_from(["Key", "Value", "X"])),
    st.sampled_from(["Tag", "Tag.", ".Tag", "Tag..Key", "1", "Tag.1", "SecurityGroupIds"]),
    text.filter(bool),
)
junk = st.lists(st.tuples(names, values), max_size=6)
actions = st.one_of(
    st.sampled_from(sorted(ECS.operations)),
    st.sampled_from(["", "DescribeNothing", "createnetworkinterface", "Create NetworkInterface"]),
    st.lists(
        st.sampled_from(["Describe", "Create", "Network", "Interface", "s", "2", "_", "."]),
        max_size=4,
    ).map("".join),
)


@st.composite
def valid_create(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A CreateNetworkInterface that mostly succeeds: the pairs of its parameters."""
    pairs = [("RegionId", draw(st.sampled_from(["cn-hangzhou"] * 8 + ["cn-beijing", "xx"])))]
    pairs.append(("VSwitchId", draw(st.sampled_from(["{vsw}", "{vsw}", "{vsw_small}", "{vsw_other}", "vsw-none"]))))  # fmt: skip
    groups = draw(st.lists(st.sampled_from(["{sg}", "{sg}", "{sg_other}", "sg-none"]), min_size=1, max_size=3))  # fmt: skip
    if draw(st.booleans()):
        pairs.append(("SecurityGroupId", groups[0]))
    else:
        pairs += [(f"SecurityGroupIds.{i}", g) for i, g in enumerate(groups, 1)]
    choice = draw(st.sampled_from(["none", "count", "primary", "list"]))
    if choice == "count":
        pairs.append(("SecondaryPrivateIpAddressCount", str(draw(st.integers(-1, 60)))))
    elif choice == "primary":
        pairs.append(("PrimaryIpAddress", draw(st.sampled_from(["{ip}", "{ip_small}", "1.2.3.4"]))))  # fmt: skip
    elif choice == "list":
        ips = draw(st.lists(st.sampled_from(["{ip}", "{ip_small}", "172.16.0.300"]), max_size=3))  # fmt: skip
        pairs += [(f"PrivateIpAddress.{i}", ip) for i, ip in enumerate(ips, 1)]
    for i, (key, value) in enumerate(draw(st.lists(st.tuples(text, text), max_size=3)), 1):
        pairs += [(f"Tag.{i}.Key", key), (f"Tag.{i}.Value", value)]
    if draw(st.booleans()):
        pairs.append(("ClientToken", draw(st.sampled_from(["t1", "t2", "é", "x" * 65]))))
    if draw(st.booleans()):
        pairs.append(("NetworkInterfaceName", draw(st.sampled_from(["eni-1", "é", "a", ""]))))
    return pairs


@dataclass
class Request:
    """One request to send: dialect, method, where the parameters go."""

    action: str
    pairs: list[tuple[str, str]]
    envelope: tuple[str, str, str, bool, str | None, str]
    """Dialect (rpc | acs3), method, host, parameters in the body, Format, Version."""


# Every envelope as one draw: six separate draws per request made generation the bottleneck.
ENVELOPES = list(product(["rpc", "acs3"], ["GET", "POST"], HOSTS, [False, True],
                         [None, "JSON", "json", "XML", "xml", "yaml"],
                         [VERSION] * 4 + ["2016-01-01", ""]))  # fmt: skip


requests_strategy = st.builds(
    Request,
    action=st.one_of(st.just("CreateNetworkInterface"), actions),
    pairs=st.one_of(
        valid_create(),
        valid_create(),
        valid_create(),
        junk,
        st.builds(lambda a, b: a + b, valid_create(), junk),
    ),
    envelope=st.sampled_from(ENVELOPES),
)


def resolve(value: str, refs: dict[str, str]) -> str:
    """A placeholder's id in this example's fake; other values as they are."""
    return refs.get(value, value)


def send(request: Request, refs: dict[str, str]) -> requests.Response:
    """Put ``request`` on the wire, through ``requests``."""
    dialect, method, host, in_body, fmt, version = request.envelope
    pairs = [(name, resolve(value, refs)) for name, value in request.pairs]
    headers = {}
    if dialect == "rpc":
        pairs = [("Action", request.action), ("Version", version), *pairs]
        if fmt is not None:
            pairs.append(("Format", fmt))
    else:
        headers = {"x-acs-action": request.action, "x-acs-version": version}
    query, body = (pairs[:2], pairs[2:]) if in_body else (pairs, [])
    return SESSION.request(
        method, host, params=query, data=body or None, headers=headers, timeout=5
    )


def decoded(response: requests.Response) -> dict[str, Any]:
    """The body as a flat dict of its top-level fields, JSON or XML."""
    if response.headers["content-type"].startswith("application/json"):
        body = json.loads(response.content)
        assert isinstance(body, dict)
        return body
    root = ET.fromstring(response.content)
    return {child.tag: child.text or "" for child in root}


def check(response: requests.Response) -> dict[str, Any]:
    """A success, or a catalogue code with its status; never a bug, a traceback or 5xx."""
    assert b"Traceback (most recent call last)" not in response.content, response.text
    assert response.status_code < 500, response.text
    body = decoded(response)
    assert body.get("RequestId"), body
    if response.status_code == 200:
        assert "Code" not in body, body
        return body
    code = body["Code"]
    assert code in CATALOGUE, f"{code} is not in the catalogue: {body}"
    assert CATALOGUE[code].status == response.status_code, (code, response.status_code)
    assert not body["Message"].startswith("pytest-fake-eni bug"), body["Message"]
    return body


def make_fake(quota: int) -> tuple[FakeEcs, dict[str, str]]:
    """A fresh fake with a tiny vSwitch beside the default one, and the placeholders' ids."""
    fake = FakeEcs()
    fake.quotas.max_enis_per_region = quota
    vpc = fake.default_vpc
    small = fake.add_vswitch(vpc.vpc_id, "172.16.1.0/29")  # 4 usable addresses
    other_vpc = fake.add_vpc("10.0.0.0/8")
    refs = {
        "{vsw}": fake.default_vswitch.vswitch_id,
        "{vsw_small}": small.vswitch_id,
        "{vsw_other}": fake.add_vswitch(other_vpc.vpc_id, "10.0.0.0/24").vswitch_id,
        "{sg}": fake.default_security_group.security_group_id,
        "{sg_other}": fake.add_security_group(other_vpc.vpc_id).security_group_id,
        "{ip}": "172.16.0.9",
        "{ip_small}": "172.16.1.2",
    }
    return fake, refs


@settings(settings.get_profile("wire-fuzz"))
@given(batch=st.lists(requests_strategy, min_size=1, max_size=3), quota=st.integers(0, 3))
def test_every_answer_is_documented_and_state_stays_consistent(
    batch: list[Request], quota: int
) -> None:
    fake, refs = make_fake(quota)
    with fake:
        for request in batch:
            body = check(send(request, refs))
            call = fake.calls[-1]
            assert call.request_id == body["RequestId"]
            if call.status_code == 200 and call.action == "CreateNetworkInterface":
                assert body["NetworkInterfaceId"] in {e.network_interface_id for e in fake.enis}
            fake.check_invariants()
    assert len(fake.calls) == len(batch)
    assert len(fake.enis) <= quota
