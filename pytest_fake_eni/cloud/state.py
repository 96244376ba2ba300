"""The simulated account: ``Cloud`` holds every resource, the stores and the clock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from pytest_fake_eni.cloud import eni_create, invariants
from pytest_fake_eni.cloud import network as network_rules
from pytest_fake_eni.cloud.account import Account
from pytest_fake_eni.cloud.addresses import Cooling
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.eips import Eip, EipStore
from pytest_fake_eni.cloud.ids import IdFactory
from pytest_fake_eni.cloud.instance_types import InstanceTypes
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.cloud.resources import (
    Eni,
    EniRequest,
    Instance,
    Region,
    ResourceGroup,
    SecurityGroup,
    Vpc,
    VSwitch,
)
from pytest_fake_eni.cloud.tags import TagStore
from pytest_fake_eni.cloud.tokens import TokenStore
from pytest_fake_eni.cloud.transitions import Transitions
from pytest_fake_eni.errors import EcsError

__all__ = [
    "DEFAULT_REGION",
    "DEFAULT_ZONES",
    "Cloud",
    "Eip",
    "Eni",
    "EniRequest",
    "Instance",
    "Region",
    "ResourceGroup",
    "SecurityGroup",
    "VSwitch",
    "Vpc",
]

T = TypeVar("T")

DEFAULT_REGION = "cn-hangzhou"
DEFAULT_ZONES = ("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j")


class Cloud:
    """All state of one fake account. Thread-safe: every method holds one lock."""

    def __init__(self, seed: int | str = 0, account_id: str = "1234567890123456") -> None:
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.clock = Clock()
        self.quotas = Quotas()
        self.account = Account()
        self.account_id = account_id
        self.regions: dict[str, Region] = {}
        self.vpcs: dict[str, Vpc] = {}
        self.vswitches: dict[str, VSwitch] = {}
        self.security_groups: dict[str, SecurityGroup] = {}
        self.enis: dict[str, Eni] = {}
        self.default_resource_group_id = "rg-" + self.ids.resource_id("rg", "")[-15:]
        self.resource_groups: dict[str, ResourceGroup] = {
            self.default_resource_group_id: ResourceGroup(self.default_resource_group_id, "default")
        }
        self.instances: dict[str, Instance] = {}
        self.enis_created: list[str] = []
        """Every ENI id created, in order (the pipeline reads which a request created)."""
        self.instance_types = InstanceTypes()
        """The instance types the account may launch (built in, plus any a test adds)."""
        self.tokens = TokenStore()
        """Every ClientToken's first answer (every action that takes one)."""
        self.tags = TagStore()
        """Every resource's tags."""
        self.transitions = Transitions(self.clock)
        """Changes under way, completed as the clock reaches them (see ``settle``)."""
        self.transition_delay = 0.0
        """Seconds (on ``clock``) that asynchronous changes (attach, detach, delete) take."""
        self._eips: EipStore | None = None
        self.cooling = Cooling()
        """Freed private addresses kept out of use for a while (``address_reuse_delay``)."""

    @property
    def eips(self) -> EipStore:
        """Elastic IP addresses, their public pools and their associations (built on first
        use: most tests never touch an EIP)."""
        if self._eips is None:
            with self.lock:
                if self._eips is None:
                    self._eips = EipStore()
        return self._eips

    # -- seeding ---------------------------------------------------------------

    def add_region(self, region_id: str, zone_ids: Sequence[str] = (), **features: bool) -> Region:
        """Serve ``region_id`` with the given zones (``<region>-a`` when none).

        ``features`` are ``Region`` flags, e.g. ``ipv6_on_create=False``; a region
        already served keeps its zones and gets the flags set.
        """
        with self.lock:
            region = self.regions.get(region_id)
            if region is None:
                zones = tuple(zone_ids) or (f"{region_id}-a",)
                region = self.regions[region_id] = Region(region_id, zones)
            for name, value in features.items():
                if not hasattr(region, name) or name in ("region_id", "zone_ids"):
                    raise TypeError(f"Region has no feature flag {name!r}")
                setattr(region, name, value)
            return region

    def add_resource_group(self, name: str = "") -> ResourceGroup:
        """A new resource group."""
        with self.lock:
            group_id = "rg-" + self.ids.resource_id("rg", "")[-15:]
            group = self.resource_groups[group_id] = ResourceGroup(group_id, name)
            return group

    def add_vpc(self, cidr_block: str = "172.16.0.0/12", region_id: str = DEFAULT_REGION) -> Vpc:
        """A new VPC in ``region_id`` (which is added if the fake lacks it)."""
        with self.lock:
            return _as_value_error(lambda: network_rules.create_vpc(self, region_id, cidr_block))

    def add_vswitch(
        self,
        vpc_id: str,
        cidr_block: str,
        zone_id: str | None = None,
        available_ip_count: int | None = None,
        status: str = "Available",
        ipv6_cidr_block: str | None = None,
        reserved_cidr_blocks: Sequence[str] = (),
    ) -> VSwitch:
        """A new vSwitch in ``vpc_id``; its CIDR must lie in the VPC's, mask /16 to /29.

        ``ipv6_cidr_block`` gives it an IPv6 /64; ``reserved_cidr_blocks`` are CIDR
        reservations (IPv4 inside the CIDR, IPv6 inside the /64) prefixes come from.
        The rules are CreateVSwitch's (``cloud.network``); a broken one is a ``ValueError``.
        """
        with self.lock:
            return _as_value_error(
                lambda: network_rules.create_vswitch(
                    self,
                    self._vpc(vpc_id),
                    cidr_block,
                    zone_id,
                    available_ip_count=available_ip_count,
                    status=status,
                    ipv6_cidr_block=ipv6_cidr_block,
                    reserved_cidr_blocks=reserved_cidr_blocks,
                )
            )

    def _vpc(self, vpc_id: str) -> Vpc:
        vpc = self.vpcs.get(vpc_id)
        if vpc is None:
            raise ValueError(f"no VPC {vpc_id!r}; the fake has {sorted(self.vpcs)}")
        return vpc

    def add_security_group(
        self,
        vpc_id: str,
        *,
        type: str = "normal",
        network: str = "vpc",
        managed_by: str | None = None,
        max_instances: int | None = None,
        rule_count: int = 0,
    ) -> SecurityGroup:
        """A new security group in ``vpc_id`` (see ``SecurityGroup`` for the options)."""
        if type not in ("normal", "enterprise") or network not in ("vpc", "classic"):
            raise ValueError("type is normal|enterprise and network is vpc|classic")
        with self.lock:
            vpc = self._vpc(vpc_id)
            return _as_value_error(
                lambda: network_rules.create_security_group(
                    self,
                    vpc,
                    vpc.region_id,
                    type=type,
                    network=network,
                    managed_by=managed_by,
                    max_instances=max_instances,
                    rule_count=rule_count,
                )
            )

    # -- ENIs --------------------------------------------------------------------

    def create_eni(self, req: EniRequest, fingerprint: object = None) -> Eni:
        """Create an ENI as CreateNetworkInterface does: all or nothing, once per ClientToken.

        Checks run in the documented order: region, then existence (404), then
        state, quota and addresses (403). Raises ``EcsError``.
        """
        with self.lock:
            if req.client_token is None:  # most calls: no answer to replay
                return eni_create.create_eni(self, req)
            return self.tokens.once(
                "CreateNetworkInterface",
                req.region_id,
                req.client_token,
                fingerprint,
                lambda: eni_create.create_eni(self, req),
            )

    def settle(self) -> None:
        """Complete every change whose time has come on the clock."""
        with self.lock:
            self.transitions.settle()

    def check_invariants(self, quotas: bool = True) -> None:
        """Raise ``AssertionError`` if any simulator invariant is broken.

        No address held twice, ledgers and counts consistent, references intact; with
        ``quotas``, also that no quota as it stands now is exceeded (pass False after
        lowering a quota below what already exists).
        """
        with self.lock:
            invariants.check_invariants(self, quotas)


def _as_value_error(create: Callable[[], T]) -> T:
    """Run a network rule for a fixture method: a refusal is a ``ValueError`` saying why."""
    try:
        return create()
    except EcsError as err:
        raise ValueError(network_rules.reason(err)) from None
