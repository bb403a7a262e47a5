"""A digest rewritten in place after a button press, however many messages it occupies (the store knows which)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.i18n import Lang, texts
from bot.telegram.api import edit_html, is_gone, send_html
from bot.telegram.deps import Context, deps

log = logging.getLogger(__name__)


async def rewrite_digest(
    context: Context,
    chat_id: int,
    last_id: int,
    parts: Sequence[str],
    markup: InlineKeyboardMarkup | None,
    *,
    reply_to: int | None,
    lang: Lang = "en",
) -> int | None:
    """Show a new version of the digest whose last message is `last_id`, once; returns its last message now, or
    None (and nothing changed) when another press already moved the digest below and `last_id` is no longer its
    last message. (An edited message's answer is rewritten the same way, with `markup` None for a reason.)

    A digest sent in parts occupies several messages (the store knows which). The new parts go into the last of
    them, in order, with the keyboard under the last; messages left over above say "(digest updated below)".
    Editing rather than deleting: a bot may edit its own messages in any chat at any age, while deleting is
    refused after 48 hours and in some chats; and a message kept as a note can hold a part again if the digest
    grows back. Only when the new digest needs more messages than it has is it sent anew below, and every old
    message becomes a note.

    Presses on one digest are serialised (read the record → edit → record), so two at once neither send it
    twice nor interleave their edits; the later one finds the record moved on and changes nothing. A message of
    the digest deleted meanwhile is dropped from it, and the digest is sent anew if the rest can't hold it.
    """
    d = deps(context)
    async with d.digest_lock((chat_id, last_id)):
        record = await d.store.digest_holding(chat_id, last_id)
        if record is not None and record[-1] != last_id:
            return None
        slots = record or [last_id]
        if len(parts) <= len(slots) and await _edit_in_place(context, chat_id, slots, parts, markup, lang):
            if record is not None:  # in use: its keep time ("30 idle days") starts over
                await d.store.remember_digest_messages(chat_id, slots)
            return last_id
        new_ids: list[int] = []
        for i, part in enumerate(parts):
            sent = await send_html(
                context, chat_id, part, reply_to=reply_to, markup=markup if i == len(parts) - 1 else None
            )
            new_ids.append(sent.message_id)
        kept = [m for m in slots if await _mark_updated(context, chat_id, m, lang)]
        await d.store.remember_digest_messages(chat_id, [*kept, *new_ids], replaces=last_id)
        await d.store.move_link_memory(chat_id, last_id, new_ids[-1])  # "summarized here" points to it now
        return new_ids[-1]


async def _edit_in_place(
    context: Context,
    chat_id: int,
    slots: list[int],
    parts: Sequence[str],
    markup: InlineKeyboardMarkup | None,
    lang: Lang,
) -> bool:
    """Put `parts` into the last of `slots` and mark the ones above as notes; False if a slot to be filled was
    deleted (the caller sends the digest anew: the notes it leaves above are then overwritten)."""
    spare, used = slots[: len(slots) - len(parts)], slots[len(slots) - len(parts) :]
    for i, (message_id, part) in enumerate(zip(used, parts, strict=True)):
        try:
            await edit_html(
                context, chat_id, message_id, part, markup=markup if i == len(parts) - 1 else None
            )
        except BadRequest as err:
            if not is_gone(err):
                raise
            log.info(
                "chat %s: message %s of a digest was deleted; sending the digest anew", chat_id, message_id
            )
            return False
    for message_id in spare:
        await _mark_updated(context, chat_id, message_id, lang)
    return True


async def _mark_updated(context: Context, chat_id: int, message_id: int, lang: Lang) -> bool:
    """Turn an old part of a digest into a short pointer to the new one; False if the message was deleted (best
    effort: any other refusal leaves it as it was)."""
    try:
        await edit_html(context, chat_id, message_id, texts(lang).updated_below)
    except BadRequest as err:
        return not is_gone(err)
    return True
