"""The recipe of docs/network.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pytest_fake_eni import FakeEcs

PAGE = Path(__file__).parent.parent / "docs" / "network.md"


def test_the_recipe_runs(fake_ecs: FakeEcs) -> None:
    code = re.search(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert code is not None
    scope: dict[str, Any] = {}
    exec(code.group(1), scope)
    scope["test_a_network_of_my_own"](fake_ecs)
    assert len(fake_ecs.cloud.vpcs) == 1  # the default VPC only: all torn down
    fake_ecs.assert_called("DeleteVpc", times=1)
