"""The database's schema: its migrations in order, and how they are applied (PRAGMA user_version records how
many ran)."""

from __future__ import annotations

import sqlite3

from bot.store.recovery import SchemaTooNewError

# Schema migrations, applied in order; PRAGMA user_version records how many ran. Append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE url_digest (
        url_key TEXT NOT NULL,
        points INTEGER NOT NULL,
        digest TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (url_key, points)
    );
    CREATE INDEX url_digest_created ON url_digest (created);
    CREATE TABLE text_digest (
        text_hash TEXT NOT NULL,
        points INTEGER NOT NULL,
        digest TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (text_hash, points)
    );
    CREATE INDEX text_digest_created ON text_digest (created);
    CREATE TABLE chat_settings (
        chat_id INTEGER PRIMARY KEY,
        points INTEGER NOT NULL,
        show_actors INTEGER NOT NULL,
        auto INTEGER NOT NULL,
        updated REAL NOT NULL
    );
    CREATE TABLE link_memory (
        chat_id INTEGER NOT NULL,
        url_key TEXT NOT NULL,
        message_id INTEGER NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (chat_id, url_key)
    );
    CREATE INDEX link_memory_created ON link_memory (created);
    """,
    # 2: digests are also keyed by the summarizer (`method`): a "lead" request must not get a cached "keypoints"
    # digest. Every earlier row was made by the default method, so it keeps its place as "keypoints".
    """
    CREATE TABLE url_digest_2 (
        url_key TEXT NOT NULL,
        points INTEGER NOT NULL,
        method TEXT NOT NULL,
        digest TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (url_key, points, method)
    );
    INSERT INTO url_digest_2 (url_key, points, method, digest, created)
        SELECT url_key, points, 'keypoints', digest, created FROM url_digest;
    DROP TABLE url_digest;
    ALTER TABLE url_digest_2 RENAME TO url_digest;
    CREATE INDEX url_digest_created ON url_digest (created);
    CREATE TABLE text_digest_2 (
        text_hash TEXT NOT NULL,
        points INTEGER NOT NULL,
        method TEXT NOT NULL,
        digest TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (text_hash, points, method)
    );
    INSERT INTO text_digest_2 (text_hash, points, method, digest, created)
        SELECT text_hash, points, 'keypoints', digest, created FROM text_digest;
    DROP TABLE text_digest;
    ALTER TABLE text_digest_2 RENAME TO text_digest;
    CREATE INDEX text_digest_created ON text_digest (created);
    """,
    # 3: the link behind an inline digest's buttons, by the short key its callback data carries (64 bytes hold
    # no link), so the buttons still work after a restart.
    """
    CREATE TABLE inline_link (
        link_key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        created REAL NOT NULL
    );
    CREATE INDEX inline_link_created ON inline_link (created);
    """,
    # 4: the article fetched and extracted from a link, so another point count or summarizer only re-digests.
    """
    CREATE TABLE url_article (
        url_key TEXT PRIMARY KEY,
        article TEXT NOT NULL,
        created REAL NOT NULL
    );
    CREATE INDEX url_article_created ON url_article (created);
    """,
    # 5: the messages one digest was sent as (in order, the keyboard under the last), so a more/fewer press
    # under the last one can rewrite them all.
    """
    CREATE TABLE digest_messages (
        chat_id INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        message_ids TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (chat_id, last_id)
    );
    CREATE INDEX digest_messages_created ON digest_messages (created);
    """,
    # 6: a chat's choice of whole sentences as key points (no aside cut).
    """
    ALTER TABLE chat_settings ADD COLUMN whole_sentences INTEGER NOT NULL DEFAULT 0;
    """,
)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date, one migration per transaction; returns the resulting version.

    Two processes may open an old database at once: each step takes the write lock first (BEGIN IMMEDIATE) and
    reads the version again under it, so a step another process applied meanwhile is skipped, not run twice.
    """
    version = _schema_version(conn)
    for number in range(version, len(MIGRATIONS)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _schema_version(conn) == number:
                # executescript would commit the open transaction (and let the lock go) before running.
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _schema_version(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise SchemaTooNewError(
            f"the database schema (version {version}) is newer than this newsbot; upgrade newsbot"
        )
    return version


def _statements(script: str) -> list[str]:
    """A script's statements, one by one (split where SQLite says a statement is complete, so a ';' inside a
    string or a trigger body does not cut it)."""
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \n\t;"):
        raise ValueError(f"an incomplete SQL statement in a migration: {current.strip()[:80]!r}")
    return statements
