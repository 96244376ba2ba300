"""The IPv6 ledger of one vSwitch: its /64, the addresses and /80 prefixes taken.

2^64 addresses are never materialised: addresses are ints, a cursor walks up from
the bottom for addresses and down from the top for prefixes, and the taken ones
are kept in sets. An automatically chosen address is the lowest free one (released
addresses below the cursor wait in a min-heap), so each allocation costs O(log n).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from netaddr import AddrFormatError, IPAddress, IPNetwork

PREFIX_LEN = 80
_BLOCK = 1 << (128 - PREFIX_LEN)


def parse_ipv6(text: str) -> int | None:
    """``text`` as an int when it is a well-formed IPv6 address, else None."""
    try:
        return int(IPAddress(text.strip(), version=6))
    except (AddrFormatError, ValueError, TypeError):
        return None


class Ipv6Ledger:
    """Which addresses and /80 prefixes of a vSwitch's IPv6 /64 are taken."""

    # The first address and the last nine of a vSwitch IPv6 CIDR are reserved.
    RESERVED_HEAD = 1
    RESERVED_TAIL = 9

    def __init__(self, cidr_block: str) -> None:
        net = IPNetwork(cidr_block, version=6)
        if net.prefixlen != 64 or net.network != net.ip:
            raise ValueError(f"a vSwitch IPv6 CIDR is a /64 network, not {cidr_block!r}")
        self.cidr_block = str(net.cidr)
        self.first = int(net.first)
        self.last = int(net.last)
        self._low = self.first + self.RESERVED_HEAD
        self._high = self.last - self.RESERVED_TAIL
        self._taken: set[int] = set()
        self._per_block: dict[int, int] = {}  # block start -> addresses taken inside it
        self._prefixes: set[int] = set()
        self._cursor = self._low
        self._released: list[int] = []  # a min-heap; entries taken again are skipped
        self._prefix_cursor = self.last + 1 - _BLOCK

    @property
    def taken_count(self) -> int:
        """How many single addresses are allocated."""
        return len(self._taken)

    @property
    def prefix_count(self) -> int:
        """How many /80 prefixes are allocated."""
        return len(self._prefixes)

    def contains(self, address: int) -> bool:
        """Inside the /64."""
        return self.first <= address <= self.last

    def is_allocatable(self, address: int) -> bool:
        """Inside the /64 and not reserved."""
        return self._low <= address <= self._high

    def is_taken(self, address: int) -> bool:
        """Held as an address or inside a held prefix."""
        return address in self._taken or _block_of(address) in self._prefixes

    def take(self, explicit: Iterable[int], count: int) -> list[int]:
        """Take ``explicit`` addresses (checked free) and ``count`` chosen ones."""
        chosen = list(explicit)
        for address in chosen:
            self._hold(address)
        for _ in range(count):
            reused = self._lowest_released()
            if reused is not None:
                chosen.append(reused)
                self._hold(reused)
                continue
            while self.is_taken(self._cursor):
                block = _block_of(self._cursor)
                # Jump over a held /80 at once: never walk 2^48 addresses.
                self._cursor = block + _BLOCK if block in self._prefixes else self._cursor + 1
            if self._cursor > self._high:
                self.release(chosen)  # all or nothing
                raise LookupError("the IPv6 CIDR is exhausted")
            chosen.append(self._cursor)
            self._hold(self._cursor)
        return chosen

    def _lowest_released(self) -> int | None:
        released = self._released
        while released:
            address = heapq.heappop(released)
            if not self.is_taken(address):
                return address
        return None

    def _hold(self, address: int) -> None:
        self._taken.add(address)
        block = _block_of(address)
        self._per_block[block] = self._per_block.get(block, 0) + 1

    def release(self, addresses: Iterable[int]) -> None:
        """Give addresses back."""
        for address in addresses:
            if address in self._taken:
                self._taken.remove(address)
                self._per_block[_block_of(address)] -= 1
                if address < self._cursor:  # at or above it, the cursor finds it
                    heapq.heappush(self._released, address)

    def prefix_is_free(self, start: int) -> bool:
        """A /80 starting at ``start``: inside the /64, clear of reserved and taken addresses."""
        return (
            start % _BLOCK == 0
            and self._low <= start
            and start + _BLOCK - 1 <= self._high
            and start not in self._prefixes
            and not self._per_block.get(start)
        )

    def take_prefixes(self, explicit: Iterable[int], count: int) -> list[int] | None:
        """Take ``explicit`` /80s (checked free) and ``count`` more; None when too few are free."""
        wanted = list(explicit)
        chosen: list[int] = []
        cursor = self._prefix_cursor
        while len(chosen) < count:
            if cursor < self.first:
                return None
            if self.prefix_is_free(cursor) and cursor not in wanted:
                chosen.append(cursor)
            cursor -= _BLOCK
        self._prefix_cursor = cursor
        self._prefixes.update(wanted + chosen)
        return wanted + chosen

    def release_prefixes(self, starts: Iterable[int]) -> None:
        """Give /80 prefixes back."""
        for start in starts:
            self._prefixes.discard(start)
            self._prefix_cursor = max(self._prefix_cursor, start)

    @staticmethod
    def text(address: int) -> str:
        """The compact form of an int address."""
        return str(IPAddress(address, version=6))

    @staticmethod
    def prefix_text(start: int) -> str:
        """The CIDR form of a /80 starting at ``start``."""
        return f"{IPAddress(start, version=6)}/{PREFIX_LEN}"


def _block_of(address: int) -> int:
    return address - address % _BLOCK
