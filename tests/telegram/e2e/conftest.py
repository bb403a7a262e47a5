"""Fixtures of the end-to-end tests: the Bot API test server, the article site, a running bot, a group."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tools.tgserver import BotAPIServer

from .harness import ArticleSite, Bot, close_bot, make_bot


@pytest.fixture(scope="session")
def executor() -> Iterator[ThreadPoolExecutor]:
    # One pool for the whole session: the NLP models load once per test process, not once per test.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="digest") as pool:
        yield pool


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer() as s:
        yield s


@pytest.fixture
async def site() -> AsyncIterator[ArticleSite]:
    s = ArticleSite()
    await s.start()
    yield s
    await s.stop()


@pytest.fixture
async def bot(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> AsyncIterator[Bot]:
    b = await make_bot(server, site, tmp_path, executor)
    yield b
    await close_bot(b)


@pytest.fixture
def group(bot: Bot) -> dict[str, Any]:
    return bot.server.group(-4001, "Book club")
