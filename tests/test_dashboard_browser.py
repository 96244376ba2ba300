"""The dashboard in a real browser: headless Chromium loads ``/_fake/ui`` from a live server.

State is made through the real SDKs pointed at the server. Skipped when no Chromium binary
exists, unless ``CI=true`` (then it fails: ``.ci/run`` installs Chromium). Set
``FAKE_ECS_SCREENSHOT=docs/img/dashboard.png`` to refresh the screenshot the docs show.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pytest_fake_eni import FakeEcs, FakeEcsServer
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from tests.drivers import ApiFailure, server_driver
from tests.lifecycle_drivers import ecs
from tests.test_create import _defaults

MARKUP = "<b>x</b>"
DESCRIPTION = "<img src=x onerror=alert(1)> & <script>alert(2)</script>"
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but no Chromium binary: .ci/run installs it with apt-get")
    pytest.skip("no Chromium binary (apt-get install chromium); CI runs this test")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, **attrs: str) -> list[Element]:
        return [e for e in self.walk() if all(e.attrs.get(k) == v for k, v in attrs.items())]


class _Tree(HTMLParser):
    """The dumped DOM as a tree; ``text`` of an element holds all the text inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-extensions", "--disable-background-networking",
        "--hide-scrollbars", f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _seed(fake: FakeEcs, server: FakeEcsServer) -> dict[str, Any]:
    """A little of everything, through the Tea SDK pointed at the server."""
    sdk = server_driver("tea-acs3", server.endpoint)
    instance = fake.add_instance(max_enis=4)
    web = sdk.create_eni(
        **_defaults(fake, SecondaryPrivateIpAddressCount=3, NetworkInterfaceName="web",
                    Description=DESCRIPTION, Tag=[{"Key": "team", "Value": MARKUP}])
    )  # fmt: skip
    ecs(sdk, "AttachNetworkInterface", NetworkInterfaceId=web["NetworkInterfaceId"],
        InstanceId=instance.instance_id)  # fmt: skip
    big = fake.add_vswitch(
        fake.default_vpc.vpc_id, "172.17.0.0/16", "cn-hangzhou-i",
        ipv6_cidr_block="2408:4005:3d8:3c00::/64",
    )  # fmt: skip
    big.name = "pods"
    sdk.create_eni(**_defaults(fake, VSwitchId=big.vswitch_id, SecondaryPrivateIpAddressCount=30,
                               Ipv6AddressCount=2, NetworkInterfaceName="pods"))  # fmt: skip
    sdk.create_eni(**_defaults(fake, VSwitchId=big.vswitch_id, Ipv4PrefixCount=4))
    fake.inject_error("CreateNetworkInterface", "Throttling")
    fake.inject_latency("DescribeNetworkInterfaces", 0.01)
    for changes in ({}, {"VSwitchId": "vsw-nope"}):
        with pytest.raises(ApiFailure):
            sdk.create_eni(**_defaults(fake, **changes))
    ecs(sdk, "DescribeNetworkInterfaces", InstanceId=instance.instance_id)
    fake.quotas.max_enis_per_region = 20
    return {"web": web, "instance": instance.instance_id, "pods": big.vswitch_id}


def test_the_dashboard_in_headless_chromium(
    chromium: str, fake_ecs: FakeEcs, tmp_path: Path
) -> None:
    seen: list[tuple[str, str]] = []
    with FakeEcsServer(fake_ecs) as server:
        made = _seed(fake_ecs, server)
        calls_before = len(fake_ecs.calls)
        state_before = server.admin.state(None)
        serve = server.handler

        def recording(request: HttpRequest) -> HttpResponse:
            seen.append((request.method, urlsplit(request.url).path))
            return serve(request)

        server.handler = recording
        dom = _run(chromium, tmp_path / "profile", "--dump-dom", server.ui_url).stdout
        shot = tmp_path / "dashboard.png"
        _run(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1600",
             server.ui_url)  # fmt: skip

    # The page only read: GETs of its files and the admin API; the fake is as it was.
    assert seen and {method for method, _ in seen} == {"GET"}
    assert all(path.startswith("/_fake/") for _, path in seen), seen
    assert len(fake_ecs.calls) == calls_before
    assert {"/_fake/occupancy", "/_fake/enis", "/_fake/calls"} <= {path for _, path in seen}

    parser = _Tree()
    parser.feed(dom)
    page = parser.root
    [status] = page.find(id="status")
    assert status.text.startswith("updated"), status.text  # every admin read succeeded

    # The map shows the new ENI's primary address, held by it, linking to its row.
    eni_id, address = made["web"]["NetworkInterfaceId"], made["web"]["PrivateIpAddress"]
    [cell] = page.find(**{"data-address": address})
    assert cell.tag == "a" and cell.attrs["data-eni"] == eni_id
    assert "held" in cell.attrs["class"].split() and "primary" in cell.attrs["class"].split()
    assert cell.attrs["href"] == "#" + eni_id and cell.text == address.rsplit(".", 1)[1]
    assert f"{address} held by {eni_id} (primary)" == cell.attrs["title"]
    [vsw] = page.find(id=fake_ecs.default_vswitch.vswitch_id)
    assert f"AvailableIpAddressCount {fake_ecs.default_vswitch.available_ip_count}" in vsw.text
    [pods] = page.find(id=made["pods"])
    assert len([e for e in pods.walk() if "cell" in e.attrs.get("class", "")]) == 256

    # ENI and instance rows link to each other.
    [row] = page.find(id=eni_id)
    assert row.tag == "tr" and address in row.text
    assert page.find(href="#" + made["instance"]) and page.find(id=made["instance"])
    [instance_row] = page.find(id=made["instance"])
    assert instance_row.find(href="#" + eni_id)

    # Caller data is text: the tag and description show as typed, and no markup got in.
    tags = [e for e in row.walk() if e.attrs.get("class") == "tag"]
    assert [t.text for t in tags] == [f"team={MARKUP}"]
    assert DESCRIPTION in row.text
    assert "&lt;b&gt;x&lt;/b&gt;" in dom and MARKUP not in dom
    assert not [e for e in page.walk() if e.tag in ("b", "img")]
    scripts = [e for e in page.walk() if e.tag == "script"]
    assert [s.attrs.get("src") for s in scripts] == ["/_fake/ui/dashboard.js"]

    # Calls newest first, with the injected one marked; fault rules with hits; quotas.
    [calls] = page.find(id="calls")
    rows = [e for e in calls.walk() if e.tag == "tr" and "data-action" in e.attrs]
    assert len(rows) == calls_before
    assert rows[0].attrs["data-action"] == "DescribeNetworkInterfaces"
    [injected] = [r for r in rows if "injected" in r.attrs.get("class", "")]
    assert "Throttling" in injected.text
    [faults] = page.find(id="faults")
    assert "Throttling" in faults.text and "latency" in faults.text
    [quotas] = page.find(id="quotas")
    assert "max_enis_per_region20" in quotas.text.replace(" ", "")

    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1280, 1600)
    target = os.environ.get("FAKE_ECS_SCREENSHOT")
    if target:
        shutil.copyfile(shot, target)
    assert server.admin.state(None) == state_before
