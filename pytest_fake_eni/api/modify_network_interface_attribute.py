"""ModifyNetworkInterfaceAttribute: name, description, groups, DeleteOnRelease, queues."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pytest_fake_eni.api.common import NAME, URL_PREFIX, EniCallChecked
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "ModifyNetworkInterfaceAttribute"
_TCP_ESTABLISHED = (30, 60, 80, 100, 200, 300, 500, 700, 910)
_UDP = (10, 20, 30, 60, 80, 100)


class ConnectionTracking(BaseModel):
    """``ConnectionTrackingConfiguration.*``: documented value sets and ranges."""

    model_config = ConfigDict(extra="ignore")

    TcpEstablishedTimeout: int | None = None
    TcpClosedAndTimeWaitTimeout: int | None = None
    UdpTimeout: int | None = None

    @field_validator("TcpEstablishedTimeout")
    @classmethod
    def _established(cls, value: int | None) -> int | None:
        return _one_of(value, "TcpEstablishedTimeout", _TCP_ESTABLISHED)

    @field_validator("TcpClosedAndTimeWaitTimeout")
    @classmethod
    def _closed(cls, value: int | None) -> int | None:
        return _one_of(value, "TcpClosedAndTimeWaitTimeout", range(3, 16))

    @field_validator("UdpTimeout")
    @classmethod
    def _udp(cls, value: int | None) -> int | None:
        return _one_of(value, "UdpTimeout", _UDP)


def _one_of(value: int | None, name: str, allowed: Any) -> int | None:
    if value is not None and value not in allowed:
        raise rule(
            "InvalidParameter.EniConnectionTrackingConfiguration",
            Field=name,
            Min=min(allowed),
            Max=max(allowed),
        )
    return value


class ModifyNetworkInterfaceAttributeRequest(EniCallChecked):
    """The wire parameters of ModifyNetworkInterfaceAttribute."""

    NetworkInterfaceName: str | None = None
    Description: str | None = None
    SecurityGroupId: list[str] | None = Field(None, min_length=1)
    DeleteOnRelease: bool | None = None
    QueueNumber: int | None = Field(None, ge=1, le=2048)
    RxQueueSize: int | None = None
    TxQueueSize: int | None = None
    SourceDestCheck: bool | None = None
    ConnectionTrackingConfiguration: ConnectionTracking | None = None

    @field_validator("NetworkInterfaceName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        if name is not None and not NAME.fullmatch(name):
            raise rule("InvalidParams.NetworkInterfaceName", NetworkInterfaceName=name)
        return name

    @field_validator("Description")
    @classmethod
    def _description(cls, text: str | None) -> str | None:
        # Modify documents 2-255 characters (Create says 256).
        if text is not None and (not 2 <= len(text) <= 255 or text.startswith(URL_PREFIX)):
            raise rule("InvalidParameter", Parameter="Description")
        return text

    @field_validator("SecurityGroupId")
    @classmethod
    def _groups(cls, ids: list[str] | None) -> list[str] | None:
        if ids is not None and len(set(ids)) != len(ids):
            raise rule("InvalidParameter.SecurityGroupIdRepeated")
        return ids

    def to_changes(self) -> lifecycle.EniChanges:
        """What the simulator is asked to change."""
        stored = self.model_dump(
            include={"QueueNumber", "RxQueueSize", "TxQueueSize", "SourceDestCheck"},
            exclude_none=True,
        )
        if self.ConnectionTrackingConfiguration is not None:
            stored["ConnectionTrackingConfiguration"] = (
                self.ConnectionTrackingConfiguration.model_dump(exclude_none=True)
            )
        return lifecycle.EniChanges(
            name=self.NetworkInterfaceName,
            description=self.Description,
            security_group_ids=self.SecurityGroupId,
            delete_on_release=self.DeleteOnRelease,
            attributes=tuple(stored.items()),
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate and apply; a ``SecurityGroupId.N`` set replaces the ENI's whole set."""
    request = parse(ModifyNetworkInterfaceAttributeRequest, params, keep_empty=frozenset())
    lifecycle.modify(cloud, request.RegionId, request.NetworkInterfaceId, request.to_changes())
    return {}
