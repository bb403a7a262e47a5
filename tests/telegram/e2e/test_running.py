"""End-to-end: running the bot. Start-up, secrets in logs, webhook mode, the access list, stopping, upkeep,
and `newsbot run` as a process."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from conftest import REPO_ROOT

from bot.config import Settings
from bot.service import DigestService
from bot.store import DIGEST_MESSAGES_KEEP_SECONDS, LINK_MEMORY_SECONDS, Store
from bot.telegram.app import build_application, start_application, stop_application
from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import ArticleSite, close_bot, make_bot, text_of


async def test_startup_sets_commands_for_private_and_group_chats_and_logs_the_username(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    b = await make_bot(server, site, tmp_path, executor)
    await close_bot(b)
    assert {c["command"] for c in server.commands["all_private_chats"]} >= {"start", "help", "settings"}
    assert {c["command"] for c in server.commands["all_group_chats"]} >= {"summary", "tldr", "auto"}
    assert any("@NewsDigestTestBot" in r.getMessage() for r in caplog.records)
    # These test bots may fetch loopback pages; a bot configured that way must say so loudly.
    assert any(
        r.levelno == logging.WARNING and "NEWSBOT_ALLOW_PRIVATE_TARGETS is on" in r.getMessage()
        for r in caplog.records
    )


async def test_the_token_never_appears_in_any_log_line_of_a_full_run(
    server: BotAPIServer,
    site: ArticleSite,
    tmp_path: Path,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # everything: PTB, httpx, httpcore, aiohttp, ours
    b = await make_bot(server, site, tmp_path, executor)
    try:
        server.arm_error("sendMessage", code=429, retry_after=1)
        server.arm_disconnect("editMessageText")
        url = site.add("/t", article_page(HARBOUR_ARTICLE, "Harbour"), delay=0.8)
        msg = await b.say(url)
        await b.answer_to(msg)
        bad = await b.say(site.add("/gone", "<html>x</html>", status=404))
        await b.answer_to(bad)
        doc, _ = await server.send_document(b.chat, b.user, LIBRARY_ARTICLE.encode(), "a.txt")
        await b.answer_to(doc)
    finally:
        await close_bot(b)
    secret_part = server.token.split(":", 1)[1]
    assert caplog.records  # the run did log
    handler_text = "\n".join(logging.Formatter("%(name)s %(message)s").format(r) for r in caplog.records)
    assert secret_part not in caplog.text and secret_part not in handler_text
    assert any(r.name.startswith("telegram") for r in caplog.records)


async def test_webhook_mode_checks_the_secret_token(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(
        telegram_token=server.token,
        telegram_api_url=server.url,
        data_dir=tmp_path,
        allow_private_targets=True,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret-Hook_value",
    )
    store = await Store.open(tmp_path / "newsbot.sqlite3")
    service = DigestService(settings, store, executor=executor)
    app = build_application(settings, service, store)
    await start_application(app, settings, webhook_url="https://bot.example.test/tg/hook")
    try:
        assert server.webhook is not None
        assert server.webhook["url"] == "https://bot.example.test/tg/hook"
        assert server.webhook["secret_token"] == "s3cret-Hook_value"
        user = server.user(7001, "Wes")
        chat = server.private_chat(user)
        msg = server.message(chat, user, "/start")
        update = {"update_id": 1, "message": msg}
        async with ClientSession() as http:
            hook = f"http://127.0.0.1:{port}/tg/hook"
            async with http.post(
                hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            ) as r:
                assert r.status == 403
            async with http.post(hook, json=update) as r:
                assert r.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Hook_value"}
            async with http.post(hook, json=update, headers=headers) as r:
                assert r.status == 200
        answers = await server.wait_for(lambda: server.bot_messages(chat["id"]))
        assert len(answers) == 1 and "digest" in text_of(answers[0])
    finally:
        await stop_application(app)
        await service.aclose()
        await store.close()


async def test_allowed_chat_ids_restrict_who_the_bot_answers(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, allowed_chat_ids=frozenset({5001}))
    try:
        stranger = server.user(9999, "Eve")
        other_chat = server.private_chat(stranger)
        ignored, _ = await server.send_text(other_chat, stranger, "/start")
        ok = await b.say("/start")
        await server.wait_for(lambda: server.bot_messages(b.chat["id"]))
        await asyncio.sleep(0.3)
        assert server.bot_messages(other_chat["id"]) == []
        assert ignored and ok
    finally:
        await close_bot(b)


async def test_stopping_finishes_the_digests_in_progress(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, placeholder_delay=0.0)
    try:
        url = site.add("/slow-stop", article_page(LIBRARY_ARTICLE, "Library reopens"), delay=1.0)
        msg = await b.say(url)
        await server.wait_for(lambda: server.replies_to(b.chat["id"], msg["message_id"]))  # "Reading…" is up
        await stop_application(b.app)  # what SIGTERM does
        (reply,) = server.replies_to(b.chat["id"], msg["message_id"])
        assert "library" in text_of(reply).lower()  # finished before stop returned
    finally:
        await b.service.aclose()
        await b.store.close()


async def test_newsbot_run_answers_a_forwarded_article_and_stops_cleanly_on_sigterm(
    server: BotAPIServer, tmp_path: Path
) -> None:
    import os
    import signal
    import sys

    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),  # the code beside this test, whatever an editable install points at
        "TELEGRAM_BOT_TOKEN": server.token,
        "TELEGRAM_API_URL": server.url,
        "NEWSBOT_DATA_DIR": str(tmp_path / "data"),
        "NEWSBOT_LOG_LEVEL": "DEBUG",
        "NEWSBOT_WORKERS": "1",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await server.wait_for(lambda: server.calls_of("getUpdates") or server.commands, timeout=60)
        user = server.user(8001, "Pat")
        origin = {
            "type": "channel",
            "chat": server.channel(-100555, "Elwen Daily"),
            "message_id": 4,
            "date": int(time.time()),
        }
        msg, _ = await server.send_text(
            server.private_chat(user), user, HARBOUR_ARTICLE, forward_origin=origin
        )

        def final() -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in server.replies_to(user["id"], msg["message_id"])
                    if "barrier" in text_of(m).lower()
                ),
                None,
            )

        answer = await server.wait_for(final, timeout=90)
        assert "Forwarded from Elwen Daily" in text_of(answer)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    log_text = (out + err).decode()
    assert proc.returncode == 0, log_text[-2000:]
    assert "@NewsDigestTestBot" in log_text
    assert server.token.split(":", 1)[1] not in log_text


async def test_a_running_bot_prunes_expired_rows_periodically(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    b = await make_bot(server, site, tmp_path, executor, prune_every=0.05)
    db = tmp_path / "newsbot.sqlite3"
    try:
        await b.store.remember_digest_messages(b.chat["id"], [7, 8])
        await b.store.remember_link(b.chat["id"], "http://example.com/a", 8)
        with sqlite3.connect(db) as conn:  # both idle past their keep times, after the bot started
            conn.execute(
                "UPDATE digest_messages SET created = created - ?", (DIGEST_MESSAGES_KEEP_SECONDS + 60,)
            )
            conn.execute("UPDATE link_memory SET created = created - ?", (LINK_MEMORY_SECONDS + 60,))

        def left() -> int:
            with sqlite3.connect(db) as conn:
                tables = ("digest_messages", "link_memory")
                return sum(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)

        for _ in range(200):
            if not left():
                break
            await asyncio.sleep(0.05)
        assert left() == 0
        task = b.app.bot_data["newsbot.prune_task"]
    finally:
        await close_bot(b)
    assert task.cancelled()
