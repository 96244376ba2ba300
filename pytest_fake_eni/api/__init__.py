"""The api layer: one module per action, each validating to documented codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pytest_fake_eni.api import (
    assign_ipv6_addresses,
    assign_private_ip_addresses,
    attach_network_interface,
    create_network_interface,
    delete_network_interface,
    describe_network_interface_attribute,
    describe_network_interfaces,
    detach_network_interface,
    modify_network_interface_attribute,
    unassign_ipv6_addresses,
    unassign_private_ip_addresses,
    vpc,
)
from pytest_fake_eni.cloud.state import Cloud

Operation = Callable[[Cloud, dict[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Product:
    """An API product: its version and the actions the fake implements."""

    name: str
    version: str
    operations: dict[str, Operation]


ECS = Product(
    "Ecs",
    "2014-05-26",
    {
        module.ACTION: module.handle
        for module in (
            create_network_interface,
            describe_network_interfaces,
            describe_network_interface_attribute,
            delete_network_interface,
            attach_network_interface,
            detach_network_interface,
            assign_private_ip_addresses,
            unassign_private_ip_addresses,
            modify_network_interface_attribute,
            assign_ipv6_addresses,
            unassign_ipv6_addresses,
        )
    },
)

VPC = Product(
    "Vpc",
    "2016-04-28",
    {vpc.DESCRIBE_VSWITCHES: vpc.describe_vswitches, vpc.DESCRIBE_VPCS: vpc.describe_vpcs},
)
