"""One recipe: the fake state and the request (or the injection) that produce a code."""

from __future__ import annotations

from typing import NamedTuple

CREATE = "CreateNetworkInterface"


class Recipe(NamedTuple):
    """The fake state and request (or the injection) that produce ``code``.

    ``state`` is Python run first with ``fake_ecs`` in scope, ``create_eni(**params)`` (a
    successful CreateNetworkInterface in the default vSwitch and group) and
    ``call(action, **params)`` (any served action), both through the test's SDK.
    ``request`` is keyword arguments (wire names, tree values): for CreateNetworkInterface
    they change the default request (``None`` drops a name); for any other ``action`` they
    are the whole request (``RegionId`` defaults to the fake's region). ``product``
    (``"Vpc"``) names the product to call when ECS and VPC both serve ``action`` (empty:
    the one that serves it, ECS when both do); ``call`` takes it as ``product=``.
    """

    code: str
    state: str = ""
    request: str = ""
    injected: bool = False
    action: str = CREATE
    product: str = ""

    @property
    def natural(self) -> bool:
        """Reached by state and request alone, no fault injection."""
        return not self.injected

    def call_line(self) -> str:
        """The failing call, as one line of Python."""
        if self.action == CREATE:
            return f"create_eni({self.request})"
        args = f", {self.request}" if self.request else ""
        if self.product:
            args = f', product="{self.product}"{args}'
        return f'call("{self.action}"{args})'

    def one_line(self) -> str:
        """The recipe as one line of Python (the state's lines, then the call)."""
        steps = [line for line in self.state.splitlines() if line]
        if not self.injected:
            steps.append(self.call_line())
        return "; ".join(steps)


def inject(action: str, code: str, extra: str = "") -> Recipe:
    """A recipe that injects ``code`` into ``action`` (``extra``: more ``inject_error`` args)."""
    return Recipe(
        code,
        f'fake_ecs.inject_error("{action}", "{code}"{extra})',
        "",
        injected=True,
        action=action,
    )


def nested(name: str, value: str) -> str:
    """A request sending ``name.1=value``: a list where the action reads one value (an
    ``InvalidParameter``). Tea flattens the list; the legacy SDK, which would send the
    list's text, sends the dotted name."""
    return f'{name}=["{value}"], **{{"{name}.1": "{value}"}}'


def token_failed(action: str, request: str, state: str = "", product: str = "") -> Recipe:
    """``IdempotentFailed``: ``request`` (which carries ``ClientToken="t-1"``) retries a token
    whose first request failed on the server's side (see ``cloud.tokens``)."""
    failed = f'fake_ecs.cloud.tokens.fail("{action}", fake_ecs.region_id, "t-1")'
    return Recipe("IdempotentFailed", f"{state}{failed}", request, action=action, product=product)
