"""End-to-end: the more / fewer buttons under a digest in a chat, a digest in several parts included
(rewritten in place, sent anew when it outgrows its messages, a double tap, a deleted part)."""

from __future__ import annotations

import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.render import utf16_len
from bot.store import DIGEST_MESSAGES_KEEP_SECONDS
from bot.telegram.messages import MAX_MESSAGE_LEN
from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, NIGHT_TRAIN_PATH, QUARRY_ARTICLE
from .harness import (
    ArticleSite,
    Bot,
    _button_data,
    _buttons,
    _digest_messages,
    _digest_records,
    _points_in,
    _shows_digest_once,
    close_bot,
    make_bot,
    send_night_train,
    text_of,
)


async def test_more_and_fewer_points_buttons_edit_the_digest(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    before = _points_in(answer)
    more = next(
        b["callback_data"]
        for row in answer["reply_markup"]["inline_keyboard"]
        for b in row
        if b.get("callback_data", "").startswith("pts:") and "More" in b["text"]
    )
    cid, _ = await bot.server.press_button(bot.user, answer, more)
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    edited = await bot.server.wait_for(
        lambda: next((m for m in bot.server.bot_messages(bot.chat["id"]) if m.get("edit_date")), None)
    )
    assert edited["message_id"] == answer["message_id"]
    assert _points_in(edited) > before
    fewer = next(
        b["callback_data"]
        for row in edited["reply_markup"]["inline_keyboard"]
        for b in row
        if "Fewer" in b["text"]
    )
    cid, _ = await bot.server.press_button(bot.user, edited, fewer)
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    await bot.server.wait_for(
        lambda: _points_in(bot.server.chats[bot.chat["id"]].messages[answer["message_id"]]) == before
    )


async def test_buttons_after_a_press_count_from_the_points_the_digest_has(bot: Bot) -> None:
    msg = await bot.say(QUARRY_ARTICLE)
    answer = await bot.answer_to(msg)
    assert _points_in(answer) == 3  # three sentences: fewer points than the 4 asked for
    labels = [b["text"] for b in _buttons(answer["reply_markup"])]
    assert labels == ["Fewer points (2)", "More points (4)"]
    cid, _ = await bot.server.press_button(bot.user, answer, _button_data(answer["reply_markup"], "More"))
    toast = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert toast["text"] == "3 key points"
    now = bot.server.chats[bot.chat["id"]].messages[answer["message_id"]]
    assert [b["text"] for b in _buttons(now["reply_markup"])] == labels


async def test_a_digest_longer_than_one_message_arrives_in_valid_parts_with_one_keyboard_at_the_end(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    # The most points an operator can configure, and a page whose metadata and link are long: the realistic way
    # a digest outgrows Telegram's 4096 UTF-16 units (key points are capped at 300 characters each, a title at
    # 200, a byline at 100).
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    try:
        url, msg, _ = await send_night_train(b, site)
        digest = await b.service.digest_url(url, points=10)  # served from the cache: what the bot rendered
    finally:
        await close_bot(b)  # stopping waits for the handler, so every part has been sent
    parts = sorted(server.replies_to(b.chat["id"], msg["message_id"]), key=lambda m: m["message_id"])
    texts = [text_of(m) for m in parts]
    assert len(parts) >= 2
    # Too long for one message as the bot measures it (the HTML it sends, tags and the source link included).
    assert sum(utf16_len(server.last_call_for(m).params["text"]) for m in parts) > MAX_MESSAGE_LEN
    assert any(utf16_len(t) != len(t) for t in texts)  # the emoji count twice
    for part in parts:
        assert utf16_len(text_of(part)) <= MAX_MESSAGE_LEN
        call = server.last_call_for(part)
        assert call.params["parse_mode"] == "HTML"  # parsed and checked by the server, no plain-text fallback
        assert part.get("entities")
    assert not [c for c in server.calls if c.method in {"sendMessage", "editMessageText"} and not c.ok]
    joined = " ".join(" ".join(t.split()) for t in texts)
    assert len(digest.key_points) == 10
    for point in digest.key_points:
        assert " ".join(point.split()) in joined
    # The keyboard goes once, under the last part (where the digest ends and the reader is).
    assert [bool(p.get("reply_markup")) for p in parts] == [False] * (len(parts) - 1) + [True]
    buttons = _buttons(parts[-1]["reply_markup"])
    assert {"text": "Open the source", "url": url} in buttons
    assert [b["text"] for b in buttons if "callback_data" in b] == ["Fewer points (8)"]


async def test_points_buttons_under_a_digest_in_parts_rewrite_all_its_parts(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    chat_id = b.chat["id"]
    try:
        url, msg, _ = await send_night_train(b, site)
        ten = await b.service.digest_url(url, points=10)
        parts = await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        first = _digest_messages(server, chat_id, msg)
        assert len(first) == 2
        db = tmp_path / "newsbot.sqlite3"
        with sqlite3.connect(db) as conn:  # sent 29 days ago
            conn.execute(
                "UPDATE digest_messages SET created = created - ?", (DIGEST_MESSAGES_KEEP_SECONDS - 86400,)
            )

        # Fewer (8): the new digest fits one message; the last one holds it, the first points down to it.
        cid, _ = await server.press_button(
            b.user, first[-1], _button_data(first[-1]["reply_markup"], "Fewer")
        )
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        assert answer["text"] == "8 key points"
        with sqlite3.connect(db) as conn:  # a digest in use is kept another 30 days from now
            (created,) = conn.execute("SELECT created FROM digest_messages").fetchone()
        assert created > time.time() - 3600
        eight = await b.service.digest_url(url, points=8)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), eight))
        now = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in now] == [m["message_id"] for m in first]  # edited, nothing new sent
        assert text_of(now[0]) == "(digest updated below)" and _points_in(now[1]) == 8

        # More (10) again: two parts, back in the same two messages.
        cid, _ = await server.press_button(b.user, now[-1], _button_data(now[-1]["reply_markup"], "More"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        again = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in again] == [m["message_id"] for m in first]
        assert parts and site.hits(NIGHT_TRAIN_PATH) == 1  # the article came from the cache each time
    finally:
        await close_bot(b)
    assert not [c for c in server.calls if c.method in {"sendMessage", "editMessageText"} and not c.ok]


async def test_a_digest_that_outgrows_its_messages_is_sent_again_below_and_the_old_one_points_to_it(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=8)
    chat_id = b.chat["id"]
    try:
        url, msg, single = await send_night_train(b, site)
        assert len(_digest_messages(server, chat_id, msg)) == 1
        cid, _ = await server.press_button(b.user, single, _button_data(single["reply_markup"], "More"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        now = _digest_messages(server, chat_id, msg)
        assert text_of(now[0]) == "(digest updated below)"
        assert now[0]["message_id"] == single["message_id"]
        assert (
            len(now) == 3
        )  # the old message, then the two new parts, replying to the request like the first
        # The same link again within the hour: the pointer replies to where the digest is now.
        again = await b.say(url)
        pointer = await b.server.wait_for(
            lambda: next((m for m in server.bot_messages(chat_id) if "less than an hour" in text_of(m)), None)
        )
        assert pointer["reply_to_message"]["message_id"] == now[-1]["message_id"]
        assert not server.replies_to(chat_id, again["message_id"])

        # Fewer from the new last part: the record moved with the keyboard, so all three messages are used.
        cid, _ = await server.press_button(b.user, now[-1], _button_data(now[-1]["reply_markup"], "Fewer"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        eight = await b.service.digest_url(url, points=8)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), eight))
        final = _digest_messages(server, chat_id, msg)
        assert [m["message_id"] for m in final] == [m["message_id"] for m in now]
        assert [text_of(m) for m in final][:2] == ["(digest updated below)"] * 2
    finally:
        await close_bot(b)


async def test_two_presses_at_once_on_one_digest_show_it_once(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, default_points=8)
    chat_id = b.chat["id"]
    try:
        url, msg, single = await send_night_train(b, site)
        more = _button_data(single["reply_markup"], "More")
        # Both presses reach the bot before either is answered (a double tap): handled concurrently.
        (cid1, _), (cid2, _) = [await server.press_button(b.user, single, more) for _ in range(2)]
        answers = await server.wait_for(
            lambda: (
                all(server.callback_queries[c].get("answer") for c in (cid1, cid2))
                and [server.callback_queries[c]["answer"].get("text") for c in (cid1, cid2)]
            )
        )
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
    finally:
        await close_bot(b)  # every handler has finished
    messages = _digest_messages(server, chat_id, msg)
    assert _shows_digest_once(messages, ten) and len(messages) == 3
    assert len(_digest_records(tmp_path / "newsbot.sqlite3", chat_id)) == 1
    assert "10 key points" in answers and any("already" in (a or "").lower() for a in answers)


async def test_more_on_a_digest_whose_first_part_was_deleted_sends_it_anew_and_says_so(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    b = await make_bot(server, site, tmp_path, executor, default_points=10)
    chat_id = b.chat["id"]
    try:
        url, msg, _ = await send_night_train(b, site)
        ten = await b.service.digest_url(url, points=10)
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        first, last = _digest_messages(server, chat_id, msg)
        # Fewer (8) fits the last message; the first becomes a note, which the user then deletes.
        cid, _ = await server.press_button(b.user, last, _button_data(last["reply_markup"], "Fewer"))
        await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        server.user_deletes(chat_id, first["message_id"])
        last = server.chats[chat_id].messages[last["message_id"]]
        # More (10) needs two messages again, and one of them is gone.
        cid, _ = await server.press_button(b.user, last, _button_data(last["reply_markup"], "More"))
        answer = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
        await server.wait_for(lambda: _shows_digest_once(_digest_messages(server, chat_id, msg), ten))
        now = _digest_messages(server, chat_id, msg)
        assert answer["text"] == "10 key points"
        assert now[0]["message_id"] == last["message_id"] and len(now) == 3
        # The record follows the new keyboard and no longer lists the deleted message.
        records = _digest_records(tmp_path / "newsbot.sqlite3", chat_id)
        assert records == [[m["message_id"] for m in now]]
    finally:
        await close_bot(b)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
