"""The commands: /start, /help, /summary (/tldr, /sum), /auto, /settings, and unknown ones in private chats."""

from __future__ import annotations

import html
from dataclasses import replace

from telegram import Message, Update
from telegram.constants import ChatType

from bot.errors import NewsbotError
from bot.i18n import texts
from bot.telegram.admins import bot_can_see_messages, is_admin
from bot.telegram.api import send_html
from bot.telegram.deps import Context, deps
from bot.telegram.flow import digest_and_reply, reply_line, take_turn
from bot.telegram.incoming import Job, job_for_message, message_links
from bot.telegram.keyboards import settings_view
from bot.telegram.language import error_message, user_language


async def start(update: Update, context: Context) -> None:
    """/start: the greeting (the help, when it comes from the inline mode's "how to" button)."""
    message = update.effective_message
    if message is None:
        return
    t = texts(user_language(update))
    text = t.start(context.bot.username)
    if context.args and context.args[0] == "inline_help":
        text = t.help(context.bot.username)
    await send_html(context, message.chat_id, text)


async def help_command(update: Update, context: Context) -> None:
    """/help: what the bot does and how to ask it."""
    if update.effective_message is not None:
        text = texts(user_language(update)).help(context.bot.username)
        await send_html(context, update.effective_message.chat_id, text)


async def unknown_private_command(update: Update, context: Context) -> None:
    """A command the bot doesn't know, in a private chat: say so (in groups it may be another bot's)."""
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
    links = message_links(message)  # the command's own links, not its reply target's
    target = message.reply_to_message
    if not links and (
        target is None or (target.from_user is not None and target.from_user.id == context.bot.id)
    ):
        usage = texts(user_language(update)).usage_hint
        await send_html(context, message.chat_id, usage, reply_to=message.message_id)
        return
    if links:
        job = Job.for_link(links[0])
        take_turn(
            update, context, lambda: digest_and_reply(update, context, job, reply_to=message), group=group
        )
        return
    assert target is not None
    take_turn(update, context, lambda: _summarize_reply(update, context, message, target), group=group)


async def _summarize_reply(update: Update, context: Context, command: Message, target: Message) -> None:
    """/summary as a reply: the target's digest (a reply to the target), or one line to the command why not."""
    lang = user_language(update)
    try:
        job = await job_for_message(target, context)
    except NewsbotError as err:
        await reply_line(context, command, html.escape(error_message(err, lang)), remember=False)
        return
    if job is None:  # a sticker, a photo without a caption, a poll…: what the bot reads instead
        await reply_line(context, command, texts(lang).nothing_to_read, remember=False)
        return
    await digest_and_reply(update, context, job, reply_to=target)


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
    if not await is_admin(context, chat, message):
        await send_html(context, chat.id, t.auto_admins_only, reply_to=message.message_id)
        return
    await d.store.set_chat_settings(chat.id, replace(current, auto=arg == "on"))
    if arg == "off":
        await send_html(context, chat.id, t.auto_turned_off)
        return
    text = t.auto_turned_on
    if not await bot_can_see_messages(context, chat):
        text += t.auto_privacy_note
    await send_html(context, chat.id, text)


async def settings_command(update: Update, context: Context) -> None:
    """/settings: the chat's key-point count and actors switch, as buttons."""
    chat = update.effective_chat
    if chat is None:
        return
    d = deps(context)
    cs = await d.chat_settings(chat.id)
    text, keyboard = settings_view(cs, user_language(update), default=d.settings.default_points)
    await send_html(context, chat.id, text, markup=keyboard)
