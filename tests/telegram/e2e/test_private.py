"""End-to-end: private chats. Text, forwards, links (plain, hidden, in captions), documents, and short
reasons when there is no digest."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import read_article

from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, TEASER, article_page
from .harness import ArticleSite, Bot, close_bot, make_bot, sent_calls, text_of


async def test_private_text_gets_a_digest_replying_to_it_in_html_without_preview(bot: Bot) -> None:
    msg = await bot.say(HARBOUR_ARTICLE)
    answer = await bot.answer_to(msg)
    text = text_of(answer)
    assert "flood barrier" in text.lower()
    assert "•" in text  # key points
    assert answer["reply_to_message"]["message_id"] == msg["message_id"]
    call = bot.server.last_call_for(answer)
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert any(e["type"] == "bold" for e in answer["entities"])  # the title, parsed from HTML
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b.get("callback_data", "").startswith("pts:") for b in buttons)
    assert bot.server.calls_of("sendChatAction")[0].params["action"] == "typing"


async def test_slow_work_shows_reading_placeholder_then_edits_it_into_the_digest(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, placeholder_delay=0.0)
    try:
        url = site.add("/slow", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"), delay=0.5)
        msg = await b.say(url)
        answer = await b.answer_to(msg)
        placeholder_sends = [c for c in sent_calls(server) if c.params["text"].startswith("<i>Reading")]
        assert len(placeholder_sends) == 1
        edits = sent_calls(server, "editMessageText")
        assert edits and edits[-1].params["message_id"] == answer["message_id"]
        assert answer["message_id"] == placeholder_sends[0].result["message_id"]
        assert "barrier" in text_of(answer).lower()
        assert len(server.replies_to(b.chat["id"], msg["message_id"])) == 1  # edited, not a second message
    finally:
        await close_bot(b)


@pytest.mark.parametrize(
    ("origin", "credit"),
    [
        (
            {
                "type": "channel",
                "chat": {"id": -1002000, "type": "channel", "title": "Elwen Daily"},
                "message_id": 9,
            },
            "Forwarded from Elwen Daily",
        ),
        (
            {
                "type": "user",
                "sender_user": {"id": 77, "is_bot": False, "first_name": "Mara", "last_name": "Stein"},
            },
            "Forwarded from Mara Stein",
        ),
        ({"type": "hidden_user", "sender_user_name": "Quiet Reader"}, "Forwarded from Quiet Reader"),
    ],
)
async def test_forwarded_post_is_credited_to_its_origin(
    bot: Bot, origin: dict[str, Any], credit: str
) -> None:
    origin = {**origin, "date": int(time.time())}
    msg = await bot.say(LIBRARY_ARTICLE, forward_origin=origin)
    answer = await bot.answer_to(msg)
    assert credit in text_of(answer)
    assert "library" in text_of(answer).lower()


async def test_a_forwarded_russian_post_gets_its_actors_in_the_nominative_without_the_footer(
    bot: Bot,
) -> None:
    origin = {"type": "channel", "chat": {"id": -1002001, "type": "channel", "title": "Вести Элери"}}
    msg = await bot.say(read_article("ru-actors.txt"), forward_origin={**origin, "message_id": 4, "date": 1})
    text = text_of(await bot.answer_to(msg))
    assert "Андрей Сухов" in text and "Министр транспорта России" in text
    assert "Подписывайтесь" not in text
    assert "Named actors are listed" not in text


async def test_link_in_url_entity_is_fetched_and_digested_with_a_source_button(bot: Bot) -> None:
    url = bot.site.add("/news/harbour", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    msg = await bot.say(f"look {url}")
    answer = await bot.answer_to(msg)
    assert "barrier" in text_of(answer).lower()
    assert bot.site.hits("/news/harbour") == 1
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert {"text": "Open the source", "url": url} in buttons


async def test_a_link_behind_a_paywall_gets_the_visible_parts_digest_with_a_note(bot: Bot) -> None:
    page = article_page(HARBOUR_ARTICLE, "Harbour barrier approved").replace(
        "</article>", "<p>Subscribe to continue reading. Already a subscriber? Log in</p></article>"
    )
    url = bot.site.add("/news/walled", page)
    answer = text_of(await bot.answer_to(await bot.say(url)))
    assert "barrier" in answer.lower()
    assert answer.rstrip().endswith("Paste the whole text for a full digest.")
    assert "Subscribe" not in answer, answer


async def test_teaser_with_a_hidden_text_link_reads_the_link(bot: Bot) -> None:
    url = bot.site.add("/news/hidden", article_page(LIBRARY_ARTICLE, "Library reopens"))
    text = TEASER + "read more"
    entity = {"type": "text_link", "offset": len(TEASER), "length": len("read more"), "url": url}
    msg = await bot.say(text, entities=[entity])
    answer = await bot.answer_to(msg)
    assert bot.site.hits("/news/hidden") == 1  # only an entity carried this link
    assert "library" in text_of(answer).lower()


async def test_photo_caption_with_a_link_and_a_caption_with_text(bot: Bot) -> None:
    url = bot.site.add("/news/caption", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    with_link = bot.server.message(bot.chat, bot.user, caption=f"Big news {url}", photo=True)
    await bot.server.send(with_link)
    assert "barrier" in text_of(await bot.answer_to(with_link)).lower()
    assert bot.site.hits("/news/caption") == 1
    with_text = bot.server.message(bot.chat, bot.user, caption=LIBRARY_ARTICLE[:1000], photo=True)
    await bot.server.send(with_text)
    assert "library" in text_of(await bot.answer_to(with_text)).lower()


async def test_text_and_html_documents_are_digested(bot: Bot) -> None:
    txt, _ = await bot.server.send_document(
        bot.chat, bot.user, LIBRARY_ARTICLE.encode("utf-8"), "library.txt", "text/plain"
    )
    assert "library" in text_of(await bot.answer_to(txt)).lower()
    page = article_page(HARBOUR_ARTICLE, "Harbour barrier approved").encode("utf-8")
    htm, _ = await bot.server.send_document(bot.chat, bot.user, page, "harbour.htm", "text/html")
    answer = text_of(await bot.answer_to(htm))
    assert "barrier" in answer.lower()
    assert "Subscribe to our newsletter" not in answer
    assert len(bot.server.calls_of("getFile")) == 2


async def test_unsupported_or_oversized_documents_get_a_short_reason(bot: Bot) -> None:
    slides, _ = await bot.server.send_document(
        bot.chat, bot.user, b"PK\x03\x04 ...", "slides.pptx", "application/zip"
    )
    assert ".txt, .md, .html, .pdf and .docx" in text_of(await bot.answer_to(slides))
    big, _ = await bot.server.send_document(
        bot.chat, bot.user, b"x" * 100, "huge.txt", "text/plain", declared_size=3 * 1024 * 1024
    )
    assert "2 MB" in text_of(await bot.answer_to(big))
    huge_pdf, _ = await bot.server.send_document(
        bot.chat, bot.user, b"%PDF-1.7 ...", "scan.pdf", "application/pdf", declared_size=21 * 1024 * 1024
    )
    assert "20 MB" in text_of(await bot.answer_to(huge_pdf))
    assert not bot.server.calls_of("getFile")  # refused before downloading anything


async def test_dead_link_and_too_short_text_get_short_useful_errors(bot: Bot) -> None:
    url = bot.site.add("/locked", "<html>Forbidden</html>", status=403)
    msg = await bot.say(url)
    answer = text_of(await bot.answer_to(msg))
    assert "403" in answer
    assert "Traceback" not in answer and len(answer) < 300
    short = await bot.say("Hello there, how are you?")
    answer = text_of(await bot.answer_to(short))
    assert answer and "Traceback" not in answer and len(answer) < 300
