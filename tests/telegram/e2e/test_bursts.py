"""End-to-end: many messages from one person at once. A burst is answered in full and in order; a flood beyond
the limit gets one notice naming how many messages were skipped; a bug while reading one message gets an apology
and the rest are still answered."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.model import Article
from bot.telegram.ratelimit import RateLimiter
from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE
from .harness import ArticleSite, Bot, close_bot, make_bot, text_of


class Clock:
    """The rate limiter's clock, moved by the test (no test waits a minute)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def post(i: int) -> str:
    """A channel post: one of two articles, told apart by its last line (so no two share a cached digest)."""
    return (LIBRARY_ARTICLE if i % 2 else HARBOUR_ARTICLE) + f"\nThis was post number {i} of the morning."


async def forward_at_once(b: Bot, count: int, start: int = 0) -> list[dict[str, Any]]:
    """`count` channel posts forwarded in one go: built first, then delivered together (one getUpdates batch)."""
    channel = b.server.channel(-100777, "Elwen Daily")
    msgs = [
        b.server.message(
            b.chat,
            b.user,
            post(i),
            forward_origin={
                "type": "channel",
                "chat": channel,
                "message_id": i + 1,
                "date": int(time.time()),
            },
        )
        for i in range(start, start + count)
    ]
    for msg in msgs:
        await b.server.send(msg)
    return msgs


def is_digest_of(answer: dict[str, Any], i: int) -> bool:
    text = text_of(answer).lower()
    return "forwarded from elwen daily" in text and ("library" if i % 2 else "barrier") in text


async def test_twelve_forwards_at_once_get_twelve_digests_in_order(bot: Bot) -> None:
    msgs = await forward_at_once(bot, 12)
    answers = [await bot.answer_to(m, timeout=90) for m in msgs]
    assert all(is_digest_of(a, i) for i, a in enumerate(answers)), [text_of(a)[:80] for a in answers]
    ids = [a["message_id"] for a in answers]
    assert ids == sorted(ids)  # answered in the order they were sent
    assert len(bot.server.bot_messages(bot.chat["id"])) == 12  # no notice, nothing else


async def test_a_flood_beyond_the_limit_gets_one_notice_naming_how_many_were_skipped(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    clock = Clock()
    b = await make_bot(server, site, tmp_path, executor, limiter=RateLimiter(per_user=4, clock=clock))
    chat_id = b.chat["id"]
    try:
        msgs = await forward_at_once(b, 7)
        for i, m in enumerate(msgs[:4]):
            assert is_digest_of(await b.answer_to(m, timeout=60), i)
        notice = await b.answer_to(msgs[4])  # the notice replies to the first message it skipped…
        assert "skipped 3 messages" in text_of(notice), text_of(notice)
        for m in msgs[5:]:  # …and names the others instead of answering each
            assert server.replies_to(chat_id, m["message_id"]) == []
        # One more while the limit holds: the same notice now counts it (edited, not a second notice).
        (late,) = await forward_at_once(b, 1, start=7)
        await server.wait_for(
            lambda: "skipped 4 messages" in text_of(server.chats[chat_id].messages[notice["message_id"]])
        )
        assert server.replies_to(chat_id, late["message_id"]) == []
        assert len(server.bot_messages(chat_id)) == 5  # four digests and one notice
        # A minute later the limit has room again: the next post gets its digest.
        clock.now += 61
        (after,) = await forward_at_once(b, 1, start=8)
        assert is_digest_of(await b.answer_to(after, timeout=60), 8)
    finally:
        await close_bot(b)


async def test_button_presses_do_not_use_up_the_messages_allowance(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, limiter=RateLimiter(per_user=2, clock=Clock()))
    try:
        (first,) = await forward_at_once(b, 1)
        digest = await b.answer_to(first)
        data = next(
            btn["callback_data"]
            for row in digest["reply_markup"]["inline_keyboard"]
            for btn in row
            if btn["text"].startswith("More points")
        )
        for _ in range(3):
            cid, _ = await server.press_button(b.user, digest, data)
            await server.wait_for(lambda cid=cid: server.callback_queries[cid].get("answer"))
        (second,) = await forward_at_once(b, 1, start=1)
        assert is_digest_of(await b.answer_to(second), 1)
    finally:
        await close_bot(b)


async def test_a_bug_while_reading_one_message_gets_an_apology_and_the_rest_are_answered(
    bot: Bot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bot.service.digest_article

    async def broken_for_one(article: Article, **kwargs: Any) -> Any:
        if "post number 1 " in article.text:  # the one place a fault is injected: a bug deep in the pipeline
            raise RuntimeError("pipeline exploded")
        return await real(article, **kwargs)

    monkeypatch.setattr(bot.service, "digest_article", broken_for_one)
    caplog.set_level(logging.INFO)
    msgs = await forward_at_once(bot, 3)
    answers = [await bot.answer_to(m, timeout=60) for m in msgs]
    assert is_digest_of(answers[0], 0) and is_digest_of(answers[2], 2)
    apology = text_of(answers[1])
    assert "Sorry" in apology and "exploded" not in apology and "Traceback" not in apology
    # Logged with the update: its id, the chat and the message (and the traceback), never the text.
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    where = f"update {bot.server.delivered_ids[-2]}: digest failed (chat {bot.chat['id']}, message {msgs[1]['message_id']})"
    assert where in errors, errors
    # The bot carries on: the next message gets its digest.
    (later,) = await forward_at_once(bot, 1, start=3)
    assert is_digest_of(await bot.answer_to(later, timeout=60), 3)
