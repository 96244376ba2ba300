"""A state document: VPCs, vSwitches, security groups, quotas and faults, as JSON or TOML.

The same document seeds a server at start (``pytest-fake-eni serve --state FILE``) and at
run time (``POST /_fake/state``). Resources get generated ids; give them a ``name`` to
find them again (the answer maps each name to its id, and ``GET /_fake/state`` lists them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

if TYPE_CHECKING:
    from pytest_fake_eni.cloud.resources import Instance
    from pytest_fake_eni.cloud.state import SecurityGroup, Vpc, VSwitch
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.faults import FaultRule, Predicate

FAULT_METHODS = {
    "error": "inject_error",
    "latency": "inject_latency",
    "transport": "inject_transport_error",
    "rate_limit": "rate_limit",
}
"""A fault's ``type`` to the ``FakeEcs`` method that installs it."""

Count = Annotated[int, Field(ge=0)]
Times = Annotated[int, Field(ge=1)]


class _Strict(BaseModel):
    # JSON and TOML carry their types: a number where a string belongs is a mistake.
    model_config = ConfigDict(extra="forbid", strict=True)


class VSwitchSpec(_Strict):
    """A vSwitch to add; ``vpc`` (top level only): a VPC name or id, else the default VPC."""

    cidr_block: str
    name: str = ""
    zone_id: str | None = None
    available_ip_count: Count | None = None
    status: Literal["Available", "Pending"] = "Available"
    ipv6_cidr_block: str | None = None
    reserved_cidr_blocks: list[str] = Field(default_factory=list)
    vpc: str | None = None


class VSwitchBody(VSwitchSpec):
    """``POST /_fake/vswitches``: a vSwitch in ``vpc_id`` (else ``vpc``, else the default VPC)."""

    vpc_id: str | None = None


class SecurityGroupSpec(_Strict):
    """A security group to add; ``vpc`` as for vSwitches; the rest as ``add_security_group``."""

    name: str = ""
    vpc: str | None = None
    type: Literal["normal", "enterprise"] = "normal"
    network: Literal["vpc", "classic"] = "vpc"
    managed_by: str | None = None
    max_instances: Count | None = None
    rule_count: Count = 0


class SecurityGroupBody(SecurityGroupSpec):
    """``POST /_fake/security-groups``: a security group in ``vpc_id`` (else as ``vpc``)."""

    vpc_id: str | None = None


class VpcSpec(_Strict):
    """A VPC to add, with the vSwitches and security groups inside it."""

    cidr_block: str = "10.0.0.0/8"
    name: str = ""
    region_id: str | None = None
    vswitches: list[VSwitchSpec] = Field(default_factory=list)
    security_groups: list[SecurityGroupSpec] = Field(default_factory=list)


class InstanceSpec(_Strict):
    """An instance to add: the arguments of ``FakeEcs.add_instance``."""

    vswitch_id: str | None = None
    instance_type: str = "ecs.g7.large"
    security_group_ids: list[str] | None = None
    status: Literal["Pending", "Starting", "Running", "Stopping", "Stopped"] = "Running"
    max_enis: Times = 3
    max_private_ips_per_eni: Times = 10


class _Fault(_Strict):
    action: str


class ErrorFault(_Fault):
    """``type = "error"``: the arguments of ``inject_error``; ``when`` as wire parameters."""

    type: Literal["error"] = "error"
    code: str
    times: Times | None = 1
    probability: Annotated[float, Field(ge=0, le=1)] | None = None
    when: dict[str, str | int] | None = None
    """Wire parameters the call must carry (values compared as text)."""
    message: str | None = None
    status: Annotated[int, Field(ge=400, le=599)] | None = None
    after_effect: bool = False


class LatencyFault(_Fault):
    """``type = "latency"``: the arguments of ``inject_latency``."""

    type: Literal["latency"]
    seconds: Annotated[float, Field(ge=0)]
    times: Times | None = None


class TransportFaultSpec(_Fault):
    """``type = "transport"``: the arguments of ``inject_transport_error``."""

    type: Literal["transport"]
    kind: Literal["connection", "timeout"] = "connection"
    times: Times | None = 1


class RateLimitFault(_Fault):
    """``type = "rate_limit"``: the arguments of ``rate_limit``."""

    type: Literal["rate_limit"]
    calls: Count
    per_seconds: Annotated[float, Field(gt=0)] = 1.0


AnyFault = ErrorFault | LatencyFault | TransportFaultSpec | RateLimitFault
FaultSpec = Annotated[AnyFault, Field(discriminator="type")]
"""One fault rule, by its ``type`` (``error`` when none is given)."""

Quotas = dict[str, Count]
"""``Quotas`` attribute names to their new values."""


class StateDocument(_Strict):
    """The whole document. ``seed`` and ``region_id`` only apply when a server starts."""

    seed: int | str | None = None
    region_id: str | None = None
    quotas: Quotas = Field(default_factory=dict)
    vpcs: list[VpcSpec] = Field(default_factory=list)
    vswitches: list[VSwitchSpec] = Field(default_factory=list)
    security_groups: list[SecurityGroupSpec] = Field(default_factory=list)
    instances: list[InstanceSpec] = Field(default_factory=list)
    faults: list[FaultSpec] = Field(default_factory=list)

    @field_validator("faults", mode="before")
    @classmethod
    def _fault_types(cls, faults: Any) -> Any:
        return [_typed_fault(f) for f in faults] if isinstance(faults, list) else faults


M = TypeVar("M", bound=BaseModel)
_FAULT: TypeAdapter[AnyFault] = TypeAdapter(FaultSpec)


def parse(model: type[M], raw: Any, source: str) -> M:
    """``raw`` validated as ``model``; ``ValueError`` naming each wrong field and why."""
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise ValueError(f"{source}: {explain(err)}") from None


def explain(err: ValidationError) -> str:
    """A validation error in one line, each problem naming its field: ``field 'a.b': ...``."""
    problems = []
    for item in err.errors(include_url=False):  # include_input is pydantic 2.4+: unused here
        # A fault's type tag is in the path of its errors: leave it out, the body names it.
        path = [str(part) for part in item["loc"] if part not in FAULT_METHODS]
        where = ".".join(path)
        if item["type"] == "missing":
            problems.append(f"missing field {where!r}")
        elif item["type"] == "extra_forbidden":
            problems.append(f"unexpected field {where!r}")
        else:
            problems.append(f"field {where!r}: {item['msg']}" if where else item["msg"])
    return "; ".join(problems)


def _typed_fault(raw: Any) -> Any:
    """A fault without ``type`` is an ``error``; an unknown ``type`` is named as such."""
    if not isinstance(raw, dict):
        return raw
    kind = raw.get("type", "error")
    if not isinstance(kind, str) or kind not in FAULT_METHODS:
        raise ValueError(f"unknown fault type {kind!r}; known: {sorted(FAULT_METHODS)}")
    return {**raw, "type": kind}


def read_state_file(path: str | Path) -> StateDocument:
    """Parse a ``.json`` or ``.toml`` state file; ``ValueError`` says what is wrong."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".toml":
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover - Python 3.10
                import tomli as tomllib
            raw: Any = tomllib.loads(text)
        else:
            raw = json.loads(text)
    except ValueError as err:
        raise ValueError(f"{path}: not valid {path.suffix.lstrip('.') or 'JSON'}: {err}") from None
    return parse_state(raw, source=str(path))


def parse_state(raw: Any, source: str = "state") -> StateDocument:
    """Validate a decoded document; ``ValueError`` names each wrong field."""
    return parse(StateDocument, raw, source)


def parse_fault(raw: Any, source: str = "fault") -> AnyFault:
    """Validate one fault rule (``type`` ``error`` unless given)."""
    try:
        return _FAULT.validate_python(_typed_fault(raw))
    except ValidationError as err:
        raise ValueError(f"{source}: {explain(err)}") from None


def apply_state(fake: FakeEcs, doc: StateDocument) -> dict[str, str]:
    """Add what ``doc`` describes to ``fake``; return each named resource's id by name."""
    names: dict[str, str] = {}
    set_quotas(fake, doc.quotas)
    for vpc_spec in doc.vpcs:
        add_vpc(fake, names, vpc_spec)
    for vsw_spec in doc.vswitches:
        add_vswitch(fake, names, vsw_spec)
    for sg_spec in doc.security_groups:
        add_security_group(fake, names, sg_spec)
    for instance in doc.instances:
        add_instance(fake, instance)
    for fault in doc.faults:
        add_fault(fake, fault)
    return names


def set_quotas(fake: FakeEcs, quotas: Quotas) -> None:
    """Set the quotas named (all checked first: an unknown name changes nothing)."""
    for key in quotas:
        if key.startswith("_") or not hasattr(fake.quotas, key):
            raise ValueError(f"unknown quota {key!r}; known: {sorted(vars(fake.quotas))}")
    for key, value in quotas.items():
        setattr(fake.quotas, key, value)


def add_vpc(fake: FakeEcs, names: dict[str, str], spec: VpcSpec) -> Vpc:
    """Add a VPC with the vSwitches and security groups inside it."""
    vpc = fake.add_vpc(spec.cidr_block, spec.region_id)
    _name(names, vpc, spec.name, vpc.vpc_id)
    for vsw_spec in spec.vswitches:
        add_vswitch(fake, names, vsw_spec, vpc.vpc_id)
    for sg_spec in spec.security_groups:
        add_security_group(fake, names, sg_spec, vpc.vpc_id)
    return vpc


def add_vswitch(
    fake: FakeEcs, names: dict[str, str], spec: VSwitchSpec, vpc_id: str | None = None
) -> VSwitch:
    """Add a vSwitch in ``vpc_id`` (else the VPC ``spec`` names, else the default VPC)."""
    from netaddr import AddrFormatError

    try:
        vsw = fake.add_vswitch(
            vpc_id or _vpc_id(fake, names, spec),
            spec.cidr_block,
            spec.zone_id,
            spec.available_ip_count,
            status=spec.status,
            ipv6_cidr_block=spec.ipv6_cidr_block,
            reserved_cidr_blocks=spec.reserved_cidr_blocks,
        )
    except AddrFormatError:  # netaddr's, not a ValueError: only the IPv6 CIDR gets there
        raise ValueError(f"ipv6_cidr_block {spec.ipv6_cidr_block!r} is not an IPv6 CIDR") from None
    _name(names, vsw, spec.name, vsw.vswitch_id)
    return vsw


def add_security_group(
    fake: FakeEcs, names: dict[str, str], spec: SecurityGroupSpec, vpc_id: str | None = None
) -> SecurityGroup:
    """Add a security group in ``vpc_id`` (else as for vSwitches)."""
    sg = fake.add_security_group(
        vpc_id or _vpc_id(fake, names, spec),
        type=spec.type,
        network=spec.network,
        managed_by=spec.managed_by,
        max_instances=spec.max_instances,
        rule_count=spec.rule_count,
    )
    _name(names, sg, spec.name, sg.security_group_id)
    return sg


def add_instance(fake: FakeEcs, spec: InstanceSpec) -> Instance:
    """``fake.add_instance(...)``: an instance with its own primary ENI."""
    return fake.add_instance(**spec.model_dump())


def add_fault(fake: FakeEcs, spec: AnyFault) -> FaultRule:
    """Install one validated fault rule with the ``FakeEcs`` method of its ``type``.

    ``when``, a predicate in Python, is here the wire parameters the call must carry.
    """
    if isinstance(spec, LatencyFault):
        return fake.inject_latency(spec.action, spec.seconds, times=spec.times)
    if isinstance(spec, TransportFaultSpec):
        return fake.inject_transport_error(spec.action, spec.kind, times=spec.times)
    if isinstance(spec, RateLimitFault):
        return fake.rate_limit(spec.action, spec.calls, spec.per_seconds)
    return fake.inject_error(
        spec.action,
        spec.code,
        times=spec.times,
        probability=spec.probability,
        when=None if spec.when is None else _carries(spec.when),
        message=spec.message,
        status=spec.status,
        after_effect=spec.after_effect,
    )


def _carries(when: dict[str, str | int]) -> Predicate:
    wanted = {key: str(value) for key, value in when.items()}
    return lambda params: all(params.get(k) == v for k, v in wanted.items())


def _name(names: dict[str, str], resource: Any, name: str, resource_id: str) -> None:
    if name:
        if name in names:
            raise ValueError(f"name {name!r} is used twice")
        resource.name = name
        names[name] = resource_id


def _vpc_id(fake: FakeEcs, names: dict[str, str], spec: VSwitchSpec | SecurityGroupSpec) -> str:
    explicit = getattr(spec, "vpc_id", None)
    if explicit:
        return str(explicit)
    if spec.vpc is None:
        return fake.default_vpc.vpc_id
    return names.get(spec.vpc, spec.vpc)
