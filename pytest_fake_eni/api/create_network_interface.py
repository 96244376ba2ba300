"""CreateNetworkInterface: the request model, its rules, and the response."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pytest_fake_eni.api.common import (
    check_eni_name,
    check_token,
    check_unique_groups,
    description_check,
)
from pytest_fake_eni.api.create_options import (
    TRAFFIC_NAMES,
    ConnectionTrackingParam,
    EnhancedNetworkParam,
    TrafficConfigParam,
    broken_queue_rule,
    check_ipv4_prefixes,
    check_ipv6_addresses,
    check_ipv6_prefixes,
    check_queue_number,
    check_queue_pair_number,
    check_traffic_mode,
    effective,
    traffic_attributes,
)
from pytest_fake_eni.api.render import eni_body
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud.state import Cloud, EniRequest
from pytest_fake_eni.cloud.tags import bad_key, bad_value

ACTION = "CreateNetworkInterface"
PRODUCT = "Ecs"
MAX_TAGS = 20
_KEPT_EMPTY = frozenset({"Tag"})  # an empty tag value is a value
# The parameters the traffic rules and settings read: a request that sends none of them
# (most do) has the Standard mode and no settings, with nothing to check.
_TRAFFIC_FIELDS = frozenset(
    {"NetworkInterfaceTrafficMode", "NetworkInterfaceTrafficConfig", *TRAFFIC_NAMES}
)
_STORED_AS_SENT = ("SourceDestCheck", "Visible", "BusinessType", "EnablePrimaryIPv6")
_STORED_DUMPED = ("ConnectionTrackingConfiguration", "EnhancedNetwork")
_STORED = frozenset(_STORED_AS_SENT + _STORED_DUMPED)


class TagParam(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``."""

    model_config = ConfigDict(extra="ignore")

    Key: str | None = None
    Value: str = ""

    @model_validator(mode="after")
    def _rules(self) -> TagParam:
        # One validator for the pair (each one called from pydantic costs a Python call):
        # a malformed key, then a malformed value, then a missing key, the first one wins.
        key = self.Key
        if key is not None and bad_key(key):  # the tag store's rules
            raise rule("InvalidTagKey.Malformed")
        if bad_value(self.Value):
            raise rule("InvalidTagValue.Malformed")
        if key is None:
            raise rule("InvalidTagKey.Malformed")
        return self


class CreateNetworkInterfaceRequest(BaseModel):
    """The wire parameters of CreateNetworkInterface, in the order they are checked."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    VSwitchId: str
    SecurityGroupId: str | None = None
    SecurityGroupIds: list[str] | None = None
    PrimaryIpAddress: str | None = None
    PrivateIpAddress: list[str] | None = Field(None, max_length=10)
    SecondaryPrivateIpAddressCount: WireInt | None = Field(None, ge=1, le=49)
    Ipv6Address: list[str] | None = Field(None, max_length=10)
    Ipv6AddressCount: WireInt | None = Field(None, ge=1, le=10)
    EnablePrimaryIPv6: bool | None = None
    Ipv4Prefix: list[str] | None = Field(None, max_length=10)
    Ipv4PrefixCount: WireInt | None = Field(None, ge=1, le=10)
    Ipv6Prefix: list[str] | None = Field(None, max_length=10)
    Ipv6PrefixCount: WireInt | None = Field(None, ge=1, le=10)
    NetworkInterfaceName: str | None = None
    Description: str | None = None
    Tag: list[TagParam] | None = None
    ClientToken: str | None = None
    DeleteOnRelease: bool | None = None
    InstanceType: Literal["Secondary", "Trunk"] = "Secondary"
    ResourceGroupId: str | None = None
    QueueNumber: WireInt | None = None
    NetworkInterfaceTrafficMode: str | None = None
    QueuePairNumber: WireInt | None = None
    TxQueueSize: WireInt | None = None
    RxQueueSize: WireInt | None = None
    NetworkInterfaceTrafficConfig: TrafficConfigParam | None = None
    ConnectionTrackingConfiguration: ConnectionTrackingParam | None = None
    EnhancedNetwork: EnhancedNetworkParam | None = None
    SourceDestCheck: bool | None = None
    Visible: bool | None = None  # deprecated: accepted and stored
    BusinessType: str | None = None  # deprecated: accepted and stored

    _ipv6 = field_validator("Ipv6Address")(check_ipv6_addresses)
    _prefix4 = field_validator("Ipv4Prefix")(check_ipv4_prefixes)
    _prefix6 = field_validator("Ipv6Prefix")(check_ipv6_prefixes)
    _queues = field_validator("QueueNumber")(check_queue_number)
    _mode = field_validator("NetworkInterfaceTrafficMode")(check_traffic_mode)
    _pairs = field_validator("QueuePairNumber")(check_queue_pair_number)

    _groups = field_validator("SecurityGroupIds")(check_unique_groups)
    _name = field_validator("NetworkInterfaceName")(check_eni_name)
    _description = field_validator("Description")(description_check(256))

    @field_validator("Tag")
    @classmethod
    def _tags(cls, tags: list[TagParam] | None) -> list[TagParam] | None:
        if tags is None:
            return None
        if len(tags) > MAX_TAGS:
            raise rule("QuotaExceed.Tags", Limit=MAX_TAGS)
        keys = [t.Key for t in tags]
        if len(set(keys)) != len(keys):
            raise rule("Duplicate.TagKey")
        return tags

    _token = field_validator("ClientToken")(check_token)

    @model_validator(mode="after")
    def _exclusive(self) -> CreateNetworkInterfaceRequest:
        if self.SecurityGroupId is not None and self.SecurityGroupIds is not None:
            raise rule("InvalidSecurityGroupId.SingleIdAndMultiIdConflict")
        if self.SecurityGroupId is None and not self.SecurityGroupIds:
            raise rule("MissingParameter", Parameter="SecurityGroupIds.N")
        if self.PrivateIpAddress is not None and self.SecondaryPrivateIpAddressCount is not None:
            raise rule(
                "InvalidParameter.Conflict",
                Parameter="PrivateIpAddress.N",
                ConflictParameter="SecondaryPrivateIpAddressCount",
            )
        if not (
            self.Ipv6Address or self.Ipv4Prefix or self.Ipv6Prefix
            or self.Ipv6AddressCount or self.Ipv4PrefixCount or self.Ipv6PrefixCount
        ):  # fmt: skip
            return self._traffic()  # each conflict below needs one of these
        pairs = [
            ("Ipv6Address.N", self.Ipv6Address, "Ipv6AddressCount", self.Ipv6AddressCount),
            ("Ipv4Prefix.N", self.Ipv4Prefix, "Ipv4PrefixCount", self.Ipv4PrefixCount),
            ("Ipv6Prefix.N", self.Ipv6Prefix, "Ipv6PrefixCount", self.Ipv6PrefixCount),
            ("Ipv4Prefix.N", self.Ipv4Prefix or self.Ipv4PrefixCount,
             "PrivateIpAddress.N", self.PrivateIpAddress or self.SecondaryPrivateIpAddressCount),
        ]  # fmt: skip
        for name, value, other, other_value in pairs:
            if value and other_value:
                raise rule("InvalidParameter.Conflict", Parameter=name, ConflictParameter=other)
        return self._traffic()

    def _traffic(self) -> CreateNetworkInterfaceRequest:
        mode, settings = self._traffic_settings()
        broken = broken_queue_rule(
            mode,
            settings.get("QueuePairNumber"),
            settings.get("TxQueueSize"),
            settings.get("RxQueueSize"),
        )
        if broken:
            raise rule(broken)
        if mode == "HighPerformance":
            if self.BusinessType:
                raise rule("InvalidParameter.EniTrafficMode", variant="business_type")
            if self.InstanceType != "Secondary":
                raise rule(
                    "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
                    Expected="Secondary",
                    Actual=self.InstanceType,
                )
            if self.Ipv6Address or self.Ipv6AddressCount or self.Ipv6Prefix or self.Ipv6PrefixCount:
                raise rule("InvalidOperation.EniTrafficModeNotSupportIpv6")
            if self.EnablePrimaryIPv6:
                raise rule("InvalidOperation.EniTrafficModeNotSupportIpv6")
        return self

    def _traffic_settings(self) -> tuple[str, dict[str, Any]]:
        """The effective traffic mode and the settings sent by wire name (each: top level,
        else the traffic config's); a request that sends none has Standard and none."""
        if _TRAFFIC_FIELDS.isdisjoint(self.model_fields_set):
            return "Standard", {}
        return self.traffic_mode, traffic_attributes(self)

    @property
    def traffic_mode(self) -> str:
        """The effective traffic mode: top level, else the traffic config's, else Standard."""
        return str(effective(self, "NetworkInterfaceTrafficMode") or "Standard")

    def _stored(self, merged: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
        """Attributes kept on the ENI as sent (wire names): the traffic settings ``merged``
        (added to), then the rest."""
        if _STORED.isdisjoint(self.model_fields_set):
            return tuple(merged.items())
        for name in _STORED_AS_SENT:
            if getattr(self, name) is not None:
                merged[name] = getattr(self, name)
        for name in _STORED_DUMPED:
            value = getattr(self, name)
            if value is not None:
                merged[name] = value.model_dump(exclude_none=True)
        return tuple(merged.items())

    def to_eni_request(self) -> EniRequest:
        """What the simulator is asked to create."""
        mode, traffic = self._traffic_settings()
        traffic["NetworkInterfaceTrafficMode"] = mode
        groups = (
            [self.SecurityGroupId] if self.SecurityGroupId else list(self.SecurityGroupIds or [])
        )
        return EniRequest(
            region_id=self.RegionId,
            vswitch_id=self.VSwitchId,
            security_group_ids=groups,
            primary_ip_address=self.PrimaryIpAddress,
            private_ip_addresses=tuple(self.PrivateIpAddress or ()),
            secondary_count=self.SecondaryPrivateIpAddressCount or 0,
            name=self.NetworkInterfaceName or "",
            description=self.Description or "",
            tags=tuple((t.Key or "", t.Value) for t in self.Tag or ()),
            type=self.InstanceType,
            resource_group_id=self.ResourceGroupId or "",
            delete_on_release=self.DeleteOnRelease,
            client_token=self.ClientToken,
            attributes=self._stored(traffic),
            ipv6_addresses=tuple(self.Ipv6Address or ()),
            ipv6_count=self.Ipv6AddressCount or 0,
            enable_primary_ipv6=bool(self.EnablePrimaryIPv6),
            ipv4_prefixes=tuple(self.Ipv4Prefix or ()),
            ipv4_prefix_count=self.Ipv4PrefixCount or 0,
            ipv6_prefixes=tuple(self.Ipv6Prefix or ()),
            ipv6_prefix_count=self.Ipv6PrefixCount or 0,
            traffic_mode=mode,
            queue_number=traffic.get("QueueNumber"),
            sets_queue_size="TxQueueSize" in traffic or "RxQueueSize" in traffic,
            sets_connection_tracking=self.ConnectionTrackingConfiguration is not None,
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create the ENI (or return the one its ClientToken names), render it."""
    request = parse(CreateNetworkInterfaceRequest, params, keep_empty=_KEPT_EMPTY)
    fingerprint = None
    if request.ClientToken is not None:  # only a token's replay compares it: skip the dump
        dump = request.model_dump(exclude={"ClientToken"})
        fingerprint = repr(tuple(sorted(dump.items(), key=str)))
    eni = cloud.create_eni(request.to_eni_request(), fingerprint=fingerprint)
    return eni_body(eni)
