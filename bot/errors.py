"""Errors that carry a short, user-facing message and a CLI exit code.

Every failure a user can cause (bad input, a dead link, a blocked address) is one of these, so the CLI and the
Telegram handlers can answer with one friendly line instead of a traceback.

`user_message` is English (the CLI prints it as it is). The Telegram handlers show it in the user's language
through `bot.i18n.error_text`, which knows every message raised in bot/ (tests/test_i18n.py reads each raise site
and fails on one it can't translate), so a new message needs its Russian there too.
"""

from __future__ import annotations


class NewsbotError(Exception):
    """Base class: `user_message` is safe to show to a user; `exit_code` is the CLI's exit status."""

    exit_code = 1
    default_message = "Something went wrong."

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = user_message or self.default_message
        super().__init__(self.user_message)


class InputError(NewsbotError):
    """The input cannot be digested: empty, too short, binary, undecodable, too large."""

    exit_code = 2
    default_message = "There is no article text to summarize."


# Fetch failures (the links issue): each kind has its own exit code so scripts can tell them apart.
class FetchError(NewsbotError):
    exit_code = 10
    default_message = "Couldn't open that link."


class BlockedAddressError(FetchError):
    exit_code = 11
    default_message = "That link points to a private or internal address, so it was not opened."


class NetworkError(FetchError):
    exit_code = 12
    default_message = "Couldn't reach that site (network error or timeout)."


class HTTPStatusError(FetchError):
    exit_code = 13
    default_message = "The site answered with an error."


class NotAnArticleError(FetchError):
    exit_code = 14
    default_message = "That page doesn't look like an article."


class TooLargeError(FetchError):
    exit_code = 15
    default_message = "That page is too large to read."


# Worker failures (issue #18): the work on one input did not finish, and the bot went on serving everyone else.
class WorkerError(NewsbotError):
    """The worker reading an input died (the out-of-memory killer, a crash in a native library); another
    took its place."""

    exit_code = 16
    default_message = "That article was too much to read; try a shorter part of it or a link."


class DigestTimeoutError(WorkerError):
    """The work on an input ran past NEWSBOT_DIGEST_TIMEOUT; its worker process was replaced."""

    exit_code = 17
    default_message = "That article took too long to read; try a shorter part of it or a link."
