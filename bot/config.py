"""Settings, read once from the environment (and an optional `.env` file) into one frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_API_URL = "https://api.telegram.org"


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(value: str | None, default: int) -> int:
    if value is None or value.strip() == "":
        return default
    return int(value)


def _float(value: str | None, default: float) -> float:
    if value is None or value.strip() == "":
        return default
    return float(value)


def _choice(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    chosen = (value or "").strip().lower()
    return chosen if chosen in allowed else default


def _ids(value: str | None) -> frozenset[int]:
    if not value:
        return frozenset()
    return frozenset(int(part) for part in value.replace(";", ",").split(",") if part.strip())


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
    workers: int = max(1, os.cpu_count() or 1)
    # Digests run in worker processes (true parallelism: spaCy and sumy hold the GIL) unless there is one core.
    executor: str = "process" if (os.cpu_count() or 1) > 1 else "thread"
    log_level: str = "INFO"

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, env_file: str | Path | None = ".env") -> Settings:
        """Read settings from `environ` (default: os.environ), with `env_file` values as fallbacks."""
        values: dict[str, str] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        get = values.get
        return cls(
            telegram_token=get("TELEGRAM_BOT_TOKEN", "").strip(),
            telegram_api_url=(get("TELEGRAM_API_URL", "") or DEFAULT_API_URL).rstrip("/"),
            data_dir=Path(get("NEWSBOT_DATA_DIR", "") or "data"),
            allowed_chat_ids=_ids(get("ALLOWED_CHAT_IDS")),
            webhook_url=get("WEBHOOK_URL", ""),
            webhook_listen=get("WEBHOOK_LISTEN", "") or "0.0.0.0",
            webhook_port=_int(get("WEBHOOK_PORT"), 8443),
            webhook_secret=get("WEBHOOK_SECRET", ""),
            default_points=_int(get("NEWSBOT_POINTS"), 4),
            allow_private_targets=_bool(get("NEWSBOT_ALLOW_PRIVATE_TARGETS")),
            fetch_timeout=_float(get("NEWSBOT_FETCH_TIMEOUT"), 15.0),
            fetch_max_bytes=_int(get("NEWSBOT_FETCH_MAX_BYTES"), 5_000_000),
            fetch_max_concurrency=_int(get("NEWSBOT_FETCH_CONCURRENCY"), 8),
            cache_ttl=_float(get("NEWSBOT_CACHE_TTL"), 24 * 3600.0),
            workers=_int(get("NEWSBOT_WORKERS"), max(1, os.cpu_count() or 1)),
            executor=_choice(get("NEWSBOT_EXECUTOR"), ("process", "thread"), cls.executor),
            log_level=(get("NEWSBOT_LOG_LEVEL", "") or "INFO").upper(),
        )
