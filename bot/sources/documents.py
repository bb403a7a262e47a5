"""Files people send (or the CLI is given) → `Article`: which kinds are read, how large they may be, and how each
is read. Plain text, Markdown and HTML are decoded like a fetched page (BOM, declared charset, detection); a PDF's
text layer and a Word document's paragraphs are read by their own modules.

A file is read by what it is, not only by what it is called: a PDF or a .docx named .txt is still read as one.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from bot.errors import InputError
from bot.model import Article
from bot.sources.charset import decode_body
from bot.sources.extract import extract_article
from bot.sources.markdown import markdown_text
from bot.sources.pdf import looks_like_pdf, pdf_to_article
from bot.sources.word import docx_to_article, looks_like_docx

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MARKDOWN = "text/markdown"

# What a file's name says it holds: the content type it is read as.
KINDS = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "text/html",
    ".pdf": PDF,
    ".docx": DOCX,
}
MAX_TEXT_BYTES = 2 * 1024 * 1024  # text, Markdown and HTML: a long article is a few hundred kilobytes
MAX_FILE_BYTES = (
    20 * 1024 * 1024
)  # PDF and .docx carry pictures and fonts; Telegram lets a bot download 20 MB
BINARY_KINDS = frozenset({PDF, DOCX})


def kind_of(name: str | None) -> str | None:
    """The content type a file is read as, from its name (None: a kind we don't read)."""
    return KINDS.get(PurePosixPath(name or "").suffix.lower())


def size_limit(kind: str) -> int:
    return MAX_FILE_BYTES if kind in BINARY_KINDS else MAX_TEXT_BYTES


def check_size(kind: str, size: int | None) -> None:
    """Refuse a file over its kind's limit (before downloading it, when its size is known)."""
    if size is None or size <= size_limit(kind):
        return
    if kind in BINARY_KINDS:
        raise InputError(
            "That file is over 20 MB, more than a bot may download; send a smaller one or a link to it."
        )
    raise InputError("That file is over 2 MB; send a shorter one or paste the part that matters.")


def sniff(data: bytes, kind: str) -> str:
    """The kind the bytes show, which wins over the name's: a PDF or a .docx saved under another name."""
    if looks_like_pdf(data):
        return PDF
    if kind != DOCX and looks_like_docx(data):
        return DOCX
    return kind


def read_document(data: bytes, kind: str) -> Article:
    """The article in a file's bytes, read as `kind` (see KINDS) or as what the bytes show; its source is only
    what the file itself names (a saved page's address), the caller adds the rest. CPU work: the service runs it
    in its pool. Raises InputError (NotAnArticleError for an HTML page that holds no article)."""
    kind = sniff(data, kind)
    if kind == PDF:
        return pdf_to_article(data)
    if kind == DOCX:
        return docx_to_article(data)
    text = decode_body(data, None, "text/plain" if kind == MARKDOWN else kind)
    if kind == MARKDOWN:
        return Article(text=markdown_text(text))
    if kind == "text/html":
        return extract_article(text, None)
    return Article(text=text)
