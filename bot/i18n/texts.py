"""The catalog's shape: `Texts` (everything the bot writes itself, in one language) and `Language` (one language
as a plug-in: its texts, and how it says the English messages the pipeline core makes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# A known English message with variable parts, and how to say it in another language from the parts.
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


@dataclass(frozen=True)
class Texts:
    """Everything the bot writes itself, in one language. No field has a default, so a language that misses one
    does not even import (and mypy says which)."""

    # Digests (render.py)
    digest: str  # the title of a digest that has none
    whos_who: str
    also_named: str
    source: str  # the link text when a digest's source has no readable name
    key_points_heading: str  # plain text
    actors_heading: str  # plain text
    kind_person: str
    kind_organization: str
    kind_place: str
    words_and_reading_time: Callable[[int, int], str]  # (words, minutes)
    characters_and_reading_time: Callable[[int, int], str]  # (characters, minutes): scripts without spaces
    mentions: Callable[[int], str]
    forwarded_from: Callable[[str], str]
    hidden_sender_credit: str  # the whole credit of a post forwarded from a hidden sender

    # Chat messages (handlers.py); HTML where noted
    start: Callable[[str], str]  # HTML; the bot's @username
    help: Callable[[str], str]  # HTML; the bot's @username
    reading: str  # HTML: the placeholder while a slow digest is made
    updated_below: str  # HTML: an old part of a digest that was rewritten below
    already_updated: str
    usage_hint: str  # HTML, one line
    apology: str
    nothing_to_read: str  # one line: what the bot reads (the answer to a sticker, a photo without a caption…)
    unknown_command: str
    recently_summarized: str
    skipped: Callable[[int], str]  # how many messages were skipped, from the one this replies to on
    auto_groups_only: str
    auto_state: Callable[[bool], str]  # HTML
    auto_admins_only: str
    auto_turned_off: str
    auto_turned_on: str
    auto_privacy_note: str  # HTML, appended to auto_turned_on
    settings_view: Callable[[int, bool, bool], str]  # HTML; (points, actors shown, whole sentences)
    settings_points_button: Callable[[int], str]
    hide_actors: str
    show_actors: str
    whole_sentences: str  # the button that turns whole sentences on
    shortened_points: str  # …and off
    settings_admins_only: str
    saved: str

    # The keyboard under a digest and the answers to its buttons
    fewer_points: Callable[[int], str]
    more_points: Callable[[int], str]
    open_source: str
    key_points_count: Callable[[int], str]
    digest_too_old_chat: str
    digest_too_old_inline: str
    wait_a_moment: str
    original_gone: str
    message_deleted: str

    # Inline mode
    inline_hint: str
    too_many_requests_title: str
    too_many_requests_text: str
    still_reading_title: str
    still_reading_text: str
    cannot_summarize_title: str

    # Command menus: (command, description); the same commands, in the same order, in every language
    private_commands: tuple[tuple[str, str], ...]
    group_commands: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CoreTranslation:
    """How one language says the English the core makes: errors' `user_message`s, digest notes and language
    names. A text that no entry knows is shown in English rather than lost."""

    language_names: Mapping[str, str]  # by the English name (what a digest carries, old cached ones too)
    errors: Mapping[str, str]  # exact English error messages
    error_rules: Sequence[Rule]  # error messages with details (a status, a count, a name)
    note_rules: Sequence[Rule]  # digest notes


@dataclass(frozen=True)
class Language:
    """One language the bot speaks. Adding a language = one module that makes one of these, plus its entry in
    `bot.i18n.registry`."""

    texts: Texts
    core: CoreTranslation | None  # None: the core's own language (English), shown as it is
