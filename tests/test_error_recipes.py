"""Every documented CreateNetworkInterface code comes back through every SDK, from its recipe."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pytest_fake_eni import FakeEcs, error_codes
from pytest_fake_eni.catalogue import VARIANTS
from pytest_fake_eni.errors import ErrorSpec
from pytest_fake_eni.recipes import RECIPES, Recipe
from tests.drivers import ApiFailure

ACTION = "CreateNetworkInterface"
SPECS = error_codes(ACTION)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in {**base, **extra}.items() if v is not None}


def defaults(fake: FakeEcs) -> dict[str, Any]:
    """CreateNetworkInterface's default request: the default vSwitch and security group."""
    return {
        "VSwitchId": fake.default_vswitch.vswitch_id,
        "SecurityGroupId": fake.default_security_group.security_group_id,
    }


def recipe_scope(fake: FakeEcs, sdk: Any) -> dict[str, Any]:
    """What a recipe's state and request see: ``fake_ecs`` and ``create_eni(**params)``."""
    base = defaults(fake)
    return {"fake_ecs": fake, "create_eni": lambda **extra: sdk.create_eni(**_merge(base, extra))}


def run_recipe(fake: FakeEcs, sdk: Any, recipe: Recipe) -> dict[str, Any]:
    """Build the recipe's state and return its request (wire names, tree values)."""
    base = defaults(fake)
    scope = recipe_scope(fake, sdk)
    exec(recipe.state, scope)
    return _merge(base, eval(f"dict({recipe.request})", scope))


def _pattern(template: str) -> str:
    return re.sub(r"\\\{\w+\\\}", ".+", re.escape(template))


def message_matches(spec: ErrorSpec, message: str) -> bool:
    templates = [spec.message] + [t for (c, _), t in VARIANTS.items() if c == spec.code]
    return any(re.fullmatch(_pattern(t), message) for t in templates)


@pytest.mark.parametrize("spec", SPECS)
def test_every_code_is_reachable(fake_ecs: FakeEcs, sdk: Any, spec: ErrorSpec) -> None:
    request = run_recipe(fake_ecs, sdk, RECIPES[ACTION][spec.code])
    enis_before = len(fake_ecs.enis)
    with pytest.raises(ApiFailure) as failure:
        sdk.create_eni(**request)
    assert (failure.value.code, failure.value.status) == (spec.code, spec.status)
    assert message_matches(spec, failure.value.message), failure.value.message
    assert len(fake_ecs.enis) == enis_before  # nothing created ...
    fake_ecs.cloud.check_invariants()  # ... and nothing allocated or lost


def test_every_code_has_one_recipe() -> None:
    assert [r.code for r in RECIPES[ACTION].values()] == [s.code for s in error_codes(ACTION)]


def test_natural_and_injected_counts() -> None:
    natural = [r for r in RECIPES[ACTION].values() if r.natural]
    assert (len(natural), len(RECIPES[ACTION]) - len(natural)) == (68, 15)
