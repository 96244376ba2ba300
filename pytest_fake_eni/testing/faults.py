"""Failure injection: rules that make the fake fail the way the real service or network does.

A ``FaultRule`` says which calls it matches (action, ``when``, ``probability``) and how many
times it fires (``times``); ``FaultSet`` holds a fake's rules and answers, for each call,
which rule (if any) fires. Nothing here knows about HTTP: the fake turns a fired rule into
an error envelope, a delay or a transport failure.
"""

from __future__ import annotations

import difflib
import random
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pytest_fake_eni.errors import CATALOGUE, EcsError, lookup

Predicate = Callable[[Mapping[str, str]], bool]
"""``when``: called with the call's wire parameters (names to strings)."""

ERROR, LATENCY, TRANSPORT, RATE_LIMIT = "error", "latency", "transport", "rate_limit"
TRANSPORT_KINDS = ("connection", "timeout")


class InjectedError(EcsError):
    """An ``EcsError`` returned because a fault rule fired (logged with ``injected=True``)."""


@dataclass(eq=False)
class FaultRule:
    """One injected fault: what it matches, what it does, and how often it has fired."""

    kind: str
    """``error``, ``latency``, ``transport`` or ``rate_limit``."""
    action: str
    """The API action it applies to, e.g. ``CreateNetworkInterface``."""
    times: int | None = 1
    """How many calls it fires on; None: every matching call."""
    probability: float | None = None
    """Chance of firing on a matching call, drawn from the fake's seeded RNG."""
    when: Predicate | None = None
    """Fires only on calls whose parameters satisfy this predicate."""
    code: str | None = None
    """The error code (``error`` and ``rate_limit`` rules)."""
    message: str | None = None
    """The error message; None: the catalogue's, filled from the request."""
    status: int | None = None
    """The HTTP status; None: the catalogue's."""
    after_effect: bool = False
    """Let the operation happen, then answer the error (the lost-response case)."""
    seconds: float = 0.0
    """The delay of a ``latency`` rule."""
    transport_kind: str | None = None
    """``connection`` or ``timeout`` for a ``transport`` rule."""
    calls: int = 0
    """``rate_limit``: calls allowed per ``per_seconds``."""
    per_seconds: float = 0.0
    """``rate_limit``: the window, on the fake's clock."""
    hits: int = 0
    """How many calls this rule has fired on so far."""
    _window: deque[float] = field(default_factory=deque, repr=False)

    @property
    def exhausted(self) -> bool:
        """True when a rule with a finite ``times`` has fired that many times."""
        return self.times is not None and self.hits >= self.times

    @property
    def used(self) -> bool:
        """True when the rule did what it was set up to do (fired ``times``, or once)."""
        return self.exhausted if self.times is not None else self.hits > 0

    def matches(self, action: str, params: Mapping[str, str]) -> bool:
        """The rule applies to this call (ignoring ``times`` and ``probability``)."""
        return action == self.action and (self.when is None or bool(self.when(params)))

    def error(self, params: Mapping[str, str]) -> InjectedError:
        """The error this rule answers, placeholders filled from the request's parameters."""
        assert self.code is not None
        details: dict[str, Any] = {k: v for k, v in params.items() if k[:1].isupper()}
        return InjectedError(self.code, self.message, status=self.status, **details)

    def describe(self) -> str:
        """The rule in a line, for failure messages."""
        if self.kind == LATENCY:
            what = f"latency {self.seconds}s"
        elif self.kind == TRANSPORT:
            what = f"transport {self.transport_kind} error"
        elif self.kind == RATE_LIMIT:
            what = f"rate limit {self.calls}/{self.per_seconds}s"
        else:
            what = f"error {self.code}" + (" after effect" if self.after_effect else "")
        times = "every call" if self.times is None else f"times={self.times}"
        return f"{self.action}: {what} ({times}, hits={self.hits})"


def check_code(code: str) -> None:
    """``ValueError`` naming close codes unless ``code`` is in the catalogue."""
    try:
        lookup(code)
    except KeyError as error:
        close = difflib.get_close_matches(code, list(CATALOGUE), n=5, cutoff=0.6)
        hint = f" Close codes: {close}." if close else ""
        raise ValueError(f"{error.args[0]}{hint}") from None


def check_action(action: str, known: Mapping[str, object]) -> None:
    """``ValueError`` naming close actions unless the fake implements ``action``."""
    if action not in known:
        close = difflib.get_close_matches(action, list(known), n=3, cutoff=0.5)
        hint = f" Did you mean {close}?" if close else f" It implements {sorted(known)}."
        raise ValueError(f"the fake does not implement {action!r}.{hint}")


class FaultSet:
    """A fake's fault rules, checked in the order they were added."""

    def __init__(self, seed: int | str) -> None:
        self.rules: list[FaultRule] = []
        self._seed = seed
        self._rng: random.Random | None = None  # made on first use: most fakes never draw
        self._lock = threading.Lock()  # requests may come from several threads

    def add(self, rule: FaultRule) -> FaultRule:
        """Add ``rule``; return it."""
        if rule.times is not None and rule.times < 1:
            raise ValueError(f"times must be at least 1 (or None for every call), not {rule.times}")
        if rule.probability is not None and not 0.0 <= rule.probability <= 1.0:
            raise ValueError(f"probability must be within [0, 1], not {rule.probability}")
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Forget every rule."""
        self.rules.clear()

    def fire(
        self, kind: str, action: str, params: Mapping[str, str], *, after_effect: bool = False
    ) -> FaultRule | None:
        """The first rule of ``kind`` that fires on this call (its ``hits`` counted), or None."""
        if not self.rules:  # most calls of most fakes: no lock to take
            return None
        with self._lock:
            return self._fire(kind, action, params, after_effect)

    def _fire(
        self, kind: str, action: str, params: Mapping[str, str], after_effect: bool
    ) -> FaultRule | None:
        for rule in self.rules:
            if (
                rule.kind != kind
                or rule.after_effect != after_effect
                or rule.exhausted
                or not rule.matches(action, params)
            ):
                continue
            if rule.probability is not None and self._draw() >= rule.probability:
                continue
            rule.hits += 1
            return rule
        return None

    def _draw(self) -> float:
        if self._rng is None:  # its own stream, so faults leave the ids unchanged
            self._rng = random.Random(f"{self._seed}:faults")
        return self._rng.random()

    def throttle(self, action: str, params: Mapping[str, str], now: float) -> FaultRule | None:
        """The rate limit this call exceeds (its ``hits`` counted), or None.

        Only calls let through count toward the limit, as a sliding window would.
        """
        if not self.rules:
            return None
        with self._lock:
            return self._throttle(action, params, now)

    def _throttle(self, action: str, params: Mapping[str, str], now: float) -> FaultRule | None:
        for rule in self.rules:
            if rule.kind != RATE_LIMIT or not rule.matches(action, params):
                continue
            window = rule._window
            while window and window[0] <= now - rule.per_seconds:
                window.popleft()
            if len(window) >= rule.calls:
                rule.hits += 1
                return rule
            window.append(now)
        return None

    def unused(self) -> list[FaultRule]:
        """Rules (rate limits aside) that have not done what they were set up to do."""
        return [r for r in self.rules if r.kind != RATE_LIMIT and not r.used]


def error_rule(action: str, code: str, **options: Any) -> FaultRule:
    """An ``error`` rule, its code checked against the catalogue at once."""
    check_code(code)
    return FaultRule(ERROR, action, code=code, **options)
