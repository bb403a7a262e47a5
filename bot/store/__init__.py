"""The persistent cache and per-chat memory: one SQLite database (WAL mode) under the data folder.

`store` holds the `Store` (its async API, what it keeps and for how long); `schema` the migrations that shape
the database. Callers use only what `__all__` names.
"""

from __future__ import annotations

from bot.store.schema import MIGRATIONS, migrate
from bot.store.store import (
    DB_NAME,
    DIGEST_MESSAGES_KEEP_SECONDS,
    INLINE_LINK_KEEP_SECONDS,
    LINK_MEMORY_SECONDS,
    TEXT_KEEP_SECONDS,
    ChatSettings,
    Store,
    text_hash,
)

__all__ = [
    "DB_NAME",
    "DIGEST_MESSAGES_KEEP_SECONDS",
    "INLINE_LINK_KEEP_SECONDS",
    "LINK_MEMORY_SECONDS",
    "MIGRATIONS",
    "TEXT_KEEP_SECONDS",
    "ChatSettings",
    "Store",
    "migrate",
    "text_hash",
]
