"""End-to-end: a message edited after the bot answered it. The bot's answer is edited in place to the new text's
digest; an edit that changes nothing is ignored; when the answer is gone, a new one is sent."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from bot.i18n import EN
from tools.tgserver import strip_html

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import Bot, text_of


def _replies(bot: Bot, msg: dict[str, Any], chat: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return bot.server.replies_to((chat or bot.chat)["id"], msg["message_id"])


async def _settled(bot: Bot, chat: dict[str, Any] | None = None) -> None:
    """Wait until the bot has handled what the user sent so far: one more request from them (answered in turn,
    after the ones before it) gets its answer; then a moment for anything that should not come."""
    chat = chat or bot.chat
    if chat["type"] == "private":
        probe, _ = await bot.server.send_text(chat, bot.user, "Hello there, how are you?")
    else:
        poll, _ = await bot.server.send_media(chat, bot.user, "poll")
        probe, _ = await bot.server.send_text(chat, bot.user, "/summary", reply_to=poll)
    await bot.answer_to(probe)
    await asyncio.sleep(0.3)


async def test_an_edited_article_edits_the_digest_in_place(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    first = await bot.answer_to(msg)
    assert "barrier" in text_of(first).lower()
    await bot.server.edit_message(bot.chat, msg["message_id"], LIBRARY_ARTICLE)
    await bot.server.wait_for(lambda: "library" in text_of(_replies(bot, msg)[0]).lower())
    (answer,) = _replies(bot, msg)  # the same message, edited: no second digest
    assert answer["message_id"] == first["message_id"] and "edit_date" in answer
    assert "barrier" not in text_of(answer).lower()
    assert answer.get("reply_markup")  # the more / fewer buttons are still under it


async def test_an_edit_that_changes_nothing_is_ignored(bot: Bot) -> None:
    msg = await bot.say(LIBRARY_ARTICLE)
    first = await bot.answer_to(msg)
    calls = len(bot.server.calls_of("sendMessage")) + len(bot.server.calls_of("editMessageText"))
    bold = [{"type": "bold", "offset": 0, "length": 9}]  # only the formatting changed
    await bot.server.edit_message(bot.chat, msg["message_id"], LIBRARY_ARTICLE, entities=bold)
    await _settled(bot)
    after = len(bot.server.calls_of("sendMessage")) + len(bot.server.calls_of("editMessageText"))
    assert after == calls + 1  # only the answer to the next message
    assert _replies(bot, msg) == [first]


async def test_when_the_answer_is_gone_an_edit_gets_a_new_one(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    first = await bot.answer_to(msg)
    bot.server.user_deletes(bot.chat["id"], first["message_id"])
    await bot.server.edit_message(bot.chat, msg["message_id"], LIBRARY_ARTICLE)
    answer = await bot.answer_to(msg)
    assert answer["message_id"] != first["message_id"] and "library" in text_of(answer).lower()
    assert len(_replies(bot, msg)) == 1


async def test_an_edited_link_gets_the_new_links_digest_and_source_button(bot: Bot) -> None:
    harbour = bot.site.add("/edit/harbour", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    library = bot.site.add("/edit/library", article_page(LIBRARY_ARTICLE, "Library reopens"))
    msg = await bot.say(harbour)
    first = await bot.answer_to(msg)
    await bot.server.edit_message(bot.chat, msg["message_id"], f"sorry, this one: {library}")
    await bot.server.wait_for(lambda: "library" in text_of(_replies(bot, msg)[0]).lower())
    (answer,) = _replies(bot, msg)
    assert answer["message_id"] == first["message_id"]
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert {"text": "Open the source", "url": library} in buttons


async def test_a_caption_added_to_a_photo_turns_the_one_line_answer_into_its_digest(bot: Bot) -> None:
    photo, _ = await bot.server.send_media(bot.chat, bot.user, "photo")
    line = await bot.answer_to(photo)
    assert text_of(line) == strip_html(EN.nothing_to_read)
    await bot.server.edit_message(bot.chat, photo["message_id"], caption=LIBRARY_ARTICLE[:1000])
    await bot.server.wait_for(lambda: "library" in text_of(_replies(bot, photo)[0]).lower())
    assert [m["message_id"] for m in _replies(bot, photo)] == [line["message_id"]]


async def test_an_edit_to_text_that_cannot_be_digested_says_why_in_place(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    first = await bot.answer_to(msg)
    await bot.server.edit_message(bot.chat, msg["message_id"], "Hello there, how are you?")
    await bot.server.wait_for(lambda: "barrier" not in text_of(_replies(bot, msg)[0]).lower())
    (answer,) = _replies(bot, msg)
    assert answer["message_id"] == first["message_id"]
    assert "Traceback" not in text_of(answer) and len(text_of(answer)) < 300
    assert not answer.get("reply_markup")  # no more / fewer buttons under a reason


async def test_in_a_group_with_auto_mode_an_edit_around_the_same_link_changes_nothing(
    bot: Bot, group: dict[str, Any]
) -> None:
    bot.server.make_bot_admin(group["id"])  # the bot sees every message of the group
    settings = await bot.deps.chat_settings(group["id"])
    await bot.store.set_chat_settings(group["id"], replace(settings, auto=True))
    harbour = bot.site.add("/auto/harbour", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    library = bot.site.add("/auto/library", article_page(LIBRARY_ARTICLE, "Library reopens"))
    msg, _ = await bot.server.send_text(group, bot.user, f"Have you seen this? {harbour}")
    first = await bot.answer_to(msg)
    await bot.server.edit_message(group, msg["message_id"], f"Have you all seen this? {harbour}")
    await _settled(bot, group)
    assert _replies(bot, msg, group) == [first]  # no second digest, no "summarized here already" note
    await bot.server.edit_message(group, msg["message_id"], f"Have you all seen this? {library}")
    await bot.server.wait_for(lambda: "library" in text_of(_replies(bot, msg, group)[0]).lower())
    assert [m["message_id"] for m in _replies(bot, msg, group)] == [first["message_id"]]
    # A message the bot never answered stays unanswered when it is edited.
    quiet, _ = await bot.server.send_text(group, bot.user, "Lunch at noon?")
    await bot.server.edit_message(group, quiet["message_id"], "Lunch at noon or at one?")
    await _settled(bot, group)
    assert _replies(bot, quiet, group) == []


async def test_an_edit_of_a_message_answered_with_a_pointer_is_answered_anew(bot: Bot) -> None:
    harbour = bot.site.add("/again/harbour", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    library = bot.site.add("/again/library", article_page(LIBRARY_ARTICLE, "Library reopens"))
    digest = await bot.answer_to(await bot.say(harbour))
    again = await bot.say(f"did you see {harbour}")
    pointer = await bot.server.wait_for(
        lambda: next(iter(bot.server.replies_to(bot.chat["id"], digest["message_id"])), None)
    )
    assert "less than an hour ago" in text_of(pointer)  # a reply to the earlier digest, not to this message
    await bot.server.edit_message(bot.chat, again["message_id"], f"did you all see {harbour}")
    await _settled(bot)
    assert _replies(bot, again) == []  # the same link: nothing new, not even a second pointer
    assert bot.server.replies_to(bot.chat["id"], digest["message_id"]) == [pointer]
    await bot.server.edit_message(bot.chat, again["message_id"], f"did you all see {library}")
    answer = await bot.answer_to(again)
    assert "library" in text_of(answer).lower()
    assert "less than an hour ago" in text_of(
        bot.server.chats[bot.chat["id"]].messages[pointer["message_id"]]
    )
