"""End-to-end: documents sent to the bot (uploaded to the Bot API test server, downloaded by the bot): a PDF
report, a scan without text, Markdown and Word files; each digested or answered with one clear line."""

from __future__ import annotations

import io

import docx

from tools.pdfmaker import make_pdf

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE
from .harness import Bot, text_of

HARBOUR_TITLE, *HARBOUR = [p.strip() for p in HARBOUR_ARTICLE.split("\n\n") if p.strip()]
LIBRARY_TITLE, *LIBRARY = [p.strip() for p in LIBRARY_ARTICLE.split("\n\n") if p.strip()]


async def test_a_pdf_report_is_downloaded_read_and_digested(bot: Bot) -> None:
    report = make_pdf(HARBOUR * 3, headline=HARBOUR_TITLE, columns=2, furniture="Elwen Council Papers")
    msg, _ = await bot.server.send_document(
        bot.chat, bot.user, report, "harbour-report.pdf", "application/pdf"
    )
    answer = text_of(await bot.answer_to(msg))
    assert answer.startswith(HARBOUR_TITLE)
    assert "harbour-report.pdf" in answer and "•" in answer
    assert "Elwen Council Papers" not in answer
    assert len(bot.server.calls_of("getFile")) == 1


async def test_a_scanned_pdf_gets_one_line_in_the_users_language(bot: Bot) -> None:
    scan = make_pdf(scanned_pages=2, image_size=(300, 400))
    msg, _ = await bot.server.send_document(bot.chat, bot.user, scan, "scan.pdf", "application/pdf")
    assert text_of(await bot.answer_to(msg)) == (
        "This PDF has no text layer (a scan?); send the text or a link to it."
    )
    olga = bot.server.user(5302, "Ольга", language_code="ru")
    msg, _ = await bot.server.send_document(bot.server.private_chat(olga), olga, scan, "скан.pdf")
    assert text_of(await bot.answer_to(msg)).startswith("В этом PDF нет текстового слоя (это скан?).")


async def test_markdown_and_word_files_are_digested(bot: Bot) -> None:
    markdown = f"# {LIBRARY_TITLE}\n\n" + "\n\n".join(f"*{p}*" for p in LIBRARY)
    msg, _ = await bot.server.send_document(
        bot.chat, bot.user, markdown.encode("utf-8"), "library.md", "text/markdown"
    )
    answer = text_of(await bot.answer_to(msg))
    assert answer.startswith(LIBRARY_TITLE) and "*" not in answer.replace("•", "")

    word = docx.Document()
    word.add_heading(HARBOUR_TITLE, level=1)
    for paragraph in HARBOUR:
        word.add_paragraph(paragraph)
    saved = io.BytesIO()
    word.save(saved)
    msg, _ = await bot.server.send_document(
        bot.chat, bot.user, saved.getvalue(), "barrier.docx", "application/octet-stream"
    )
    answer = text_of(await bot.answer_to(msg))
    assert answer.startswith(HARBOUR_TITLE) and "barrier.docx" in answer


async def test_a_pdf_without_an_ending_is_read_by_its_type(bot: Bot) -> None:
    report = make_pdf(LIBRARY, headline=LIBRARY_TITLE)
    msg, _ = await bot.server.send_document(bot.chat, bot.user, report, "download", "application/pdf")
    assert text_of(await bot.answer_to(msg)).startswith(LIBRARY_TITLE)
