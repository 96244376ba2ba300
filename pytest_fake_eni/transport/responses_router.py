"""Answer ``requests`` calls to ECS in-process, through ``responses``.

Two ``RequestsMock``s: one on ``requests`` (the Tea SDK) and one on the copy
vendored in ``aliyunsdkcore`` (the legacy SDK), each started when its package is
imported (at once if it already is: see ``imports``). Other URLs pass through to
whatever ``send`` was in place when the router started, so a test's own
``responses`` mocks keep working; a mock the test starts *after* the router
also answers ECS URLs from the fake, without listing them among its own calls
(see ``_on_request``).
"""

from __future__ import annotations

import functools
import re
import threading
import time
import weakref
from types import ModuleType
from typing import Any

import requests
import responses
from requests import PreparedRequest

from pytest_fake_eni.transport.hosts import SERVED_URL
from pytest_fake_eni.transport.http import Handler, HttpRequest, TransportFault
from pytest_fake_eni.transport.imports import WhenImported

_TARGETS = (
    ("requests.adapters.HTTPAdapter.send", "requests"),
    (
        "aliyunsdkcore.vendored.requests.adapters.HTTPAdapter.send",
        "aliyunsdkcore.vendored.requests",
    ),
)
_active: list[ResponsesRouter] = []
_active_lock = threading.Lock()
_ABSENT = object()
_cooperation: list[Any] = []  # the patch of RequestsMock._on_request while any router runs
_owned: weakref.WeakSet[responses.RequestsMock] = weakref.WeakSet()  # active routers' mocks


class ResponsesRouter:
    """While started, ECS (and VPC) requests of both ``requests`` copies go to ``handler``."""

    def __init__(self, handler: Handler, url: re.Pattern[str] = SERVED_URL) -> None:
        self.handler = handler
        self.url = url
        self._copies = [  # built once: a router restarts for every fake
            WhenImported(package, functools.partial(_CopyRoute, self, target))
            for target, package in _TARGETS
        ]

    def start(self) -> None:
        """Patch every ``requests`` copy: now if imported, else as soon as it is."""
        for copy in self._copies:
            copy.start()
        with _active_lock:
            _active.append(self)
            if not _cooperation:
                _COOPERATION.start()
                _cooperation.append(_COOPERATION)

    def stop(self) -> None:
        """Undo ``start``."""
        with _active_lock:
            if self in _active:
                _active.remove(self)
            if not _active and _cooperation:
                _cooperation.pop().stop()
        for copy in reversed(self._copies):
            copy.stop()

    def _callback(self, requests_pkg: Any) -> Any:
        def callback(request: PreparedRequest) -> tuple[int, dict[str, str], bytes]:
            response = self.handler(to_http_request(request))
            if response.delay:
                time.sleep(response.delay)
            return response.status, response.headers, response.body

        def guarded(request: PreparedRequest) -> tuple[int, dict[str, str], bytes]:
            try:
                return callback(request)
            except TransportFault as fault:
                exc = requests_pkg.exceptions
                error = exc.ReadTimeout if fault.kind == "timeout" else exc.ConnectionError
                raise error(str(fault), request=request) from None

        return guarded


class _CopyRoute:
    """One ``requests`` copy answered by ``router``: a ``RequestsMock`` on its adapter."""

    def __init__(self, router: ResponsesRouter, target: str, requests_pkg: ModuleType) -> None:
        adapter = requests_pkg.adapters.HTTPAdapter
        self._adapter = adapter
        self._mock = responses.RequestsMock(assert_all_requests_are_fired=False, target=target)
        self._mock._calls = _NoHistory()  # the fake keeps its own call log
        callback = router._callback(requests_pkg)
        route = _AnyMethod("GET", router.url, callback=callback, content_type=None)
        route._calls = _NoHistory()
        self._mock.add(route)
        self._mock.add_passthru(re.compile(".*"))
        # patched on the class we hold: RequestsMock.start() re-imports its dotted target
        self._patch = _Patch(adapter, "send", self._mock.unbound_on_send())

    def start(self) -> None:
        """Patch the adapter; other URLs go to the ``send`` in place now (maybe a test's mock)."""
        self._mock._real_send = self._adapter.send
        self._patch.start()
        _owned.add(self._mock)

    def stop(self) -> None:
        """Restore the adapter."""
        _owned.discard(self._mock)
        self._patch.stop()


class _Patch:
    """One class attribute replaced between ``start`` and ``stop``: what
    ``mock.patch.object`` does for it, at a fraction of the cost (a fake per test)."""

    def __init__(self, owner: type, name: str, new: Any) -> None:
        self._owner = owner
        self._name = name
        self._new = new
        self._original: tuple[Any] | None = None  # while started: the class's own value

    def start(self) -> None:
        """Put ``new`` in place, keeping what was there (the class's own attribute, if any)."""
        self._original = (self._owner.__dict__.get(self._name, _ABSENT),)
        setattr(self._owner, self._name, self._new)

    def stop(self) -> None:
        """Put back what ``start`` found (nothing to do when not started)."""
        if self._original is None:
            return
        (original,), self._original = self._original, None
        if original is _ABSENT:
            delattr(self._owner, self._name)
        else:
            setattr(self._owner, self._name, original)


class _AnyMethod(responses.CallbackResponse):
    """A callback for every method of its URL: one registration where seven were."""

    def matches(self, request: PreparedRequest) -> tuple[bool, str]:
        """Match on the URL alone."""
        if not self._url_matches(self.url, str(request.url)):
            return False, "URL does not match"
        return True, ""


class _NoHistory(responses.CallList):
    """A call list that keeps nothing.

    ``responses`` keeps every request and response (twice: the mock's list and the
    route's), which would hold some 40 objects per call for as long as a fake runs.
    """

    def add(self, request: Any, response: Any) -> None:
        """Forget the call."""

    def add_call(self, call: Any) -> None:
        """Forget the call."""


def to_http_request(request: PreparedRequest) -> HttpRequest:
    """The transport-neutral form of a prepared ``requests`` request."""
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    elif not isinstance(body, bytes):  # responses has already read file-like bodies
        body = b""
    headers = {  # bytes values decoded inline: a call per header costs more than the rest
        k: v.decode("latin-1") if isinstance(v, bytes) else v
        for k, v in _lower_items(request.headers)
    }
    # By position (method, url, headers, body): every request passes here.
    return HttpRequest((request.method or "GET").upper(), request.url or "", headers, body)


def _lower_items(headers: Any) -> Any:
    # CaseInsensitiveDict.lower_items() skips the slow Mapping ABC ``items()``.
    lower_items = getattr(headers, "lower_items", None)
    if lower_items is not None:
        return lower_items()
    return ((k.lower(), v) for k, v in headers.items())


_original_on_request = responses.RequestsMock._on_request


def _on_request(
    self: responses.RequestsMock, adapter: Any, request: PreparedRequest, **kwargs: Any
) -> Any:
    """A mock that is not ours answers served URLs from the newest active router, and keeps
    them out of its own ``calls`` (they are the fake's calls, logged by the fake)."""
    if self not in _owned:  # our own mocks (every fake call) skip the lock and the match
        with _active_lock:
            router = _active[-1] if _active else None
        if router is not None and router.url.match(str(request.url)):
            read = getattr(request.body, "read", None)  # a file-like body, as responses does
            if read is not None:
                request.body = read()
            callback = router._callback(requests)
            answer = responses.CallbackResponse(
                request.method or "GET", router.url, callback, content_type=None
            )
            return adapter.build_response(request, answer.get_response(request))
    return _original_on_request(self, adapter, request, **kwargs)


_COOPERATION = _Patch(responses.RequestsMock, "_on_request", _on_request)
