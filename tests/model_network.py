"""The model-based test's network rules: VPCs, vSwitches (Pending -> Available over
``transition_delay``), security groups and vSwitch CIDR reservations, with every
``DependencyViolation`` refusal the model expects while something still depends."""

from __future__ import annotations

import ipaddress
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.drivers import ApiFailure
from tests.model_state import SDK, TAGS, ModelCore, ModelGroup, ModelSwitch, ModelVpc

VPC_CIDRS = ("10.0.0.0/8", "192.168.0.0/16")
# Inside the default VPC (172.16.0.0/12) or an API one; two overlap others on purpose.
SWITCH_CIDRS = (
    "172.16.3.0/28",
    "172.16.4.0/26",
    "172.16.2.128/25",
    "10.9.0.0/24",
    "10.9.0.0/28",
    "192.168.5.0/26",
)
ZONES = ("cn-hangzhou-h", "cn-hangzhou-h", "cn-hangzhou-i")
IPV6_POOL = ipaddress.IPv6Network("2408:4005:3d8::/40", strict=False)  # CreateVpc's /56s


def _tag_list(tags: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags]


class NetworkRules(ModelCore):
    """Rules over VPCs, vSwitches, security groups and CIDR reservations."""

    def _vpc(self, which: int) -> ModelVpc:
        return list(self.vpcs.values())[which % len(self.vpcs)]

    def _users(self, vsw: ModelSwitch) -> list[str]:
        enis = [e.eni_id for e in self.model.values() if e.vswitch_id == vsw.vswitch_id]
        return enis + [i.instance_id for i in self.instances.values()
                       if i.vswitch_id == vsw.vswitch_id]  # fmt: skip

    # -- VPCs --------------------------------------------------------------------------

    @rule(
        sdk=SDK,
        cidr=st.sampled_from(VPC_CIDRS),
        name=st.sampled_from([None, "net-a"]),
        tags=TAGS,
        token=st.sampled_from([None, None, "v-1"]),
        ipv6=st.booleans(),
    )
    def create_vpc(
        self,
        sdk: str,
        cidr: str,
        name: str | None,
        tags: list[tuple[str, str]],
        token: str | None,
        ipv6: bool,
    ) -> None:
        request: dict[str, Any] = {"CidrBlock": cidr}
        if ipv6:
            request["EnableIpv6"] = True
        if name:
            request["VpcName"] = name
        if tags:
            request["Tag"] = _tag_list(tags)
        if token:
            request["ClientToken"] = token
        answer = self.call(sdk, "CreateVpc", **request)
        if self.replayed("CreateVpc", token, request, answer) or self.was_injected:
            return
        assert not isinstance(answer, ApiFailure), answer
        block = ""
        if ipv6:  # the /56 it was given, read once as a client does
            shown = self.call(sdk, "DescribeVpcs", VpcId=answer["VpcId"])
            assert not isinstance(shown, ApiFailure), shown
            block = shown["Vpcs"]["Vpc"][0]["Ipv6CidrBlock"]
            net6 = ipaddress.IPv6Network(block)
            assert net6.prefixlen == 56 and net6.subnet_of(IPV6_POOL), block
            held = {v.ipv6_cidr for v in self.vpcs.values()}
            assert block not in held, f"{block} given to two VPCs"
        due = self.due()
        self.vpcs[answer["VpcId"]] = ModelVpc(
            answer["VpcId"],
            ipaddress.IPv4Network(cidr),
            status="Available" if due is None else "Pending",
            pending=None if due is None else (due, "Available"),
            name=name or "",
            tags=dict(tags),
            api=True,
            ipv6_cidr=block,
        )

    @precondition(lambda self: any(v.api for v in self.vpcs.values()))
    @rule(sdk=SDK, which=st.integers(0, 3))
    def delete_vpc(self, sdk: str, which: int) -> None:
        self.settle_model()
        mine = [v for v in self.vpcs.values() if v.api]
        net = mine[which % len(mine)]
        answer = self.call(sdk, "DeleteVpc", VpcId=net.vpc_id)
        if self.was_injected:
            return
        expected = []
        if net.status != "Available":
            expected.append("IncorrectVpcStatus")
        elif any(i.vpc_id == net.vpc_id for i in self.instances.values()):
            expected.append("DependencyViolation.Instance")
        elif any(v.vpc_id == net.vpc_id for v in self.switches.values()):
            expected.append("DependencyViolation.VSwitch")
        elif any(g.vpc_id == net.vpc_id for g in self.groups.values()):
            expected.append("DependencyViolation.SecurityGroup")
        if expected:
            assert isinstance(answer, ApiFailure), f"deleted a VPC though {expected}"
            assert answer.code == expected[0], (answer.code, expected)
            return
        assert not isinstance(answer, ApiFailure), answer
        del self.vpcs[net.vpc_id]

    @rule(
        sdk=SDK,
        by=st.sampled_from(["none", "id", "tag", "name"]),
        product=st.sampled_from(["vpc", "vpc", "ecs"]),
    )
    def describe_vpcs(self, sdk: str, by: str, product: str) -> None:
        self.settle_model()
        if product == "ecs" and by in ("tag", "name"):  # not in ECS's request model
            by = "none"
        request: dict[str, Any] = {"PageSize": 50}
        expected = set(self.vpcs)
        if by == "id":
            chosen = sorted(self.vpcs)[-1]
            request["VpcId"], expected = chosen, {chosen}
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
            expected = {k for k, v in self.vpcs.items() if v.tags.get("team") == "a"}
        elif by == "name":
            request["VpcName"] = "net-a"
            expected = {k for k, v in self.vpcs.items() if v.name == "net-a"}
        answer = self.call(sdk, "DescribeVpcs", product, **request)
        assert not isinstance(answer, ApiFailure), answer
        items = {v["VpcId"]: v for v in answer["Vpcs"]["Vpc"]}
        assert set(items) == expected, (by, sorted(items), sorted(expected))
        for vpc_id, item in items.items():
            net = self.vpcs[vpc_id]
            assert (item["Status"], item["CidrBlock"]) == (net.status, str(net.cidr)), item
            assert item["VpcName"] == net.name, item
            if product == "vpc":
                assert item["Ipv6CidrBlock"] == net.ipv6_cidr, item
                assert {t["Key"]: t["Value"] for t in item["Tags"]["Tag"]} == net.tags, vpc_id
            switches = sorted(s.vswitch_id for s in self.switches.values() if s.vpc_id == vpc_id)
            assert sorted(item["VSwitchIds"]["VSwitchId"]) == switches, vpc_id

    # -- vSwitches ---------------------------------------------------------------------

    @rule(
        sdk=SDK,
        which=st.integers(0, 3),
        cidr=st.sampled_from(SWITCH_CIDRS),
        zone=st.sampled_from(ZONES),
        name=st.sampled_from([None, "sw"]),
        tags=TAGS,
        token=st.sampled_from([None, None, "s-1"]),
        six=st.sampled_from([None, None, 0, 7]),
    )
    def create_vswitch(
        self,
        sdk: str,
        which: int,
        cidr: str,
        zone: str,
        name: str | None,
        tags: list[tuple[str, str]],
        token: str | None,
        six: int | None,
    ) -> None:
        self.settle_model()
        net = self._vpc(which)
        request: dict[str, Any] = {"VpcId": net.vpc_id, "CidrBlock": cidr, "ZoneId": zone}
        if name:
            request["VSwitchName"] = name
        if tags:
            request["Tag"] = _tag_list(tags)
        if token:
            request["ClientToken"] = token
        block = ipaddress.IPv4Network(cidr)
        siblings = [s for s in self.switches.values() if s.vpc_id == net.vpc_id]
        block6 = ""
        if net.ipv6_cidr and six is not None:
            request["Ipv6CidrBlock"] = six
            block6 = str(list(ipaddress.IPv6Network(net.ipv6_cidr).subnets(new_prefix=64))[six])
        expected: set[str] = set()
        if net.status != "Available":
            expected.add("IncorrectVpcStatus")
        if not block.subnet_of(net.cidr):
            expected.add("InvalidParameter")
        if any(block.overlaps(s.cidr) for s in siblings):
            expected.add("InvalidCidrBlock.Overlapped")
        if any(s.status == "Pending" for s in siblings):
            expected.add("IncorrectVSwitchStatus")
        if block6 and any(s.ipv6_cidr == block6 for s in siblings):
            expected.add("InvalidCidrBlock.Overlapped")
        first = self.replies.get(("CreateVSwitch", token)) if token else None
        answer = self.call(sdk, "CreateVSwitch", **request)
        if self.replayed("CreateVSwitch", token, request, answer) or first or self.was_injected:
            return
        if isinstance(answer, ApiFailure):
            assert expected, f"CreateVSwitch refused a vSwitch that fits: {answer.code}"
            assert answer.code in expected, (answer.code, expected)
            return
        assert not expected, f"created a vSwitch though {expected}"
        due = self.due()
        self.switches[answer["VSwitchId"]] = ModelSwitch(
            answer["VSwitchId"],
            block,
            block.num_addresses - 4,
            bool(block6),
            vpc_id=net.vpc_id,
            zone_id=zone,
            status="Available" if due is None else "Pending",
            pending=None if due is None else (due, "Available"),
            name=name or "",
            tags=dict(tags),
            api=True,
            ipv6_cidr=block6,
        )

    @rule(
        sdk=SDK,
        product=st.sampled_from(["vpc", "ecs"]),
        by=st.sampled_from(["none", "vpc", "zone", "id", "name", "tag"]),
        size=st.integers(1, 4),
    )
    def describe_vswitches(self, sdk: str, product: str, by: str, size: int) -> None:
        self.settle_model()
        switches = self.switches
        first = next(iter(switches.values()))
        request: dict[str, Any] = {}
        if by == "vpc":
            request["VpcId"] = sorted(self.vpcs)[-1]
        elif by == "zone":
            request["ZoneId"] = "cn-hangzhou-i"
        elif by == "id":
            request["VSwitchId"] = first.vswitch_id
        elif by == "name" and product == "vpc":  # ECS's request model has no VSwitchName
            request["VSwitchName"] = "sw"
        elif by == "tag" and product == "vpc":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
        expected = {
            k
            for k, v in switches.items()
            if request.get("VpcId", v.vpc_id) == v.vpc_id
            and request.get("ZoneId", v.zone_id) == v.zone_id
            and request.get("VSwitchId", k) == k
            and request.get("VSwitchName", v.name) == v.name
            and ("Tag" not in request or v.tags.get("team") == "a")
        }
        items = self.paged(
            sdk, "DescribeVSwitches", request, ("VSwitches", "VSwitch"), "VSwitchId", "number",
            size, len(expected), product,
        )  # fmt: skip
        for item in items:
            vsw = switches[item["VSwitchId"]]
            assert item["AvailableIpAddressCount"] == self.room(vsw.vswitch_id), item
            assert (item["Status"], item["CidrBlock"]) == (vsw.status, str(vsw.cidr)), item
            if product == "vpc":
                assert item["Ipv6CidrBlock"] == vsw.ipv6_cidr, (item, vsw.ipv6_cidr)
                assert item["EnabledIpv6"] == bool(vsw.ipv6_cidr), item
        seen = [i["VSwitchId"] for i in items]
        assert set(seen) == expected, (product, by, sorted(seen), sorted(expected))

    @precondition(lambda self: any(s.api for s in self.switches.values()))
    @rule(sdk=SDK, which=st.integers(0, 3))
    def delete_vswitch(self, sdk: str, which: int) -> None:
        self.settle_model()
        mine = [s for s in self.switches.values() if s.api]
        vsw = mine[which % len(mine)]
        answer = self.call(sdk, "DeleteVSwitch", VSwitchId=vsw.vswitch_id)
        if self.was_injected:
            return
        if vsw.status != "Available":
            assert isinstance(answer, ApiFailure) and answer.code == "IncorrectVSwitchStatus", (
                answer
            )
            return
        if self._users(vsw):
            assert isinstance(answer, ApiFailure), f"deleted a vSwitch used by {self._users(vsw)}"
            assert answer.code == "DependencyViolation", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        del self.switches[vsw.vswitch_id]

    @rule(
        sdk=SDK,
        which=st.integers(0, 7),
        name=st.sampled_from([None, "renamed"]),
        description=st.sampled_from([None, "about"]),
        six=st.sampled_from([None, None, "on", "off", 3]),
    )
    def modify_vswitch(
        self, sdk: str, which: int, name: str | None, description: str | None, six: Any
    ) -> None:
        self.settle_model()
        vsw = list(self.switches.values())[which % len(self.switches)]
        request: dict[str, Any] = {"VSwitchId": vsw.vswitch_id}
        if name:
            request["VSwitchName"] = name
        if description:
            request["Description"] = description
        code, block6 = None, vsw.ipv6_cidr
        if six == "off":
            request["EnableIPv6"] = False
            held = [e for e in self.model.values()
                    if e.vswitch_id == vsw.vswitch_id and (e.ipv6 or e.prefixes6)]  # fmt: skip
            code, block6 = ("InvalidParameter", block6) if held and block6 else (None, "")
        elif six is not None:
            request["EnableIPv6"] = True
            if six != "on":
                request["Ipv6CidrBlock"] = six
            net6 = self.vpcs[vsw.vpc_id].ipv6_cidr
            taken = {s.ipv6_cidr for s in self.switches.values()}
            siblings = {s.ipv6_cidr for s in self.switches.values() if s.vpc_id == vsw.vpc_id}
            if not block6 and not net6:
                code = "InvalidParameter"  # the VPC has no IPv6 /56
            elif not block6:
                blocks = [str(b) for b in ipaddress.IPv6Network(net6).subnets(new_prefix=64)]
                block6 = blocks[six] if six != "on" else next(b for b in blocks if b not in taken)
                if block6 in siblings:
                    code, block6 = "InvalidCidrBlock.Overlapped", ""
        answer = self.call(sdk, "ModifyVSwitchAttribute", **request)
        if self.was_injected:
            return
        if vsw.status != "Available":
            assert isinstance(answer, ApiFailure), f"modified a {vsw.status} vSwitch"
            assert answer.code == "IncorrectVSwitchStatus", answer
            return
        if code is not None:
            assert isinstance(answer, ApiFailure), f"{request} passed, {code} expected"
            assert answer.code == code, (answer, code)
            return
        assert not isinstance(answer, ApiFailure), answer
        vsw.name = name or vsw.name
        vsw.description = description or vsw.description
        vsw.ipv6_cidr, vsw.ipv6 = block6, bool(block6)

    # -- security groups ---------------------------------------------------------------

    @rule(
        sdk=SDK,
        which=st.integers(0, 3),
        name=st.sampled_from([None, "grp"]),
        tags=TAGS,
        token=st.sampled_from([None, None, "g-1"]),
    )
    def create_group(
        self,
        sdk: str,
        which: int,
        name: str | None,
        tags: list[tuple[str, str]],
        token: str | None,
    ) -> None:
        self.settle_model()
        net = self._vpc(which)
        request: dict[str, Any] = {"VpcId": net.vpc_id}
        if name:
            request["SecurityGroupName"] = name
        if tags:
            request["Tag"] = _tag_list(tags)
        if token:
            request["ClientToken"] = token
        first = self.replies.get(("CreateSecurityGroup", token)) if token else None
        answer = self.call(sdk, "CreateSecurityGroup", **request)
        if self.replayed("CreateSecurityGroup", token, request, answer) or first:
            return
        if self.was_injected:
            return
        if net.status != "Available":
            assert isinstance(answer, ApiFailure) and answer.code == "IncorrectVpcStatus", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        group_id = answer["SecurityGroupId"]
        self.groups[group_id] = ModelGroup(group_id, net.vpc_id, name or "", dict(tags), True)

    def _group_members(self, group_id: str) -> tuple[list[str], list[str]]:
        """Instances, and ENIs other than instances' own, in the group."""
        instances = [i.instance_id for i in self.instances.values() if group_id in i.groups]
        enis = [e.eni_id for e in self.model.values()
                if group_id in e.groups and e.type != "Primary"]  # fmt: skip
        return instances, enis

    @precondition(lambda self: any(g.api for g in self.groups.values()))
    @rule(sdk=SDK, which=st.integers(0, 3))
    def delete_group(self, sdk: str, which: int) -> None:
        self.settle_model()
        mine = [g for g in self.groups.values() if g.api]
        group = mine[which % len(mine)]
        answer = self.call(sdk, "DeleteSecurityGroup", SecurityGroupId=group.group_id)
        if self.was_injected:
            return
        instances, enis = self._group_members(group.group_id)
        if instances or enis:
            assert isinstance(answer, ApiFailure), f"deleted a group of {instances + enis}"
            assert answer.code == "DependencyViolation", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        del self.groups[group.group_id]

    @rule(
        sdk=SDK,
        by=st.sampled_from(["none", "vpc", "ids", "tag", "name"]),
        style=st.sampled_from(["number", "token"]),
        size=st.integers(1, 3),
    )
    def describe_groups(self, sdk: str, by: str, style: str, size: int) -> None:
        self.settle_model()
        request: dict[str, Any] = {}
        expected = set(self.groups)
        if by == "vpc":
            request["VpcId"] = self.fake.default_vpc.vpc_id
            expected = {k for k, g in self.groups.items() if g.vpc_id == request["VpcId"]}
        elif by == "ids":
            chosen = sorted(self.groups)[:2]
            request["SecurityGroupIds"] = '["' + '","'.join([*chosen, "sg-nothere"]) + '"]'
            expected = set(chosen)
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
            expected = {k for k, g in self.groups.items() if g.tags.get("team") == "a"}
        elif by == "name":
            request["SecurityGroupName"] = "grp"
            expected = {k for k, g in self.groups.items() if g.name == "grp"}
        items = self.paged(
            sdk, "DescribeSecurityGroups", request, ("SecurityGroups", "SecurityGroup"),
            "SecurityGroupId", style, size, len(expected),
        )  # fmt: skip
        for item in items:
            group = self.groups[item["SecurityGroupId"]]
            instances, enis = self._group_members(group.group_id)
            assert item["EcsCount"] == len(instances) + len(enis), (item, instances, enis)
            assert (item["VpcId"], item["SecurityGroupName"]) == (group.vpc_id, group.name)
            assert {t["TagKey"]: t["TagValue"] for t in item["Tags"]["Tag"]} == group.tags
        seen = [i["SecurityGroupId"] for i in items]
        assert set(seen) == expected, (by, sorted(seen), sorted(expected))

    @rule(sdk=SDK, which=st.integers(0, 3), gone=st.booleans())
    def describe_group_attribute(self, sdk: str, which: int, gone: bool) -> None:
        groups = list(self.groups.values())
        group = None if gone else groups[which % len(groups)]
        group_id = group.group_id if group else "sg-bp1nothere000000000"
        answer = self.call(sdk, "DescribeSecurityGroupAttribute", SecurityGroupId=group_id)
        if group is None:
            assert isinstance(answer, ApiFailure), "a missing group is described"
            assert self.was_injected or answer.code == "InvalidSecurityGroupId.NotFound", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        assert (answer["SecurityGroupId"], answer["VpcId"]) == (group.group_id, group.vpc_id)

    # -- CIDR reservations -------------------------------------------------------------

    @rule(
        sdk=SDK,
        which=st.integers(0, 7),
        form=st.sampled_from(["mask", "mask", "top", "middle"]),
        token=st.sampled_from([None, None, "c-1"]),
    )
    def reserve(self, sdk: str, which: int, form: str, token: str | None) -> None:
        self.settle_model()
        vsw = list(self.switches.values())[which % len(self.switches)]
        request: dict[str, Any] = {"VSwitchId": vsw.vswitch_id}
        blocks = list(vsw.cidr.subnets(new_prefix=28)) if vsw.cidr.prefixlen <= 28 else []
        held = [ipaddress.IPv4Network(c) for c in vsw.reservations.values()]
        # Never the addresses the vSwitch keeps: its first, its last three.
        kept = {vsw.cidr.network_address, *list(vsw.cidr)[-3:]}
        fits = [b for b in blocks if not kept & {b.network_address, b.broadcast_address}]
        wanted: ipaddress.IPv4Network | None = None
        if form == "mask" or not blocks:
            request["VSwitchCidrReservationMask"] = 28
            wanted = next((b for b in fits if not any(b.overlaps(h) for h in held)), None)
            code = "InvalidParameter" if vsw.cidr.prefixlen >= 28 else "InvalidCidrBlock.Overlapped"
        else:
            block = blocks[-1] if form == "top" else blocks[len(blocks) // 2]
            request["VSwitchCidrReservationCidr"] = str(block)
            clash = any(block.overlaps(h) for h in held)
            wanted = None if clash or block not in fits else block
            code = "InvalidCidrBlock.Overlapped" if block in fits else "InvalidParameter"
        if token:
            request["ClientToken"] = token
        first = self.replies.get(("CreateVSwitchCidrReservation", token)) if token else None
        answer = self.call(sdk, "CreateVSwitchCidrReservation", **request)
        if self.replayed("CreateVSwitchCidrReservation", token, request, answer) or first:
            return
        if self.was_injected:
            return
        if wanted is None:
            assert isinstance(answer, ApiFailure), f"reserved {request} over {held} or {kept}"
            assert answer.code == code, (answer, code)
            return
        assert not isinstance(answer, ApiFailure), answer
        reservation_id = answer["VSwitchCidrReservationId"]
        listed = self.call(
            sdk,
            "ListVSwitchCidrReservations",
            VSwitchId=vsw.vswitch_id,
            VSwitchCidrReservationIds=[reservation_id],
        )
        assert not isinstance(listed, ApiFailure), listed
        (item,) = listed["VSwitchCidrReservations"]
        assert item["VSwitchCidrReservationCidr"] == str(wanted), (item, wanted)
        vsw.reservations[reservation_id] = str(wanted)

    @rule(sdk=SDK, which=st.integers(0, 7))
    def list_reservations(self, sdk: str, which: int) -> None:
        vsw = list(self.switches.values())[which % len(self.switches)]
        answer = self.call(sdk, "ListVSwitchCidrReservations", VSwitchId=vsw.vswitch_id)
        assert not isinstance(answer, ApiFailure), answer
        items = {r["VSwitchCidrReservationId"]: r for r in answer["VSwitchCidrReservations"]}
        assert {k: r["VSwitchCidrReservationCidr"] for k, r in items.items()} == vsw.reservations
        for reservation_id, item in items.items():
            block = ipaddress.IPv4Network(vsw.reservations[reservation_id])
            used = self._prefixes_in(vsw, block)
            assert item["AssignedCidrCount"] == len(used), (item, used)
            assert item["AvailableCidrCount"] == block.num_addresses // 16 - len(used), item

    def _prefixes_in(self, vsw: ModelSwitch, block: ipaddress.IPv4Network) -> list[str]:
        return [p for e in self.model.values() if e.vswitch_id == vsw.vswitch_id
                for p in e.prefixes4 if ipaddress.IPv4Network(p).subnet_of(block)]  # fmt: skip

    @precondition(lambda self: any(s.reservations for s in self.switches.values()))
    @rule(sdk=SDK, which=st.integers(0, 7))
    def unreserve(self, sdk: str, which: int) -> None:
        held = [(s, r) for s in self.switches.values() for r in s.reservations]
        vsw, reservation_id = held[which % len(held)]
        answer = self.call(
            sdk, "DeleteVSwitchCidrReservation", VSwitchCidrReservationId=reservation_id
        )
        if self.was_injected:
            return
        used = self._prefixes_in(vsw, ipaddress.IPv4Network(vsw.reservations[reservation_id]))
        if used:
            assert isinstance(answer, ApiFailure), f"unreserved a block holding {used}"
            assert answer.code == "DependencyViolation", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        del vsw.reservations[reservation_id]
