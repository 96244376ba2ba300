"""CreateNetworkInterface: the request's shape, its rules, and the response.

The shape is a ``TypedDict`` validated by one ``TypeAdapter`` built at import: the
result is a plain dict of what was sent (the absent parameters cost nothing, where a
31-field model fills every one), read once by ``to_eni_request``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator
from typing_extensions import Required, TypedDict

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
from pytest_fake_eni.api.validation import WireInt, parse_with, rule
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
_TRAFFIC_OR_STORED = _TRAFFIC_FIELDS | _STORED
_STANDARD = (("NetworkInterfaceTrafficMode", "Standard"),)  # what a request sending neither keeps
# Wire parameters handed to the simulator as validated: wire name -> ``EniRequest`` field.
_ENI_FIELDS = {
    "RegionId": "region_id",
    "VSwitchId": "vswitch_id",
    "PrimaryIpAddress": "primary_ip_address",
    "PrivateIpAddress": "private_ip_addresses",
    "SecondaryPrivateIpAddressCount": "secondary_count",
    "NetworkInterfaceName": "name",
    "Description": "description",
    "InstanceType": "type",
    "ResourceGroupId": "resource_group_id",
    "DeleteOnRelease": "delete_on_release",
    "ClientToken": "client_token",
    "Ipv6Address": "ipv6_addresses",
    "Ipv6AddressCount": "ipv6_count",
    "EnablePrimaryIPv6": "enable_primary_ipv6",
    "Ipv4Prefix": "ipv4_prefixes",
    "Ipv4PrefixCount": "ipv4_prefix_count",
    "Ipv6Prefix": "ipv6_prefixes",
    "Ipv6PrefixCount": "ipv6_prefix_count",
}


def tag_rules(key: str | None, value: str) -> None:
    """One tag's rules: a malformed key, then a malformed value, then a missing key (the
    first one wins)."""
    if key is not None and bad_key(key):  # the tag store's rules
        raise rule("InvalidTagKey.Malformed")
    if bad_value(value):
        raise rule("InvalidTagValue.Malformed")
    if key is None:
        raise rule("InvalidTagKey.Malformed")


def tag_set_rules(keys: list[str | None]) -> None:
    """A request's tags: at most ``MAX_TAGS``, each key once."""
    if len(keys) > MAX_TAGS:
        raise rule("QuotaExceed.Tags", Limit=MAX_TAGS)
    if len(set(keys)) != len(keys):
        raise rule("Duplicate.TagKey")


class TagParam(BaseModel):
    """``Tag.N.Key`` / ``Tag.N.Value``."""

    model_config = ConfigDict(extra="ignore")

    Key: str | None = None
    Value: str = ""

    @model_validator(mode="after")
    def _rules(self) -> TagParam:
        # One validator for the pair (each one called from pydantic costs a Python call).
        tag_rules(self.Key, self.Value)
        return self


class TagItem(TypedDict, total=False):
    """``Tag.N.Key`` / ``Tag.N.Value`` as CreateNetworkInterface reads them."""

    Key: str | None
    Value: str


def _tag_item(tag: TagItem) -> TagItem:
    tag_rules(tag.get("Key"), tag.get("Value", ""))
    return tag


def _tags(tags: list[TagItem]) -> list[TagItem]:
    if len(tags) > 1:  # a single tag breaks neither rule
        tag_set_rules([t.get("Key") for t in tags])
    return tags


_Strs = list[str]
_Tag = Annotated[TagItem, AfterValidator(_tag_item)]


class CreateNetworkInterfaceRequest(TypedDict, total=False):
    """The wire parameters of CreateNetworkInterface, in the order they are checked (an
    absent one is absent from the validated dict; unknown names are ignored)."""

    RegionId: Required[str]
    VSwitchId: Required[str]
    SecurityGroupId: str | None
    SecurityGroupIds: Annotated[_Strs | None, AfterValidator(check_unique_groups)]
    PrimaryIpAddress: str | None
    PrivateIpAddress: Annotated[_Strs | None, Field(max_length=10)]
    SecondaryPrivateIpAddressCount: Annotated[WireInt | None, Field(ge=1, le=49)]
    Ipv6Address: Annotated[_Strs | None, Field(max_length=10), AfterValidator(check_ipv6_addresses)]
    Ipv6AddressCount: Annotated[WireInt | None, Field(ge=1, le=10)]
    EnablePrimaryIPv6: bool | None
    Ipv4Prefix: Annotated[_Strs | None, Field(max_length=10), AfterValidator(check_ipv4_prefixes)]
    Ipv4PrefixCount: Annotated[WireInt | None, Field(ge=1, le=10)]
    Ipv6Prefix: Annotated[_Strs | None, Field(max_length=10), AfterValidator(check_ipv6_prefixes)]
    Ipv6PrefixCount: Annotated[WireInt | None, Field(ge=1, le=10)]
    NetworkInterfaceName: Annotated[str | None, AfterValidator(check_eni_name)]
    Description: Annotated[str | None, AfterValidator(description_check(256))]
    Tag: Annotated[list[_Tag] | None, AfterValidator(_tags)]
    ClientToken: Annotated[str | None, AfterValidator(check_token)]
    DeleteOnRelease: bool | None
    InstanceType: Literal["Secondary", "Trunk"]
    ResourceGroupId: str | None
    QueueNumber: Annotated[WireInt | None, AfterValidator(check_queue_number)]
    NetworkInterfaceTrafficMode: Annotated[str | None, AfterValidator(check_traffic_mode)]
    QueuePairNumber: Annotated[WireInt | None, AfterValidator(check_queue_pair_number)]
    TxQueueSize: WireInt | None
    RxQueueSize: WireInt | None
    NetworkInterfaceTrafficConfig: TrafficConfigParam | None
    ConnectionTrackingConfiguration: ConnectionTrackingParam | None
    EnhancedNetwork: EnhancedNetworkParam | None
    SourceDestCheck: bool | None
    Visible: bool | None  # deprecated: accepted and stored
    BusinessType: str | None  # deprecated: accepted and stored


def _exclusive(request: CreateNetworkInterfaceRequest) -> CreateNetworkInterfaceRequest:
    """The rules between parameters, once each one is valid on its own."""
    get = request.get
    if get("SecurityGroupId") is not None and get("SecurityGroupIds") is not None:
        raise rule("InvalidSecurityGroupId.SingleIdAndMultiIdConflict")
    if get("SecurityGroupId") is None and not get("SecurityGroupIds"):
        raise rule("MissingParameter", Parameter="SecurityGroupIds.N")
    if get("PrivateIpAddress") is not None and get("SecondaryPrivateIpAddressCount") is not None:
        raise rule(
            "InvalidParameter.Conflict",
            Parameter="PrivateIpAddress.N",
            ConflictParameter="SecondaryPrivateIpAddressCount",
        )
    if _EXTRA_FORMS.isdisjoint(request):  # each conflict below needs one of these
        return _traffic(request)
    pairs = [
        ("Ipv6Address.N", get("Ipv6Address"), "Ipv6AddressCount", get("Ipv6AddressCount")),
        ("Ipv4Prefix.N", get("Ipv4Prefix"), "Ipv4PrefixCount", get("Ipv4PrefixCount")),
        ("Ipv6Prefix.N", get("Ipv6Prefix"), "Ipv6PrefixCount", get("Ipv6PrefixCount")),
        ("Ipv4Prefix.N", get("Ipv4Prefix") or get("Ipv4PrefixCount"),
         "PrivateIpAddress.N", get("PrivateIpAddress") or get("SecondaryPrivateIpAddressCount")),
    ]  # fmt: skip
    for name, value, other, other_value in pairs:
        if value and other_value:
            raise rule("InvalidParameter.Conflict", Parameter=name, ConflictParameter=other)
    return _traffic(request)


_EXTRA_FORMS = frozenset(
    {"Ipv6Address", "Ipv4Prefix", "Ipv6Prefix", "Ipv6AddressCount", "Ipv4PrefixCount",
     "Ipv6PrefixCount"}
)  # fmt: skip
_IPV6_FORMS = ("Ipv6Address", "Ipv6AddressCount", "Ipv6Prefix", "Ipv6PrefixCount")


def _traffic(request: CreateNetworkInterfaceRequest) -> CreateNetworkInterfaceRequest:
    if _TRAFFIC_FIELDS.isdisjoint(request):  # the Standard mode and no settings: no rule
        return request
    mode, settings = traffic_settings(request)
    broken = broken_queue_rule(
        mode,
        settings.get("QueuePairNumber"),
        settings.get("TxQueueSize"),
        settings.get("RxQueueSize"),
    )
    if broken:
        raise rule(broken)
    if mode == "HighPerformance":
        if request.get("BusinessType"):
            raise rule("InvalidParameter.EniTrafficMode", variant="business_type")
        instance_type = request.get("InstanceType", "Secondary")
        if instance_type != "Secondary":
            raise rule(
                "InvalidOperation.HighPerformanceTrafficModeEniUnsupported",
                Expected="Secondary",
                Actual=instance_type,
            )
        if any(request.get(name) for name in _IPV6_FORMS):
            raise rule("InvalidOperation.EniTrafficModeNotSupportIpv6")
        if request.get("EnablePrimaryIPv6"):
            raise rule("InvalidOperation.EniTrafficModeNotSupportIpv6")
    return request


_ADAPTER: TypeAdapter[CreateNetworkInterfaceRequest] = TypeAdapter(
    Annotated[CreateNetworkInterfaceRequest, AfterValidator(_exclusive)]
)


def traffic_settings(request: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The effective traffic mode and the settings sent by wire name (each: top level,
    else the traffic config's); a request that sends none has Standard and none."""
    if _TRAFFIC_FIELDS.isdisjoint(request):
        return "Standard", {}
    return str(effective(request, "NetworkInterfaceTrafficMode") or "Standard"), (
        traffic_attributes(request)
    )


def _stored(request: Mapping[str, Any], merged: dict[str, Any]) -> tuple[Any, ...]:
    """Attributes kept on the ENI as sent (wire names): the traffic settings ``merged``
    (added to), then the rest."""
    if not _STORED.isdisjoint(request):
        for name in _STORED_AS_SENT:
            if request.get(name) is not None:
                merged[name] = request.get(name)
        for name in _STORED_DUMPED:
            value = request.get(name)
            if value is not None:
                merged[name] = value.model_dump(exclude_none=True)
    return tuple(merged.items())


def to_eni_request(request: Mapping[str, Any]) -> EniRequest:
    """What the simulator is asked to create."""
    # Only what was sent: the simulator's defaults are the service's for the rest. Filled
    # in and passed as one dict: explicit keywords to a dataclass cost more.
    sent = {_ENI_FIELDS[name]: value for name, value in request.items() if name in _ENI_FIELDS}
    single = request.get("SecurityGroupId")
    tags = request.get("Tag")
    sent["security_group_ids"] = [single] if single else list(request.get("SecurityGroupIds") or ())
    sent["tags"] = [(t.get("Key") or "", t.get("Value", "")) for t in tags] if tags else ()
    if _TRAFFIC_OR_STORED.isdisjoint(request):  # most requests: the Standard mode alone
        sent["attributes"] = _STANDARD
        return EniRequest(**sent)
    mode, traffic = traffic_settings(request)
    traffic["NetworkInterfaceTrafficMode"] = mode
    sent["attributes"] = _stored(request, traffic)
    sent["traffic_mode"] = mode
    sent["queue_number"] = traffic.get("QueueNumber")
    sent["sets_queue_size"] = "TxQueueSize" in traffic or "RxQueueSize" in traffic
    sent["sets_connection_tracking"] = request.get("ConnectionTrackingConfiguration") is not None
    return EniRequest(**sent)


def fingerprint(request: Mapping[str, Any]) -> str:
    """The request without its ClientToken, every parameter named (absent ones as their
    defaults): two calls with one token must send the same request."""
    dump: dict[str, Any] = dict.fromkeys(CreateNetworkInterfaceRequest.__annotations__)
    dump["InstanceType"] = "Secondary"
    for name, value in request.items():
        if isinstance(value, BaseModel):
            value = value.model_dump()
        elif name == "Tag" and value is not None:
            value = [{"Key": t.get("Key"), "Value": t.get("Value", "")} for t in value]
        dump[name] = value
    del dump["ClientToken"]
    return repr(tuple(sorted(dump.items(), key=str)))


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, create the ENI (or return the one its ClientToken names), render it."""
    request = parse_with(_ADAPTER, params, keep_empty=_KEPT_EMPTY)
    # Only a token's replay compares the fingerprint: skip it without one.
    token = request.get("ClientToken")
    eni = cloud.create_eni(
        to_eni_request(request), fingerprint=None if token is None else fingerprint(request)
    )
    return eni_body(eni)
