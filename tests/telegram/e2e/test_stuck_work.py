"""End-to-end with real worker processes: digests that never finish pin no worker. Their senders are told, in
their language, that the article took too long; the stuck workers are replaced; everyone else is still answered."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import workerjobs

from bot.errors import DigestTimeoutError
from bot.i18n import error_text
from bot.workers import WorkerPool
from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, QUARRY_ARTICLE, article_page
from .harness import ArticleSite, close_bot, is_russian, make_bot, text_of

DEADLINE = 12.0  # a real digest of these short articles takes well under a second with the models loaded,
# and several seconds on a 2-core machine busy with other work
PATIENCE = 90.0  # for answers that wait on the deadline and on new workers loading their models


@pytest.fixture
async def pool() -> AsyncIterator[WorkerPool]:
    # The production pool with its models, except that a text carrying STALL_MARKER never finishes digesting.
    p = WorkerPool(2, timeout=DEADLINE, initializer=workerjobs.warm_and_stall_on_marker)
    assert await asyncio.to_thread(p.wait_ready, PATIENCE)
    yield p
    await asyncio.to_thread(p.shutdown, wait=True, cancel_futures=True)


async def test_stuck_digests_are_answered_their_workers_replaced_and_other_users_still_served(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, pool: WorkerPool
) -> None:
    b = await make_bot(server, site, tmp_path, pool)  # the harness takes any Executor
    try:
        before = set(pool.pids())
        olga = server.user(5101, "Ольга", language_code="ru")
        olga_chat = server.private_chat(olga)
        # Two stuck texts: as many as there are workers, which used to silence the bot for everyone.
        stuck = [
            await b.say(f"{HARBOUR_ARTICLE}\n{workerjobs.STALL_MARKER}"),
            (await server.send_text(olga_chat, olga, f"{LIBRARY_ARTICLE}\n{workerjobs.STALL_MARKER}"))[0],
        ]
        ben = server.user(5201, "Ben")
        ben_chat = server.private_chat(ben)
        url = site.add("/quarry", article_page(QUARRY_ARTICLE, "Quarry pond reopens"))
        link, _ = await server.send_text(ben_chat, ben, url)

        ann_answer = await b.answer_to(stuck[0], timeout=PATIENCE)
        olga_answer = await b.answer_to(stuck[1], timeout=PATIENCE)
        ben_answer = await b.answer_to(link, timeout=PATIENCE)
        assert text_of(ann_answer) == DigestTimeoutError.default_message
        assert text_of(olga_answer) == error_text(DigestTimeoutError.default_message, "ru")
        assert is_russian(text_of(olga_answer))
        assert "lifeguards" in text_of(ben_answer)  # the other user's digest arrived

        assert await asyncio.to_thread(pool.wait_ready, PATIENCE)  # back at full strength
        assert not before & set(pool.pids())  # both stuck workers were replaced
        again = await b.say(HARBOUR_ARTICLE)  # the same person, a text that reads normally: a digest
        assert "barrier" in text_of(await b.answer_to(again, timeout=PATIENCE)).lower()
    finally:
        await close_bot(b)
