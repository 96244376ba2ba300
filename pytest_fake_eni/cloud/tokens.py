"""The ClientToken store: one per account, used by every action that takes a ClientToken.

A token is scoped to its action and region. The first request with a token runs and its
answer is kept; a retry with the same token and the same parameters gets that answer again
and changes nothing; a retry with other parameters is ``IdempotentParameterMismatch``.
A token whose request failed on the server's side (a 5xx) before it took effect stays
failed: every retry with it answers ``IdempotentFailed`` and changes nothing, as the real
service does (the BOSH CPI and terway mint a new token for exactly this).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import TypeVar

from pytest_fake_eni.errors import EcsError

T = TypeVar("T")

Key = tuple[str, str, str]
"""(action, region, token)."""


class TokenStore:
    """What each ClientToken's first request answered, keyed by action, region and token."""

    def __init__(self) -> None:
        self._answers: dict[Key, tuple[Hashable, object]] = {}
        self._failed: set[Key] = set()

    def once(
        self,
        action: str,
        region_id: str,
        token: str | None,
        fingerprint: Hashable,
        operation: Callable[[], T],
    ) -> T:
        """Run ``operation`` once per token: a replay returns (a copy of) the first answer.

        Without a token the operation simply runs. Raises ``IdempotentParameterMismatch``
        when the token was used with other parameters, ``IdempotentFailed`` when its first
        request failed on the server's side (see ``fail``).
        """
        if token is None:
            return operation()
        key = (action, region_id, token)
        if key in self._failed:
            raise EcsError("IdempotentFailed")
        prior = self._answers.get(key)
        if prior is not None:
            if prior[0] != fingerprint:
                raise EcsError("IdempotentParameterMismatch")
            return copy.deepcopy(prior[1])  # type: ignore[return-value]
        answer = operation()
        self._answers[key] = (fingerprint, copy.deepcopy(answer))
        return answer

    def fail(self, action: str, region_id: str, token: str) -> bool:
        """Remember that a request with ``token`` failed on the server's side before it took
        effect; False (nothing remembered) when the token already has an answer, whose
        replay stands (the effect happened, only the answer was lost)."""
        key = (action, region_id, token)
        if key in self._answers:
            return False
        self._failed.add(key)
        return True

    def failed(self, action: str, region_id: str, token: str) -> bool:
        """Whether ``token`` answers ``IdempotentFailed`` for ``action`` in ``region_id``."""
        return (action, region_id, token) in self._failed

    def __len__(self) -> int:
        return len(self._answers)
