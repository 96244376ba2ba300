"""``FakeEcsServer``: a ``FakeEcs`` served over loopback HTTP, admin API included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_fake_eni.errors import EcsError
from pytest_fake_eni.testing.admin import UI_PATH, AdminApi
from pytest_fake_eni.transport.http import HttpRequest, HttpResponse
from pytest_fake_eni.transport.server import MAX_BODY, READ_TIMEOUT, LoopbackServer
from pytest_fake_eni.wire import encode

if TYPE_CHECKING:
    from pytest_fake_eni.testing.fake import FakeEcs


class FakeEcsServer(LoopbackServer):
    """Serve ``fake`` on ``http://host:port``: ECS requests as in-process, ``/_fake/`` admin.

    Any client reaches it by endpoint override: ``endpoint`` (``127.0.0.1:PORT``) or
    ``url`` (``http://127.0.0.1:PORT``); ``ui_url`` is the live dashboard. Start it with
    ``start()`` (a background thread, or ``with``) or ``serve_forever()``; ``port=0`` picks
    a free port. A connection silent for ``read_timeout`` seconds is closed.
    """

    def __init__(
        self,
        fake: FakeEcs,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        max_body: int = MAX_BODY,
        read_timeout: float | None = READ_TIMEOUT,
    ) -> None:
        self.fake = fake
        self.admin = AdminApi(fake)
        super().__init__(
            self.handle_request,
            host=host,
            port=port,
            max_body=max_body,
            reject=self.refusal,
            read_timeout=read_timeout,
        )

    @property
    def ui_url(self) -> str:
        """The live dashboard: ``http://host:port/_fake/ui`` (open it in a browser)."""
        return self.url + UI_PATH

    def handle_request(self, request: HttpRequest) -> HttpResponse:
        """Route a request: ``/_fake/...`` to the admin API, the rest to the fake."""
        if AdminApi.owns(request):
            return self.admin.handle(request)
        return self.fake.handle(request)

    def refusal(self, status: int, message: str) -> HttpResponse:
        """A request the server could not read: the ECS error envelope, in JSON."""
        code = "InternalError" if status == 500 else "InvalidParameter"  # 500: a handler bug
        err = EcsError(code, message, status=status)
        with self.fake.cloud.lock:
            request_id = self.fake.cloud.ids.request_id()
        return encode.error(err, request_id, self.host, "JSON")

    def start(self) -> FakeEcsServer:
        """Serve in a background thread until ``stop()``."""
        super().start()
        return self

    def __enter__(self) -> FakeEcsServer:
        return self.start()

    def __repr__(self) -> str:
        return f"<FakeEcsServer {self.url} {self.fake!r}>"
