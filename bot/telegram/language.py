"""The bot's words are in the language of whoever sent the update (their Telegram app's), errors included."""

from __future__ import annotations

from telegram import Update

from bot.errors import NewsbotError
from bot.i18n import Lang, error_text, pick_language


def user_language(update: Update) -> Lang:
    """The language of the bot's words for whoever sent this update (their Telegram app's language)."""
    user = update.effective_user
    return pick_language(user.language_code if user is not None else None)


def error_message(err: NewsbotError, lang: Lang) -> str:
    """What to tell a user about an error, in their language (the CLI prints `user_message` as it is)."""
    return error_text(err.user_message, lang)
