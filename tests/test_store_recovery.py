"""The store is a cache: a file it cannot open is kept aside (and named in the log), a fresh one started, and
the chats' settings carried over where the old file still reads; links keep being digested."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest

from bot.config import Settings
from bot.store import ChatSettings, Store


def kept_aside(folder: Path, name: str) -> list[Path]:
    """The databases kept aside (their -wal and -shm files go with them)."""
    return [p for p in folder.glob(f"{name}.broken-*") if not p.name.endswith(("-wal", "-shm"))]


async def settings_of(path: Path, chat_id: int) -> ChatSettings:
    store = await Store.open(path)
    try:
        await store.put_text("k", _digest())
        assert await store.get_text("k") is not None  # the fresh cache works
        return await store.get_chat_settings(chat_id)
    finally:
        await store.close()


def _digest():  # type: ignore[no-untyped-def]
    from bot.model import Digest

    return Digest(
        title="t", source=None, language="en", language_name="English", key_points=("A point.",),
        actors=(), text="A point.", words=2,
    )  # fmt: skip


async def a_store_with_settings(path: Path) -> None:
    store = await Store.open(path)
    await store.set_chat_settings(
        42, ChatSettings(points=8, show_actors=False, auto=True, whole_sentences=True)
    )
    await store.close()


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 1")


def not_sqlite(path: Path) -> None:
    path.write_text("SQLite format 3? no, a text file someone saved here\n" * 50)


@pytest.mark.parametrize("damage", [garbage, truncated, foreign, not_sqlite], ids=lambda f: f.__name__)
async def test_a_damaged_cache_is_kept_aside_and_a_fresh_one_works(
    tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "newsbot.sqlite3"
    await a_store_with_settings(path)
    for companion in tmp_path.glob("newsbot.sqlite3-*"):
        companion.unlink()
    damage(path)  # type: ignore[operator]
    caplog.set_level(logging.WARNING, logger="bot.store")
    settings = await settings_of(path, 42)
    assert settings == ChatSettings()  # nothing readable was left to carry over, or the defaults
    (kept,) = kept_aside(tmp_path, "newsbot.sqlite3")
    assert kept.stat().st_size > 0
    assert any(str(kept) in r.getMessage() for r in caplog.records)


async def test_settings_carry_over_when_the_old_file_still_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.sqlite3"
    await a_store_with_settings(path)
    with sqlite3.connect(path) as conn:  # readable, but from a newer newsbot
        conn.execute("PRAGMA user_version = 999")
    settings = await settings_of(path, 42)
    assert settings == ChatSettings(points=8, show_actors=False, auto=True, whole_sentences=True)
    assert len(kept_aside(tmp_path, "newsbot.sqlite3")) == 1


async def test_settings_of_a_file_from_before_whole_sentences_carry_over_with_that_off(
    tmp_path: Path,
) -> None:
    path = tmp_path / "newsbot.sqlite3"
    with sqlite3.connect(path) as conn:  # a damaged-looking file whose settings table has no such column
        conn.execute(
            "CREATE TABLE chat_settings (chat_id INTEGER PRIMARY KEY, points INTEGER NOT NULL, "
            "show_actors INTEGER NOT NULL, auto INTEGER NOT NULL, updated REAL NOT NULL)"
        )
        conn.execute("INSERT INTO chat_settings VALUES (42, 3, 0, 1, 1.0)")
        conn.execute("PRAGMA user_version = 999")
    settings = await settings_of(path, 42)
    assert settings == ChatSettings(points=3, show_actors=False, auto=True, whole_sentences=False)


async def test_a_data_folder_that_is_a_file_is_moved_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "data"
    folder.write_text("not a folder")
    caplog.set_level(logging.WARNING, logger="bot.store")
    store = await Store.from_settings(Settings(data_dir=folder))
    await store.close()
    assert folder.is_dir() and (folder / "newsbot.sqlite3").is_file()
    (kept,) = tmp_path.glob("data.not-a-folder-*")
    assert kept.read_text() == "not a folder"
    assert any("was a file" in r.getMessage() for r in caplog.records)
