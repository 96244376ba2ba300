"""The model-based test's EIP rules: allocate, associate to ENIs (any of their private
addresses) and to instances, unassociate, release, modify, describe; the state transitions
over ``transition_delay`` and every refusal the model expects on the way."""

from __future__ import annotations

import ipaddress
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.drivers import ApiFailure
from tests.model_state import SDK, TAGS, ModelCore, ModelEip

POOL = ipaddress.IPv4Network("203.0.113.0/24")
TRANSITIONAL = ("Associating", "Unassociating")


class EipRules(ModelCore):
    """Rules over EIPs."""

    def _eip(self, which: int) -> ModelEip:
        pool = list(self.eips.values())
        return pool[which % len(pool)]

    @rule(
        sdk=SDK,
        bandwidth=st.sampled_from([None, 1, 10]),
        name=st.sampled_from([None, "pub"]),
        tags=TAGS,
        token=st.sampled_from([None, None, "e-1"]),
    )
    def allocate_eip(
        self,
        sdk: str,
        bandwidth: int | None,
        name: str | None,
        tags: list[tuple[str, str]],
        token: str | None,
    ) -> None:
        request: dict[str, Any] = {}
        if bandwidth is not None:
            request["Bandwidth"] = str(bandwidth)
        if name:
            request["Name"] = name
        if tags:
            request["Tag"] = [{"Key": k, "Value": v} for k, v in tags]
        if token:
            request["ClientToken"] = token
        first = self.replies.get(("AllocateEipAddress", token)) if token else None
        answer = self.call(sdk, "AllocateEipAddress", **request)
        if self.replayed("AllocateEipAddress", token, request, answer) or first:
            return
        if self.was_injected:
            return
        if len(self.eips) >= 20:
            assert isinstance(answer, ApiFailure) and answer.code == "QuotaExceeded.Eip", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        ip = answer["EipAddress"]
        assert ipaddress.ip_address(ip) in POOL, ip
        assert ip not in {e.ip for e in self.eips.values()}, f"{ip} handed out twice"
        self.eips[answer["AllocationId"]] = ModelEip(
            answer["AllocationId"], ip, bandwidth or 5, name=name or "", tags=dict(tags)
        )

    def _target(
        self, to_instance: bool, which: int, secondary: bool
    ) -> tuple[dict[str, Any], str, str, set[str]]:
        """The request's target, the ENI and address it lands on, and the codes expected."""
        expected: set[str] = set()
        if to_instance:
            instances = list(self.instances.values())
            instance = instances[which % len(instances)]
            eni = self.model[instance.primary_eni]
            if instance.status not in ("Running", "Stopped"):
                expected.add("IncorrectInstanceStatus")
            request = {"InstanceType": "EcsInstance", "InstanceId": instance.instance_id}
            return request, eni.eni_id, eni.addresses[0], expected
        enis = list(self.model.values())
        secondary_enis = [e for e in enis if e.type != "Primary"]
        if secondary_enis and which % 4:  # mostly the ENIs an EIP may go on
            enis = secondary_enis
        eni = enis[which % len(enis)]
        request = {"InstanceType": "NetworkInterface", "InstanceId": eni.eni_id}
        address = eni.addresses[-1] if secondary else eni.addresses[0]
        if secondary:
            request["PrivateIpAddress"] = address
        if eni.type == "Primary":
            expected.add("InvalidParameter.InstanceTypeNotSupport")
        elif eni.status not in ("Available", "InUse"):
            expected.add("InvalidStatus.EniStatusNotSupport")
        return request, eni.eni_id, address, expected

    @precondition(lambda self: self.eips and self.model)
    @rule(
        sdk=SDK,
        which=st.integers(0, 5),
        to_instance=st.booleans(),
        pick=st.integers(0, 9),
        secondary=st.booleans(),
        token=st.sampled_from([None, None, "as-1"]),
    )
    def associate_eip(
        self,
        sdk: str,
        which: int,
        to_instance: bool,
        pick: int,
        secondary: bool,
        token: str | None,
    ) -> None:
        self.settle_model()
        eip = self._eip(which)
        to_instance = to_instance and bool(self.instances)
        target_request, eni_id, address, expected = self._target(to_instance, pick, secondary)
        if eip.status in TRANSITIONAL:
            expected.add("TaskConflict")
        elif eip.status != "Available":
            expected.add("IncorrectEipStatus")
        if address in self.eip_on(eni_id):
            expected.add("InvalidAssociation.Duplicated")
        request = {"AllocationId": eip.allocation_id, **target_request}
        if token:
            request["ClientToken"] = token
        first = self.replies.get(("AssociateEipAddress", token)) if token else None
        answer = self.call(sdk, "AssociateEipAddress", **request)
        if self.replayed("AssociateEipAddress", token, request, answer) or first:
            return
        if self.was_injected:
            return
        if expected:
            assert isinstance(answer, ApiFailure), f"associated though {expected}"
            assert answer.code in expected, (answer.code, expected)
            return
        assert not isinstance(answer, ApiFailure), answer
        eip.kind, eip.target = target_request["InstanceType"], target_request["InstanceId"]
        eip.eni_id, eip.private_ip = eni_id, address
        due = self.due()
        if due is None:
            eip.status = "InUse"
        else:
            eip.status, eip.pending = "Associating", (due, "InUse")

    @precondition(lambda self: self.eips)
    @rule(
        sdk=SDK,
        which=st.integers(0, 5),
        named=st.booleans(),
        token=st.sampled_from([None, None, "un-1"]),
    )
    def unassociate_eip(self, sdk: str, which: int, named: bool, token: str | None) -> None:
        self.settle_model()
        bound = [e for e in self.eips.values() if e.target]
        eip = bound[which % len(bound)] if bound and which % 3 else self._eip(which)
        request: dict[str, Any] = {"AllocationId": eip.allocation_id}
        if named and eip.target:
            request["InstanceId"], request["InstanceType"] = eip.target, eip.kind
        if token:
            request["ClientToken"] = token
        first = self.replies.get(("UnassociateEipAddress", token)) if token else None
        answer = self.call(sdk, "UnassociateEipAddress", **request)
        if self.replayed("UnassociateEipAddress", token, request, answer) or first:
            return
        if self.was_injected:
            return
        instance = self.instances.get(eip.target) if eip.kind == "EcsInstance" else None
        moving = instance is not None and instance.status not in ("Running", "Stopped")
        if eip.status in TRANSITIONAL or eip.status != "InUse" or moving:
            code = "TaskConflict" if eip.status in TRANSITIONAL else "IncorrectEipStatus"
            code = "IncorrectInstanceStatus" if eip.status == "InUse" else code
            assert isinstance(answer, ApiFailure), f"unassociated a {eip.status} EIP"
            assert answer.code == code, (answer.code, eip.status)
            return
        assert not isinstance(answer, ApiFailure), answer
        due = self.due()
        if due is None:
            self.finish_eip(eip, "Available")
        else:
            eip.status, eip.pending = "Unassociating", (due, "Available")

    @precondition(lambda self: self.eips)
    @rule(sdk=SDK, which=st.integers(0, 5))
    def release_eip(self, sdk: str, which: int) -> None:
        self.settle_model()
        eip = self._eip(which)
        answer = self.call(sdk, "ReleaseEipAddress", AllocationId=eip.allocation_id)
        if self.was_injected:
            return
        if eip.status != "Available":
            assert isinstance(answer, ApiFailure), f"released a {eip.status} EIP"
            assert answer.code == "IncorrectEipStatus", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        del self.eips[eip.allocation_id]

    @precondition(lambda self: self.eips)
    @rule(
        sdk=SDK,
        which=st.integers(0, 5),
        bandwidth=st.sampled_from([None, 2, 20]),
        name=st.sampled_from([None, "renamed"]),
        description=st.sampled_from([None, "about"]),
    )
    def modify_eip(
        self, sdk: str, which: int, bandwidth: int | None, name: str | None, description: str | None
    ) -> None:
        self.settle_model()
        eip = self._eip(which)
        request: dict[str, Any] = {"AllocationId": eip.allocation_id}
        if bandwidth is not None:
            request["Bandwidth"] = str(bandwidth)
        if name:
            request["Name"] = name
        if description:
            request["Description"] = description
        answer = self.call(sdk, "ModifyEipAddressAttribute", **request)
        if self.was_injected:
            return
        if eip.status in TRANSITIONAL:
            assert isinstance(answer, ApiFailure), f"modified a {eip.status} EIP"
            assert answer.code == "IncorrectEipStatus", answer
            return
        assert not isinstance(answer, ApiFailure), answer
        eip.bandwidth = bandwidth or eip.bandwidth
        eip.name = name or eip.name
        eip.description = description or eip.description

    @rule(
        sdk=SDK,
        by=st.sampled_from(["none", "status", "instance", "ids", "tag", "name"]),
        size=st.integers(1, 4),
    )
    def describe_eips(self, sdk: str, by: str, size: int) -> None:
        self.settle_model()
        request: dict[str, Any] = {}
        expected = set(self.eips)
        if by == "status":
            request["Status"] = "InUse"
            expected = {k for k, e in self.eips.items() if e.status == "InUse"}
        elif by == "instance":
            bound = [e for e in self.eips.values() if e.target]
            if bound:
                request["AssociatedInstanceType"] = bound[0].kind
                request["AssociatedInstanceId"] = bound[0].target
                expected = {k for k, e in self.eips.items() if e.target == bound[0].target
                            and e.kind == bound[0].kind}  # fmt: skip
        elif by == "ids":
            chosen = sorted(self.eips)[:2]
            request["AllocationId"] = ",".join(chosen) or "eip-nothere"
            expected = set(chosen)
        elif by == "tag":
            request["Tag"] = [{"Key": "team", "Value": "a"}]
            expected = {k for k, e in self.eips.items() if e.tags.get("team") == "a"}
        elif by == "name":
            request["EipName"] = "pub"
            expected = {k for k, e in self.eips.items() if e.name == "pub"}
        items = self.paged(
            sdk, "DescribeEipAddresses", request, ("EipAddresses", "EipAddress"), "AllocationId",
            "number", size, len(expected),
        )  # fmt: skip
        for item in items:
            self.check_eip(item)
        seen = [i["AllocationId"] for i in items]
        assert set(seen) == expected, (by, request, sorted(seen), sorted(expected))

    def check_eip(self, item: dict[str, Any]) -> None:
        """A DescribeEipAddresses item agrees with the model."""
        eip = self.eips[item["AllocationId"]]
        assert (item["IpAddress"], item["Status"]) == (eip.ip, eip.status), (item, eip)
        assert (item["InstanceId"], item["InstanceType"]) == (eip.target, eip.kind), (item, eip)
        if eip.kind == "NetworkInterface":
            assert item["PrivateIpAddress"] == eip.private_ip, (item, eip)
        assert (item["Bandwidth"], item["Name"], item["Description"]) == (
            str(eip.bandwidth),
            eip.name,
            eip.description,
        ), (item, eip)
        assert {t["Key"]: t["Value"] for t in item["Tags"]["Tag"]} == eip.tags, (item, eip)
