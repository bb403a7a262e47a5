"""The async glue shared by the CLI and the Telegram bot: link or article in, digest out, never the same work twice.

URL → normalise → cache → (cached article, or fetch → extract) → make_digest → cache. CPU work (extraction,
cleaning, key points, NER) runs in an executor, off the event loop. Concurrent requests for the same link (or the
same text) share one piece of in-flight work: one fetch, one digest. Digests are cached per (link or text, points,
summarizer method); the article read from a link is cached per link (same TTL), so asking for more points or
another summarizer re-digests it in the pool without fetching the page again.

The cache serves every chat, so it keeps the story, never the sender: what came with one message (its forward
credit, a file's name and byline, the exact link it sent) is left out of what is stored and shared, and each reply
takes those fields from its own request only (`_for_message`, `link_source`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from bot.config import Settings
from bot.errors import DigestTimeoutError
from bot.model import Article, Digest
from bot.pipeline import (
    DEFAULT_METHOD,
    MAX_POINTS,
    WHOLE_SENTENCES_METHOD,
    forwarded_from,
    load_models,
    make_digest,
    page_meta,
    read_part,
    word_count,
)
from bot.sources.documents import PDF, read_document
from bot.sources.extract import extract_article
from bot.sources.fetch import Fetcher
from bot.sources.links import Link
from bot.store import Store, text_hash
from bot.workers import WorkerPool

T = TypeVar("T")
log = logging.getLogger(__name__)

ExecutorKind = Literal["process", "thread"]


def warm_worker() -> None:
    """Load the models in a worker, so the first digest in it is not the slow one (at once in a worker forked
    from a fork server that loaded them)."""
    load_models()


def make_executor(settings: Settings, kind: ExecutorKind = "process") -> Executor:
    """A pool sized to the cores. Processes run digests truly in parallel (spaCy and sumy hold the GIL); they are
    forked from a fork server that loaded the models once (bot/preload.py), so the workers share that memory and
    no lock held by another thread of the bot is copied into them; a worker stuck past NEWSBOT_DIGEST_TIMEOUT, or
    dead, is replaced (bot/workers/). Threads cannot be killed: see _in_executor."""
    workers = max(1, settings.workers)
    if kind == "thread":
        return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digest")
    return WorkerPool(
        workers, timeout=settings.digest_timeout, initializer=warm_worker, preload=("bot.preload",)
    )


def default_executor_kind(settings: Settings) -> ExecutorKind:
    """The pool kind the settings ask for (NEWSBOT_EXECUTOR=process|thread)."""
    return "thread" if settings.executor == "thread" else "process"


def summary_method(*, whole_sentences: bool = False) -> str:
    """The summarizer a chat's digests use: ours, with each point shortened or as the whole sentence."""
    return WHOLE_SENTENCES_METHOD if whole_sentences else DEFAULT_METHOD


def page_to_article(body: str, content_type: str, url: str | None) -> Article:
    """A fetched page's article: extracted from HTML, or the plain text as it is."""
    if content_type == "text/plain":
        return Article(text=body, source=url)
    return extract_article(body, url)


def document_to_article(data: bytes, content_type: str) -> Article:
    """A file's article (an upload, or a PDF behind a link): text, Markdown and HTML decoded like a fetched body,
    a PDF's text layer, a Word document's paragraphs (bot.sources.documents)."""
    return read_document(data, content_type)


def text_key(text: str, title: str | None = None) -> str:
    """The text cache key: a hash of the part a digest reads, cleaned, so copies that differ only in furniture
    share it; of the rest, which only the word count reads; and of the title the request gave (it steers the key
    points), so a cached digest depends on its key alone."""
    return _key(*read_part(text), title)


def _key(cleaned: str, rest: str, title: str | None) -> str:
    given = " ".join(title.split()) if title else ""
    parts = [cleaned, given, text_hash(rest) if rest else ""]
    while len(parts) > 1 and not parts[-1]:
        parts.pop()  # a short text without a title is keyed on its cleaned text alone, as it always was
    return text_hash("\x00".join(parts))


# A text up to this long is keyed in the bot's own process (at most ~20 ms of CPU), a longer one in the pool.
FACTS_HERE_MAX_CHARS = 20_000


@dataclass(frozen=True)
class MessageFacts:
    """What a digest of pasted text takes from the request itself rather than from the shared story."""

    key: str  # `text_key`
    credit: str | None  # a "Forwarded from …" header pasted at the top of this text
    words: int  # this text's words before cleaning
    cleaned: str  # the part of the text a digest reads, cleaned (`read_part`): the digest needs it again


def message_facts(text: str, title: str | None) -> MessageFacts:
    """The cache key of a text and the facts of this copy of it (CPU work on a long text: run in the pool)."""
    cleaned, rest = read_part(text)
    return MessageFacts(_key(cleaned, rest, title), forwarded_from(text), word_count(text), cleaned)


def link_source(link: Link, stored: str | None) -> str:
    """The source a link's digest names: the page a redirect led to (normalized, so no one's tracking shows), or
    else the link as this request sent it. Never the raw link of whoever read the page first: the cache serves
    every chat, and a link's tracking parameters can tell who shared it. Rows cached before this rule carry that
    raw link; normalizing it here keeps them harmless too."""
    if stored and stored.lower().startswith(("http://", "https://")):
        with contextlib.suppress(ValueError):  # an odd stored address: fall back to the request's own link
            target = Link(stored).key
            if target != link.key:
                return target
    return link.url


def story_only(digest: Digest) -> Digest:
    """A digest as the cache keeps and shares it: the story, without what came from the request (its source,
    the byline of an uploaded page, its word count before cleaning)."""
    return dataclasses.replace(
        digest, source=None, site_name=None, author=None, published=None, original_words=0
    )


class DigestService:
    """One per process. `store=None` disables caching (coalescing still works)."""

    def __init__(
        self,
        settings: Settings,
        store: Store | None,
        fetcher: Fetcher | None = None,
        executor: Executor | None = None,
        *,
        executor_kind: ExecutorKind | None = None,
        open_store: Callable[[], Awaitable[Store | None]] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        # With no store yet, `open_store` opens one the first time the cache is needed (tried once).
        self._open_store = open_store if store is None else None
        self._store_lock = asyncio.Lock()
        self._fetcher = fetcher if fetcher is not None else Fetcher(settings)
        self._own_fetcher = fetcher is None
        self._executor = executor
        self._own_executor = executor is None
        # The pool this service makes for itself when none is given (default: what the settings ask for).
        self._executor_kind = executor_kind or default_executor_kind(settings)
        self._inflight: dict[Hashable, asyncio.Future[Any]] = {}

    async def _cache(self) -> Store | None:
        """The store, opened now if it is opened lazily and this is its first use; None: no caching."""
        if self.store is None and self._open_store is not None:
            async with self._store_lock:
                if self.store is None and self._open_store is not None:
                    opener, self._open_store = self._open_store, None
                    self.store = await opener()
        return self.store

    def _points(self, points: int | None) -> int:
        """The count asked for, clamped as make_digest clamps it, so 1000 and MAX_POINTS share one cache entry
        and one piece of in-flight work."""
        count = points if points is not None else self.settings.default_points
        return max(1, min(count, MAX_POINTS))

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = make_executor(self.settings, self._executor_kind)
        return self._executor

    async def _in_executor(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in the pool, answered within NEWSBOT_DIGEST_TIMEOUT (DigestTimeoutError past it)."""
        pool = self._pool()
        work = asyncio.get_running_loop().run_in_executor(pool, fn, *args)
        if isinstance(pool, WorkerPool):
            return await work  # the pool keeps the deadline itself, and replaces the worker that overran it
        # Any other pool (threads): a thread cannot be killed, so past the deadline the caller is answered and
        # whatever the thread returns later is dropped; the thread stays busy until then.
        try:
            done, _ = await asyncio.wait({work}, timeout=self.settings.digest_timeout)
        finally:
            if not work.done():
                work.cancel()
        if not done:
            log.warning(
                "%s ran past %g s; its thread runs on",
                getattr(fn, "__name__", fn),
                self.settings.digest_timeout,
            )
            raise DigestTimeoutError()
        return work.result()

    async def _coalesce(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """Run `work` once per key at a time: later callers wait for the first caller's result (or error)."""
        running = self._inflight.get(key)
        if running is None:
            running = asyncio.ensure_future(work())
            self._inflight[key] = running
            running.add_done_callback(lambda _f: self._inflight.pop(key, None))
        # shield: one impatient caller (a cancelled Telegram update) must not cancel the others' work.
        result: T = await asyncio.shield(running)
        return result

    async def warm_up(self) -> None:
        """Start the workers and load the models now (the bot calls this at start), not on the first request."""
        pool = self._pool()
        if isinstance(pool, WorkerPool):  # its workers load the models as they start
            await asyncio.to_thread(pool.wait_ready)
            return
        # Threads share this process's models: one warm-up serves them all.
        await asyncio.get_running_loop().run_in_executor(pool, warm_worker)

    async def digest_url(
        self, url: str | Link, *, points: int | None = None, method: str = DEFAULT_METHOD
    ) -> Digest:
        """Digest the article at `url`. Raises the FetchError family and InputError with friendly messages.

        A bare URL (the CLI's) is normalized here; a `Link` (the bot's) carries the key it was given where the
        message came in.
        """
        link = url if isinstance(url, Link) else Link(url)
        count = self._points(points)
        self._fetcher.check(link.url)  # refuse bad links at once, before any cache or queue
        key = link.key
        digest = await self._coalesce(
            ("url", key, count, method), lambda: self._digest_url(link.url, key, count, method)
        )
        return dataclasses.replace(digest, source=link_source(link, digest.source))

    async def _digest_url(self, url: str, key: str, points: int, method: str) -> Digest:
        store = await self._cache()
        if store is not None:
            cached = await store.get_url(key, points=points, max_age=self.settings.cache_ttl, method=method)
            if cached is not None:
                return cached
        # Requests for one link with different points or methods share one read of the page, too.
        article, final_key = await self._coalesce(("article", key), lambda: self._read_url(url, key))
        digest = await self.digest_article(article, points=points, method=method)
        if store is not None:
            await store.put_url(key, digest, points=points, method=method)
            if final_key is not None:
                await store.put_url(final_key, digest, points=points, method=method)
        return digest

    async def _read_url(self, url: str, key: str) -> tuple[Article, str | None]:
        """The link's article, from the cache or fetched and extracted; with the redirect target's key when the
        page was fetched and came from another address (None otherwise)."""
        store = await self._cache()
        if store is not None:
            cached = await store.get_article(key, max_age=self.settings.cache_ttl)
            if cached is not None:
                return cached, None
        page = await self._fetcher.fetch(url)
        if page.content_type == PDF:
            article = await self.read_document(page.data, PDF)
        else:
            article = await self.read_page(page.text, page.content_type, page.final_url)
        final_key: str | None = Link(page.final_url).key  # a redirect target is a link that enters here
        if final_key == key:
            final_key = None
        # Kept and shared without the raw link this request sent (see link_source): only a redirect's target.
        article = dataclasses.replace(article, source=final_key)
        if store is not None:
            await store.put_article(key, article)
            if final_key is not None:  # the redirect target is a link people share too
                await store.put_article(final_key, article)
        return article, final_key

    async def read_page(self, body: str, content_type: str = "text/html", url: str | None = None) -> Article:
        """The article in a page already decoded to text (fetched, or handed over as HTML); extraction runs in
        the pool."""
        return await self._in_executor(page_to_article, body, content_type, url)

    async def read_document(self, data: bytes, content_type: str) -> Article:
        """The article in a file (.txt, .md, .html, .pdf, .docx: see bot.sources.documents); decoding, extraction
        and reading a PDF are CPU work, run in the pool, bounded by the readers' own limits."""
        return await self._in_executor(document_to_article, data, content_type)

    async def digest_article(
        self, article: Article, *, points: int | None = None, method: str = DEFAULT_METHOD
    ) -> Digest:
        """Digest an article's text (cached by a hash of the cleaned text and its given title). Raises InputError
        for non-stories."""
        count = self._points(points)
        facts = await self._message_facts(article)
        story = await self._coalesce(
            ("text", facts.key, count, method), lambda: self._digest_text(article, facts, count, method)
        )
        return _for_message(story, article, facts)

    async def _message_facts(self, article: Article) -> MessageFacts:
        """`message_facts` of the article's text: a short text's in a thread of this process, at once (a few
        milliseconds), a long one's in the pool. Queued in the pool behind the digests, a short text would wait
        for a worker twice, once for its key and once for its digest."""
        if len(article.text) <= FACTS_HERE_MAX_CHARS:
            return await asyncio.to_thread(message_facts, article.text, article.title)
        return await self._in_executor(message_facts, article.text, article.title)

    async def _digest_text(self, article: Article, facts: MessageFacts, points: int, method: str) -> Digest:
        """The story's digest, shared by every request for it (from the cache, or made now and cached)."""
        store = await self._cache()
        if store is not None:
            cached = await store.get_text(facts.key, points=points, method=method)
            if cached is not None:
                return story_only(cached)  # rows from before this rule may still hold a sender's fields
        story = story_only(await self._in_executor(_make_digest, article, points, method, facts.cleaned))
        if store is not None:
            await store.put_text(facts.key, story, points=points, method=method)
        return story

    async def digest_uncached(
        self, article: Article, *, points: int | None = None, method: str = DEFAULT_METHOD
    ) -> Digest:
        """Digest an article in the pool, neither reading nor filling the cache: for callers whose input is
        not worth keeping (the CLI's text lines, which a benchmark also repeats to time the real work)."""
        return await self._in_executor(_make_digest, article, self._points(points), method)

    async def aclose(self) -> None:
        """Close what this service created (the store belongs to the caller)."""
        if self._own_fetcher:
            await self._fetcher.aclose()
        if self._own_executor and self._executor is not None:
            executor, self._executor = self._executor, None
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)


def _for_message(story: Digest, article: Article, facts: MessageFacts) -> Digest:
    """The story's digest as this request's reply: its source, byline and word count from this request alone,
    cut as make_digest cuts them."""
    meta = page_meta(article)
    return dataclasses.replace(
        story,
        source=article.source or facts.credit,
        site_name=meta.site_name,
        author=meta.author,
        published=meta.published,
        original_words=facts.words,
    )


def _make_digest(
    article: Article, points: int, method: str = DEFAULT_METHOD, cleaned: str | None = None
) -> Digest:
    # Module-level so a process pool can pickle it.
    return make_digest(article, points=points, method=method, cleaned=cleaned)


@contextlib.asynccontextmanager
async def open_service(
    settings: Settings, *, executor_kind: ExecutorKind | None = None, lazy_store: bool = False
) -> AsyncIterator[DigestService]:
    """A service with its own store, fetcher (one HTTP client) and executor, all opened once for the block and
    closed on the way out, on an error or a cancellation (Ctrl-C) too. For the CLI; the bot wires its own.

    `lazy_store`: open the store (and create the data folder) only when a request first needs the cache, so
    work that never touches it (text the caller digests uncached) leaves no file behind. If it can't be
    opened then (a read-only folder), the service warns once and goes on without a cache.
    """
    opened: list[Store] = []

    async def open_store() -> Store:
        store = await Store.from_settings(settings)
        opened.append(store)
        return store

    async def open_store_or_warn() -> Store | None:
        try:
            return await open_store()
        except (OSError, sqlite3.Error, RuntimeError) as err:  # RuntimeError: a schema from a newer newsbot
            log.warning("can't open the cache in %s (%s); reading links without it", settings.data_dir, err)
            return None

    try:
        if lazy_store:
            service = DigestService(
                settings, None, executor_kind=executor_kind, open_store=open_store_or_warn
            )
        else:
            service = DigestService(settings, await open_store(), executor_kind=executor_kind)
        try:
            yield service
        finally:
            await service.aclose()
    finally:
        for store in opened:
            await store.close()
