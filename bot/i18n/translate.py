"""Translating, at the edge, the English the pipeline core makes: errors, digest notes, language names and a
digest's non-link source. Each is recognised among the known English texts; an unknown one is shown in English
rather than lost."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.i18n.en import EN
from bot.i18n.registry import LANGUAGES, Lang, texts
from bot.i18n.texts import Rule


def language_name(english_name: str, lang: Lang) -> str:
    """A language's name in the UI language; the English name (or the bare code) when there is no other."""
    core = LANGUAGES[lang].core
    if core is None:
        return english_name
    return core.language_names.get(english_name, english_name)


def source_label(label: str, lang: Lang) -> str:
    """A digest's non-link source in the UI language: the "Forwarded from …" credit is the bot's own words."""
    if lang == "en":
        return label
    if label == EN.hidden_sender_credit:
        return texts(lang).hidden_sender_credit
    prefix = EN.forwarded_from("")
    if label.startswith(prefix) and len(label) > len(prefix):
        return texts(lang).forwarded_from(label[len(prefix) :])
    return label


def _translate(text: str, exact: Mapping[str, str], patterns: Sequence[Rule]) -> str | None:
    found = exact.get(text)
    if found is not None:
        return found
    for pattern, make in patterns:
        m = pattern.fullmatch(text)
        if m is not None:
            return make(m)
    return None


def error_text(message: str, lang: Lang) -> str:
    """An error's `user_message` in the UI language; the English message itself when it is not a known one (an
    unknown detail is better shown in English than lost)."""
    core = LANGUAGES[lang].core
    if core is None:
        return message
    return _translate(message, core.errors, core.error_rules) or message


def note_text(note: str, lang: Lang) -> str:
    """A digest note in the UI language; the English note when it is not a known one."""
    core = LANGUAGES[lang].core
    if core is None:
        return note
    return _translate(note, {}, core.note_rules) or note
