"""The store is a cache: a file that cannot be opened is moved aside (kept, and named in the log) and a fresh one
started, carrying over the chats' settings where the old file still reads."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from pathlib import Path

log = logging.getLogger("bot.store")

SettingsRow = tuple[int, int, int, int, int, float]  # chat, points, actors, auto, whole sentences, updated


class SchemaTooNewError(sqlite3.DatabaseError):
    """The file was written by a newer newsbot."""


def aside_name(path: Path, why: str) -> Path:
    """A free name beside `path` for keeping it: newsbot.sqlite3.broken-20261207-071500."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{why}-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{why}-{stamp}-{number}")
    return candidate


def make_data_folder(folder: Path) -> None:
    """The data folder, made if missing; a file in its place is moved aside first."""
    if folder.exists() and not folder.is_dir():
        kept = aside_name(folder, "not-a-folder")
        folder.rename(kept)
        log.warning("the data folder %s was a file; moved it to %s and made the folder", folder, kept)
    folder.mkdir(parents=True, exist_ok=True)


def readable_settings(path: Path) -> list[SettingsRow]:
    """The chat settings rows a damaged file still gives, or none."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        try:
            rows = conn.execute(
                "SELECT chat_id, points, show_actors, auto, whole_sentences, updated FROM chat_settings"
            ).fetchall()
        except sqlite3.OperationalError:  # a file from before the whole-sentences setting
            rows = conn.execute(
                "SELECT chat_id, points, show_actors, auto, 0, updated FROM chat_settings"
            ).fetchall()
        return [(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), float(r[5])) for r in rows]
    except (sqlite3.Error, ValueError, TypeError):
        return []
    finally:
        conn.close()


def move_aside(path: Path, error: BaseException) -> Path:
    """Move the database and its WAL files out of the way; returns where the database went."""
    kept = aside_name(path, "broken")
    path.rename(kept)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            companion.rename(kept.with_name(kept.name + suffix))
    log.warning(
        "the cache %s could not be opened (%s); moved it to %s and started a fresh one", path, error, kept
    )
    return kept


def restore_settings(conn: sqlite3.Connection, rows: list[SettingsRow]) -> None:
    if rows:
        conn.executemany(
            "INSERT OR REPLACE INTO chat_settings (chat_id, points, show_actors, auto, whole_sentences, updated) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        log.warning("carried the settings of %d chats over to the fresh cache", len(rows))
