"""The end-to-end harness: the article site, the bot under test (the real Application, store and service) and
helpers to read what it sent."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.config import Settings
from bot.i18n import LANGS, texts
from bot.service import DigestService
from bot.store import Store
from bot.telegram.app import PRUNE_EVERY, build_application, start_application, stop_application
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.ratelimit import RateLimiter
from tools.loopback_server import LoopbackServer
from tools.tgserver import BotAPIServer, Call, strip_html

from .articles import NIGHT_TRAIN_PATH, night_train_page


class ArticleSite(LoopbackServer):
    """Article pages on loopback; each path can be slow or answer with an error status."""

    def add(self, path: str, body: str, *, status: int = 200, delay: float = 0.0) -> str:
        async def handler(_request: web.Request) -> web.StreamResponse:
            if delay:
                await asyncio.sleep(delay)
            return web.Response(status=status, text=body, content_type="text/html")

        self.route(path, handler)
        return self.url(path)


@dataclass
class Bot:
    server: BotAPIServer
    site: ArticleSite
    app: Any
    settings: Settings
    store: Any
    service: Any
    user: dict[str, Any]
    chat: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def deps(self) -> Deps:
        return self.app.bot_data[DEPS_KEY]  # type: ignore[no-any-return]

    async def say(self, text: str, **kwargs: Any) -> dict[str, Any]:
        msg, _ = await self.server.send_text(self.chat, self.user, text, **kwargs)
        return msg

    async def answer_to(
        self, msg: dict[str, Any], *, chat_id: int | None = None, timeout: float = 30
    ) -> dict:
        """The bot's final answer to a message: its reply, once it is no longer the "Reading…" placeholder."""
        cid = chat_id if chat_id is not None else msg["chat"]["id"]

        def final() -> dict[str, Any] | None:
            for reply in self.server.replies_to(cid, msg["message_id"]):
                if reply.get("text", "") not in PLACEHOLDERS:
                    return reply
            return None

        return await self.server.wait_for(final, timeout)  # type: ignore[no-any-return]


PLACEHOLDERS = {strip_html(texts(lang).reading) for lang in LANGS}  # "Reading…" in every UI language


async def send_night_train(b: Bot, site: ArticleSite) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The long night-train article's link sent to the bot: (link, the user's message, the bot's answer)."""
    url = site.add(NIGHT_TRAIN_PATH, night_train_page())
    msg = await b.say(url)
    return url, msg, await b.answer_to(msg)


async def make_bot(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    *,
    placeholder_delay: float = 0.6,
    limiter: RateLimiter | None = None,
    prune_every: float = PRUNE_EVERY,
    **overrides: Any,
) -> Bot:
    # The article site is on loopback, so private targets are allowed unless a test turns them off again.
    settings = Settings(
        telegram_token=server.token,
        telegram_api_url=server.url,
        data_dir=tmp_path,
        **{"allow_private_targets": True, "fetch_timeout": 5.0, "workers": 2, **overrides},
    )
    store = await Store.open(tmp_path / "newsbot.sqlite3")
    service = DigestService(settings, store, executor=executor)
    app = build_application(
        settings,
        service,
        store,
        limiter=limiter,
        placeholder_delay=placeholder_delay,
        prune_every=prune_every,
    )
    await start_application(app, settings, poll_timeout=1)
    user = server.user(5001, "Ann", username="ann_reads")
    return Bot(server, site, app, settings, store, service, user, server.private_chat(user))


async def close_bot(bot: Bot) -> None:
    await stop_application(bot.app)
    await bot.service.aclose()
    await bot.store.close()


def text_of(message: dict[str, Any]) -> str:
    return str(message.get("text", ""))


def sent_calls(server: BotAPIServer, method: str = "sendMessage") -> list[Call]:
    return [c for c in server.calls_of(method) if c.ok]


def _points_in(message: dict[str, Any]) -> int:
    return text_of(message).count("• ")


def _buttons(markup: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for row in markup["inline_keyboard"] for b in row]


def _button_data(markup: dict[str, Any], label: str) -> str:
    return next(str(b["callback_data"]) for b in _buttons(markup) if b["text"].startswith(label))


def _digest_messages(server: BotAPIServer, chat_id: int, request: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot's replies to a request as the chat shows them now, oldest first."""
    return sorted(server.replies_to(chat_id, request["message_id"]), key=lambda m: m["message_id"])


def _shows_digest_once(messages: list[dict[str, Any]], digest: Any) -> bool:
    """The chat shows this digest once: notes above, then its parts in order, the keyboard only under the last."""
    texts = [text_of(m) for m in messages]
    notes = [t for t in texts if t == "(digest updated below)"]
    body = texts[len(notes) :]
    if not body or notes != texts[: len(notes)] or "(digest updated below)" in body:
        return False
    joined = " ".join(" ".join(t.split()) for t in body)
    return (
        joined.count(" ".join((digest.title or "").split())) == 1
        and all(joined.count(" ".join(p.split())) == 1 for p in digest.key_points)
        and sum(_points_in(m) for m in messages) == len(digest.key_points)
        and [bool(m.get("reply_markup")) for m in messages] == [False] * (len(messages) - 1) + [True]
    )


def _digest_records(db: Path, chat_id: int) -> list[list[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT message_ids FROM digest_messages WHERE chat_id = ?", (chat_id,)
        ).fetchall()
    return [json.loads(r[0]) for r in rows]


def is_russian(text: str) -> bool:
    return bool(re.search(r"[а-яё]", text, re.IGNORECASE))
