"""Building and running the Telegram Application (python-telegram-bot 22): polling or webhook, clean stops.

`newsbot run` calls `run(settings, webhook_url=...)`. Everything that talks to Telegram goes through
`{TELEGRAM_API_URL}/bot{token}/…`, so a local Bot API server or the test server can stand in for Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from typing import Any
from urllib.parse import urlsplit

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, Defaults

from bot.config import Settings
from bot.service import DigestService, default_executor_kind, make_executor
from bot.store import Store
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.preflight import StartupError, check_bot_api
from bot.telegram.ratelimit import RateLimiter
from bot.telegram.setup import add_handlers, set_commands

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]

PRUNE_EVERY = (
    3600.0  # expired cache rows and memories are deleted this often while the bot runs (and at start)
)
_PRUNE_EVERY_KEY = "newsbot.prune_every"
_PRUNE_TASK_KEY = "newsbot.prune_task"

NO_TOKEN_HELP = """\
newsbot run: no Telegram bot token.

1. In Telegram, open @BotFather, send /newbot and follow the steps; it answers with a token
   that looks like 123456789:AAE-abc…
2. Put it in a file named .env next to the Makefile (see .env.example):
       TELEGRAM_BOT_TOKEN=123456789:AAE-abc…
   or export it in the environment: export TELEGRAM_BOT_TOKEN=…
3. Run `make run` again.

Optional: TELEGRAM_API_URL points the bot at a self-hosted Bot API server; for groups, BotFather's
/setprivacy decides whether the bot sees every message (auto mode) or only commands and replies.
"""

# ----------------------------------------------------------------------------------------------------------------
# The token never reaches a log line


class _Redactor:
    """A log-record factory wrapper that blanks secrets out of messages, arguments and tracebacks.

    httpx logs request URLs (which contain the token) at INFO, and exception texts can carry URLs too;
    redacting at record creation covers every handler, including ones added later (pytest's caplog).
    """

    def __init__(self) -> None:
        self.secrets: set[str] = set()
        self._inner = logging.getLogRecordFactory()

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self._inner(*args, **kwargs)
        if not self.secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to logging's own error path
            return record
        clean = self.redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return record

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text


_redactor: _Redactor | None = None


def redact_in_logs(values: Iterable[str]) -> None:
    """Make sure these strings (the bot token, the webhook secret) never appear in any log record."""
    global _redactor
    if _redactor is None:
        _redactor = _Redactor()
        logging.setLogRecordFactory(_redactor)
    _redactor.secrets.update(v for v in values if v and len(v) >= 8)
    # Belt and braces: httpx's per-request INFO lines are noise anyway.
    logging.getLogger("httpx").setLevel(logging.WARNING)


# ----------------------------------------------------------------------------------------------------------------
# The Application


class MessageRateLimiter(AIORateLimiter):
    """AIORateLimiter, except that chat actions skip the queue.

    Telegram's flood limits (30 messages/s overall, 20 per minute in a group) are about messages; a "typing"
    indicator should neither wait behind digests nor spend a group's message budget. It is best-effort anyway.
    """

    UNLIMITED = frozenset({"sendChatAction"})

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if endpoint in self.UNLIMITED:
            return await callback(*args, **kwargs)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


def build_application(
    settings: Settings,
    service: DigestService,
    store: Store,
    *,
    limiter: RateLimiter | None = None,
    placeholder_delay: float = 0.6,
    prune_every: float = PRUNE_EVERY,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured Application: handlers, error handler, HTML defaults, rate limiter, API base URL."""
    if not settings.telegram_token:
        raise InvalidToken("no TELEGRAM_BOT_TOKEN")
    redact_in_logs([settings.telegram_token, settings.webhook_secret])
    api = settings.telegram_api_url.rstrip("/")
    application = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        # Telegram's limits (30 msg/s overall, 20/min per group); 429s are waited out and retried.
        .rate_limiter(MessageRateLimiter(max_retries=3))
        # Updates are handled concurrently so /start answers while digests are being read.
        .concurrent_updates(128)
        .connection_pool_size(64)
        .pool_timeout(30.0)
        .get_updates_read_timeout(40.0)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[_PRUNE_EVERY_KEY] = prune_every
    add_handlers(
        application,
        Deps(
            settings=settings,
            service=service,
            store=store,
            limiter=limiter or RateLimiter(),
            placeholder_delay=placeholder_delay,
        ),
    )
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    bot = application.bot
    try:
        await set_commands(application)
    except TelegramError as err:  # commands are a convenience; never a reason not to start
        log.warning("setMyCommands failed: %s", err)
    log.info("Bot @%s (id %s) is up", bot.username, bot.id)
    store = application.bot_data[DEPS_KEY].store
    application.bot_data[_PRUNE_TASK_KEY] = asyncio.create_task(
        prune_periodically(store, application.bot_data[_PRUNE_EVERY_KEY]), name="newsbot-prune"
    )


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    task: asyncio.Task[None] | None = application.bot_data.pop(_PRUNE_TASK_KEY, None)
    if task is not None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def prune_store(store: Store) -> int:
    """One upkeep pass over the store (its SQLite work runs in a thread); returns the rows deleted. A failure is
    logged, not raised: the next pass tries again."""
    try:
        deleted = await store.prune()
    except (sqlite3.Error, RuntimeError) as err:  # RuntimeError: the store was closed meanwhile
        log.warning("pruning the store failed: %s", err)
        return 0
    if deleted:
        log.info("pruned %d expired rows from the store", deleted)
    return deleted


async def prune_periodically(store: Store, every: float) -> None:
    """Prune every `every` seconds until cancelled (the store prunes on open; a bot may run for months)."""
    while True:
        await asyncio.sleep(every)
        await prune_store(store)


async def start_application(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    *,
    webhook_url: str | None = None,
    poll_timeout: int = 30,
) -> None:
    """Initialize, start fetching updates (long polling, or a webhook server), start handling them."""
    if settings.allow_private_targets:
        # A test-only switch: on a public bot it would let anyone make it fetch pages from the internal network.
        log.warning(
            "NEWSBOT_ALLOW_PRIVATE_TARGETS is on: links to loopback and private addresses WILL be fetched. "
            "This is for tests only; turn it off on any bot that strangers can message."
        )
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    updater = application.updater
    assert updater is not None
    if webhook_url:
        secret = settings.webhook_secret or secrets.token_urlsafe(32)
        redact_in_logs([secret])
        path = urlsplit(webhook_url).path.lstrip("/")
        await updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info(
            "Receiving updates by webhook on %s:%s/%s", settings.webhook_listen, settings.webhook_port, path
        )
    else:
        await updater.start_polling(timeout=poll_timeout, allowed_updates=Update.ALL_TYPES)
        log.info("Receiving updates by long polling")
    await application.start()


async def stop_application(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop fetching, finish the updates already taken (in-flight digests complete), then shut down."""
    updater = application.updater
    if updater is not None and updater.running:
        await updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown is not None:  # run_polling would call it; we run the parts ourselves
        await application.post_shutdown(application)


async def serve(settings: Settings, *, webhook_url: str | None = None) -> None:
    """Run until SIGINT/SIGTERM: check the Bot API, open the store and the service, run the bot, close
    everything in order. A Bot API that can't be used raises `StartupError` before anything else starts."""
    await check_bot_api(settings.telegram_api_url, settings.telegram_token)
    store = await Store.from_settings(settings)
    executor = make_executor(settings, default_executor_kind(settings))
    service = DigestService(settings, store, executor=executor)
    await _warm_up(service)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        application = build_application(settings, service, store)
        await start_application(application, settings, webhook_url=webhook_url)
        try:
            await stop.wait()
            log.info("Stopping: finishing the digests in progress")
        finally:
            await stop_application(application)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        await service.aclose()
        await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)
        await store.close()
        log.info("Stopped")


async def _warm_up(service: DigestService) -> None:
    """Start the workers and load their models before taking any update, so that the first digest after the bot
    is ready takes no longer than any other (Telegram keeps the updates sent meanwhile). A worker that cannot
    start is logged, not fatal: the digests themselves then say what went wrong."""
    started = time.monotonic()
    try:
        await service.warm_up()
    except Exception:
        log.exception("the digest workers could not load their models")
        return
    log.info("Digest workers ready (models loaded) in %.1f s", time.monotonic() - started)


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def run(settings: Settings, *, webhook_url: str | None = None) -> int:
    """`newsbot run`: the bot until Ctrl-C / SIGTERM. Returns the process exit status: 2, with one line on
    stderr, when it can't start (no token; TELEGRAM_API_URL unreachable or not a Bot API; the token refused)."""
    if not settings.telegram_token:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    redact_in_logs([settings.telegram_token, settings.webhook_secret])
    try:
        asyncio.run(serve(settings, webhook_url=webhook_url or settings.webhook_url or None))
    except StartupError as err:
        print(f"newsbot run: {err}", file=sys.stderr)
        return 2
    except InvalidToken:  # the token was fine a moment ago, at the check
        print(
            "newsbot run: Telegram rejected the bot token. Check TELEGRAM_BOT_TOKEN (see .env.example).",
            file=sys.stderr,
        )
        return 2
    except TelegramError as err:  # the Bot API went away between the check and the start
        line = _redactor.redact(str(err)) if _redactor is not None else str(err)
        print(f"newsbot run: the Telegram Bot API failed while starting ({line}).", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0
