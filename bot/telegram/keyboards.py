"""The keyboards under the bot's messages, and the one format of their callback data (built and parsed here).

`pts:N` asks a digest in a chat for N key points and `pts:N:KEY` an inline digest (KEY: `link_key` of its link);
`set:p:N`, `set:a:0|1` and `set:w:0|1` change a chat's settings. The handlers are registered for the patterns below.
"""

from __future__ import annotations

import base64
import hashlib

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import LANGS, Lang, texts
from bot.model import Digest
from bot.store import ChatSettings

SETTINGS_POINTS = (3, 4, 5, 8)  # /settings offers these, and the bot's default (NEWSBOT_POINTS, 4) if another
POINT_STEPS = (2, 3, 4, 5, 6, 8, 10)  # the more / fewer buttons walk this ladder

POINTS_PREFIX = "pts:"
POINTS_PATTERN = r"^pts:\d+(:[A-Za-z0-9_-]{1,32})?$"
SETTINGS_PATTERN = r"^set:[paw]:\d+$"


def next_points(current: int, step: int) -> int | None:
    """The next key-point count up (step=1) or down (step=-1) the ladder, or None at its end."""
    if step > 0:
        return next((p for p in POINT_STEPS if p > current), None)
    return next((p for p in reversed(POINT_STEPS) if p < current), None)


def link_key(url: str) -> str:
    """A short, callback-data-safe key of a link (16 characters of base64url SHA-256 of the link as sent)."""
    digest = hashlib.sha256(url.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode("ascii")


def points_data(count: int, key: str | None = None) -> str:
    """The callback data of a more / fewer button: `pts:N`, or `pts:N:KEY` on an inline digest."""
    tail = f":{key}" if key else ""
    return f"{POINTS_PREFIX}{count}{tail}"


def parse_points_data(data: str) -> tuple[int, str | None]:
    """`pts:N` (a digest in a chat) or `pts:N:KEY` (an inline digest) → (N, KEY or None)."""
    _, count, *rest = data.split(":")
    return int(count), (rest[0] if rest else None)


def settings_data(setting: str, value: int) -> str:
    """The callback data of a settings button: `set:p:N` (key points), `set:a:0|1` (show actors) or `set:w:0|1`
    (whole sentences as points)."""
    return f"set:{setting}:{value}"


def parse_settings_data(data: str) -> tuple[str, str]:
    """`set:S:V` → (S, V)."""
    _, key, value = data.split(":", 2)
    return key, value


def digest_keyboard(
    points: int, source_url: str | None, *, key: str | None = None, lang: Lang = "en"
) -> InlineKeyboardMarkup:
    """More / fewer points (and the source link). `key` (from `link_key`) marks the buttons of an inline digest."""
    t = texts(lang)
    row: list[InlineKeyboardButton] = []
    fewer, more = next_points(points, -1), next_points(points, 1)
    if fewer is not None:
        row.append(InlineKeyboardButton(t.fewer_points(fewer), callback_data=points_data(fewer, key)))
    if more is not None:
        row.append(InlineKeyboardButton(t.more_points(more), callback_data=points_data(more, key)))
    rows = [row]
    if source_url and source_url.startswith(("http://", "https://")):
        rows.append([InlineKeyboardButton(t.open_source, url=source_url)])
    return InlineKeyboardMarkup(rows)


def keyboard_for(
    digest: Digest, asked: int, source_url: str | None, *, key: str | None = None, lang: Lang = "en"
) -> InlineKeyboardMarkup:
    """The keyboard under a digest: its steps count from the points it has (a short article has fewer than
    asked for), else from the count asked for."""
    return digest_keyboard(len(digest.key_points) or asked, source_url, key=key, lang=lang)


def keyboard_language(message: Message) -> Lang | None:
    """The language a digest was written in, read back from its own keyboard's labels (None without one).

    A button press in a group rewrites the digest for everyone, so it keeps the digest's language rather than
    switching to the presser's.
    """
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data
            count = (
                parse_points_data(data)[0]
                if isinstance(data, str) and data.startswith(POINTS_PREFIX)
                else None
            )
            for lang in LANGS:
                t = texts(lang)
                if button.text == t.open_source or (
                    count is not None and button.text in (t.fewer_points(count), t.more_points(count))
                ):
                    return lang
    return None


def keyboard_source_url(message: Message) -> str | None:
    """The source link of a digest, read back from its own keyboard (so callbacks need no stored state)."""
    markup = message.reply_markup
    if markup is None:
        return None
    for row in markup.inline_keyboard:
        for button in row:
            if button.url:
                return button.url
    return None


def settings_points(default: int) -> tuple[int, ...]:
    """The key-point counts /settings offers: the usual ones and the bot's default, so a chat can go back to it."""
    return tuple(sorted({*SETTINGS_POINTS, default}))


def settings_view(
    settings: ChatSettings, lang: Lang = "en", *, default: int = 4
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message: its text and its buttons (key points; show or hide actors; shortened points or
    whole sentences)."""
    t = texts(lang)
    points, show_actors, whole = settings.points, settings.show_actors, settings.whole_sentences
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"{'✓ ' if p == points else ''}{t.settings_points_button(p)}",
                    callback_data=settings_data("p", p),
                )
                for p in settings_points(default)
            ],
            [
                InlineKeyboardButton(
                    t.hide_actors if show_actors else t.show_actors,
                    callback_data=settings_data("a", int(not show_actors)),
                )
            ],
            [
                InlineKeyboardButton(
                    t.shortened_points if whole else t.whole_sentences,
                    callback_data=settings_data("w", int(not whole)),
                )
            ],
        ]
    )
    return t.settings_view(points, show_actors, whole), keyboard
