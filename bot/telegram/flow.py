"""The digest flow: one request in a chat answered once, with the digest or a short reason why there is none.

A request first takes its turn in its sender's line (`take_turn`: answered in order, or named in the one notice of
a skipped stretch). Then: typing → (Reading… if the work is slow, kept alive with typing) → the digest in one or
more parts, with the more / fewer keyboard under the last; a link digested in the chat within the hour gets a
pointer to that digest. What each message was answered with is remembered, for when it is edited.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
from collections.abc import Awaitable, Coroutine, Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest

from bot.errors import NewsbotError
from bot.i18n import Lang, Texts, texts
from bot.model import Digest
from bot.telegram.api import edit_html, is_gone, quietly, send_html
from bot.telegram.deps import Context, Deps, chat_points, deps
from bot.telegram.incoming import Job
from bot.telegram.keyboards import keyboard_for
from bot.telegram.language import error_message, user_language
from bot.telegram.lines import Skipped, Work
from bot.telegram.messages import chat_parts

log = logging.getLogger(__name__)

REPEAT_WINDOW = 3600.0  # one digest per link per chat per hour
TYPING_EVERY = 4.5  # a chat action shows for about 5 s


def digest_job(d: Deps, job: Job, points: int, method: str) -> Awaitable[Digest]:
    """The service's work for a job: a link read (or taken from the cache) and digested, or an article digested."""
    if job.link is not None:
        return d.service.digest_url(job.link, points=points, method=method)
    assert job.article is not None
    return d.service.digest_article(job.article, points=points, method=method)


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
    pointer = await _pointed_to_earlier(context, d, chat_id, job, t)
    if pointer is not None:  # a reply to another message: an edit of this one is answered anew, not in it
        d.answers.remember(
            chat_id, reply_to.message_id, read_fingerprint(job, reply_to), pointer, in_place=False
        )
        return
    points, show_actors, method = await chat_points(d, chat_id)
    await quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
    task = asyncio.ensure_future(digest_job(d, job, points, method))
    placeholder: Message | None = None
    try:
        done, _ = await asyncio.wait({task}, timeout=d.placeholder_delay)
        if not done:
            placeholder = await send_html(context, chat_id, t.reading, reply_to=reply_to.message_id)
            await _keep_typing(context, chat_id, task)
        digest = task.result()
    except NewsbotError as err:
        log.info("update %s: no digest: %s", update.update_id, err.user_message)
        if quiet_errors and placeholder is None:
            return
        why = await _answer(context, chat_id, reply_to, placeholder, html.escape(error_message(err, lang)))
        d.answers.remember(chat_id, reply_to.message_id, read_fingerprint(job, reply_to), why)
        return
    except Exception:
        log.exception(
            "update %s: digest failed (chat %s, message %s)", update.update_id, chat_id, reply_to.message_id
        )
        await _answer(context, chat_id, reply_to, placeholder, html.escape(t.apology))
        return
    finally:
        if not task.done():  # we were cancelled (shutdown): let the work finish or fail on its own
            task.cancel()
    source = job.url or digest.source
    parts = chat_parts(digest, show_actors, lang)
    markup = keyboard_for(digest, points, job.url, lang=lang)
    ids = await _send_parts(context, chat_id, reply_to, placeholder, parts, markup)
    await _remember(d, chat_id, job, ids)
    d.answers.remember(chat_id, reply_to.message_id, read_fingerprint(job, reply_to), ids[-1])
    log.info("update %s: digest sent (%s, %d parts)", update.update_id, source or "text", len(parts))


async def _pointed_to_earlier(context: Context, d: Deps, chat_id: int, job: Job, t: Texts) -> int | None:
    """If the job's link was digested in this chat within the hour, the answer is a reply to that digest: its
    message id (else None)."""
    if job.link is None:
        return None
    earlier = await d.store.recent_link(chat_id, job.link.key, REPEAT_WINDOW)
    if earlier is None:
        return None
    sent = await send_html(context, chat_id, t.recently_summarized, reply_to=earlier)
    return sent.message_id


async def _keep_typing(context: Context, chat_id: int, task: asyncio.Future[Digest]) -> None:
    """Renew the typing indicator until the work is done."""
    while not task.done():
        done, _ = await asyncio.wait({task}, timeout=TYPING_EVERY)
        if not done:
            await quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))


async def _send_parts(
    context: Context,
    chat_id: int,
    reply_to: Message,
    placeholder: Message | None,
    parts: Sequence[str],
    markup: InlineKeyboardMarkup,
) -> list[int]:
    """The digest's parts: the first in place of the placeholder (or as a reply), the others as replies, the
    keyboard under the last; returns their message ids."""
    ids = [
        await _answer(context, chat_id, reply_to, placeholder, parts[0], markup if len(parts) == 1 else None)
    ]
    for i, part in enumerate(parts[1:], start=2):
        sent = await send_html(
            context, chat_id, part, reply_to=reply_to.message_id, markup=markup if i == len(parts) else None
        )
        ids.append(sent.message_id)
    return ids


async def _remember(d: Deps, chat_id: int, job: Job, ids: list[int]) -> None:
    """What later requests need to know: the messages a digest in parts occupies, where a link was digested."""
    if len(ids) > 1:  # so the more/fewer buttons under the last part can rewrite every part
        await d.store.remember_digest_messages(chat_id, ids)
    if job.link is not None:
        await d.store.remember_link(chat_id, job.link.key, ids[-1])


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


def read_fingerprint(job: Job | None, message: Message) -> str:
    """What a message asks to read, in a few bytes: an edit that leaves it alone (a typo fixed around a link, a
    formatting change) leaves it the same. A document is known by its file, without downloading it."""
    if message.document is not None:
        return f"file:{message.document.file_unique_id}"
    if job is None:
        return "nothing"
    if job.link is not None:
        return f"link:{job.link.key}"
    assert job.article is not None
    read = f"{job.article.source or ''}\0{job.article.text}"
    return "text:" + hashlib.sha256(read.encode("utf-8", "surrogatepass")).hexdigest()[:32]


async def reply_line(context: Context, message: Message, text: str, *, remember: bool = True) -> None:
    """Answer a message with one line of HTML (why there is no digest), remembered as its answer."""
    sent = await send_html(context, message.chat_id, text, reply_to=message.message_id)
    if remember:
        read = read_fingerprint(None, message)
        deps(context).answers.remember(message.chat_id, message.message_id, read, sent.message_id)


def take_turn(update: Update, context: Context, work: Work, *, group: bool) -> None:
    """Put a request in its sender's line (answered after their earlier ones), or skip it when they are over the
    limit: the skipped stretch is named in one notice, whose count is edited as more are skipped.

    Synchronous on purpose: called before the handler first awaits anything, requests join in arrival order.
    """
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None:
        return
    d = deps(context)
    key = (chat.id, user.id if user is not None else chat.id)
    now = d.limiter.clock()

    def spawn(coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        return context.application.create_task(coroutine, update=update)

    stretch = d.lines.skipped(key, now)
    if stretch is None:
        verdict = d.limiter.check(user.id if user else None, chat.id, group=group)
        if verdict.allowed:
            d.lines.join(key, work, spawn)
            return
        stretch = d.lines.start_skipping(key, message.message_id, now + verdict.clear_after, now)
    stretch.count += 1
    log.info(
        "update %s: skipped, too many at once (chat %s, %d so far)", update.update_id, chat.id, stretch.count
    )
    if not stretch.notice_queued:  # one send or edit of the notice waits in the line at a time
        stretch.notice_queued = True
        lang = user_language(update)
        d.lines.join(key, lambda: _tell_skipped(context, chat.id, stretch, lang), spawn)


async def _tell_skipped(context: Context, chat_id: int, stretch: Skipped, lang: Lang) -> None:
    """Send the skipped stretch's notice (a reply to its first message), or edit its count."""
    stretch.notice_queued = False  # skips from now on need another edit
    text = html.escape(texts(lang).skipped(stretch.count))
    if stretch.notice_id is not None:
        try:
            await edit_html(context, chat_id, stretch.notice_id, text)
            return
        except BadRequest as err:
            if not is_gone(err):
                raise
    sent = await send_html(context, chat_id, text, reply_to=stretch.first_id)
    stretch.notice_id = sent.message_id
