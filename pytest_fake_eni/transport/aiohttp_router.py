"""Answer ``aiohttp`` client requests in-process, without a socket.

The Tea SDK's ``*_async`` methods open one :class:`aiohttp.ClientSession` per call, so
the router patches the class: :meth:`aiohttp.ClientSession._request`, which every
``session.request/get/post/...`` call goes through. Requests whose URL ``matches`` are
turned into an :class:`HttpRequest`, given to the handler, and its :class:`HttpResponse`
comes back as a real :class:`aiohttp.ClientResponse` (``status``, ``reason``,
``headers``, ``content``, ``read()``, ``text()``, ``json()``, ``release()`` and
``async with`` behave as usual). Other requests go to the original ``_request``.

Not emulated for routed requests: redirects, cookies (neither sent nor stored), trace
hooks, middlewares, decompression, and client timeouts (use ``HttpResponse.delay`` for
latency and ``TransportFault("timeout")`` for a timeout).

This module imports ``aiohttp``; the rest of the package only imports it lazily.
"""

from __future__ import annotations

import asyncio
import errno
import inspect
import json as jsonlib
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from types import SimpleNamespace
from typing import Any, cast

import aiohttp
from aiohttp import payload as aiohttp_payload
from aiohttp.base_protocol import BaseProtocol
from aiohttp.client_reqrep import ConnectionKey, RequestInfo
from aiohttp.helpers import TimerNoop
from multidict import CIMultiDict, CIMultiDictProxy, MultiDict
from yarl import URL

from pytest_fake_eni.transport.http import Handler, HttpRequest, HttpResponse, TransportFault

__all__ = ["AiohttpRouter"]

_RequestFn = Callable[..., Awaitable[aiohttp.ClientResponse]]

_METHODS_WITHOUT_BODY = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_METHODS_WITH_BODY = frozenset({"PATCH", "POST", "PUT"})

# aiohttp >= 3.10 raises SocketTimeoutError for a read timeout; 3.9 only has the base class.
_READ_TIMEOUT_ERROR: type[aiohttp.ServerTimeoutError] = getattr(
    aiohttp, "SocketTimeoutError", aiohttp.ServerTimeoutError
)

_response_init_params: frozenset[str] | None = None


class AiohttpRouter:
    """While started, aiohttp requests whose URL `matches` are answered by `handler`;
    others go to the network.

    ``matches`` gets the full URL (base URL joined, ``params=`` merged). ``handler`` is
    called synchronously on the event loop. A :class:`TransportFault` it raises becomes
    :class:`aiohttp.ClientConnectorError` (kind ``"connection"``, a refused connection)
    or :class:`aiohttp.SocketTimeoutError` (kind ``"timeout"``, a read timeout; a
    :class:`asyncio.TimeoutError`).

    Starting a router that is already started raises :class:`RuntimeError`. Several
    routers may be started at once (each forwards what it does not match to the one
    started before it) but must be stopped in reverse order; :meth:`stop` raises
    :class:`RuntimeError` otherwise. Stopping a router that is not started does nothing.
    """

    def __init__(self, matches: Callable[[str], bool], handler: Handler) -> None:
        self.matches = matches
        self.handler = handler
        self._original: _RequestFn | None = None
        self._patch: _RequestFn | None = None

    @property
    def started(self) -> bool:
        """Whether the router is currently patching aiohttp."""
        return self._patch is not None

    def start(self) -> None:
        """Patch ``aiohttp.ClientSession._request``."""
        if self._patch is not None:
            raise RuntimeError("AiohttpRouter is already started")
        original: _RequestFn = aiohttp.ClientSession._request
        router = self

        async def _request(
            session: aiohttp.ClientSession, method: str, str_or_url: Any, **kwargs: Any
        ) -> aiohttp.ClientResponse:
            url = _full_url(session, str_or_url, kwargs.get("params"))
            if not router.matches(str(url)):
                return await original(session, method, str_or_url, **kwargs)
            return await router._answer(session, method.upper(), url, kwargs)

        self._original = original
        self._patch = _request
        setattr(aiohttp.ClientSession, "_request", _request)  # noqa: B010

    def stop(self) -> None:
        """Restore the ``_request`` that was in place when :meth:`start` ran."""
        if self._patch is None:
            return
        if aiohttp.ClientSession.__dict__.get("_request") is not self._patch:
            raise RuntimeError(
                "aiohttp.ClientSession._request was patched again after this router "
                "started; stop routers in reverse order of starting them"
            )
        setattr(aiohttp.ClientSession, "_request", self._original)  # noqa: B010
        self._original = None
        self._patch = None

    def __enter__(self) -> AiohttpRouter:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _answer(
        self, session: aiohttp.ClientSession, method: str, url: URL, kwargs: dict[str, Any]
    ) -> aiohttp.ClientResponse:
        if session.closed:
            raise RuntimeError("Session is closed")
        headers = session._prepare_headers(kwargs.get("headers"))
        body = await _encode_body(session, method, headers, kwargs)
        auth = kwargs.get("auth") or session.auth
        if auth is not None and "Authorization" not in headers:
            headers["Authorization"] = auth.encode()
        request = HttpRequest(method=method, url=str(url), headers=_flatten(headers), body=body)
        try:
            response = self.handler(request)
        except TransportFault as fault:
            raise _transport_error(fault, url, kwargs.get("ssl")) from fault
        if response.delay > 0:
            await asyncio.sleep(response.delay)
        resp = _client_response(session, method, url, headers, response)

        raise_for_status = kwargs.get("raise_for_status")
        if raise_for_status is None:
            raise_for_status = getattr(session, "_raise_for_status", False)
        if callable(raise_for_status):
            await raise_for_status(resp)
        elif raise_for_status:
            resp.raise_for_status()
        return resp


def _full_url(session: aiohttp.ClientSession, str_or_url: Any, params: Any) -> URL:
    """The URL as aiohttp would request it: base URL joined, ``params`` appended."""
    url = session._build_url(str_or_url)
    if params:
        if hasattr(url, "extend_query"):  # yarl >= 1.9.16, what aiohttp >= 3.10 uses
            url = url.extend_query(params)
        else:  # what aiohttp 3.9 does
            query = MultiDict(url.query)
            query.extend(url.with_query(params).query)
            url = url.with_query(query)
    return url.with_fragment(None)


def _flatten(headers: CIMultiDict[str]) -> dict[str, str]:
    """Lower-case header names; repeated headers joined with ``", "``."""
    flat: dict[str, str] = {}
    for key, value in headers.items():
        name = key.lower()
        flat[name] = f"{flat[name]}, {value}" if name in flat else value
    return flat


class _Sink:
    """Just enough of a stream writer for ``Payload.write`` to hand over its bytes."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    async def write(self, chunk: bytes | bytearray | memoryview) -> None:
        self.chunks.append(bytes(chunk))

    async def drain(self) -> None:
        return None


async def _encode_body(
    session: aiohttp.ClientSession, method: str, headers: CIMultiDict[str], kwargs: dict[str, Any]
) -> bytes:
    """The request body bytes; adds the content-type/length headers aiohttp would send."""
    data: Any = kwargs.get("data")
    json_value = kwargs.get("json")
    if data is not None and json_value is not None:
        raise ValueError("data and json parameters can not be used at the same time")
    if json_value is not None:
        dumps = getattr(session, "_json_serialize", jsonlib.dumps)
        data = aiohttp_payload.JsonPayload(json_value, dumps=dumps)
    skip = {str(name).lower() for name in kwargs.get("skip_auto_headers") or ()}
    skip.update(str(name).lower() for name in getattr(session, "_skip_auto_headers", None) or ())

    body = b""
    if data is None:
        if method not in _METHODS_WITHOUT_BODY and "Content-Length" not in headers:
            headers["Content-Length"] = "0"
    else:
        if isinstance(data, aiohttp.FormData):
            data = data()
        body_payload: aiohttp_payload.Payload
        try:
            body_payload = aiohttp_payload.PAYLOAD_REGISTRY.get(data, disposition=None)
        except aiohttp_payload.LookupError:  # dict, list of pairs: urlencoded like aiohttp
            body_payload = aiohttp.FormData(data)()
        sink = _Sink()
        await body_payload.write(cast(Any, sink))
        body = b"".join(sink.chunks)
        for key, value in body_payload.headers.items():
            if key not in headers and key.lower() not in skip:
                headers[key] = value
        if "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
    if (
        method in _METHODS_WITH_BODY
        and "Content-Type" not in headers
        and "content-type" not in skip
    ):
        headers["Content-Type"] = "application/octet-stream"
    return body


def _transport_error(fault: TransportFault, url: URL, ssl: Any) -> Exception:
    """The exception aiohttp raises for the network failure ``fault`` stands for."""
    if fault.kind == "connection":
        host = url.raw_host or ""
        key = ConnectionKey(
            host,
            url.port,
            url.scheme in ("https", "wss"),
            True if ssl is None else ssl,
            None,
            None,
            None,
        )
        refused = ConnectionRefusedError(
            errno.ECONNREFUSED, f"Connect call failed ('{host}', {url.port})"
        )
        return aiohttp.ClientConnectorError(key, refused)
    if fault.kind == "timeout":
        return _READ_TIMEOUT_ERROR("Timeout on reading data from socket")
    return ValueError(f"unknown TransportFault kind {fault.kind!r}")


def _client_response(
    session: aiohttp.ClientSession,
    method: str,
    url: URL,
    request_headers: CIMultiDict[str],
    response: HttpResponse,
) -> aiohttp.ClientResponse:
    """A real, fully received :class:`aiohttp.ClientResponse` carrying ``response``."""
    global _response_init_params
    if _response_init_params is None:
        signature = inspect.signature(aiohttp.ClientResponse.__init__)
        _response_init_params = frozenset(signature.parameters)

    loop = asyncio.get_running_loop()
    candidates: dict[str, Any] = {
        "writer": None,
        "continue100": None,
        "timer": TimerNoop(),
        "request_info": RequestInfo(url, method, CIMultiDictProxy(request_headers), url),
        "traces": [],
        "loop": loop,
        "session": session,
        # aiohttp >= 3.14 reads ``output_size`` from it when ``writer`` is None.
        "stream_writer": SimpleNamespace(output_size=0),
    }
    kwargs = {k: v for k, v in candidates.items() if k in _response_init_params}
    resp = aiohttp.ClientResponse(method, url, **kwargs)

    headers: CIMultiDict[str] = CIMultiDict(response.headers)
    if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
        headers["Content-Length"] = str(len(response.body))
    resp.version = aiohttp.HttpVersion11
    resp.status = response.status
    try:
        resp.reason = HTTPStatus(response.status).phrase
    except ValueError:
        resp.reason = ""
    resp._headers = CIMultiDictProxy(headers)
    resp._raw_headers = tuple((k.encode("utf-8"), v.encode("utf-8")) for k, v in headers.items())

    content = aiohttp.StreamReader(
        BaseProtocol(loop), limit=max(2**16, len(response.body)), loop=loop
    )
    if response.body:
        content.feed_data(response.body)
    content.feed_eof()
    resp.content = content
    return resp
