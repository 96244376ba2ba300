"""``FakeEcsServer``: a ``FakeEcs`` served over loopback HTTP, admin API included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.testing.admin import AdminApi
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from pytest_fake_eni.transport.server import MAX_BODY, LoopbackServer
from pytest_fake_eni.wire import encode

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs


class FakeEcsServer:
    """Serve ``fake`` on ``http://host:port``: ECS requests as in-process, ``/_fake/`` admin.

    Any client reaches it by endpoint override (``endpoint``, ``host:port``) or ``url``.
    Start it with :meth:`start` (a background thread) or :meth:`serve_forever`.
    """

    def __init__(
        self,
        fake: FakeEcs,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        max_body: int = MAX_BODY,
    ) -> None:
        self.fake = fake
        self.admin = AdminApi(fake)
        self.server = LoopbackServer(
            self.handle, host=host, port=port, max_body=max_body, reject=self.reject
        )

    @property
    def endpoint(self) -> str:
        """``127.0.0.1:PORT``: what SDKs take as an endpoint."""
        return self.server.endpoint

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return self.server.url

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return self.server.port

    def handle(self, request: HttpRequest) -> HttpResponse:
        """Route a request: ``/_fake/...`` to the admin API, the rest to the fake."""
        if AdminApi.owns(request):
            return self.admin.handle(request)
        return self.fake.handle(request)

    def reject(self, status: int, message: str) -> HttpResponse:
        """A request the server could not read: the ECS error envelope, in JSON."""
        code = "InternalError" if status == 500 else "InvalidParameter"  # 500: a handler bug
        err = EcsError(code, message, status=status)
        with self.fake.cloud.lock:
            request_id = self.fake.cloud.ids.request_id()
        return encode.error(err, request_id, self.server.host, "JSON")

    def start(self) -> FakeEcsServer:
        """Serve in a background thread."""
        self.server.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.server.stop()

    def serve_forever(self) -> None:
        """Serve in this thread until ``KeyboardInterrupt`` or :meth:`shutdown`."""
        self.server.serve_forever()

    def shutdown(self) -> None:
        """Make :meth:`serve_forever` return (call it from another thread)."""
        self.server.shutdown()

    def __enter__(self) -> FakeEcsServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<FakeEcsServer {self.url} {self.fake!r}>"
