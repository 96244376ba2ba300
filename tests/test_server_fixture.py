"""The ``fake_ecs_server`` fixture in a fresh pytest run, under pytest-xdist."""

from __future__ import annotations

import pytest

LIGHT = ("-p", "no:hypothesispytest")  # its import dominates a fresh run's start-up


def test_fixture_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import requests
        from alibabacloud_ecs20140526 import models
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.models import Config

        PORTS = []

        @pytest.mark.parametrize("n", range(4))
        def test_create(fake_ecs, fake_ecs_server, n):
            host, port = fake_ecs_server.endpoint.split(":")
            assert host == "127.0.0.1"
            client = Client(Config(access_key_id="a", access_key_secret="b",
                                   region_id="cn-hangzhou", endpoint=fake_ecs_server.endpoint,
                                   protocol="http"))
            body = client.create_network_interface(models.CreateNetworkInterfaceRequest(
                region_id="cn-hangzhou", v_switch_id=fake_ecs.default_vswitch.vswitch_id,
                security_group_id=fake_ecs.default_security_group.security_group_id)).body
            fake_ecs.assert_eni_created(network_interface_id=body.network_interface_id)
            [call] = fake_ecs.assert_called("CreateNetworkInterface", times=1)
            assert call.host == "127.0.0.1"
            enis = requests.get(fake_ecs_server.url + "/_fake/enis", timeout=10).json()
            assert [e["network_interface_id"] for e in enis] == [body.network_interface_id]
            PORTS.append(int(port))

        def test_stopped_after_each_test():
            import socket
            for port in PORTS:  # every earlier server in this worker has let go of its port
                with socket.socket() as s:
                    assert s.connect_ex(("127.0.0.1", port)) != 0
        """
    )
    result = pytester.runpytest_subprocess("-n", "2", "-p", "xdist", *LIGHT)
    result.assert_outcomes(passed=5)


def test_fixture_is_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--fixtures", *LIGHT)
    result.stdout.fnmatch_lines(["fake_ecs_server*", "*served over HTTP on a free loopback port*"])


def test_plugin_import_stays_light_with_server_and_async() -> None:
    import subprocess
    import sys

    heavy = ("aiohttp", "http.server", "tomllib", "tomli", "pytest_fake_eni.testing.server")
    code = (
        "import sys, pytest_fake_eni, pytest_fake_eni.plugin;"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
