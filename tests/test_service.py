"""DigestService end to end against a real HTTP server on loopback: fetch → extract → digest → cache, and
coalescing of concurrent requests."""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import workerjobs
from aiohttp import web

from bot.config import Settings
from bot.errors import BlockedAddressError, HTTPStatusError, InputError, NotAnArticleError
from bot.model import Article
from bot.pipeline.digest import MAX_POINTS, READ_MAX_CHARS, TEASER_NOTE, make_digest, read_part
from bot.service import FACTS_HERE_MAX_CHARS, DigestService, make_executor, open_service, text_key
from bot.store import Store
from bot.workers import WorkerPool
from tools.loopback_server import LoopbackServer

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE_HTML = (PAGES / "article.html").read_text(encoding="utf-8")
HOME_HTML = (PAGES / "home.html").read_text(encoding="utf-8")


class CountingExecutor(ThreadPoolExecutor):
    """A real thread pool that also records which functions it ran."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.calls: list[str] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls.append(getattr(fn, "__name__", repr(fn)))
        return super().submit(fn, *args, **kwargs)


def settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"allow_private_targets": True, "data_dir": tmp_path, "fetch_timeout": 10.0}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    srv = await LoopbackServer().start()
    srv.page("/news/flood-wall", ARTICLE_HTML)
    srv.page("/", HOME_HTML)
    yield srv
    await srv.stop()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "newsbot.sqlite3")
    yield s
    await s.close()


@pytest.fixture
def executor() -> Iterator[CountingExecutor]:
    pool = CountingExecutor()
    yield pool
    pool.shutdown(wait=True)


async def test_digest_url_fetches_extracts_and_digests(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digest = await service.digest_url(server.url("/news/flood-wall"), points=3)
    finally:
        await service.aclose()
    assert digest.title == "River town votes to rebuild its flood wall"
    assert digest.site_name == "The Valley Courier"
    assert digest.author == "Marta Okafor"
    assert len(digest.key_points) == 3
    assert "flood wall" in digest.text and "All rights reserved" not in digest.text
    assert {"page_to_article", "_make_digest"} <= set(executor.calls)  # CPU work ran in the executor


async def test_a_cached_link_is_not_fetched_again_even_after_a_restart(
    server: LoopbackServer, executor: CountingExecutor, tmp_path: Path
) -> None:
    url = server.url("/news/flood-wall")
    for _ in range(2):  # two "runs" of the bot, each opening the same database
        store = await Store.open(tmp_path / "newsbot.sqlite3")
        service = DigestService(settings(tmp_path), store, executor=executor)
        try:
            first = await service.digest_url(url)
            again = await service.digest_url(url + "?utm_source=telegram#top")  # same page, other spelling
        finally:
            await service.aclose()
            await store.close()
        # The same digest, each naming the link its request sent.
        assert dataclasses.replace(again, source=first.source) == first
        assert again.source == url + "?utm_source=telegram#top"
    assert server.hits("/news/flood-wall") == 1


async def test_a_different_point_count_is_a_different_digest(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        three = await service.digest_url(server.url("/news/flood-wall"), points=3)
        five = await service.digest_url(server.url("/news/flood-wall"), points=5)
    finally:
        await service.aclose()
    assert (len(three.key_points), len(five.key_points)) == (3, 5)


async def test_expired_links_are_fetched_again(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path, cache_ttl=0.0), store, executor=executor)
    try:
        await service.digest_url(server.url("/news/flood-wall"))
        await asyncio.sleep(0.01)
        await service.digest_url(server.url("/news/flood-wall"))
    finally:
        await service.aclose()
    assert server.hits("/news/flood-wall") == 2


@pytest.mark.parametrize("with_store", [True, False])
async def test_concurrent_requests_for_one_link_do_one_fetch(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path, with_store: bool
) -> None:
    async def slow_article(_r: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.3)  # keep the first fetch in flight while the others arrive
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    server.route("/slow", slow_article)
    service = DigestService(settings(tmp_path), store if with_store else None, executor=executor)
    try:
        urls = [server.url("/slow"), server.url("/slow?utm_medium=x"), server.url("/slow#a")] * 3
        digests = await asyncio.gather(*(service.digest_url(u) for u in urls))
    finally:
        await service.aclose()
    assert server.hits("/slow") == 1
    assert all(
        dataclasses.replace(d, source=None) == dataclasses.replace(digests[0], source=None) for d in digests
    )
    assert [d.source for d in digests] == urls  # each names its own link
    assert executor.calls.count("_make_digest") == 1


async def test_a_failure_reaches_every_waiter_and_is_not_cached(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    async def forbidden(_r: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.2)
        return web.Response(status=403, text="no")

    server.route("/closed", forbidden)
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        results = await asyncio.gather(
            *(service.digest_url(server.url("/closed")) for _ in range(4)), return_exceptions=True
        )
        assert all(isinstance(r, HTTPStatusError) for r in results)
        assert server.hits("/closed") == 1
        with pytest.raises(HTTPStatusError):
            await service.digest_url(server.url("/closed"))
        assert server.hits("/closed") == 2  # errors are retried, not remembered
    finally:
        await service.aclose()


async def test_a_cancelled_caller_does_not_cancel_the_shared_work(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    async def slow_article(_r: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.3)
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    server.route("/slow", slow_article)
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        impatient = asyncio.ensure_future(service.digest_url(server.url("/slow")))
        patient = asyncio.ensure_future(service.digest_url(server.url("/slow")))
        await asyncio.sleep(0.1)
        impatient.cancel()
        digest = await patient
    finally:
        await service.aclose()
    assert digest.title == "River town votes to rebuild its flood wall"
    assert server.hits("/slow") == 1


async def test_blocked_links_are_refused_before_any_request(server: LoopbackServer, tmp_path: Path) -> None:
    service = DigestService(Settings(data_dir=tmp_path), None)  # default settings: loopback is blocked
    try:
        with pytest.raises(BlockedAddressError):
            await service.digest_url(server.url("/news/flood-wall"))
    finally:
        await service.aclose()
    assert server.requests == []


async def test_a_home_page_is_not_an_article(
    server: LoopbackServer, executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        with pytest.raises(NotAnArticleError, match="home page"):
            await service.digest_url(server.url("/"))
    finally:
        await service.aclose()


async def test_a_paywall_teaser_is_digested_with_the_teaser_note(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    server.page("/business/paper-mill", (PAGES / "paywall.html").read_text(encoding="utf-8"))
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digest = await service.digest_url(server.url("/business/paper-mill"), points=3)
        # Another point count: the cached article's digest, still marked.
        again = await service.digest_url(server.url("/business/paper-mill"), points=4)
    finally:
        await service.aclose()
    assert digest.title == "Inside the deal that saved the valley's last paper mill"
    assert digest.key_points and digest.extra["notes"] == [TEASER_NOTE]
    assert again.extra["notes"] == [TEASER_NOTE]
    assert server.hits("/business/paper-mill") == 1


async def test_a_plain_text_page_is_digested_as_text(
    server: LoopbackServer, executor: CountingExecutor, tmp_path: Path
) -> None:
    text = "\n\n".join(p.strip() for p in _story_paragraphs())
    server.page("/story.txt", text, "text/plain; charset=utf-8")
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        digest = await service.digest_url(server.url("/story.txt"), points=2)
    finally:
        await service.aclose()
    assert len(digest.key_points) == 2
    assert digest.source == server.url("/story.txt")


async def test_a_redirect_target_is_cached_too(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    server.redirect("/short", "/news/flood-wall")
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        await service.digest_url(server.url("/short"))
        await service.digest_url(server.url("/news/flood-wall"))
    finally:
        await service.aclose()
    assert server.hits("/news/flood-wall") == 1


async def test_digest_article_is_cached_by_the_cleaned_text(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    body = "\n\n".join(_story_paragraphs())
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        first = await service.digest_article(Article(text=body, source="Forwarded from Courier"))
        # The same story pasted again with different spacing and a promo line: one digest, from the cache.
        second = await service.digest_article(
            Article(text=body.replace("\n\n", "\n\n\n") + "\n\nSubscribe to our newsletter!", source="paste")
        )
    finally:
        await service.aclose()
    assert executor.calls.count("_make_digest") == 1
    assert second.key_points == first.key_points
    assert (first.source, second.source) == ("Forwarded from Courier", "paste")  # each keeps its own source


async def test_too_short_text_is_an_input_error(executor: CountingExecutor, tmp_path: Path) -> None:
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        with pytest.raises(InputError):
            await service.digest_article(Article(text="Too short to summarize."))
    finally:
        await service.aclose()


async def test_the_process_pool_digests_and_returns_errors(server: LoopbackServer, tmp_path: Path) -> None:
    config = settings(tmp_path, workers=1)
    pool = make_executor(config, "process")
    service = DigestService(config, None, executor=pool)
    try:
        await service.warm_up()
        digest = await service.digest_url(server.url("/news/flood-wall"), points=2)
        assert len(digest.key_points) == 2
        with pytest.raises(NotAnArticleError):  # an error raised in the worker arrives intact
            await service.digest_url(server.url("/"))
    finally:
        await service.aclose()
        pool.shutdown(wait=True)


def test_the_process_pool_forks_its_workers_with_the_models_already_loaded(tmp_path: Path) -> None:
    """Loaded once in the fork server, the models' pages are shared by the workers instead of copied into each."""
    pool = make_executor(settings(tmp_path, workers=2), "process")
    try:
        assert isinstance(pool, WorkerPool) and pool.wait_ready(120)
        jobs = [pool.submit(workerjobs.how_models_came) for _ in range(4)]
        results = {job.result(timeout=60) for job in jobs}
    finally:
        pool.shutdown(wait=True)
    assert all(preloaded and russian for _, preloaded, russian in results)
    assert os.getpid() not in {parent for parent, _, _ in results}  # forked by the server, not by the bot


def _story_paragraphs() -> list[str]:
    return [
        "Apple and pear growers in the upper Alder valley say a single night of frost last week may have "
        "destroyed a third of this year's blossom, just as the orchards were recovering from two poor harvests.",
        "Temperatures fell to minus four degrees in the early hours of Tuesday, according to the valley's weather "
        "station at Cole Farm. Growers who had covered young trees with fleece reported less damage.",
        "Agnes Moreau, who farms twelve hectares near Eastbury, said the full extent of the damage would only be "
        "clear in about two weeks, when the surviving flowers begin to set fruit.",
        "The growers' cooperative has asked the regional government to include orchards in its weather damage "
        "fund, which currently covers only cereal and vegetable farms.",
    ]


async def test_an_uploaded_document_is_decoded_and_read_in_the_executor(
    executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        plain = await service.read_document(
            "Caf\u00e9 owners welcome the new market hall.".encode("cp1252"), "text/plain"
        )
        page = await service.read_document(ARTICLE_HTML.encode("utf-8"), "text/html")
    finally:
        await service.aclose()
    assert plain == Article(text="Caf\u00e9 owners welcome the new market hall.")
    assert page.title == "River town votes to rebuild its flood wall" and "flood wall" in page.text
    assert executor.calls.count("document_to_article") == 2  # decoding and extraction stayed off the loop


async def test_each_summarizer_method_has_its_own_digest_and_cache_entry(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    url = server.url("/news/flood-wall")
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        keypoints = await service.digest_url(url, points=4)
        lead = await service.digest_url(url, points=4, method="lead")
        again = await service.digest_url(url, points=4, method="lead")
        article = await service.read_page(ARTICLE_HTML, "text/html", url)
    finally:
        await service.aclose()
    assert lead == again
    assert lead.key_points == make_digest(article, points=4, method="lead").key_points
    assert keypoints.key_points == make_digest(article, points=4).key_points
    assert (
        executor.calls.count("_make_digest") == 2
    )  # the keypoints entry did not answer for "lead"; lead's did
    assert server.hits("/news/flood-wall") == 1  # lead re-digested the cached article


async def test_digest_uncached_runs_in_the_pool_and_leaves_the_cache_alone(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    article = Article(text="\n\n".join(_story_paragraphs()))
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        first = await service.digest_uncached(article, points=2, method="lead")
        second = await service.digest_uncached(article, points=2, method="lead")
    finally:
        await service.aclose()
    assert first == second and first.key_points == make_digest(article, points=2, method="lead").key_points
    assert executor.calls.count("_make_digest") == 2  # both did the work: nothing was cached
    assert await store.get_text(text_key(article.text), points=2, method="lead") is None


async def test_a_pasted_text_is_cleaned_once_for_its_key_and_its_digest(
    store: Store, executor: CountingExecutor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.pipeline.clean

    cleaned: list[int] = []
    real = bot.pipeline.clean.clean_text

    def counted(text: str) -> str:
        cleaned.append(len(text))
        return real(text)

    monkeypatch.setattr(bot.pipeline.clean, "clean_text", counted)
    article = Article(text="\n\n".join(_story_paragraphs()))
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digest = await service.digest_article(article, points=2)
    finally:
        await service.aclose()
    assert cleaned == [len(article.text)]
    assert digest.key_points == make_digest(article, points=2).key_points


async def test_a_short_text_is_keyed_at_once_and_only_a_long_one_waits_in_the_pool(
    executor: CountingExecutor, tmp_path: Path
) -> None:
    short = Article(text="\n\n".join(_story_paragraphs()))
    long = Article(text="\n\n".join([short.text] * (FACTS_HERE_MAX_CHARS // len(short.text) + 1)))
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        await service.digest_article(short, points=2)
        assert executor.calls == ["_make_digest"]  # its key did not queue behind the digests
        await service.digest_article(long, points=2)
    finally:
        await service.aclose()
    assert executor.calls == ["_make_digest", "message_facts", "_make_digest"]


def test_the_key_of_a_text_longer_than_a_digest_reads_still_tells_its_tails_apart() -> None:
    story = "\n\n".join(_story_paragraphs())
    head = "\n\n".join([story] * (READ_MAX_CHARS // len(story) + 1))
    short_tail = head + "\n\n" + "The orchard tour ends at noon. " * 10
    long_tail = head + "\n\n" + "The orchard tour ends at noon. " * 2_000
    assert read_part(short_tail)[0] == read_part(long_tail)[0]  # the part read is the same
    assert text_key(short_tail) != text_key(long_tail)  # but the word count, read from the tail, is not
    assert text_key(story) != text_key(short_tail)


async def test_open_service_opens_one_store_and_closes_it_on_an_error(tmp_path: Path) -> None:
    config = settings(tmp_path)
    with pytest.raises(InputError):
        async with open_service(config, executor_kind="thread") as service:
            assert service.store is not None
            await service.digest_article(Article(text="Too short to summarize."))
    assert not (tmp_path / "newsbot.sqlite3-wal").exists()  # the store's connection was closed
    with pytest.raises(RuntimeError, match="closed"):
        await service.store.get_url("k")


class Clock:
    def __init__(self, now: float = 2_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def test_other_points_or_methods_reuse_the_cached_article_until_the_url_ttl(
    server: LoopbackServer, executor: CountingExecutor, tmp_path: Path
) -> None:
    clock = Clock()
    url = server.url("/news/flood-wall")
    store = await Store.open(tmp_path / "newsbot.sqlite3", url_ttl=3600, clock=clock)
    service = DigestService(settings(tmp_path, cache_ttl=3600), store, executor=executor)
    try:
        three = await service.digest_url(url, points=3)
        five = await service.digest_url(url, points=5)
        lead = await service.digest_url(url, points=3, method="lead")
        assert len(lead.key_points) == 3
        assert server.hits("/news/flood-wall") == 1
        assert executor.calls.count("page_to_article") == 1  # extracted once, too
        assert executor.calls.count("_make_digest") == 3  # each one re-digested in the pool
        assert (len(three.key_points), len(five.key_points)) == (3, 5)
        assert five.title == three.title == "River town votes to rebuild its flood wall"
        assert five.author == "Marta Okafor" and five.source == url  # the cached article kept its metadata
    finally:
        await service.aclose()
        await store.close()
    # A restart keeps the article: yet another point count still does not fetch.
    store = await Store.open(tmp_path / "newsbot.sqlite3", url_ttl=3600, clock=clock)
    service = DigestService(settings(tmp_path, cache_ttl=3600), store, executor=executor)
    try:
        assert len((await service.digest_url(url, points=2)).key_points) == 2
        assert server.hits("/news/flood-wall") == 1
        clock.now += 3601  # past the URL TTL: the page may have changed, so it is read again
        assert len((await service.digest_url(url, points=6)).key_points) == 6
        assert server.hits("/news/flood-wall") == 2
    finally:
        await service.aclose()
        await store.close()


async def test_concurrent_requests_for_one_link_with_different_points_share_one_fetch(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    async def slow_article(_r: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.3)  # keep the fetch in flight while the other requests arrive
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    server.route("/slow-points", slow_article)
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digests = await asyncio.gather(
            *(service.digest_url(server.url("/slow-points"), points=n) for n in (2, 3, 5, 3))
        )
    finally:
        await service.aclose()
    assert [len(d.key_points) for d in digests] == [2, 3, 5, 3]
    assert server.hits("/slow-points") == 1
    assert executor.calls.count("_make_digest") == 3  # the two 3-point requests shared one digest


async def test_a_stuffed_title_and_byline_are_cut_as_make_digest_cuts_them(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    title = " | ".join(f"Orchard frost update part {i}: growers count the damage" for i in range(12))
    byline = "; ".join(f"Reporter Number{i} Lastname" for i in range(12))
    article = Article(text="\n\n".join(_story_paragraphs()), title=title, author=byline)
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digest = await service.digest_article(article, points=2)
    finally:
        await service.aclose()
    expected = make_digest(article, points=2)
    assert (digest.title, digest.author) == (expected.title, expected.author)
    assert digest.title is not None and len(digest.title) <= 200 and digest.title.endswith("…")


async def test_point_counts_beyond_the_range_share_the_clamped_counts_digest(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    article = Article(text="\n\n".join(_story_paragraphs()))
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        most = await service.digest_article(article, points=MAX_POINTS)
        # Asking for 1000 (or 0) is asking for the most (the fewest) make_digest gives: the same cache entry.
        assert await service.digest_article(article, points=1000) == most
        fewest = await service.digest_article(article, points=0)
        assert await service.digest_article(article, points=1) == fewest
    finally:
        await service.aclose()
    assert executor.calls.count("_make_digest") == 2
