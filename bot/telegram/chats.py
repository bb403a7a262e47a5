"""Plain messages: in a private chat anything readable is digested; in a group, links when auto mode is on."""

from __future__ import annotations

import html

from telegram import Update

from bot.errors import NewsbotError
from bot.i18n import texts
from bot.telegram.api import send_html
from bot.telegram.deps import Context, deps
from bot.telegram.flow import check_rate, digest_and_reply
from bot.telegram.incoming import Job, job_for_message, message_links
from bot.telegram.language import error_message, user_language


async def private_message(update: Update, context: Context) -> None:
    """Private chat: text, forwarded posts, captions and documents all become digests."""
    message = update.effective_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    if not await check_rate(update, context, group=False):
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
    if not await check_rate(update, context, group=True):
        return
    await digest_and_reply(update, context, Job.for_link(links[0]), reply_to=message, quiet_errors=True)
