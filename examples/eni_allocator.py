"""A small application module that creates ENIs the way production code does.

It picks the first vSwitch with room, falls back to the next one when a vSwitch
runs out of addresses, and retries transient failures with the same ClientToken
so that a retried request never creates a second ENI. A token whose first request
failed on the server's side answers ``IdempotentFailed``: that one is retried at once
with a new token, as the service asks (docs/observed-behaviour.md).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence

from alibabacloud_ecs20140526 import models
from alibabacloud_ecs20140526.client import Client
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException

RETRYABLE = {"InternalError", "Throttling", "ServiceUnavailable"}
VSWITCH_FULL = {"InvalidVSwitchId.IpNotEnough", "QuotaExceeded.PrivateIpAddress"}


class NoCapacity(Exception):
    """Every vSwitch is out of addresses."""


class EniAllocator:
    """Creates ENIs in the first vSwitch that has room."""

    def __init__(
        self,
        client: Client,
        region_id: str,
        vswitch_ids: Sequence[str],
        security_group_id: str,
        *,
        attempts: int = 3,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client
        self.region_id = region_id
        self.vswitch_ids = list(vswitch_ids)
        self.security_group_id = security_group_id
        self.attempts = attempts
        self.sleep = sleep

    def create(
        self, name: str, secondary_ips: int = 0
    ) -> models.CreateNetworkInterfaceResponseBody:
        """Create one ENI named ``name``; raise ``NoCapacity`` when every vSwitch is full."""
        for vswitch_id in self.vswitch_ids:
            request = models.CreateNetworkInterfaceRequest(
                region_id=self.region_id,
                v_switch_id=vswitch_id,
                security_group_id=self.security_group_id,
                network_interface_name=name,
                secondary_private_ip_address_count=secondary_ips or None,
                client_token=str(uuid.uuid4()),  # one token for every retry of this request
            )
            try:
                return self._with_retries(request)
            except AlibabaCloudException as error:
                if error.code not in VSWITCH_FULL:
                    raise
        raise NoCapacity(f"no room for {name!r} in {self.vswitch_ids}")

    def _with_retries(
        self, request: models.CreateNetworkInterfaceRequest
    ) -> models.CreateNetworkInterfaceResponseBody:
        attempt, renewed = 1, False
        while True:
            try:
                return self.client.create_network_interface(request).body
            except AlibabaCloudException as error:
                if error.code == "IdempotentFailed" and not renewed:  # the token is spent
                    request.client_token, renewed = str(uuid.uuid4()), True
                    continue
                if error.code not in RETRYABLE or attempt == self.attempts:
                    raise
                self.sleep(0.1 * 2**attempt)
                attempt, renewed = attempt + 1, False
