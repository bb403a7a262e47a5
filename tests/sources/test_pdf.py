"""Reading PDFs (bot.sources.pdf) from files written by hand (tools/pdfmaker.py): the story's paragraphs in order,
whatever the layout; one clear line for a scan, a password, a damaged file; bounded work on a huge or hostile one."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.errors import InputError
from bot.sources import pdf as pdf_module
from bot.sources.pdf import looks_like_pdf, pdf_to_article
from tools.pdfmaker import encrypted, make_pdf, truncated

HEADLINE, *STORY = [p.strip() for p in read_article("en-actors.txt").split("\n\n") if p.strip()]
# A few pages of different paragraphs (a story repeated would repeat lines at the tops of pages, like a header).
_MORE = [
    p.strip()
    for name in ("en-near-duplicates.txt", "de-hochwasser.txt", "furniture-everywhere.expected.txt")
    for p in read_article(name).split("\n\n")
    if p.strip()
]
LONG_STORY = STORY + _MORE + [f"Once more, {p}" for p in STORY + _MORE]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n")]


def _reads_as(text: str, expected: list[str]) -> bool:
    """The same words in the same order, and nearly every paragraph on its own (one that ends exactly at the
    foot of a column may run into the next: nothing on the page tells them apart)."""
    found = _paragraphs(text)
    kept = sum(p in found for p in expected) / len(expected)
    return " ".join(found) == " ".join(expected) and kept >= 0.9 and found[0] == expected[0]


def test_a_one_column_report_reads_as_its_headline_and_paragraphs_without_furniture() -> None:
    data = make_pdf(LONG_STORY, headline=HEADLINE, furniture="The Baltic Courier - Special report")
    article = pdf_to_article(data)
    assert _reads_as(article.text, [HEADLINE, *LONG_STORY])
    assert "Baltic Courier" not in article.text and "Page 2" not in article.text
    assert article.source is None  # the caller names it (a file name, a link)


def test_two_columns_are_read_left_then_right_over_several_pages() -> None:
    data = make_pdf(LONG_STORY, headline=HEADLINE, columns=2)
    assert _reads_as(pdf_to_article(data).text, [HEADLINE, *LONG_STORY])


def test_words_placed_one_by_one_keep_their_spaces() -> None:
    data = make_pdf(STORY, headline=HEADLINE, per_word=True)
    assert _paragraphs(pdf_to_article(data).text) == [HEADLINE, *STORY]


def test_russian_text_through_a_unicode_font_is_read() -> None:
    headline, *story = [p.strip() for p in read_article("ru-actors.txt").split("\n\n") if p.strip()]
    data = make_pdf(story, headline=headline, unicode=True, columns=2)
    assert _paragraphs(pdf_to_article(data).text) == [headline, *story]


def test_a_scan_without_a_text_layer_gets_its_own_line() -> None:
    with pytest.raises(InputError, match=r"no text layer \(a scan\?\)"):
        pdf_to_article(make_pdf(scanned_pages=2, image_size=(200, 260)))


def test_a_password_gets_its_own_line_and_an_owner_only_lock_is_read() -> None:
    plain = make_pdf(STORY, headline=HEADLINE)
    with pytest.raises(InputError, match="locked with a password"):
        pdf_to_article(encrypted(plain, "secret"))
    assert _paragraphs(pdf_to_article(encrypted(plain, "")).text) == [HEADLINE, *STORY]


@pytest.mark.parametrize(
    "data",
    [
        truncated(make_pdf(LONG_STORY, headline=HEADLINE), 0.6),
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        b"%PDF-",
        b"",
    ],
    ids=["cut short", "garbage", "only the signature", "empty"],
)
def test_a_damaged_file_gets_one_line(data: bytes) -> None:
    with pytest.raises(InputError, match="damaged or cut short"):
        pdf_to_article(data)


def test_a_decompression_bomb_costs_only_its_own_page() -> None:
    # The first page's stream inflates far past the limit; the reader stops it there and reads on.
    data = make_pdf(STORY, headline=HEADLINE, bomb_page=4 * pdf_module.STREAM_LIMIT)
    assert len(data) < pdf_module.STREAM_LIMIT // 100
    assert _paragraphs(pdf_to_article(data).text) == [HEADLINE, *STORY]


def test_a_long_document_is_read_up_to_its_page_and_character_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_pdf([f"Section {n}. {paragraph}" for n, paragraph in enumerate(LONG_STORY)])
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    two_pages = pdf_to_article(data).text
    assert "Section 0." in two_pages and f"Section {len(LONG_STORY) - 1}." not in two_pages
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 300)
    monkeypatch.setattr(pdf_module, "MAX_CHARS", 500)
    assert len(pdf_to_article(data).text) <= 500


def test_the_signature_is_found_after_leading_junk() -> None:
    assert looks_like_pdf(b"\xef\xbb\xbf  \n%PDF-1.4 rest")
    assert not looks_like_pdf(b"<html>%PDF-</html>"[:4] + b"no")
