"""A loopback HTTP server handing every request to a ``Handler``.

A :class:`http.server.ThreadingHTTPServer` (one thread per connection, so clients run
concurrently), bound to ``127.0.0.1`` and a free port by default. Each request becomes an
:class:`HttpRequest` (URL ``http://<Host header><path>``, header names lower-cased); the
handler's :class:`HttpResponse` is sent back after its ``delay``. A request the server
cannot read (malformed request line, target, ``Host`` or other headers, a bad
``Content-Length``, a body over ``max_body`` bytes) and a handler that raises are answered
by ``reject(status, message)`` instead of a crash. A :class:`TransportFault` closes the
connection without an answer, which the client sees as a dropped connection (both kinds
alike). A connection silent for ``read_timeout`` seconds (a stalled half request, or an
idle keep-alive connection) is closed, so stalled clients cannot hold threads forever; the
listen backlog is :data:`BACKLOG`, so a burst of clients connecting at once is queued, not
dropped.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pytest_fake_eni.transport.http import Handler, HttpRequest, HttpResponse, TransportFault

__all__ = [
    "BACKLOG",
    "MAX_BODY",
    "READ_TIMEOUT",
    "LoopbackServer",
    "Reject",
    "authority_error",
    "plain_reject",
]

MAX_BODY = 1024 * 1024
"""Default cap on a request body, in bytes (1 MiB)."""

READ_TIMEOUT = 15.0
"""Default seconds a connection may stay silent (mid-request or idle) before it is closed."""

BACKLOG = 128
"""The listen backlog: connections the kernel queues while the server accepts others."""

_DRAIN_LIMIT = 64 * 1024 * 1024  # past this a refused body is not read: the socket just closes

Reject = Callable[[int, str], HttpResponse]
"""Builds the answer to a request the server refuses: ``(status, message) -> response``."""


def plain_reject(status: int, message: str) -> HttpResponse:
    """A small JSON error body: ``{"Code": ..., "Message": ...}``."""
    body = json.dumps({"Code": f"Http{status}", "Message": message}).encode()
    return HttpResponse(status, {"content-type": "application/json;charset=utf-8"}, body)


class LoopbackServer:
    """An HTTP server answering with ``handler``, started in a thread or in the foreground.

    ``port=0`` picks a free port; read it back from :attr:`port`, :attr:`endpoint`
    (``host:port``) or :attr:`url` once constructed (the socket is bound at once).
    """

    def __init__(
        self,
        handler: Handler,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        max_body: int = MAX_BODY,
        reject: Reject = plain_reject,
        read_timeout: float | None = READ_TIMEOUT,
    ) -> None:
        if read_timeout is not None and read_timeout <= 0:
            raise ValueError(f"read_timeout must be positive (or None), not {read_timeout}")
        self.handler = handler
        self.max_body = max_body
        self.reject = reject
        self.read_timeout = read_timeout
        """Seconds a connection may stay silent before it is closed (None: forever)."""
        self._httpd = _Httpd((host, port), _RequestHandler, self)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        """The address the server is bound to."""
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        """The port the server is bound to."""
        return int(self._httpd.server_address[1])

    @property
    def endpoint(self) -> str:
        """``host:port``, what SDKs take as an endpoint."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.endpoint}"

    def start(self) -> LoopbackServer:
        """Serve in a daemon thread until :meth:`stop`."""
        if self._thread is not None:
            raise RuntimeError("the server is already started")
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"pytest-fake-eni server {self.endpoint}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`shutdown` or ``KeyboardInterrupt``."""
        try:
            self._httpd.serve_forever(poll_interval=0.05)
        finally:
            self._httpd.server_close()

    def shutdown(self) -> None:
        """Ask :meth:`serve_forever` to return (from another thread)."""
        self._httpd.shutdown()

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call twice."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# RFC 3986 host (reg-name or IPv4; an IP literal is checked apart) and an optional port.
_REG_NAME = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
_PORT = re.compile(r"[0-9]{0,5}")
_AUTHORITY = re.compile(r"([^/?#]*)(.*)", re.DOTALL)  # an absolute URL's rest: host, path


def authority_error(authority: str) -> str | None:
    """Why ``authority`` (a ``Host`` header: ``host[:port]``) is malformed; None if it is not."""
    if authority.startswith("["):
        literal, bracket, rest = authority[1:].partition("]")
        if not bracket:
            return f"Invalid Host header {authority!r}: an IPv6 literal lacks its ']'."
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return f"Invalid Host header {authority!r}: {literal!r} is not an IPv6 address."
        port = rest[1:] if rest.startswith(":") else None
        if rest and port is None:
            return f"Invalid Host header {authority!r}: {rest!r} follows the IPv6 literal."
    else:
        host, colon, port_text = authority.partition(":")
        port = port_text if colon else None
        if not _REG_NAME.fullmatch(host):
            return f"Invalid Host header {authority!r}: {host!r} is not a host name."
    if port is not None and not (_PORT.fullmatch(port) and int(port or 0) <= 65535):
        return f"Invalid Host header {authority!r}: {port!r} is not a port."
    return None


class _Httpd(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never blocks shutdown
    block_on_close = False
    request_queue_size = BACKLOG  # the standard library's 5 drops bursts of connections

    def __init__(self, address: tuple[str, int], handler: Any, owner: LoopbackServer) -> None:
        self.owner = owner
        super().__init__(address, handler)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Httpd
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDKs' connection pools expect
    server_version = "pytest-fake-eni"
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall

    def setup(self) -> None:
        super().setup()
        # Every read (and write) of the connection waits at most this long; the standard
        # library closes the connection when a read of the request line or headers times out.
        self.connection.settimeout(self.server.owner.read_timeout)

    def do_request(self) -> None:
        owner = self.server.owner
        length_text = self.headers.get("Content-Length", "0") or "0"
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self._refuse(411, "Chunked request bodies are not supported; send Content-Length.")
            return
        try:
            length = int(length_text)
            if length < 0:
                raise ValueError(length_text)
        except ValueError:
            self._refuse(400, f"Invalid Content-Length header: {length_text!r}.")
            return
        if length > owner.max_body:
            self._drain(length)
            self._refuse(413, f"The request body exceeds {owner.max_body} bytes.")
            return
        body = self.rfile.read(length) if length else b""
        target = self._target()  # after the body: refusing unread data would reset the socket
        if target is None:
            return
        request = HttpRequest(
            method=self.command,
            url=target,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        try:
            response = owner.handler(request)
        except TransportFault:
            self.close_connection = True
            return
        except Exception as err:  # the server must outlive a handler bug
            response = owner.reject(500, f"pytest-fake-eni server error: {err!r}")
        if response.delay > 0:
            time.sleep(response.delay)
        self._send(response)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_request

    def _target(self) -> str | None:
        """The request's URL, or None once a malformed target or ``Host`` is refused (400)."""
        path = self.path
        host = self.headers.get("Host") or self.server.owner.endpoint
        if not path.startswith("/"):
            scheme, sep, rest = path.partition("://")  # absolute form: the URL names the host
            if not sep or scheme.lower() not in ("http", "https"):
                self._refuse(400, f"Invalid request target {path[:200]!r}.")
                return None
            split = _AUTHORITY.match(rest)
            assert split is not None  # the pattern matches any text
            host, path = split.group(1), split.group(2) or "/"
        problem = authority_error(host)
        if problem is not None:
            self._refuse(400, problem)
            return None
        return f"http://{host}{path}"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests (``http.server``'s own errors) get ``reject``'s body too."""
        self._refuse(code, message or explain or "Bad request.")

    def _drain(self, length: int) -> None:
        """Read and drop a refused body, so the client reads the answer, not a reset."""
        if length > _DRAIN_LIMIT:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                return
            length -= len(chunk)

    def _refuse(self, status: int, message: str) -> None:
        self.close_connection = True
        if getattr(self, "request_version", "HTTP/0.9") == "HTTP/0.9":
            self.request_version = "HTTP/1.0"  # unreadable request line: still send a status line
        self._send(self.server.owner.reject(status, message))

    def _send(self, response: HttpResponse) -> None:
        try:
            self.send_response(response.status)
            for name, value in response.headers.items():
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
        except OSError:  # the client went away; nothing to answer
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the fake's call log records every request."""
