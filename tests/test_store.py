"""The SQLite store: digests by URL (with TTL) and by text hash, chat settings, link memory, migrations, and
surviving a kill -9 in the middle of writing."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot.store
import bot.store.schema
from bot.config import Settings
from bot.model import Actor, Article, Digest
from bot.store import (
    DIGEST_MESSAGES_KEEP_SECONDS,
    INLINE_LINK_KEEP_SECONDS,
    MIGRATIONS,
    ChatSettings,
    Store,
    text_hash,
)

REPO = Path(__file__).resolve().parent.parent


def make_digest(title: str = "Flood wall vote", points: int = 2) -> Digest:
    return Digest(
        title=title,
        source="https://courier.example/news/flood-wall",
        language="en",
        language_name="English",
        key_points=tuple(f"Point {i + 1} about the wall." for i in range(points)),
        actors=(Actor(name="Priya Raman", kind="person", role="council leader", mentions=2),),
        text="The council voted to rebuild the wall.",
        words=7,
    )


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open(tmp_path / "newsbot.sqlite3")
    yield s
    await s.close()


async def test_digest_round_trips_by_url(store: Store) -> None:
    digest = make_digest()
    await store.put_url("https://courier.example/a", digest)
    assert await store.get_url("https://courier.example/a") == digest
    assert await store.get_url("https://courier.example/b") is None


async def test_digests_for_different_point_counts_are_kept_apart(store: Store) -> None:
    await store.put_url("k", make_digest(points=2), points=2)
    await store.put_url("k", make_digest(points=5), points=5)
    two, five = await store.get_url("k", points=2), await store.get_url("k", points=5)
    assert two is not None and len(two.key_points) == 2
    assert five is not None and len(five.key_points) == 5
    assert await store.get_url("k", points=3) is None


async def test_url_entries_expire_after_the_ttl(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", url_ttl=3600, clock=clock)
    try:
        await store.put_url("k", make_digest())
        clock.now += 3599
        assert await store.get_url("k") is not None
        clock.now += 2
        assert await store.get_url("k") is None
        assert await store.prune() == 1
    finally:
        await store.close()


async def test_max_age_overrides_the_ttl_for_one_lookup(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", url_ttl=3600, clock=clock)
    try:
        await store.put_url("k", make_digest())
        clock.now += 120
        assert await store.get_url("k", max_age=60) is None
        assert await store.get_url("k", max_age=600) is not None
    finally:
        await store.close()


async def test_digest_round_trips_by_text_hash(store: Store) -> None:
    key = text_hash("The council voted.\n\nTo rebuild the wall.")
    assert key == text_hash("The council   voted. To rebuild\nthe wall.")  # whitespace doesn't matter
    await store.put_text(key, make_digest())
    assert await store.get_text(key) == make_digest()
    assert await store.get_text(text_hash("something else")) is None


async def test_chat_settings_default_and_update(store: Store) -> None:
    assert await store.get_chat_settings(42) == ChatSettings(points=4, show_actors=True, auto=False)
    await store.set_chat_settings(42, ChatSettings(points=3, show_actors=False, auto=True))
    assert await store.get_chat_settings(42) == ChatSettings(points=3, show_actors=False, auto=True)
    await store.set_chat_settings(42, ChatSettings(points=3, whole_sentences=True))
    assert (await store.get_chat_settings(42)).whole_sentences
    assert await store.get_chat_settings(43) == ChatSettings()


async def test_recent_link_remembers_the_earlier_answer_within_the_window(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", clock=clock)
    try:
        assert await store.recent_link(1, "https://x.example/a", 600) is None
        await store.remember_link(1, "https://x.example/a", 777)
        clock.now += 300
        assert await store.recent_link(1, "https://x.example/a", 600) == 777
        assert await store.recent_link(2, "https://x.example/a", 600) is None  # another chat
        clock.now += 400
        assert await store.recent_link(1, "https://x.example/a", 600) is None
    finally:
        await store.close()


async def test_data_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "data" / "newsbot.sqlite3"  # the folder is created on open
    first = await Store.open(path)
    await first.put_url("k", make_digest())
    await first.set_chat_settings(5, ChatSettings(points=5))
    await first.close()
    second = await Store.open(path)
    try:
        assert await second.get_url("k") == make_digest()
        assert (await second.get_chat_settings(5)).points == 5
    finally:
        await second.close()


async def test_from_settings_uses_the_data_dir(tmp_path: Path) -> None:
    store = await Store.from_settings(Settings(data_dir=tmp_path / "d"))
    await store.close()
    assert (tmp_path / "d" / "newsbot.sqlite3").is_file()


async def test_schema_is_created_in_wal_mode(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite3")
    assert await store.schema_version() == len(MIGRATIONS)
    await store.close()
    with sqlite3.connect(tmp_path / "db.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"url_digest", "text_digest", "chat_settings", "link_memory"} <= tables


async def test_a_new_migration_runs_on_open_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    store = await Store.open(path)
    await store.put_url("k", make_digest())
    await store.close()
    monkeypatch.setattr(  # where `migrate` reads it
        bot.store.schema, "MIGRATIONS", (*MIGRATIONS, "ALTER TABLE chat_settings ADD COLUMN lang TEXT;")
    )
    store = await Store.open(path)
    try:
        assert await store.schema_version() == len(MIGRATIONS) + 1
        assert await store.get_url("k") == make_digest()
    finally:
        await store.close()
    with sqlite3.connect(path) as conn:
        assert "lang" in {r[1] for r in conn.execute("PRAGMA table_info(chat_settings)")}


async def test_a_database_from_a_newer_version_is_kept_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    store = await Store.open(path)
    try:
        assert await store.schema_version() == len(MIGRATIONS)
    finally:
        await store.close()
    (kept,) = [p for p in tmp_path.glob("db.sqlite3.broken-*") if not p.name.endswith(("-wal", "-shm"))]
    with sqlite3.connect(kept) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 5


async def test_an_unreadable_cached_row_is_a_miss(store: Store, tmp_path: Path) -> None:
    await store.put_url("k", make_digest())
    with sqlite3.connect(tmp_path / "newsbot.sqlite3") as conn:
        conn.execute("UPDATE url_digest SET digest = '{not json'")
    assert await store.get_url("k") is None


async def test_many_concurrent_writes_all_land(store: Store) -> None:
    await asyncio.gather(*(store.put_url(f"k{i}", make_digest(title=f"t{i}")) for i in range(50)))
    found = await asyncio.gather(*(store.get_url(f"k{i}") for i in range(50)))
    assert [d.title if d else None for d in found] == [f"t{i}" for i in range(50)]


WRITER = textwrap.dedent(
    """
    import asyncio, sys
    from bot.model import Digest
    from bot.store import Store

    async def main(path):
        store = await Store.open(path)
        digest = Digest(title="t", source=None, language="en", language_name="English",
                        key_points=("a point " * 50,) * 4, actors=(), text="x " * 2000, words=2000)
        i = 0
        while True:
            await store.put_url(f"k{i}", digest)
            await store.put_text(f"h{i}", digest)
            print(i, flush=True)  # only after both writes committed
            i += 1

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_kill_9_mid_write_leaves_a_sound_database_with_every_committed_row(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env, text=True, cwd=REPO
    )
    assert proc.stdout is not None
    last = -1
    try:
        for line in proc.stdout:
            last = int(line)
            if last >= 300:
                break
    finally:
        proc.send_signal(signal.SIGKILL)  # mid-write: the writer never stops on its own
        proc.wait()
    assert last >= 300, "the writer died before writing enough rows"
    assert proc.returncode == -signal.SIGKILL

    store = await Store.open(path)
    try:
        assert await store.integrity_check() == "ok"
        for i in range(last + 1):
            assert await store.get_url(f"k{i}") is not None, i
            assert await store.get_text(f"h{i}") is not None, i
    finally:
        await store.close()


async def test_a_chat_that_never_chose_gets_the_deployments_default(store: Store) -> None:
    default = ChatSettings(points=7)
    assert await store.get_chat_settings(99, default) == default
    await store.set_chat_settings(99, ChatSettings(points=3))
    assert (await store.get_chat_settings(99, default)).points == 3


async def test_digests_by_different_methods_are_kept_apart(store: Store) -> None:
    await store.put_url("k", make_digest(title="key points"), points=2)
    await store.put_url("k", make_digest(title="lead"), points=2, method="lead")
    await store.put_text("h", make_digest(title="key points"), points=2)
    assert (await store.get_url("k", points=2)) == make_digest(title="key points")
    assert (await store.get_url("k", points=2, method="lead")) == make_digest(title="lead")
    assert await store.get_url("k", points=2, method="lexrank") is None
    assert await store.get_text("h", points=2, method="lead") is None


async def test_a_chat_that_chose_before_the_whole_sentences_setting_keeps_its_choices(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:  # schema 5, the last before the setting, with one chat's choices
        script = "".join(MIGRATIONS[:5])
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = 5;\nCOMMIT;")
        conn.execute("INSERT INTO chat_settings VALUES (7, 8, 0, 1, ?)", (time.time(),))
    finally:
        conn.close()
    store = await Store.open(path)
    try:
        assert await store.get_chat_settings(7) == ChatSettings(points=8, show_actors=False, auto=True)
    finally:
        await store.close()


async def test_digests_cached_before_methods_were_keyed_are_keypoints_digests(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    try:  # a database written by the version before the method key: schema 1 with one cached link and text
        conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
        row = json.dumps(make_digest().to_json())
        conn.execute("INSERT INTO url_digest VALUES ('k', 2, ?, ?)", (row, time.time()))
        conn.execute("INSERT INTO text_digest VALUES ('h', 2, ?, ?)", (row, time.time()))
    finally:
        conn.close()
    store = await Store.open(path)
    try:
        assert await store.schema_version() == len(MIGRATIONS)
        assert await store.get_url("k", points=2) == make_digest()
        assert await store.get_text("h", points=2) == make_digest()
        assert await store.get_url("k", points=2, method="lead") is None
        assert await store.prune() == 0  # the created times came through too
    finally:
        await store.close()


async def test_inline_links_are_kept_by_key_refreshed_on_use_and_pruned_when_idle(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "db.sqlite3"
    store = await Store.open(path, clock=clock)
    await store.remember_inline_link("Key_one-16chars_", "https://courier.example/news/ferry")
    assert await store.inline_link("Key_one-16chars_") == "https://courier.example/news/ferry"
    assert await store.inline_link("never-stored-key") is None
    await store.close()
    store = await Store.open(path, clock=clock)  # a restart keeps them
    try:
        assert await store.inline_link("Key_one-16chars_") == "https://courier.example/news/ferry"
        clock.now += INLINE_LINK_KEEP_SECONDS - 10
        await store.remember_inline_link(
            "Key_one-16chars_", "https://courier.example/news/ferry"
        )  # used again
        clock.now += 20
        assert await store.prune() == 0
        assert await store.inline_link("Key_one-16chars_") is not None
        clock.now += INLINE_LINK_KEEP_SECONDS
        assert await store.inline_link("Key_one-16chars_") is None
        assert await store.prune() == 1
    finally:
        await store.close()


async def test_articles_round_trip_by_url_and_expire_with_the_url_ttl(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", url_ttl=3600, clock=clock)
    article = Article(
        text="The council voted to rebuild the wall.\n\nWork starts in May.",
        title="Flood wall vote",
        source="https://courier.example/news/flood-wall",
        site_name="The Courier",
        author="Priya Raman",
        published="2025-03-04",
    )
    try:
        await store.put_article("https://courier.example/news/flood-wall", article)
        assert await store.get_article("https://courier.example/news/flood-wall") == article
        assert await store.get_article("https://courier.example/other") is None
        clock.now += 120
        assert await store.get_article("https://courier.example/news/flood-wall", max_age=60) is None
        clock.now += 3500
        assert await store.get_article("https://courier.example/news/flood-wall") is None
        assert await store.prune() == 1
    finally:
        await store.close()


async def test_a_digests_messages_are_found_by_the_last_one_and_move_with_it(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", clock=clock)
    try:
        await store.remember_digest_messages(-4001, [10, 11])
        assert await store.digest_messages(-4001, 11) == [10, 11]
        assert await store.digest_messages(-4001, 10) is None  # found by the message with the keyboard only
        assert await store.digest_messages(5, 11) is None  # another chat
        await store.remember_digest_messages(-4001, [10, 11, 20, 21], replaces=11)
        assert await store.digest_messages(-4001, 11) is None
        assert await store.digest_messages(-4001, 21) == [10, 11, 20, 21]
        clock.now += DIGEST_MESSAGES_KEEP_SECONDS + 1
        assert await store.digest_messages(-4001, 21) is None
        assert await store.prune() == 1
    finally:
        await store.close()


async def test_the_digest_holding_a_message_is_found_from_any_of_its_messages(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", clock=clock)
    try:
        assert await store.digest_holding(-4001, 11) is None
        await store.remember_digest_messages(-4001, [10, 11])
        await store.remember_digest_messages(-4001, [10, 11, 20, 21], replaces=11)
        await store.remember_digest_messages(-4001, [30, 31])
        for message_id in (10, 11, 20, 21):  # an old last message is held by the record it moved into
            assert await store.digest_holding(-4001, message_id) == [10, 11, 20, 21]
        assert await store.digest_holding(-4001, 30) == [30, 31]
        assert await store.digest_holding(5, 10) is None  # another chat
        clock.now += DIGEST_MESSAGES_KEEP_SECONDS + 1
        assert await store.digest_holding(-4001, 21) is None
    finally:
        await store.close()


def test_two_processes_migrating_one_old_database_at_once_apply_each_step_once(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path, isolation_level=None) as old:  # schema 1 with one cached link
        old.execute("PRAGMA journal_mode=WAL")
        old.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
        old.execute("INSERT INTO url_digest VALUES ('k', 2, ?, 5.0)", (json.dumps(make_digest().to_json()),))
    old.close()
    a = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    b = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    ran_a = False

    def interleave(statement: str) -> None:
        # B has read the schema version and is about to open its first migration transaction: A (another
        # process, in real life) migrates the whole way first.
        nonlocal ran_a
        if statement.lstrip().upper().startswith("BEGIN") and not ran_a:
            ran_a = True
            bot.store.migrate(a)

    b.set_trace_callback(interleave)
    try:
        assert bot.store.migrate(b) == len(MIGRATIONS)
        assert ran_a
        b.set_trace_callback(None)
        assert b.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        rows = b.execute("SELECT url_key, points, method, created FROM url_digest").fetchall()
        assert rows == [("k", 2, "keypoints", 5.0)]
        assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        a.close()
        b.close()


async def test_a_remembered_answer_moves_with_its_digest_and_keeps_its_time(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(tmp_path / "db.sqlite3", clock=clock)
    try:
        await store.remember_link(-4001, "http://a.example/x", 11)
        clock.now += 1000
        await store.move_link_memory(-4001, 11, 21)
        await store.move_link_memory(-4001, 99, 100)  # a digest never remembered: nothing changes
        assert await store.recent_link(-4001, "http://a.example/x", 3600) == 21
        assert await store.recent_link(-4001, "http://a.example/x", 999) is None  # answered 1000 s ago
    finally:
        await store.close()
