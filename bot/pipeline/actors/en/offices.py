"""Heads of state and government: the office the text gives a country's leader without writing it at the name
("Lukashenko of Belarus" … "the office of the president of Belarus", "the Belarusian leader" → President of
Belarus), a demonym's office put as the office of the country ("Russian President" → President of Russia), and
an office the text names alone for the person it has just named ("David Roe said… The Prime Minister added")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.pipeline.actors.en.model import _Cluster
from bot.pipeline.actors.gazetteer import _countries

# The offices that head a state or a government, as a text writes them in lower case, most specific first.
_OFFICES = ("prime minister", "president", "chancellor", "premier", "king", "queen", "emir", "leader")
_OFFICE = "|".join(_OFFICES)
# Offices a story has one holder of, written alone as that person's name ("The Prime Minister said").
_SOLE_OFFICES = (
    "Prime Minister|Deputy Prime Minister|President|Vice President|Chancellor|First Minister|Premier|"
    "Foreign Secretary|Home Secretary|Secretary of State|Attorney General|Governor|Mayor|Pope"
)
_OFFICE_ALONE = re.compile(rf"\b[Tt]he ({_SOLE_OFFICES})\b(?![ \t]+(?:of\b|[A-Z]))")


@cache
def _forms(country: str) -> tuple[str, ...]:
    """Every way the gazetteer writes a country ("Belarus", "Belarusian"; "US", "America", "American")."""
    table, _ = _countries()
    return tuple(a for a, c in table.items() if c == country and not a.startswith(("the ", "The ")))


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _offices_named(text: str, country: str) -> set[str]:
    """The head-of-state or government offices the text names for `country` in its own words: "the president
    of Belarus", "Belarus's president", "the Belarusian leader", "the US president" (not a title before a name:
    "Belarusian President Ivan Roe" is Roe's, read at his name)."""
    forms = _alternation(_forms(country))
    found: set[str] = set()
    patterns = (
        rf"\b(?i:{_OFFICE})\s+of\s+(?:the\s+)?(?:{forms})\b",
        rf"\b(?:{forms})['’]s?\s+(?:[a-z][\w-]*\s+)?(?:{_OFFICE})\b(?!\s+[A-Z])",
        rf"\b(?:the|a|an)\s+(?:{forms})\s+(?:{_OFFICE})\b(?!\s+[A-Z])",
    )
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            phrase = m.group(0).lower()
            found.update(o for o in _OFFICES if re.search(rf"\b{o}\b", phrase))
    return found


def _office_of(role: str) -> tuple[str, str] | None:
    """A role that is a country's name or demonym and an office ("Russian President", "US President", "South
    Korean leader"): (office, country)."""
    words = role.split()
    table, _ = _countries()
    for cut in range(len(words) - 1, 0, -1):
        head, office = " ".join(words[:cut]), " ".join(words[cut:]).lower()
        if head in table and office in _OFFICES:
            return office, table[head]
    return None


def _titled(office: str, country: str) -> str:
    """ "President of Belarus"; "President of the United States" where the gazetteer writes it with "the"."""
    table, _ = _countries()
    the = "the " if table.get(f"the {country}") == country else ""
    return f"{office.title()} of {the}{country}"


def _country_tie(c: _Cluster) -> str | None:
    """The country a person is written as representing: a role that is only the country ("Lukashenko of
    Belarus") or a demonym and an office ("the Belarusian leader X")."""
    table, _ = _countries()
    for role in (*c.strong_roles, *c.roles, *c.person_roles):
        if role in table and table[role] == role:
            return role
        if (office := _office_of(role)) is not None:
            return office[1]
    return None


def _give_offices(text: str, clusters: Sequence[_Cluster]) -> None:
    """Give each country's one representative the office the text names for that country, and put a demonym's
    office as the country's ("Russian President" → "President of Russia"). A country two people represent, or
    for which the text names two offices, is left as it is: the text does not say whose is which."""
    people = [c for c in clusters if c.kind_votes["PERSON"] * 2 > c.kind_votes.total()]
    for c in people:
        for pool in (c.roles, c.strong_roles, c.person_roles):
            pool[:] = [_titled(*found) if (found := _office_of(r)) else r for r in pool]
    ties: dict[str, list[_Cluster]] = {}
    for c in people:
        if (country := _country_tie(c)) is not None:
            ties.setdefault(country, []).append(c)
    for country, tied in ties.items():
        if len(tied) != 1:
            continue
        (person,) = tied
        offices = _offices_named(text, country)
        specific = [o for o in _OFFICES if o in offices and o != "leader"]
        if len(specific) > 1:
            continue
        office = specific[0] if specific else ("leader" if offices else None)
        role = _titled(office, country) if office else None
        # "the president of Russia" is Putin's when the text already titles him so, not another Russian's.
        holders = [c for c in people if role in (*c.roles, *c.strong_roles, *c.person_roles)]
        if role is None or holders:
            continue
        person.strong_roles.insert(0, role)
        person.roles.insert(0, role)
    _give_office_alone(text, people)


def _give_office_alone(text: str, people: Sequence[_Cluster]) -> None:
    """An office written alone ("The Prime Minister said") is the story's main person's, when the text names
    them last before it, they have no role yet and no one else holds that office. The main person is the one
    named more often than anyone else in full ("Labour" may be voted a person; a bare surname may be anyone's)."""
    named = sorted((c for c in people if len(c.name.split()) >= 2), key=lambda c: -c.mentions)
    if not named or (len(named) > 1 and named[1].mentions == named[0].mentions):
        return
    main = named[0]
    if main.roles or main.strong_roles:
        return
    held = [r.lower() for c in people for r in (*c.roles, *c.strong_roles, *c.person_roles)]
    for m in _OFFICE_ALONE.finditer(text):
        office = m.group(1)
        if not any(office.lower() in r for r in held) and _named_last(text, m.start(), named) is main:
            main.strong_roles.insert(0, office)
            main.roles.insert(0, office)
            return


def _named_last(text: str, before: int, people: Sequence[_Cluster]) -> _Cluster | None:
    """The person whose name the text writes last before `before`."""
    best: tuple[int, _Cluster] | None = None
    for c in people:
        for form in c.forms:
            at = text.rfind(form, 0, before)
            while at >= 0 and ((at > 0 and text[at - 1].isalnum()) or not _ends_word(text, at + len(form))):
                at = text.rfind(form, 0, at) if at > 0 else -1
            if at >= 0 and (best is None or at > best[0]):
                best = (at, c)
    return best[1] if best else None


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalnum()
