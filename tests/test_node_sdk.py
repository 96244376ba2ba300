"""A non-Python SDK against the server: the Node.js Tea SDK ``@alicloud/ecs20140526``.

The test installs the SDK from the npm registry into a cache under the system temp dir
(``$PYTEST_FAKE_ENI_NODE_CACHE`` overrides it), once, under a file lock so pytest-xdist
workers share it. It is skipped only when ``node`` or ``npm`` is absent; a failed install
(no network, a registry error) fails the test loudly with npm's output, since a silently
skipped cross-language test would hide a broken server contract.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_fake_eni import FakeEcs, FakeEcsServer

PACKAGES = ("@alicloud/ecs20140526@^7", "@alicloud/openapi-core@^1")
SCRIPT = Path(__file__).parent / "node" / "create_eni.js"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no lock; a concurrent first install may run twice
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def node_sdk() -> Path:
    """A directory whose ``node_modules`` holds the Node ECS SDK (installed once, cached)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed for the Node.js SDK test; install Node.js 18+")
    root = Path(os.environ.get("PYTEST_FAKE_ENI_NODE_CACHE") or tempfile.gettempdir())
    key = hashlib.sha256(" ".join(PACKAGES).encode()).hexdigest()[:12]
    cache = root / f"pytest-fake-eni-node-{key}"
    cache.mkdir(parents=True, exist_ok=True)
    ready = cache / "installed.ok"
    with _locked(cache / ".lock"):
        if not ready.exists():
            (cache / "package.json").write_text('{"name": "fake-eni-node-test", "private": true}')
            result = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", *PACKAGES],
                cwd=cache, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            if result.returncode != 0:
                pytest.fail(
                    f"npm install {' '.join(PACKAGES)} failed (exit {result.returncode}); "
                    f"is the npm registry reachable?\n{result.stdout}\n{result.stderr}"
                )
            ready.write_text(" ".join(PACKAGES))
    return cache


def test_node_tea_sdk_creates_and_describes_an_eni(
    node_sdk: Path, fake_ecs: FakeEcs, fake_ecs_server: FakeEcsServer
) -> None:
    fake_ecs.add_credentials("LTAI5tNode", "node-secret")
    fake_ecs.verify_signatures = True  # the Node SDK's ACS3 signatures are checked too
    env = {**os.environ, "NODE_PATH": str(node_sdk / "node_modules")}
    result = subprocess.run(
        ["node", str(SCRIPT), fake_ecs_server.endpoint, "LTAI5tNode", "node-secret"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)

    eni = fake_ecs.assert_eni_created(name="from-node", tags={"lang": "js"})
    assert eni.vswitch_id == out["names"]["node-vsw"]
    assert eni.security_group_ids == [out["names"]["node-sg"]]
    assert eni.zone_id == "cn-hangzhou-i"
    assert len(eni.private_ip_addresses) == 3
    assert all(a.startswith("10.8.0.") for a in eni.private_ip_addresses)

    body = out["body"]
    assert out["statusCode"] == 200
    assert body["NetworkInterfaceId"] == eni.network_interface_id
    assert [s["PrivateIpAddress"] for s in body["PrivateIpSets"]["PrivateIpSet"]] == (
        eni.private_ip_addresses
    )
    [described] = out["described"]
    assert described["network_interface_id"] == eni.network_interface_id
    assert described["private_ip_addresses"] == eni.private_ip_addresses

    assert out["error"]["code"] == "InvalidVSwitchId.NotFound"
    assert out["error"]["statusCode"] == 404
    create, failed = fake_ecs.calls_to("CreateNetworkInterface")
    assert create.dialect == "acs3" and create.params["Tag.1.Key"] == "lang"
    assert failed.request_id == out["error"]["requestId"]
