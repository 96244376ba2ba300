"""What a fresh fake builds, and what it shares with the fakes before it.

A fake per test must be cheap, so some work is done once and reused: the transports'
routers are built once and restarted, CIDR parsing and timestamp text are cached, the EIP
store is built on first use. None of it may change what a fake holds or answers: ids stay
the same for a seed, each fake's state is its own, and a router restarted for a later
fake honours the ``requests`` patches in place at that moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests
import requests.adapters
import responses

from pytest_fake_eni import FakeEcs
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.transport.interception import INTERCEPTION

# (seed, default VPC, its vRouter and route table, vSwitch, security group, resource group,
# first request id, first MAC): what the fake handed out before these savings.
PINNED = [
    (
        0,
        "vpc-bp1u0zy32xvkbmww61n4m",
        "vrt-bp1hmkztm0zf0bsx13ws",
        "vtb-bp1bqedsnaumgidsxgnm3",
        "vsw-bp19vt5k34gz6hh8actgb",
        "sg-bp1ozvegn82mxacdywtb",
        "rg-sryeraaj6yp7dpx",
        "692C8D58-E9C6-50D2-9CD8-89E3E322D4FC",
        "00:16:3e:e7:a3:3b",
    ),
    (
        "x",
        "vpc-bp1pe97w7gn2qbyufkepz",
        "vrt-bp1axe1hrjwbq2rhaig9",
        "vtb-bp19tm6634vpnot4ww79r",
        "vsw-bp176qi1r2pbcy9p5qoo8",
        "sg-bp1qzmqcq4vrfjw89pnu",
        "rg-ljx0ic0h7r8wt5p",
        "424A539B-3F44-55A8-8675-198925746734",
        "00:16:3e:bd:21:9d",
    ),
]


@pytest.mark.parametrize("pinned", PINNED, ids=lambda p: repr(p[0]))
def test_a_seed_hands_out_the_same_ids(pinned: tuple[Any, ...]) -> None:
    seed, *expected = pinned
    fake = FakeEcs(seed=seed)
    vpc = fake.default_vpc
    got = [
        vpc.vpc_id,
        vpc.vrouter_id,
        vpc.route_table_id,
        fake.default_vswitch.vswitch_id,
        fake.default_security_group.security_group_id,
        fake.default_resource_group_id,
        fake.cloud.ids.request_id(),
        fake.cloud.ids.mac_address(),
    ]
    assert got == expected


def test_the_eip_store_is_built_on_first_use_and_is_each_fakes_own() -> None:
    first, second = FakeEcs(), FakeEcs()
    assert first.cloud._eips is None  # a test that never touches an EIP pays nothing
    store = first.cloud.eips
    assert first.cloud.eips is store  # built once, kept (an empty store is still the store)
    first.add_public_ip_pool("198.51.100.0/24")
    assert [p.cidr_block for p in first.cloud.eips.drawing()] == ["198.51.100.0/24"]
    assert second.cloud.eips is not store
    assert [p.cidr_block for p in second.cloud.eips.drawing()] == ["203.0.113.0/24"]


def test_fakes_share_no_state() -> None:
    first, second = FakeEcs(seed=1), FakeEcs(seed=1)
    first.add_vpc("10.0.0.0/8")
    first.quotas.max_enis_per_region = 1
    assert len(second.cloud.vpcs) == 1
    assert second.quotas.max_enis_per_region == 100
    assert first.default_vswitch.ledger is not second.default_vswitch.ledger
    assert first.cloud.tags is not second.cloud.tags


def test_timestamps_print_in_the_clocks_own_zone_whatever_was_printed_before() -> None:
    utc = datetime(2020, 1, 1, 0, 0, tzinfo=timezone.utc)
    beijing = utc.astimezone(timezone(timedelta(hours=8)))  # the same moment
    assert Clock(utc).timestamp() == "2020-01-01T00:00:00Z"
    assert Clock(beijing).timestamp() == "2020-01-01T08:00:00Z"
    assert Clock(utc).timestamp() == "2020-01-01T00:00:00Z"


def test_a_fresh_clock_starts_now_to_the_second() -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    start = Clock().now()
    after = datetime.now(timezone.utc)
    assert before <= start <= after + timedelta(seconds=1)
    assert start.tzinfo is not None


def test_the_routers_are_built_once_and_restarted() -> None:
    with FakeEcs():
        built = list(INTERCEPTION._built)
    assert not INTERCEPTION._routers
    with FakeEcs():
        assert INTERCEPTION._built == built
        assert INTERCEPTION._routers == built


def test_a_restarted_router_passes_other_urls_to_the_send_in_place_when_it_starts() -> None:
    original = requests.adapters.HTTPAdapter.send
    with FakeEcs():  # the routers exist before the test's own mock does
        pass
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, "https://api.example.com/z", body="mine")
        with FakeEcs():
            assert requests.get("https://api.example.com/z", timeout=5).text == "mine"
        assert requests.get("https://api.example.com/z", timeout=5).text == "mine"
    assert requests.adapters.HTTPAdapter.send is original
    # the mock is gone: the fake must not send to it any more
    with FakeEcs(), pytest.raises(requests.ConnectionError):
        requests.get("http://127.0.0.1:9/", timeout=5)
    assert requests.adapters.HTTPAdapter.send is original


def test_a_fake_patches_nothing_once_stopped() -> None:
    send = requests.adapters.HTTPAdapter.send
    on_request = responses.RequestsMock.__dict__["_on_request"]
    for _ in range(3):
        with FakeEcs():
            assert requests.adapters.HTTPAdapter.send is not send
            assert responses.RequestsMock.__dict__["_on_request"] is not on_request
        assert requests.adapters.HTTPAdapter.send is send
        assert responses.RequestsMock.__dict__["_on_request"] is on_request
