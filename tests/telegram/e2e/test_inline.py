"""End-to-end: inline mode. `@Bot <link>` results, and the more / fewer buttons of a digest sent inline."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.store import INLINE_LINK_KEEP_SECONDS
from tools.tgserver import BotAPIServer, strip_html

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import ArticleSite, Bot, _button_data, _buttons, _points_in, close_bot, make_bot, text_of


async def test_inline_query_with_a_link_answers_with_the_digest(bot: Bot) -> None:
    url = bot.site.add("/inline", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, f"{url}")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    assert result["type"] == "article" and result["title"]
    assert "library" in strip_html(result["input_message_content"]["message_text"]).lower()
    # A second query for the same link is served from the cache: no second fetch.
    qid2, _ = await bot.server.inline_query(bot.user, f"{url}")
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid2].get("answer"))
    assert bot.site.hits("/inline") == 1


async def test_inline_query_without_a_link_or_slow_link(bot: Bot) -> None:
    qid, _ = await bot.server.inline_query(bot.user, "what is this")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["results"] == [] and answer["button"]["start_parameter"] == "inline_help"
    bot.deps.inline_deadline = 0.2
    url = bot.site.add("/inline-slow", article_page(HARBOUR_ARTICLE, "Harbour"), delay=1.0)
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["results"][0]["title"].startswith("Still reading")
    # The read went on in the background: the next query gets the digest.
    await asyncio.sleep(1.5)
    bot.deps.inline_deadline = 5
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert "barrier" in strip_html(answer["results"][0]["input_message_content"]["message_text"]).lower()
    assert bot.site.hits("/inline-slow") == 1


async def test_inline_result_carries_the_more_and_fewer_points_buttons(bot: Bot) -> None:
    url = bot.site.add("/inline-kb", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    buttons = _buttons(result["reply_markup"])
    texts = [b["text"] for b in buttons]
    assert (
        "Fewer points (3)" in texts and "More points (5)" in texts
    )  # the default 4 points, one step each way
    assert {"text": "Open the source", "url": url} in buttons
    assert all(b["callback_data"].startswith("pts:") for b in buttons if "callback_data" in b)


async def test_points_buttons_on_an_inline_digest_edit_it_by_inline_message_id(bot: Bot) -> None:
    url = bot.site.add("/inline-more", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    inline_id = bot.server.send_inline_result(bot.user, qid)
    sent = bot.server.inline_messages[inline_id]
    assert _points_in(sent) == 4

    cid, _ = await bot.server.press_inline_button(
        bot.user, inline_id, _button_data(sent["reply_markup"], "More")
    )
    call = await bot.server.wait_call(
        "editMessageText", lambda c: c.params.get("inline_message_id") == inline_id
    )
    assert call.ok and call.result is True  # Telegram returns True, not a Message, for inline messages
    assert "chat_id" not in call.params and "message_id" not in call.params
    assert call.params["parse_mode"] == "HTML"
    edited = bot.server.inline_messages[inline_id]
    assert _points_in(edited) == 5
    assert "library" in text_of(edited).lower()
    # The toast comes once the edit is done, so it tells what happened.
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert answer["text"] == "5 key points"
    texts = [b["text"] for b in _buttons(edited["reply_markup"])]
    assert "Fewer points (4)" in texts and "More points (6)" in texts

    cid, _ = await bot.server.press_inline_button(
        bot.user, inline_id, _button_data(edited["reply_markup"], "Fewer")
    )
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    await bot.server.wait_for(lambda: _points_in(bot.server.inline_messages[inline_id]) == 4)
    assert all(c.ok for c in bot.server.calls_of("editMessageText"))
    assert bot.site.hits("/inline-more") == 1  # other point counts re-digest the cached article


async def test_inline_digest_buttons_still_work_after_a_restart(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    url = site.add("/inline-old", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    b = await make_bot(server, site, tmp_path, executor)
    try:
        qid, _ = await server.inline_query(b.user, url)
        await server.wait_for(lambda: server.inline_queries[qid].get("answer"))
    finally:
        await close_bot(b)
    inline_id = server.send_inline_result(b.user, qid)
    b = await make_bot(
        server, site, tmp_path, executor
    )  # a new Application, store and service: nothing in memory
    try:
        data = _button_data(server.inline_messages[inline_id]["reply_markup"], "More")
        cid, _ = await server.press_inline_button(b.user, inline_id, data)
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert answer["text"] == "5 key points"
        await server.wait_for(lambda: _points_in(server.inline_messages[inline_id]) == 5)
        assert "barrier" in text_of(server.inline_messages[inline_id]).lower()
    finally:
        await close_bot(b)


async def test_inline_digest_buttons_whose_link_was_pruned_ask_for_the_link_again(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    url = site.add("/inline-forgotten", article_page(LIBRARY_ARTICLE, "Library reopens"))
    b = await make_bot(server, site, tmp_path, executor)
    try:
        qid, _ = await server.inline_query(b.user, url)
        await server.wait_for(lambda: server.inline_queries[qid].get("answer"))
        inline_id = server.send_inline_result(b.user, qid)
        # The link was last used long ago: age its row past the keep time and let the store's own pruning drop it.
        with sqlite3.connect(tmp_path / "newsbot.sqlite3") as conn:
            conn.execute("UPDATE inline_link SET created = created - ?", (INLINE_LINK_KEEP_SECONDS + 60,))
        assert await b.store.prune() >= 1
        data = _button_data(server.inline_messages[inline_id]["reply_markup"], "More")
        cid, _ = await server.press_inline_button(b.user, inline_id, data)
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert "send the link again" in answer["text"]
        assert not server.calls_of("editMessageText")
        assert _points_in(server.inline_messages[inline_id]) == 4
    finally:
        await close_bot(b)


async def test_buttons_under_a_deleted_inline_digest_ask_for_the_link_again(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = bot.site.add("/inline-gone", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(bot.user, url)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    inline_id = bot.server.send_inline_result(bot.user, qid)
    more = _button_data(bot.server.inline_messages[inline_id]["reply_markup"], "More")
    # The press was already on its way when the message was deleted.
    cid, _ = await bot.server.press_inline_button(bot.user, inline_id, more)
    bot.server.user_deletes_inline(inline_id)
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert "send the link again" in answer["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_inline_digest_keeps_its_sharers_own_link_when_another_shares_the_story(bot: Bot) -> None:
    url = bot.site.add("/inline-shared", article_page(LIBRARY_ARTICLE, "Library reopens"))
    tracked = f"{url}?utm_source=zoe-newsletter&fbclid=zoe123"
    zoe = bot.server.user(7301, "Zoe")
    qid, _ = await bot.server.inline_query(bot.user, url)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    inline_id = bot.server.send_inline_result(bot.user, qid)
    # Later someone else shares the same story by a link that carries their own tracking parameters.
    qid2, _ = await bot.server.inline_query(zoe, tracked)
    await bot.server.wait_for(lambda: bot.server.inline_queries[qid2].get("answer"))
    bot.server.send_inline_result(zoe, qid2)

    sent = bot.server.inline_messages[inline_id]
    await bot.server.press_inline_button(bot.user, inline_id, _button_data(sent["reply_markup"], "More"))
    await bot.server.wait_for(lambda: _points_in(bot.server.inline_messages[inline_id]) == 5)
    edited = bot.server.inline_messages[inline_id]
    assert {"text": "Open the source", "url": url} in _buttons(edited["reply_markup"])
    assert "zoe" not in str(edited).lower()
