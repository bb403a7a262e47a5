"""Telegram handlers: the thin async shell between updates and the digest service.

Everything slow (fetching, extraction, summarization) happens in `DigestService`, which runs CPU work in a worker
pool; handlers only decide what to read, talk to Telegram, and keep the user informed. Every flow answers once:
a digest, a short reason it couldn't make one, or (for real bugs) a one-line apology while the traceback goes to
the log with the update id.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import logging
import re
import weakref
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, TypeVar, cast
from uuid import uuid4

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.errors import InputError, NewsbotError
from bot.i18n import EN, LANGS, Lang, error_text, pick_language, texts
from bot.model import Article, Digest
from bot.render import render_telegram_html, utf16_len
from bot.service import DigestService
from bot.sources.links import choose_input, find_urls, normalize_url
from bot.store import ChatSettings, Store
from bot.telegram.ratelimit import RateLimiter

T = TypeVar("T")
log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
DEPS_KEY = "newsbot"

MAX_MESSAGE_LEN = 4096
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
DOCUMENT_TYPES = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html"}
SUMMARY_COMMANDS = ("summary", "tldr", "sum")
SETTINGS_POINTS = (3, 5, 8)
POINT_STEPS = (2, 3, 4, 5, 6, 8, 10)  # the more / fewer buttons walk this ladder
REPEAT_WINDOW = 3600.0  # one digest per link per chat per hour
INLINE_DEADLINE = 6.0  # Telegram drops an inline answer after ~10 s; leave room for the round trip
TYPING_EVERY = 4.5  # a chat action shows for about 5 s
SEND_ATTEMPTS = 3
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass
class Deps:
    """What the handlers need, kept in `application.bot_data` (one per Application)."""

    settings: Settings
    service: DigestService
    store: Store
    limiter: RateLimiter = field(default_factory=RateLimiter)
    placeholder_delay: float = 0.6  # show "Reading…" only when the work takes longer than this
    inline_deadline: float = INLINE_DEADLINE
    # One lock per digest being rewritten (updates are handled concurrently, so a double tap is two handlers);
    # weak values: a lock lives only while someone holds or awaits it.
    digest_locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )

    def digest_lock(self, key: Hashable) -> asyncio.Lock:
        lock = self.digest_locks.get(key)
        if lock is None:
            lock = self.digest_locks[key] = asyncio.Lock()
        return lock

    async def remember_inline_link(self, url: str) -> str:
        """The short key an inline digest's buttons carry for `url`, kept in the store: a press on an inline
        message brings no message to read the link back from, and callback data holds only 64 bytes."""
        key = link_key(url)
        await self.store.remember_inline_link(key, url)
        return key

    def chat_settings(self, chat_id: int) -> Awaitable[ChatSettings]:
        return self.store.get_chat_settings(chat_id, ChatSettings(points=self.settings.default_points))


def deps(context: Context) -> Deps:
    return cast(Deps, context.application.bot_data[DEPS_KEY])


def user_language(update: Update) -> Lang:
    """The language of the bot's words for whoever sent this update (their Telegram app's language)."""
    user = update.effective_user
    return pick_language(user.language_code if user is not None else None)


def error_message(err: NewsbotError, lang: Lang) -> str:
    """What to tell a user about an error, in their language (the CLI prints `user_message` as it is)."""
    return error_text(err.user_message, lang)


# ----------------------------------------------------------------------------------------------------------------
# Pure helpers


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
    for chunk in _pack(markup, budget, ("\n\n", "\n", ". ", " ")):
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
    return parts


def chat_parts(digest: Digest, show_actors: bool, lang: Lang = "en") -> list[str]:
    """A digest as chat messages: rendered whole (up to 8 messages' worth), then split at paragraphs."""
    return split_html(
        render_telegram_html(digest, max_len=8 * MAX_MESSAGE_LEN, show_actors=show_actors, lang=lang)
    )


def inline_text(digest: Digest, lang: Lang = "en") -> str:
    """A digest as one inline message (an inline result can't be several messages: cut to fit one)."""
    return render_telegram_html(digest, max_len=MAX_MESSAGE_LEN, show_actors=True, lang=lang)


def next_points(current: int, step: int) -> int | None:
    """The next key-point count up (step=1) or down (step=-1) the ladder, or None at its end."""
    if step > 0:
        return next((p for p in POINT_STEPS if p > current), None)
    return next((p for p in reversed(POINT_STEPS) if p < current), None)


def link_key(url: str) -> str:
    """A short, callback-data-safe key of a link (16 characters of base64url SHA-256 of the normalized link)."""
    digest = hashlib.sha256(normalize_url(url).encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode("ascii")


def parse_points_data(data: str) -> tuple[int, str | None]:
    """`pts:N` (a digest in a chat) or `pts:N:KEY` (an inline digest) → (N, KEY or None)."""
    _, count, *rest = data.split(":")
    return int(count), (rest[0] if rest else None)


def digest_keyboard(
    points: int, source_url: str | None, *, key: str | None = None, lang: Lang = "en"
) -> InlineKeyboardMarkup:
    """More / fewer points (and the source link). `key` (from `link_key`) marks the buttons of an inline digest."""
    t = texts(lang)
    row: list[InlineKeyboardButton] = []
    fewer, more = next_points(points, -1), next_points(points, 1)
    tail = f":{key}" if key else ""
    if fewer is not None:
        row.append(InlineKeyboardButton(t.fewer_points(fewer), callback_data=f"pts:{fewer}{tail}"))
    if more is not None:
        row.append(InlineKeyboardButton(t.more_points(more), callback_data=f"pts:{more}{tail}"))
    rows = [row]
    if source_url and source_url.startswith(("http://", "https://")):
        rows.append([InlineKeyboardButton(t.open_source, url=source_url)])
    return InlineKeyboardMarkup(rows)


def keyboard_for(
    digest: Digest, asked: int, source_url: str | None, *, key: str | None = None, lang: Lang = "en"
) -> InlineKeyboardMarkup:
    """The keyboard under a digest: its steps count from the points it has (a short article has fewer than
    asked for), else from the count asked for."""
    return digest_keyboard(len(digest.key_points) or asked, source_url, key=key, lang=lang)


def keyboard_language(message: Message) -> Lang | None:
    """The language a digest was written in, read back from its own keyboard's labels (None without one).

    A button press in a group rewrites the digest for everyone, so it keeps the digest's language rather than
    switching to the presser's.
    """
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data
            count = parse_points_data(data)[0] if isinstance(data, str) and data.startswith("pts:") else None
            for lang in LANGS:
                t = texts(lang)
                if button.text == t.open_source or (
                    count is not None and button.text in (t.fewer_points(count), t.more_points(count))
                ):
                    return lang
    return None


def keyboard_source_url(message: Message) -> str | None:
    """The source link of a digest, read back from its own keyboard (so callbacks need no stored state)."""
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.url:
                return button.url
    return None


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


# ----------------------------------------------------------------------------------------------------------------
# Talking to Telegram: retries on network errors, plain-text fallback on markup errors


async def _with_retries(make: Callable[[], Awaitable[T]], what: str) -> T:
    """Call Telegram; retry network errors (429s are waited out by AIORateLimiter before we see them).

    A timed-out send may in rare cases have reached Telegram; a duplicate is better than a lost answer.
    """
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await make()
        except BadRequest:
            raise
        except NetworkError as err:  # includes TimedOut; BadRequest is a NetworkError subclass, handled above
            if attempt == SEND_ATTEMPTS:
                raise
            log.warning("%s failed (%s), retrying (%d/%d)", what, err, attempt, SEND_ATTEMPTS - 1)
            await asyncio.sleep(0.5 * attempt)
    raise AssertionError("unreachable")


def _is_gone(err: BadRequest) -> bool:
    """The message to edit was deleted (a chat message: "message to edit not found"; an inline one:
    MESSAGE_ID_INVALID)."""
    text = err.message.lower()
    return "message to edit not found" in text or "message_id_invalid" in text


def _is_markup_error(err: BadRequest) -> bool:
    return "can't parse entities" in err.message.lower() or "can't find end tag" in err.message.lower()


async def send_html(
    context: Context,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send Telegram HTML as a reply (if the replied message is gone, send anyway); fall back to plain text."""
    reply = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None

    async def attempt(body: str, parse_mode: str | None) -> Message:
        return await _with_retries(
            lambda: context.bot.send_message(
                chat_id,
                body,
                parse_mode=parse_mode,
                reply_parameters=reply,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            ),
            "sendMessage",
        )

    try:
        return await attempt(text, ParseMode.HTML)
    except BadRequest as err:
        if not _is_markup_error(err):
            raise
        log.warning("Telegram rejected our HTML (%s); sending plain text", err.message)
        return await attempt(html_to_plain(text), None)


async def edit_html(
    context: Context,
    chat_id: int,
    message_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit a message to Telegram HTML; plain-text fallback; "not modified" is fine."""
    await _edit_with_fallback(
        lambda body, parse_mode: context.bot.edit_message_text(
            body,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=parse_mode,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        ),
        text,
    )


async def _edit_with_fallback(edit: Callable[[str, str | None], Awaitable[object]], text: str) -> None:
    """Run an edit with Telegram HTML, retried on network errors; plain text if the markup is rejected."""

    async def attempt(body: str, parse_mode: str | None) -> None:
        await _with_retries(lambda: edit(body, parse_mode), "editMessageText")

    try:
        try:
            await attempt(text, ParseMode.HTML)
        except BadRequest as err:
            if not _is_markup_error(err):
                raise
            log.warning("Telegram rejected our HTML (%s); editing with plain text", err.message)
            await attempt(html_to_plain(text), None)
    except BadRequest as err:
        if "not modified" in err.message.lower():
            return
        raise


async def _quietly(call: Awaitable[Any]) -> None:
    """Best-effort calls (chat actions): a failure must not stop the answer."""
    with contextlib.suppress(TelegramError):
        await call


# ----------------------------------------------------------------------------------------------------------------
# The digest flow


@dataclass(frozen=True)
class Job:
    """What to digest: a link or an article (text, caption, document)."""

    url: str | None = None
    article: Article | None = None


async def _chat_points(d: Deps, chat_id: int) -> tuple[int, bool]:
    cs = await d.chat_settings(chat_id)
    return cs.points, cs.show_actors


def _work(d: Deps, job: Job, points: int) -> Awaitable[Digest]:
    if job.url is not None:
        return d.service.digest_url(job.url, points=points)
    assert job.article is not None
    return d.service.digest_article(job.article, points=points)


async def digest_and_reply(
    update: Update,
    context: Context,
    job: Job,
    *,
    reply_to: Message,
    quiet_errors: bool = False,
) -> None:
    """Answer one request: typing → (Reading… if slow) → the digest, or one short reason why not; in the
    language of whoever asked."""
    d = deps(context)
    lang = user_language(update)
    t = texts(lang)
    chat_id = reply_to.chat_id
    if job.url is not None:
        earlier = await d.store.recent_link(chat_id, normalize_url(job.url), REPEAT_WINDOW)
        if earlier is not None:
            await send_html(context, chat_id, t.recently_summarized, reply_to=earlier)
            return
    points, show_actors = await _chat_points(d, chat_id)
    await _quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
    task = asyncio.ensure_future(_work(d, job, points))
    placeholder: Message | None = None
    try:
        done, _ = await asyncio.wait({task}, timeout=d.placeholder_delay)
        if not done:
            placeholder = await send_html(context, chat_id, t.reading, reply_to=reply_to.message_id)
            while not task.done():
                done, _ = await asyncio.wait({task}, timeout=TYPING_EVERY)
                if not done:
                    await _quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
        digest = task.result()
    except NewsbotError as err:
        log.info("update %s: no digest: %s", update.update_id, err.user_message)
        if quiet_errors and placeholder is None:
            return
        await _answer(context, chat_id, reply_to, placeholder, html.escape(error_message(err, lang)))
        return
    except Exception:
        log.exception("update %s: digest failed", update.update_id)
        await _answer(context, chat_id, reply_to, placeholder, html.escape(t.apology))
        return
    finally:
        if not task.done():  # we were cancelled (shutdown): let the work finish or fail on its own
            task.cancel()
    source = job.url or digest.source
    parts = chat_parts(digest, show_actors, lang)
    markup = keyboard_for(digest, points, job.url, lang=lang)
    ids = [
        await _answer(context, chat_id, reply_to, placeholder, parts[0], markup if len(parts) == 1 else None)
    ]
    for i, part in enumerate(parts[1:], start=2):
        sent = await send_html(
            context, chat_id, part, reply_to=reply_to.message_id, markup=markup if i == len(parts) else None
        )
        ids.append(sent.message_id)
    if len(ids) > 1:  # so the more/fewer buttons under the last part can rewrite every part
        await d.store.remember_digest_messages(chat_id, ids)
    if job.url is not None:
        await d.store.remember_link(chat_id, normalize_url(job.url), ids[-1])
    log.info("update %s: digest sent (%s, %d parts)", update.update_id, source or "text", len(parts))


async def _answer(
    context: Context,
    chat_id: int,
    reply_to: Message,
    placeholder: Message | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> int:
    """Edit the placeholder into the answer, or reply with it; returns the answer's message id."""
    if placeholder is not None:
        try:
            await edit_html(context, chat_id, placeholder.message_id, text, markup=markup)
            return placeholder.message_id
        except BadRequest as err:  # the placeholder was deleted meanwhile: answer anew
            log.warning("couldn't edit the placeholder (%s); sending a new message", err.message)
    sent = await send_html(context, chat_id, text, reply_to=reply_to.message_id, markup=markup)
    return sent.message_id


async def _check_rate(update: Update, context: Context, *, group: bool) -> bool:
    """True if this request may go ahead; otherwise one polite notice per limited stretch."""
    user = update.effective_user
    chat = update.effective_chat
    verdict = deps(context).limiter.check(user.id if user else None, chat.id if chat else None, group=group)
    if verdict.allowed:
        return True
    log.info(
        "update %s: rate limited (user %s, chat %s)", update.update_id, user and user.id, chat and chat.id
    )
    if verdict.notify and update.effective_message is not None and chat is not None:
        wait = max(1, round(verdict.retry_after))
        await send_html(
            context,
            chat.id,
            texts(user_language(update)).rate_limited(wait),
            reply_to=update.effective_message.message_id,
        )
    return False


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
        return Job(url=choice)
    return Job(article=choice)


async def _document_article(message: Message, context: Context, credit: str | None) -> Article:
    doc = message.document
    assert doc is not None
    name = doc.file_name or "document.txt"
    suffix = PurePosixPath(name).suffix.lower()
    kind = DOCUMENT_TYPES.get(suffix)
    # English, like every error's user_message; bot/i18n.py has them in Russian.
    if kind is None:
        raise InputError("I can read .txt and .html files. For anything else, paste the text or send a link.")
    if doc.file_size is not None and doc.file_size > MAX_DOCUMENT_BYTES:
        raise InputError("That file is over 2 MB; send a shorter one or paste the part that matters.")
    file = await _with_retries(lambda: doc.get_file(), "getFile")
    data = bytes(await _with_retries(lambda: file.download_as_bytearray(), "file download"))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError("That file is over 2 MB; send a shorter one or paste the part that matters.")
    article = await deps(context).service.read_document(data, kind)
    return replace(article, source=article.source or credit or name)


# ----------------------------------------------------------------------------------------------------------------
# Handlers


async def gate(update: Update, context: Context) -> None:
    """ALLOWED_CHAT_IDS: when set, updates from other chats (or, for inline queries, other users) are dropped."""
    allowed = deps(context).settings.allowed_chat_ids
    if not allowed:
        return
    chat, user = update.effective_chat, update.effective_user
    who = chat.id if chat is not None else (user.id if user is not None else None)
    if who not in allowed:
        log.info("update %s: ignored, chat %s is not in ALLOWED_CHAT_IDS", update.update_id, who)
        raise ApplicationHandlerStop


async def start(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    t = texts(user_language(update))
    text = t.start(context.bot.username)
    if context.args and context.args[0] == "inline_help":
        text = t.help(context.bot.username)
    await send_html(context, message.chat_id, text)


async def help_command(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        text = texts(user_language(update)).help(context.bot.username)
        await send_html(context, update.effective_message.chat_id, text)


async def private_message(update: Update, context: Context) -> None:
    """Private chat: text, forwarded posts, captions and documents all become digests."""
    message = update.effective_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    if not await _check_rate(update, context, group=False):
        return
    lang = user_language(update)
    try:
        job = await job_for_message(message, context)
    except NewsbotError as err:
        await send_html(
            context, message.chat_id, html.escape(error_message(err, lang)), reply_to=message.message_id
        )
        return
    if job is None:
        await send_html(context, message.chat_id, texts(lang).nothing_to_read, reply_to=message.message_id)
        return
    await digest_and_reply(update, context, job, reply_to=message)


async def unknown_private_command(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await send_html(
            context, update.effective_message.chat_id, texts(user_language(update)).unknown_command
        )


async def summary_command(update: Update, context: Context) -> None:
    """/summary (aka /tldr, /sum): the link after it, else the message it replies to, else a usage hint."""
    message = update.effective_message
    if message is None:
        return
    group = message.chat.type in {ChatType.GROUP, ChatType.SUPERGROUP}
    lang = user_language(update)
    links = message_links(message)  # the command's own links, not its reply target's
    target = message.reply_to_message
    if not links and (
        target is None or (target.from_user is not None and target.from_user.id == context.bot.id)
    ):
        await send_html(context, message.chat_id, texts(lang).usage_hint, reply_to=message.message_id)
        return
    if not await _check_rate(update, context, group=group):
        return
    if links:
        await digest_and_reply(update, context, Job(url=links[0]), reply_to=message)
        return
    assert target is not None
    try:
        job = await job_for_message(target, context)
    except NewsbotError as err:
        await send_html(
            context, message.chat_id, html.escape(error_message(err, lang)), reply_to=message.message_id
        )
        return
    if job is None:
        await send_html(context, message.chat_id, texts(lang).usage_hint, reply_to=message.message_id)
        return
    await digest_and_reply(update, context, job, reply_to=target)


async def _is_admin(context: Context, chat: Chat, message: Message) -> bool:
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous admin posts as the group itself
    if message.from_user is None:
        return False
    return await _is_admin_id(context, chat.id, message.from_user.id)


async def _is_admin_id(context: Context, chat_id: int, user_id: int) -> bool:
    member = await _with_retries(lambda: context.bot.get_chat_member(chat_id, user_id), "getChatMember")
    return member.status in {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


async def _bot_can_see_messages(context: Context, chat: Chat) -> bool:
    if context.bot.can_read_all_group_messages:
        return True
    return await _is_admin_id(context, chat.id, context.bot.id)


async def auto_command(update: Update, context: Context) -> None:
    """/auto on|off — digest every link posted in a group (admins only)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    t = texts(user_language(update))
    if chat.type not in {ChatType.GROUP, ChatType.SUPERGROUP}:
        await send_html(context, chat.id, t.auto_groups_only)
        return
    d = deps(context)
    current = await d.chat_settings(chat.id)
    arg = (context.args[0].lower() if context.args else "").strip()
    if arg not in {"on", "off"}:
        await send_html(context, chat.id, t.auto_state(current.auto))
        return
    if not await _is_admin(context, chat, message):
        await send_html(context, chat.id, t.auto_admins_only, reply_to=message.message_id)
        return
    await d.store.set_chat_settings(chat.id, replace(current, auto=arg == "on"))
    if arg == "off":
        await send_html(context, chat.id, t.auto_turned_off)
        return
    text = t.auto_turned_on
    if not await _bot_can_see_messages(context, chat):
        text += t.auto_privacy_note
    await send_html(context, chat.id, text)


async def group_message(update: Update, context: Context) -> None:
    """A plain group message with a link: digest it when the chat has auto mode on."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or (message.from_user is not None and message.from_user.is_bot):
        return
    d = deps(context)
    if not (await d.chat_settings(chat.id)).auto:
        return
    links = message_links(message)
    if not links:
        return
    if not await _check_rate(update, context, group=True):
        return
    await digest_and_reply(update, context, Job(url=links[0]), reply_to=message, quiet_errors=True)


def _settings_view(points: int, show_actors: bool, lang: Lang = "en") -> tuple[str, InlineKeyboardMarkup]:
    t = texts(lang)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"{'✓ ' if p == points else ''}{t.settings_points_button(p)}", callback_data=f"set:p:{p}"
                )
                for p in SETTINGS_POINTS
            ],
            [
                InlineKeyboardButton(
                    t.hide_actors if show_actors else t.show_actors,
                    callback_data=f"set:a:{int(not show_actors)}",
                )
            ],
        ]
    )
    return t.settings_view(points, show_actors), keyboard


async def settings_command(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    points, show_actors = await _chat_points(deps(context), chat.id)
    text, keyboard = _settings_view(points, show_actors, user_language(update))
    await send_html(context, chat.id, text, markup=keyboard)


async def settings_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    chat = query.message.chat
    lang = user_language(update)
    if chat.type in {ChatType.GROUP, ChatType.SUPERGROUP} and not await _is_admin_id(
        context, chat.id, query.from_user.id
    ):
        await query.answer(texts(lang).settings_admins_only, show_alert=True)
        return
    d = deps(context)
    current = await d.chat_settings(chat.id)
    _, key, value = query.data.split(":", 2)
    if key == "p" and int(value) in SETTINGS_POINTS:
        new = replace(current, points=int(value))
    elif key == "a":
        new = replace(current, show_actors=value == "1")
    else:
        await query.answer()
        return
    await d.store.set_chat_settings(chat.id, new)
    await query.answer(texts(lang).saved)
    text, keyboard = _settings_view(new.points, new.show_actors, lang)
    await edit_html(context, chat.id, query.message.message_id, text, markup=keyboard)


async def points_button(update: Update, context: Context) -> None:
    """More / fewer key points: digest the same input again with the new count and edit the digest in place.

    A link is not fetched again while its article is cached (the service keeps it for the URL TTL), and a
    count asked for before comes straight from the digest cache; otherwise the digest is remade in the pool.
    """
    query = update.callback_query
    if query is None or query.data is None:
        return
    points, key = parse_points_data(query.data)
    if query.inline_message_id is not None:
        await _inline_points_button(update, context, points, key)
        return
    lang = user_language(update)  # the presser's, for the answers only they see
    t = texts(lang)
    message = query.message
    if not isinstance(message, Message):
        await query.answer(t.digest_too_old_chat)
        return
    if not deps(context).limiter.check(query.from_user.id, None).allowed:
        await query.answer(t.wait_a_moment)
        return
    url = keyboard_source_url(message)
    job: Job | None = Job(url=url) if url else None
    if job is None and message.reply_to_message is not None:
        with contextlib.suppress(NewsbotError):
            job = await job_for_message(message.reply_to_message, context)
    if job is None:
        await query.answer(t.original_gone, show_alert=True)
        return
    d = deps(context)
    _, show_actors = await _chat_points(d, message.chat_id)
    digest = await _remake(query, d, job, points, lang)
    if digest is None:
        return
    shown_in = keyboard_language(message) or lang  # everyone sees the digest: it keeps its language
    parts = chat_parts(digest, show_actors, shown_in)
    reply_to = message.reply_to_message.message_id if message.reply_to_message is not None else None
    rewritten = await rewrite_digest(
        context,
        message.chat_id,
        message.message_id,
        parts,
        keyboard_for(digest, points, url, lang=shown_in),
        reply_to=reply_to,
        lang=shown_in,
    )
    await _toast(query, t.key_points_count(len(digest.key_points)) if rewritten else t.already_updated)


async def _remake(query: CallbackQuery, d: Deps, job: Job, points: int, lang: Lang) -> Digest | None:
    """A button press's digest at the new count; None once the press was answered with why there is none."""
    try:
        return await _work(d, job, points)
    except NewsbotError as err:
        await query.answer(error_message(err, lang)[:200], show_alert=True)
        return None


async def _toast(query: CallbackQuery, text: str, *, alert: bool = False) -> None:
    """Answer a button press once its work is done. Best effort: after a slow read Telegram may already have
    dropped the query ("query is too old"), and the digest itself is what matters."""
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as err:
        log.info("couldn't answer the button press (%s)", err)


async def rewrite_digest(
    context: Context,
    chat_id: int,
    last_id: int,
    parts: Sequence[str],
    markup: InlineKeyboardMarkup,
    *,
    reply_to: int | None,
    lang: Lang = "en",
) -> bool:
    """Show a new version of the digest whose keyboard is under message `last_id`, once; False (and nothing
    changed) when another press already moved the digest below and `last_id` is no longer its last message.

    A digest sent in parts occupies several messages (the store knows which). The new parts go into the last of
    them, in order, with the keyboard under the last; messages left over above say "(digest updated below)".
    Editing rather than deleting: a bot may edit its own messages in any chat at any age, while deleting is
    refused after 48 hours and in some chats; and a message kept as a note can hold a part again if the digest
    grows back. Only when the new digest needs more messages than it has is it sent anew below, and every old
    message becomes a note.

    Presses on one digest are serialised (read the record → edit → record), so two at once neither send it
    twice nor interleave their edits; the later one finds the record moved on and changes nothing. A message of
    the digest deleted meanwhile is dropped from it, and the digest is sent anew if the rest can't hold it.
    """
    d = deps(context)
    async with d.digest_lock((chat_id, last_id)):
        record = await d.store.digest_holding(chat_id, last_id)
        if record is not None and record[-1] != last_id:
            return False
        slots = record or [last_id]
        if len(parts) <= len(slots) and await _edit_in_place(context, chat_id, slots, parts, markup, lang):
            if record is not None:  # in use: its keep time ("30 idle days") starts over
                await d.store.remember_digest_messages(chat_id, slots)
            return True
        new_ids: list[int] = []
        for i, part in enumerate(parts):
            sent = await send_html(
                context, chat_id, part, reply_to=reply_to, markup=markup if i == len(parts) - 1 else None
            )
            new_ids.append(sent.message_id)
        kept = [m for m in slots if await _mark_updated(context, chat_id, m, lang)]
        await d.store.remember_digest_messages(chat_id, [*kept, *new_ids], replaces=last_id)
        await d.store.move_link_memory(chat_id, last_id, new_ids[-1])  # "summarized here" points to it now
        return True


async def _edit_in_place(
    context: Context,
    chat_id: int,
    slots: list[int],
    parts: Sequence[str],
    markup: InlineKeyboardMarkup,
    lang: Lang,
) -> bool:
    """Put `parts` into the last of `slots` and mark the ones above as notes; False if a slot to be filled was
    deleted (the caller sends the digest anew: the notes it leaves above are then overwritten)."""
    spare, used = slots[: len(slots) - len(parts)], slots[len(slots) - len(parts) :]
    for i, (message_id, part) in enumerate(zip(used, parts, strict=True)):
        try:
            await edit_html(
                context, chat_id, message_id, part, markup=markup if i == len(parts) - 1 else None
            )
        except BadRequest as err:
            if not _is_gone(err):
                raise
            log.info(
                "chat %s: message %s of a digest was deleted; sending the digest anew", chat_id, message_id
            )
            return False
    for message_id in spare:
        await _mark_updated(context, chat_id, message_id, lang)
    return True


async def _mark_updated(context: Context, chat_id: int, message_id: int, lang: Lang) -> bool:
    """Turn an old part of a digest into a short pointer to the new one; False if the message was deleted (best
    effort: any other refusal leaves it as it was)."""
    try:
        await edit_html(context, chat_id, message_id, texts(lang).updated_below)
    except BadRequest as err:
        return not _is_gone(err)
    return True


async def _inline_points_button(update: Update, context: Context, points: int, key: str | None) -> None:
    """More / fewer on a digest sent in inline mode: Telegram sends only the inline message's id, no message."""
    query = update.callback_query
    assert query is not None and query.inline_message_id is not None
    # No message comes with the press (so no keyboard to read a language from): the presser's language.
    lang = user_language(update)
    t = texts(lang)
    d = deps(context)
    url = await d.store.inline_link(key) if key else None
    if url is None:  # pruned after a long quiet time (or the keyboard never had one)
        await query.answer(t.digest_too_old_inline, show_alert=True)
        return
    if not d.limiter.check(query.from_user.id, None).allowed:
        await query.answer(t.wait_a_moment)
        return
    digest = await _remake(query, d, Job(url=url), points, lang)
    if digest is None:
        return
    text = inline_text(digest, lang)
    markup = keyboard_for(digest, points, url, key=await d.remember_inline_link(url), lang=lang)
    async with d.digest_lock(query.inline_message_id):  # a double tap: one edit after the other
        try:
            await _edit_with_fallback(
                lambda body, parse_mode: query.edit_message_text(
                    body, parse_mode=parse_mode, reply_markup=markup, link_preview_options=NO_PREVIEW
                ),
                text,
            )
        except BadRequest as err:
            if not _is_gone(err):
                raise
            await _toast(query, t.message_deleted, alert=True)
            return
    await _toast(query, t.key_points_count(len(digest.key_points)))


async def inline_query(update: Update, context: Context) -> None:
    """`@Bot <link>`: the digest as an inline result (cached ones at once), or a "still reading" result."""
    query = update.inline_query
    if query is None:
        return
    lang = user_language(update)
    t = texts(lang)
    urls = find_urls(query.query)
    hint = InlineQueryResultsButton(text=t.inline_hint, start_parameter="inline_help")
    if not urls:
        await query.answer([], button=hint, cache_time=0, is_personal=True)
        return
    url = urls[0]
    d = deps(context)
    if not d.limiter.check(query.from_user.id, None).allowed:
        await query.answer([_note_result(t.too_many_requests_title, t.too_many_requests_text)], cache_time=0)
        return
    try:
        # A slow read keeps going after we answer "still reading" (the service shields its in-flight work and
        # the next query for the link joins it), so the next query is instant.
        digest = await asyncio.wait_for(
            d.service.digest_url(url, points=d.settings.default_points), d.inline_deadline
        )
    except TimeoutError:
        await query.answer(
            [_note_result(t.still_reading_title, t.still_reading_text)],
            cache_time=0,
            is_personal=True,
        )
        return
    except NewsbotError as err:
        await query.answer([_note_result(t.cannot_summarize_title, error_message(err, lang))], cache_time=0)
        return
    text = inline_text(digest, lang)
    description = digest.key_points[0] if digest.key_points else (digest.source or url)
    result = InlineQueryResultArticle(
        id=uuid4().hex,
        title=(digest.title or t.digest)[:200],
        description=description[:200],
        input_message_content=InputTextMessageContent(
            text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
        reply_markup=keyboard_for(
            digest,
            d.settings.default_points,
            url,
            key=await d.remember_inline_link(url),
            lang=lang,
        ),
    )
    # Personal: Telegram would otherwise serve this result (in this user's language) to anyone sending the
    # same query within the cache time.
    await query.answer([result], cache_time=300, is_personal=True)


def _note_result(title: str, text: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=uuid4().hex,
        title=title,
        description=text[:200],
        input_message_content=InputTextMessageContent(html.escape(text), parse_mode=ParseMode.HTML),
    )


async def on_error(update: object, context: Context) -> None:
    """Tracebacks go to the log with the update id; the user gets one short apology, never the details."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s: unhandled error", update_id, exc_info=context.error)
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    apology = texts(user_language(update)).apology
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(apology[:200])
        elif update.effective_chat is not None and update.effective_message is not None:
            await send_html(
                context,
                update.effective_chat.id,
                html.escape(apology),
                reply_to=update.effective_message.message_id,
            )


# ----------------------------------------------------------------------------------------------------------------
# Wiring


def private_commands(lang: Lang = "en") -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts(lang).private_commands]


def group_commands(lang: Lang = "en") -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts(lang).group_commands]


PRIVATE_COMMANDS = private_commands()
GROUP_COMMANDS = group_commands()


async def set_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The command menus: English for everyone, and each other UI language for users whose app is in it."""
    bot = application.bot
    await bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    for lang in LANGS:
        if lang != "en":
            await bot.set_my_commands(
                private_commands(lang), scope=BotCommandScopeAllPrivateChats(), language_code=lang
            )
            await bot.set_my_commands(
                group_commands(lang), scope=BotCommandScopeAllGroupChats(), language_code=lang
            )


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any], d: Deps) -> None:
    application.bot_data[DEPS_KEY] = d
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    links = (
        filters.Entity(MessageEntity.URL)
        | filters.Entity(MessageEntity.TEXT_LINK)
        | filters.CaptionEntity(MessageEntity.URL)
        | filters.CaptionEntity(MessageEntity.TEXT_LINK)
    )
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", start),
            CommandHandler("help", help_command),
            CommandHandler("settings", settings_command),
            CommandHandler(list(SUMMARY_COMMANDS), summary_command),
            CommandHandler("auto", auto_command),
            CallbackQueryHandler(points_button, pattern=r"^pts:\d+(:[A-Za-z0-9_-]{1,32})?$"),
            CallbackQueryHandler(settings_button, pattern=r"^set:[pa]:\d+$"),
            InlineQueryHandler(inline_query),
            MessageHandler(private & filters.COMMAND, unknown_private_command),
            MessageHandler(
                private & ~filters.COMMAND & (filters.TEXT | filters.CAPTION | filters.Document.ALL),
                private_message,
            ),
            MessageHandler(groups & ~filters.COMMAND & links, group_message),
        ]
    )
    application.add_error_handler(on_error)
