"""Assertion helpers: each failure says what was expected and what the fake holds."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from pytest_fake_eni.cloud.resources import Eni
from pytest_fake_eni.testing.calls import Call
from pytest_fake_eni.testing.faults import FaultRule

_ENI_FIELDS = (*(f.name for f in dataclasses.fields(Eni)), "secondary_ip_addresses")
_SHOWN = ("network_interface_id", "vswitch_id", "primary_ip_address", "status", "name", "tags")


def eni_line(eni: Eni) -> str:
    """One ENI in a line, for failure messages and reports."""
    return ", ".join(f"{name}={getattr(eni, name)!r}" for name in _SHOWN)


def call_line(call: Call) -> str:
    """One call in a line, for failure messages and reports."""
    outcome = "OK" if call.error_code is None else call.error_code
    injected = " (injected)" if call.injected else ""
    shown = {k: v for k, v in call.params.items() if k != "RegionId"}
    return f"{call.action} {shown} -> {call.status_code} {outcome}{injected}"


def _differences(eni: Eni, expected: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (want, getattr(eni, name))
        for name, want in expected.items()
        if getattr(eni, name) != want
    }


def assert_eni_created(enis: Sequence[Eni], expected: dict[str, Any]) -> Eni:
    """Exactly one ENI has every attribute in ``expected``; return it."""
    __tracebackhide__ = True
    unknown = sorted(set(expected) - set(_ENI_FIELDS))
    if unknown:
        raise TypeError(f"ENIs have no attribute {unknown}; they have {list(_ENI_FIELDS)}")
    matching = [e for e in enis if not _differences(e, expected)]
    if len(matching) == 1:
        return matching[0]
    lines = [f"expected exactly one ENI with {expected}, found {len(matching)}."]
    if matching:
        lines += ["matching:"] + [f"  {eni_line(e)}" for e in matching]
    elif enis:
        closest = min(enis, key=lambda e: len(_differences(e, expected)))
        lines.append(f"closest: {closest.network_interface_id}, which differs in:")
        for name, (want, got) in _differences(closest, expected).items():
            lines.append(f"  {name}: expected {want!r}, is {got!r}")
    lines.append(f"the fake holds {len(enis)} ENI(s):")
    lines += [f"  {eni_line(e)}" for e in enis]
    raise AssertionError("\n".join(lines))


def assert_no_eni_created(created: Sequence[Eni], calls: Sequence[Call]) -> None:
    """No ENI was created through the API."""
    __tracebackhide__ = True
    if created:
        lines = [f"expected no ENI to be created, but {len(created)} were:"]
        lines += [f"  {eni_line(e)}" for e in created]
        lines += ["calls:"] + [f"  {call_line(c)}" for c in calls]
        raise AssertionError("\n".join(lines))


def assert_no_leaked_enis(leaked: Sequence[Eni], calls: Sequence[Call]) -> None:
    """No ENI the test created is left (an ENI in ``Deleting`` counts as deleted)."""
    __tracebackhide__ = True
    leaked = [e for e in leaked if e.status != "Deleting"]
    if leaked:
        lines = [f"{len(leaked)} ENI(s) created during the test still exist:"]
        lines += [f"  {eni_line(e)}" for e in leaked]
        lines += ["calls:"] + [f"  {call_line(c)}" for c in calls]
        raise AssertionError("\n".join(lines))


def matching_calls(calls: Sequence[Call], action: str, params: dict[str, Any]) -> list[Call]:
    """The calls of ``action`` whose parameters include ``params`` (compared as strings)."""
    return [
        c
        for c in calls
        if c.action == action and all(_same(c.params.get(k), v) for k, v in params.items())
    ]


def assert_called(
    calls: Sequence[Call], action: str, times: int | None, params: dict[str, Any]
) -> list[Call]:
    """``action`` was called ``times`` times (at least once when None) with ``params``."""
    __tracebackhide__ = True
    found = matching_calls(calls, action, params)
    if (times is None and found) or len(found) == times:
        return found
    want = "at least once" if times is None else f"{times} time(s)"
    with_params = f" with {params}" if params else ""
    lines = [f"expected {action}{with_params} {want}, it was called {len(found)} time(s)."]
    lines.append(f"the fake received {len(calls)} call(s):")
    lines += [f"  {call_line(c)}" for c in calls]
    raise AssertionError("\n".join(lines))


def _same(sent: str | None, expected: Any) -> bool:
    if sent is None:
        return False
    if isinstance(expected, bool):  # SDKs send True, true or TRUE
        return sent.lower() == str(expected).lower()
    return sent == str(expected)


def assert_all_faults_used(unused: Sequence[FaultRule], calls: Sequence[Call]) -> None:
    """No fault rule is left unused."""
    __tracebackhide__ = True
    if unused:
        lines = [f"{len(unused)} injected fault(s) did not fire as set up:"]
        lines += [f"  {rule.describe()}" for rule in unused]
        lines += [f"the fake received {len(calls)} call(s):"]
        lines += [f"  {call_line(c)}" for c in calls]
        raise AssertionError("\n".join(lines))
