"""The cache keeps the story, not the sender: what came with one request (a forward credit, a file name and the
document's byline, a title it gave, the exact link it sent) is never handed to another request for the same story,
and is not kept in the database either."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from test_service import ARTICLE_HTML, CountingExecutor, _story_paragraphs, executor, settings, store

from bot.model import Article
from bot.pipeline import make_digest
from bot.service import DigestService, text_key
from bot.sources.links import Link
from bot.store import Store
from tools.loopback_server import LoopbackServer

__all__ = ["executor", "store"]  # fixtures shared with test_service

BODY = "\n\n".join(_story_paragraphs())


@pytest.fixture
async def site() -> AsyncIterator[LoopbackServer]:
    srv = await LoopbackServer().start()
    srv.page("/news/flood-wall", ARTICLE_HTML)
    srv.redirect("/short", "/news/flood-wall?fbclid=FROM-THE-SITE&section=rivers")
    yield srv
    await srv.stop()


def _database_text(path: Path) -> str:
    """Everything the database holds (WAL included), as SQL text."""
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


async def test_a_forward_credit_is_shown_only_to_the_request_that_carried_it(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        forwarded = await service.digest_article(Article(text=BODY, source="Forwarded from Secret Source"))
        pasted = await service.digest_article(Article(text=BODY))
        with_header = await service.digest_article(Article(text=f"Forwarded from Open Wire\n\n{BODY}"))
        header_then_bare = await service.digest_article(Article(text=BODY))
    finally:
        await service.aclose()
    assert executor.calls.count("_make_digest") == 1  # one story, one digest, shared
    assert forwarded.source == "Forwarded from Secret Source"
    assert pasted.source is None
    assert with_header.source == "Forwarded from Open Wire"  # a credit pasted with the text is its own
    assert header_then_bare.source is None
    assert pasted.key_points == forwarded.key_points == with_header.key_points
    assert "Secret Source" not in _database_text(tmp_path / "newsbot.sqlite3")


async def test_a_documents_name_byline_and_word_count_stay_with_the_document(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    document = Article(
        text=f"Draft for the desk, do not share\n\n{BODY}",
        source="ann-private-notes.html",
        site_name="Ann's Private Wiki",
        author="Ann Quill",
        published="2026-03-01",
    )
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        first = await service.digest_article(document)
        pasted = await service.digest_article(Article(text=BODY))
    finally:
        await service.aclose()
    assert (first.source, first.site_name, first.author) == (
        "ann-private-notes.html",
        "Ann's Private Wiki",
        "Ann Quill",
    )
    assert (pasted.source, pasted.site_name, pasted.author, pasted.published) == (None, None, None, None)
    assert pasted.original_words == make_digest(Article(text=BODY)).original_words  # its own input's count
    assert first.original_words == make_digest(document).original_words
    stored = _database_text(tmp_path / "newsbot.sqlite3")
    assert not any(
        s in stored for s in ("ann-private-notes", "Ann's Private Wiki", "Ann Quill", "2026-03-01")
    )


async def test_a_title_given_with_a_text_is_part_of_its_story(
    store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    titled = Article(text=BODY, title="Ann's working title for the orchard piece")
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        first = await service.digest_article(titled)
        pasted = await service.digest_article(Article(text=BODY))
        again = await service.digest_article(replace(titled, source="another copy"))
    finally:
        await service.aclose()
    assert first.title == "Ann's working title for the orchard piece"
    assert pasted.title != first.title and pasted == make_digest(Article(text=BODY))
    assert again.title == first.title
    assert text_key(BODY) != text_key(BODY, titled.title)  # the title steers the key points: another entry
    assert executor.calls.count("_make_digest") == 2  # the titled copy came from the cache


async def test_a_link_shows_each_reader_the_link_they_sent(
    site: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    url = site.url("/news/flood-wall")
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        ann = await service.digest_url(f"{url}?utm_source=ann_letter&fbclid=ANN-CLICK")
        boris = await service.digest_url(url)
        cara = await service.digest_url(f"{url}?utm_campaign=cara")
    finally:
        await service.aclose()
    assert len(site.requests) == 1  # one read of the page for all three
    assert ann.source == f"{url}?utm_source=ann_letter&fbclid=ANN-CLICK"
    assert boris.source == url
    assert cara.source == f"{url}?utm_campaign=cara"
    assert boris.author == "Marta Okafor"  # the page's own byline is the story's, for everyone
    assert "ANN-CLICK" not in _database_text(tmp_path / "newsbot.sqlite3")


async def test_a_redirect_shows_its_target_without_anyones_tracking(
    site: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    target = site.url("/news/flood-wall?section=rivers")  # fbclid dropped, the rest sorted as normalized
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        ann = await service.digest_url(site.url("/short?ref_id=ann-private"))
        boris = await service.digest_url(site.url("/short?ref_id=ann-private&utm_medium=boris"))
    finally:
        await service.aclose()
    assert ann.source == boris.source == target


async def test_a_digest_cached_before_this_rule_does_not_show_its_first_readers_link(
    site: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    # Rows written before the fix carry the first reader's raw link as their source.
    url = site.url("/news/flood-wall")
    old = make_digest(Article(text=BODY, source=f"{url}?fbclid=OLD-READER"), points=4)
    await store.put_url(Link(url).key, old, points=4)
    await store.put_text(text_key(BODY), replace(old, source="Forwarded from Old Reader"), points=4)
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        by_link = await service.digest_url(url, points=4)
        by_text = await service.digest_article(Article(text=BODY), points=4)
    finally:
        await service.aclose()
    assert not site.requests and "_make_digest" not in executor.calls  # both came from those old rows
    assert by_link.source == url
    assert by_text.source is None
