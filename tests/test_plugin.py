"""The plugin: entry point, lazy imports, the fixture in a fresh pytest run."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("responses", "pydantic", "netaddr", "alibabacloud_ecs20140526", "aliyunsdkcore")


def test_plugin_import_is_light() -> None:
    code = (
        "import sys, pytest_fake_eni, pytest_fake_eni.plugin;"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_entry_point_is_registered() -> None:
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="pytest11")}
    assert names.get("fake_eni") == "pytest_fake_eni.plugin"


def test_fixture_in_a_fresh_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_ecs20140526 import models
        from alibabacloud_tea_openapi.models import Config

        def test_create(fake_ecs):
            client = Client(Config(access_key_id="a", access_key_secret="b",
                                   region_id="cn-hangzhou"))
            body = client.create_network_interface(models.CreateNetworkInterfaceRequest(
                region_id="cn-hangzhou", v_switch_id=fake_ecs.default_vswitch.vswitch_id,
                security_group_id=fake_ecs.default_security_group.security_group_id)).body
            fake_ecs.assert_eni_created(network_interface_id=body.network_interface_id)
            fake_ecs.assert_called("CreateNetworkInterface", times=1)

        def test_isolated(fake_ecs):
            assert fake_ecs.enis == [] and fake_ecs.calls == []
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=2)


def test_fixture_is_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--fixtures")
    result.stdout.fnmatch_lines(["fake_ecs*", "*in-process fake of the ECS ENI API*"])
