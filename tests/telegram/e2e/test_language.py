"""End-to-end: the bot's words in the user's language (Telegram's language_code): Russian for "ru", English
for the rest."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tools.tgserver import BotAPIServer, strip_html

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import (
    ArticleSite,
    Bot,
    _button_data,
    _buttons,
    _points_in,
    close_bot,
    is_russian,
    make_bot,
    text_of,
)


async def test_a_russian_user_gets_start_help_and_the_digest_in_russian_and_others_keep_english(
    bot: Bot,
) -> None:
    server = bot.server
    olga = server.user(5101, "Ольга", language_code="ru")
    chat = server.private_chat(olga)
    await server.send_text(chat, olga, "/start")
    await server.send_text(chat, olga, "/help")
    answers = await server.wait_for(lambda: (m := server.bot_messages(chat["id"]))[1:] and m)
    replies = sorted(text_of(m) for m in answers)  # both are handled at once: either may come first
    assert replies[0].startswith("Как мной пользоваться") and replies[1].startswith("Привет!")
    assert "@NewsDigestTestBot" in replies[1]

    msg, _ = await server.send_text(chat, olga, HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    text = text_of(answer)
    assert "Кто есть кто" in text and "английский" in text and re.search(r"\d+ слов", text)
    assert "barrier" in text.lower()  # the article's own words stay as they are
    labels = [b["text"] for b in _buttons(answer["reply_markup"])]
    assert labels == ["Меньше пунктов (3)", "Больше пунктов (5)"]
    cid, _ = await server.press_button(olga, answer, _button_data(answer["reply_markup"], "Больше"))
    toast = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
    assert toast["text"] == "5 ключевых моментов"

    # A Ukrainian app and an English one get English, in the same running bot.
    for user_id, code in ((5102, "uk"), (5103, None)):
        user = server.user(user_id, "Taras", language_code=code)
        other = server.private_chat(user)
        await server.send_text(other, user, "/start")
        (hi,) = await server.wait_for(lambda other=other: server.bot_messages(other["id"]))
        assert text_of(hi).startswith("Hi!")


async def test_errors_come_back_in_russian_for_a_russian_user_and_in_english_for_an_english_one(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    # A bot as in production: links to loopback and private addresses are refused.
    b = await make_bot(server, site, tmp_path, executor, allow_private_targets=False)
    try:
        olga = server.user(5201, "Ольга", language_code="ru-RU")
        ru_chat = server.private_chat(olga)
        internal = site.url("/admin")
        msg, _ = await server.send_text(ru_chat, olga, internal)
        assert text_of(await b.answer_to(msg)) == (
            "Эта ссылка ведёт на частный или внутренний адрес, а такие я не открываю."
        )
        msg = await b.say(internal)
        assert text_of(await b.answer_to(msg)) == (
            "That link points to a private or internal address, so it was not opened."
        )
        # An error with a detail keeps it: the word count, with its Russian plural.
        msg, _ = await server.send_text(ru_chat, olga, "Привет, как дела? Всё хорошо.")
        short = text_of(await b.answer_to(msg))
        assert short.startswith("Слишком коротко для пересказа (") and re.search(r"\(\d+ слов[оа]?\)", short)
        sheet, _ = await server.send_document(ru_chat, olga, b"PK\x03\x04", "figures.xlsx", "application/zip")
        assert text_of(await b.answer_to(sheet)).startswith("Я читаю файлы .txt, .md, .html, .pdf и .docx.")
    finally:
        await close_bot(b)


async def test_a_dead_link_is_explained_in_russian_with_its_status(bot: Bot) -> None:
    olga = bot.server.user(5301, "Ольга", language_code="ru")
    url = bot.site.add("/locked-ru", "<html>Forbidden</html>", status=403)
    msg, _ = await bot.server.send_text(bot.server.private_chat(olga), olga, url)
    assert text_of(await bot.answer_to(msg)) == (
        "Сайт ответил кодом 403 (доступ запрещён). Пришлите вместо ссылки текст статьи."
    )


async def test_russian_command_menus_are_registered_beside_the_default_english_ones(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor)
    await close_bot(b)
    for scope in ("all_private_chats", "all_group_chats"):
        english = server.commands[scope]
        russian = server.commands_by_language[(scope, "ru")]
        assert [c["command"] for c in russian] == [c["command"] for c in english]
        assert all(is_russian(c["description"]) for c in russian)
        assert not any(is_russian(c["description"]) for c in english)
    assert set(server.commands_by_language) == {("all_private_chats", "ru"), ("all_group_chats", "ru")}


async def test_a_press_in_a_group_keeps_the_digest_in_the_language_it_was_written_in(
    bot: Bot, group: dict[str, Any]
) -> None:
    server = bot.server
    olga = server.user(5401, "Ольга", language_code="ru")
    article, _ = await server.send_text(group, olga, HARBOUR_ARTICLE)
    await server.send_text(group, olga, "/summary", reply_to=article)
    digest = await bot.answer_to(article)
    assert "Кто есть кто" in text_of(digest)
    # An English-speaking member asks for more: everyone's digest stays Russian; only his toast is English.
    cid, _ = await server.press_button(bot.user, digest, _button_data(digest["reply_markup"], "Больше"))
    toast = await server.wait_for(lambda: server.callback_queries[cid].get("answer"))
    assert toast["text"] == "5 key points"
    edited = server.chats[group["id"]].messages[digest["message_id"]]
    assert _points_in(edited) == 5 and "Кто есть кто" in text_of(edited)
    assert [b["text"] for b in _buttons(edited["reply_markup"])] == [
        "Меньше пунктов (4)",
        "Больше пунктов (6)",
    ]


async def test_an_inline_digest_for_a_russian_user_is_russian_and_cached_for_that_user_only(bot: Bot) -> None:
    olga = bot.server.user(5501, "Ольга", language_code="ru")
    url = bot.site.add("/inline-ru", article_page(LIBRARY_ARTICLE, "Library reopens"))
    qid, _ = await bot.server.inline_query(olga, url)
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    (result,) = answer["results"]
    assert "Кто есть кто" in strip_html(result["input_message_content"]["message_text"])
    assert {"text": "Открыть источник", "url": url} in _buttons(result["reply_markup"])
    # Telegram must not hand this answer to an English user sending the same query.
    assert str(answer["is_personal"]).lower() == "true"
    qid, _ = await bot.server.inline_query(olga, "что это")
    answer = await bot.server.wait_for(lambda: bot.server.inline_queries[qid].get("answer"))
    assert answer["button"]["text"] == "Вставьте ссылку на статью"
