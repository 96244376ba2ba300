"""The two plain objects every transport speaks: a request in, a response out."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Both are built for every request and only read after: not ``frozen``, whose ``__init__``
# costs ten times as much.


@dataclass(slots=True)
class HttpRequest:
    """An HTTP request as a transport received it (header names lower-cased)."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def host(self) -> str:
        """The host name, without port."""
        return host_of(urlsplit(self.url).netloc)


@dataclass(slots=True)
class HttpResponse:
    """An HTTP response for a transport to hand back to its client."""

    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0
    """Seconds the transport waits before delivering (injected latency)."""


class TransportFault(Exception):
    """Raised by a handler to make the transport fail as the network would.

    ``kind`` is ``"connection"`` (refused or reset) or ``"timeout"``; each transport
    turns it into its client's own exception type.
    """

    def __init__(self, kind: str, message: str = "") -> None:
        self.kind = kind
        super().__init__(message or f"injected {kind} error")


Handler = Callable[[HttpRequest], HttpResponse]
"""What a transport calls for every request it intercepts."""


@functools.lru_cache(maxsize=64)
def host_of(netloc: str) -> str:
    """The lower-case host of a URL's ``netloc`` (no user, no port), as ``hostname`` gives
    it; read once per endpoint: every request asks."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()
