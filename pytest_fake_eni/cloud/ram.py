"""RAM policies: parse a policy document and decide a request as RAM does.

Explicit Deny wins, then Allow, else the request is implicitly denied. Action
names match case-insensitively, resources case-sensitively; ``*`` and ``?`` are
the only wildcards. Supported condition keys: ``acs:SourceIp``, ``acs:CurrentTime``,
``acs:RequestTag/<key>`` (the request's ``Tag.N``) and ``acs:ResourceTag/<key>`` (the tags
the resource being checked has now, from the tag store).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Literal

from netaddr import AddrFormatError, IPAddress, IPNetwork

from pytest_fake_eni.cloud.clock import parse_utc

Effect = Literal["Allow", "Deny"]
NoPermissionType = Literal["ImplicitDeny", "ExplicitDeny"]


@dataclass(frozen=True)
class RequestContext:
    """What RAM sees of one request: the action, its resources, the condition keys."""

    action: str
    """``service:Action``, e.g. ``ecs:CreateNetworkInterface``."""
    resources: tuple[str, ...]
    """The ARNs the action touches, in the order they are checked."""
    source_ip: str = "127.0.0.1"
    current_time: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    request_tags: Mapping[str, str] = field(default_factory=dict)
    resource_tags: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """ARN -> the tags that resource has (``acs:ResourceTag/<key>``); absent: none."""


@dataclass(frozen=True)
class Decision:
    """The outcome: allowed, or the first resource denied and why."""

    allowed: bool
    resource: str | None = None
    no_permission_type: NoPermissionType | None = None


# --------------------------------------------------------------------------- wildcards


@lru_cache(maxsize=1024)
def _wildcard(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """``*`` any run of characters, ``?`` one character, everything else literal."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def wildcard_match(pattern: str, value: str, *, ignore_case: bool = False) -> bool:
    """Whether ``value`` matches the RAM wildcard ``pattern`` as a whole."""
    return _wildcard(pattern, ignore_case).fullmatch(value) is not None


# --------------------------------------------------------------------------- conditions


def _ip_in(value: str, cidrs: Sequence[str]) -> bool:
    try:
        address = IPAddress(value)
    except (AddrFormatError, ValueError):
        return False
    return any(address in IPNetwork(cidr) for cidr in cidrs)


# operator -> (test of one request value against the policy's values, negated?)
_OPERATORS: dict[str, tuple[Callable[[Any, Sequence[str]], bool], bool]] = {
    "StringEquals": (lambda v, ps: str(v) in ps, False),
    "StringNotEquals": (lambda v, ps: str(v) in ps, True),
    "StringEqualsIgnoreCase": (lambda v, ps: str(v).lower() in {p.lower() for p in ps}, False),
    "StringNotEqualsIgnoreCase": (
        lambda v, ps: str(v).lower() in {p.lower() for p in ps},
        True,
    ),
    "StringLike": (lambda v, ps: any(wildcard_match(p, str(v)) for p in ps), False),
    "StringNotLike": (lambda v, ps: any(wildcard_match(p, str(v)) for p in ps), True),
    "IpAddress": (lambda v, ps: _ip_in(str(v), ps), False),
    "NotIpAddress": (lambda v, ps: _ip_in(str(v), ps), True),
    "DateEquals": (lambda v, ps: any(v == parse_utc(p) for p in ps), False),
    "DateNotEquals": (lambda v, ps: any(v == parse_utc(p) for p in ps), True),
    "DateGreaterThan": (lambda v, ps: any(v > parse_utc(p) for p in ps), False),
    "DateGreaterThanEquals": (lambda v, ps: any(v >= parse_utc(p) for p in ps), False),
    "DateLessThan": (lambda v, ps: any(v < parse_utc(p) for p in ps), False),
    "DateLessThanEquals": (lambda v, ps: any(v <= parse_utc(p) for p in ps), False),
}

_KEYS = ("acs:SourceIp", "acs:CurrentTime", "acs:RequestTag/<key>", "acs:ResourceTag/<key>")
_TAG_PREFIX = "acs:requesttag/"
_RESOURCE_TAG_PREFIX = "acs:resourcetag/"


def _supported_key(key: str) -> bool:
    lowered = key.lower()
    for prefix in (_TAG_PREFIX, _RESOURCE_TAG_PREFIX):
        if lowered.startswith(prefix):
            return len(key) > len(prefix)
    return lowered in {"acs:sourceip", "acs:currenttime"}


def _context_value(key: str, context: RequestContext, resource: str) -> Any:
    """The request's value of condition ``key`` (case-insensitive) for ``resource``, None
    when absent (a tag key is matched as written)."""
    lowered = key.lower()
    if lowered == "acs:sourceip":
        return context.source_ip
    if lowered == "acs:currenttime":
        return context.current_time
    if lowered.startswith(_RESOURCE_TAG_PREFIX):
        tags = context.resource_tags.get(resource, {})
        return tags.get(key[len(_RESOURCE_TAG_PREFIX) :])
    return context.request_tags.get(key[len(_TAG_PREFIX) :])


@dataclass(frozen=True)
class Condition:
    """One ``operator: {key: [values]}`` test; values of a key are ORed."""

    operator: str
    key: str
    values: tuple[str, ...]

    def holds(self, context: RequestContext, resource: str = "") -> bool:
        """Whether the request (on ``resource``) satisfies this test (a missing key fails,
        unless negated)."""
        test, negated = _OPERATORS[self.operator]
        value = _context_value(self.key, context, resource)
        if value is None:
            return negated
        matched = test(value, self.values)
        return not matched if negated else matched


# --------------------------------------------------------------------------- statements


def _strings(value: Any, what: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise ValueError(f"{what} must be a string or a non-empty list of strings")
    return tuple(items)


def _conditions(block: Any) -> tuple[Condition, ...]:
    if not isinstance(block, dict):
        raise ValueError("Condition must be an object")
    found: list[Condition] = []
    for operator, tests in block.items():
        if operator not in _OPERATORS:
            raise ValueError(
                f"condition operator {operator!r} unsupported; use {sorted(_OPERATORS)}"
            )
        if not isinstance(tests, dict):
            raise ValueError(f"Condition {operator} must map keys to values")
        for key, values in tests.items():
            if not _supported_key(key):
                raise ValueError(f"condition key {key!r} unsupported by the fake; use {_KEYS}")
            if isinstance(values, bool):
                values = "true" if values else "false"
            strings = _strings(values, f"Condition {operator} {key}")
            _check_values(operator, strings)
            found.append(Condition(operator, key, strings))
    return tuple(found)


def _check_values(operator: str, values: Sequence[str]) -> None:
    """A bad date or CIDR fails when the policy is added, not in the middle of a test."""
    for value in values:
        try:
            if operator.startswith("Date"):
                parse_utc(value)
            elif operator.endswith("IpAddress"):
                IPNetwork(value)
        except (AddrFormatError, ValueError):
            raise ValueError(f"Condition {operator}: {value!r} is not valid") from None


@dataclass(frozen=True)
class Statement:
    """One statement: an effect on actions and resources, under conditions."""

    effect: Effect
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    not_action: bool = False
    not_resource: bool = False
    conditions: tuple[Condition, ...] = ()

    @classmethod
    def parse(cls, raw: Any) -> Statement:
        """A statement from its JSON form; ``ValueError`` naming what is wrong."""
        if not isinstance(raw, dict):
            raise ValueError("each Statement must be an object")
        unknown = set(raw) - {
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Condition",
            "Sid",
        }
        if unknown:
            raise ValueError(f"unsupported statement elements {sorted(unknown)}")
        if raw.get("Effect") not in ("Allow", "Deny"):
            raise ValueError('Effect must be "Allow" or "Deny"')
        if ("Action" in raw) == ("NotAction" in raw):
            raise ValueError("a statement needs exactly one of Action and NotAction")
        if ("Resource" in raw) == ("NotResource" in raw):
            raise ValueError("a statement needs exactly one of Resource and NotResource")
        return cls(
            effect=raw["Effect"],
            actions=_strings(raw.get("Action", raw.get("NotAction")), "Action"),
            resources=_strings(raw.get("Resource", raw.get("NotResource")), "Resource"),
            not_action="NotAction" in raw,
            not_resource="NotResource" in raw,
            conditions=_conditions(raw.get("Condition", {})),
        )

    def applies(self, action: str, resource: str, context: RequestContext) -> bool:
        """Whether this statement covers ``action`` on ``resource`` for this request."""
        action_hit = any(wildcard_match(a, action, ignore_case=True) for a in self.actions)
        resource_hit = any(wildcard_match(r, resource) for r in self.resources)
        return (
            action_hit != self.not_action
            and resource_hit != self.not_resource
            and all(c.holds(context, resource) for c in self.conditions)
        )


@dataclass(frozen=True)
class Policy:
    """A RAM policy document (``Version`` and ``Statement``)."""

    statements: tuple[Statement, ...]
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def parse(cls, document: Mapping[str, Any] | str) -> Policy:
        """A policy from a dict or its JSON text; ``ValueError`` naming what is wrong."""
        raw = json.loads(document) if isinstance(document, str) else document
        if not isinstance(raw, Mapping):
            raise ValueError("a policy document is a JSON object")
        statements = raw.get("Statement")
        if isinstance(statements, dict):
            statements = [statements]
        if not isinstance(statements, list):
            raise ValueError("a policy needs a Statement list")
        return cls(tuple(Statement.parse(s) for s in statements), dict(raw))

    def evaluate(self, context: RequestContext) -> Decision:
        """Decide ``context``: every resource must be allowed and none explicitly denied.

        An explicit Deny on any resource is reported before an implicit one.
        """
        implicit: str | None = None
        for resource in context.resources:
            verdicts = self._verdicts(context.action, resource, context)
            if "Deny" in verdicts:
                return Decision(False, resource, "ExplicitDeny")
            if "Allow" not in verdicts and implicit is None:
                implicit = resource
        if implicit is not None:
            return Decision(False, implicit, "ImplicitDeny")
        return Decision(True)

    def _verdicts(self, action: str, resource: str, context: RequestContext) -> set[str]:
        return {s.effect for s in self.statements if s.applies(action, resource, context)}
