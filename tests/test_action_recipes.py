"""Every documented code of every action but CreateNetworkInterface (whose recipes
tests/test_error_recipes.py runs) comes back through every SDK, from its recipe."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_fake_eni import FakeEcs, error_codes
from pytest_fake_eni.api import PRODUCTS
from pytest_fake_eni.catalogue import ACTION_CODES
from pytest_fake_eni.recipes import RECIPES, Recipe
from tests.drivers import ApiFailure
from tests.lifecycle_drivers import ecs, vpc
from tests.test_error_recipes import message_matches, recipe_scope

# The actions served before recipes were kept for every action; each new action has them.
WITHOUT_RECIPES = frozenset(
    {
        "DescribeNetworkInterfaces",
        "DescribeNetworkInterfaceAttribute",
        "DeleteNetworkInterface",
        "AttachNetworkInterface",
        "DetachNetworkInterface",
        "AssignPrivateIpAddresses",
        "UnassignPrivateIpAddresses",
        "ModifyNetworkInterfaceAttribute",
        "AssignIpv6Addresses",
        "UnassignIpv6Addresses",
        "DescribeVSwitches",
        "DescribeVpcs",
    }
)
CASES = [
    pytest.param(action, recipe, id=f"{action}-{recipe.code}")
    for action, by_code in RECIPES.items()
    if action != "CreateNetworkInterface"
    for recipe in by_code.values()
]


def caller(sdk: Any) -> Any:
    """``call(action, **params)`` through ``sdk``, to the product that serves the action
    (``product="Vpc"`` for an action both serve: ECS otherwise)."""
    vpc_actions, ecs_actions = PRODUCTS["Vpc"].operations, PRODUCTS["Ecs"].operations

    def call(action: str, product: str = "", **params: Any) -> dict[str, Any]:
        on_vpc = product == "Vpc" or (action in vpc_actions and action not in ecs_actions)
        send = vpc if on_vpc else ecs
        return send(sdk, action, **{k: v for k, v in params.items() if v is not None})

    return call


def run_recipe(fake: FakeEcs, sdk: Any, recipe: Recipe) -> dict[str, Any]:
    """Build the recipe's state; return its request."""
    scope = {**recipe_scope(fake, sdk), "call": caller(sdk)}
    exec(recipe.state, scope)
    return dict(eval(f"dict({recipe.request})", scope))


@pytest.mark.parametrize(("action", "recipe"), CASES)
def test_every_code_is_reachable(fake_ecs: FakeEcs, sdk: Any, action: str, recipe: Recipe) -> None:
    spec = next(s for s in error_codes(action) if s.code == recipe.code)
    request = run_recipe(fake_ecs, sdk, recipe)
    with pytest.raises(ApiFailure) as failure:
        caller(sdk)(action, product=recipe.product, **request)
    assert (failure.value.code, failure.value.status) == (spec.code, spec.status)
    assert message_matches(spec, failure.value.message), failure.value.message
    fake_ecs.cloud.check_invariants()


def test_every_new_action_has_one_recipe_per_code() -> None:
    served = {a for product in PRODUCTS.values() for a in product.operations}
    for action in sorted(served - WITHOUT_RECIPES):
        assert action in ACTION_CODES, f"{action} lists no codes in the catalogue"
        got = [r.code for r in RECIPES.get(action, {}).values()]
        assert got == list(ACTION_CODES[action]), f"{action}: recipes vs catalogue"
        assert all(r.action == action for r in RECIPES[action].values())


def test_every_served_action_lists_its_codes() -> None:
    served = {a for product in PRODUCTS.values() for a in product.operations}
    assert served <= set(ACTION_CODES)
