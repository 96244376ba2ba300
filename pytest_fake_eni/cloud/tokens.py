"""The ClientToken store: one per account, used by every action that takes a ClientToken.

A token is scoped to its action and region. The first request with a token runs and its
answer is kept; a retry with the same token and the same parameters gets that answer again
and changes nothing; a retry with other parameters is ``IdempotentParameterMismatch``.
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
        when the token was used with other parameters.
        """
        if token is None:
            return operation()
        key = (action, region_id, token)
        prior = self._answers.get(key)
        if prior is not None:
            if prior[0] != fingerprint:
                raise EcsError("IdempotentParameterMismatch")
            return copy.deepcopy(prior[1])  # type: ignore[return-value]
        answer = operation()
        self._answers[key] = (fingerprint, copy.deepcopy(answer))
        return answer

    def __len__(self) -> int:
        return len(self._answers)
