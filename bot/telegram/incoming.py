"""Where a message enters: what it asks us to read (a `Job`), its links, its forward credit, its document (.txt,
.md, .html, .pdf or .docx: bot.sources.documents says which kinds, and how large).

A link becomes a `Link` here (or where a command, a button or an inline query hands one over), and the `Link` is
carried down to the store and the service, so the link is normalized once per request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from telegram import (
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.errors import InputError
from bot.i18n import EN
from bot.model import Article
from bot.sources.documents import KINDS, check_size, kind_of
from bot.sources.links import Link, choose_input
from bot.telegram.api import with_retries
from bot.telegram.deps import Context, deps

# A file without a known ending is read by the type Telegram reports for it, if it is one we read.
MIME_KINDS = {kind: kind for kind in KINDS.values()} | {"application/x-pdf": "application/pdf"}


@dataclass(frozen=True)
class Job:
    """What to digest: a link (with its identity, see `Link`) or an article (text, caption, document)."""

    link: Link | None = None
    article: Article | None = None

    @classmethod
    def for_link(cls, url: str) -> Job:
        """The job for a link that has just come in (its `Link` is made here, once)."""
        return cls(link=Link(url))

    @property
    def url(self) -> str | None:
        """The link as it came (the source button opens it), or None for an article."""
        return self.link.url if self.link is not None else None


def forward_credit(message: Message) -> str | None:
    """ "Forwarded from <channel/user>" from the message's forward_origin, or None if it wasn't forwarded."""
    origin = message.forward_origin
    name: str | None = None
    if isinstance(origin, MessageOriginChannel):
        name = origin.chat.title or (f"@{origin.chat.username}" if origin.chat.username else None)
        if origin.author_signature:
            name = f"{name} ({origin.author_signature})" if name else origin.author_signature
    elif isinstance(origin, MessageOriginChat):
        name = origin.sender_chat.title
    elif isinstance(origin, MessageOriginUser):
        name = origin.sender_user.full_name
    elif isinstance(origin, MessageOriginHiddenUser):
        name = origin.sender_user_name
    if origin is None:
        return None
    # Stored with the article in English, like the rest of a digest's data; render.py translates it for display.
    return EN.forwarded_from(name) if name else EN.hidden_sender_credit


def message_links(message: Message) -> list[str]:
    """Links in a message, from its `url` and `text_link` entities (text or caption), in order, de-duplicated."""
    kinds: list[str | None] = [MessageEntity.URL, MessageEntity.TEXT_LINK]
    found = message.parse_entities(kinds) if message.text else message.parse_caption_entities(kinds)
    urls: list[str] = []
    for entity, text in sorted(found.items(), key=lambda item: item[0].offset):
        url = entity.url if entity.type == MessageEntity.TEXT_LINK else text
        if not url:
            continue
        if not re.match(r"(?i)https?://", url):
            if "://" in url:
                continue  # tg://, ftp:// and friends are not articles
            url = "http://" + url
        if url not in urls:
            urls.append(url)
    return urls


async def job_for_message(message: Message, context: Context) -> Job | None:
    """Decide what a message asks us to read; None if there is nothing (a sticker, an empty caption)."""
    credit = forward_credit(message)
    if message.document is not None:
        return Job(article=await _document_article(message, context, credit))
    text = message.text or message.caption or ""
    urls = message_links(message)
    if not text.strip() and not urls:
        return None
    choice = choose_input(text, urls, source=credit)  # the links issue's text-vs-link rule
    if isinstance(choice, str):
        return Job.for_link(choice)
    return Job(article=choice)


async def _document_article(message: Message, context: Context, credit: str | None) -> Article:
    """The article in a message's document, credited to its forward origin or its file name. Its kind and size
    are checked before it is downloaded; the service reads it in its worker pool."""
    doc = message.document
    assert doc is not None
    kind = kind_of(doc.file_name) or MIME_KINDS.get((doc.mime_type or "").lower())
    # English, like every error's user_message; bot/i18n has them in Russian.
    if kind is None:
        raise InputError(
            "I can read .txt, .md, .html, .pdf and .docx files. For anything else, paste the text or send a link."
        )
    check_size(kind, doc.file_size)
    file = await with_retries(lambda: doc.get_file(), "getFile")
    data = bytes(await with_retries(lambda: file.download_as_bytearray(), "file download"))
    check_size(kind, len(data))
    article = await deps(context).service.read_document(data, kind)
    return replace(article, source=article.source or credit or doc.file_name or "document")
