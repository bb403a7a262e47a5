"""The last resort: an error no handler expected is logged with its update id, and the user gets an apology."""

from __future__ import annotations

import contextlib
import html
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.i18n import texts
from bot.telegram.api import send_html
from bot.telegram.deps import Context
from bot.telegram.language import user_language

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    """Which update this is, for the log: its id and where it came from (never what it says)."""
    if not isinstance(update, Update):
        return f"update {update!r}"
    where = []
    if update.effective_chat is not None:
        where.append(f"chat {update.effective_chat.id}")
    if update.effective_message is not None:
        edited = " (edited)" if update.edited_message is not None else ""
        where.append(f"message {update.effective_message.message_id}{edited}")
    elif update.callback_query is not None:
        where.append("a button press")
    elif update.inline_query is not None:
        where.append("an inline query")
    return f"update {update.update_id}" + (f" ({', '.join(where)})" if where else "")


async def on_error(update: object, context: Context) -> None:
    """Tracebacks go to the log with the update id; the user gets one short apology, never the details."""
    log.error("%s: unhandled error", describe(update), exc_info=context.error)
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
