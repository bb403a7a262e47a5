"""End-to-end: `newsbot run` pointed at a TELEGRAM_API_URL that is not a working Bot API for its token says so in
one plain line and exits with 2: nothing listening, a web server that is not a Bot API, a wrong token."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from tools.loopback_server import LoopbackServer
from tools.tgserver import DEFAULT_TOKEN, BotAPIServer

TOKEN = "7012345678:AAE-a-token-that-must-never-be-printed_0123"


async def _run_bot(api_url: str, token: str, data: Path) -> tuple[int, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),  # the code beside this test, whatever an editable install points at
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_URL": api_url,
        "NEWSBOT_DATA_DIR": str(data),
        "NEWSBOT_WORKERS": "1",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=data.parent,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode is not None
    return proc.returncode, (out + err).decode()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens there


@pytest.fixture
async def not_a_bot_api() -> AsyncIterator[LoopbackServer]:
    server = LoopbackServer()  # a web server with no pages: every path answers 404
    await server.start()
    yield server
    await server.stop()


def _assert_one_plain_line(code: int, output: str, *needles: str) -> None:
    assert code == 2, output
    assert "Traceback" not in output, output
    assert TOKEN.split(":", 1)[1] not in output and DEFAULT_TOKEN.split(":", 1)[1] not in output
    lines = [line for line in output.splitlines() if all(n in line for n in needles)]
    assert len(lines) == 1, output
    assert lines[0].startswith("newsbot run: ")


async def test_nothing_listening_at_the_api_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    code, output = await _run_bot(url, TOKEN, tmp_path / "data")
    _assert_one_plain_line(code, output, url, "TELEGRAM_API_URL")


async def test_a_web_server_that_is_not_a_bot_api(tmp_path: Path, not_a_bot_api: LoopbackServer) -> None:
    url = not_a_bot_api.url("").rstrip("/")
    code, output = await _run_bot(url, TOKEN, tmp_path / "data")
    _assert_one_plain_line(code, output, url, "404", "not a Telegram Bot API", "TELEGRAM_API_URL")
    assert any("/getMe" in seen.path for seen in not_a_bot_api.requests)  # it did ask


async def test_a_token_the_bot_api_rejects(tmp_path: Path) -> None:
    async with BotAPIServer() as server:  # knows DEFAULT_TOKEN only
        code, output = await _run_bot(server.url, TOKEN, tmp_path / "data")
    _assert_one_plain_line(code, output, server.url, "401", "TELEGRAM_BOT_TOKEN")
