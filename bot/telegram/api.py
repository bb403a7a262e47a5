"""Talking to Telegram: retries on network errors, a plain-text fallback when our markup is rejected.

429s never reach this code: the Application's rate limiter waits them out and retries.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError

from bot.telegram.deps import Context
from bot.telegram.messages import html_to_plain

T = TypeVar("T")
log = logging.getLogger(__name__)

SEND_ATTEMPTS = 3
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def with_retries(make: Callable[[], Awaitable[T]], what: str) -> T:
    """Call Telegram; retry network errors (429s are waited out by AIORateLimiter before we see them).

    A timed-out send may in rare cases have reached Telegram; a duplicate is better than a lost answer.
    """
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            return await make()
        except BadRequest:
            raise
        except NetworkError as err:  # includes TimedOut; BadRequest is a NetworkError subclass, handled above
            if attempt == SEND_ATTEMPTS:
                raise
            log.warning("%s failed (%s), retrying (%d/%d)", what, err, attempt, SEND_ATTEMPTS - 1)
            await asyncio.sleep(0.5 * attempt)
    raise AssertionError("unreachable")


def is_gone(err: BadRequest) -> bool:
    """The message to edit was deleted (a chat message: "message to edit not found"; an inline one:
    MESSAGE_ID_INVALID)."""
    text = err.message.lower()
    return "message to edit not found" in text or "message_id_invalid" in text


def _is_markup_error(err: BadRequest) -> bool:
    return "can't parse entities" in err.message.lower() or "can't find end tag" in err.message.lower()


async def send_html(
    context: Context,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send Telegram HTML as a reply (if the replied message is gone, send anyway); fall back to plain text."""
    reply = ReplyParameters(message_id=reply_to, allow_sending_without_reply=True) if reply_to else None

    async def attempt(body: str, parse_mode: str | None) -> Message:
        return await with_retries(
            lambda: context.bot.send_message(
                chat_id,
                body,
                parse_mode=parse_mode,
                reply_parameters=reply,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            ),
            "sendMessage",
        )

    try:
        return await attempt(text, ParseMode.HTML)
    except BadRequest as err:
        if not _is_markup_error(err):
            raise
        log.warning("Telegram rejected our HTML (%s); sending plain text", err.message)
        return await attempt(html_to_plain(text), None)


async def edit_html(
    context: Context,
    chat_id: int,
    message_id: int,
    text: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit a message to Telegram HTML; plain-text fallback; "not modified" is fine."""
    await edit_with_fallback(
        lambda body, parse_mode: context.bot.edit_message_text(
            body,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=parse_mode,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        ),
        text,
    )


async def edit_with_fallback(edit: Callable[[str, str | None], Awaitable[object]], text: str) -> None:
    """Run an edit with Telegram HTML, retried on network errors; plain text if the markup is rejected."""

    async def attempt(body: str, parse_mode: str | None) -> None:
        await with_retries(lambda: edit(body, parse_mode), "editMessageText")

    try:
        try:
            await attempt(text, ParseMode.HTML)
        except BadRequest as err:
            if not _is_markup_error(err):
                raise
            log.warning("Telegram rejected our HTML (%s); editing with plain text", err.message)
            await attempt(html_to_plain(text), None)
    except BadRequest as err:
        if "not modified" in err.message.lower():
            return
        raise


async def quietly(call: Awaitable[Any]) -> None:
    """Best-effort calls (chat actions): a failure must not stop the answer."""
    with contextlib.suppress(TelegramError):
        await call
