"""End-to-end: every message in a private chat gets an answer. What the bot cannot read (a photo or a GIF without a
caption, a sticker, a voice message, a poll, a location…) gets one line saying what it reads; in a group such
messages stay unanswered unless someone replies /summary to one."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.i18n import EN, RU
from tools.tgserver import MEDIA_KINDS, strip_html

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import Bot, text_of

WHAT_I_READ = strip_html(EN.nothing_to_read)


async def test_every_kind_of_message_without_text_gets_one_line_on_what_the_bot_reads(bot: Bot) -> None:
    for kind in MEDIA_KINDS:
        msg, _ = await bot.server.send_media(bot.chat, bot.user, kind)
        answer = await bot.answer_to(msg, timeout=10)
        assert text_of(answer) == WHAT_I_READ, kind
    assert len(bot.server.bot_messages(bot.chat["id"])) == len(MEDIA_KINDS)  # one answer each
    assert not bot.server.calls_of("getFile")  # a GIF also comes as a document: it is not downloaded
    # The line names every kind of input the bot reads, in one short line.
    assert all(word in WHAT_I_READ for word in ("text", "links", ".txt", ".html", ".pdf", ".md"))
    assert "\n" not in WHAT_I_READ and len(WHAT_I_READ) < 120


async def test_the_line_is_in_the_senders_language(bot: Bot) -> None:
    anna = bot.server.user(5002, "Анна", language_code="ru")
    chat = bot.server.private_chat(anna)
    msg, _ = await bot.server.send_media(chat, anna, "voice")
    answer = await bot.answer_to(msg, timeout=10)
    assert text_of(answer) == strip_html(RU.nothing_to_read)
    assert all(word in text_of(answer) for word in (".txt", ".html", ".pdf", ".md"))


async def test_a_photo_or_video_whose_caption_holds_an_article_or_a_link_is_read(bot: Bot) -> None:
    url = bot.site.add("/news/video", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    video, _ = await bot.server.send_media(bot.chat, bot.user, "video", caption=f"Watch this {url}")
    assert "barrier" in text_of(await bot.answer_to(video)).lower()
    assert bot.site.hits("/news/video") == 1
    photo, _ = await bot.server.send_media(bot.chat, bot.user, "photo", caption=LIBRARY_ARTICLE[:1000])
    assert "library" in text_of(await bot.answer_to(photo)).lower()


async def test_in_a_group_such_messages_are_quiet_until_someone_replies_summary_to_one(
    bot: Bot, group: dict[str, Any]
) -> None:
    bot.server.make_bot_admin(group["id"])  # the bot sees every message of the group
    sticker, update_id = await bot.server.send_media(group, bot.user, "sticker")
    assert update_id is not None
    poll, _ = await bot.server.send_media(group, bot.user, "poll")
    ask = bot.server.message(group, bot.user, "/summary", reply_to=sticker)
    await bot.server.send(ask)
    answer = await bot.server.wait_for(lambda: next(iter(bot.server.bot_messages(group["id"])), None))
    assert text_of(answer) == WHAT_I_READ
    await asyncio.sleep(0.3)  # nothing else comes: the sticker and the poll themselves got no answer
    assert len(bot.server.bot_messages(group["id"])) == 1
    assert bot.server.replies_to(group["id"], poll["message_id"]) == []
