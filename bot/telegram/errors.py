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
