"""One process-wide interception that any number of fakes join and leave, in any order.

The first fake to join starts every router (both ``requests`` copies through ``responses``,
and aiohttp once it is imported), each reading the one host table (``hosts.SERVED_URL``);
the last to leave stops them (they are built once, and restarted by later joins). While
several fakes have joined, the newest answers.
"""

from __future__ import annotations

import threading
from typing import Any

from pytest_fake_eni.transport.http import Handler, HttpRequest, HttpResponse


class Interception:
    """The routers every active fake shares, and the fakes (their handlers) that joined."""

    def __init__(self) -> None:
        self._members: list[Handler] = []
        self._built: list[Any] = []  # the routers, built by the first join and kept
        self._routers: list[Any] = []  # the started ones
        self._lock = threading.Lock()

    def join(self, handler: Handler) -> None:
        """Answer served requests with ``handler`` (the newest joined answers)."""
        with self._lock:
            self._members.append(handler)
            if len(self._members) == 1 and not self._routers:
                self._built = self._built or _routers(self.dispatch)
                for router in self._built:
                    router.start()
                self._routers = list(self._built)

    def leave(self, handler: Handler) -> None:
        """``handler`` stops answering; with no fake left, the routers stop.

        A router that refuses to stop (aiohttp patched again after it) stays for a later
        ``leave`` (of any fake, or this one again); its error is raised.
        """
        with self._lock:
            if handler in self._members:
                self._members.remove(handler)
            if self._members:
                return
            refused: list[tuple[Any, RuntimeError]] = []
            while self._routers:
                router = self._routers.pop()
                try:
                    router.stop()
                except RuntimeError as err:
                    refused.append((router, err))
            self._routers = [router for router, _ in reversed(refused)]
        if refused:
            raise refused[0][1]

    def dispatch(self, request: HttpRequest) -> HttpResponse:
        """Hand ``request`` to the newest fake that joined."""
        members = self._members
        if not members:  # a request racing the last fake's leave
            from pytest_fake_eni.transport.server import plain_reject

            return plain_reject(503, "pytest-fake-eni: no fake is active")
        return members[-1](request)

    @property
    def active(self) -> bool:
        """Whether any fake has joined."""
        return bool(self._members)


def _routers(handler: Handler) -> list[Any]:
    from pytest_fake_eni.transport.imports import WhenImported
    from pytest_fake_eni.transport.responses_router import ResponsesRouter

    def aiohttp_router(_: Any) -> Any:
        from pytest_fake_eni.transport.aiohttp_router import AiohttpRouter
        from pytest_fake_eni.transport.hosts import is_served_url

        return AiohttpRouter(is_served_url, handler)

    # aiohttp's router waits for its import: a test without aiohttp never loads it
    return [ResponsesRouter(handler), WhenImported("aiohttp", aiohttp_router)]


INTERCEPTION = Interception()
"""The process's one interception."""
