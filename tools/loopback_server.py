"""A real HTTP server on a loopback address for the link tests (aiohttp, running in the test's event loop).

Each test registers handlers by path; the server records every request it receives, so a test can assert that
a refused link never reached it.
"""

from __future__ import annotations

import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]


class LoopbackServer:
    def __init__(self, host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None) -> None:
        self.host = host
        self.port = 0
        self.requests: list[Seen] = []
        self._handlers: dict[str, Handler] = {}
        self._ssl = ssl_context
        self._runner: web.AppRunner | None = None

    def route(self, path: str, handler: Handler) -> None:
        self._handlers[path] = handler

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(body=data, headers={"Content-Type": content_type})

        self.route(path, handler)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        async def handler(_request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self.route(path, handler)

    def url(self, path: str = "/", host: str | None = None) -> str:
        scheme = "https" if self._ssl else "http"
        name = host or self.host
        if ":" in name:
            name = f"[{name}]"
        return f"{scheme}://{name}:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path_qs, dict(request.headers)))
        handler = self._handlers.get(request.path)
        if handler is None:
            return web.Response(status=404, text="no such page")
        return await handler(request)

    async def start(self) -> LoopbackServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0, ssl_context=self._ssl)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
