"""End-to-end: the cache serves every chat the story, never the sender. What came with one person's message (a
forward credit, a file name, the link they sent) never shows in another person's digest of the same story."""

from __future__ import annotations

import time
from typing import Any

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import Bot, text_of


def _second_reader(bot: Bot) -> tuple[dict[str, Any], dict[str, Any]]:
    """Another person in a private chat of their own with the same bot: (user, chat)."""
    user = bot.server.user(5002, "Boris", username="boris_reads")
    return user, bot.server.private_chat(user)


async def _answer_html(bot: Bot, msg: dict[str, Any]) -> tuple[str, str]:
    """The bot's final answer to a message: its text as the chat shows it, and the HTML it was sent as."""
    answer = await bot.answer_to(msg)
    return text_of(answer), str(bot.server.last_call_for(answer).params["text"])


async def test_a_pasted_text_never_shows_another_persons_forward_credit(bot: Bot) -> None:
    origin = {
        "type": "channel",
        "chat": {"id": -1002077, "type": "channel", "title": "Secret Source", "username": "secret_src"},
        "message_id": 31,
        "date": int(time.time()),
    }
    forwarded = await bot.say(LIBRARY_ARTICLE, forward_origin=origin)
    ann_text, _ = await _answer_html(bot, forwarded)
    assert "Forwarded from Secret Source" in ann_text  # Ann's own digest keeps her credit

    boris, boris_chat = _second_reader(bot)
    pasted, _ = await bot.server.send_text(boris_chat, boris, LIBRARY_ARTICLE)
    boris_text, boris_html = await _answer_html(bot, pasted)
    assert "library" in boris_text.lower()
    for trace in ("Secret Source", "secret_src", "Forwarded from"):
        assert trace not in boris_text and trace not in boris_html
    # The same story from the cache: Boris's key points are Ann's.
    assert [line for line in boris_text.splitlines() if line.startswith("•")] == [
        line for line in ann_text.splitlines() if line.startswith("•")
    ]


async def test_a_pasted_text_never_shows_another_persons_file_name(bot: Bot) -> None:
    sent, _ = await bot.server.send_document(
        bot.chat, bot.user, HARBOUR_ARTICLE.encode("utf-8"), "ann-private-notes.txt", "text/plain"
    )
    assert "ann-private-notes.txt" in text_of(await bot.answer_to(sent))

    boris, boris_chat = _second_reader(bot)
    pasted, _ = await bot.server.send_text(boris_chat, boris, HARBOUR_ARTICLE)
    boris_text, boris_html = await _answer_html(bot, pasted)
    assert "barrier" in boris_text.lower()
    assert "ann-private-notes" not in boris_text and "ann-private-notes" not in boris_html


async def test_a_link_never_shows_the_tracking_of_whoever_sent_it_first(bot: Bot) -> None:
    url = bot.site.add("/news/barrier", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    tracked = f"{url}?utm_source=ann_newsletter&fbclid=ANN-CLICK-ID"
    ann_msg = await bot.say(tracked)
    _, ann_html = await _answer_html(bot, ann_msg)
    assert "ANN-CLICK-ID" in ann_html  # Ann's digest links to the link she sent

    boris, boris_chat = _second_reader(bot)
    boris_msg, _ = await bot.server.send_text(boris_chat, boris, url)
    boris_text, boris_html = await _answer_html(bot, boris_msg)
    assert "barrier" in boris_text.lower()
    assert len(bot.site.requests) == 1  # Boris got the cached digest…
    assert "ann_newsletter" not in boris_html and "ANN-CLICK-ID" not in boris_html  # …without Ann's link
    assert f'href="{url}"' in boris_html
