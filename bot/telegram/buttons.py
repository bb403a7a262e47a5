"""The buttons: more / fewer key points under a digest (in a chat or sent inline), and the settings buttons."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError

from bot.errors import NewsbotError
from bot.i18n import Lang, texts
from bot.model import Digest
from bot.service import summary_method
from bot.sources.links import Link
from bot.telegram.admins import is_admin_id
from bot.telegram.api import NO_PREVIEW, edit_html, edit_with_fallback, is_gone
from bot.telegram.deps import Context, Deps, chat_points, deps
from bot.telegram.flow import digest_job
from bot.telegram.incoming import Job, job_for_message
from bot.telegram.keyboards import (
    keyboard_for,
    keyboard_language,
    keyboard_source_url,
    parse_points_data,
    parse_settings_data,
    settings_points,
    settings_view,
)
from bot.telegram.language import error_message, user_language
from bot.telegram.messages import chat_parts, inline_text
from bot.telegram.rewrite import rewrite_digest

log = logging.getLogger(__name__)


async def points_button(update: Update, context: Context) -> None:
    """More / fewer key points: digest the same input again with the new count and edit the digest in place.

    A link is not fetched again while its article is cached (the service keeps it for the URL TTL), and a
    count asked for before comes straight from the digest cache; otherwise the digest is remade in the pool.
    """
    query = update.callback_query
    if query is None or query.data is None:
        return
    points, key = parse_points_data(query.data)
    if query.inline_message_id is not None:
        await _inline_points_button(update, context, points, key)
        return
    lang = user_language(update)  # the presser's, for the answers only they see
    t = texts(lang)
    message = query.message
    if not isinstance(message, Message):
        await query.answer(t.digest_too_old_chat)
        return
    if not deps(context).limiter.check(query.from_user.id, None, kind="button").allowed:
        await query.answer(t.wait_a_moment)
        return
    url = keyboard_source_url(message)
    job: Job | None = Job.for_link(url) if url else None
    if job is None and message.reply_to_message is not None:
        with contextlib.suppress(NewsbotError):
            job = await job_for_message(message.reply_to_message, context)
    if job is None:
        await query.answer(t.original_gone, show_alert=True)
        return
    d = deps(context)
    _, show_actors, method = await chat_points(d, message.chat_id)
    digest = await _remake(query, d, job, points, method, lang)
    if digest is None:
        return
    shown_in = keyboard_language(message) or lang  # everyone sees the digest: it keeps its language
    parts = chat_parts(digest, show_actors, shown_in)
    reply_to = message.reply_to_message.message_id if message.reply_to_message is not None else None
    rewritten = await rewrite_digest(
        context,
        message.chat_id,
        message.message_id,
        parts,
        keyboard_for(digest, points, url, lang=shown_in),
        reply_to=reply_to,
        lang=shown_in,
    )
    done = rewritten is not None
    await _toast(query, t.key_points_count(len(digest.key_points)) if done else t.already_updated)


async def _remake(
    query: CallbackQuery, d: Deps, job: Job, points: int, method: str, lang: Lang
) -> Digest | None:
    """A button press's digest at the new count; None once the press was answered with why there is none."""
    try:
        return await digest_job(d, job, points, method)
    except NewsbotError as err:
        await query.answer(error_message(err, lang)[:200], show_alert=True)
        return None


async def _toast(query: CallbackQuery, text: str, *, alert: bool = False) -> None:
    """Answer a button press once its work is done. Best effort: after a slow read Telegram may already have
    dropped the query ("query is too old"), and the digest itself is what matters."""
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as err:
        log.info("couldn't answer the button press (%s)", err)


async def _inline_points_button(update: Update, context: Context, points: int, key: str | None) -> None:
    """More / fewer on a digest sent in inline mode: Telegram sends only the inline message's id, no message."""
    query = update.callback_query
    assert query is not None and query.inline_message_id is not None
    # No message comes with the press (so no keyboard to read a language from): the presser's language.
    lang = user_language(update)
    t = texts(lang)
    d = deps(context)
    url = await d.store.inline_link(key) if key else None
    if url is None:  # pruned after a long quiet time (or the keyboard never had one)
        await query.answer(t.digest_too_old_inline, show_alert=True)
        return
    if not d.limiter.check(query.from_user.id, None, kind="button").allowed:
        await query.answer(t.wait_a_moment)
        return
    link = Link(url)  # the stored link, normalized once for the read and the buttons' key
    # Inline mode has no chat whose settings apply: the bot's default summarizer, as the first answer had.
    digest = await _remake(query, d, Job(link=link), points, summary_method(), lang)
    if digest is None:
        return
    text = inline_text(digest, lang)
    markup = keyboard_for(digest, points, url, key=await d.remember_inline_link(link), lang=lang)
    async with d.digest_lock(query.inline_message_id):  # a double tap: one edit after the other
        try:
            await edit_with_fallback(
                lambda body, parse_mode: query.edit_message_text(
                    body, parse_mode=parse_mode, reply_markup=markup, link_preview_options=NO_PREVIEW
                ),
                text,
            )
        except BadRequest as err:
            if not is_gone(err):
                raise
            await _toast(query, t.message_deleted, alert=True)
            return
    await _toast(query, t.key_points_count(len(digest.key_points)))


async def settings_button(update: Update, context: Context) -> None:
    """A settings button: save the chat's new setting (in a group, admins only) and redraw the settings."""
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return
    chat = query.message.chat
    lang = user_language(update)
    if chat.type in {ChatType.GROUP, ChatType.SUPERGROUP} and not await is_admin_id(
        context, chat.id, query.from_user.id
    ):
        await query.answer(texts(lang).settings_admins_only, show_alert=True)
        return
    d = deps(context)
    current = await d.chat_settings(chat.id)
    key, value = parse_settings_data(query.data)
    default = d.settings.default_points
    if key == "p" and int(value) in settings_points(default):
        new = replace(current, points=int(value))
    elif key == "a":
        new = replace(current, show_actors=value == "1")
    elif key == "w":
        new = replace(current, whole_sentences=value == "1")
    else:
        await query.answer()
        return
    await d.store.set_chat_settings(chat.id, new)
    await query.answer(texts(lang).saved)
    text, keyboard = settings_view(new, lang, default=default)
    await edit_html(context, chat.id, query.message.message_id, text, markup=keyboard)
