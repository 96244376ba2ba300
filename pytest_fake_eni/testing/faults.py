"""Failure injection: rules that make the fake fail the way the real service or network does.

Each kind of fault is one ``FaultRule`` subclass that names the pipeline ``stage`` it acts
at and what it does there (``act``). A rule says which calls it matches (action, ``when``,
``probability``) and how many times it fires (``times``); ``FaultSet`` holds a fake's
rules and answers, at each stage of each call, which rule (if any) fires. Nothing here
knows about HTTP: an error travels the same envelope as a real one.

Adding a kind: one subclass here (its ``stage`` and ``act``) and one ``inject_*`` method.
"""

from __future__ import annotations

import difflib
import math
import random
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pytest_fake_eni.errors import CATALOGUE, EcsError, lookup
from pytest_fake_eni.transport.http import TransportFault

Predicate = Callable[[Mapping[str, str]], bool]
"""``when``: called with the call's wire parameters (names to strings)."""

# The pipeline stages a fault acts at, in the order a request meets them.
TRANSPORT = "transport"  # before the service: nothing happens, the client sees a network error
THROTTLE = "throttle"  # the gateway's rate limit
BEFORE = "before"  # an error answered instead of the operation
AFTER = "after"  # the operation happened, then the answer is an error (the lost response)
LATENCY = "latency"  # the answer is delivered late

RETRY_AFTER = "x-acs-retry-after"
"""The header a throttled answer carries: milliseconds until the call may be retried."""

# Kind names, as the admin API and ``FaultRule.kind`` spell them.
ERROR, RATE_LIMIT = "error", "rate_limit"
TRANSPORT_KINDS = ("connection", "timeout")


class InjectedError(EcsError):
    """An ``EcsError`` returned because a fault rule fired (logged with ``injected=True``)."""


@dataclass(eq=False)
class FaultRule:
    """One injected fault: what it matches, how often it has fired; subclasses say what it does."""

    action: str
    """The API action it applies to, e.g. ``CreateNetworkInterface``."""
    times: int | None = 1
    """How many calls it fires on; None: every matching call."""
    probability: float | None = None
    """Chance of firing on a matching call, drawn from the fake's seeded RNG."""
    when: Predicate | None = None
    """Fires only on calls whose parameters satisfy this predicate."""
    hits: int = 0
    """How many calls this rule has fired on so far."""

    kind: str = field(default="", init=False)
    """``error``, ``latency``, ``transport`` or ``rate_limit``."""
    expected_to_fire: ClassVar[bool] = True
    """``assert_all_faults_used`` expects it to fire (a rate limit need not)."""

    @property
    def stage(self) -> str:
        """The pipeline stage this rule acts at."""
        raise NotImplementedError

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

    def admits(self, draw: Callable[[], float], now: float) -> bool:
        """Whether a matching call makes the rule fire (``probability``, drawn)."""
        return self.probability is None or draw() < self.probability

    def act(self, params: Mapping[str, str]) -> float:
        """Do what the rule does to a call it fired on: raise its error, or return a delay."""
        raise NotImplementedError

    def what(self) -> str:
        """What the rule does, in a few words."""
        raise NotImplementedError

    def describe(self) -> str:
        """The rule in a line, for failure messages."""
        times = "every call" if self.times is None else f"times={self.times}"
        return f"{self.action}: {self.what()} ({times}, hits={self.hits})"


def _details(params: Mapping[str, str]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if k[:1].isupper()}


@dataclass(eq=False)
class ErrorRule(FaultRule):
    """Answer a documented error code (before the operation, or after it: ``after_effect``)."""

    kind: str = field(default=ERROR, init=False)
    code: str = "InternalError"
    """The error code."""
    message: str | None = None
    """The error message; None: the catalogue's, filled from the request."""
    status: int | None = None
    """The HTTP status; None: the catalogue's."""
    after_effect: bool = False
    """Let the operation happen, then answer the error (the lost-response case)."""

    @property
    def stage(self) -> str:
        return AFTER if self.after_effect else BEFORE

    def error(self, params: Mapping[str, str]) -> InjectedError:
        """The error this rule answers, placeholders filled from the request's parameters."""
        return InjectedError(self.code, self.message, status=self.status, **_details(params))

    def act(self, params: Mapping[str, str]) -> float:
        raise self.error(params)

    def what(self) -> str:
        return f"error {self.code}" + (" after effect" if self.after_effect else "")


@dataclass(eq=False)
class LatencyRule(FaultRule):
    """Deliver the answer ``seconds`` late."""

    kind: str = field(default="latency", init=False)
    seconds: float = 0.0
    """The delay."""

    @property
    def stage(self) -> str:
        return LATENCY

    def act(self, params: Mapping[str, str]) -> float:
        return self.seconds

    def what(self) -> str:
        return f"latency {self.seconds}s"


@dataclass(eq=False)
class TransportRule(FaultRule):
    """Fail in the network: the request never reaches the service."""

    kind: str = field(default=TRANSPORT, init=False)
    transport_kind: str = "connection"
    """``connection`` (refused or reset) or ``timeout``."""

    @property
    def stage(self) -> str:
        return TRANSPORT

    def act(self, params: Mapping[str, str]) -> float:
        raise TransportFault(self.transport_kind)

    def what(self) -> str:
        return f"transport {self.transport_kind} error"


@dataclass(eq=False)
class RateLimitRule(FaultRule):
    """Past ``calls`` calls per ``per_seconds`` (the fake's clock): ``Throttling``, with the
    ``x-acs-retry-after`` header the service sends (milliseconds until the window frees),
    which current Tea SDKs read to back off."""

    kind: str = field(default=RATE_LIMIT, init=False)
    expected_to_fire: ClassVar[bool] = False
    code: str = "Throttling"
    """The error code."""
    calls: int = 0
    """Calls allowed per ``per_seconds``."""
    per_seconds: float = 1.0
    """The window, on the fake's clock."""
    message: str | None = None
    status: int | None = None
    _window: deque[float] = field(default_factory=deque, repr=False)
    _wait: float = field(default=0.0, repr=False)
    """Seconds until the window frees, as of the last call it throttled."""

    @property
    def stage(self) -> str:
        return THROTTLE

    def admits(self, draw: Callable[[], float], now: float) -> bool:
        # Only calls let through count toward the limit, as a sliding window would.
        window = self._window
        while window and window[0] <= now - self.per_seconds:
            window.popleft()
        if len(window) >= self.calls:
            self._wait = window[0] + self.per_seconds - now if window else self.per_seconds
            return True
        window.append(now)
        return False

    def retry_after_ms(self) -> int:
        """Milliseconds until the window frees (at least 1: the SDKs ignore 0)."""
        return max(1, math.ceil(self._wait * 1000))

    def error(self, params: Mapping[str, str]) -> InjectedError:
        """The throttling error, placeholders filled from the request's parameters."""
        return InjectedError(
            self.code,
            self.message,
            status=self.status,
            headers={RETRY_AFTER: str(self.retry_after_ms())},
            **_details(params),
        )

    def act(self, params: Mapping[str, str]) -> float:
        raise self.error(params)

    def what(self) -> str:
        return f"rate limit {self.calls}/{self.per_seconds}s"


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
        if rule.when is not None and not callable(rule.when):
            raise ValueError(f"when must be a predicate over the call's parameters: {rule.when!r}")
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Forget every rule."""
        self.rules.clear()

    def fire(
        self, stage: str, action: str, params: Mapping[str, str], now: float = 0.0
    ) -> FaultRule | None:
        """The first rule of ``stage`` that fires on this call (its ``hits`` counted), or None."""
        if not self.rules:  # most calls of most fakes: no lock to take
            return None
        with self._lock:
            for rule in self.rules:
                if rule.stage != stage or rule.exhausted or not rule.matches(action, params):
                    continue
                if rule.admits(self._draw, now):
                    rule.hits += 1
                    return rule
        return None

    def _draw(self) -> float:
        if self._rng is None:  # its own stream, so faults leave the ids unchanged
            self._rng = random.Random(f"{self._seed}:faults")
        return self._rng.random()

    def unused(self) -> list[FaultRule]:
        """Rules (rate limits aside) that have not done what they were set up to do."""
        return [r for r in self.rules if r.expected_to_fire and not r.used]


def error_rule(action: str, code: str, **options: Any) -> ErrorRule:
    """An ``error`` rule, its code checked against the catalogue at once."""
    check_code(code)
    return ErrorRule(action, code=code, **options)
