"""Unit tests of the IPv6 ledger and the IPv4 prefix blocks (the SDK tests cover the wire)."""

from __future__ import annotations

import pytest
from netaddr import IPNetwork

from pytest_fake_eni.cloud.ipam import AddressLedger
from pytest_fake_eni.cloud.ipv6 import Ipv6Ledger, parse_ipv6

CIDR6 = "2408:4005:3d8:3c00::/64"
NET6 = IPNetwork(CIDR6)
BLOCK80 = 1 << 48


def test_ipv6_reserves_first_and_last_nine() -> None:
    ledger = Ipv6Ledger(CIDR6)
    first, last = int(NET6.first), int(NET6.last)
    assert not ledger.is_allocatable(first)
    assert all(not ledger.is_allocatable(last - i) for i in range(9))
    assert ledger.is_allocatable(last - 9) and ledger.is_allocatable(first + 1)
    assert ledger.take([], 1) == [first + 1]


def test_ipv6_never_hands_out_an_address_twice() -> None:
    ledger = Ipv6Ledger(CIDR6)
    named = int(NET6.first) + 3
    taken = ledger.take([named], 5)
    assert len(set(taken)) == 6 and named in taken
    assert ledger.taken_count == 6
    ledger.release(taken[:2])
    assert ledger.taken_count == 4
    assert not set(ledger.take([], 10)) & set(taken[2:])


def test_ipv6_addresses_skip_held_prefixes_and_prefixes_skip_addresses() -> None:
    ledger = Ipv6Ledger(CIDR6)
    low_block = int(NET6.first) + BLOCK80  # the second /80, clear of the reserved first address
    assert ledger.take_prefixes([low_block], 0) == [low_block]
    ledger._cursor = low_block  # as if every address below were taken
    chosen = ledger.take([], 1)[0]
    assert chosen >= low_block + BLOCK80
    held_block = chosen - chosen % BLOCK80
    assert not ledger.prefix_is_free(held_block)
    counted = ledger.take_prefixes([], 3)
    assert counted is not None and len(set(counted)) == 3
    assert all(p % BLOCK80 == 0 and p not in (low_block, held_block) for p in counted)
    assert int(NET6.last) + 1 - BLOCK80 not in counted  # the top /80 holds the reserved tail


def test_ipv6_ledger_wants_a_64() -> None:
    with pytest.raises(ValueError):
        Ipv6Ledger("2408:4005:3d8:3c00::/80")
    assert parse_ipv6("2408::zz") is None and parse_ipv6("::1") == 1


def test_ipv4_blocks_are_aligned_free_and_clear_of_reserved() -> None:
    ledger = AddressLedger("10.0.0.0/24")
    first = ledger.first
    assert not ledger.block_is_free(first, 16)  # holds the reserved network address
    assert not ledger.block_is_free(first + 240, 16)  # holds the reserved tail
    assert not ledger.block_is_free(first + 8, 16)  # not aligned
    assert ledger.block_is_free(first + 16, 16)
    blocks = ledger.free_blocks(16, [(ledger.first, ledger.last)], 20)
    assert len(blocks) == 14 and blocks[0] == first + 224  # from the top down
    ledger.take_blocks(blocks[:2], 16)
    assert ledger.available == 252 - 32
    assert not ledger.block_is_free(blocks[0], 16)
    ledger.release_blocks(blocks[:1], 16)
    assert ledger.block_is_free(blocks[0], 16)


def test_single_addresses_skip_prefix_blocks() -> None:
    ledger = AddressLedger("10.0.0.0/24")
    ledger.take_blocks([ledger.first + 16], 16)
    taken = ledger.take([], 40)
    assert all(not (ledger.first + 16 <= a < ledger.first + 32) for a in taken)
    assert len(set(taken)) == 40


def test_free_blocks_within_a_reservation() -> None:
    ledger = AddressLedger("10.0.0.0/24")
    reservation = IPNetwork("10.0.0.64/27")
    blocks = ledger.free_blocks(16, [(int(reservation.first), int(reservation.last))], 5)
    assert blocks == [int(reservation.first) + 16, int(reservation.first)]
