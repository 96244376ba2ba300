"""Changes that take time: each completes when the fake's clock reaches its due time.

Attach, detach, delete (and any other asynchronous change a resource makes) schedule their
completion here; ``settle`` runs every completion that is due, in due order. The request
pipeline settles once per request, under the cloud's lock, so every product sees the same
state (no threads: nothing completes between two requests unless the clock moved).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable

from pytest_fake_eni.cloud.clock import Clock


class Transitions:
    """The pending completions of one fake account."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()

    def schedule(self, delay: float, complete: Callable[[], None]) -> float:
        """Run ``complete`` once ``delay`` seconds have passed on the clock; return the due time.

        ``complete`` must check that it still applies (a later change may have overtaken it).
        """
        due = self._clock.monotonic() + delay
        heapq.heappush(self._due, (due, next(self._order), complete))
        return due

    def settle(self) -> None:
        """Complete every transition whose time has come, oldest first."""
        if not self._due:
            return
        now = self._clock.monotonic()
        while self._due and self._due[0][0] <= now:
            _, _, complete = heapq.heappop(self._due)
            complete()

    def __len__(self) -> int:
        return len(self._due)
