"""End-to-end: Telegram's limits and faults (429s, rejected markup, dropped connections), our rate limits,
and a bug deep in the pipeline."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.ratelimit import RateLimiter
from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE
from .harness import ArticleSite, Bot, close_bot, make_bot, text_of


async def test_429_retry_after_is_waited_out_and_the_answer_arrives_once(bot: Bot) -> None:
    bot.server.arm_error("sendMessage", code=429, retry_after=1)
    msg = await bot.say(LIBRARY_ARTICLE)
    answer = await bot.answer_to(msg)
    failed = [c for c in bot.server.calls_of("sendMessage") if not c.ok]
    assert len(failed) == 1 and "Too Many Requests" in (failed[0].error or "")
    assert bot.server.last_call_for(answer).at - failed[0].at >= 1.0
    assert len(bot.server.replies_to(bot.chat["id"], msg["message_id"])) == 1


async def test_markup_rejected_by_telegram_falls_back_to_plain_text(bot: Bot) -> None:
    bot.server.arm_error(
        "sendMessage", code=400, description="Bad Request: can't parse entities: Unsupported start tag"
    )
    msg = await bot.say(LIBRARY_ARTICLE)
    answer = await bot.answer_to(msg)
    retry = bot.server.last_call_for(answer)
    assert "parse_mode" not in retry.params and "<b>" not in retry.params["text"]
    assert "library" in text_of(answer).lower()


async def test_network_errors_to_telegram_are_retried(bot: Bot) -> None:
    bot.server.arm_disconnect("sendMessage", times=1)
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    assert "barrier" in text_of(answer).lower()
    assert [c.ok for c in bot.server.calls_of("sendMessage")] == [False, True]


async def test_per_user_rate_limit_names_the_skipped_messages_in_one_notice(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, limiter=RateLimiter(per_user=2, period=60))
    try:
        msgs = [await b.say(LIBRARY_ARTICLE + f"\nPost {i}.") for i in range(4)]
        for m in msgs[:2]:
            assert "library" in text_of(await b.answer_to(m)).lower()
        notice = await b.answer_to(msgs[2])
        assert "I skipped 2 messages, starting with this one" in text_of(notice)
        await asyncio.sleep(0.3)
        assert server.replies_to(b.chat["id"], msgs[3]["message_id"]) == []  # named in the one notice
        # Commands are not counted: /start still answers.
        await b.say("/start")
        await server.wait_for(lambda: any("Hi!" in text_of(m) for m in server.bot_messages(b.chat["id"])))
    finally:
        await close_bot(b)


async def test_an_unexpected_bug_is_logged_with_the_update_id_and_the_user_gets_an_apology(
    bot: Bot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("pipeline exploded")

    monkeypatch.setattr(bot.service, "digest_article", broken)  # fault injection: a bug deep in the pipeline
    caplog.set_level(logging.INFO)
    msg, update_id = await bot.server.send_text(bot.chat, bot.user, HARBOUR_ARTICLE)
    answer = text_of(await bot.answer_to(msg))
    assert "Sorry" in answer and "exploded" not in answer and "Traceback" not in answer
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(str(update_id) in r.getMessage() and r.exc_info for r in errors)
