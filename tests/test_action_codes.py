"""Every code an action's handler can raise is listed for that action in the catalogue.

Derived, not hand-written: from each served action's module (``pytest_fake_eni.api.PRODUCTS``)
an AST walk follows every project function, class and method it names, through the api,
cloud and wire layers, and collects every string literal that is a catalogue code. A method
called on an object (``cloud.tokens.once(...)``) counts as every project method of that
name: an over-approximation, so a code can only be missed if no reachable code names it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
import types
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

import pytest_fake_eni
from pytest_fake_eni.api import PRODUCTS
from pytest_fake_eni.catalogue import ACTION_CODES
from pytest_fake_eni.errors import CATALOGUE

_LAYERS = ("api", "cloud", "wire")


def _project_modules() -> Iterator[types.ModuleType]:
    for layer in _LAYERS:
        package = importlib.import_module(f"pytest_fake_eni.{layer}")
        yield package
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package.__name__}.{info.name}")


def _ours(value: Any) -> bool:
    module = getattr(value, "__module__", None) or ""
    return any(module.startswith(f"pytest_fake_eni.{layer}") for layer in _LAYERS) or (
        module == "pytest_fake_eni.errors"
    )


@cache
def _members_by_name(properties: bool) -> dict[str, tuple[Any, ...]]:
    """Every method (or every property's getter) of every project class, by name."""
    found: dict[str, list[Any]] = {}
    for module in _project_modules():
        for value in vars(module).values():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                for name, member in vars(value).items():
                    if name.startswith("__") or isinstance(member, property) != properties:
                        continue  # super().__init__() is not a call of every __init__
                    function = member.fget if isinstance(member, property) else member
                    function = getattr(function, "__func__", function)
                    if inspect.isfunction(function):
                        found.setdefault(name, []).append(function)
    return {name: tuple(functions) for name, functions in found.items()}


def _tree(value: Any) -> ast.AST | None:
    """``value``'s source without its annotations (types are not calls)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(value)))
    except (OSError, TypeError):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            node.annotation = None
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        elif isinstance(node, ast.AnnAssign):
            node.annotation = ast.Constant(None)
    return tree


def _reached_by_naming(value: Any) -> Iterator[Any]:
    """Naming a function reaches it; naming a class reaches its construction, and for a
    request model (pydantic) its validators too."""
    if not inspect.isclass(value):
        yield value
        return
    if any(base.__name__ == "BaseModel" for base in value.__mro__):
        for klass in value.__mro__:
            if _ours(klass):
                yield klass
        return
    for name in ("__init__", "__post_init__"):
        member = vars(value).get(name)
        if inspect.isfunction(member):
            yield member


def _references(tree: ast.AST, module: types.ModuleType) -> Iterator[Any]:
    """The project functions, classes and methods ``tree`` names."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            value = getattr(module, node.id, None)
            if value is not None and (
                inspect.isfunction(value)
                or inspect.isclass(value)
                or (isinstance(value, tuple) and node.id.startswith("_"))
            ):
                yield value
        elif isinstance(node, ast.Attribute):
            base = node.value
            owner = getattr(module, base.id, None) if isinstance(base, ast.Name) else None
            if isinstance(owner, types.ModuleType) or inspect.isclass(owner):
                value = getattr(owner, node.attr, None)
                if value is not None:
                    yield value
                continue
            yield from _members_by_name(id(node) not in called).get(node.attr, ())


_DATA = (tuple, list, dict, frozenset)
"""A module's private table (a tuple, such as ``_REGION_FEATURES``) counts as named with all it
holds: its strings and its functions. (Public tables, ``CATALOGUE`` among them, do not.)"""


def _data_items(value: Any) -> Iterator[Any]:
    """Every leaf of a (nested) table: strings, functions, classes, other values."""
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    for item in value:
        if isinstance(item, _DATA):
            yield from _data_items(item)
        else:
            yield item


def reachable_codes(module: types.ModuleType) -> set[str]:
    """Every catalogue code named by ``module`` or by project code it reaches."""
    codes: set[str] = set()
    seen: set[int] = set()
    todo: list[tuple[Any, types.ModuleType]] = [(module, module)]
    while todo:
        value, home = todo.pop()
        tree = _tree(value)
        if tree is None:
            continue
        codes |= {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in CATALOGUE
        }
        for ref in _references(tree, home):
            if isinstance(ref, tuple):
                items = list(_data_items(ref))
                codes |= {i for i in items if isinstance(i, str) and i in CATALOGUE}
                refs = [i for i in items if inspect.isfunction(i) or inspect.isclass(i)]
            else:
                refs = [ref]
            for named in refs:
                for target in _reached_by_naming(getattr(named, "fget", None) or named):
                    target = getattr(target, "__func__", target)
                    if id(target) in seen or not _ours(target):
                        continue
                    seen.add(id(target))
                    todo.append((target, inspect.getmodule(target) or home))
    return codes


# Codes the walk finds that the action cannot return: it reaches the function, never the
# branch. Each entry must still be found (a stale entry fails) and stay unlisted.
OVER_APPROXIMATED: dict[str, dict[str, str]] = {
    "ModifyNetworkInterfaceAttribute": {
        **dict.fromkeys(
            (
                "InvalidOperation.NotSupport",
                "InvalidOperation.RegionNotSupportIpPrefix",
                "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
                "InvalidOperation.TrunkingIsNotAllowed",
            ),
            "region_features() is asked only about queue sizes and the traffic mode",
        ),
        **dict.fromkeys(
            (
                "InvalidOperation.VSwitchIpv6Disabled",
                "InvalidOperation.AddressNotInVSwitchCidr",
                "InvalidIp.IpRepeated",
                "InvalidOperation.AddressAlreadyAllocated",
                "InvalidIp.IpPrefixIllegal",
                "InvalidIp.IpPrefixNotAvailable",
                "InvalidVSwitchId.IpPrefixNotEnough",
                "InvalidVSwitchId.IpNotEnough",
            ),
            "EnablePrimaryIPv6 asks assign_ipv6() for one counted address of a /64 known to"
            " exist, no named address and no prefix",
        ),
    },
    "DescribeInstanceTypes": {"MissingParameter": "its request model has no required parameter"},
    "DescribeRegions": {"MissingParameter": "its request model has no required parameter"},
    "CreateVpc": {
        "InvalidCidrBlock.Malformed": "check_vpc() answers a malformed CidrBlock InvalidParameter;"
        " the IPv6 /56 is one the fake picks",
    },
    "ModifyVSwitchAttribute": {
        "InvalidCidrBlock.Malformed": "the /64 is built from the VPC's /56 and an Ipv6CidrBlock"
        " of 0 to 255: always a well-formed /64",
    },
    "RunInstances": {
        **dict.fromkeys(
            (
                "InvalidOperation.RegionNotSupportIpPrefix",
                "InvalidIp.IpPrefixMaskIllegal",
                "InvalidIp.IpPrefixMustInReserveSegment",
                "InvalidIp.IpPrefixNotAvailable",
                "InvalidVSwitchId.IpPrefixNotEnough",
                "InvalidOperation.VSwitchCidrReservationNotExist",
                "InvalidOperation.Ipv4CountExceeded",
            ),
            "a launch asks for no IPv4 or IPv6 prefix",
        ),
        **dict.fromkeys(
            (
                "InvalidConnectionTrackingConfiguration.RegionOrUserNotSupported",
                "InvalidEniQueueSize.RegionOrUserNotSupported",
                "InvalidOperation.HighPerformanceTrafficModeIsNotAllowed",
                "InvalidOperation.MaxEniQueueNumberExceeded",
                "InvalidOperation.TrunkingIsNotAllowed",
                "InvalidOperation.EnableIpv6Failed",
            ),
            "a launch's ENI requests set no connection tracking, queue size, traffic mode,"
            " queue number, trunk type or EnablePrimaryIPv6 (QueueNumber and the traffic mode"
            " are kept as attributes)",
        ),
        "InvalidOperation.VpcMismatch": "_check_spec() refuses a group of another VPC first"
        " (InvalidParameter.Mismatch)",
        "InvalidVSwitchId.IpInvalid": "_check_spec() refuses a bad PrivateIpAddress first"
        " (InvalidPrivateIpAddress.Malformed / InvalidPrivateIpAddress)",
        "InvalidVSwitchId.IpNotEnough": "_check_room() refuses a launch the vSwitches cannot"
        " hold first (QuotaExceeded.PrivateIpAddress)",
        "InvalidParameter.SecurityGroupIdRepeated": "RunInstances' model does not run"
        " check_unique_groups() (a repeated group is accepted)",
    },
}

SERVED = sorted(
    (
        (action, importlib.import_module(operation.__module__))
        for product in PRODUCTS.values()
        for action, operation in product.operations.items()
    ),
    key=lambda served: (served[0], served[1].__name__),  # an action may be on two products
)


@pytest.mark.parametrize(("action", "module"), SERVED, ids=[m.__name__ for _, m in SERVED])
def test_every_code_a_handler_can_raise_is_listed(action: str, module: types.ModuleType) -> None:
    found = reachable_codes(module)
    known = OVER_APPROXIMATED.get(action, {})
    missing = sorted(found - set(ACTION_CODES[action]) - set(known))
    assert not missing, f"{action} can answer {missing}, which its catalogue list lacks"
    assert set(known) <= found - set(ACTION_CODES[action]), f"{action}: stale OVER_APPROXIMATED"


def test_the_walk_reads_module_level_tables() -> None:
    """A code that stands only in a table a function reads (``_REGION_FEATURES``) is found."""
    create = importlib.import_module("pytest_fake_eni.api.create_network_interface")
    assert "InvalidOperation.TrunkingIsNotAllowed" in reachable_codes(create)
    assert "Forbidden.SubUser" in reachable_codes(create)  # _ACCOUNT_FLAGS


def test_the_walk_finds_codes_in_called_modules() -> None:
    """Proof the walk can fail: CreateNetworkInterface's room code lives in cloud/addresses.py."""
    create = importlib.import_module("pytest_fake_eni.api.create_network_interface")
    found = reachable_codes(create)
    assert {"QuotaExceeded.PrivateIpAddress", "IdempotentParameterMismatch"} <= found
    assert {"MissingParameter", "InvalidParameter"} <= found  # parse(), in api/validation.py
    assert pytest_fake_eni.__name__ == "pytest_fake_eni"
