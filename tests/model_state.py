"""The model-based test's own model of the fake, and the calling core every rule family shares.

The model is built from what the machine asked and what the documentation says follows, never
from the fake's state: ids and chosen addresses are read from the answers that hand them out,
and every later describe is checked against the model.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine

from pytest_fake_eni import FakeEcs, error_codes
from pytest_fake_eni.catalogue import tags as tag_codes
from tests.drivers import ApiFailure, LegacyDriver, TeaDriver
from tests.lifecycle_drivers import ecs, vpc

SDKS: dict[str, Any] = {}
logging.getLogger("aliyunsdkcore").setLevel(logging.CRITICAL)  # it logs every 4xx it raises


def sdk_client(name: str) -> Any:
    """One client per SDK for the whole run (clients are dear to build)."""
    if name not in SDKS:
        SDKS[name] = {
            "tea-acs3": lambda: TeaDriver(),
            "tea-v1": lambda: TeaDriver("v2"),
            # No retries: an injected fault must fire exactly once, as the model expects.
            "legacy": lambda: LegacyDriver(auto_retry=False),
        }[name]()
    return SDKS[name]


SDK_NAMES = ("tea-acs3", "tea-v1", "legacy")
SDK = st.sampled_from(SDK_NAMES)
IPV6_CIDR = "2408:4005:3d8:3c00::/64"
DELAY = 5.0
TAGS = st.lists(
    st.tuples(st.sampled_from(["team", "tier", "env"]), st.sampled_from(["a", "b"])),
    max_size=3,
    unique_by=lambda t: t[0],
)
VPC_ACTIONS = frozenset(
    {
        "DescribeVSwitches",
        "DescribeVpcs",
        "CreateVpc",
        "DeleteVpc",
        "CreateVSwitch",
        "DeleteVSwitch",
        "ModifyVSwitchAttribute",
        "CreateVSwitchCidrReservation",
        "ListVSwitchCidrReservations",
        "DeleteVSwitchCidrReservation",
        "AllocateEipAddress",
        "AssociateEipAddress",
        "UnassociateEipAddress",
        "ReleaseEipAddress",
        "DescribeEipAddresses",
        "ModifyEipAddressAttribute",
        "UnTagResources",
    }
)
ENIS = Bundle("enis")
# Automatically chosen single addresses stay out of the vSwitch's CIDR reservations (they
# are kept for prefixes: "IPs in the reserved CIDR block are skipped", the VPC user guide).
SINGLES_AVOID_RESERVATIONS = True
STATS = {"examples": 0, "steps": 0, "calls": 0}
OUTCOMES: dict[str, int] = {}  # "Action code" -> how often (for the run's report)


def count(outcome: str) -> None:
    OUTCOMES[outcome] = OUTCOMES.get(outcome, 0) + 1


@dataclass
class ModelSwitch:
    """What the model knows of a vSwitch: its CIDR and how many addresses it may hand out."""

    vswitch_id: str
    cidr: ipaddress.IPv4Network
    capacity: int
    ipv6: bool
    vpc_id: str = ""
    zone_id: str = ""
    status: str = "Available"
    pending: tuple[float, str] | None = None
    name: str = ""
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    reservations: dict[str, str] = field(default_factory=dict)  # id -> IPv4 CIDR
    api: bool = False  # created through CreateVSwitch (the machine may delete it)
    ipv6_cidr: str = ""  # its /64, when it has one

    def hosts(self) -> list[str]:
        """The addresses it may hand out: all but the first and the last three."""
        return [str(a) for a in list(self.cidr.hosts())[:-2]]


@dataclass
class ModelEni:
    """An ENI as the model expects the fake to hold it."""

    eni_id: str
    vswitch_id: str
    type: str
    addresses: list[str]  # primary first
    ipv6: list[str] = field(default_factory=list)
    prefixes4: list[str] = field(default_factory=list)
    prefixes6: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    name: str = ""
    description: str = ""
    status: str = "Available"
    instance_id: str = ""
    pending: tuple[float, str] | None = None  # (due, final status) of a transition
    groups: list[str] = field(default_factory=list)
    delete_on_release: bool = False

    @property
    def ipv4_held(self) -> int:
        return len(self.addresses) + 16 * len(self.prefixes4)


@dataclass
class ModelInstance:
    """An instance: its status, its limits (as DescribeInstanceTypes reports them)."""

    instance_id: str
    instance_type: str
    vswitch_id: str
    vpc_id: str
    zone_id: str
    groups: list[str]
    max_enis: int
    max_ips: int
    max_ipv6: int | None
    primary_eni: str
    status: str = "Running"
    pending: tuple[float, str] | None = None
    tags: dict[str, str] = field(default_factory=dict)
    name: str = ""
    api: bool = False  # launched by RunInstances (the machine may delete it)


@dataclass
class ModelVpc:
    """A VPC."""

    vpc_id: str
    cidr: ipaddress.IPv4Network
    status: str = "Available"
    pending: tuple[float, str] | None = None
    name: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    api: bool = False
    ipv6_cidr: str = ""  # its /56, when it has one


@dataclass
class ModelGroup:
    """A security group."""

    group_id: str
    vpc_id: str
    name: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    api: bool = False


@dataclass
class ModelEip:
    """An EIP: its status and where it points (kind, instance and ENI, private address)."""

    allocation_id: str
    ip: str
    bandwidth: int
    status: str = "Available"
    pending: tuple[float, str] | None = None
    kind: str = ""  # "NetworkInterface" / "EcsInstance" while associated
    target: str = ""  # the instance or ENI id it was associated with
    eni_id: str = ""
    private_ip: str = ""
    name: str = ""
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)


class ModelCore(RuleBasedStateMachine):
    """The shared state and the calling core of every rule family."""

    enis = ENIS

    def __init__(self) -> None:
        super().__init__()
        self.fake = FakeEcs(seed=20).start()
        self.now = 0.0
        self.step = 0
        self.switches: dict[str, ModelSwitch] = {}
        self.model: dict[str, ModelEni] = {}
        self.instances: dict[str, ModelInstance] = {}
        self.vpcs: dict[str, ModelVpc] = {}
        self.groups: dict[str, ModelGroup] = {}
        self.eips: dict[str, ModelEip] = {}
        self.types: dict[str, dict[str, Any]] = {}  # as DescribeInstanceTypes reports them
        self.tokens: dict[str, tuple[dict[str, Any], str]] = {}  # token -> (request, ENI id)
        self.replies: dict[tuple[str, str], tuple[dict[str, Any], Any]] = {}  # other actions
        self.injected: dict[str, str] = {}  # action -> the code injected for its next call
        self.was_injected = False  # the last call's failure was the injected one
        self.steps_run = 0

    def teardown(self) -> None:
        self.fake.stop()
        STATS["examples"] += 1
        STATS["steps"] += self.step
        STATS["calls"] += self.steps_run

    # -- calling the fake --------------------------------------------------------------

    def call(
        self, sdk: str, action: str, product: str | None = None, **params: Any
    ) -> dict[str, Any] | ApiFailure:
        """Call ``action``; check an error is documented (or the injected one)."""
        self.steps_run += 1
        on_vpc = product == "vpc" or (product is None and action in VPC_ACTIONS)
        send = vpc if on_vpc else ecs
        expected = self.injected.pop(action, None)
        self.was_injected = expected is not None
        try:
            body = send(sdk_client(sdk), action, **params)
        except ApiFailure as failure:
            count(f"{action} {failure.code}")
            specs = {s.code: s.status for s in error_codes(action)}
            assert failure.code in specs, f"{action}: undocumented {failure.code}"
            own = (tag_codes.VPC_CODES if on_vpc else tag_codes.ECS_CODES).get(action)
            if own is not None and expected is None:  # a name both products serve
                assert failure.code in own, f"{action} on {send.__name__}: {failure.code}"
            assert failure.status == specs[failure.code], (action, failure.code, failure.status)
            if expected is not None:
                assert failure.code == expected, f"{action}: injected {expected}, got {failure}"
            else:
                assert failure.status < 500, f"{action}: uninjected {failure.code}"
            return failure
        assert expected is None, f"{action}: the injected {expected} did not fire"
        count(f"{action} ok")
        return body

    def replayed(
        self, action: str, token: str | None, request: dict[str, Any], answer: Any
    ) -> bool:
        """Check a ClientToken reuse: the same request answers as the first did (True: it
        was a replay, the model has nothing new to learn); other parameters are
        ``IdempotentParameterMismatch``. Record a first success."""
        if not token or self.was_injected:
            return False
        first = self.replies.get((action, token))
        if first is None:
            if not isinstance(answer, ApiFailure):
                self.replies[(action, token)] = (dict(request), answer)
            return False
        first_request, first_answer = first
        if first_request == request:
            assert not isinstance(answer, ApiFailure), f"{action} replay failed: {answer}"
            keep = {k: v for k, v in answer.items() if k != "RequestId"}
            assert keep == {k: v for k, v in first_answer.items() if k != "RequestId"}, (
                f"{action}: a replay answered otherwise"
            )
        else:
            assert isinstance(answer, ApiFailure), f"{action}: a token reused with other params"
            assert answer.code == "IdempotentParameterMismatch", answer
        return True

    def paged(
        self,
        sdk: str,
        action: str,
        request: dict[str, Any],
        path: tuple[str, str],
        key: str,
        style: str,
        size: int,
        total: int,
        product: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every item of a listing, page by page (``number``: PageNumber/PageSize, checking
        TotalCount; ``token``: NextToken/MaxResults); no item on two pages."""
        seen: list[dict[str, Any]] = []
        page, token = 1, ""
        for _ in range(100):
            paging = (
                {"PageNumber": page, "PageSize": size}
                if style == "number"
                else {"MaxResults": size, **({"NextToken": token} if token else {})}
            )
            answer = self.call(sdk, action, product, **request, **paging)
            assert not isinstance(answer, ApiFailure), answer
            seen += answer[path[0]][path[1]]
            if style == "number":
                assert answer["TotalCount"] == total, (action, request, answer["TotalCount"])
                if page * size >= total:
                    break
                page += 1
            else:
                token = answer.get("NextToken") or ""
                if not token:
                    break
        ids = [i[key] for i in seen]
        assert len(ids) == len(set(ids)), f"{action}: an item on two pages: {ids}"
        return seen

    # -- transitions on the fake's clock ------------------------------------------------

    def due(self) -> float | None:
        """When a transition begun now completes (None: it completes at once)."""
        delay = self.fake.transition_delay
        return self.now + delay if delay > 0 else None

    def settle_model(self) -> None:
        for eni in list(self.model.values()):
            if eni.pending is not None and eni.pending[0] <= self.now:
                self._finish(eni, eni.pending[1])
        for thing in [*self.instances.values(), *self.switches.values(), *self.vpcs.values()]:
            if thing.pending is not None and thing.pending[0] <= self.now:
                thing.status, thing.pending = thing.pending[1], None
        for eip in self.eips.values():
            if eip.pending is not None and eip.pending[0] <= self.now:
                self.finish_eip(eip, eip.pending[1])

    def finish_eip(self, eip: ModelEip, final: str) -> None:
        eip.status, eip.pending = final, None
        if final == "Available":
            eip.kind = eip.target = eip.eni_id = eip.private_ip = ""

    def any_pending(self) -> bool:
        things: list[Any] = [
            *self.model.values(),
            *self.instances.values(),
            *self.switches.values(),
            *self.vpcs.values(),
            *self.eips.values(),
        ]
        return any(t.pending for t in things)

    def _finish(self, eni: ModelEni, final: str) -> None:
        eni.pending = None
        if final == "<gone>":
            self.forget_eni(eni.eni_id)
        elif final == "Available":
            eni.status, eni.instance_id = "Available", ""
        else:
            eni.status = final

    def forget_eni(self, eni_id: str) -> None:
        del self.model[eni_id]

    def _begin(self, eni: ModelEni, interim: str, final: str) -> None:
        due = self.due()
        if due is None:
            self._finish(eni, final)
        else:
            eni.status = interim
            eni.pending = (due, final)

    # -- what the model derives ----------------------------------------------------------

    def room(self, vswitch_id: str) -> int:
        held = sum(e.ipv4_held for e in self.model.values() if e.vswitch_id == vswitch_id)
        return self.switches[vswitch_id].capacity - held

    def taken4(self) -> set[str]:
        """Every IPv4 address held, alone or inside a /28 prefix."""
        taken = {a for e in self.model.values() for a in e.addresses}
        for e in self.model.values():
            for prefix in e.prefixes4:
                taken |= {str(a) for a in ipaddress.IPv4Network(prefix)}
        return taken

    def eip_on(self, eni_id: str) -> dict[str, ModelEip]:
        """The EIPs pointing at ``eni_id`` (from the start of associating to the end of
        unassociating), by private address."""
        return {e.private_ip: e for e in self.eips.values() if e.eni_id == eni_id}

    def address_ready(self, eni: ModelEni | None) -> bool:
        """Addresses may change: an Available or InUse ENI, its instance Running or Stopped."""
        if eni is None or eni.status not in ("Available", "InUse"):
            return False
        instance = self.instances.get(eni.instance_id)
        return instance is None or instance.status in ("Running", "Stopped")

    def ipv4_limit(self, eni: ModelEni) -> int:
        """Private addresses the ENI may hold: its instance type's, else the account's 50."""
        instance = self.instances.get(eni.instance_id)
        return min(50, instance.max_ips) if instance else 50

    def group_of(self, vpc_id: str) -> str:
        """A security group of the VPC (the newest), else the default one (a mismatch)."""
        mine = [g.group_id for g in self.groups.values() if g.vpc_id == vpc_id]
        return mine[-1] if mine else self.fake.default_security_group.security_group_id

    def check_prefixes(self, vsw: ModelSwitch, prefixes: list[str]) -> None:
        """IPv4 prefixes come from the vSwitch's CIDR reservations when it has any."""
        blocks = [ipaddress.IPv4Network(c) for c in vsw.reservations.values()]
        for prefix in prefixes:
            net = ipaddress.IPv4Network(prefix)
            assert net.subnet_of(vsw.cidr), (prefix, vsw.cidr)
            if blocks:
                assert any(net.subnet_of(b) for b in blocks), f"{prefix} outside {blocks}"

    def in_reservation(self, vsw: ModelSwitch, address: str) -> bool:
        return any(ipaddress.ip_address(address) in ipaddress.IPv4Network(c)
                   for c in vsw.reservations.values())  # fmt: skip

    def check_singles(self, vsw: ModelSwitch, chosen: list[str]) -> None:
        """Addresses the fake chose are not inside a CIDR reservation (when checked)."""
        if not SINGLES_AVOID_RESERVATIONS:
            return
        blocks = [ipaddress.IPv4Network(c) for c in vsw.reservations.values()]
        inside = [a for a in chosen if any(ipaddress.ip_address(a) in b for b in blocks)]
        assert not inside, f"handed out {inside} from the reservations {blocks}"

    def members(self, instance_id: str) -> int:
        return sum(1 for e in self.model.values() if e.instance_id == instance_id)
