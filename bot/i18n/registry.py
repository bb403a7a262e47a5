"""The languages the bot speaks, and which one a user gets.

A new language is one module making a `Language` (like `en.py`, `ru.py`) plus its code in `Lang` and its entry
in `LANGUAGES` below; the tests then demand every text, in the same command order, and valid Telegram HTML.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.i18n.en import LANGUAGE as ENGLISH
from bot.i18n.ru import LANGUAGE as RUSSIAN
from bot.i18n.texts import Language, Texts

Lang = Literal["en", "ru"]
LANGUAGES: dict[Lang, Language] = {"en": ENGLISH, "ru": RUSSIAN}
LANGS: tuple[Lang, ...] = tuple(LANGUAGES)


def pick_language(code: str | None) -> Lang:
    """The UI language for a Telegram language code (IETF tag), by its primary subtag: "ru", "ru-RU" → "ru";
    anything the bot does not speak → "en".

    Ukrainian and Belarusian users get English: a Russian UI is not what they asked their app for.
    """
    if code:
        primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
        for lang in LANGS:
            if primary == lang:
                return lang
    return "en"


def texts(lang: Lang) -> Texts:
    return LANGUAGES[lang].texts
