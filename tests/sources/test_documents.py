"""Files → articles (bot.sources.documents, markdown, word): each kind read by what it is, Markdown reduced to its
words, a .docx's paragraphs, sizes per kind, and one clear line for a locked or damaged Word file."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from conftest import read_article

from bot.errors import InputError
from bot.sources.documents import DOCX, MARKDOWN, PDF, check_size, kind_of, read_document, sniff
from bot.sources.markdown import markdown_text
from bot.sources.word import MAX_UNPACKED_BYTES
from tools.pdfmaker import make_pdf

HEADLINE, *STORY = [p.strip() for p in read_article("en-actors.txt").split("\n\n") if p.strip()]

MARKDOWN_STORY = f"""---
title: front matter is metadata
tags: [energy]
---
# {HEADLINE}

*By our Baltic correspondent* · [Read online](https://example.com/cable)

{STORY[0]}

{STORY[1].replace("sabotage", "**sabotage**")} See [the agreement](https://example.com/a "its text") and
![a map of the cable](map.png) the `draft` text.

- {STORY[2]}
- {STORY[3]}

> {STORY[4]}

| Country | Share |
|---|---|
| Estonia | 50% |

```python
print("code is not the story")
```

<div class="ad">Subscribe <b>now</b></div>
"""


def _docx(paragraphs: list[str], *, heading: str | None = None) -> bytes:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.add_paragraph("")  # an empty paragraph, as Word leaves them
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_markdown_keeps_the_words_and_drops_the_markup() -> None:
    text = markdown_text(MARKDOWN_STORY)
    blocks = text.split("\n\n")
    assert blocks[0] == HEADLINE  # the heading opens the text, where a headline is looked for
    assert STORY[0] in blocks and STORY[2] in blocks and STORY[4] in blocks
    assert "make the region less vulnerable to sabotage." in text  # emphasis gone, words kept
    assert "See the agreement and the draft text." in text  # a link keeps its words, an image goes
    assert "Estonia · 50%" in text
    for markup in ("#", "*", "](", "https://", "map.png", "front matter", "print(", "<div", "`"):
        assert markup not in text, markup
    assert "Subscribe now" in text  # the words of an HTML block, without its tags


def test_a_docx_reads_as_its_paragraphs() -> None:
    article = read_document(_docx(STORY, heading=HEADLINE), DOCX)
    assert article.text.split("\n\n") == [HEADLINE, *STORY]
    assert article.source is None


def test_a_locked_or_damaged_word_file_gets_one_line() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)  # how an encrypted .docx begins
    with pytest.raises(InputError, match="locked with a password"):
        read_document(ole, DOCX)
    with pytest.raises(InputError, match="Word file is damaged"):
        read_document(b"PK\x03\x04 not really a zip", DOCX)
    no_document = io.BytesIO()
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    with pytest.raises(InputError, match="Word file is damaged"):
        read_document(no_document.getvalue(), DOCX)


def test_a_word_file_that_would_unpack_into_too_much_is_refused_unread() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            block = bytes(1 << 20)
            for _ in range(MAX_UNPACKED_BYTES // len(block) + 1):
                part.write(block)
    assert len(bomb.getvalue()) < MAX_UNPACKED_BYTES // 100
    with pytest.raises(InputError, match="Word file is damaged"):
        read_document(bomb.getvalue(), DOCX)


def test_kinds_come_from_the_name_and_the_bytes_win() -> None:
    assert kind_of("Report.PDF") == PDF and kind_of("notes.md") == MARKDOWN and kind_of("a.docx") == DOCX
    assert kind_of("slides.pptx") is None and kind_of(None) is None
    pdf = make_pdf(STORY, headline=HEADLINE)
    assert sniff(pdf, "text/plain") == PDF  # a PDF saved as .txt is still a PDF
    assert sniff(_docx(STORY), "text/plain") == DOCX
    assert sniff(b"plain words", MARKDOWN) == MARKDOWN
    assert read_document(pdf, "text/plain").text.startswith(HEADLINE)


def test_each_kind_has_its_size_limit() -> None:
    check_size(PDF, 20 * 1024 * 1024)
    check_size("text/plain", 2 * 1024 * 1024)
    check_size(PDF, None)  # unknown until downloaded: checked again then
    with pytest.raises(InputError, match="over 20 MB"):
        check_size(DOCX, 20 * 1024 * 1024 + 1)
    with pytest.raises(InputError, match="over 2 MB"):
        check_size(MARKDOWN, 2 * 1024 * 1024 + 1)


def test_text_and_html_are_read_as_before() -> None:
    assert read_document("Caf\u00e9 au lait".encode("cp1252"), "text/plain").text == "Caf\u00e9 au lait"
    page = read_document((read_article("en-actors.txt")).encode("utf-8"), "text/plain")
    assert page.text.startswith(HEADLINE)
