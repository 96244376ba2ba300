"""What the live dashboard (``GET /_fake/ui``) reads: address maps, filtered calls, its files.

Read-only views of a ``FakeEcs`` for the admin API: :func:`occupancy` draws each vSwitch's
CIDR as at most :data:`MAX_CELLS` cells (reserved, held by which ENI, in a prefix, free),
:func:`select_calls` filters the call log, :func:`asset` serves the page's HTML, script and
style (package data in ``testing/ui/``). Nothing here changes the fake.
"""

from __future__ import annotations

import collections
import functools
import importlib.resources
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pytest_fake_eni.cloud.ipam import AddressLedger, ipv4_network
from pytest_fake_eni.transport.http import HttpResponse

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.state import Cloud, Eni, VSwitch
    from pytest_fake_eni.testing.calls import Call

MAX_CELLS = 256
"""Cells per vSwitch map: a /24 is one address a cell, a /16 one /24 a cell."""

CELL_ENIS = 8
"""ENI ids a cell lists (``enis``); ``eni_count`` says how many hold addresses in it."""

_PREFIX_SIZE = 16  # an IPv4 prefix is a /28

ASSETS = {
    "ui": ("index.html", "text/html; charset=utf-8"),
    "ui/dashboard.js": ("dashboard.js", "text/javascript; charset=utf-8"),
    "ui/dashboard.css": ("dashboard.css", "text/css; charset=utf-8"),
    "ui/favicon.svg": ("favicon.svg", "image/svg+xml"),
}
"""Admin path (under ``/_fake/``) to the file in ``testing/ui/`` and its content type."""

_HEADERS = {
    # The page runs only its own script and talks only to this server; caller data is text.
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def asset(path: str) -> HttpResponse:
    """The dashboard file served at ``/_fake/<path>``, with a strict content security policy."""
    name, content_type = ASSETS[path]
    return HttpResponse(200, {"content-type": content_type, **_HEADERS}, _read(name))


@functools.cache
def _read(name: str) -> bytes:
    return (importlib.resources.files("pytest_fake_eni.testing") / "ui" / name).read_bytes()


# -- address maps ---------------------------------------------------------------------


@dataclass
class _Cell:
    first: int
    size: int
    reserved: int = 0
    held: int = 0
    prefix: int = 0
    enis: dict[str, None] = field(default_factory=dict)  # ordered set
    primary: bool = False


def occupancy(cloud: Cloud) -> list[dict[str, Any]]:
    """Every vSwitch's address map (call with ``cloud.lock`` held)."""
    by_vswitch: dict[str, list[Eni]] = collections.defaultdict(list)
    for eni in cloud.enis.values():
        by_vswitch[eni.vswitch_id].append(eni)
    return [vswitch_map(vsw, by_vswitch[vsw.vswitch_id]) for vsw in cloud.vswitches.values()]


def vswitch_map(vsw: VSwitch, enis: Sequence[Eni]) -> dict[str, Any]:
    """One vSwitch's CIDR as cells of ``cell_size`` addresses, from its ledger and its ENIs.

    A cell counts its ``reserved``, ``held`` (ENI addresses), ``prefix`` (addresses inside
    IPv4 prefixes) and ``free`` addresses and lists the ENIs holding any of them; a cell of
    one address also says which ENI holds it and whether as its primary address.
    """
    ledger = vsw.ledger
    total = ledger.last - ledger.first + 1
    cell_size = max(1, total // MAX_CELLS)
    cells = [_Cell(first, min(cell_size, ledger.last - first + 1)) for first in
             range(ledger.first, ledger.last + 1, cell_size)]  # fmt: skip
    head = range(ledger.first, ledger.first + ledger.RESERVED_HEAD)
    tail = range(ledger.last - ledger.RESERVED_TAIL + 1, ledger.last + 1)
    for address in {*head, *tail}:  # reserved addresses sit only at the two ends
        if not ledger.is_allocatable(address):
            cells[(address - ledger.first) // cell_size].reserved += 1
    for eni in enis:
        eni_id = eni.network_interface_id
        for position, text in enumerate(eni.private_ip_addresses):
            address = ledger.parse(text)
            if address is None:
                continue
            cell = cells[(address - ledger.first) // cell_size]
            cell.held += 1
            cell.enis[eni_id] = None
            cell.primary = cell.primary or position == 0
        for start in _prefix_starts(eni.ipv4_prefixes):
            for address in range(start, start + _PREFIX_SIZE):
                cell = cells[(address - ledger.first) // cell_size]
                cell.prefix += 1
                cell.enis[eni_id] = None
    return {
        "vswitch_id": vsw.vswitch_id,
        "name": vsw.name,
        "vpc_id": vsw.vpc_id,
        "zone_id": vsw.zone_id,
        "status": vsw.status,
        "cidr_block": vsw.cidr_block,
        "size": total,
        "usable": ledger.usable,
        "taken": ledger.taken_count,  # addresses held, those inside prefixes included
        "available_ip_count": vsw.available_ip_count,
        "reserved_cidr_blocks": list(vsw.reserved_cidr_blocks),
        "ipv6": _ipv6(vsw, enis),
        "cell_size": cell_size,
        "cells": [_cell_json(c) for c in cells],
    }


def _cell_json(cell: _Cell) -> dict[str, Any]:
    enis = list(cell.enis)
    out: dict[str, Any] = {
        "first": AddressLedger.text(cell.first),
        "size": cell.size,
        "reserved": cell.reserved,
        "held": cell.held,
        "prefix": cell.prefix,
        "free": cell.size - cell.reserved - cell.held - cell.prefix,
        "enis": enis[:CELL_ENIS],
        "eni_count": len(enis),
    }
    if cell.size == 1:
        out["state"] = (
            "reserved" if cell.reserved else "held" if cell.held else
            "prefix" if cell.prefix else "free"
        )  # fmt: skip
        out["primary"] = cell.primary
    return out


def _prefix_starts(prefixes: Iterable[str]) -> Iterable[int]:
    for prefix in prefixes:
        try:
            yield int(ipv4_network(prefix).first)
        except ValueError:
            continue


def _ipv6(vsw: VSwitch, enis: Sequence[Eni]) -> dict[str, Any] | None:
    six = vsw.ipv6_ledger
    if six is None:
        return None
    return {
        "cidr_block": six.cidr_block,
        "addresses": six.taken_count,
        "prefixes": six.prefix_count,
        "enis": [e.network_interface_id for e in enis if e.ipv6_addresses or e.ipv6_prefixes],
    }


# -- the call log ---------------------------------------------------------------------


def call_matches(call: Call, action: str | None, error: str | None) -> bool:
    """``action``: exact; ``error``: ``any`` (errors only), ``none`` (successes), or a code."""
    if action and call.action != action:
        return False
    if not error:
        return True
    if error == "any":
        return call.error_code is not None
    if error == "none":
        return call.error_code is None
    return call.error_code == error


def select_calls(
    calls: Sequence[Call], action: str | None, error: str | None, limit: int | None
) -> list[tuple[int, Call]]:
    """The matching calls with their index in the log, oldest first; the last ``limit``."""
    chosen = [(i, c) for i, c in enumerate(calls) if call_matches(c, action, error)]
    return chosen if limit is None else chosen[max(0, len(chosen) - limit) :]


def call_summary(calls: Sequence[Call]) -> dict[str, Any]:
    """How many calls, per action and per error code (for the page's filters)."""
    actions = collections.Counter(c.action for c in calls)
    codes = collections.Counter(c.error_code for c in calls if c.error_code is not None)
    return {
        "total": len(calls),
        "errors": sum(codes.values()),
        "injected": sum(1 for c in calls if c.injected),
        "actions": dict(sorted(actions.items())),
        "codes": dict(sorted(codes.items())),
    }
