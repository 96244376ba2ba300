"""The call log: one ``Call`` per request the fake answered."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    response: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """The body returned, decoded (JSON form)."""
