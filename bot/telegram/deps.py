"""What every handler needs (settings, the digest service, the store, the limits), kept in the Application.

python-telegram-bot hands each handler a context; `deps(context)` is this bot's part of it, put in
`application.bot_data[DEPS_KEY]` by `setup.add_handlers`.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass, field
from typing import cast

from telegram.ext import ContextTypes

from bot.config import Settings
from bot.service import DigestService, summary_method
from bot.sources.links import Link
from bot.store import ChatSettings, Store
from bot.telegram.answers import Answers
from bot.telegram.keyboards import link_key
from bot.telegram.lines import Lines
from bot.telegram.ratelimit import RateLimiter

Context = ContextTypes.DEFAULT_TYPE
DEPS_KEY = "newsbot"

INLINE_DEADLINE = 6.0  # Telegram drops an inline answer after ~10 s; leave room for the round trip


@dataclass
class Deps:
    """What the handlers need, kept in `application.bot_data` (one per Application)."""

    settings: Settings
    service: DigestService
    store: Store
    limiter: RateLimiter = field(default_factory=RateLimiter)
    lines: Lines = field(default_factory=Lines)  # each person's requests, answered in turn
    answers: Answers = field(default_factory=Answers)  # what each message was answered with (for its edits)
    placeholder_delay: float = 0.6  # show "Reading…" only when the work takes longer than this
    inline_deadline: float = INLINE_DEADLINE
    # One lock per digest being rewritten (updates are handled concurrently, so a double tap is two handlers);
    # weak values: a lock lives only while someone holds or awaits it.
    digest_locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )

    def digest_lock(self, key: Hashable) -> asyncio.Lock:
        """The lock of one digest (a chat message's (chat id, message id), or an inline message's id)."""
        lock = self.digest_locks.get(key)
        if lock is None:
            lock = self.digest_locks[key] = asyncio.Lock()
        return lock

    async def remember_inline_link(self, link: Link) -> str:
        """The short key an inline digest's buttons carry for `link`, kept in the store: a press on an inline
        message brings no message to read the link back from, and callback data holds only 64 bytes. Keyed by the
        link as this person sent it: two people who shared one story by different links (one with their tracking
        parameters) each keep their own, so one never sees the other's."""
        key = link_key(link.url)
        await self.store.remember_inline_link(key, link.url)
        return key

    def chat_settings(self, chat_id: int) -> Awaitable[ChatSettings]:
        """A chat's settings, or the defaults for a chat that never changed them."""
        return self.store.get_chat_settings(chat_id, ChatSettings(points=self.settings.default_points))


def deps(context: Context) -> Deps:
    """This bot's `Deps`, from the context python-telegram-bot hands a handler."""
    return cast(Deps, context.application.bot_data[DEPS_KEY])


async def chat_points(d: Deps, chat_id: int) -> tuple[int, bool, str]:
    """A chat's key-point count, whether its digests show the actors, and the summarizer method (whole sentences
    as points, or the shortened ones)."""
    cs = await d.chat_settings(chat_id)
    return cs.points, cs.show_actors, summary_method(whole_sentences=cs.whole_sentences)
