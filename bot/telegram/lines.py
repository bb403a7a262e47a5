"""Each person's requests in a chat wait in one line and are answered in turn, in the order they were sent.

python-telegram-bot handles updates concurrently, so twelve posts forwarded at once would be read at once and
answered in whatever order their digests finish. Here a request joins its line the moment its update arrives
(before its handler first awaits anything, so in arrival order), and its work runs as an Application task that
first waits for the request ahead of it. The handler itself returns at once, so a long line holds none of the
Application's update slots; a failure reaches the error handler with its update (an apology, and the line goes
on); and stopping the bot waits for every line to be answered.

A request the rate limiter refuses starts a skipped stretch: every request of that person in that chat is skipped
until the limiter's windows that refused the first are empty again. So the skipped messages are exactly the ones
from the first skipped on, and `flow.take_turn` names them in one notice that replies to the first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

MAX_STRETCHES = 10_000  # skipped stretches kept before the ended ones are forgotten
Key = tuple[int, int]  # (chat id, the sender's user id)
Work = Callable[[], Awaitable[None]]
Spawn = Callable[[Coroutine[Any, Any, None]], "asyncio.Task[None]"]


@dataclass
class Skipped:
    """A stretch of skipped requests, and the one notice that names them."""

    first_id: int  # the first message skipped: the notice replies to it
    until: float  # on the limiter's clock: when the windows that refused it are empty again
    count: int = 0
    notice_id: int | None = None  # the notice, once sent
    notice_queued: bool = False  # a send (or an edit) of the notice is waiting in the line


class Lines:
    """The lines of everyone who is waiting for answers, and their skipped stretches."""

    def __init__(self) -> None:
        self._tails: dict[Key, asyncio.Task[None]] = {}
        self._skipped: dict[Key, Skipped] = {}

    def join(self, key: Key, work: Work, spawn: Spawn) -> None:
        """Run `work` once everything that joined the line of `key` before it is done (however that ended)."""
        ahead = self._tails.get(key)

        async def in_turn() -> None:
            me = asyncio.current_task()
            try:
                if ahead is not None:
                    await asyncio.wait({ahead})  # never raises: a failure ahead is not ours
                await work()
            finally:
                if self._tails.get(key) is me:
                    del self._tails[key]

        self._tails[key] = spawn(in_turn())

    def skipped(self, key: Key, now: float) -> Skipped | None:
        """The stretch being skipped for `key`, or None (a stretch ends when its limit has room again)."""
        stretch = self._skipped.get(key)
        if stretch is not None and now >= stretch.until:
            del self._skipped[key]
            return None
        return stretch

    def start_skipping(self, key: Key, first_id: int, until: float, now: float) -> Skipped:
        if len(self._skipped) >= MAX_STRETCHES:  # stretches of people who never came back
            for old in [k for k, stretch in self._skipped.items() if now >= stretch.until]:
                del self._skipped[old]
        stretch = self._skipped[key] = Skipped(first_id=first_id, until=until)
        return stretch
