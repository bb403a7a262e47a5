"""Per-user and per-chat limits on requests (what the bot does when one is refused is `lines`' job).

Pure and synchronous (a sliding-window log per key, an injectable clock), so it is tested without Telegram.
Telegram's own sending limits are a different thing, handled by python-telegram-bot's AIORateLimiter.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["message", "button", "inline"]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: float = 0.0  # seconds until the next request would be allowed
    clear_after: float = 0.0  # seconds until the windows that refused it are empty again


ALLOWED = Verdict(allowed=True)


class _Window:
    __slots__ = ("hits", "limit", "period")

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self.hits: deque[float] = deque()

    def prune(self, now: float) -> None:
        while self.hits and self.hits[0] <= now - self.period:
            self.hits.popleft()

    def full(self, now: float) -> bool:
        self.prune(now)
        return len(self.hits) >= self.limit

    def wait(self, now: float) -> float:
        return max(0.0, self.hits[0] + self.period - now) if self.hits else 0.0

    def clear(self, now: float) -> float:
        return max(0.0, self.hits[-1] + self.period - now) if self.hits else 0.0


class RateLimiter:
    """At most `per_user` requests per user and `per_chat` per group chat in any `period` seconds.

    A user's messages, button presses and inline queries are counted apart (`kind`): tapping "more points" a few
    times must not use up the messages a forwarded burst needs.
    """

    def __init__(
        self,
        *,
        per_user: int = 20,
        per_chat: int = 20,
        per_button: int = 30,
        per_inline: int = 30,
        period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 50_000,
    ) -> None:
        self.limits: dict[Kind, int] = {"message": per_user, "button": per_button, "inline": per_inline}
        self.per_chat = per_chat
        self.period = period
        self.clock = clock
        self._max_keys = max_keys
        self._windows: dict[tuple[str, int], _Window] = {}

    def check(
        self, user_id: int | None, chat_id: int | None, *, group: bool = False, kind: Kind = "message"
    ) -> Verdict:
        """Count one request if both the user and (for groups) the chat have room; else say how long to wait."""
        now = self.clock()
        windows: list[_Window] = []
        if user_id is not None and self.limits[kind] > 0:
            windows.append(self._window((kind, user_id), self.limits[kind]))
        if group and chat_id is not None and self.per_chat > 0:
            windows.append(self._window(("chat", chat_id), self.per_chat))
        blocked = [w for w in windows if w.full(now)]
        if blocked:
            return Verdict(
                allowed=False,
                retry_after=max(w.wait(now) for w in blocked),
                clear_after=max(w.clear(now) for w in blocked),
            )
        for w in windows:
            w.hits.append(now)
        return ALLOWED

    def _window(self, key: tuple[str, int], limit: int) -> _Window:
        window = self._windows.get(key)
        if window is None:
            if len(self._windows) >= self._max_keys:
                self._forget_idle()
            window = self._windows[key] = _Window(limit, self.period)
        return window

    def _forget_idle(self) -> None:
        now = self.clock()
        for key, window in list(self._windows.items()):
            window.prune(now)
            if not window.hits:
                del self._windows[key]
