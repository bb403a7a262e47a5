"""Fetching a link a stranger sent, safely (the async shell's only door to the network).

Every connection goes through `_GuardedBackend.connect_tcp`, which resolves the host itself, refuses the whole
connection if *any* resolved address is not public, and then connects to one of the addresses it just checked.
The check and the connection use the same addresses, so DNS rebinding cannot swap them; the URL keeps the host
name, so the Host header, TLS SNI and certificate checks still use the name. Redirects are followed here, one
hop at a time, and every hop is checked again. Bodies are decompressed by hand with a bounded output, so a
small compressed body cannot expand past `fetch_max_bytes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
import socket
import ssl
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.message import Message
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
import idna

from bot import PROJECT_URL, __version__
from bot.config import Settings
from bot.errors import (
    BlockedAddressError,
    FetchError,
    HTTPStatusError,
    NetworkError,
    NotAnArticleError,
    TooLargeError,
)
from bot.sources.charset import decode_body

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Sequence[IPAddress]]]
AddressCheck = Callable[[IPAddress], bool]

USER_AGENT = f"newsbot/{__version__} (+{PROJECT_URL}; summarizes links that users send)"
MAX_URL_LENGTH = 2048
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})

# Ranges that Python's flags miss or that embed an IPv4 address we must check in turn.
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local use only
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d form


def is_public_address(ip: IPAddress | str) -> bool:
    """True when `ip` is an ordinary public unicast address, including every IPv6 form that embeds IPv4."""
    addr = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.scope_id:
            return False
        # Forms that carry an IPv4 address: the IPv4 inside decides (is_global alone says True for some).
        if addr.ipv4_mapped is not None:
            return is_public_address(addr.ipv4_mapped)
        if addr in _NAT64_WELL_KNOWN:
            return is_public_address(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
        if addr in _NAT64_LOCAL or addr in _IPV4_COMPATIBLE:
            return False
        if addr.sixtofour is not None:
            return is_public_address(addr.sixtofour)
        if addr.teredo is not None:
            server, client = addr.teredo
            if not (is_public_address(server) and is_public_address(client)):
                return False
        if addr.is_site_local:
            return False
    elif addr in _CGNAT:
        return False
    return not (
        addr.is_loopback
        or addr.is_private
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
    ) and bool(addr.is_global)


def _allow_any(_ip: IPAddress) -> bool:
    return True


_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def _parse_ip_literal(host: str) -> IPAddress | None:
    """The IP address a URL host spells, or None for a name. Odd IPv4 spellings are refused outright."""
    if ":" in host:
        if "%" in host:
            raise BlockedAddressError("Links with an IPv6 zone index are not opened.")
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise FetchError("That doesn't look like a valid link.") from None
    labels = host.split(".")
    # The URL standard reads a host whose last label is numeric as an IPv4 address (127.1, 0x7f000001,
    # 2130706433, 0177.0.0.1). Browsers and some resolvers accept those; only a plain dotted quad passes here.
    if _NUMERIC_LABEL.match(labels[-1]):
        try:
            addr = ipaddress.IPv4Address(host)
        except ValueError:
            raise BlockedAddressError(
                "That link spells its address in an unusual way, so it was not opened."
            ) from None
        return addr
    return None


def _host_name(raw: str) -> str:
    """Lower-case ASCII (IDNA) form of a host name, without trailing dots; raises FetchError when invalid."""
    name = raw.rstrip(".").lower()
    if not name:
        raise FetchError("That doesn't look like a valid link.")
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise FetchError("That link has an invalid host name.") from None
    if not all(_HOST_LABEL.match(label) for label in name.split(".")):
        raise FetchError("That link has an invalid host name.")
    return name


def check_url(url: str, *, allow_private: bool = False, is_allowed: AddressCheck | None = None) -> httpx.URL:
    """Validate a link before anything touches the network, and return it as an `httpx.URL`.

    Purely syntactic, plus the address check when the host is an IP literal: only http(s), no user name or
    password, a length cap, no odd numeric spellings, no `localhost`. Names are resolved and checked later,
    at connection time. `is_allowed` replaces the public-address check (tests use it to admit loopback).
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise FetchError("That link is too long.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError("That doesn't look like a valid link.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedAddressError("Only http:// and https:// links can be opened.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise BlockedAddressError("Links with a user name or password in them are not opened.")
    raw_host = parts.hostname
    if not raw_host:
        raise FetchError("That doesn't look like a valid link.")
    if port == 0:
        raise FetchError("That doesn't look like a valid link.")
    check = is_allowed or (_allow_any if allow_private else is_public_address)
    ip = _parse_ip_literal(raw_host)
    if ip is not None:
        if not check(ip):
            raise BlockedAddressError()
        host = f"[{ip}]" if ip.version == 6 else str(ip)
    else:
        host = _host_name(raw_host)
        if not allow_private and (host == "localhost" or host.endswith(".localhost")):
            raise BlockedAddressError()
    netloc = host if port is None else f"{host}:{port}"
    path = parts.path or "/"
    target = f"{scheme}://{netloc}{path}" + (f"?{parts.query}" if parts.query else "")
    try:
        return httpx.URL(target)
    except (httpx.InvalidURL, ValueError):
        raise FetchError("That doesn't look like a valid link.") from None


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


class _GuardedBackend(httpcore.AsyncNetworkBackend):
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


class _PinnedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore pool whose every TCP connection goes through `_GuardedBackend`."""

    def __init__(self, backend: _GuardedBackend, ssl_context: ssl.SSLContext, max_connections: int) -> None:
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


@dataclass(frozen=True)
class FetchResult:
    url: str  # the link as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # the MIME type only, e.g. "text/html"
    text: str  # the decoded body


class _BoundedDecoder:
    """Undo Content-Encoding (gzip / deflate, maybe chained) without ever holding more than `limit` bytes."""

    def __init__(self, encodings: Sequence[str], limit: int) -> None:
        self._limit = limit
        self._total = 0
        self._stages: list[_Stage] = []
        for encoding in reversed(encodings):  # applied in order, so undone in reverse
            if encoding in ("gzip", "x-gzip"):
                self._stages.append(_Stage(zlib.MAX_WBITS | 16))
            elif encoding == "deflate":
                self._stages.append(_Stage(zlib.MAX_WBITS, raw_fallback=True))
            elif encoding not in ("identity", ""):
                raise NetworkError(f"The site sent its page in an unsupported encoding ({encoding}).")

    def feed(self, data: bytes) -> bytes:
        for stage in self._stages:
            data = stage.feed(data, self._limit - self._total + 1)
        self._total += len(data)
        if self._total > self._limit:
            raise TooLargeError()
        return data

    def flush(self) -> bytes:
        return self.feed(b"") if self._stages else b""


class _Stage:
    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._wbits = wbits
        self._raw_fallback = raw_fallback
        self._started = False
        self._d = zlib.decompressobj(wbits)

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        if not data and self._started and not self._d.eof:
            return self._d.flush()[:budget]
        while data:
            try:
                # max_length bounds the output of each call: this is what stops a compression bomb.
                chunk = self._d.decompress(data, max(1, budget - len(out)))
            except zlib.error:
                if self._raw_fallback and not self._started:
                    # Some servers send raw deflate without the zlib header.
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_fallback = False
                    continue
                raise NetworkError("The site sent a corrupt compressed page.") from None
            self._started = True
            out += chunk
            if len(out) >= budget:
                break  # over budget: the caller raises TooLargeError
            if self._d.eof:
                data = self._d.unused_data  # another gzip member may follow
                if data:
                    self._d = zlib.decompressobj(self._wbits)
                continue
            data = self._d.unconsumed_tail
        return bytes(out)


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    msg = Message()
    msg["content-type"] = value
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), charset if isinstance(charset, str) else None


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


class Fetcher:
    """Fetches article pages safely. One per process; share it; `await aclose()` (or `async with`) at the end.

    `resolver` and `is_allowed` are hooks for tests (a fake name → loopback, or admitting one loopback address
    as if it were public); production uses the system resolver and `is_public_address`.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver | None = None,
        is_allowed: AddressCheck | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._settings = settings
        self._allow_private = settings.allow_private_targets and is_allowed is None
        self._is_allowed: AddressCheck = is_allowed or (
            _allow_any if settings.allow_private_targets else is_public_address
        )
        self._check_hook = is_allowed
        backend = _GuardedBackend(resolver or system_resolver, self._is_allowed)
        # Certificates are always verified; a test may pass a context that trusts its own CA, never a lax one.
        context = ssl_context or httpx.create_ssl_context(trust_env=False)
        if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
            raise ValueError("certificate checks cannot be disabled")
        concurrency = max(1, settings.fetch_max_concurrency)
        self._semaphore = asyncio.Semaphore(concurrency)
        self._client = httpx.AsyncClient(
            transport=_PinnedTransport(backend, context, concurrency * 2),
            trust_env=False,
            follow_redirects=False,
            # A jar whose policy accepts nothing: no cookie survives from one request to the next.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",  # only what _BoundedDecoder can undo
                "Accept-Language": "en;q=1.0, *;q=0.5",
            },
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    def check(self, url: str) -> httpx.URL:
        return check_url(url, allow_private=self._allow_private, is_allowed=self._check_hook)

    async def fetch(self, url: str) -> FetchResult:
        """Fetch one article page: checked, redirects followed (each hop checked), size- and time-limited."""
        target = self.check(url)  # refuse bad links before waiting for a slot
        async with self._semaphore:
            try:
                async with asyncio.timeout(self._settings.fetch_timeout):
                    return await self._fetch(url, target)
            except TimeoutError:
                raise NetworkError("The site took too long to answer.") from None

    async def _fetch(self, url: str, target: httpx.URL) -> FetchResult:
        for _hop in range(MAX_REDIRECTS + 1):
            request = self._client.build_request("GET", target)
            try:
                response = await self._client.send(request, stream=True)
            except httpx.TimeoutException:
                raise NetworkError("The site took too long to answer.") from None
            except httpx.HTTPError as exc:
                raise NetworkError(f"Couldn't reach that site ({type(exc).__name__}).") from None
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    target = self.check(urljoin(str(target), location))
                    continue
                return await self._read(url, str(target), response)
            finally:
                await response.aclose()
        raise NetworkError("That link redirects too many times.")

    async def _read(self, url: str, final_url: str, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if not 200 <= status < 300:
            raise HTTPStatusError(_status_message(status))
        content_type, charset = _parse_content_type(response.headers.get("content-type"))
        if content_type == "application/octet-stream":
            content_type = ""  # a common server default that says nothing: sniff the body instead
        if content_type and content_type not in ARTICLE_TYPES:
            raise NotAnArticleError(f"That link is not an article page (it is {content_type}).")
        limit = self._settings.fetch_max_bytes
        length = response.headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > limit:
            raise TooLargeError()
        encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
        decoder = _BoundedDecoder([e for e in encodings if e], limit)
        body = bytearray()
        raw_total = 0
        async for chunk in response.aiter_raw():
            raw_total += len(chunk)
            if raw_total > limit:
                raise TooLargeError()
            body += decoder.feed(chunk)
        body += decoder.flush()
        if not content_type:
            if not _sniff_html(bytes(body)):
                raise NotAnArticleError("That link is not an article page.")
            content_type = "text/html"
        # Charset detection on a large undeclared page is CPU work: keep it off the event loop.
        text = await asyncio.to_thread(decode_body, bytes(body), charset, content_type)
        return FetchResult(url=url, final_url=final_url, status=status, content_type=content_type, text=text)


_STATUS_NAMES = {
    401: "needs a login",
    402: "payment required",
    403: "forbidden",
    404: "not found",
    410: "gone",
    429: "too many requests",
    451: "unavailable for legal reasons",
}


def _status_message(status: int) -> str:
    name = _STATUS_NAMES.get(status)
    what = f"{status} ({name})" if name else str(status)
    if status >= 500:
        return f"The site answered {what}: it has a problem right now. Try later, or paste the text instead."
    return f"The site answered {what}. Paste the article text instead."
