"""RunInstances: launch instances with their ENIs, the subset of parameters ENI code uses.

Read: ``InstanceType`` (from the account's types), ``VSwitchId``, ``SecurityGroupId`` /
``SecurityGroupIds.N``, ``PrivateIpAddress``, ``Amount``, ``Ipv6AddressCount`` /
``Ipv6Address.N``, ``NetworkInterface.N.*`` (the primary's settings, or secondary ENIs
created and attached with the instance), ``InstanceName``, ``Tag.N``, ``ResourceGroupId``,
``ZoneId``, ``ClientToken``, ``DryRun``. Every other parameter (``ImageId``, disks, billing,
passwords, ...) is accepted and ignored, never rejected; docs/instances.md lists them.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pytest_fake_eni.api.common import check_token, fingerprint
from pytest_fake_eni.api.create_network_interface import TagParam
from pytest_fake_eni.api.create_options import check_ipv6_addresses
from pytest_fake_eni.api.validation import WireInt, parse, rule
from pytest_fake_eni.cloud import instances
from pytest_fake_eni.cloud.instances import EniSpec, Launch
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError

ACTION = "RunInstances"
PRODUCT = "Ecs"
MAX_TAGS = 20
_NAME = re.compile(r"[A-Za-z\u4e00-\u9fa5][\w.:\-\u4e00-\u9fa5]{1,127}")


class NetworkInterfaceParam(BaseModel):
    """``NetworkInterface.N.*``: the primary ENI's settings or a secondary ENI."""

    model_config = ConfigDict(extra="ignore", strict=False)

    InstanceType: Literal["Primary", "Secondary"] = "Secondary"
    VSwitchId: str | None = None
    SecurityGroupId: str | None = None
    SecurityGroupIds: list[str] | None = None
    PrimaryIpAddress: str | None = None
    SecondaryPrivateIpAddressCount: WireInt | None = Field(None, ge=0)
    Ipv6AddressCount: WireInt | None = Field(None, ge=0)
    Ipv6Address: list[str] | None = None
    NetworkInterfaceName: str | None = None
    Description: str | None = None
    DeleteOnRelease: bool | None = None
    QueueNumber: WireInt | None = Field(None, ge=1)
    NetworkInterfaceTrafficMode: Literal["Standard", "HighPerformance"] | None = None

    _ipv6 = field_validator("Ipv6Address")(check_ipv6_addresses)


class RunInstancesRequest(BaseModel):
    """The wire parameters of RunInstances the fake reads."""

    model_config = ConfigDict(extra="ignore", strict=False)

    RegionId: str
    InstanceType: str
    VSwitchId: str | None = None
    ZoneId: str | None = None
    SecurityGroupId: str | None = None
    SecurityGroupIds: list[str] | None = None
    PrivateIpAddress: str | None = None
    Amount: WireInt = Field(1, ge=1, le=100)
    Ipv6AddressCount: WireInt | None = Field(None, ge=1)
    Ipv6Address: list[str] | None = None
    NetworkInterface: list[NetworkInterfaceParam] | None = None
    InstanceName: str | None = None
    Tag: list[TagParam] | None = None
    ResourceGroupId: str | None = None
    ClientToken: str | None = None
    DryRun: bool = False

    _token = field_validator("ClientToken")(check_token)
    _ipv6 = field_validator("Ipv6Address")(check_ipv6_addresses)

    @field_validator("InstanceName")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        if name is not None and (not _NAME.fullmatch(name) or name.startswith(("http:", "https:"))):
            raise rule("InvalidInstanceName.Malformed")
        return name

    @field_validator("Tag")
    @classmethod
    def _tags(cls, tags: list[TagParam] | None) -> list[TagParam] | None:
        if tags is not None and len(tags) > MAX_TAGS:
            raise rule("InvalidTagCount")
        return tags

    @model_validator(mode="after")
    def _conflicts(self) -> RunInstancesRequest:
        if self.PrivateIpAddress is not None and self.Amount > 1:
            raise rule(
                "InvalidParameter.Conflict",
                Parameter="PrivateIpAddress",
                ConflictParameter="Amount",
            )
        if self.Ipv6Address is not None and self.Ipv6AddressCount is not None:
            raise rule(
                "InvalidParameter.Conflict",
                Parameter="Ipv6Address.N",
                ConflictParameter="Ipv6AddressCount",
            )
        if self.primary_entry() is None and self.VSwitchId is None:
            raise rule("MissingParameter", Parameter="VSwitchId")
        return self

    def primary_entry(self) -> NetworkInterfaceParam | None:
        """The ``NetworkInterface.N`` entry of the primary ENI, if any."""
        return next((n for n in self.NetworkInterface or () if n.InstanceType == "Primary"), None)

    def _groups(self) -> tuple[str, ...]:
        if self.SecurityGroupIds:
            return tuple(self.SecurityGroupIds)
        return (self.SecurityGroupId,) if self.SecurityGroupId else ()

    def _spec(
        self, entry: NetworkInterfaceParam, vswitch_id: str, groups: tuple[str, ...]
    ) -> EniSpec:
        entry_groups = tuple(entry.SecurityGroupIds or ()) or (
            (entry.SecurityGroupId,) if entry.SecurityGroupId else groups
        )
        attributes = tuple(
            (name, getattr(entry, name))
            for name in ("QueueNumber", "NetworkInterfaceTrafficMode")
            if getattr(entry, name) is not None
        )
        primary = entry.InstanceType == "Primary"  # the top level's address settings are its
        address = self.PrivateIpAddress if primary else None
        ipv6 = (self.Ipv6AddressCount or 0) if primary else 0
        return EniSpec(
            vswitch_id=entry.VSwitchId or vswitch_id,
            security_group_ids=entry_groups,
            primary_ip_address=entry.PrimaryIpAddress or address,
            secondary_count=entry.SecondaryPrivateIpAddressCount or 0,
            ipv6_count=entry.Ipv6AddressCount or ipv6,
            ipv6_addresses=tuple(entry.Ipv6Address or ()),
            name=entry.NetworkInterfaceName or "",
            description=entry.Description or "",
            delete_on_release=True if entry.DeleteOnRelease is None else entry.DeleteOnRelease,
            attributes=attributes,
        )

    def to_launch(self) -> Launch:
        """What the simulator is asked to launch."""
        groups = self._groups()
        entry = self.primary_entry()
        vswitch_id = (entry.VSwitchId if entry else None) or self.VSwitchId or ""
        if entry is not None:
            primary = self._spec(entry, vswitch_id, groups)
        else:
            primary = EniSpec(
                vswitch_id=vswitch_id,
                security_group_ids=groups,
                primary_ip_address=self.PrivateIpAddress,
                ipv6_count=self.Ipv6AddressCount or 0,
                ipv6_addresses=tuple(self.Ipv6Address or ()),
            )
        secondary = tuple(
            self._spec(n, vswitch_id, primary.security_group_ids)
            for n in self.NetworkInterface or ()
            if n.InstanceType == "Secondary"
        )
        return Launch(
            region_id=self.RegionId,
            instance_type=self.InstanceType,
            primary=primary,
            secondary=secondary,
            amount=self.Amount,
            name=self.InstanceName or "",
            tags=tuple((t.Key or "", t.Value) for t in self.Tag or ()),
            resource_group_id=self.ResourceGroupId or "",
            zone_id=self.ZoneId,
            dry_run=self.DryRun,
        )


def handle(cloud: Cloud, params: dict[str, str]) -> dict[str, Any]:
    """Validate, launch (once per ClientToken), return the new instances' ids."""
    request = parse(RunInstancesRequest, params, keep_empty=frozenset({"Tag"}))
    launch = request.to_launch()
    if not launch.primary.security_group_ids:
        raise EcsError("MissingParameter", Parameter="SecurityGroupId")

    def work() -> dict[str, Any]:
        made = instances.run(cloud, launch)
        return {
            "InstanceIdSets": {"InstanceIdSet": [i.instance_id for i in made]},
            "OrderId": "",
            "TradePrice": 0.0,
        }

    token = request.ClientToken
    marks = fingerprint(request) if token is not None else None
    return cloud.tokens.once(ACTION, request.RegionId, token, marks, work)
