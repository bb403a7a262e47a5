"""Edited messages: the bot's earlier answer is rewritten in place with what the new text asks for (a digest, or a
reason there is none), rather than a second, whole digest below.

An edit that leaves what is read alone (a typo fixed around a link, bold added) changes nothing. An answer that is
gone (deleted, or from before a restart: answers are remembered in memory) is sent anew in a private chat; in a
group the bot only revises what it answered, and stays quiet about other edits as about other messages.
"""

from __future__ import annotations

import html
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType

from bot.errors import NewsbotError
from bot.i18n import Lang, texts
from bot.telegram.answers import Answer
from bot.telegram.api import quietly
from bot.telegram.chats import answer_message
from bot.telegram.deps import Context, Deps, chat_points, deps
from bot.telegram.flow import digest_job, read_fingerprint, take_turn
from bot.telegram.incoming import Job, job_for_message
from bot.telegram.keyboards import keyboard_for
from bot.telegram.language import error_message, user_language
from bot.telegram.messages import chat_parts
from bot.telegram.rewrite import rewrite_digest

log = logging.getLogger(__name__)


async def edited_message(update: Update, context: Context) -> None:
    """A message was edited: revise the answer to it, in turn with its sender's other requests."""
    message = update.edited_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    group = message.chat.type in {ChatType.GROUP, ChatType.SUPERGROUP}
    if group and deps(context).answers.get(message.chat_id, message.message_id) is None:
        return  # in a group the bot revises only what it answered, and other edits cost no turn
    # In turn, after the sender's earlier requests: the answer being edited may still be on its way.
    take_turn(update, context, lambda: _answer_edit(update, context, message), group=group)


async def _answer_edit(update: Update, context: Context, message: Message) -> None:
    """Revise the earlier answer, or (in a private chat, when it is gone) answer the message anew."""
    earlier = deps(context).answers.get(message.chat_id, message.message_id)
    if earlier is None:
        if message.chat.type == ChatType.PRIVATE:
            await answer_message(update, context, message)
        return
    if message.document is not None and read_fingerprint(None, message) == earlier.read:
        return  # the same file, a new caption: nothing that is read changed (and nothing to download)
    await _revise(update, context, message, earlier)


async def _revise(update: Update, context: Context, message: Message, earlier: Answer) -> None:
    """Rewrite the answer to an edited message with what it asks for now; nothing if that is unchanged."""
    d = deps(context)
    lang = user_language(update)
    chat_id = message.chat_id
    reason = texts(lang).nothing_to_read  # the answer when there is nothing to read
    try:
        job = await job_for_message(message, context)
    except NewsbotError as err:
        job, reason = None, html.escape(error_message(err, lang))
    read = read_fingerprint(job, message)
    if read == earlier.read:
        log.info("update %s: edited, but what it asks to read is unchanged", update.update_id)
        return
    if not earlier.in_place:  # the answer was a pointer to an earlier digest: answer the new text anew
        if message.chat.type == ChatType.PRIVATE:
            await answer_message(update, context, message)
        return
    if job is not None:
        parts, markup = await _digest_parts(context, d, job, chat_id, lang)
    else:
        parts, markup = [reason], None
    # A more / fewer press may have moved a digest below since: revise where it is now.
    record = await d.store.digest_holding(chat_id, earlier.last_id)
    last_id = record[-1] if record else earlier.last_id
    now = await rewrite_digest(
        context, chat_id, last_id, parts, markup, reply_to=message.message_id, lang=lang
    )
    if now is None:
        return
    d.answers.remember(chat_id, message.message_id, read, now)
    if job is not None and job.link is not None and markup is not None:
        await d.store.remember_link(chat_id, job.link.key, now)
    log.info("update %s: the answer to an edited message was revised", update.update_id)


async def _digest_parts(
    context: Context, d: Deps, job: Job, chat_id: int, lang: Lang
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The new answer: the digest's parts and keyboard, or one line why there is no digest (and no keyboard)."""
    points, show_actors, method = await chat_points(d, chat_id)
    await quietly(context.bot.send_chat_action(chat_id, ChatAction.TYPING))
    try:
        digest = await digest_job(d, job, points, method)
    except NewsbotError as err:
        return [html.escape(error_message(err, lang))], None
    return chat_parts(digest, show_actors, lang), keyboard_for(digest, points, job.url, lang=lang)
