"""Which person each person mention stands for: a surname, a first name or a two-word surname joins the
full name the text gives, and a royal title alone ("the Queen") the one royal it names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.names import _canonical
from bot.pipeline.actors.en.vocabulary import _NAME_SUFFIX, _REGNAL
from bot.pipeline.actors.gazetteer import _countries


@dataclass
class _People:
    """The people a text names: the full name each person mention stands for, and the full names by surname."""

    names: dict[str, str] = field(default_factory=dict)  # mention text → full name
    by_surname: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _people(mentions: Sequence[Mention]) -> _People:
    """The full name each person mention stands for."""
    countries, _ = _countries()
    # Full person names first, so a bare surname can find its person.
    persons = sorted(
        (m for m in mentions if m.label == "PERSON" and _canonical(m) not in countries.values()),
        key=lambda m: -len(m.text.split()),
    )
    people = _People()
    for m in persons:
        first, last = _person_key(m.text)
        if not last:
            continue
        target = _known_person(m.text, first, last, people)
        if target is None:
            target = m.text
            people.by_surname[last].append(target)
        people.names[m.text] = target
    return people


def _known_person(text: str, first: str, last: str, people: _People) -> str | None:
    """The full name found so far that a person mention stands for: the first of these finders that finds one."""
    for finder in (_by_surname, _by_two_word_surname, _by_first_name):
        if (name := finder(text, first, last, people)) is not None:
            return name
    return None


def _by_surname(text: str, first: str, last: str, people: _People) -> str | None:
    """A person of this surname whose first name agrees, or who has none or is named without one."""
    for name in people.by_surname.get(last, []):
        cfirst, _ = _person_key(name)
        if not first or not cfirst or _same_first_name(first, cfirst):
            return name
    return None


def _by_two_word_surname(text: str, first: str, last: str, people: _People) -> str | None:
    # A surname of two words written without the first name: "Duncan Smith" is "Iain Duncan Smith",
    # "Van Gaal" is "Louis van Gaal".
    if not first:
        return None
    tail = " " + text.lower()
    return next((n for n in people.by_surname.get(last, []) if n.lower().endswith(tail)), None)


def _by_first_name(text: str, first: str, last: str, people: _People) -> str | None:
    # A lone word may be a first name ("Vladimir") of a known person, or a new person.
    if first:
        return None
    for name in people.names.values():
        if _person_key(name)[0] == last:
            return name
    return None


def _royals_titled(names: Iterable[str], title: str) -> set[str]:
    """The one-name royals among `names` whose title is `title` (lower case): "the Queen" is one of them."""
    return {n for n in names if _REGNAL.match(n) and _person_key(n)[0] == title}


def _person_key(name: str) -> tuple[str, str]:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIX]
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower() if words else "")


def _same_first_name(a: str, b: str) -> bool:
    """ "J." and "John", "Alex" and "Alexander" may be one person; "Shamima" and "Sharmeena" are two."""
    a, b = a.rstrip("."), b.rstrip(".")
    return a.startswith(b) or b.startswith(a)
