"""Who the bot answers: with ALLOWED_CHAT_IDS set, only those chats (and, inline, those users)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.telegram.deps import Context, deps

log = logging.getLogger(__name__)


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
