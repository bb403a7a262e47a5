"""All the wiring in one place: which handler answers which update, and the command menus Telegram shows."""

from __future__ import annotations

from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    MessageEntity,
    Update,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.i18n import LANGS, Lang, texts
from bot.telegram.access import gate
from bot.telegram.buttons import points_button, settings_button
from bot.telegram.chats import group_message, private_message, unreadable_message
from bot.telegram.commands import (
    auto_command,
    help_command,
    settings_command,
    start,
    summary_command,
    unknown_private_command,
)
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.edits import edited_message
from bot.telegram.errors import on_error
from bot.telegram.inline import inline_query
from bot.telegram.keyboards import POINTS_PATTERN, SETTINGS_PATTERN

SUMMARY_COMMANDS = ("summary", "tldr", "sum")


def private_commands(lang: Lang = "en") -> list[BotCommand]:
    """The command menu of private chats, in `lang`."""
    return [BotCommand(name, description) for name, description in texts(lang).private_commands]


def group_commands(lang: Lang = "en") -> list[BotCommand]:
    """The command menu of groups, in `lang`."""
    return [BotCommand(name, description) for name, description in texts(lang).group_commands]


PRIVATE_COMMANDS = private_commands()
GROUP_COMMANDS = group_commands()


async def set_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The command menus: English for everyone, and each other UI language for users whose app is in it."""
    bot = application.bot
    await bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    for lang in LANGS:
        if lang != "en":
            await bot.set_my_commands(
                private_commands(lang), scope=BotCommandScopeAllPrivateChats(), language_code=lang
            )
            await bot.set_my_commands(
                group_commands(lang), scope=BotCommandScopeAllGroupChats(), language_code=lang
            )


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any], d: Deps) -> None:
    """Put `d` where the handlers find it and register every handler (the access gate runs first)."""
    application.bot_data[DEPS_KEY] = d
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    new = filters.UpdateType.MESSAGE  # edits have their own handler: one answer per message, revised in place
    edited = filters.UpdateType.EDITED_MESSAGE
    links = (
        filters.Entity(MessageEntity.URL)
        | filters.Entity(MessageEntity.TEXT_LINK)
        | filters.CaptionEntity(MessageEntity.URL)
        | filters.CaptionEntity(MessageEntity.TEXT_LINK)
    )
    # A GIF comes as an animation and a document both: it is a picture, not a file to read.
    readable = filters.TEXT | filters.CAPTION | (filters.Document.ALL & ~filters.ANIMATION)
    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handlers(
        [
            CommandHandler("start", start, filters=new),
            CommandHandler("help", help_command, filters=new),
            CommandHandler("settings", settings_command, filters=new),
            CommandHandler(list(SUMMARY_COMMANDS), summary_command, filters=new),
            CommandHandler("auto", auto_command, filters=new),
            CallbackQueryHandler(points_button, pattern=POINTS_PATTERN),
            CallbackQueryHandler(settings_button, pattern=SETTINGS_PATTERN),
            InlineQueryHandler(inline_query),
            MessageHandler(private & new & filters.COMMAND, unknown_private_command),
            MessageHandler(private & new & ~filters.COMMAND & readable, private_message),
            # Everything else a person sends in private (not service messages such as a pin): one line.
            MessageHandler(private & new & ~filters.COMMAND & ~filters.StatusUpdate.ALL, unreadable_message),
            MessageHandler(groups & new & ~filters.COMMAND & links, group_message),
            MessageHandler((private | groups) & edited & ~filters.COMMAND & readable, edited_message),
        ]
    )
    application.add_error_handler(on_error)
