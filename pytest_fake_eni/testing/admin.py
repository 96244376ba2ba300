"""The admin API under ``/_fake/``: drive a served ``FakeEcs`` over HTTP with JSON.

What moto's ``/moto-api`` is to moto: a test suite in any language resets the fake, seeds
it, lowers quotas, injects faults and reads the call log and the ENIs. Every answer is
JSON; a mistake gets a 4xx with ``{"error": "..."}``.
The routes are listed in :data:`ROUTES` and in the README.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pytest_fake_eni.testing import seeding
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs
    from pytest_fake_eni.testing.faults import FaultRule

PREFIX = "/_fake/"
"""The reserved path prefix; no ECS request uses it."""

_Route = Callable[["AdminApi", Any], Any]


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
        path = urlsplit(request.url).path[len(PREFIX) :].strip("/")
        try:
            routes = ROUTES.get(path)
            if routes is None:
                raise AdminError(404, f"no admin route /_fake/{path}; routes: {_route_list()}")
            route = routes.get(request.method)
            if route is None:
                raise AdminError(405, f"/_fake/{path} takes {sorted(routes)}")
            return _json(200, route(self, _body(request)))
        except AdminError as err:
            return _json(err.status, {"error": str(err)})
        except KeyError as err:
            return _json(400, {"error": f"missing field {err}"})
        except (ValueError, TypeError) as err:
            return _json(400, {"error": str(err)})

    # -- routes ------------------------------------------------------------------------

    def health(self, _: Any) -> dict[str, Any]:
        """GET health: the server is up."""
        return {"status": "ok"}

    def reset(self, _: Any) -> dict[str, Any]:
        """POST reset: back to a fresh fake; the new state."""
        self.fake.reset()
        return self.state(None)

    def state(self, _: Any) -> dict[str, Any]:
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

    def seed(self, body: Any) -> dict[str, Any]:
        """POST state: add a state document; its names and the new state."""
        doc = seeding.parse_state(body or {}, source="request body")
        names = seeding.apply_state(self.fake, doc)
        return {"names": names, **self.state(None)}

    def add_vpc(self, body: Any) -> dict[str, Any]:
        """POST vpcs: add a VPC."""
        spec = _object(body)
        return dataclasses.asdict(
            self.fake.add_vpc(spec.get("cidr_block", "10.0.0.0/8"), spec.get("region_id"))
        )

    def add_vswitch(self, body: Any) -> dict[str, Any]:
        """POST vswitches: add a vSwitch (in the default VPC unless ``vpc_id``)."""
        spec = _object(body)
        vsw = self.fake.add_vswitch(
            spec.get("vpc_id") or self.fake.default_vpc.vpc_id,
            spec["cidr_block"],
            spec.get("zone_id"),
            spec.get("available_ip_count"),
        )
        return vswitch_json(vsw)

    def add_security_group(self, body: Any) -> dict[str, Any]:
        """POST security-groups: add a security group."""
        spec = _object(body)
        sg = self.fake.add_security_group(spec.get("vpc_id") or self.fake.default_vpc.vpc_id)
        return dataclasses.asdict(sg)

    def add_instance(self, body: Any) -> Any:
        """POST instances: add an instance, where the fake has them."""
        return _plain(seeding.add_instance(self.fake, _object(body)))

    def quotas(self, _: Any) -> dict[str, Any]:
        """GET quotas."""
        return dataclasses.asdict(self.fake.quotas)

    def set_quotas(self, body: Any) -> dict[str, Any]:
        """PUT or POST quotas: change the ones named."""
        seeding.apply_state(self.fake, seeding.parse_state({"quotas": _object(body)}))
        return self.quotas(None)

    def add_fault(self, body: Any) -> dict[str, Any]:
        """POST faults: install one fault rule."""
        return fault_json(seeding.add_fault(self.fake, _object(body)))

    def faults(self, _: Any) -> list[dict[str, Any]]:
        """GET faults: the rules, with their hits."""
        return [fault_json(rule) for rule in list(self.fake.faults.rules)]

    def clear_faults(self, _: Any) -> list[dict[str, Any]]:
        """DELETE faults: remove every rule."""
        self.fake.clear_faults()
        return []

    def calls(self, _: Any) -> list[dict[str, Any]]:
        """GET calls: the call log."""
        return [_plain(c) for c in list(self.fake.calls)]

    def enis(self, _: Any) -> list[dict[str, Any]]:
        """GET enis: the ENIs that exist."""
        return [_plain(e) for e in self.fake.enis]


ROUTES: dict[str, dict[str, _Route]] = {
    "health": {"GET": AdminApi.health},
    "reset": {"POST": AdminApi.reset},
    "state": {"GET": AdminApi.state, "POST": AdminApi.seed},
    "vpcs": {"POST": AdminApi.add_vpc},
    "vswitches": {"POST": AdminApi.add_vswitch},
    "security-groups": {"POST": AdminApi.add_security_group},
    "instances": {"POST": AdminApi.add_instance},
    "quotas": {"GET": AdminApi.quotas, "POST": AdminApi.set_quotas, "PUT": AdminApi.set_quotas},
    "faults": {
        "GET": AdminApi.faults,
        "POST": AdminApi.add_fault,
        "DELETE": AdminApi.clear_faults,
    },
    "calls": {"GET": AdminApi.calls},
    "enis": {"GET": AdminApi.enis},
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


def _object(body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise AdminError(400, "the body must be a JSON object")
    return dict(body)


def _json(status: int, value: Any) -> HttpResponse:
    body = json.dumps(value, ensure_ascii=False).encode()
    return HttpResponse(status, {"content-type": "application/json;charset=utf-8"}, body)


def _route_list() -> list[str]:
    return [f"{m} /_fake/{p}" for p, methods in ROUTES.items() for m in methods]
