"""The bot's own words in English and Russian: one `Texts` per language, plus translators for the English
messages and notes the pipeline core makes.

The UI language comes from the Telegram app's language (`User.language_code`): "ru…" gets Russian, anything else
English. Only the bot's own words change; an article's points and actors stay in the article's language.

Errors and digest notes are made in English by the core (fetch, extract, digest) and travel as data (a worker
process pickles them; the cache stores digests as JSON; the CLI prints them as they are). They are translated
here, at the edge, by recognising the known English texts; an unknown one is shown in English rather than lost.

Layout: `texts` (the shape of a language), `en` and `ru` (one module per language; Russian's translations of
the core's messages in `ru_core`, its plurals in `plural`), `registry` (the languages and the pick), and
`translate` (the core's English at the edge). Callers use only what `__all__` names.
"""

from __future__ import annotations

from bot.i18n.en import EN
from bot.i18n.plural import plural_ru
from bot.i18n.registry import LANGS, Lang, pick_language, texts
from bot.i18n.ru import RU
from bot.i18n.texts import Language, Texts
from bot.i18n.translate import error_text, language_name, note_text, source_label

__all__ = [
    "EN",
    "LANGS",
    "RU",
    "Lang",
    "Language",
    "Texts",
    "error_text",
    "language_name",
    "note_text",
    "pick_language",
    "plural_ru",
    "source_label",
    "texts",
]
