"""The address ledger of one vSwitch: reserved, taken and free IPv4 addresses.

Addresses are ints. An automatically chosen address is the lowest free one: the
smaller of a cursor walking up the never-used part of the range and the top of a
min-heap of released addresses, so each allocation costs O(log n) at worst whatever
the CIDR size, and no per-address object is ever built. Every allocation, single
addresses and prefix blocks alike, goes through ``available``: the ledger never
hands out more than its capacity.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterable
from socket import inet_ntoa

from netaddr import AddrFormatError, IPAddress, IPNetwork


@functools.lru_cache(maxsize=1024)
def ipv4_network(cidr_block: str) -> IPNetwork:
    """``cidr_block`` parsed as an IPv4 network; ValueError when it is not one.

    Cached, because every fake parses the same default CIDRs: never modify the result.
    """
    try:
        return IPNetwork(cidr_block, version=4)
    except (AddrFormatError, ValueError, TypeError):
        raise ValueError(f"{cidr_block!r} is not an IPv4 CIDR block") from None


@functools.lru_cache(maxsize=1024)
def ipv4_cidr(cidr_block: str) -> str:
    """The canonical text of ``cidr_block``'s network (host bits cleared): ``10.0.0.0/8``."""
    return str(ipv4_network(cidr_block).cidr)


@functools.lru_cache(maxsize=1024)
def ipv4_bounds(cidr_block: str) -> tuple[int, int]:
    """The first and last address of ``cidr_block``, as ints (cached like ``ipv4_network``)."""
    net = ipv4_network(cidr_block)
    return int(net.first), int(net.last)


class AddressLedger:
    """Which addresses of a CIDR are reserved, taken or free."""

    # The first address and the last three of a vSwitch CIDR are reserved.
    RESERVED_HEAD = 1
    RESERVED_TAIL = 3

    def __init__(self, cidr_block: str, available_ip_count: int | None = None) -> None:
        self.first, self.last = ipv4_bounds(cidr_block)
        self.cidr_block = ipv4_cidr(cidr_block)
        self._low = self.first + self.RESERVED_HEAD
        self._high = self.last - self.RESERVED_TAIL
        self.usable = max(0, self._high - self._low + 1)
        self._taken: set[int] = set()
        self._cursor = self._low
        self._released: list[int] = []  # a min-heap; entries taken again are skipped
        self._kept: list[tuple[int, int]] = []
        """(first, last) of each CIDR reservation: kept for prefixes, never chosen as single
        addresses ("IPs in the reserved CIDR block are skipped", the VPC user guide)."""
        self._capacity = self.usable
        if available_ip_count is not None:
            self.available = available_ip_count

    @property
    def available(self) -> int:
        """How many more addresses this ledger will hand out."""
        return self._capacity - len(self._taken)

    @available.setter
    def available(self, count: int) -> None:
        if count < 0:
            raise ValueError("available_ip_count cannot be negative")
        self._capacity = min(self.usable, len(self._taken) + count)

    @property
    def choosable(self) -> int:
        """How many single addresses the ledger may still choose: ``available``, less the
        free addresses of the CIDR reservations (counted only when there are some)."""
        if not self._kept:
            return self.available
        kept_free = sum(
            1 for first, last in self._kept for a in range(first, last + 1) if a not in self._taken
        )
        return max(0, min(self.available, self.usable - len(self._taken) - kept_free))

    def keep(self, first: int, last: int) -> None:
        """Keep ``first``..``last`` (a CIDR reservation, inside the CIDR) out of the single
        addresses chosen from now on; what is already taken there stays taken."""
        first, last = max(first, self._low), min(last, self._high)
        self._kept.append((first, last))
        # Free addresses below the cursor wait in the heap: the kept ones leave it.
        self._released = [a for a in self._released if not first <= a <= last]
        heapq.heapify(self._released)

    def unkeep(self, first: int, last: int) -> None:
        """The reservation ``first``..``last`` is gone: its free addresses may be chosen."""
        first, last = max(first, self._low), min(last, self._high)
        self._kept.remove((first, last))
        for address in range(first, min(last, self._cursor - 1) + 1):
            if address not in self._taken:  # below the cursor: the heap must hold it
                heapq.heappush(self._released, address)

    def _kept_end(self, address: int) -> int | None:
        """The last address of the kept range holding ``address``, else None."""
        for first, last in self._kept:
            if first <= address <= last:
                return last
        return None

    @property
    def taken_count(self) -> int:
        """How many addresses are allocated."""
        return len(self._taken)

    def parse(self, address: str) -> int | None:
        """``address`` as an int when it is a well-formed IPv4 address, else None."""
        try:
            ip = IPAddress(address, version=4, flags=0)
        except (AddrFormatError, ValueError, TypeError):
            return None
        text = str(ip)
        return int(ip) if text == address.strip() else None

    def is_allocatable(self, address: int) -> bool:
        """Inside the CIDR and not reserved."""
        return self._low <= address <= self._high

    def is_taken(self, address: int) -> bool:
        """Allocated to some ENI."""
        return address in self._taken

    def take(self, explicit: Iterable[int], count: int) -> list[int]:
        """Take ``explicit`` addresses and ``count`` more chosen here, all or nothing.

        The caller has checked the explicit ones are allocatable and free and that
        ``available`` covers them all. Returns explicit ones first.
        """
        wanted = list(explicit)
        self._require(len(wanted) + count)
        chosen: list[int] = []
        if wanted:
            self._taken.update(wanted)
        try:
            for _ in range(count):
                address = self._next_free()
                self._taken.add(address)
                chosen.append(address)
        except LookupError:
            self.release(wanted + chosen)
            raise
        return wanted + chosen if wanted else chosen

    def release(self, addresses: Iterable[int]) -> None:
        """Give addresses back; they may be handed out again."""
        for address in addresses:
            if address in self._taken:
                self._taken.remove(address)
                # At or above the cursor, the cursor finds it; a kept one waits for unkeep.
                if address < self._cursor and (not self._kept or self._kept_end(address) is None):
                    heapq.heappush(self._released, address)

    def _require(self, addresses: int) -> None:
        # The one capacity check every allocation passes; callers raise the documented
        # code before this, so reaching it is a bug in the fake.
        if addresses > self.available:
            raise ValueError(f"{addresses} addresses wanted, {self.available} available")

    def _next_free(self) -> int:
        """The lowest free address outside the kept ranges: every such address below the
        cursor is in the heap, and the cursor jumps over a kept range."""
        released = self._released
        while released:
            address = heapq.heappop(released)
            if address not in self._taken:
                return address
        while self._cursor <= self._high:
            address = self._cursor
            kept_end = self._kept_end(address) if self._kept else None
            if kept_end is not None:
                self._cursor = kept_end + 1
                continue
            self._cursor += 1
            if address not in self._taken:
                return address
        raise LookupError("the CIDR is exhausted")

    @staticmethod
    def text(address: int) -> str:
        """The dotted form of an int address."""
        return inet_ntoa(address.to_bytes(4, "big"))  # 5x netaddr's str(): a hot path

    # -- prefixes: aligned blocks of addresses held as one ---------------------------

    def block_is_free(self, start: int, size: int) -> bool:
        """An aligned block of ``size`` addresses, clear of reserved and taken addresses."""
        return (
            start % size == 0
            and self._low <= start
            and start + size - 1 <= self._high
            and not any(a in self._taken for a in range(start, start + size))
        )

    def free_blocks(self, size: int, within: list[tuple[int, int]], count: int) -> list[int]:
        """Up to ``count`` free aligned blocks inside the ``within`` ranges, highest first.

        Scans from the top of each range so prefixes stay clear of the address cursor.
        """
        found: list[int] = []
        for low, high in within:
            start = (high + 1) - (high + 1) % size - size
            while start >= low and len(found) < count:
                if self.block_is_free(start, size):
                    found.append(start)
                start -= size
        return found

    def take_blocks(self, starts: Iterable[int], size: int) -> None:
        """Hold every address of each block (the caller checked they are free and fit)."""
        starts = list(starts)
        self._require(size * len(starts))
        for start in starts:
            self._taken.update(range(start, start + size))

    def release_blocks(self, starts: Iterable[int], size: int) -> None:
        """Give whole blocks back."""
        for start in starts:
            self.release(range(start, start + size))
