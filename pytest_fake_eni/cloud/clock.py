"""The fake's clock: real time that a test can move forward without sleeping."""

from __future__ import annotations

import functools
import time
from datetime import datetime, timedelta, timezone, tzinfo

_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@functools.lru_cache(maxsize=256)
def _text(moment: datetime, zone: tzinfo | None) -> str:
    """``moment`` in the API's format; ``zone`` (its tzinfo) keys the cache too, as equal
    moments of other zones print otherwise. Cached: every fake of a second prints it."""
    return moment.strftime(_FORMAT)


class Clock:
    """Wall time since the fake started, plus whatever the test has advanced."""

    def __init__(self, start: datetime | None = None) -> None:
        # now, to the second (what datetime.now(timezone.utc).replace(microsecond=0) gives)
        self._start = start or datetime.fromtimestamp(int(time.time()), timezone.utc)
        self._t0 = time.monotonic()
        self._offset = 0.0
        self._stamp: tuple[int, str] = (-1, "")

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds

    def monotonic(self) -> float:
        """Seconds since the fake started (for rate limits and delays)."""
        return time.monotonic() - self._t0 + self._offset

    def now(self) -> datetime:
        """The current UTC time on this clock."""
        return self._start + timedelta(seconds=self.monotonic())

    def timestamp(self) -> str:
        """Now in the API's format, ``2019-12-25T12:31:31Z``."""
        second = int(self.monotonic())
        if self._stamp[0] != second:  # strftime is slow and ENIs come many to a second
            moment = self._start + timedelta(seconds=second)
            self._stamp = (second, _text(moment, moment.tzinfo))
        return self._stamp[1]


def parse_utc(value: str) -> datetime:
    """An ISO 8601 time (``Z`` or an offset; naive means UTC); ``ValueError`` if not one."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
