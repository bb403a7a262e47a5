"""PDF links and uploaded documents through the service: fetched from a real web server on loopback, read in the
worker pool (never on the event loop), digested, and refused with one clear line when they can't be read."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from conftest import read_article
from test_service import CountingExecutor, executor, settings, store

from bot.errors import InputError, TooLargeError
from bot.service import DigestService
from bot.sources.documents import DOCX, PDF
from bot.sources.fetch import Fetcher
from bot.store import Store
from tools.loopback_server import LoopbackServer
from tools.pdfmaker import make_pdf

__all__ = ["executor", "store"]  # fixtures shared with test_service

HEADLINE, *STORY = [p.strip() for p in read_article("en-actors.txt").split("\n\n") if p.strip()]
REPORT = make_pdf(STORY, headline=HEADLINE, columns=2)


async def test_a_pdf_link_is_fetched_read_in_the_pool_and_digested(
    server: LoopbackServer, store: Store, executor: CountingExecutor, tmp_path: Path
) -> None:
    server.page("/report.pdf", REPORT, "application/pdf")
    url = server.url("/report.pdf")
    service = DigestService(settings(tmp_path), store, executor=executor)
    try:
        digest = await service.digest_url(url, points=3)
        again = await service.digest_url(url, points=5)  # the read article is cached: no second fetch
    finally:
        await service.aclose()
    assert digest.title == HEADLINE
    text = " ".join(STORY)
    # Each point is the story's, whole or without an attribution tail ("…, officials said.").
    assert len(digest.key_points) == 3
    assert all(p in text or p.removesuffix(".") + "," in text for p in digest.key_points)
    assert any(actor.name.endswith("Ilves") for actor in digest.actors)
    assert digest.source == url and len(again.key_points) == 5
    assert server.hits("/report.pdf") == 1
    assert "document_to_article" in executor.calls  # the PDF was read in the worker pool


async def test_a_pdf_served_as_octet_stream_is_recognised_by_its_signature(server: LoopbackServer) -> None:
    server.page("/download", REPORT, "application/octet-stream")
    async with Fetcher(settings(Path("."))) as fetcher:
        page = await fetcher.fetch(server.url("/download"))
    assert (page.content_type, page.data, page.text) == (PDF, REPORT, "")


async def test_a_pdf_link_over_the_size_cap_is_too_large(server: LoopbackServer, tmp_path: Path) -> None:
    server.page("/big.pdf", REPORT, "application/pdf")
    service = DigestService(settings(tmp_path, fetch_max_bytes=len(REPORT) - 1), None)
    try:
        with pytest.raises(TooLargeError):
            await service.digest_url(server.url("/big.pdf"))
    finally:
        await service.aclose()


async def test_a_scanned_pdf_behind_a_link_gets_its_own_line(
    server: LoopbackServer, executor: CountingExecutor, tmp_path: Path
) -> None:
    server.page("/scan.pdf", make_pdf(scanned_pages=1, image_size=(120, 160)), "application/pdf")
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        with pytest.raises(InputError, match="no text layer"):
            await service.digest_url(server.url("/scan.pdf"))
    finally:
        await service.aclose()


async def test_uploaded_pdf_markdown_and_docx_are_read_in_the_pool(
    executor: CountingExecutor, tmp_path: Path
) -> None:
    word = docx.Document()
    for paragraph in STORY:
        word.add_paragraph(paragraph)
    saved = io.BytesIO()
    word.save(saved)
    service = DigestService(settings(tmp_path), None, executor=executor)
    try:
        pdf = await service.read_document(REPORT, PDF)
        markdown = await service.read_document(f"# {HEADLINE}\n\n{STORY[0]}".encode(), "text/markdown")
        doc = await service.read_document(saved.getvalue(), DOCX)
    finally:
        await service.aclose()
    assert pdf.text.startswith(HEADLINE + "\n\n" + STORY[0])
    assert markdown.text == f"{HEADLINE}\n\n{STORY[0]}"
    assert doc.text.split("\n\n") == STORY
    assert executor.calls.count("document_to_article") == 3
