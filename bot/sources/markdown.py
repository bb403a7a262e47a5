"""Markdown → plain text: headings, paragraphs, list items and table rows as paragraphs; emphasis, links' targets,
images, code fences and HTML tags left out (a link keeps its words, `[text](url)` → "text").

markdown-it-py parses (CommonMark, with tables and strikethrough), so the markup is read as a Markdown reader
reads it rather than guessed at with patterns. Pure; no I/O.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_VISIBLE = {"text", "code_inline"}
_SPACES = {"softbreak", "hardbreak"}


def _inline(token: Token) -> str:
    """An inline run's words: text and inline code kept, line breaks as spaces, markup, images and tags dropped."""
    parts = []
    for child in token.children or ():
        if child.type in _VISIBLE:
            parts.append(child.content)
        elif child.type in _SPACES:
            parts.append(" ")
    return " ".join("".join(parts).split())


def markdown_text(source: str) -> str:
    """The text of a Markdown document, one paragraph per block, blank lines between them."""
    source = _FRONT_MATTER.sub("", source.lstrip("\ufeff"), count=1)  # a YAML header is metadata, not text
    blocks: list[str] = []
    row: list[str] | None = None  # the cells of the table row being read
    for token in _PARSER.parse(source):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" · ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            text = _inline(token)
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
        elif token.type == "html_block":
            text = " ".join(html.unescape(_TAG.sub(" ", token.content)).split())
            if text:
                blocks.append(text)
    return "\n\n".join(block for block in blocks if block)
