"""The request pipeline: the one place a request is handled, in order.

decode -> transport faults -> resolve product and action -> authenticate -> authorize
-> throttle and injected faults -> the operation (under the cloud's lock, transitions
settled once) -> after-effect faults -> encode -> call log -> latency.

``FakeEcs`` owns a ``Pipeline`` and seeds its state; every transport hands requests to
``Pipeline.handle``. The pipeline knows the layers below it (wire, api, cloud) and the
fault rules beside it, never the test-facing object.
"""

from __future__ import annotations

import dataclasses
import functools
import traceback
from typing import TYPE_CHECKING, Any

from pytest_fake_eni.cloud.credentials import CredentialStore
from pytest_fake_eni.cloud.ram import Policy
from pytest_fake_eni.cloud.state import Cloud
from pytest_fake_eni.errors import EcsError, status_for
from pytest_fake_eni.testing import faults
from pytest_fake_eni.testing.calls import Call
from pytest_fake_eni.testing.faults import FaultSet, InjectedError
from pytest_fake_eni.transport.hosts import product_of_host
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse, TransportFault
from pytest_fake_eni.wire import encode
from pytest_fake_eni.wire.authenticate import authenticate
from pytest_fake_eni.wire.decode import ApiCall, decode

if TYPE_CHECKING:
    from pytest_fake_eni.api import Operation, Product
    from pytest_fake_eni.api.authorization import Principal


class Pipeline:
    """Answers HTTP requests from one fake account's state, faults and credentials."""

    def __init__(self, cloud: Cloud, fault_set: FaultSet, seed: int | str, region_id: str) -> None:
        self.cloud = cloud
        self.faults = fault_set
        self.region_id = region_id
        self.calls: list[Call] = []
        """Every request answered, in order."""
        self.created: dict[str, None] = {}
        """ENI ids created through the API, in order."""
        self.credentials = CredentialStore(seed)
        self.ram_users: dict[str, Policy] = {}
        self.verify_signatures: bool | None = None
        self.source_ip = "127.0.0.1"

    # -- the stages, in order ---------------------------------------------------------

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Answer one HTTP request, as the real endpoint would."""
        call = decode(request)
        at = self.cloud.clock.monotonic()
        try:
            if self.faults.rules:  # most calls of most fakes have none: skip the stages
                self._fire(faults.TRANSPORT, call)
        except TransportFault as broken:  # the request never reached the service: no id
            self._log(call, at, 0, broken.kind, "", injected=True)
            raise
        request_id = self.cloud.ids.request_id()
        product = resolve_product(call)
        injected = False
        try:
            result = {"RequestId": request_id, **self._answer(request, call, product)}
            response = encode.success(call.action, result, call.format)
            # The log keeps the JSON text sent rather than a tree of objects: see Call.
            body: dict[str, Any] | bytes = response.body if call.format == "JSON" else result
            error_code = None
        except EcsError as err:
            err.status = status_for(call.action, err)
            body = {"Code": err.code, "Message": err.message, **err.extra}
            response = encode.error(err, request_id, call.host, call.format, product.name)
            error_code = err.code
            injected = isinstance(err, InjectedError)
        except Exception:  # a bug in the fake: say so, never a bare traceback
            bug = EcsError("InternalError", "pytest-fake-eni bug: " + traceback.format_exc())
            body = {"Code": bug.code, "Message": bug.message}
            response = encode.error(bug, request_id, call.host, call.format, product.name)
            error_code = bug.code
        self._log(call, at, response.status, error_code, request_id, injected, body)
        delay = self._fire(faults.LATENCY, call) if self.faults.rules else 0.0
        return dataclasses.replace(response, delay=delay) if delay else response

    def _answer(self, request: HttpRequest, call: ApiCall, product: Product) -> dict[str, Any]:
        # The gateway resolves the API before it checks the caller: an unknown action or
        # version answers so even with an unknown key or a wrong signature (observed).
        operation = resolve_operation(call, product)
        principal = self._authenticate(request, call)
        if principal is not None:
            self._authorize(call, principal, product)
        fault_set = self.faults
        if fault_set.rules:
            self._fire(faults.THROTTLE, call)
        cloud = self.cloud
        try:
            if fault_set.rules:
                self._fire(faults.BEFORE, call)
            with cloud.lock:  # one lock per request; transitions settled once, here
                cloud.transitions.settle()
                mark = len(cloud.enis_created)
                result = operation(cloud, call.params)
                for eni_id in cloud.enis_created[mark:]:  # a ClientToken replay creates nothing
                    self.created[eni_id] = None
        except Exception as failure:
            if not isinstance(failure, EcsError) or failure.status >= 500:
                self._token_failed(call)
            raise
        if fault_set.rules:
            self._fire(faults.AFTER, call)  # done, but the answer is lost: clients retry
        return result

    def _token_failed(self, call: ApiCall) -> None:
        """A server-side failure before the effect: the call's ClientToken stays failed
        (``IdempotentFailed``) for its action and region, whatever the action."""
        token = call.params.get("ClientToken")
        if token:
            with self.cloud.lock:
                self.cloud.tokens.fail(call.action, call.params.get("RegionId", ""), token)

    def _fire(self, stage: str, call: ApiCall) -> float:
        """Act on the first fault rule of ``stage`` that fires on ``call``: its delay, or 0
        (callers skip it when the fake has no rules, as most calls of most fakes)."""
        rule = self.faults.fire(stage, call.action, call.params, self.cloud.clock.monotonic())
        return rule.act(call.params) if rule is not None else 0.0

    def _log(
        self,
        call: ApiCall,
        at: float,
        status: int,
        error_code: str | None,
        request_id: str,
        injected: bool = False,
        body: dict[str, Any] | bytes | None = None,
    ) -> None:
        entry = Call._logged(
            call.action,
            call.params,
            status,
            error_code,
            request_id,
            injected,
            call.dialect,
            call.host,
            at,
            body,
        )
        self.calls.append(entry)

    # -- credentials and RAM -----------------------------------------------------------

    def verifying(self) -> bool:
        """Whether requests must be signed by a registered key now."""
        if self.verify_signatures is None:
            return len(self.credentials) > 0
        return self.verify_signatures

    def _authenticate(self, request: HttpRequest, call: ApiCall) -> Principal | None:
        """The RAM user behind a verified request; None for the account itself or no checks."""
        if not self.verifying():
            return None
        with self.cloud.lock:
            key = authenticate(request, call.raw_params, self.credentials, self.cloud.clock)
        if key.ram_user is None:
            return None
        from pytest_fake_eni.api.authorization import Principal

        return Principal(
            name=key.ram_user,
            policy=self.ram_users[key.ram_user],
            account_id=self.cloud.account_id,
            assumed=key.security_token is not None,
        )

    def _authorize(self, call: ApiCall, principal: Principal, product: Product) -> None:
        from pytest_fake_eni.api.authorization import authorize, context_for

        with self.cloud.lock:  # acs:ResourceTag reads the tag store
            context = context_for(
                call,
                region=self.region_id,
                account_id=self.cloud.account_id,
                source_ip=self.source_ip,
                now=self.cloud.clock.now(),
                tags_of=self.cloud.tags.of,
                service=product.name.lower(),
            )
        authorize(principal, context)


def resolve_product(call: ApiCall) -> Product:
    """The product a request asks: by its host, else (the server's own endpoint) by its
    ``Version``; ECS when neither names one."""
    products = served_products()
    name = product_of_host(call.host)
    if name is None:
        name = next((p.name for p in products.values() if p.version == call.version), "Ecs")
    return products[name]


def resolve_operation(call: ApiCall, product: Product) -> Operation:
    """The handler of the call's action, or the documented error for what is missing."""
    if not call.action:
        raise EcsError("MissingParameter", Parameter="Action")
    if not call.version:
        raise EcsError("MissingParameter", Parameter="Version")
    if call.version != product.version:
        raise EcsError("InvalidVersion", Version=call.version)
    operation = product.operations.get(call.action)
    if operation is None:
        raise EcsError("InvalidAction.NotFound", Action=call.action)
    return operation


@functools.cache
def served_products() -> dict[str, Product]:
    """The served products, imported on first use: a fake that answers nothing never loads
    the api layer's pydantic models (a fifth of the objects a fake's imports bring)."""
    from pytest_fake_eni.api import PRODUCTS

    return PRODUCTS
