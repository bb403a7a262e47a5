"""The bot's words in English and Russian: the language pick, Russian plurals, a complete catalog, and Russian for
every error message the code can raise and every note a digest can carry."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import read_article

import bot
from bot import errors
from bot.i18n import (
    EN,
    LANGS,
    RU,
    Texts,
    error_text,
    language_name,
    note_text,
    pick_language,
    plural_ru,
    source_label,
    texts,
)
from bot.model import Article
from bot.pipeline.digest import TEASER_NOTE, make_digest
from bot.pipeline.lang import LANGUAGE_NAMES
from bot.sources.fetch import _STATUS_NAMES, _status_message
from tools.tgserver import parse_html

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------------------
# Picking the language


@pytest.mark.parametrize("code", ["ru", "ru-RU", "RU", "ru_RU", " ru-ua "])
def test_russian_app_languages_get_russian(code: str) -> None:
    assert pick_language(code) == "ru"


@pytest.mark.parametrize("code", [None, "", "en", "en-GB", "uk", "be", "kk", "de", "rus", "fr-RU"])
def test_every_other_language_gets_english(code: str | None) -> None:
    # Ukrainian and Belarusian users did not ask for Russian.
    assert pick_language(code) == "en"


# ---------------------------------------------------------------------------------------------------------------
# Plurals


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (0, "слов"),
        (1, "слово"),
        (2, "слова"),
        (4, "слова"),
        (5, "слов"),
        (11, "слов"),
        (12, "слов"),
        (14, "слов"),
        (21, "слово"),
        (22, "слова"),
        (25, "слов"),
        (101, "слово"),
        (111, "слов"),
        (112, "слов"),
        (1001, "слово"),
    ],
)
def test_russian_plural_forms(n: int, word: str) -> None:
    assert plural_ru(n, "слово", "слова", "слов") == word


@pytest.mark.parametrize(
    ("words", "minutes", "expected"),
    [
        (1, 1, "1 слово, 1 минута чтения"),
        (2, 2, "2 слова, 2 минуты чтения"),
        (5, 5, "5 слов, 5 минут чтения"),
        (11, 11, "11 слов, 11 минут чтения"),
        (21, 21, "21 слово, 21 минута чтения"),
        (112, 22, "112 слов, 22 минуты чтения"),
    ],
)
def test_russian_meta_line_counts_agree_with_their_numbers(words: int, minutes: int, expected: str) -> None:
    assert RU.words_and_reading_time(words, minutes) == expected


# ---------------------------------------------------------------------------------------------------------------
# The catalog: every text in every language

# A realistic argument list for each text that takes arguments. A new one must be added here, so the tests
# below see its output in every language.
SAMPLE_ARGS: dict[str, tuple[Any, ...]] = {
    "words_and_reading_time": (460, 2),
    "characters_and_reading_time": (1200, 3),
    "mentions": (3,),
    "forwarded_from": ("Elwen Daily",),
    "start": ("NewsDigestBot",),
    "help": ("NewsDigestBot",),
    "skipped": (3,),
    "auto_state": (True,),
    "settings_view": (5, False, True),
    "settings_points_button": (3,),
    "fewer_points": (3,),
    "more_points": (5,),
    "key_points_count": (4,),
}


def _rendered(t: Texts) -> Iterator[tuple[str, str]]:
    """(field name, text) for every text of a language; callables called with their sample arguments."""
    for f in dataclasses.fields(Texts):
        value = getattr(t, f.name)
        if isinstance(value, str):
            yield f.name, value
        elif callable(value):
            yield f.name, value(*SAMPLE_ARGS[f.name])
        else:  # the command menus
            for command, description in value:
                yield f"{f.name}[{command}]", description


def test_every_text_that_takes_arguments_has_sample_arguments() -> None:
    takes_args = {f.name for f in dataclasses.fields(Texts) if callable(getattr(EN, f.name))}
    assert takes_args == set(SAMPLE_ARGS)


def test_every_text_is_in_russian() -> None:
    # A field missing from RU fails at import (Texts has no defaults); an English text pasted into RU fails here.
    english = dict(_rendered(EN))
    for name, text in _rendered(RU):
        assert CYRILLIC.search(text), f"{name} is not in Russian: {text!r}"
        assert text != english[name], name


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_is_valid_telegram_html(lang: str) -> None:
    # Everything is sent with parse_mode=HTML (toasts too would show a stray tag as text).
    for name, text in _rendered(texts(lang)):  # type: ignore[arg-type]
        plain, _ = parse_html(text)
        assert plain.strip(), name


@pytest.mark.parametrize("lang", LANGS)
def test_command_menus_list_the_same_commands_in_every_language(lang: str) -> None:
    t = texts(lang)  # type: ignore[arg-type]
    assert [c for c, _ in t.private_commands] == [c for c, _ in EN.private_commands]
    assert [c for c, _ in t.group_commands] == [c for c, _ in EN.group_commands]
    assert all(1 <= len(d) <= 256 for _, d in (*t.private_commands, *t.group_commands))  # Bot API limits


def test_the_usage_hint_stays_one_line() -> None:
    assert "\n" not in RU.usage_hint and "\n" not in EN.usage_hint


def test_russian_texts_name_the_bot_in_the_start_and_help_messages() -> None:
    assert "@NewsDigestBot" in RU.start("NewsDigestBot") and "@NewsDigestBot" in RU.help("NewsDigestBot")


# ---------------------------------------------------------------------------------------------------------------
# Language names and sources


def test_every_language_the_bot_detects_has_a_russian_name() -> None:
    for name in set(LANGUAGE_NAMES.values()):
        assert CYRILLIC.search(language_name(name, "ru")), name
    assert language_name("Russian", "ru") == "русский"
    assert language_name("English", "ru") == "английский"


def test_language_names_fall_back_to_english_and_stay_english_in_english() -> None:
    assert language_name("Klingon", "ru") == "Klingon"
    assert language_name("Russian", "en") == "Russian"


def test_forward_credits_are_translated_and_other_sources_left_alone() -> None:
    assert source_label("Forwarded from Elwen Daily", "ru") == "Переслано от Elwen Daily"
    assert source_label(EN.hidden_sender_credit, "ru") == "Переслано от скрытого отправителя"
    assert source_label("report.txt", "ru") == "report.txt"
    assert source_label("Forwarded from Elwen Daily", "en") == "Forwarded from Elwen Daily"


# ---------------------------------------------------------------------------------------------------------------
# Errors: every message a raise site in bot/ can make has Russian

BOT_DIR = Path(bot.__file__).resolve().parent
ERROR_CLASSES: dict[str, type[errors.NewsbotError]] = {
    cls.__name__: cls
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, errors.NewsbotError)
}
# A realistic value for each expression an f-string message interpolates (a new one must be added here).
PLACEHOLDER_SAMPLES = {
    "len(raw) // 1000000 or 1": "3",
    "words": "12",
    "characters": "40",
    "type(exc).__name__": "RemoteProtocolError",
    "encoding": "x-mac-klingon",
    "content_type": "image/png",
}


@dataclasses.dataclass(frozen=True)
class RaiseSite:
    where: str
    message: str
    details: tuple[str, ...]  # the interpolated values, which the Russian must keep


def _message_of(call: ast.Call, where: str) -> RaiseSite | None:
    cls = ERROR_CLASSES[call.func.id]  # type: ignore[attr-defined]
    args = [*call.args, *(k.value for k in call.keywords if k.arg == "user_message")]
    if not args:
        return RaiseSite(where, cls.default_message, ())
    arg = args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return RaiseSite(where, arg.value, ())
    if isinstance(arg, ast.JoinedStr):
        text, details = "", []
        for part in arg.values:
            if isinstance(part, ast.Constant):
                text += str(part.value)
            else:
                assert isinstance(part, ast.FormattedValue)
                source = ast.unparse(part.value)
                assert source in PLACEHOLDER_SAMPLES, f"{where}: add a sample for {{{source}}}"
                text += PLACEHOLDER_SAMPLES[source]
                details.append(PLACEHOLDER_SAMPLES[source])
        return RaiseSite(where, text, tuple(details))
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "_status_message":
        return None  # every status: test_every_http_status_message_has_russian
    pytest.fail(
        f"{where}: a message this test can't read ({ast.unparse(arg)}); teach it, and bot/i18n/ru_core.py"
    )


def _raise_sites() -> list[RaiseSite]:
    sites = []
    for path in sorted(BOT_DIR.rglob("*.py")):  # every package: a moved raise site must stay seen
        name = path.relative_to(BOT_DIR).as_posix()
        if name == "cli.py":  # the CLI's own messages are for the terminal, in English only
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
                and node.exc.func.id in ERROR_CLASSES
            ):
                site = _message_of(node.exc, f"{name}:{node.lineno}")
                if site is not None:
                    sites.append(site)
    return sites


RAISE_SITES = _raise_sites()


def test_the_raise_sites_are_found_in_every_module_that_raises() -> None:
    modules = {s.where.split(":")[0] for s in RAISE_SITES}
    assert {"sources/fetch.py", "sources/extract.py", "pipeline/digest.py"} <= modules
    assert any(m.startswith("telegram/") for m in modules)
    assert len(RAISE_SITES) > 30


@pytest.mark.parametrize("site", RAISE_SITES, ids=[s.where for s in RAISE_SITES])
def test_every_error_message_has_russian_with_its_details(site: RaiseSite) -> None:
    russian = error_text(site.message, "ru")
    assert russian != site.message and CYRILLIC.search(russian), f"{site.where}: {site.message!r}"
    for detail in site.details:
        assert detail in russian
    assert error_text(site.message, "en") == site.message


@pytest.mark.parametrize("cls", list(ERROR_CLASSES.values()), ids=list(ERROR_CLASSES))
def test_every_error_class_default_message_has_russian(cls: type[errors.NewsbotError]) -> None:
    assert CYRILLIC.search(error_text(cls().user_message, "ru"))


@pytest.mark.parametrize("status", [*sorted(_STATUS_NAMES), 400, 418, 500, 503])
def test_every_http_status_message_has_russian(status: int) -> None:
    english = _status_message(status)
    russian = error_text(english, "ru")
    assert CYRILLIC.search(russian) and f"{status}" in russian
    assert not re.search(r"[a-z]{3}", russian), russian  # the status's name is translated too
    assert ("позже" in russian) == (status >= 500)  # "try later" only when the site is in trouble


def test_too_short_counts_its_words_in_russian() -> None:
    english = "That's too short to summarize (3 words). Send the whole article or a link to it."
    assert "(3 слова)" in error_text(english, "ru")


def test_an_unknown_error_message_is_shown_in_english_rather_than_lost() -> None:
    assert error_text("The flux capacitor is out of sync.", "ru") == "The flux capacitor is out of sync."


# ---------------------------------------------------------------------------------------------------------------
# Digest notes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("id-banjir.txt", "индонезийский"),
        ("de-hochwasser.txt", "немецкий"),
    ],
)
def test_notes_of_real_digests_are_translated(name: str, expected: str) -> None:
    d = make_digest(Article(text=read_article(name)))
    notes = [n for n in [d.actors_note, *d.extra.get("notes", [])] if n]
    assert notes
    for note in notes:
        russian = note_text(note, "ru")
        assert CYRILLIC.search(russian) and expected in russian, note
        assert note_text(note, "en") == note


@pytest.mark.parametrize(
    ("missing", "what"),
    [
        (["stemming"], "стемминга"),
        (["stop words"], "списка стоп-слов"),
        (["stemming", "stop words"], "стемминга и списка стоп-слов"),
    ],
)
def test_every_missing_language_support_note_is_translated(missing: list[str], what: str) -> None:
    note = (
        f"Thai is summarized without language-specific {' and '.join(missing)}."  # as bot/digest.py words it
    )
    assert note_text(note, "ru") == (
        f"Язык статьи — тайский: ключевые моменты выбраны без {what} для этого языка."
    )


def test_an_older_actors_note_from_the_cache_is_translated_too() -> None:
    old = "Named actors are listed for English articles only; this one is in Indonesian."
    assert note_text(old, "ru") == (
        "Действующих лиц я выделяю только в статьях на английском, а язык этой статьи — индонезийский."
    )


def test_the_paywall_teaser_note_is_translated() -> None:
    russian = note_text(TEASER_NOTE, "ru")
    assert CYRILLIC.search(russian) and "платная" in russian
    assert note_text(TEASER_NOTE, "en") == TEASER_NOTE


def test_an_unknown_note_stays_english() -> None:
    assert note_text("Something new the pipeline says.", "ru") == "Something new the pipeline says."
