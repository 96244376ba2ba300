"""Turn wire parameters into a pydantic request model, or the documented error.

Rules raise ``PydanticCustomError`` whose type is a catalogue code, so every
broken rule is collected in field order and the first one wins, every time.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, BeforeValidator, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from pytest_fake_eni.errors import CATALOGUE, EcsError
from pytest_fake_eni.wire.decode import unflatten

Model = TypeVar("Model", bound=BaseModel)
Shape = TypeVar("Shape")


def rule(code: str, **details: Any) -> PydanticCustomError:
    """A broken rule, to ``raise`` inside a validator: ``code`` with message details."""
    return PydanticCustomError(code, code, details)


_DECIMAL = re.compile(r"-?[0-9]+")


def _decimal(value: object) -> object:
    # The service reads decimal digits: not Python's int() ("1_0", " 3 ", "+2", "1.0").
    if isinstance(value, str) and not _DECIMAL.fullmatch(value):
        raise PydanticCustomError("int_parsing", "not a decimal integer")
    return value


WireInt = Annotated[int, BeforeValidator(_decimal)]
"""An integer parameter as the service reads it: decimal digits only (else InvalidParameter)."""


def parse(
    model: type[Model], params: dict[str, str], keep_empty: frozenset[str] = frozenset()
) -> Model:
    """Validate ``params`` into ``model``; raise the ``EcsError`` of the first broken rule.

    An empty value counts as absent, except for the names in ``keep_empty``.
    """
    try:
        return model.model_validate(_tree(params, keep_empty))
    except ValidationError as exc:
        raise to_ecs_error(exc.errors(include_url=False)[0]) from None


def parse_with(
    adapter: TypeAdapter[Shape], params: dict[str, str], keep_empty: frozenset[str] = frozenset()
) -> Shape:
    """``parse`` for a shape validated by a ``TypeAdapter`` (a ``TypedDict``: plain data)."""
    try:  # the core validator itself: the adapter's wrapper adds nothing here
        return cast(Shape, adapter.validator.validate_python(_tree(params, keep_empty)))
    except ValidationError as exc:
        raise to_ecs_error(exc.errors(include_url=False)[0]) from None


def _tree(params: dict[str, str], keep_empty: frozenset[str]) -> dict[str, Any]:
    if "" in params.values():  # C speed: most requests send no empty value
        params = {k: v for k, v in params.items() if v != "" or k.split(".")[0] in keep_empty}
    return unflatten(params)


def to_ecs_error(error: Any) -> EcsError:
    """The catalogue error for one pydantic error entry."""
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    location = [str(p) for p in error.get("loc", ())]
    ctx.setdefault("Parameter", wire_name(location))
    if kind in CATALOGUE:
        return EcsError(kind, **ctx)
    if kind == "missing":
        return EcsError("MissingParameter", **ctx)
    return EcsError("InvalidParameter", **ctx)


def wire_name(location: list[str]) -> str:
    """``["Tag", "0", "Key"]`` -> ``Tag.1.Key`` (wire indexes count from 1)."""
    parts = [str(int(p) + 1) if p.isdigit() else p for p in location]
    return ".".join(parts) if parts else "-"
