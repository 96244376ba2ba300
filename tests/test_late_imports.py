"""Libraries imported after the fake started are answered too; unused ones are never loaded.

The fake patches the legacy SDK's vendored ``requests`` and aiohttp only once they are
imported, so a test that uses neither does not load them. Whether an import comes before
or after the fake starts must not matter: these run in a fresh interpreter, where the
SDKs are not imported yet.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pytest_fake_eni.transport import imports

LATE = ("aiohttp", "aliyunsdkcore")


def run(code: str) -> str:
    """Run ``code`` in a fresh interpreter; its stdout (it fails on any error)."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_a_fake_loads_neither_the_legacy_sdk_nor_aiohttp() -> None:
    out = run(
        f"""
        import sys
        from pytest_fake_eni import FakeEcs
        with FakeEcs():
            print(sorted(m for m in sys.modules if m.split('.')[0] in {LATE!r}))
        """
    )
    assert out.strip() == "[]"


def test_the_api_layer_and_pydantic_load_with_the_first_request() -> None:
    out = run(
        """
        import sys, requests
        from pytest_fake_eni import FakeEcs
        loaded = lambda: sorted({m.split('.')[0] for m in sys.modules} & {"pydantic"})
        with FakeEcs() as fake:
            print(loaded(), fake.enis)
            url = "https://ecs.cn-hangzhou.aliyuncs.com/?Action=DescribeNetworkInterfaces"
            answer = requests.get(url + "&Version=2014-05-26&RegionId=cn-hangzhou&Format=JSON")
            print(loaded(), answer.status_code, answer.json()["TotalCount"])
        """
    )
    assert out.splitlines() == ["[] []", "['pydantic'] 200 0"]


def test_sdks_imported_after_start_are_answered_and_released_by_stop() -> None:
    out = run(
        """
        import asyncio, sys
        from pytest_fake_eni import FakeEcs

        fake = FakeEcs().start()
        vsw = fake.default_vswitch.vswitch_id
        sg = fake.default_security_group.security_group_id

        # the legacy SDK, imported now: its vendored requests is patched on import
        from aliyunsdkcore.client import AcsClient
        from aliyunsdkcore.vendored.requests.adapters import HTTPAdapter
        from aliyunsdkecs.request.v20140526.CreateNetworkInterfaceRequest import (
            CreateNetworkInterfaceRequest,
        )
        legacy = CreateNetworkInterfaceRequest()
        legacy.set_VSwitchId(vsw)
        legacy.set_SecurityGroupId(sg)
        AcsClient("ak", "sk", "cn-hangzhou").do_action_with_exception(legacy)

        # the Tea SDK, imported now: it imports aiohttp, which is patched on import
        import aiohttp
        from alibabacloud_ecs20140526 import models
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.models import Config
        client = Client(Config(access_key_id="ak", access_key_secret="sk", region_id="cn-hangzhou"))
        tea = models.CreateNetworkInterfaceRequest(
            region_id="cn-hangzhou", v_switch_id=vsw, security_group_id=sg
        )
        asyncio.run(client.create_network_interface_async(tea))
        client.create_network_interface(tea)

        print([c.action for c in fake.calls], len(fake.enis))
        patched = aiohttp.ClientSession._request, HTTPAdapter.send
        fake.stop()
        print(aiohttp.ClientSession._request is not patched[0], HTTPAdapter.send is not patched[1])
        print(any(type(f).__module__ == "pytest_fake_eni.transport.imports" for f in sys.meta_path))
        """
    )
    calls, restored, finder_left = out.strip().splitlines()
    assert (
        calls == "['CreateNetworkInterface', 'CreateNetworkInterface', 'CreateNetworkInterface'] 3"
    )
    assert restored == "True True"
    assert finder_left == "False"


def test_a_library_imported_after_stop_is_left_alone() -> None:
    out = run(
        """
        import sys
        from pytest_fake_eni import FakeEcs

        with FakeEcs():
            pass
        import aiohttp
        from aiohttp import ClientSession
        print(ClientSession.__dict__["_request"].__module__)
        print(any(type(f).__module__ == "pytest_fake_eni.transport.imports" for f in sys.meta_path))
        """
    )
    assert out.split() == ["aiohttp.client", "False"]


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A module on ``sys.path`` that is not imported yet."""
    (tmp_path / "late_module_for_fake.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "late_module_for_fake", raising=False)
    return "late_module_for_fake"


def test_when_imported_calls_back_after_the_import(package: str) -> None:
    seen: list[int] = []
    imports.when_imported(package, lambda module: seen.append(module.VALUE))
    assert seen == []
    module = __import__(package)
    assert seen == [42]
    assert type(module.__loader__).__name__ == "SourceFileLoader"  # no trace left
    assert module.__spec__.loader is module.__loader__
    assert imports._FINDER not in sys.meta_path


def test_when_imported_calls_back_at_once_for_a_loaded_module() -> None:
    seen: list[str] = []
    imports.when_imported("json", lambda module: seen.append(module.__name__))
    assert seen == ["json"]


def test_a_cancelled_callback_never_runs(package: str) -> None:
    seen: list[object] = []
    cancel = imports.when_imported(package, seen.append)
    cancel()
    assert imports._FINDER not in sys.meta_path
    __import__(package)
    assert seen == []
