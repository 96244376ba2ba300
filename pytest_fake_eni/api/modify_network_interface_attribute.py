"""ModifyNetworkInterfaceAttribute: name, description, groups, DeleteOnRelease, queues."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from pytest_fake_eni.api.common import NAME, URL_PREFIX, EniCallChecked
from pytest_fake_eni.api.create_options import ConnectionTrackingParam, check_queue_number
from pytest_fake_eni.api.validation import parse, rule
from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.state import Cloud

ACTION = "ModifyNetworkInterfaceAttribute"


class ModifyNetworkInterfaceAttributeRequest(EniCallChecked):
    """The wire parameters of ModifyNetworkInterfaceAttribute."""

    NetworkInterfaceName: str | None = None
    Description: str | None = None
    SecurityGroupId: list[str] | None = Field(None, min_length=1)
    DeleteOnRelease: bool | None = None
    QueueNumber: int | None = None
    RxQueueSize: int | None = None
    TxQueueSize: int | None = None
    SourceDestCheck: bool | None = None
    ConnectionTrackingConfiguration: ConnectionTrackingParam | None = None

    _queues = field_validator("QueueNumber")(check_queue_number)

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
