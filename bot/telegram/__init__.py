"""The Telegram bot: a thin async shell between Telegram's updates and the digest service.

Everything slow (fetching, extraction, summarization) happens in `DigestService`, which runs CPU work in a worker
pool; the handlers only decide what to read, talk to Telegram, and keep the user informed. Every message in a
private chat is answered once, in the order its sender sent it: a digest, a short reason it couldn't make one (one
line on what it reads, for a sticker or a poll), or (for real bugs) a one-line apology while the traceback goes to
the log with the update id. An edited message gets that answer rewritten in place.

One job per module: `app` builds and runs the Application (`preflight` checks the Bot API first), `setup` wires
the handlers, which are flat async functions in `commands`, `chats`, `edits`, `buttons` and `inline` (`access`
gates them, `errors` catches what they miss); `incoming` turns a message into a job, `lines` keeps each person's
requests in order, `flow` answers them, `answers` remembers what each message was answered with, `rewrite` redraws
a digest in place; `api` talks to Telegram, `messages` splits HTML into messages, `keyboards` owns the callback
data, `deps` what handlers share.
"""

from __future__ import annotations

from bot.telegram.app import build_application, run, serve, start_application, stop_application
from bot.telegram.deps import DEPS_KEY, Deps
from bot.telegram.setup import add_handlers, set_commands

__all__ = [
    "DEPS_KEY",
    "Deps",
    "add_handlers",
    "build_application",
    "run",
    "serve",
    "set_commands",
    "start_application",
    "stop_application",
]
