"""The connection side of the SSRF guard: an httpx transport that connects only to addresses it has checked.

Every connection goes through `GuardedBackend.connect_tcp`, which resolves the host itself, refuses the whole
connection if *any* resolved address is not allowed, and then connects to one of the addresses it just checked.
The check and the connection use the same addresses, so DNS rebinding cannot swap them; the URL keeps the host
name, so the Host header, TLS SNI and certificate checks still use the name.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from typing import Any

import httpcore
import httpx

from bot.errors import BlockedAddressError, NetworkError
from bot.sources.guard import AddressCheck, IPAddress

Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    """Resolve with the system resolver, off the event loop (asyncio runs getaddrinfo in a thread)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise NetworkError("Couldn't find that site (the name does not resolve).") from None
    seen: dict[IPAddress, None] = {}
    for _family, _type, _proto, _canon, sockaddr in infos:
        seen[ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])] = None
    return list(seen)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects to a checked address: the pin against DNS rebinding."""

    def __init__(self, resolver: Resolver, is_allowed: AddressCheck) -> None:
        self._resolver = resolver
        self._is_allowed = is_allowed
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = list(await self._resolver(host, port))
        if not addresses:
            raise NetworkError("Couldn't find that site (the name does not resolve).")
        if not all(self._is_allowed(a) for a in addresses):
            raise BlockedAddressError()
        last_error: Exception | None = None
        for addr in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(addr),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddressError()

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@contextlib.contextmanager
def _as_network_error() -> Iterator[None]:
    """httpcore's transport errors → our NetworkError with a message a user can act on."""
    try:
        yield
    except httpcore.TimeoutException:
        raise NetworkError("The site took too long to answer.") from None
    except httpcore.ConnectError:
        raise NetworkError("Couldn't connect to that site.") from None
    except httpcore.NetworkError as exc:
        raise NetworkError(f"The connection to the site failed ({type(exc).__name__}).") from None
    except httpcore.ProtocolError:
        raise NetworkError("The site sent a broken HTTP answer.") from None


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterator[bytes] | Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_network_error():
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        if hasattr(self._stream, "aclose"):
            await self._stream.aclose()


class PinnedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore pool whose every TCP connection goes through `GuardedBackend`."""

    def __init__(self, backend: GuardedBackend, ssl_context: ssl.SSLContext, max_connections: int) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=5.0,
            network_backend=backend,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        req = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,  # type: ignore[arg-type]
            extensions=request.extensions,
        )
        with _as_network_error():
            resp = await self._pool.handle_async_request(req)
        return httpx.Response(
            status_code=resp.status,
            headers=resp.headers,
            stream=_ResponseStream(resp.stream),
            extensions=resp.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()
