"""``FakeEcs``: the object a test holds. It seeds state, answers requests, asserts."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from datetime import timedelta
from types import TracebackType
from typing import Any, TypeVar

from pytest_fake_eni.cloud import lifecycle
from pytest_fake_eni.cloud.account import Account
from pytest_fake_eni.cloud.clock import Clock
from pytest_fake_eni.cloud.credentials import STS_LIFETIME, Credentials
from pytest_fake_eni.cloud.instance_types import InstanceType
from pytest_fake_eni.cloud.quotas import Quotas
from pytest_fake_eni.cloud.ram import Policy
from pytest_fake_eni.cloud.state import (
    DEFAULT_REGION,
    DEFAULT_ZONES,
    Cloud,
    Eip,
    Eni,
    Instance,
    Region,
    ResourceGroup,
    SecurityGroup,
    Vpc,
    VSwitch,
)
from pytest_fake_eni.pipeline import Pipeline, served_products
from pytest_fake_eni.testing import assertions, faults
from pytest_fake_eni.testing.calls import Call
from pytest_fake_eni.testing.faults import FaultRule, FaultSet, Predicate
from pytest_fake_eni.transport.hosts import is_served_url
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from pytest_fake_eni.transport.interception import INTERCEPTION

F = TypeVar("F", bound=Callable[..., Any])


class FakeEcs:
    """An in-process fake of the ECS ENI API, answering the real SDKs' requests.

    Use it through the ``fake_ecs`` fixture, or outside pytest as a context
    manager (``with FakeEcs() as ecs:``) or decorator (``@ecs`` on a function runs it
    with ``ecs`` active). A fresh fake holds a default VPC, vSwitch (a /24) and
    security group, so a test can create an ENI at once. With ``strict=True``,
    leaving it (or the fixture's teardown) also runs ``assert_all_faults_used`` and
    ``assert_no_leaked_enis``.
    """

    def __init__(
        self,
        *,
        region_id: str = DEFAULT_REGION,
        seed: int | str = 0,
        account_id: str = "1234567890123456",
        strict: bool = False,
        verify_signatures: bool | None = None,
    ) -> None:
        cloud = Cloud(seed=seed, account_id=account_id)
        self.pipeline = Pipeline(cloud, FaultSet(seed), seed, region_id)
        """Where every request this fake answers is handled."""
        self.seed = seed
        """The seed every id, MAC, request id and fault probability is drawn from."""
        self.strict = strict
        """Run ``assert_all_faults_used`` and ``assert_no_leaked_enis`` on leaving."""
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
        self.verify_signatures = verify_signatures
        self._joined = False

    # -- state ---------------------------------------------------------------------

    @property
    def cloud(self) -> Cloud:
        """The simulator: every resource of the fake account."""
        return self.pipeline.cloud

    @property
    def faults(self) -> FaultSet:
        """The injected fault rules (see ``inject_error`` and friends)."""
        return self.pipeline.faults

    @property
    def calls(self) -> list[Call]:
        """Every request answered, in order."""
        return self.pipeline.calls

    @property
    def verify_signatures(self) -> bool | None:
        """True: every request must be signed by a registered key; False: nothing is
        checked; None (default): checked once any credentials are registered."""
        return self.pipeline.verify_signatures

    @verify_signatures.setter
    def verify_signatures(self, value: bool | None) -> None:
        self.pipeline.verify_signatures = value

    @property
    def source_ip(self) -> str:
        """The client address RAM's ``acs:SourceIp`` condition sees."""
        return self.pipeline.source_ip

    @source_ip.setter
    def source_ip(self, value: str) -> None:
        self.pipeline.source_ip = value

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
            self.cloud.settle()
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
        *,
        status: str = "Available",
        ipv6_cidr_block: str | None = None,
        reserved_cidr_blocks: Sequence[str] = (),
    ) -> VSwitch:
        """Add a vSwitch; ``available_ip_count`` caps how many addresses it hands out.

        ``status`` (e.g. ``"Pending"``), ``ipv6_cidr_block`` (a /64) and
        ``reserved_cidr_blocks`` (CIDR reservations prefixes come from) are optional.
        """
        return self.cloud.add_vswitch(
            vpc_id,
            cidr_block,
            zone_id,
            available_ip_count,
            status,
            ipv6_cidr_block=ipv6_cidr_block,
            reserved_cidr_blocks=reserved_cidr_blocks,
        )

    def add_security_group(
        self,
        vpc_id: str,
        *,
        type: str = "normal",
        network: str = "vpc",
        managed_by: str | None = None,
        max_instances: int | None = None,
        rule_count: int = 0,
    ) -> SecurityGroup:
        """Add a security group to ``vpc_id``: ``type`` normal|enterprise, ``network``
        vpc|classic, ``managed_by`` a cloud service, ``max_instances`` its member limit,
        ``rule_count`` its ACL rules."""
        return self.cloud.add_security_group(
            vpc_id,
            type=type,
            network=network,
            managed_by=managed_by,
            max_instances=max_instances,
            rule_count=rule_count,
        )

    def add_region(self, region_id: str, zone_ids: Sequence[str] = (), **features: bool) -> Region:
        """Serve ``region_id`` (or update a served one) with ``Region`` feature flags,
        e.g. ``add_region("cn-hangzhou", ipv6_on_create=False)``."""
        return self.cloud.add_region(region_id, zone_ids, **features)

    @property
    def region(self) -> Region:
        """The fake's own region; set its feature flags directly."""
        return self.cloud.regions[self.region_id]

    def add_resource_group(self, name: str = "") -> ResourceGroup:
        """Add a resource group ENIs can be created in."""
        return self.cloud.add_resource_group(name)

    @property
    def default_resource_group_id(self) -> str:
        """The account's default resource group (ENIs land there unless told)."""
        return self.cloud.default_resource_group_id

    @property
    def account(self) -> Account:
        """The calling account's flags (``not_real_name_verified``, ``ram_not_supported``, ...)."""
        return self.cloud.account

    # -- instances and transitions ----------------------------------------------------

    @property
    def instances(self) -> list[Instance]:
        """The instances that exist now, oldest first."""
        with self.cloud.lock:
            return list(self.cloud.instances.values())

    def add_instance(
        self,
        vswitch_id: str | None = None,
        instance_type: str = "ecs.g7.large",
        security_group_ids: list[str] | None = None,
        status: str = "Running",
        max_enis: int | None = None,
        max_private_ips_per_eni: int | None = None,
    ) -> Instance:
        """Add an instance with its own primary ENI (type ``Primary``; it cannot be detached).

        Defaults: the default vSwitch and security group. Its limits are the ones
        ``instance_type`` reports (``ValueError`` for an unknown type); ``max_enis`` (the
        primary counted) and ``max_private_ips_per_eni`` override them.
        """
        return lifecycle.add_instance(
            self.cloud,
            vswitch_id or self.default_vswitch.vswitch_id,
            instance_type,
            security_group_ids or [self.default_security_group.security_group_id],
            status,
            max_enis,
            max_private_ips_per_eni,
        )

    def release_instance(self, instance_id: str) -> None:
        """Release an instance: ENIs with ``DeleteOnRelease`` go with it, the rest detach."""
        lifecycle.release_instance(self.cloud, instance_id)

    @property
    def transition_delay(self) -> float:
        """Seconds on ``clock`` that attach, detach and delete take (0: they complete at once)."""
        return self.cloud.transition_delay

    @transition_delay.setter
    def transition_delay(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("transition_delay cannot be negative")
        self.cloud.transition_delay = float(seconds)

    def reset(self) -> None:
        """Back to a fresh fake (same region, seed and account): state, calls and faults."""
        fresh = FakeEcs(
            region_id=self.region_id, seed=self.cloud.ids.seed, account_id=self.account_id
        )
        with self.cloud.lock:
            self.pipeline.cloud = fresh.cloud
            self.default_vpc = fresh.default_vpc
            self.default_vswitch = fresh.default_vswitch
            self.default_security_group = fresh.default_security_group
            self.pipeline.faults = fresh.faults  # a fresh seeded RNG too: reproducible runs
            self.calls.clear()
            self.pipeline.created.clear()

    # -- the wire --------------------------------------------------------------------

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request, as the real endpoint would (see ``pipeline``)."""
        return self.pipeline.handle(request)

    # -- credentials and RAM -----------------------------------------------------------

    def add_credentials(
        self,
        access_key_id: str,
        access_key_secret: str,
        *,
        security_token: str | None = None,
        ram_user: str | None = None,
        disabled: bool = False,
        expires_in: float | None = STS_LIFETIME,
    ) -> Credentials:
        """Register an access key; from then on every request must be signed by one.

        With ``security_token`` the key is an STS key: requests must carry that token,
        which expires ``expires_in`` seconds from now on the fake's clock (None: never).
        ``ram_user`` (added with ``add_ram_user``) binds the key to that user's policy;
        without it the key is the account's own and is allowed everything.
        """
        if ram_user is not None and ram_user not in self.pipeline.ram_users:
            raise ValueError(f"no RAM user {ram_user!r}; add it with add_ram_user first")
        expires_at = None
        if security_token is not None and expires_in is not None:
            expires_at = self.clock.now() + timedelta(seconds=expires_in)
        with self.cloud.lock:
            return self.pipeline.credentials.add(
                Credentials(
                    access_key_id=access_key_id,
                    access_key_secret=access_key_secret,
                    security_token=security_token,
                    expires_at=expires_at,
                    ram_user=ram_user,
                    disabled=disabled,
                )
            )

    def add_ram_user(self, name: str, policy: dict[str, Any] | str) -> Credentials:
        """Add RAM user ``name`` whose permissions are ``policy`` (a RAM policy document,
        dict or JSON); return a fresh access key of that user (already registered)."""
        parsed = Policy.parse(policy)
        with self.cloud.lock:
            if name in self.pipeline.ram_users:
                raise ValueError(f"RAM user {name!r} exists already")
            self.pipeline.ram_users[name] = parsed
            key_id, secret = self.pipeline.credentials.new_key_pair()
        return self.add_credentials(key_id, secret, ram_user=name)

    def credentials(self, access_key_id: str) -> Credentials | None:
        """The registered key ``access_key_id`` (mutable: ``.disabled = True``), or None."""
        return self.pipeline.credentials.get(access_key_id)

    # -- activation ------------------------------------------------------------------

    def start(self) -> FakeEcs:
        """Answer served requests (ECS and VPC endpoints, every transport) until ``stop``.

        Any number of fakes may be started and stopped in any order; the newest one
        started answers.
        """
        if not self._joined:
            INTERCEPTION.join(self.handle)
            self._joined = True
        return self

    @property
    def active(self) -> bool:
        """Whether this fake is started (answering when it is the newest started)."""
        return self._joined

    def stop(self) -> None:
        """Stop answering. When the last fake stops, the transports are released; one that
        refuses (aiohttp patched again after the fake) stays for a later ``stop`` and its
        error is raised, the others being released all the same.
        """
        self._joined = False
        INTERCEPTION.leave(self.handle)

    def __enter__(self) -> FakeEcs:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if self.strict and exc_type is None:
            self.verify()

    def __call__(self, func: F) -> F:
        """Decorate ``func`` to run with this fake active (the fake is not passed in)."""
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return run  # type: ignore[return-value]

    def check_invariants(self, quotas: bool = True) -> None:
        """Raise ``AssertionError`` if any simulator invariant is broken: no address (private,
        public or prefix) held twice, every ledger and count consistent with what holds it,
        references intact; with ``quotas``, no quota as it stands now exceeded (pass False
        after lowering a quota below what already exists)."""
        __tracebackhide__ = True
        self.cloud.check_invariants(quotas)

    def verify(self) -> None:
        """The strict checks: every fault was used and no created ENI is left."""
        __tracebackhide__ = True
        self.assert_all_faults_used()
        self.assert_no_leaked_enis()

    # -- failure injection -------------------------------------------------------------

    def inject_error(
        self,
        action: str,
        code: str,
        *,
        times: int | None = 1,
        probability: float | None = None,
        when: Predicate | None = None,
        message: str | None = None,
        status: int | None = None,
        after_effect: bool = False,
    ) -> FaultRule:
        """Answer ``action`` with the documented error ``code`` (``times=None``: every call).

        ``probability`` draws from the fake's seeded RNG; ``when`` is a predicate over the
        call's wire parameters; ``message`` and ``status`` default to the catalogue's.
        ``after_effect=True`` lets the operation happen first (the lost-response case).
        """
        self._check_action(action)
        return self.faults.add(
            faults.error_rule(
                action,
                code,
                times=times,
                probability=probability,
                when=when,
                message=message,
                status=status,
                after_effect=after_effect,
            )
        )

    def inject_latency(self, action: str, seconds: float, *, times: int | None = None) -> FaultRule:
        """Deliver answers to ``action`` ``seconds`` late (the transport really waits)."""
        self._check_action(action)
        if seconds < 0:
            raise ValueError(f"seconds must not be negative, not {seconds}")
        return self.faults.add(faults.LatencyRule(action, times=times, seconds=seconds))

    def inject_transport_error(
        self, action: str, kind: str = "connection", *, times: int | None = 1
    ) -> FaultRule:
        """Fail ``action`` in the network: ``kind`` is ``connection`` or ``timeout``.

        The request never reaches the service (nothing happens); the SDK raises its own
        transport exception. The call is logged with ``status_code=0`` and
        ``error_code=kind``.
        """
        self._check_action(action)
        if kind not in faults.TRANSPORT_KINDS:
            raise ValueError(f"kind must be one of {faults.TRANSPORT_KINDS}, not {kind!r}")
        return self.faults.add(faults.TransportRule(action, times=times, transport_kind=kind))

    def rate_limit(self, action: str, calls: int, per_seconds: float = 1.0) -> FaultRule:
        """Past ``calls`` calls of ``action`` per ``per_seconds`` (fake clock): ``Throttling``."""
        self._check_action(action)
        if calls < 0 or per_seconds <= 0:
            raise ValueError("rate_limit needs calls >= 0 and per_seconds > 0")
        return self.faults.add(
            faults.RateLimitRule(action, times=None, calls=calls, per_seconds=per_seconds)
        )

    def clear_faults(self) -> None:
        """Remove every injected fault and rate limit."""
        self.faults.clear()

    def _check_action(self, action: str) -> None:
        known: dict[str, object] = {}
        for product in served_products().values():
            known.update(product.operations)
        faults.check_action(action, known)

    # -- assertions ------------------------------------------------------------------

    def assert_eni_created(self, **attrs: Any) -> Eni:
        """Exactly one ENI has all of ``attrs`` (Eni attribute names); return it."""
        __tracebackhide__ = True
        return assertions.assert_eni_created(self.enis, attrs)

    def assert_no_eni_created(self) -> None:
        """No ENI was created through the API."""
        __tracebackhide__ = True
        created = [e for e in self.enis if e.network_interface_id in set(self.pipeline.created)]
        assertions.assert_no_eni_created(created, self.calls)

    def assert_no_leaked_enis(self) -> None:
        """Every ENI the test created through the API was deleted (or is being deleted)."""
        __tracebackhide__ = True
        created = set(self.pipeline.created)
        assertions.assert_no_leaked_enis(
            [e for e in self.enis if e.network_interface_id in created], self.calls
        )

    def assert_called(self, action: str, times: int | None = None, **params: Any) -> list[Call]:
        """``action`` was called ``times`` times (at least once when None) with ``params``."""
        __tracebackhide__ = True
        return assertions.assert_called(self.calls, action, times, params)

    def assert_not_called(self, action: str, **params: Any) -> None:
        """``action`` was never called (with ``params``, when given)."""
        __tracebackhide__ = True
        assertions.assert_called(self.calls, action, 0, params)

    def assert_all_faults_used(self) -> None:
        """Every injected fault fired (``times`` times, or at least once when None)."""
        __tracebackhide__ = True
        assertions.assert_all_faults_used(self.faults.unused(), self.calls)

    def calls_to(self, action: str) -> list[Call]:
        """The calls of ``action``, in order."""
        return [c for c in self.calls if c.action == action]

    @staticmethod
    def intercepts(url: str) -> bool:
        """True when the fake answers requests to ``url``."""
        return is_served_url(url)

    # -- tags ------------------------------------------------------------------------

    def tags(self, resource_id: str) -> dict[str, str]:
        """The tags of any resource (ENI, instance, security group, vSwitch, VPC): a copy of
        its entry in the one tag store every tag API reads and writes; {} when it has none."""
        with self.cloud.lock:
            return self.cloud.tags.of(resource_id)

    def assert_tagged(self, resource_id: str, **tags: str) -> dict[str, str]:
        """The resource has every one of ``tags`` (others may be there too); return its tags."""
        __tracebackhide__ = True
        from pytest_fake_eni.testing.tag_assertions import assert_tagged

        with self.cloud.lock:
            entry, known = self.cloud.tags.entry(resource_id), len(self.cloud.tags)
            return assert_tagged(resource_id, entry, tags, known)

    # -- elastic IP addresses ------------------------------------------------------------

    def add_public_ip_pool(self, cidr: str) -> None:
        """Add a public address pool EIPs are allocated from.

        A fresh fake allocates from ``203.0.113.0/24``; the first pool added replaces that
        default for new EIPs (a small pool makes ``OperationFailed.InsufficientEIP`` happen).
        """
        with self.cloud.lock:
            self.cloud.eips.add_pool(cidr)

    def assert_eip_associated(self, eni_id: str, private_ip: str | None = None) -> Eip:
        """An ``InUse`` EIP points at ``eni_id`` (at ``private_ip`` when given); return it."""
        from pytest_fake_eni.testing.eip_assertions import assert_eip_associated

        __tracebackhide__ = True
        return assert_eip_associated(self.cloud, eni_id, private_ip)

    # -- instance types (issue 14) ------------------------------------------------------

    def add_instance_type(self, instance_type_id: str, **fields: Any) -> InstanceType:
        """Add an instance type, or override fields of a built-in or added one.

        ``fields`` are DescribeInstanceTypes' names, e.g. ``EniQuantity=4,
        EniPrivateIpAddressQuantity=10, EniIpv6AddressQuantity=10, EniTrunkSupported=True``;
        a new type needs ``EniQuantity``. Instances launched afterwards take these limits.
        """
        with self.cloud.lock:
            return self.cloud.instance_types.add(instance_type_id, **fields)

    # -- where the fake follows what the service was seen to answer -------------------

    @property
    def expired_token_as_invalid_parameter(self) -> bool:
        """Answer an expired STS token ``InvalidParameter`` ("SecurityToken.Expired"), the form
        one ECS caller saw, instead of ``InvalidSecurityToken.Expired`` (the default)."""
        return self.pipeline.credentials.expired_token_as_invalid_parameter

    @expired_token_as_invalid_parameter.setter
    def expired_token_as_invalid_parameter(self, value: bool) -> None:
        self.pipeline.credentials.expired_token_as_invalid_parameter = value

    @property
    def address_reuse_delay(self) -> float:
        """Seconds (fake clock) a freed private IPv4 address stays out of use: kept out of
        automatic allocation and answering ``InvalidPrivateIpAddress.Duplicated`` to a request
        naming it until then. 0 (the default): reusable at once."""
        return self.cloud.cooling.delay

    @address_reuse_delay.setter
    def address_reuse_delay(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"address_reuse_delay must not be negative, not {seconds}")
        with self.cloud.lock:
            self.cloud.cooling.delay = float(seconds)

    def __repr__(self) -> str:
        return (
            f"<FakeEcs region={self.region_id} enis={len(self.cloud.enis)} calls={len(self.calls)}>"
        )
