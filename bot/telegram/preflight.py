"""Before the bot starts: is TELEGRAM_API_URL a Telegram Bot API server, and does it know this token?

One `getMe`, made through python-telegram-bot's own HTTP client (so proxies and the like behave as they will for
the bot) but read here rather than by `Bot.get_me`, which logs a traceback for an answer that is not JSON and
calls every 404 a wrong token. What is wrong becomes one plain line (`StartupError`), never holding the token.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

TIMEOUT = 10.0  # seconds for the whole check: a Bot API answers getMe at once


class StartupError(Exception):
    """Why the bot can't start, in one line for its operator (the token is never in it)."""


async def check_bot_api(api_url: str, token: str, *, timeout: float = TIMEOUT) -> None:
    """Ask `{api_url}/bot{token}/getMe`; raise `StartupError` saying plainly what is wrong, if anything is."""
    api = api_url.rstrip("/")
    request = HTTPXRequest(
        connection_pool_size=1, read_timeout=timeout, write_timeout=timeout, connect_timeout=timeout
    )
    await request.initialize()
    try:
        status, body = await request.do_request(f"{api}/bot{token}/getMe", "POST")
    except TimedOut:
        raise _failure(
            token, f"the Telegram Bot API at {api} did not answer in {timeout:g} s", "API_URL"
        ) from None
    except NetworkError as err:
        raise _failure(
            token, f"can't connect to the Telegram Bot API at {api} ({_why(err)})", "API_URL"
        ) from None
    except Exception as err:  # httpx refuses a URL it can't parse before any network error
        raise _failure(token, f"TELEGRAM_API_URL={api!r} is not a usable URL ({err})", "API_URL") from None
    finally:
        await request.shutdown()
    answer = _bot_api_answer(body)
    if answer is None:
        raise _failure(
            token, f"{api} answered HTTP {status}, but it is not a Telegram Bot API server", "API_URL"
        )
    if answer.get("ok") is True:
        return
    description = str(answer.get("description") or "no description")
    if status in (401, 404):  # Telegram: 401 for a token it doesn't know, 404 for one that is malformed
        raise _failure(
            token,
            f"the Telegram Bot API at {api} rejected the bot token (HTTP {status}: {description})",
            "TOKEN",
        )
    raise _failure(
        token, f"the Telegram Bot API at {api} refused getMe (HTTP {status}: {description})", "API_URL"
    )


def _bot_api_answer(body: bytes) -> dict[str, Any] | None:
    """The JSON object a Bot API answers with (it always has "ok"), or None for anything else."""
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return answer if isinstance(answer, dict) and isinstance(answer.get("ok"), bool) else None


def _why(err: NetworkError) -> str:
    """The reason a connection failed, in a few words: "connection refused" when it was."""
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(cause).lower():
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    inner = err.__cause__
    return f"{type(inner).__name__}: {inner}" if inner is not None else err.message


def _failure(token: str, what: str, check: str) -> StartupError:
    hint = {
        "API_URL": "Check TELEGRAM_API_URL (the default is https://api.telegram.org).",
        "TOKEN": "Check TELEGRAM_BOT_TOKEN (see .env.example).",
    }[check]
    line = f"{what}. {hint}".replace("\n", " ")
    return StartupError(line.replace(token, "[redacted]") if token else line)
