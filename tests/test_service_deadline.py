"""The service's deadline on pool work (NEWSBOT_DIGEST_TIMEOUT) with a thread pool, where nothing can be killed:
the caller is still answered in time, others' digests still arrive, and the stuck thread's result is dropped."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import read_article

import bot.service
from bot.config import Settings
from bot.errors import DigestTimeoutError
from bot.model import Article, Digest
from bot.service import DigestService, make_executor
from bot.workers import WorkerPool

DEADLINE = 5.0  # a digest of these short articles takes well under a second with the models loaded
PATIENCE = 60.0
MARKER = "(this text stalls its thread)"


@pytest.fixture
def stall(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Digests of a text with MARKER block until the returned event is set (at the end of the test, so the
    thread can end); every other digest is the real one."""
    release = threading.Event()
    real = bot.service._make_digest

    def stalling(article: Article, *args: Any, **kwargs: Any) -> Digest:
        if MARKER in article.text:
            release.wait()
        return real(article, *args, **kwargs)

    monkeypatch.setattr(bot.service, "_make_digest", stalling)
    yield release
    release.set()


async def test_a_stuck_thread_answers_its_caller_in_time_and_others_still_get_digests(
    stall: threading.Event, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, digest_timeout=DEADLINE, workers=2)
    pool = ThreadPoolExecutor(max_workers=2)
    service = DigestService(settings, None, executor=pool)
    try:
        await service.warm_up()
        stuck = asyncio.ensure_future(
            service.digest_article(Article(text=read_article("de-hochwasser.txt") + "\n\n" + MARKER))
        )
        other = asyncio.ensure_future(service.digest_article(Article(text=read_article("en-actors.txt"))))
        done, _ = await asyncio.wait({stuck, other}, timeout=PATIENCE)
        assert done == {stuck, other}, "a stuck digest kept its caller waiting"
        assert isinstance(stuck.exception(), DigestTimeoutError)
        assert other.result().key_points
    finally:
        stall.set()  # the stuck thread ends; what it returns goes nowhere
        await service.aclose()
        pool.shutdown(wait=True)


def test_the_deadline_is_a_setting_and_the_process_pool_keeps_it(tmp_path: Path) -> None:
    settings = Settings.load({"NEWSBOT_DIGEST_TIMEOUT": "12.5", "NEWSBOT_WORKERS": "1"}, env_file=None)
    assert settings.digest_timeout == 12.5
    assert Settings.load({}, env_file=None).digest_timeout == 30.0
    pool = make_executor(settings, "process")
    try:
        assert isinstance(pool, WorkerPool) and pool.timeout == 12.5 and pool.size == 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
