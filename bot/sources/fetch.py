"""Fetching a link a stranger sent, safely (the async shell's only door to the network).

Every link is checked first (`guard.check_url`), and every connection goes through the pinned transport
(`transport.PinnedTransport`), which connects only to addresses it has just resolved and checked, so DNS
rebinding cannot swap them. Redirects are followed here, one hop at a time, and every hop is checked again.
Bodies are decompressed by hand with a bounded output (`decompress.BoundedDecoder`), so a small compressed body
cannot expand past `fetch_max_bytes`.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from email.message import Message
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from urllib.parse import urljoin

import httpx

from bot import PROJECT_URL, __version__
from bot.config import Settings
from bot.errors import HTTPStatusError, NetworkError, NotAnArticleError, TooLargeError
from bot.sources.charset import decode_body
from bot.sources.decompress import BoundedDecoder
from bot.sources.guard import AddressCheck, allow_any, check_url, is_public_address
from bot.sources.pdf import looks_like_pdf
from bot.sources.transport import GuardedBackend, PinnedTransport, Resolver, system_resolver

USER_AGENT = f"newsbot/{__version__} (+{PROJECT_URL}; summarizes links that users send)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"}) | PDF_TYPES
PDF = "application/pdf"


@dataclass(frozen=True)
class FetchResult:
    url: str  # the link as asked
    final_url: str  # after redirects
    status: int
    content_type: str  # the MIME type only, e.g. "text/html"; "application/pdf" for any PDF
    text: str  # the decoded body ("" for a PDF)
    data: bytes = b""  # the body's bytes, kept for a PDF (read by bot.sources.pdf in the worker pool)


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
            allow_any if settings.allow_private_targets else is_public_address
        )
        self._check_hook = is_allowed
        backend = GuardedBackend(resolver or system_resolver, self._is_allowed)
        # Certificates are always verified; a test may pass a context that trusts its own CA, never a lax one.
        context = ssl_context or httpx.create_ssl_context(trust_env=False)
        if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
            raise ValueError("certificate checks cannot be disabled")
        concurrency = max(1, settings.fetch_max_concurrency)
        self._semaphore = asyncio.Semaphore(concurrency)
        self._client = httpx.AsyncClient(
            transport=PinnedTransport(backend, context, concurrency * 2),
            trust_env=False,
            follow_redirects=False,
            # A jar whose policy accepts nothing: no cookie survives from one request to the next.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",  # only what BoundedDecoder can undo
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
        decoder = BoundedDecoder([e for e in encodings if e], limit)
        body = bytearray()
        raw_total = 0
        async for chunk in response.aiter_raw():
            raw_total += len(chunk)
            if raw_total > limit:
                raise TooLargeError()
            body += decoder.feed(chunk)
        body += decoder.flush()
        if content_type in PDF_TYPES or (not content_type and looks_like_pdf(bytes(body))):
            return FetchResult(url, final_url, status, PDF, "", bytes(body))
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
