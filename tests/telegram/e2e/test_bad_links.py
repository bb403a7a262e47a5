"""End-to-end: a link the fetcher will not open gets its own friendly reason, never the apology for a bug."""

from __future__ import annotations

import pytest

from .harness import Bot, text_of


@pytest.mark.parametrize("link", ["https://news.example:99999/story", "http://news.example:port/story"])
async def test_a_link_with_an_impossible_port_gets_a_friendly_reason(bot: Bot, link: str) -> None:
    msg = await bot.say(link)
    answer = text_of(await bot.answer_to(msg))
    assert answer == "That doesn't look like a valid link."
