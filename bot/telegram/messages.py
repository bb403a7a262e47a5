"""A digest as Telegram messages: Telegram HTML split into parts that each fit one message and stand alone.

Pure functions, no Telegram calls; lengths are UTF-16 units, as Telegram counts them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.i18n import Lang
from bot.model import Digest
from bot.render import render_telegram_html, utf16_len

MAX_MESSAGE_LEN = 4096
MIN_PART_CHARS = 2  # a message of one character (a lone bullet) says nothing

_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


def html_to_plain(markup: str) -> str:
    """The text of Telegram HTML without its tags (the fallback when Telegram rejects our markup)."""
    return html.unescape(_TAG_RE.sub("", markup))


def _split_outside_tags(text: str, sep: str) -> list[str]:
    """Split at `sep` where it is not inside a tag; the separator stays at the end of the left piece."""
    pieces: list[str] = []
    start = 0
    pos = 0
    while True:
        idx = text.find(sep, pos)
        if idx < 0:
            break
        if text.rfind("<", 0, idx) > text.rfind(">", 0, idx):  # inside a tag: not a boundary
            pos = idx + len(sep)
            continue
        pieces.append(text[start : idx + len(sep)])
        start = pos = idx + len(sep)
    pieces.append(text[start:])
    return [p for p in pieces if p]


def _pack(text: str, budget: int, seps: Sequence[str]) -> list[str]:
    if utf16_len(text) <= budget:
        return [text]
    if not seps:  # one enormous word: cut it, but never inside a tag or an entity
        out, cur = [], ""
        for token in re.findall(r"<[^>]*>|&[#a-zA-Z0-9]+;|.", text, flags=re.S):
            if cur and utf16_len(cur + token) > budget:
                out.append(cur)
                cur = ""
            cur += token
        return [*out, cur] if cur else out
    parts = _split_outside_tags(text, seps[0])
    if len(parts) == 1:
        return _pack(text, budget, seps[1:])
    chunks: list[str] = []
    cur = ""
    for part in parts:
        if utf16_len(cur + part) <= budget:
            cur += part
            continue
        if cur:
            chunks.append(cur)
        if utf16_len(part) <= budget:
            cur = part
        else:
            *full, cur = _pack(part, budget, seps[1:])
            chunks.extend(full)
    if cur:
        chunks.append(cur)
    return chunks


def split_html(markup: str, limit: int = MAX_MESSAGE_LEN) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` UTF-16 units, at paragraph boundaries if possible.

    Tags left open at a cut are closed at the end of one part and reopened at the start of the next, so every
    part is well-formed on its own.
    """
    if utf16_len(markup) <= limit:
        return [markup]
    budget = max(200, limit - 300)  # room for tags closed and reopened around a cut
    stack: list[tuple[str, str]] = []  # (tag name, opening tag as written)
    parts: list[str] = []
    carried = ""  # a piece too small to be a message of its own ("•" before an enormous point) joins the next
    for chunk in _pack(markup, budget, ("\n\n", "\n", ". ", " ")):
        chunk, carried = carried + chunk, ""
        if len(html_to_plain(chunk).strip()) < MIN_PART_CHARS:
            carried = chunk
            continue
        prefix = "".join(opening for _, opening in stack)
        for m in _TAG_RE.finditer(chunk):
            if m.group(1):
                if stack and stack[-1][0] == m.group(2).lower():
                    stack.pop()
            else:
                stack.append((m.group(2).lower(), m.group(0)))
        suffix = "".join(f"</{name}>" for name, _ in reversed(stack))
        part = (prefix + chunk.strip() + suffix).strip()
        if html_to_plain(part).strip():
            parts.append(part)
    tail = html_to_plain(carried).strip()
    if tail and parts:  # the last piece was the small one: its character ends the last message
        parts[-1] += html.escape(tail)
    elif tail:
        parts.append(html.escape(tail))
    return parts


def chat_parts(digest: Digest, show_actors: bool, lang: Lang = "en") -> list[str]:
    """A digest as chat messages: rendered whole (up to 8 messages' worth), then split at paragraphs."""
    return split_html(
        render_telegram_html(digest, max_len=8 * MAX_MESSAGE_LEN, show_actors=show_actors, lang=lang)
    )


def inline_text(digest: Digest, lang: Lang = "en") -> str:
    """A digest as one inline message (an inline result can't be several messages: cut to fit one)."""
    return render_telegram_html(digest, max_len=MAX_MESSAGE_LEN, show_actors=True, lang=lang)
