"""Plain messages: in a private chat every message is answered (a digest, or one line on what the bot reads); in a
group, links are digested when auto mode is on. Each request takes its turn in its sender's line (`take_turn`)."""

from __future__ import annotations

import html

from telegram import Message, Update

from bot.errors import NewsbotError
from bot.i18n import texts
from bot.telegram.deps import Context, deps
from bot.telegram.flow import digest_and_reply, reply_line, take_turn
from bot.telegram.incoming import Job, job_for_message, message_links
from bot.telegram.language import error_message, user_language


async def private_message(update: Update, context: Context) -> None:
    """Private chat: text, forwarded posts, captions and documents all become digests."""
    message = update.effective_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    take_turn(update, context, lambda: answer_message(update, context, message), group=False)


async def answer_message(update: Update, context: Context, message: Message) -> None:
    """Read a private message and answer it: its digest, or one short line why there is none."""
    lang = user_language(update)
    try:
        job = await job_for_message(message, context)
    except NewsbotError as err:
        await reply_line(context, message, html.escape(error_message(err, lang)))
        return
    if job is None:
        await reply_line(context, message, texts(lang).nothing_to_read)
        return
    await digest_and_reply(update, context, job, reply_to=message)


async def unreadable_message(update: Update, context: Context) -> None:
    """Private chat: a sticker, a photo or a GIF without a caption, a voice message, a poll, a location…: one line
    on what the bot reads, in turn with the sender's other messages (silence would look like a broken bot)."""
    message = update.effective_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    line = texts(user_language(update)).nothing_to_read
    take_turn(update, context, lambda: reply_line(context, message, line), group=False)


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
    job = Job.for_link(links[0])
    take_turn(
        update,
        context,
        lambda: digest_and_reply(update, context, job, reply_to=message, quiet_errors=True),
        group=True,
    )
