"""End-to-end: groups. /summary (and its aliases) on a link or as a reply, auto mode, other bots' commands."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tools.tgserver import BotAPIServer

from .articles import HARBOUR_ARTICLE, LIBRARY_ARTICLE, article_page
from .harness import ArticleSite, Bot, close_bot, make_bot, text_of


async def test_summary_as_reply_digests_a_message_the_bot_never_saw(bot: Bot, group: dict[str, Any]) -> None:
    alice = bot.server.user(6001, "Alice")
    article, delivered = await bot.server.send_text(group, alice, HARBOUR_ARTICLE)
    assert delivered is None  # privacy mode: the bot doesn't get plain group messages
    _command, delivered = await bot.server.send_text(group, bot.user, "/summary", reply_to=article)
    assert delivered is not None
    answer = await bot.answer_to(article)  # the digest replies to the article, not to the command
    assert "barrier" in text_of(answer).lower()


@pytest.mark.parametrize(
    "command", ["/summary {url}", "/tldr {url}", "/sum {url}", "/summary@NewsDigestTestBot {url}"]
)
async def test_summary_with_a_link_and_aliases(bot: Bot, group: dict[str, Any], command: str) -> None:
    url = bot.site.add("/g/link", article_page(LIBRARY_ARTICLE, "Library reopens"))
    msg, delivered = await bot.server.send_text(group, bot.user, command.format(url=url))
    assert delivered is not None
    assert "library" in text_of(await bot.answer_to(msg)).lower()


async def test_bare_summary_gets_a_one_line_usage_hint(bot: Bot, group: dict[str, Any]) -> None:
    msg, _ = await bot.server.send_text(group, bot.user, "/summary")
    answer = text_of(await bot.answer_to(msg))
    assert "/summary" in answer and "\n" not in answer.strip()


async def test_commands_for_other_bots_are_ignored(
    server: BotAPIServer, site: ArticleSite, tmp_path: Path, executor: ThreadPoolExecutor
) -> None:
    server.privacy = False  # so the command for the other bot does reach ours
    b = await make_bot(server, site, tmp_path, executor)
    try:
        grp = server.group(-4002, "Two bots")
        other, delivered = await server.send_text(
            grp, b.user, f"/summary@OtherNewsBot {HARBOUR_ARTICLE[:200]}"
        )
        assert delivered is not None
        ours, _ = await server.send_text(grp, b.user, "/summary@NewsDigestTestBot")
        await b.answer_to(ours)  # the bot has processed both updates by now (they're handled in order)
        await asyncio.sleep(0.3)
        assert server.replies_to(grp["id"], other["message_id"]) == []
    finally:
        await close_bot(b)


async def test_supergroup_summary_reply(bot: Bot) -> None:
    sg = bot.server.group(-1009000000001, "Readers HQ", supergroup=True)
    alice = bot.server.user(6002, "Alice")
    article, _ = await bot.server.send_text(
        sg,
        alice,
        LIBRARY_ARTICLE,
        forward_origin={
            "type": "chat",
            "sender_chat": {"id": -1007, "type": "channel", "title": "Northfield News"},
            "date": int(time.time()),
        },
    )
    await bot.server.send_text(sg, bot.user, "/tldr", reply_to=article)
    answer = text_of(await bot.answer_to(article))
    assert "library" in answer.lower() and "Forwarded from Northfield News" in answer


async def test_auto_mode_admins_only_then_every_link_once_per_hour(bot: Bot, group: dict[str, Any]) -> None:
    server = bot.server
    member = server.user(6003, "Bob")
    msg, _ = await server.send_text(group, member, "/auto on")
    assert "Only group admins" in text_of(await bot.answer_to(msg))
    server.set_member(group["id"], bot.user["id"], "administrator")
    msg, _ = await server.send_text(group, bot.user, "/auto on")
    answer = text_of(
        await server.wait_for(
            lambda: next(
                (m for m in server.bot_messages(group["id"]) if "Auto mode is on" in m.get("text", "")), None
            )
        )
    )
    assert "privacy mode" in answer  # the bot can't see plain messages yet, and says how to fix it
    server.make_bot_admin(group["id"])
    url = bot.site.add("/auto/1", article_page(HARBOUR_ARTICLE, "Harbour barrier approved"))
    first, delivered = await server.send_text(group, member, f"Have you seen this? {url}")
    assert delivered is not None
    digest = await bot.answer_to(first)
    assert "barrier" in text_of(digest).lower()
    _again, _ = await server.send_text(group, member, f"{url} !!")
    pointer = await server.wait_for(
        lambda: next(
            (m for m in server.bot_messages(group["id"]) if "less than an hour ago" in m.get("text", "")),
            None,
        )
    )
    assert pointer["reply_to_message"]["message_id"] == digest["message_id"]
    assert bot.site.hits("/auto/1") == 1
    msg, _ = await server.send_text(group, bot.user, "/auto off")
    await server.wait_for(
        lambda: any("Auto mode is off" in m.get("text", "") for m in server.bot_messages(group["id"]))
    )
    quiet, _ = await server.send_text(
        group, member, bot.site.add("/auto/2", article_page(LIBRARY_ARTICLE, "L"))
    )
    await asyncio.sleep(0.5)
    assert server.replies_to(group["id"], quiet["message_id"]) == []


async def test_plain_group_links_are_ignored_without_auto_mode(bot: Bot, group: dict[str, Any]) -> None:
    bot.server.make_bot_admin(group["id"])  # the bot sees everything, but auto mode is off
    url = bot.site.add("/quiet", article_page(HARBOUR_ARTICLE, "Harbour"))
    msg, delivered = await bot.server.send_text(group, bot.server.user(6004, "Cy"), url)
    assert delivered is not None
    hint, _ = await bot.server.send_text(group, bot.user, "/summary")
    await bot.answer_to(hint)
    assert bot.server.replies_to(group["id"], msg["message_id"]) == []
    assert bot.site.hits("/quiet") == 0
