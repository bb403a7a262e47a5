"""Who is a group's admin (admins alone switch auto mode and change settings), and what the bot can see."""

from __future__ import annotations

from telegram import Chat, Message
from telegram.constants import ChatMemberStatus

from bot.telegram.api import with_retries
from bot.telegram.deps import Context


async def is_admin(context: Context, chat: Chat, message: Message) -> bool:
    """Whether the sender of `message` is an admin of `chat` (an anonymous admin posts as the chat)."""
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous admin posts as the group itself
    if message.from_user is None:
        return False
    return await is_admin_id(context, chat.id, message.from_user.id)


async def is_admin_id(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether user `user_id` is an admin or the owner of chat `chat_id` (asks Telegram)."""
    member = await with_retries(lambda: context.bot.get_chat_member(chat_id, user_id), "getChatMember")
    return member.status in {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


async def bot_can_see_messages(context: Context, chat: Chat) -> bool:
    """Whether the bot gets every message of the group (privacy mode off, or the bot is an admin there)."""
    if context.bot.can_read_all_group_messages:
        return True
    return await is_admin_id(context, chat.id, context.bot.id)
