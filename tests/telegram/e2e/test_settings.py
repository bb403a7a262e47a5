"""End-to-end: /start, /help and /settings (kept per chat across restarts; admins only in groups)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, KAYAK_ARTICLE
from .harness import ArticleSite, Bot, _points_in, close_bot, make_bot, text_of


async def test_start_help_and_settings_persist_per_chat(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor)
    chat_id = b.chat["id"]
    try:
        await b.say("/start")
        first = await server.wait_for(lambda: server.bot_messages(chat_id))
        assert "digest" in text_of(first[0])
        await b.say("/help")
        await server.wait_for(lambda: any("Example" in text_of(m) for m in server.bot_messages(chat_id)))
        await b.say("/settings")
        panel = await server.wait_for(
            lambda: next((m for m in server.bot_messages(chat_id) if "Settings" in text_of(m)), None)
        )
        for data in ("set:p:3", "set:a:0"):
            cid, _ = await server.press_button(b.user, panel, data)
            await server.wait_for(lambda cid=cid: server.callback_queries[cid].get("answer"))
        await server.wait_for(
            lambda: "hidden" in text_of(server.chats[chat_id].messages[panel["message_id"]])
        )
    finally:
        await close_bot(b)
    # A restarted bot on the same data folder keeps the chat's settings.
    b = await make_bot(server, site, tmp_path, executor)
    try:
        msg = await b.say(HARBOUR_ARTICLE)
        answer = await b.answer_to(msg)
        assert _points_in(answer) == 3
        assert "Who's who" not in text_of(answer)
    finally:
        await close_bot(b)


async def test_group_settings_need_an_admin(bot: Bot, group: dict[str, Any]) -> None:
    await bot.server.send_text(group, bot.user, "/settings")
    panel = await bot.server.wait_for(lambda: next(iter(bot.server.bot_messages(group["id"])), None))
    cid, _ = await bot.server.press_button(bot.user, panel, "set:p:8")
    answer = await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    assert "admins" in answer["text"]
    assert (await bot.store.get_chat_settings(group["id"])).points != 8


async def test_settings_can_go_back_to_the_default_of_four_points(bot: Bot) -> None:
    chat_id = bot.chat["id"]
    assert bot.settings.default_points == 4
    await bot.say("/settings")
    panel = await bot.server.wait_for(
        lambda: next((m for m in bot.server.bot_messages(chat_id) if "Settings" in text_of(m)), None)
    )

    def buttons() -> dict[str, str]:
        markup = bot.server.chats[chat_id].messages[panel["message_id"]]["reply_markup"]
        return {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row}

    assert "✓ 4 points" in buttons()  # the default is shown as chosen
    for points in ("3", "4"):
        data = next(d for label, d in buttons().items() if label.endswith(f"{points} points"))
        cid, _ = await bot.server.press_button(bot.user, panel, data)
        await bot.server.wait_for(lambda cid=cid: bot.server.callback_queries[cid].get("answer"))
        await bot.server.wait_for(lambda points=points: f"✓ {points} points" in buttons())
    assert (await bot.store.get_chat_settings(chat_id)).points == 4
    answer = await bot.answer_to(await bot.say(HARBOUR_ARTICLE))
    assert _points_in(answer) == 4
    assert len(buttons()) == 6 and list(buttons())[:4] == ["3 points", "✓ 4 points", "5 points", "8 points"]


async def test_the_whole_sentences_setting_shows_each_point_as_its_sentence(bot: Bot) -> None:
    chat_id = bot.chat["id"]
    shortened = text_of(await bot.answer_to(await bot.say(KAYAK_ARTICLE)))
    assert "The two kayakers were taken to hospital" in shortened
    await bot.say("/settings")
    panel = await bot.server.wait_for(
        lambda: next((m for m in bot.server.bot_messages(chat_id) if "Settings" in text_of(m)), None)
    )
    cid, _ = await bot.server.press_button(bot.user, panel, "set:w:1")
    await bot.server.wait_for(lambda: bot.server.callback_queries[cid].get("answer"))
    await bot.server.wait_for(
        lambda: "whole sentences" in text_of(bot.server.chats[chat_id].messages[panel["message_id"]])
    )
    assert (await bot.store.get_chat_settings(chat_id)).whole_sentences
    whole = text_of(await bot.answer_to(await bot.say(KAYAK_ARTICLE)))
    assert "The two kayakers, students at the university in Harrowgate, were taken to hospital" in whole
