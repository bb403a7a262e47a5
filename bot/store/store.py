"""The persistent cache and per-chat memory: one SQLite database (WAL mode) under the data folder.

Digests are stored by normalised URL (with a TTL) and by a hash of the cleaned text, each per number of key
points and summarizer method; the article read from a URL is kept too (same TTL), so another point count or
summarizer re-digests it without fetching the page again. The Telegram bot also keeps per-chat settings, which
links it already answered, the links behind inline digests' buttons, and which messages a digest sent in parts
occupies. Async API for the shell: every SQLite call runs in a worker thread, one connection, serialised by a
lock.

Crash safety: WAL with synchronous=NORMAL keeps every committed transaction through a process crash (kill -9);
only an OS crash or power cut can lose the last few commits, never corrupt the file.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.config import Settings
from bot.model import Article, Digest
from bot.pipeline import DEFAULT_METHOD
from bot.store.recovery import make_data_folder, move_aside, readable_settings, restore_settings
from bot.store.schema import migrate

T = TypeVar("T")
log = logging.getLogger("bot.store")  # the package's name, as log lines and their filters have always said

DB_NAME = "newsbot.sqlite3"
TEXT_KEEP_SECONDS = 30 * 24 * 3600.0  # text digests never go stale, but old ones are pruned to bound the file
LINK_MEMORY_SECONDS = 7 * 24 * 3600.0
# An inline digest's buttons work this long after the link was last digested or its buttons last pressed.
INLINE_LINK_KEEP_SECONDS = 30 * 24 * 3600.0
# A digest sent in several messages can have its points changed (all its messages rewritten) this long.
DIGEST_MESSAGES_KEEP_SECONDS = 30 * 24 * 3600.0


@dataclass(frozen=True)
class ChatSettings:
    points: int = 4
    show_actors: bool = True
    auto: bool = False  # digest every link posted in the chat, not only when asked
    whole_sentences: bool = False  # key points as the whole sentences they were chosen as (no aside cut)


def _connect(path: Path) -> sqlite3.Connection:
    """The database at `path`, set up and migrated; raises sqlite3.DatabaseError for a file it cannot use."""
    # Autocommit mode: each statement is its own transaction unless a method opens one explicitly.
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        migrate(conn)
        conn.execute(
            "SELECT count(*) FROM chat_settings"
        ).fetchone()  # a foreign file with our version number
    except BaseException:
        conn.close()
        raise
    return conn


def text_hash(text: str) -> str:
    """The cache key of a text: SHA-256 of its words, so whitespace differences don't matter."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class Store:
    """Open with `await Store.open(path)` (or `Store.from_settings`); `await store.close()` when done."""

    def __init__(self, conn: sqlite3.Connection, *, url_ttl: float, clock: Callable[[], float]) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._url_ttl = url_ttl
        self._clock = clock
        self._closed = False

    @classmethod
    async def open(
        cls, path: str | Path, *, url_ttl: float = 24 * 3600.0, clock: Callable[[], float] = time.time
    ) -> Store:
        return await asyncio.to_thread(cls._open_sync, Path(path), url_ttl, clock)

    @classmethod
    async def from_settings(cls, settings: Settings) -> Store:
        return await cls.open(settings.data_dir / DB_NAME, url_ttl=settings.cache_ttl)

    @classmethod
    def _open_sync(cls, path: Path, url_ttl: float, clock: Callable[[], float]) -> Store:
        make_data_folder(path.parent)
        try:
            conn = _connect(path)
        except (
            sqlite3.DatabaseError
        ) as err:  # corrupt, truncated, foreign or newer: it is a cache, start afresh
            rows = readable_settings(path)
            move_aside(path, err)
            conn = _connect(path)
            restore_settings(conn, rows)
        store = cls(conn, url_ttl=url_ttl, clock=clock)
        store._prune_sync()
        log.debug("store opened: %s", path)
        return store

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await asyncio.to_thread(self._close_sync)

    def _close_sync(self) -> None:
        with self._lock:
            self._conn.execute("PRAGMA optimize")
            self._conn.close()

    async def _run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise RuntimeError("the store is closed")

        def locked() -> T:
            with self._lock:
                return fn(self._conn)

        return await asyncio.to_thread(locked)

    # --- digests ------------------------------------------------------------------------------------------

    async def get_url(
        self,
        url_key: str,
        *,
        points: int = 4,
        max_age: float | None = None,
        method: str = DEFAULT_METHOD,
    ) -> Digest | None:
        """The cached digest of a normalised URL, if one younger than `max_age` (default: the TTL) exists."""
        oldest = self._clock() - (self._url_ttl if max_age is None else max_age)
        row = await self._run(
            lambda c: c.execute(
                "SELECT digest FROM url_digest WHERE url_key = ? AND points = ? AND method = ? AND created >= ?",
                (url_key, points, method, oldest),
            ).fetchone()
        )
        return _load(row)

    async def put_url(
        self, url_key: str, digest: Digest, *, points: int = 4, method: str = DEFAULT_METHOD
    ) -> None:
        await self._put("url_digest", "url_key", url_key, digest, points, method)

    async def get_text(
        self, text_key: str, *, points: int = 4, method: str = DEFAULT_METHOD
    ) -> Digest | None:
        row = await self._run(
            lambda c: c.execute(
                "SELECT digest FROM text_digest WHERE text_hash = ? AND points = ? AND method = ?",
                (text_key, points, method),
            ).fetchone()
        )
        return _load(row)

    async def put_text(
        self, text_key: str, digest: Digest, *, points: int = 4, method: str = DEFAULT_METHOD
    ) -> None:
        await self._put("text_digest", "text_hash", text_key, digest, points, method)

    async def _put(self, table: str, column: str, key: str, digest: Digest, points: int, method: str) -> None:
        data = json.dumps(digest.to_json(), ensure_ascii=False, separators=(",", ":"))
        now = self._clock()
        await self._run(
            lambda c: c.execute(
                f"INSERT OR REPLACE INTO {table} ({column}, points, method, digest, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, points, method, data, now),
            )
        )

    async def get_article(self, url_key: str, *, max_age: float | None = None) -> Article | None:
        """The article read from a normalised URL, if one younger than `max_age` (default: the TTL) exists."""
        oldest = self._clock() - (self._url_ttl if max_age is None else max_age)
        row = await self._run(
            lambda c: c.execute(
                "SELECT article FROM url_article WHERE url_key = ? AND created >= ?", (url_key, oldest)
            ).fetchone()
        )
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            return Article(**{f.name: data[f.name] for f in dataclasses.fields(Article) if f.name in data})
        except (ValueError, KeyError, TypeError):
            return None  # written by an incompatible version: a miss, overwritten by the next fetch

    async def put_article(self, url_key: str, article: Article) -> None:
        data = json.dumps(dataclasses.asdict(article), ensure_ascii=False, separators=(",", ":"))
        now = self._clock()
        await self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO url_article (url_key, article, created) VALUES (?, ?, ?)",
                (url_key, data, now),
            )
        )

    # --- per-chat settings ------------------------------------------------------------------------------

    async def get_chat_settings(self, chat_id: int, default: ChatSettings | None = None) -> ChatSettings:
        """The chat's stored settings, or `default` (the deployment's defaults) for a chat that never chose."""
        row = await self._run(
            lambda c: c.execute(
                "SELECT points, show_actors, auto, whole_sentences FROM chat_settings WHERE chat_id = ?",
                (chat_id,),
            ).fetchone()
        )
        if row is None:
            return default or ChatSettings()
        return ChatSettings(
            points=int(row[0]), show_actors=bool(row[1]), auto=bool(row[2]), whole_sentences=bool(row[3])
        )

    async def set_chat_settings(self, chat_id: int, settings: ChatSettings) -> None:
        now = self._clock()
        await self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO chat_settings "
                "(chat_id, points, show_actors, auto, whole_sentences, updated) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    chat_id,
                    settings.points,
                    int(settings.show_actors),
                    int(settings.auto),
                    int(settings.whole_sentences),
                    now,
                ),
            )
        )

    # --- links already answered in a chat ---------------------------------------------------------------

    async def recent_link(self, chat_id: int, url_key: str, within_seconds: float) -> int | None:
        """The message id of this chat's earlier answer to the same link, if it was within `within_seconds`."""
        since = self._clock() - within_seconds
        row = await self._run(
            lambda c: c.execute(
                "SELECT message_id FROM link_memory WHERE chat_id = ? AND url_key = ? AND created >= ?",
                (chat_id, url_key, since),
            ).fetchone()
        )
        return None if row is None else int(row[0])

    async def remember_link(self, chat_id: int, url_key: str, message_id: int) -> None:
        now = self._clock()
        await self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO link_memory (chat_id, url_key, message_id, created) VALUES (?, ?, ?, ?)",
                (chat_id, url_key, message_id, now),
            )
        )

    async def move_link_memory(self, chat_id: int, old_id: int, new_id: int) -> None:
        """The digest remembered as message `old_id` now ends at `new_id` (it was sent anew below); its time is
        kept, so the repeat window still counts from the first answer."""
        await self._run(
            lambda c: c.execute(
                "UPDATE link_memory SET message_id = ? WHERE chat_id = ? AND message_id = ?",
                (new_id, chat_id, old_id),
            )
        )

    # --- links behind inline digests' buttons ---------------------------------------------------------------

    async def remember_inline_link(self, key: str, url: str) -> None:
        """Keep `url` under `key` (or refresh it): each use restarts its keep time."""
        now = self._clock()
        await self._run(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO inline_link (link_key, url, created) VALUES (?, ?, ?)",
                (key, url, now),
            )
        )

    async def inline_link(self, key: str) -> str | None:
        """The link kept under `key`, unless it is older than the keep time (or was never kept)."""
        since = self._clock() - INLINE_LINK_KEEP_SECONDS
        row = await self._run(
            lambda c: c.execute(
                "SELECT url FROM inline_link WHERE link_key = ? AND created >= ?", (key, since)
            ).fetchone()
        )
        return None if row is None else str(row[0])

    # --- the messages of a digest sent in parts ---------------------------------------------------------

    async def remember_digest_messages(
        self, chat_id: int, message_ids: list[int], *, replaces: int | None = None
    ) -> None:
        """Record that one digest occupies `message_ids` (in order; found by the last one). `replaces`: the last id
        of the record this one supersedes (the digest moved to new messages), dropped in the same transaction."""
        data = json.dumps(message_ids)
        now = self._clock()

        def write(c: sqlite3.Connection) -> None:
            c.execute("BEGIN")
            try:
                if replaces is not None:
                    c.execute(
                        "DELETE FROM digest_messages WHERE chat_id = ? AND last_id = ?", (chat_id, replaces)
                    )
                c.execute(
                    "INSERT OR REPLACE INTO digest_messages (chat_id, last_id, message_ids, created) "
                    "VALUES (?, ?, ?, ?)",
                    (chat_id, message_ids[-1], data, now),
                )
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")

        await self._run(write)

    async def digest_messages(self, chat_id: int, last_id: int) -> list[int] | None:
        """The messages of the digest whose last message is `last_id`, or None when it was one message (or the
        record was pruned)."""
        since = self._clock() - DIGEST_MESSAGES_KEEP_SECONDS
        row = await self._run(
            lambda c: c.execute(
                "SELECT message_ids FROM digest_messages WHERE chat_id = ? AND last_id = ? AND created >= ?",
                (chat_id, last_id, since),
            ).fetchone()
        )
        if row is None:
            return None
        try:
            ids = [int(i) for i in json.loads(row[0])]
        except (ValueError, TypeError):
            return None
        return ids if ids and ids[-1] == last_id else None

    async def digest_holding(self, chat_id: int, message_id: int) -> list[int] | None:
        """The messages of the digest that `message_id` is one of (its last one or an earlier part, or a note
        left when the digest moved below), or None when no record holds it (a digest in one message)."""
        since = self._clock() - DIGEST_MESSAGES_KEEP_SECONDS
        row = await self._run(
            lambda c: c.execute(
                "SELECT d.message_ids FROM digest_messages AS d, json_each(d.message_ids) AS m "
                "WHERE d.chat_id = ? AND m.value = ? AND d.created >= ? ORDER BY d.created DESC LIMIT 1",
                (chat_id, message_id, since),
            ).fetchone()
        )
        if row is None:
            return None
        try:
            return [int(i) for i in json.loads(row[0])] or None
        except (ValueError, TypeError):
            return None

    # --- upkeep -----------------------------------------------------------------------------------------

    async def prune(self) -> int:
        """Delete expired rows; returns how many. Runs on open too."""
        return await self._run(lambda _c: self._prune_unlocked())

    def _prune_sync(self) -> int:
        with self._lock:
            return self._prune_unlocked()

    def _prune_unlocked(self) -> int:
        now = self._clock()
        c = self._conn
        deleted = c.execute("DELETE FROM url_digest WHERE created < ?", (now - self._url_ttl,)).rowcount
        deleted += c.execute("DELETE FROM url_article WHERE created < ?", (now - self._url_ttl,)).rowcount
        deleted += c.execute("DELETE FROM text_digest WHERE created < ?", (now - TEXT_KEEP_SECONDS,)).rowcount
        deleted += c.execute(
            "DELETE FROM link_memory WHERE created < ?", (now - LINK_MEMORY_SECONDS,)
        ).rowcount
        deleted += c.execute(
            "DELETE FROM inline_link WHERE created < ?", (now - INLINE_LINK_KEEP_SECONDS,)
        ).rowcount
        deleted += c.execute(
            "DELETE FROM digest_messages WHERE created < ?", (now - DIGEST_MESSAGES_KEEP_SECONDS,)
        ).rowcount
        return int(deleted)

    async def integrity_check(self) -> str:
        """SQLite's own consistency check: "ok" when the file is sound."""
        row = await self._run(lambda c: c.execute("PRAGMA integrity_check").fetchone())
        return str(row[0])

    async def schema_version(self) -> int:
        row = await self._run(lambda c: c.execute("PRAGMA user_version").fetchone())
        return int(row[0])


def _load(row: Any) -> Digest | None:
    if row is None:
        return None
    try:
        return Digest.from_json(json.loads(row[0]))
    except (ValueError, KeyError, TypeError):
        return None  # a row written by an incompatible version: treat as a miss, it will be overwritten
