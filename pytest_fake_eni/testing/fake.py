"""``FakeEcs``: the object a test holds. It seeds state, answers requests, asserts."""

from __future__ import annotations

import traceback
from types import TracebackType
from typing import Any

from pytest_fake_eni.api import ECS, Product
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.cloud.state import (
    DEFAULT_REGION,
    DEFAULT_ZONES,
    Cloud,
    Eni,
    SecurityGroup,
    Vpc,
    VSwitch,
)
from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.testing import assertions
from pytest_fake_eni.testing.calls import Call
from pytest_fake_eni.transport.hosts import is_ecs_url
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from pytest_fake_eni.wire import encode
from pytest_fake_eni.wire.decode import ApiCall, decode


class FakeEcs:
    """An in-process fake of the ECS ENI API, answering the real SDKs' requests.

    Use it through the ``fake_ecs`` fixture, or outside pytest as a context
    manager (``with FakeEcs() as ecs:``). A fresh fake holds a default VPC,
    vSwitch (a /24) and security group, so a test can create an ENI at once.
    """

    def __init__(
        self,
        *,
        region_id: str = DEFAULT_REGION,
        seed: int | str = 0,
        account_id: str = "1234567890123456",
    ) -> None:
        self.cloud = Cloud(seed=seed, account_id=account_id)
        self.region_id = region_id
        zones = (
            DEFAULT_ZONES
            if region_id == DEFAULT_REGION
            else tuple(f"{region_id}-{z}" for z in "abc")
        )
        self.cloud.add_region(region_id, zones)
        self.default_vpc: Vpc = self.cloud.add_vpc("172.16.0.0/12", region_id)
        self.default_vswitch: VSwitch = self.cloud.add_vswitch(
            self.default_vpc.vpc_id, "172.16.0.0/24", zones[0]
        )
        self.default_security_group: SecurityGroup = self.cloud.add_security_group(
            self.default_vpc.vpc_id
        )
        self.calls: list[Call] = []
        """Every request answered, in order."""
        self._created: dict[str, None] = {}  # ids created through the API, in order
        self._products: tuple[Product, ...] = (ECS,)
        self._routers: list[Any] = []

    # -- state ---------------------------------------------------------------------

    @property
    def quotas(self) -> Quotas:
        """The account's limits; lower them to make quotas bite."""
        return self.cloud.quotas

    @property
    def clock(self) -> Clock:
        """The fake's clock (``clock.advance(seconds)`` moves it without sleeping)."""
        return self.cloud.clock

    @property
    def account_id(self) -> str:
        """The account that owns everything (``OwnerId``)."""
        return self.cloud.account_id

    @property
    def enis(self) -> list[Eni]:
        """The ENIs that exist now, oldest first."""
        with self.cloud.lock:
            return list(self.cloud.enis.values())

    def add_vpc(self, cidr_block: str = "10.0.0.0/8", region_id: str | None = None) -> Vpc:
        """Add a VPC (in the fake's region unless ``region_id`` names another)."""
        return self.cloud.add_vpc(cidr_block, region_id or self.region_id)

    def add_vswitch(
        self,
        vpc_id: str,
        cidr_block: str,
        zone_id: str | None = None,
        available_ip_count: int | None = None,
    ) -> VSwitch:
        """Add a vSwitch; ``available_ip_count`` caps how many addresses it hands out."""
        return self.cloud.add_vswitch(vpc_id, cidr_block, zone_id, available_ip_count)

    def add_security_group(self, vpc_id: str) -> SecurityGroup:
        """Add a security group to ``vpc_id``."""
        return self.cloud.add_security_group(vpc_id)

    # -- the wire --------------------------------------------------------------------

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request, as the real endpoint would."""
        call = decode(request)
        with self.cloud.lock:
            request_id = self.cloud.ids.request_id()
        at = self.clock.monotonic()
        try:
            body = {"RequestId": request_id, **self._dispatch(call)}
            response = encode.success(call.action, body, call.format)
            error_code = None
        except EcsError as err:
            body = {"Code": err.code, "Message": err.message}
            response = encode.error(err, request_id, call.host, call.format)
            error_code = err.code
        except Exception:  # a bug in the fake: say so, never a bare traceback
            bug = EcsError("InternalError", "pytest-fake-eni bug: " + traceback.format_exc())
            body = {"Code": bug.code, "Message": bug.message}
            response = encode.error(bug, request_id, call.host, call.format)
            error_code = bug.code
        self.calls.append(
            Call(
                action=call.action,
                params=call.params,
                status_code=response.status,
                error_code=error_code,
                request_id=request_id,
                dialect=call.dialect,
                host=call.host,
                timestamp=at,
                response=body,
            )
        )
        return response

    def _dispatch(self, call: ApiCall) -> dict[str, Any]:
        product = self._products[0]
        if not call.action:
            raise EcsError("MissingParameter", Parameter="Action")
        if not call.version:
            raise EcsError("MissingParameter", Parameter="Version")
        if call.version != product.version:
            raise EcsError("InvalidVersion", Version=call.version)
        operation = product.operations.get(call.action)
        if operation is None:
            raise EcsError("InvalidAction.NotFound", Action=call.action)
        result = operation(self.cloud, call.params)
        created = result.get("NetworkInterfaceId") if call.action.startswith("Create") else None
        if created and created not in self._created:  # a ClientToken replay creates nothing
            self._created[str(created)] = None
        return result

    # -- activation ------------------------------------------------------------------

    def start(self) -> FakeEcs:
        """Intercept ECS requests until ``stop``."""
        from pytest_fake_eni.transport.responses_router import ResponsesRouter

        router = ResponsesRouter(self.handle)
        router.start()
        self._routers.append(router)
        return self

    def stop(self) -> None:
        """Stop intercepting."""
        while self._routers:
            self._routers.pop().stop()

    def __enter__(self) -> FakeEcs:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- assertions ------------------------------------------------------------------

    def assert_eni_created(self, **attrs: Any) -> Eni:
        """Exactly one ENI has all of ``attrs`` (Eni attribute names); return it."""
        __tracebackhide__ = True
        return assertions.assert_eni_created(self.enis, attrs)

    def assert_no_eni_created(self) -> None:
        """No ENI was created through the API."""
        __tracebackhide__ = True
        created = [e for e in self.enis if e.network_interface_id in set(self._created)]
        assertions.assert_no_eni_created(created, self.calls)

    def assert_called(self, action: str, times: int | None = None, **params: Any) -> list[Call]:
        """``action`` was called ``times`` times (at least once when None) with ``params``."""
        __tracebackhide__ = True
        return assertions.assert_called(self.calls, action, times, params)

    def calls_to(self, action: str) -> list[Call]:
        """The calls of ``action``, in order."""
        return [c for c in self.calls if c.action == action]

    @staticmethod
    def intercepts(url: str) -> bool:
        """True when the fake answers requests to ``url``."""
        return is_ecs_url(url)

    def __repr__(self) -> str:
        return (
            f"<FakeEcs region={self.region_id} enis={len(self.cloud.enis)} calls={len(self.calls)}>"
        )
