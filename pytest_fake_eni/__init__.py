"""pytest-fake-eni: an in-process fake of Alibaba Cloud ECS's elastic network interface API.

The public names are few: the ``fake_ecs`` fixture hands a test a ``FakeEcs``;
``EcsError`` is the error the fake returns on the wire; ``error_codes`` lists the
documented codes of an action, for ``pytest.mark.parametrize``; ``Credentials`` is the
access key ``FakeEcs.add_credentials`` and ``add_ram_user`` return; ``FaultRule`` is what
the fake's ``inject_*`` methods return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Credentials",
    "EcsError",
    "ErrorSpec",
    "FakeEcs",
    "FakeEcsServer",
    "FaultRule",
    "__version__",
    "error_codes",
]

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.credentials import Credentials
    from pytest_fake_eni.errors import EcsError, ErrorSpec, error_codes
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.faults import FaultRule
    from pytest_fake_eni.testing.server import FakeEcsServer

_LAZY = {
    "Credentials": "pytest_fake_eni.cloud.credentials",
    "EcsError": "pytest_fake_eni.errors",
    "ErrorSpec": "pytest_fake_eni.errors",
    "error_codes": "pytest_fake_eni.errors",
    "FakeEcs": "pytest_fake_eni.testing.fake",
    "FakeEcsServer": "pytest_fake_eni.testing.server",
    "FaultRule": "pytest_fake_eni.testing.faults",
}


def __getattr__(name: str) -> Any:
    # Lazy, so that pytest start-up (which imports the plugin) pays for nothing.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pytest_fake_eni' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
