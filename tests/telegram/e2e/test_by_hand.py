"""End-to-end: trying the bot by hand with the test server, as the README shows. A forwarded post injected over
HTTP (POST /_test/forward) is digested; a body that is not a JSON object with a text gets 400 and the reason."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession
from conftest import REPO_ROOT

from .articles import HARBOUR_ARTICLE
from .harness import Bot, text_of


async def _post(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    async with ClientSession() as http, http.post(url, data=body) as response:
        return response.status, await response.json(content_type=None)


async def _digest_for(bot: Bot, chat_id: int) -> dict[str, Any]:
    return await bot.server.wait_for(  # type: ignore[no-any-return]
        lambda: next((m for m in bot.server.bot_messages(chat_id) if "barrier" in text_of(m).lower()), None),
        timeout=60,
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        # The README's old form: an article pasted into a JSON string keeps its raw newlines (and its quotes).
        (f'{{"text": "{HARBOUR_ARTICLE}", "channel": "Some Channel"}}'.encode(), "not valid JSON"),
        (b"text=hello", "not valid JSON"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b'["a list"]', "must be a JSON object"),
        (b'{"channel": "Some Channel"}', '"text" is missing'),
        (b'{"text": "   "}', '"text" is missing or empty'),
        (b'{"text": "A post", "user_id": "me"}', '"user_id" must be a whole number'),
        (b'{"text": "A post", "channel": 7}', '"channel" must be a string'),
    ],
)
async def test_a_body_that_is_not_a_post_gets_400_and_the_reason(bot: Bot, body: bytes, reason: str) -> None:
    status, answer = await _post(f"{bot.server.url}/_test/forward", body)
    assert status == 400
    assert answer["ok"] is False and answer["error_code"] == 400
    assert reason in answer["description"], answer["description"]
    if "not valid JSON" in reason:
        assert "--data-binary @update.json" in answer["description"]  # how to send one that works
    assert not bot.server.updates and not bot.server.delivered_ids  # nothing reached the bot


async def test_a_post_with_newlines_and_quotes_sent_as_json_is_digested(bot: Bot) -> None:
    text = HARBOUR_ARTICLE.replace("the quay", 'the "quay"')  # newlines and quotes, escaped by a JSON encoder
    body = json.dumps({"text": text, "channel": "Some Channel", "user_id": 1234}).encode()
    status, answer = await _post(f"{bot.server.url}/_test/forward", body)
    assert status == 200 and answer["ok"] is True and answer["chat_id"] == 1234
    digest = await _digest_for(bot, 1234)
    assert "Forwarded from Some Channel" in text_of(digest)


def _readme_commands(url: str) -> str:
    """The README's commands that forward a post to the test server, made to run here."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```sh\n(.*?)```", readme, flags=re.S) if "/_test/forward" in b)
    lines = block.replace("\\\n", " ").splitlines()
    start = next(i for i, line in enumerate(lines) if "json.dump" in line)
    script = "\n".join(line for line in lines[start:] if line.strip() and not line.startswith("#"))
    return script.replace(".venv/bin/python", sys.executable).replace("http://127.0.0.1:8081", url)


@pytest.mark.skipif(shutil.which("curl") is None, reason="the README's form uses curl")
async def test_the_readmes_commands_forward_a_real_article(bot: Bot, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(HARBOUR_ARTICLE.replace("the quay", 'the "quay"'), encoding="utf-8")
    script = _readme_commands(bot.server.url)
    assert "curl --data-binary @update.json" in script
    proc = await asyncio.create_subprocess_exec(
        "bash", "-euc", script, cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    assert b'"ok": true' in out, out.decode()
    digest = await _digest_for(bot, 1001)
    assert "Forwarded from Some Channel" in text_of(digest)
