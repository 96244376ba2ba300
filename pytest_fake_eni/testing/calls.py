"""The call log: one ``Call`` per request the fake answered."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, overload


class _Body:
    """The ``response`` field: a dict, or the JSON text it was sent as, decoded on first read.

    Keeping the text a JSON response already carries spares each logged call a tree of
    dicts and lists for the garbage collector to walk for as long as the fake lives.
    """

    @overload
    def __get__(self, call: None, owner: type | None = None) -> _Body: ...

    @overload
    def __get__(self, call: Call, owner: type | None = None) -> dict[str, object]: ...

    def __get__(self, call: Call | None, owner: type | None = None) -> Any:
        if call is None:
            return self  # the class attribute: dataclass reads it as the default
        raw = call.__dict__.get("_response")
        if raw is None:
            return {}
        if isinstance(raw, bytes):
            raw = call.__dict__["_response"] = json.loads(raw)
        return raw

    def __set__(self, call: Call, value: dict[str, object] | bytes | _Body) -> None:
        call.__dict__["_response"] = None if value is self else value


@dataclass(frozen=True)
class Call:
    """One request the fake answered."""

    action: str
    params: dict[str, str]
    """The API's parameters, wire names to strings (signature fields left out)."""
    status_code: int
    error_code: str | None
    """The error's ``Code``, None on success."""
    request_id: str
    injected: bool = False
    """True when the answer came from an injected fault."""
    dialect: str = "rpc"
    """``rpc`` (signature V1) or ``acs3``."""
    host: str = ""
    timestamp: float = 0.0
    """Seconds on the fake's clock when the call arrived."""
    response: _Body = field(default=_Body(), repr=False, compare=False)
    """The body returned, decoded (JSON form); built with its JSON text (bytes) or a dict."""

    @classmethod
    def _logged(
        cls,
        action: str,
        params: dict[str, str],
        status_code: int,
        error_code: str | None,
        request_id: str,
        injected: bool,
        dialect: str,
        host: str,
        timestamp: float,
        response: dict[str, object] | bytes | None,
    ) -> Call:
        """What ``Call(...)`` builds, without the frozen ``__init__``'s ``object.__setattr__``
        per field: the pipeline logs one for every request."""
        call = object.__new__(cls)
        call.__dict__.update(
            action=action,
            params=params,
            status_code=status_code,
            error_code=error_code,
            request_id=request_id,
            injected=injected,
            dialect=dialect,
            host=host,
            timestamp=timestamp,
            _response=response,
        )
        return call
