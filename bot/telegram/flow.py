"""The digest flow: one request in a chat answered once, with the digest or a short reason why there is none.

typing → (Reading… if the work is slow, kept alive with typing) → the digest in one or more parts, with the
more / fewer keyboard under the last; a link digested in the chat within the hour gets a pointer to that digest.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Awaitable, Sequence

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest

from bot.errors import NewsbotError
from bot.i18n import Texts, texts
from bot.model import Digest
from bot.telegram.api import edit_html, quietly, send_html
from bot.telegram.deps import Context, Deps, chat_points, deps
from bot.telegram.incoming import Job
from bot.telegram.keyboards import keyboard_for
from bot.telegram.language import error_message, user_language
from bot.telegram.messages import chat_parts

log = logging.getLogger(__name__)

REPEAT_WINDOW = 3600.0  # one digest per link per chat per hour
TYPING_EVERY = 4.5  # a chat action shows for about 5 s


def digest_job(d: Deps, job: Job, points: int) -> Awaitable[Digest]:
    """The service's work for a job: a link read (or taken from the cache) and digested, or an article digested."""
    if job.link is not None:
        return d.service.digest_url(job.link, points=points)
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
    if await _pointed_to_earlier(context, d, chat_id, job, t):
        return
    points, show_actors = await chat_points(d, chat_id)
    await quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
    task = asyncio.ensure_future(digest_job(d, job, points))
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
    ids = await _send_parts(context, chat_id, reply_to, placeholder, parts, markup)
    await _remember(d, chat_id, job, ids)
    log.info("update %s: digest sent (%s, %d parts)", update.update_id, source or "text", len(parts))


async def _pointed_to_earlier(context: Context, d: Deps, chat_id: int, job: Job, t: Texts) -> bool:
    """True if the job's link was digested in this chat within the hour: the answer is a reply to that digest."""
    if job.link is None:
        return False
    earlier = await d.store.recent_link(chat_id, job.link.key, REPEAT_WINDOW)
    if earlier is None:
        return False
    await send_html(context, chat_id, t.recently_summarized, reply_to=earlier)
    return True


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


async def check_rate(update: Update, context: Context, *, group: bool) -> bool:
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
