"""Inline mode: `@Bot <link>` in any chat answers with the link's digest, ready to send (cached ones at once)."""

from __future__ import annotations

import asyncio
import html
from uuid import uuid4

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.errors import NewsbotError
from bot.i18n import texts
from bot.sources.links import Link, find_urls
from bot.telegram.api import NO_PREVIEW
from bot.telegram.deps import Context, deps
from bot.telegram.keyboards import keyboard_for
from bot.telegram.language import error_message, user_language
from bot.telegram.messages import inline_text


async def inline_query(update: Update, context: Context) -> None:
    """`@Bot <link>`: the digest as an inline result (cached ones at once), or a "still reading" result."""
    query = update.inline_query
    if query is None:
        return
    lang = user_language(update)
    t = texts(lang)
    urls = find_urls(query.query)
    hint = InlineQueryResultsButton(text=t.inline_hint, start_parameter="inline_help")
    if not urls:
        await query.answer([], button=hint, cache_time=0, is_personal=True)
        return
    url = urls[0]
    link = Link(url)  # the query's link, normalized once (by the service's read, after its check)
    d = deps(context)
    if not d.limiter.check(query.from_user.id, None, kind="inline").allowed:
        await query.answer([_note_result(t.too_many_requests_title, t.too_many_requests_text)], cache_time=0)
        return
    try:
        # A slow read keeps going after we answer "still reading" (the service shields its in-flight work and
        # the next query for the link joins it), so the next query is instant.
        digest = await asyncio.wait_for(
            d.service.digest_url(link, points=d.settings.default_points), d.inline_deadline
        )
    except TimeoutError:
        await query.answer(
            [_note_result(t.still_reading_title, t.still_reading_text)],
            cache_time=0,
            is_personal=True,
        )
        return
    except NewsbotError as err:
        await query.answer([_note_result(t.cannot_summarize_title, error_message(err, lang))], cache_time=0)
        return
    text = inline_text(digest, lang)
    description = digest.key_points[0] if digest.key_points else (digest.source or url)
    result = InlineQueryResultArticle(
        id=uuid4().hex,
        title=(digest.title or t.digest)[:200],
        description=description[:200],
        input_message_content=InputTextMessageContent(
            text, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
        reply_markup=keyboard_for(
            digest,
            d.settings.default_points,
            url,
            key=await d.remember_inline_link(link),
            lang=lang,
        ),
    )
    # Personal: Telegram would otherwise serve this result (in this user's language) to anyone sending the
    # same query within the cache time.
    await query.answer([result], cache_time=300, is_personal=True)


def _note_result(title: str, text: str) -> InlineQueryResultArticle:
    """An inline result that only says something (still reading, too many requests, why there is no digest)."""
    return InlineQueryResultArticle(
        id=uuid4().hex,
        title=title,
        description=text[:200],
        input_message_content=InputTextMessageContent(html.escape(text), parse_mode=ParseMode.HTML),
    )
