"""Settings, read once from the environment (and an optional `.env` file) into one frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values

DEFAULT_API_URL = "https://api.telegram.org"


MAX_POINTS = 10  # the digest's own cap on key points (bot.pipeline.MAX_POINTS; a test keeps the two equal)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(ValueError):
    """Settings that cannot be used; `problems` has one line per variable, naming it and the form it takes."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Reader:
    """Reads each variable by its form and collects every problem, so that one start names them all."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values
        self.problems: list[str] = []

    def raw(self, name: str) -> str:
        return (self.values.get(name) or "").strip()

    def _bad(self, name: str, form: str) -> None:
        self.problems.append(f"{name}={self.raw(name)!r} is not valid: it takes {form}.")

    def text(self, name: str, default: str = "") -> str:
        return self.raw(name) or default

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.raw(name).lower()
        if not value:
            return default
        if value not in _TRUE | _FALSE:
            self._bad(name, "1 or 0 (also true/false, yes/no, on/off)")
            return default
        return value in _TRUE

    def whole(self, name: str, default: int, low: int, high: int | None = None) -> int:
        value = self.raw(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if number < low or (high is not None and number > high):
            span = f"from {low} to {high}" if high is not None else f"of at least {low}"
            self._bad(name, f"a whole number {span}")
            return default
        return number

    def seconds(self, name: str, default: float) -> float:
        value = self.raw(name)
        if not value:
            return default
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not number > 0 or number == float("inf"):
            self._bad(name, "a number of seconds greater than 0")
            return default
        return number

    def choice(self, name: str, allowed: tuple[str, ...], default: str, *, upper: bool = False) -> str:
        value = self.raw(name)
        value = value.upper() if upper else value.lower()
        if not value:
            return default
        if value not in allowed:
            self._bad(name, "one of " + ", ".join(allowed))
            return default
        return value

    def chat_ids(self, name: str) -> frozenset[int]:
        parts = [p.strip() for p in self.raw(name).replace(";", ",").split(",") if p.strip()]
        try:
            return frozenset(int(p) for p in parts)
        except ValueError:
            self._bad(name, "numeric chat ids separated by commas (e.g. 12345,-1001234567890), not @names")
            return frozenset()

    def url(self, name: str, default: str) -> str:
        value = self.raw(name) or default
        parsed = urlsplit(value)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            self._bad(name, "an http(s) address such as https://api.telegram.org")
            return default
        return value.rstrip("/")


@dataclass(frozen=True)
class Settings:
    telegram_token: str = field(default="", repr=False)  # never printed: repr=False keeps it out of logs
    telegram_api_url: str = DEFAULT_API_URL
    data_dir: Path = Path("data")
    allowed_chat_ids: frozenset[int] = frozenset()
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = field(default="", repr=False)
    default_points: int = 4
    # Fetching (the links issue). allow_private_targets is for tests only: it lets the fetcher reach loopback.
    allow_private_targets: bool = False
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_concurrency: int = 8
    cache_ttl: float = 24 * 3600.0
    # How long one job in the worker pool (extraction, a digest) may run before its worker is replaced.
    digest_timeout: float = 30.0
    workers: int = max(1, os.cpu_count() or 1)
    # Digests run in worker processes (true parallelism: spaCy and sumy hold the GIL) unless there is one core.
    executor: str = "process" if (os.cpu_count() or 1) > 1 else "thread"
    log_level: str = "INFO"

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
        """Read settings from `environ` (default: os.environ), with `env_file` values as fallbacks.

        Raises SettingsError naming every variable that is set to something it cannot take."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        read = _Reader(values)
        settings = cls(
            telegram_token=read.text("TELEGRAM_BOT_TOKEN"),
            telegram_api_url=read.url("TELEGRAM_API_URL", DEFAULT_API_URL),
            data_dir=Path(read.text("NEWSBOT_DATA_DIR", "data")),
            allowed_chat_ids=read.chat_ids("ALLOWED_CHAT_IDS"),
            webhook_url=read.text("WEBHOOK_URL"),
            webhook_listen=read.text("WEBHOOK_LISTEN", "0.0.0.0"),
            webhook_port=read.whole("WEBHOOK_PORT", 8443, 1, 65535),
            webhook_secret=(values.get("WEBHOOK_SECRET") or ""),
            default_points=read.whole("NEWSBOT_POINTS", 4, 1, MAX_POINTS),
            allow_private_targets=read.flag("NEWSBOT_ALLOW_PRIVATE_TARGETS"),
            fetch_timeout=read.seconds("NEWSBOT_FETCH_TIMEOUT", 15.0),
            fetch_max_bytes=read.whole("NEWSBOT_FETCH_MAX_BYTES", 5_000_000, 1),
            fetch_max_concurrency=read.whole("NEWSBOT_FETCH_CONCURRENCY", 8, 1),
            cache_ttl=read.seconds("NEWSBOT_CACHE_TTL", 24 * 3600.0),
            digest_timeout=read.seconds("NEWSBOT_DIGEST_TIMEOUT", 30.0),
            workers=read.whole("NEWSBOT_WORKERS", max(1, os.cpu_count() or 1), 1),
            executor=read.choice("NEWSBOT_EXECUTOR", ("process", "thread"), cls.executor),
            log_level=read.choice("NEWSBOT_LOG_LEVEL", LOG_LEVELS, "INFO", upper=True),
        )
        if read.problems:
            raise SettingsError(read.problems)
        return settings
