"""The searches for a title or occupation before a name: the quick tests that spare them never change a result."""

from __future__ import annotations

import re

import pytest

from bot.pipeline.actors.en.roles import _occupation_before_match, _role_before
from bot.pipeline.actors.en.vocabulary import _OCCUPATION_BEFORE, _ROLE_BEFORE, _SENTENCE_END

# Invented text before a name: titles (one word, several, abbreviated, "of" an office, any case), occupations
# (one word, two, glued inside a longer word), text in other scripts and accents, and none of these.
BEFORE = [
    "On Monday the visit was confirmed by President ",
    "Talks were led by Foreign Minister ",
    "said South Dakota Gov. ",
    "Lt. Gen. ",
    "the prosecutor, Director of Public Prosecutions ",
    "the acting deputy mayor ",
    "Acme's chief executive ",
    "BART Police Chief ",
    "a former PRESIDENT ",
    "the Préfet and Président ",
    "Le président ",
    "according to Preſident ",
    "Tottenham manager ",
    "military historian ",
    "Browns point guard ",
    "the 24-year-old striker ",
    "her mother ",
    "a superstar ",
    "the keeper\n",
    "historian",
    "No title at all here ",
    "",
    " ",
    "Мэр города ",
    "Dr. ",
    "presidential hopeful ",
    "the Presidents ",
]


@pytest.mark.parametrize("before", BEFORE)
def test_sparing_the_title_search_never_changes_what_it_finds(before: str) -> None:
    assert _spans(_role_before(before)) == _spans(_ROLE_BEFORE.search(before))


@pytest.mark.parametrize("before", BEFORE)
def test_sparing_the_occupation_search_never_changes_what_it_finds(before: str) -> None:
    assert _spans(_occupation_before_match(before)) == _spans(_OCCUPATION_BEFORE.search(before))


def test_the_titles_and_occupations_are_still_found() -> None:
    assert _role_before("Talks were led by Foreign Minister ") is not None
    assert _role_before("the prosecutor, Director of Public Prosecutions ") is not None
    assert _occupation_before_match("Browns point guard ") is not None
    assert _occupation_before_match("No title at all here ") is None


@pytest.mark.parametrize(
    "text",
    [
        "He left. Then Gov. Roe spoke",
        "Mr. Roe! Later",
        "A. B. Smith said. No.",
        "line one\nline two",
        "No end",
    ],
)
def test_sentence_ends_are_found_where_they_were(text: str) -> None:
    old = re.compile(_SENTENCE_END.pattern.removeprefix("(?=[.!?])"))
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in old.finditer(text)]


def _spans(match: re.Match[str] | None) -> tuple[tuple[int, int], tuple[str | None, ...]] | None:
    return None if match is None else (match.span(), match.groups())
