"""A model-based test of the whole fake: a hypothesis state machine that drives it only through
the real SDKs (Tea ACS3, Tea with the V1 signature, legacy; the VPC SDKs for the VPC product)
and keeps its own model of what must exist.

Rules (this module: the ENI actions; tests/model_instances.py, model_network.py, model_eips.py
and model_tags.py: the other families): creates with random mixes (counts, named addresses,
IPv6, prefixes, tags, reused ClientTokens), attach and detach, assign and unassign, modify,
delete, instances launched, started, stopped and deleted, VPCs, vSwitches, security groups and
CIDR reservations built and torn down, EIPs allocated, associated and released, tags written
through both products, describes with filters and both paging styles, clock advances with a
``transition_delay``, injected faults. After every step: no address held twice; each
vSwitch's ``AvailableIpAddressCount`` is its capacity minus what is held; the describe calls
agree with the model; every error is a documented code of its action with its documented
status, never an uninjected 5xx; ClientToken replays return the first answer.

CI runs a fixed seed (``derandomize``). For a longer local run::

    HYPOTHESIS_PROFILE=deep pytest tests/test_model_based.py
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import consumes, initialize, invariant, precondition, rule

from pytest_fake_eni import error_codes
from tests.drivers import ApiFailure
from tests.model_eips import EipRules
from tests.model_instances import InstanceRules
from tests.model_network import NetworkRules
from tests.model_state import (
    DELAY,
    ENIS,
    IPV6_CIDR,
    OUTCOMES,
    SDK_NAMES,
    SINGLES_AVOID_RESERVATIONS,
    STATS,
    TAGS,
    ModelEni,
    ModelGroup,
    ModelInstance,
    ModelSwitch,
    ModelVpc,
)
from tests.model_tags import TagRules

MUTATING = (
    "CreateNetworkInterface",
    "DeleteNetworkInterface",
    "AttachNetworkInterface",
    "DetachNetworkInterface",
    "AssignPrivateIpAddresses",
    "UnassignPrivateIpAddresses",
    "AssignIpv6Addresses",
    "UnassignIpv6Addresses",
    "ModifyNetworkInterfaceAttribute",
    "RunInstances",
    "StartInstance",
    "StopInstance",
    "DeleteInstance",
    "CreateVpc",
    "DeleteVpc",
    "CreateVSwitch",
    "DeleteVSwitch",
    "ModifyVSwitchAttribute",
    "CreateSecurityGroup",
    "DeleteSecurityGroup",
    "CreateVSwitchCidrReservation",
    "DeleteVSwitchCidrReservation",
    "AllocateEipAddress",
    "AssociateEipAddress",
    "UnassociateEipAddress",
    "ReleaseEipAddress",
    "ModifyEipAddressAttribute",
    "TagResources",
    "UntagResources",
    "UnTagResources",
    "AddTags",
    "RemoveTags",
)


class FakeMachine(InstanceRules, NetworkRules, EipRules, TagRules):
    """The fake, driven through the SDKs, against an independent model."""

    enis = ENIS

    # -- set-up ----------------------------------------------------------------------

    @initialize()
    def seed_state(self) -> None:
        fake = self.fake
        vpc_id = fake.default_vpc.vpc_id
        self.vpcs[vpc_id] = ModelVpc(vpc_id, ipaddress.IPv4Network(fake.default_vpc.cidr_block))
        group = fake.default_security_group.security_group_id
        self.groups[group] = ModelGroup(group, vpc_id)
        fake.default_vswitch.enable_ipv6(IPV6_CIDR)
        self._switch(fake.default_vswitch.vswitch_id, "172.16.0.0/24", None, ipv6=True)
        self.switches[fake.default_vswitch.vswitch_id].ipv6_cidr = IPV6_CIDR
        small = fake.add_vswitch(vpc_id, "172.16.1.0/29")
        self._switch(small.vswitch_id, "172.16.1.0/29", None)
        capped = fake.add_vswitch(vpc_id, "172.16.2.0/24", available_ip_count=40)
        self._switch(capped.vswitch_id, "172.16.2.0/24", 40)
        for _ in range(2):
            instance = fake.add_instance(max_enis=3, max_private_ips_per_eni=10)
            primary = fake.cloud.enis[instance.primary_eni_id]  # seeding: read once
            self.instances[instance.instance_id] = ModelInstance(
                instance.instance_id,
                instance.instance_type,
                primary.vswitch_id,
                vpc_id,
                instance.zone_id,
                [group],
                3,
                10,
                instance.max_ipv6_per_eni,
                primary.network_interface_id,
            )
            self.model[primary.network_interface_id] = ModelEni(
                primary.network_interface_id,
                primary.vswitch_id,
                "Primary",
                list(primary.private_ip_addresses),
                status=primary.status,
                instance_id=instance.instance_id,
                groups=[group],
                delete_on_release=True,
            )
        self.seed_types(SDK_NAMES[0])

    def _switch(self, vswitch_id: str, cidr: str, cap: int | None, ipv6: bool = False) -> None:
        net = ipaddress.IPv4Network(cidr)
        usable = net.num_addresses - 4
        capacity = usable if cap is None else min(usable, cap)
        self.switches[vswitch_id] = ModelSwitch(
            vswitch_id,
            net,
            capacity,
            ipv6,
            vpc_id=self.fake.default_vpc.vpc_id,
            zone_id=self.fake.default_vswitch.zone_id,
        )

    # -- rules -------------------------------------------------------------------------

    @rule(
        target=enis,
        sdk=st.sampled_from(SDK_NAMES),
        switch=st.integers(0, 7),
        secondaries=st.sampled_from([0, 1, 2, 3, 9]),
        named=st.booleans(),
        ipv6=st.integers(0, 2),
        named6=st.booleans(),
        prefix4=st.integers(0, 1),
        prefix6=st.integers(0, 1),
        tags=TAGS,
        token=st.sampled_from([None, None, "t-1", "t-2", "t-3"]),
        name=st.sampled_from(["", "web", "db"]),
    )
    def create(
        self,
        sdk: str,
        switch: int,
        secondaries: int,
        named: bool,
        ipv6: int,
        named6: bool,
        prefix4: int,
        prefix6: int,
        tags: list[tuple[str, str]],
        token: str | None,
        name: str,
    ) -> str:
        self.settle_model()
        vsw = list(self.switches.values())[switch % len(self.switches)]
        group = self.group_of(vsw.vpc_id)
        request: dict[str, Any] = {"VSwitchId": vsw.vswitch_id, "SecurityGroupId": group}
        if named:  # the lowest address the model knows free
            taken = self.taken4()
            free = next((a for a in vsw.hosts() if a not in taken), None)
            if free is not None:
                request["PrimaryIpAddress"] = free
        if prefix4:
            request["Ipv4PrefixCount"] = prefix4  # may not mix with secondaries
        elif secondaries:
            request["SecondaryPrivateIpAddressCount"] = secondaries
        if vsw.ipv6_cidr == IPV6_CIDR and named6:  # inside the first /80 a prefix would take
            request["Ipv6Address"] = [f"2408:4005:3d8:3c00:fffe::{self.step + 1:x}"]
        elif vsw.ipv6 and ipv6:
            request["Ipv6AddressCount"] = ipv6
        if vsw.ipv6 and prefix6:
            request["Ipv6PrefixCount"] = prefix6
        if tags:
            request["Tag"] = [{"Key": k, "Value": v} for k, v in tags]
        if name:
            request["NetworkInterfaceName"] = name
        replay = self.tokens.get(token) if token else None
        if token:
            request["ClientToken"] = token
        wanted = (
            1
            + request.get("SecondaryPrivateIpAddressCount", 0)
            + 16 * prefix4 * ("Ipv4PrefixCount" in request)
        )
        room = self.room(vsw.vswitch_id)
        taken = self.taken4()
        answer = self.call(sdk, "CreateNetworkInterface", **request)
        if replay is not None and not self.was_injected:
            first_request, first_id = replay
            if first_request == request:
                assert not isinstance(answer, ApiFailure), f"replay failed: {answer}"
                assert answer["NetworkInterfaceId"] == first_id, "a replay created another ENI"
            else:
                assert isinstance(answer, ApiFailure), "a token reused with other params passed"
                assert answer.code == "IdempotentParameterMismatch", answer
            return first_id
        if isinstance(answer, ApiFailure):
            simple = "PrimaryIpAddress" not in request and not prefix4
            if simple and wanted <= room and not self.was_injected:
                assert answer.code not in ("InvalidVSwitchId.IpNotEnough",), (
                    f"{wanted} wanted, {room} free: {answer.code}"
                )
            if vsw.status != "Available" and not self.was_injected:
                assert answer.code == "IncorrectVSwitchStatus", answer
            return "eni-failed"
        assert vsw.status == "Available", f"created an ENI in a {vsw.status} vSwitch"
        assert wanted <= room, f"created {wanted} addresses with {room} free"
        eni = ModelEni(
            answer["NetworkInterfaceId"],
            vsw.vswitch_id,
            "Secondary",
            [s["PrivateIpAddress"] for s in answer["PrivateIpSets"]["PrivateIpSet"]],
            ipv6=[s["Ipv6Address"] for s in answer["Ipv6Sets"]["Ipv6Set"]],
            prefixes4=[s["Ipv4Prefix"] for s in answer["Ipv4PrefixSets"]["Ipv4PrefixSet"]],
            prefixes6=[s["Ipv6Prefix"] for s in answer["Ipv6PrefixSets"]["Ipv6PrefixSet"]],
            tags=dict(tags),
            name=name,
            groups=[group],
        )
        self.check_prefixes(vsw, eni.prefixes4)
        assert len(eni.addresses) == 1 + request.get("SecondaryPrivateIpAddressCount", 0)
        if "PrimaryIpAddress" in request:
            assert eni.addresses[0] == request["PrimaryIpAddress"]
        named4 = [request["PrimaryIpAddress"]] if "PrimaryIpAddress" in request else []
        chosen = sorted((a for a in eni.addresses if a not in named4), key=ipaddress.ip_address)
        free = [a for a in vsw.hosts() if a not in taken | set(named4)]
        if SINGLES_AVOID_RESERVATIONS:
            free = [a for a in free if not self.in_reservation(vsw, a)]
        self.check_singles(vsw, chosen)
        assert chosen == free[: len(chosen)], f"not the lowest free: {chosen}, {free[:4]}"
        assert eni.ipv6[:1] == request.get("Ipv6Address", eni.ipv6[:1])
        assert len(eni.ipv6) == request.get("Ipv6AddressCount", len(request.get("Ipv6Address", [])))
        assert len(eni.prefixes6) == request.get("Ipv6PrefixCount", 0)
        six = ipaddress.IPv6Network(vsw.ipv6_cidr) if vsw.ipv6 else None
        assert all(six and ipaddress.ip_network(a).subnet_of(six) for a in eni.ipv6 + eni.prefixes6)
        self.model[eni.eni_id] = eni
        if token:
            self.tokens[token] = (request, eni.eni_id)
        return eni.eni_id

    def _eni(self, eni_id: str) -> ModelEni | None:
        return self.model.get(eni_id)

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=consumes(enis))
    def delete(self, sdk: str, eni_id: str) -> None:
        eni = self._eni(eni_id)
        answer = self.call(sdk, "DeleteNetworkInterface", NetworkInterfaceId=eni_id)
        held = self.eip_on(eni_id)
        if isinstance(answer, ApiFailure):
            free = eni is not None and eni.status == "Available" and not eni.instance_id
            if held and free and not self.was_injected:
                assert answer.code == "InvalidOperation.InvalidEniState", answer
                return
            assert self.was_injected or not free, (
                f"delete of an Available ENI failed: {answer.code}"
            )
            return
        assert eni is not None and eni.status == "Available", "deleted what cannot be"
        assert not held, f"deleted an ENI holding EIPs {sorted(held)}"
        self._begin(eni, "Deleting", "<gone>")

    @precondition(lambda self: self.instances)
    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis, which=st.integers(0, 5))
    def attach(self, sdk: str, eni_id: str, which: int) -> None:
        self.settle_model()
        target = list(self.instances.values())[which % len(self.instances)]
        instance = target.instance_id
        eni = self._eni(eni_id)
        members = self.members(instance)
        answer = self.call(
            sdk, "AttachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance
        )
        fits = (
            eni is not None
            and eni.type != "Primary"
            and eni.status == "Available"
            and target.status in ("Running", "Stopped")
            and self.switches[eni.vswitch_id].vpc_id == target.vpc_id
            and self.switches[eni.vswitch_id].zone_id == target.zone_id
        )
        if isinstance(answer, ApiFailure):
            if fits and not self.was_injected:  # the limit DescribeInstanceTypes reported
                assert members >= target.max_enis, f"attach refused: {answer.code}"
                assert answer.code == "EniPerInstanceLimitExceeded", answer
            return
        assert eni is not None and fits, f"attached what cannot be: {eni}, {target}"
        assert members < target.max_enis, "attached past the instance's ENI limit"
        eni.instance_id = instance
        self._begin(eni, "Attaching", "InUse")

    @precondition(lambda self: self.instances)
    @rule(sdk=st.sampled_from(SDK_NAMES), which=st.integers(0, 5))
    def fill_instance(self, sdk: str, which: int) -> None:
        """Attach free ENIs to one instance until one more is refused for its ENI limit."""
        self.settle_model()
        target = list(self.instances.values())[which % len(self.instances)]
        if target.status not in ("Running", "Stopped"):
            return
        free = [
            e
            for e in self.model.values()
            if e.type == "Secondary"
            and e.status == "Available"
            and not e.instance_id
            and self.switches[e.vswitch_id].vpc_id == target.vpc_id
            and self.switches[e.vswitch_id].zone_id == target.zone_id
        ]
        for eni in free:
            members = self.members(target.instance_id)
            answer = self.call(
                sdk,
                "AttachNetworkInterface",
                NetworkInterfaceId=eni.eni_id,
                InstanceId=target.instance_id,
            )
            if self.was_injected:
                return
            if members >= target.max_enis:  # EniQuantity, as DescribeInstanceTypes said
                assert isinstance(answer, ApiFailure), f"attached past {target.max_enis} ENIs"
                assert answer.code == "EniPerInstanceLimitExceeded", answer
                return
            assert not isinstance(answer, ApiFailure), answer
            eni.instance_id = target.instance_id
            self._begin(eni, "Attaching", "InUse")

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis)
    def detach(self, sdk: str, eni_id: str) -> None:
        eni = self._eni(eni_id)
        self.settle_model()
        if not (eni and eni.instance_id) and not self.instances:
            return
        instance = eni.instance_id if eni and eni.instance_id else next(iter(self.instances))
        answer = self.call(
            sdk, "DetachNetworkInterface", NetworkInterfaceId=eni_id, InstanceId=instance
        )
        if isinstance(answer, ApiFailure):
            return
        assert eni is not None and eni.type != "Primary", eni
        if eni.status == "Detaching":  # a detach again while one runs: accepted, nothing new
            return
        assert eni.status == "InUse", eni
        self._begin(eni, "Detaching", "Available")

    @rule(
        sdk=st.sampled_from(SDK_NAMES),
        eni_id=enis,
        form=st.sampled_from(["count", "named", "prefix"]),
        count=st.sampled_from([1, 2, 3, 5]),
        token=st.sampled_from([None, "a-1"]),
    )
    def assign_private(
        self, sdk: str, eni_id: str, form: str, count: int, token: str | None
    ) -> None:
        eni = self._eni(eni_id)
        request: dict[str, Any] = {"NetworkInterfaceId": eni_id}
        if form == "count":
            request["SecondaryPrivateIpAddressCount"] = count
        elif form == "prefix":
            request["Ipv4PrefixCount"] = 1
        else:
            taken = self.taken4()
            hosts = self.switches[eni.vswitch_id].hosts() if eni else []
            free = [a for a in hosts if a not in taken]
            if not free:
                return
            request["PrivateIpAddress"] = [free[-1]]  # the highest: clear of the cursor
        if token:
            request["ClientToken"] = f"{token}-{eni_id}-{form}-{count}-{self.step}"
        room = self.room(eni.vswitch_id) if eni else 0
        limit = self.ipv4_limit(eni) if eni else 0
        entries = len(eni.addresses) + len(eni.prefixes4) if eni else 0
        answer = self.call(sdk, "AssignPrivateIpAddresses", **request)
        if isinstance(answer, ApiFailure):
            ready = self.address_ready(eni) and not self.was_injected
            if ready and form == "count" and count <= room and entries + count > limit:
                assert answer.code == "InvalidOperation.Ipv4CountExceeded", (answer, limit)
            if ready and form == "named" and room >= 1 and entries < limit:
                assert answer.code not in (
                    "QuotaExceeded.PrivateIpAddress",
                    "InvalidVSwitchId.IpNotEnough",
                ), f"a named free address with {room} free: {answer.code}"
            return
        assert eni is not None
        got = answer["AssignedPrivateIpAddressesSet"]
        added = list(got["PrivateIpSet"]["PrivateIpAddress"])
        prefixes = list(got["Ipv4PrefixSet"]["Ipv4Prefixes"])
        need = len(added) + 16 * len(prefixes)
        assert need <= room, f"handed out {need} with {room} free"
        assert entries + len(added) + len(prefixes) <= limit, f"past the limit {limit}"
        if form == "count":
            self.check_singles(self.switches[eni.vswitch_id], added)
        self.check_prefixes(self.switches[eni.vswitch_id], prefixes)
        eni.addresses += added
        eni.prefixes4 += prefixes

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis, prefixes=st.booleans())
    def unassign_private(self, sdk: str, eni_id: str, prefixes: bool) -> None:
        eni = self._eni(eni_id)
        if eni is None:
            return
        request: dict[str, Any] = {"NetworkInterfaceId": eni_id}
        if prefixes and eni.prefixes4:
            request["Ipv4Prefix"] = eni.prefixes4[:1]
        elif len(eni.addresses) > 1:
            request["PrivateIpAddress"] = eni.addresses[-1:]
        else:
            return
        answer = self.call(sdk, "UnassignPrivateIpAddresses", **request)
        held = set(self.eip_on(eni_id)) & set(request.get("PrivateIpAddress", []))
        if isinstance(answer, ApiFailure):
            if held and not self.was_injected and self.address_ready(eni):
                assert answer.code == "InvalidOperation.InvalidEniState", answer
            return
        assert not held, f"unassigned {held}, which hold EIPs"
        eni.prefixes4 = [p for p in eni.prefixes4 if p not in request.get("Ipv4Prefix", [])]
        eni.addresses = [a for a in eni.addresses if a not in request.get("PrivateIpAddress", [])]

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis, prefix=st.booleans())
    def assign_ipv6(self, sdk: str, eni_id: str, prefix: bool) -> None:
        eni = self._eni(eni_id)
        name = "Ipv6PrefixCount" if prefix else "Ipv6AddressCount"
        instance = self.instances.get(eni.instance_id) if eni else None
        cap = instance.max_ipv6 if instance else None
        limit = 10 if cap is None else min(10, cap)
        held = len(eni.ipv6) + len(eni.prefixes6) if eni else 0
        answer = self.call(sdk, "AssignIpv6Addresses", NetworkInterfaceId=eni_id, **{name: 1})
        if isinstance(answer, ApiFailure):
            ready = self.address_ready(eni) and not self.was_injected
            if ready and eni and self.switches[eni.vswitch_id].ipv6:
                assert held + 1 > limit, f"IPv6 refused at {held} of {limit}: {answer.code}"
                assert answer.code == "InvalidOperation.Ipv6CountExceeded", answer
            return
        assert eni is not None and self.switches[eni.vswitch_id].ipv6
        assert held + 1 <= limit, f"IPv6 past the limit {limit}"
        eni.ipv6 += answer["Ipv6Sets"]["Ipv6Address"]
        eni.prefixes6 += answer["Ipv6PrefixSets"]["Ipv6Prefix"]

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis, prefix=st.booleans())
    def unassign_ipv6(self, sdk: str, eni_id: str, prefix: bool) -> None:
        eni = self._eni(eni_id)
        if eni is None or not (eni.prefixes6 if prefix else eni.ipv6):
            return
        name = "Ipv6Prefix" if prefix else "Ipv6Address"
        held = (eni.prefixes6 if prefix else eni.ipv6)[:1]
        answer = self.call(sdk, "UnassignIpv6Addresses", NetworkInterfaceId=eni_id, **{name: held})
        if isinstance(answer, ApiFailure):
            return
        if prefix:
            eni.prefixes6 = eni.prefixes6[1:]
        else:
            eni.ipv6 = eni.ipv6[1:]

    @rule(
        sdk=st.sampled_from(SDK_NAMES),
        eni_id=enis,
        name=st.sampled_from([None, "renamed", "x"]),
        description=st.sampled_from([None, "about it", "d"]),
    )
    def modify(self, sdk: str, eni_id: str, name: str | None, description: str | None) -> None:
        eni = self._eni(eni_id)
        request: dict[str, Any] = {"NetworkInterfaceId": eni_id}
        if name is not None:
            request["NetworkInterfaceName"] = name
        if description is not None:
            request["Description"] = description
        answer = self.call(sdk, "ModifyNetworkInterfaceAttribute", **request)
        if isinstance(answer, ApiFailure):
            return
        assert eni is not None
        eni.name = name if name is not None else eni.name
        eni.description = description if description is not None else eni.description

    @rule(
        sdk=st.sampled_from(SDK_NAMES),
        style=st.sampled_from(["number", "token"]),
        size=st.integers(1, 12),
        by=st.sampled_from(["none", "vswitch", "instance", "status", "tag", "ids", "type"]),
    )
    def describe_paged(self, sdk: str, style: str, size: int, by: str) -> None:
        self.settle_model()
        expected = dict(self.model)
        request: dict[str, Any] = {}
        if by == "vswitch":
            request["VSwitchId"] = self.fake.default_vswitch.vswitch_id
            expected = {k: e for k, e in expected.items() if e.vswitch_id == request["VSwitchId"]}
        elif by == "instance" and self.instances:
            request["InstanceId"] = next(iter(self.instances))
            expected = {k: e for k, e in expected.items() if e.instance_id == request["InstanceId"]}
        elif by == "status":
            request["Status"] = "Available"
            expected = {k: e for k, e in expected.items() if e.status == "Available"}
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
            expected = {k: e for k, e in expected.items() if e.tags.get("team") == "a"}
        elif by == "ids":
            request["NetworkInterfaceId"] = [*sorted(expected)[:3], "eni-nothere"]
            expected = {k: expected[k] for k in sorted(expected)[:3]}
        elif by == "type":
            request["Type"] = "Primary"
            expected = {k: e for k, e in expected.items() if e.type == "Primary"}
        items = self.paged(
            sdk, "DescribeNetworkInterfaces", request,
            ("NetworkInterfaceSets", "NetworkInterfaceSet"), "NetworkInterfaceId", style, size,
            len(expected),
        )  # fmt: skip
        seen = [i["NetworkInterfaceId"] for i in items]
        assert set(seen) == set(expected), (by, sorted(seen), sorted(expected))

    @rule(sdk=st.sampled_from(SDK_NAMES), eni_id=enis)
    def describe_one(self, sdk: str, eni_id: str) -> None:
        self.settle_model()
        eni = self._eni(eni_id)
        answer = self.call(sdk, "DescribeNetworkInterfaceAttribute", NetworkInterfaceId=eni_id)
        if isinstance(answer, ApiFailure):
            assert eni is None and answer.code == "InvalidEniId.NotFound", answer
            return
        assert eni is not None, f"{eni_id} is described but does not exist"
        addresses = [s["PrivateIpAddress"] for s in answer["PrivateIpSets"]["PrivateIpSet"]]
        assert sorted(addresses) == sorted(eni.addresses)
        assert sorted(s["Ipv6Address"] for s in answer["Ipv6Sets"]["Ipv6Set"]) == sorted(eni.ipv6)
        assert (answer["Status"], answer["InstanceId"]) == (eni.status, eni.instance_id)
        assert {t["TagKey"]: t["TagValue"] for t in answer["Tags"]["Tag"]} == eni.tags
        self.check_public_ips(answer)

    @rule(seconds=st.sampled_from([1.0, DELAY, 2 * DELAY]))
    def advance(self, seconds: float) -> None:
        self.fake.clock.advance(seconds)
        self.now += seconds

    @precondition(lambda self: not self.any_pending())
    @rule(delay=st.sampled_from([0.0, DELAY]))
    def set_delay(self, delay: float) -> None:
        self.fake.transition_delay = delay

    @rule(action=st.sampled_from(MUTATING), data=st.data())
    def inject(self, action: str, data: st.DataObject) -> None:
        if action in self.injected:
            return
        codes = [
            s.code
            for s in error_codes(action)
            if s.status < 500 and not s.code.startswith(("Throttling", "Idempotent"))
        ]
        code = data.draw(st.sampled_from(codes))
        self.fake.inject_error(action, code, times=1)
        self.injected[action] = code

    # -- after every step --------------------------------------------------------------

    @invariant()
    def agrees_with_the_model(self) -> None:
        self.step += 1
        sdk = SDK_NAMES[self.step % len(SDK_NAMES)]
        self.settle_model()
        held = [a for e in self.model.values() for a in e.addresses]
        assert len(held) == len(set(held)), "an IPv4 address held twice"
        six = [a for e in self.model.values() for a in e.ipv6]
        assert len(six) == len(set(six)), "an IPv6 address held twice"
        blocks = [
            ipaddress.ip_network(p) for e in self.model.values() for p in e.prefixes4 + e.prefixes6
        ]
        for block in blocks:
            assert not any(ipaddress.ip_address(a) in block for a in held + six), block
        assert len(blocks) == len(set(blocks)), "a prefix held twice"
        answer = self.call(sdk, "DescribeNetworkInterfaces", PageSize=100)
        assert not isinstance(answer, ApiFailure), answer
        items = {i["NetworkInterfaceId"]: i for i in answer["NetworkInterfaceSets"]["NetworkInterfaceSet"]}  # fmt: skip
        assert set(items) == set(self.model), (sorted(items), sorted(self.model))
        for eni_id, item in items.items():
            eni = self.model[eni_id]
            addresses = [s["PrivateIpAddress"] for s in item["PrivateIpSets"]["PrivateIpSet"]]
            assert addresses[0] == item["PrivateIpAddress"] == eni.addresses[0]
            assert sorted(addresses) == sorted(eni.addresses), eni_id
            assert sorted(s["Ipv6Address"] for s in item["Ipv6Sets"]["Ipv6Set"]) == sorted(eni.ipv6)
            assert sorted(s["Ipv4Prefix"] for s in item["Ipv4PrefixSets"]["Ipv4PrefixSet"]) == sorted(eni.prefixes4)  # fmt: skip
            assert sorted(s["Ipv6Prefix"] for s in item["Ipv6PrefixSets"]["Ipv6PrefixSet"]) == sorted(eni.prefixes6)  # fmt: skip
            assert {t["TagKey"]: t["TagValue"] for t in item["Tags"]["Tag"]} == eni.tags
            assert (item["Status"], item["InstanceId"]) == (eni.status, eni.instance_id), eni
            assert (item["NetworkInterfaceName"], item["Description"]) == (
                eni.name,
                eni.description,
            )
            assert sorted(item["SecurityGroupIds"]["SecurityGroupId"]) == sorted(eni.groups)
            self.check_public_ips(item)
        body = self.call(sdk, "DescribeVSwitches", PageSize=50)
        assert not isinstance(body, ApiFailure), body
        listed = {v["VSwitchId"]: v for v in body["VSwitches"]["VSwitch"]}
        assert set(listed) == set(self.switches), (sorted(listed), sorted(self.switches))
        for vswitch_id, vsw in listed.items():
            model = self.switches[vswitch_id]
            expected = self.room(vswitch_id)
            assert vsw["AvailableIpAddressCount"] == expected, (vswitch_id, expected)
            assert (vsw["Status"], vsw["VpcId"], vsw["ZoneId"]) == (
                model.status,
                model.vpc_id,
                model.zone_id,
            ), vsw
            assert (vsw["VSwitchName"], vsw["Description"]) == (model.name, model.description)
            assert {t["Key"]: t["Value"] for t in vsw["Tags"]["Tag"]} == model.tags, vswitch_id
        self.check_family(sdk, self.step % 3)
        self.fake.cloud.check_invariants()
        for call in self.fake.calls:
            assert call.status_code < 500 or call.injected, (call.action, call.error_code)

    def check_public_ips(self, item: dict[str, Any]) -> None:
        """An ENI's ``AssociatedPublicIp`` (its own, and each address's) is the model's EIP."""
        on = {a: e.ip for a, e in self.eip_on(item["NetworkInterfaceId"]).items()}
        shown = {
            s["PrivateIpAddress"]: (s.get("AssociatedPublicIp") or {}).get("PublicIpAddress")
            for s in item["PrivateIpSets"]["PrivateIpSet"]
        }
        assert {a: ip for a, ip in shown.items() if ip} == on, (item["NetworkInterfaceId"], shown)
        primary = (item.get("AssociatedPublicIp") or {}).get("PublicIpAddress") or None
        assert primary == on.get(item["PrivateIpAddress"]), (item["NetworkInterfaceId"], primary)

    def check_family(self, sdk: str, which: int) -> None:
        """One of the other families' full listings, in turn: instances, EIPs, groups and VPCs."""
        if which == 0:
            answer = self.call(sdk, "DescribeInstances", PageSize=100)
            assert not isinstance(answer, ApiFailure), answer
            items = answer["Instances"]["Instance"]
            assert {i["InstanceId"] for i in items} == set(self.instances)
            for item in items:
                self.check_instance(item)
        elif which == 1:
            answer = self.call(sdk, "DescribeEipAddresses", PageSize=100)
            assert not isinstance(answer, ApiFailure), answer
            items = answer["EipAddresses"]["EipAddress"]
            assert {i["AllocationId"] for i in items} == set(self.eips)
            for item in items:
                self.check_eip(item)
        else:
            answer = self.call(sdk, "DescribeSecurityGroups", PageSize=50)
            assert not isinstance(answer, ApiFailure), answer
            groups = {g["SecurityGroupId"] for g in answer["SecurityGroups"]["SecurityGroup"]}
            assert groups == set(self.groups), (sorted(groups), sorted(self.groups))
            answer = self.call(sdk, "DescribeVpcs", PageSize=50)
            assert not isinstance(answer, ApiFailure), answer
            vpcs = {v["VpcId"]: v["Status"] for v in answer["Vpcs"]["Vpc"]}
            assert vpcs == {k: v.status for k, v in self.vpcs.items()}, vpcs


FakeMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("MODEL_EXAMPLES", "300")),
    stateful_step_count=35,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
    + ([Phase.shrink] if os.environ.get("MODEL_SHRINK", "1") == "1" else []),
)
if os.environ.get("HYPOTHESIS_PROFILE") == "deep":
    FakeMachine.TestCase.settings = settings(
        FakeMachine.TestCase.settings, max_examples=2000, stateful_step_count=60, derandomize=False
    )


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
class TestFakeMachine(FakeMachine.TestCase):  # type: ignore[name-defined,misc]
    """The state machine, collected by pytest."""


def teardown_module() -> None:
    """Report how much the machine ran (shown with ``-s``, and in the CI log)."""
    done = f"{STATS['examples']} examples, {STATS['steps']} steps, {STATS['calls']} SDK calls"
    print(f"\nmodel-based: {done}")
    if os.environ.get("MODEL_OUTCOMES"):
        for outcome, count in sorted(OUTCOMES.items()):
            print(f"  {count:6d}  {outcome}")
