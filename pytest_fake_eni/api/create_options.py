"""CreateNetworkInterface's newer parameters: IPv6, prefixes, queues, traffic, tracking.

Each check raises the documented code for its parameter; the request model wires
them in field order, so the first broken rule still wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netaddr import AddrFormatError, IPAddress, IPNetwork
from pydantic import BaseModel, ConfigDict, field_validator

from pytest_fake_eni.api.validation import WireInt, rule
from pytest_fake_eni.cloud.addresses import IPV4_PREFIX_LEN

MAX_QUEUES = 2048
TRAFFIC_MODES = ("Standard", "HighPerformance")
IPV6_PREFIX_LEN = 80
TCP_ESTABLISHED_TIMEOUTS = (30, 60, 80, 100, 200, 300, 500, 700, 910)
UDP_TIMEOUTS = (10, 20, 30, 60, 80, 100)
QUEUE_SIZES = (8192, 16384)
TRAFFIC_NAMES = ("QueueNumber", "QueuePairNumber", "TxQueueSize", "RxQueueSize")


def check_queue_number(value: int | None) -> int | None:
    """``QueueNumber``: 1 to 2048."""
    if value is not None and not 1 <= value <= MAX_QUEUES:
        raise rule("InvalidParameter.InvalidEniQueueNumber", Value=value)
    return value


def check_queue_pair_number(value: int | None) -> int | None:
    """``QueuePairNumber``: 1 to 2048."""
    if value is not None and not 1 <= value <= MAX_QUEUES:
        raise rule("InvalidParameter.InvalidQueuePairNumber", Value=value)
    return value


def check_traffic_mode(value: str | None) -> str | None:
    """``NetworkInterfaceTrafficMode``: Standard or HighPerformance."""
    if value is not None and value not in TRAFFIC_MODES:
        raise rule("InvalidParameter.EniTrafficMode")
    return value


def broken_queue_rule(mode: str, pairs: int | None, tx: int | None, rx: int | None) -> str | None:
    """The code of the first broken queue rule of a traffic setting, else None.

    Tx and Rx sizes are equal and 8192 or 16384; ``QueuePairNumber`` needs ``HighPerformance``.
    """
    if (tx, rx) != (None, None) and (tx != rx or tx not in QUEUE_SIZES):
        return "InvalidParameter.EniQueueSize"
    if pairs is not None and mode != "HighPerformance":
        return "InvalidParameter.QueuePairNumberMustEmpty"
    return None


def effective(sent: Mapping[str, Any], name: str) -> Any:
    """A traffic setting of a request (its parameters by wire name): its top-level value,
    else its traffic config's."""
    value = sent.get(name)
    config = sent.get("NetworkInterfaceTrafficConfig")
    return value if value is not None or config is None else getattr(config, name)


def traffic_attributes(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The traffic settings a request (its parameters by wire name) sends: top-level
    names win."""
    config = sent.get("NetworkInterfaceTrafficConfig")
    merged: dict[str, Any] = config.model_dump(exclude_none=True) if config else {}
    for name in TRAFFIC_NAMES:
        if sent.get(name) is not None:
            merged[name] = sent[name]
    return merged


def check_ipv6_addresses(values: list[str] | None) -> list[str] | None:
    """``Ipv6Address.N``: well-formed IPv6 addresses, none repeated."""
    seen: set[int] = set()
    for text in values or ():
        try:
            address = int(IPAddress(text, version=6))
        except (AddrFormatError, ValueError, TypeError):
            raise rule("InvalidIp.Address", IpAddress=text) from None
        if address in seen:
            raise rule("InvalidIp.IpRepeated", IpAddress=text)
        seen.add(address)
    return values


def _check_prefixes(values: list[str] | None, version: int, mask: int) -> list[str] | None:
    if not values:
        return values
    nets: list[IPNetwork] = []
    for text in values:
        try:
            if "/" not in text:
                raise ValueError(text)
            nets.append(IPNetwork(text, version=version))
        except (AddrFormatError, ValueError, TypeError):
            raise rule("InvalidIp.IpPrefixIllegal", Prefixes=",".join(values)) from None
    for text, net in zip(values, nets, strict=True):
        if net.network != net.ip:
            raise rule("InvalidIp.IpPrefixNotStrict", Prefix=text)
    if len({n.prefixlen for n in nets}) > 1:
        raise rule("InvalidIp.IpPrefixMaskNotSame", Prefixes=",".join(values))
    if nets[0].prefixlen != mask:
        raise rule(
            "InvalidIp.IpPrefixMaskInvalid", Mask=nets[0].prefixlen, MinMask=mask, MaxMask=mask
        )
    return values


def check_ipv4_prefixes(values: list[str] | None) -> list[str] | None:
    """``Ipv4Prefix.N``: strict /28 CIDR blocks."""
    return _check_prefixes(values, 4, IPV4_PREFIX_LEN)


def check_ipv6_prefixes(values: list[str] | None) -> list[str] | None:
    """``Ipv6Prefix.N``: strict /80 CIDR blocks."""
    return _check_prefixes(values, 6, IPV6_PREFIX_LEN)


class TrafficConfigParam(BaseModel):
    """``NetworkInterfaceTrafficConfig.*``: the same rules as the top-level names."""

    model_config = ConfigDict(extra="ignore")

    QueueNumber: WireInt | None = None
    NetworkInterfaceTrafficMode: str | None = None
    QueuePairNumber: WireInt | None = None
    TxQueueSize: WireInt | None = None
    RxQueueSize: WireInt | None = None

    _queues = field_validator("QueueNumber")(check_queue_number)
    _mode = field_validator("NetworkInterfaceTrafficMode")(check_traffic_mode)
    _pairs = field_validator("QueuePairNumber")(check_queue_pair_number)


def _tracking(field: str, value: int | None, allowed: tuple[int, ...]) -> int | None:
    if value is not None and value not in allowed:
        raise rule(
            "InvalidParameter.EniConnectionTrackingConfiguration",
            Field=field,
            Min=min(allowed),
            Max=max(allowed),
        )
    return value


class ConnectionTrackingParam(BaseModel):
    """``ConnectionTrackingConfiguration.*``: timeouts in seconds, from documented sets."""

    model_config = ConfigDict(extra="ignore")

    TcpEstablishedTimeout: WireInt | None = None
    TcpClosedAndTimeWaitTimeout: WireInt | None = None
    UdpTimeout: WireInt | None = None

    @field_validator("TcpEstablishedTimeout")
    @classmethod
    def _established(cls, value: int | None) -> int | None:
        return _tracking("TcpEstablishedTimeout", value, TCP_ESTABLISHED_TIMEOUTS)

    @field_validator("TcpClosedAndTimeWaitTimeout")
    @classmethod
    def _closed(cls, value: int | None) -> int | None:
        return _tracking("TcpClosedAndTimeWaitTimeout", value, tuple(range(3, 16)))

    @field_validator("UdpTimeout")
    @classmethod
    def _udp(cls, value: int | None) -> int | None:
        return _tracking("UdpTimeout", value, UDP_TIMEOUTS)


class EnhancedNetworkParam(BaseModel):
    """``EnhancedNetwork.*``: accepted and stored."""

    model_config = ConfigDict(extra="ignore")

    EnableSriov: bool | None = None
    EnableRss: bool | None = None
    VirtualFunctionQuantity: WireInt | None = None
    VirtualFunctionTotalQueueNumber: WireInt | None = None
