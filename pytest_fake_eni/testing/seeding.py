"""A state document: VPCs, vSwitches, security groups, quotas and faults, as JSON or TOML.

The same document seeds a server at start (``pytest-fake-eni serve --state FILE``) and at
run time (``POST /_fake/state``). Resources get generated ids; give them a ``name`` to
find them again (the answer maps each name to its id, and ``GET /_fake/state`` lists them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs

FAULT_METHODS = {
    "error": "inject_error",
    "latency": "inject_latency",
    "transport": "inject_transport_error",
    "rate_limit": "rate_limit",
}
"""A fault's ``type`` to the ``FakeEcs`` method that installs it."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VSwitchSpec(_Strict):
    """A vSwitch to add; ``vpc`` (top level only): a VPC name or id, else the default VPC."""

    cidr_block: str
    name: str = ""
    zone_id: str | None = None
    available_ip_count: int | None = None
    vpc: str | None = None


class SecurityGroupSpec(_Strict):
    """A security group to add; ``vpc`` as for vSwitches."""

    name: str = ""
    vpc: str | None = None


class VpcSpec(_Strict):
    """A VPC to add, with the vSwitches and security groups inside it."""

    cidr_block: str = "10.0.0.0/8"
    name: str = ""
    region_id: str | None = None
    vswitches: list[VSwitchSpec] = Field(default_factory=list)
    security_groups: list[SecurityGroupSpec] = Field(default_factory=list)


class StateDocument(_Strict):
    """The whole document. ``seed`` and ``region_id`` only apply when a server starts."""

    seed: int | str | None = None
    region_id: str | None = None
    quotas: dict[str, int] = Field(default_factory=dict)
    vpcs: list[VpcSpec] = Field(default_factory=list)
    vswitches: list[VSwitchSpec] = Field(default_factory=list)
    security_groups: list[SecurityGroupSpec] = Field(default_factory=list)
    instances: list[dict[str, Any]] = Field(default_factory=list)
    faults: list[dict[str, Any]] = Field(default_factory=list)


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
    """Validate a decoded document."""
    try:
        return StateDocument.model_validate(raw)
    except ValidationError as err:
        raise ValueError(f"{source}: {err}") from None


def apply_state(fake: FakeEcs, doc: StateDocument) -> dict[str, str]:
    """Add what ``doc`` describes to ``fake``; return each named resource's id by name."""
    names: dict[str, str] = {}
    for key, value in doc.quotas.items():
        if not hasattr(fake.quotas, key):
            raise ValueError(f"unknown quota {key!r}; known: {sorted(vars(fake.quotas))}")
        setattr(fake.quotas, key, value)
    for vpc_spec in doc.vpcs:
        vpc = fake.add_vpc(vpc_spec.cidr_block, vpc_spec.region_id)
        _name(names, vpc, vpc_spec.name, vpc.vpc_id)
        for vsw_spec in vpc_spec.vswitches:
            _add_vswitch(fake, names, vsw_spec, vpc.vpc_id)
        for sg_spec in vpc_spec.security_groups:
            _add_security_group(fake, names, sg_spec, vpc.vpc_id)
    for vsw_spec in doc.vswitches:
        _add_vswitch(fake, names, vsw_spec, _vpc_id(fake, names, vsw_spec.vpc))
    for sg_spec in doc.security_groups:
        _add_security_group(fake, names, sg_spec, _vpc_id(fake, names, sg_spec.vpc))
    for instance in doc.instances:
        add_instance(fake, dict(instance))
    for fault in doc.faults:
        add_fault(fake, dict(fault))
    return names


def add_instance(fake: FakeEcs, spec: dict[str, Any]) -> Any:
    """``fake.add_instance(**spec)``: an instance with its own primary ENI."""
    return fake.add_instance(**spec)


def add_fault(fake: FakeEcs, spec: dict[str, Any]) -> Any:
    """Install one fault: ``{"type": "error", "action": ..., "code": ..., ...}``.

    ``type`` is ``error``, ``latency``, ``transport`` or ``rate_limit``; the other keys are
    the arguments of the matching ``FakeEcs`` method. ``when``, a predicate in Python, is
    here a dict of wire parameters the call must carry.
    """
    kind = spec.pop("type", "error")
    method_name = FAULT_METHODS.get(kind)
    if method_name is None:
        raise ValueError(f"unknown fault type {kind!r}; known: {sorted(FAULT_METHODS)}")
    method = getattr(fake, method_name)
    when = spec.get("when")
    if isinstance(when, dict):
        wanted = {str(k): str(v) for k, v in when.items()}
        spec["when"] = lambda params: all(params.get(k) == v for k, v in wanted.items())
    try:
        return method(**spec)
    except TypeError as err:  # a misspelt or missing argument
        raise ValueError(f"fault {kind!r}: {err}") from None


def _name(names: dict[str, str], resource: Any, name: str, resource_id: str) -> None:
    if name:
        if name in names:
            raise ValueError(f"name {name!r} is used twice")
        resource.name = name
        names[name] = resource_id


def _add_vswitch(fake: FakeEcs, names: dict[str, str], spec: VSwitchSpec, vpc_id: str) -> None:
    vsw = fake.add_vswitch(vpc_id, spec.cidr_block, spec.zone_id, spec.available_ip_count)
    _name(names, vsw, spec.name, vsw.vswitch_id)


def _add_security_group(
    fake: FakeEcs, names: dict[str, str], spec: SecurityGroupSpec, vpc_id: str
) -> None:
    sg = fake.add_security_group(vpc_id)
    _name(names, sg, spec.name, sg.security_group_id)


def _vpc_id(fake: FakeEcs, names: dict[str, str], ref: str | None) -> str:
    if ref is None:
        return fake.default_vpc.vpc_id
    return names.get(ref, ref)
