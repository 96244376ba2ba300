"""The admin API under ``/_fake/``: drive a served ``FakeEcs`` over HTTP with JSON.

What moto's ``/moto-api`` is to moto: a test suite in any language resets the fake, seeds
it, lowers quotas, injects faults and reads the call log and the ENIs. Every answer is
JSON (the dashboard's page and files under ``/_fake/ui`` aside); a mistake gets a 4xx with
``{"error": "..."}`` naming the field that is wrong. Bodies are validated by the models of
:mod:`pytest_fake_eni.testing.seeding` before anything changes.
The routes are listed in :data:`ROUTES` and in the README.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ConfigDict, Field

from pytest_fake_eni.testing import dashboard, seeding
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.faults import FaultRule

PREFIX = "/_fake/"
"""The reserved path prefix; no ECS request uses it."""

UI_PATH = PREFIX + "ui"
"""The live dashboard's page."""


@dataclasses.dataclass(frozen=True)
class AdminRequest:
    """One admin request, decoded: its route, JSON body (None when empty) and query."""

    path: str
    body: Any
    query: dict[str, str]


_Route = Callable[["AdminApi", AdminRequest], Any]


class CallsQuery(BaseModel):
    """``GET /_fake/calls?action=&error=&limit=``: which calls to list."""

    model_config = ConfigDict(extra="forbid")
    action: str | None = None
    error: str | None = None
    """``any``: errors only; ``none``: successes only; else that error code."""
    limit: int | None = Field(default=None, ge=0)
    """Only the last ``limit`` matching calls."""


class AdminError(Exception):
    """A request the admin API refuses, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


class AdminApi:
    """Answer ``/_fake/...`` requests for ``fake``."""

    def __init__(self, fake: FakeEcs) -> None:
        self.fake = fake

    @staticmethod
    def owns(request: HttpRequest) -> bool:
        """True for a request to the admin API."""
        path = urlsplit(request.url).path
        return path.startswith(PREFIX) or path == PREFIX.rstrip("/")

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one admin request."""
        url = urlsplit(request.url)
        path = url.path[len(PREFIX) :].strip("/")
        try:
            routes = ROUTES.get(path)
            if routes is None:
                raise AdminError(404, f"no admin route /_fake/{path}; routes: {_route_list()}")
            route = routes.get(request.method)
            if route is None:
                raise AdminError(405, f"/_fake/{path} takes {sorted(routes)}")
            query = dict(parse_qsl(url.query, keep_blank_values=True))
            answer = route(self, AdminRequest(path, _body(request), query))
            return answer if isinstance(answer, HttpResponse) else _json(200, answer)
        except AdminError as err:
            return _json(err.status, {"error": str(err)})
        except ValueError as err:  # the models' and the fake's own refusals say what is wrong
            return _json(400, {"error": str(err)})

    # -- routes ------------------------------------------------------------------------

    def health(self, _: AdminRequest) -> dict[str, Any]:
        """GET health: the server is up."""
        return {"status": "ok"}

    def reset(self, _: AdminRequest) -> dict[str, Any]:
        """POST reset: back to a fresh fake; the new state."""
        self.fake.reset()
        return self.state(None)

    def state(self, _: AdminRequest | None) -> dict[str, Any]:
        """GET state: regions, VPCs, vSwitches, security groups, quotas, default ids."""
        fake = self.fake
        with fake.cloud.lock:
            cloud = fake.cloud
            return {
                "region_id": fake.region_id,
                "account_id": fake.account_id,
                "default_vpc_id": fake.default_vpc.vpc_id,
                "default_vswitch_id": fake.default_vswitch.vswitch_id,
                "default_security_group_id": fake.default_security_group.security_group_id,
                "regions": [dataclasses.asdict(r) for r in cloud.regions.values()],
                "vpcs": [dataclasses.asdict(v) for v in cloud.vpcs.values()],
                "vswitches": [vswitch_json(v) for v in cloud.vswitches.values()],
                "security_groups": [dataclasses.asdict(s) for s in cloud.security_groups.values()],
                "quotas": dataclasses.asdict(fake.quotas),
            }

    def seed(self, given: AdminRequest) -> dict[str, Any]:
        """POST state: add a state document; its names and the new state."""
        doc = seeding.parse_state(_object(given.body), source="POST /_fake/state")
        names = seeding.apply_state(self.fake, doc)
        return {"names": names, **self.state(None)}

    def add_vpc(self, given: AdminRequest) -> dict[str, Any]:
        """POST vpcs: add a VPC (with the vSwitches and security groups it lists)."""
        spec = seeding.parse(seeding.VpcSpec, _object(given.body), "POST /_fake/vpcs")
        return dataclasses.asdict(seeding.add_vpc(self.fake, {}, spec))

    def add_vswitch(self, given: AdminRequest) -> dict[str, Any]:
        """POST vswitches: add a vSwitch (in the default VPC unless ``vpc_id``)."""
        spec = seeding.parse(seeding.VSwitchBody, _object(given.body), "POST /_fake/vswitches")
        return vswitch_json(seeding.add_vswitch(self.fake, {}, spec))

    def vswitches(self, _: AdminRequest) -> list[dict[str, Any]]:
        """GET vswitches: every vSwitch."""
        with self.fake.cloud.lock:
            return [vswitch_json(v) for v in self.fake.cloud.vswitches.values()]

    def add_security_group(self, given: AdminRequest) -> dict[str, Any]:
        """POST security-groups: add a security group."""
        source = "POST /_fake/security-groups"
        spec = seeding.parse(seeding.SecurityGroupBody, _object(given.body), source)
        return dataclasses.asdict(seeding.add_security_group(self.fake, {}, spec))

    def add_instance(self, given: AdminRequest) -> Any:
        """POST instances: add an instance, where the fake has them."""
        spec = seeding.parse(seeding.InstanceSpec, _object(given.body), "POST /_fake/instances")
        return _plain(seeding.add_instance(self.fake, spec))

    def instances(self, _: AdminRequest) -> list[dict[str, Any]]:
        """GET instances: the instances that exist."""
        return [_plain(i) for i in self.fake.instances]

    def quotas(self, _: AdminRequest | None) -> dict[str, Any]:
        """GET quotas."""
        return dataclasses.asdict(self.fake.quotas)

    def set_quotas(self, given: AdminRequest) -> dict[str, Any]:
        """PUT or POST quotas: change the ones named."""
        doc = seeding.parse_state({"quotas": _object(given.body)}, "quotas")
        seeding.set_quotas(self.fake, doc.quotas)
        return self.quotas(None)

    def add_fault(self, given: AdminRequest) -> dict[str, Any]:
        """POST faults: install one fault rule (refused unless it can be evaluated)."""
        spec = seeding.parse_fault(_object(given.body), "POST /_fake/faults")
        return fault_json(seeding.add_fault(self.fake, spec))

    def faults(self, _: AdminRequest) -> list[dict[str, Any]]:
        """GET faults: the rules, with their hits."""
        return [fault_json(rule) for rule in list(self.fake.faults.rules)]

    def clear_faults(self, _: AdminRequest) -> list[dict[str, Any]]:
        """DELETE faults: remove every rule."""
        self.fake.clear_faults()
        return []

    def calls(self, given: AdminRequest) -> list[dict[str, Any]]:
        """GET calls: the call log, oldest first, each with its ``index`` in the log.

        Query: ``action`` (exact), ``error`` (``any``, ``none`` or a code), ``limit`` (the
        last N matching).
        """
        query = seeding.parse(CallsQuery, given.query, "GET /_fake/calls")
        chosen = dashboard.select_calls(list(self.fake.calls), query.action, query.error,
                                        query.limit)  # fmt: skip
        return [{"index": index, **_plain(call)} for index, call in chosen]

    def call_summary(self, _: AdminRequest) -> dict[str, Any]:
        """GET calls/summary: how many calls, per action and per error code."""
        return dashboard.call_summary(list(self.fake.calls))

    def enis(self, _: AdminRequest) -> list[dict[str, Any]]:
        """GET enis: the ENIs that exist."""
        return [_plain(e) for e in self.fake.enis]

    def occupancy(self, _: AdminRequest) -> list[dict[str, Any]]:
        """GET occupancy: each vSwitch's address map (see ``dashboard.vswitch_map``)."""
        with self.fake.cloud.lock:
            return dashboard.occupancy(self.fake.cloud)

    def ui(self, given: AdminRequest) -> HttpResponse:
        """GET ui (and its files): the live dashboard."""
        return dashboard.asset(given.path)


ROUTES: dict[str, dict[str, _Route]] = {
    "health": {"GET": AdminApi.health},
    "reset": {"POST": AdminApi.reset},
    "state": {"GET": AdminApi.state, "POST": AdminApi.seed},
    "vpcs": {"POST": AdminApi.add_vpc},
    "vswitches": {"GET": AdminApi.vswitches, "POST": AdminApi.add_vswitch},
    "security-groups": {"POST": AdminApi.add_security_group},
    "instances": {"GET": AdminApi.instances, "POST": AdminApi.add_instance},
    "quotas": {"GET": AdminApi.quotas, "POST": AdminApi.set_quotas, "PUT": AdminApi.set_quotas},
    "faults": {
        "GET": AdminApi.faults,
        "POST": AdminApi.add_fault,
        "DELETE": AdminApi.clear_faults,
    },
    "calls": {"GET": AdminApi.calls},
    "calls/summary": {"GET": AdminApi.call_summary},
    "enis": {"GET": AdminApi.enis},
    "occupancy": {"GET": AdminApi.occupancy},
    **{path: {"GET": AdminApi.ui} for path in dashboard.ASSETS},
}
"""Path (under ``/_fake/``) to HTTP method to handler."""


def vswitch_json(vsw: Any) -> dict[str, Any]:
    """A vSwitch as JSON: its ledger reduced to CIDR and free count."""
    return {
        "vswitch_id": vsw.vswitch_id,
        "vpc_id": vsw.vpc_id,
        "region_id": vsw.region_id,
        "zone_id": vsw.zone_id,
        "cidr_block": vsw.cidr_block,
        "available_ip_count": vsw.available_ip_count,
        "status": vsw.status,
        "name": vsw.name,
    }


def fault_json(rule: FaultRule) -> dict[str, Any]:
    """A fault rule as JSON, ``hits`` included; ``when`` only says whether it is set."""
    fields = {f.name: getattr(rule, f.name) for f in dataclasses.fields(rule)}
    fields["when"] = rule.when is not None
    return dict(_plain(fields))


def _plain(value: Any) -> Any:
    """A dataclass (``Eni``, ``Call``, ...) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json.loads(json.dumps(dataclasses.asdict(value), default=str))
    return json.loads(json.dumps(value, default=str))


def _body(request: HttpRequest) -> Any:
    if not request.body.strip():
        return None
    try:
        return json.loads(request.body)
    except ValueError as err:
        raise AdminError(400, f"the body is not JSON: {err}") from None
    except RecursionError:  # the parser recurses per nesting level
        raise AdminError(400, "the body is not JSON the fake reads: it nests too deep") from None


def _object(body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise AdminError(400, "the body must be a JSON object")
    return dict(body)


def _json(status: int, value: Any) -> HttpResponse:
    body = json.dumps(value, ensure_ascii=False).encode()
    headers = {
        "content-type": "application/json;charset=utf-8",
        "x-content-type-options": "nosniff",
    }
    return HttpResponse(status, headers, body)


def _route_list() -> list[str]:
    return [f"{m} /_fake/{p}" for p, methods in ROUTES.items() for m in methods]
