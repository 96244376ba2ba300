"""``pytest-fake-eni serve`` and ``python -m pytest_fake_eni serve`` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from pytest_fake_eni.testing.seeding import read_state_file
from tests.drivers import ApiFailure, server_driver

STATE_TOML = """
seed = 7
[quotas]
max_enis_per_region = 3

[[vpcs]]
name = "main"
cidr_block = "10.0.0.0/8"

  [[vpcs.vswitches]]
  name = "app"
  cidr_block = "10.1.0.0/24"
  zone_id = "cn-hangzhou-j"

  [[vpcs.security_groups]]
  name = "web"
"""

STATE_JSON = {
    "region_id": "cn-beijing",
    "vpcs": [
        {
            "name": "main",
            "cidr_block": "192.168.0.0/16",
            "vswitches": [{"name": "app", "cidr_block": "192.168.3.0/24"}],
            "security_groups": [{"name": "web"}],
        }
    ],
}


def _command(how: str) -> list[str]:
    if how == "script":
        script = shutil.which("pytest-fake-eni", path=str(Path(sys.executable).parent))
        assert script, "the console script is installed with the package"
        return [script]
    return [sys.executable, "-m", "pytest_fake_eni"]


class Served:
    def __init__(self, process: subprocess.Popen[str], endpoint: str, names: dict[str, str]):
        self.process = process
        self.endpoint = endpoint
        self.url = f"http://{endpoint}"
        self.names = names


def _start(*args: str, how: str = "module") -> Iterator[Served]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [*_command(how), "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"\(endpoint (127\.0\.0\.1:\d+)\)", first)
        assert match, first + process.stderr.read() if process.stderr else first
        process.stdout.readline()  # the admin line
        state = requests.get(f"http://{match[1]}/_fake/state", timeout=10).json()
        names = {r["name"]: r.get("vswitch_id") or r.get("security_group_id") or r.get("vpc_id")
                 for kind in ("vpcs", "vswitches", "security_groups") for r in state[kind]
                 if r["name"]}  # fmt: skip
        yield Served(process, match[1], names)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def toml_server(tmp_path: Path) -> Iterator[Served]:
    path = tmp_path / "state.toml"
    path.write_text(STATE_TOML)
    yield from _start("--state", str(path), how="script")


def test_serves_the_state_file_and_stops_on_sigint(toml_server: Served) -> None:
    assert set(toml_server.names) == {"main", "app", "web"}
    sdk = server_driver("tea-acs3", toml_server.endpoint)
    bodies = [
        sdk.create_eni(VSwitchId=toml_server.names["app"], SecurityGroupId=toml_server.names["web"])
        for _ in range(3)
    ]
    assert all(b["PrivateIpAddress"].startswith("10.1.0.") for b in bodies)
    assert {b["ZoneId"] for b in bodies} == {"cn-hangzhou-j"}
    with pytest.raises(ApiFailure) as failure:  # the quota of the file
        sdk.create_eni(VSwitchId=toml_server.names["app"], SecurityGroupId=toml_server.names["web"])
    assert failure.value.code == "MaxEniCountExceeded"
    enis = requests.get(toml_server.url + "/_fake/enis", timeout=10).json()
    assert [e["network_interface_id"] for e in enis] == [b["NetworkInterfaceId"] for b in bodies]

    toml_server.process.send_signal(signal.SIGINT)
    out, err = toml_server.process.communicate(timeout=20)
    assert toml_server.process.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped after 4 call(s)" in out


def test_json_state_seed_and_module_entry(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(STATE_JSON))
    ids = []
    for _ in range(2):  # the same seed gives the same ids, run after run
        for served in _start("--state", str(path), "--seed", "42"):
            body = server_driver("legacy", served.endpoint).create_eni(
                RegionId="cn-beijing", VSwitchId=served.names["app"],
                SecurityGroupId=served.names["web"],
            )  # fmt: skip
            assert body["PrivateIpAddress"].startswith("192.168.3.")
            ids.append(body["NetworkInterfaceId"])
            served.process.send_signal(signal.SIGTERM)
            served.process.communicate(timeout=20)
            assert served.process.returncode == 0
    assert ids[0] == ids[1] and ids[0].startswith("eni-2ze")


def test_explicit_port(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for served in _start("--port", str(port)):
        assert served.endpoint == f"127.0.0.1:{port}"
        assert requests.get(served.url + "/_fake/health", timeout=10).json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("content", "suffix", "says"),
    [
        ("{not json", ".json", "not valid json"),
        ('vpcs = "x"', ".toml", "vpcs"),
        ("vpcs = ", ".toml", "not valid toml"),  # truncated: tomli < 0.2.3 raised IndexError
        ('{"quotas": {"max_widgets": 1}}', ".json", "unknown quota 'max_widgets'"),
    ],
)
def test_bad_state_files_exit_2_with_a_message(
    tmp_path: Path, content: str, suffix: str, says: str
) -> None:
    path = tmp_path / f"state{suffix}"
    path.write_text(content)
    result = subprocess.run(
        [sys.executable, "-m", "pytest_fake_eni", "serve", "--state", str(path)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_state_file_parsing_in_process(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(STATE_TOML)
    doc = read_state_file(path)
    assert doc.seed == 7 and doc.quotas == {"max_enis_per_region": 3}
    assert doc.vpcs[0].vswitches[0].zone_id == "cn-hangzhou-j"


def test_the_documented_state_file_loads(tmp_path: Path) -> None:
    from pytest_fake_eni import FakeEcs
    from pytest_fake_eni.testing.seeding import apply_state

    page = Path(__file__).parent.parent / "docs" / "server-mode.md"
    match = re.search(r"```toml\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
    assert match, "docs/server-mode.md shows a TOML state file"
    path = tmp_path / "documented.toml"
    path.write_text(match[1], encoding="utf-8")
    fake = FakeEcs()
    names = apply_state(fake, read_state_file(path))
    assert set(names) == {"main", "app", "web"}
    assert fake.quotas.max_enis_per_region == 3
    assert len(fake.cloud.vswitches) == 3 and len(fake.faults.rules) == 1
