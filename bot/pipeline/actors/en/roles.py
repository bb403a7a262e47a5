"""Roles: what the text says a person or organization is, read right at one mention (a title, an office,
an appositive, an occupation, a predicate), and the role shown for an actor."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.vocabulary import (
    _ABBREVIATED_TITLE,
    _APPOINTS,
    _APPOSITIVE,
    _FUNCTION_WORDS,
    _LEADING_DET,
    _OCCUPATION_BEFORE,
    _OCCUPATION_FRAMED,
    _OCCUPATION_SET,
    _OF_PLACE,
    _OPENS_A_CLAUSE,
    _PREDICATE_ROLE,
    _PREPOSITIONS,
    _ROLE_BEFORE,
    _ROLE_NOUN,
    _SENTENCE_ADVERBS,
    _SENTENCE_END,
    _STOPS_BEFORE_ROLE,
    _TITLE_IN_FULL,
    _TITLE_PREFIX,
    _TITLE_WORDS,
    _VERBS_OF_A_CLAUSE,
)
from bot.pipeline.actors.gazetteer import _countries

# A role read at a mention, and whether it vouches for an actor on its own.
_Role = tuple[str, bool]


@dataclass(frozen=True)
class _Near:
    """The text around one mention that its role is read from."""

    mention: Mention
    before: str  # up to 80 characters before it, from the start of its sentence
    after: str  # up to 120 characters after it, past a short parenthesis
    common: frozenset[str]  # the words the text writes in lower case (`_common_words`)


def _role_near(text: str, m: Mention, common: frozenset[str] = frozenset()) -> _Role | None:
    """The role the text gives a person or organization right at this mention, and whether it vouches for an
    actor: a title, office or appositive does; an occupation before a name ("Arsenal boss X") is also how
    people named in passing are introduced, so it does not on its own."""
    near = _near(text, m, common)
    title, vouches = _title(near)
    for finder in _ROLE_FINDERS:
        if (role := finder(near, title, vouches)) is not None:
            return role
    return None


def _near(text: str, m: Mention, common: frozenset[str]) -> _Near:
    before = text[max(0, m.start - 80) : m.start]
    boundaries = list(_SENTENCE_END.finditer(before))
    before = before[boundaries[-1].end() :] if boundaries else before
    after = text[m.end : m.end + 120]
    after = re.sub(r"^\s*\([^()]{1,20}\)", "", after)  # "Tom Pike (R-Va.), ranking member of …"
    return _Near(m, before, after, common)


def _title(near: _Near) -> tuple[str | None, bool]:
    """The title or occupation written at a person's name, and whether it vouches: the first of the title
    finders that finds one; (None, True) when none does or the mention is not a person's."""
    if near.mention.label != "PERSON":
        return None, True
    for finder in _TITLE_FINDERS:
        if (found := finder(near)) is not None:
            title, vouches = found
            if title and title.lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "prof"}:
                return None, vouches
            return title, vouches
    return None, True


def _occupation_opening_name(near: _Near) -> _Role | None:
    """An occupation as the entity's first word ("Veterinarian Jane Roe"): does not vouch."""
    words = near.mention.raw.split()
    first_word = words[0] if words else ""
    if first_word.lower() in _OCCUPATION_SET and len(words) >= 2:
        return first_word, False
    return None


def _title_inside(near: _Near) -> _Role | None:
    """The title inside the entity ("President Vladimir V. Putin")."""
    inner = _TITLE_PREFIX.match(" ".join(near.mention.raw.split()))
    if not inner:
        return None
    title = inner.group(0).strip()
    # "First Lady Jill Roe" tagged "Lady Jill Roe": the title may start before the entity.
    longer = _ROLE_BEFORE.search(near.before + title)
    if longer and len(longer.group(1)) > len(title) and longer.group(1).split()[0][:1].isupper():
        title = longer.group(1).strip()
    return title, True


def _title_before(near: _Near) -> _Role | None:
    """The title just before the name ("Tottenham manager X", "South Dakota Gov. Kristi Noem")."""
    found = _role_before(near.before)
    if not found:
        return None
    words = found.group(1).split()
    # Dropped from the front: a capitalized function word or adverb ("Yesterday Tottenham manager X", "The
    # acting…"); an ordinary word capitalized only for opening a sentence, quotation or clause; lower-case words
    # before an owner's name ("It will suit Sterling's representative X"). Inside a sentence a capitalized word is
    # the name's ("Indiana State Teachers Association President X"), and a title keeps its own words.
    prefix = near.before[: found.start(1)].rstrip()
    opens = not prefix or prefix[-1] in "\"'“‘(:—–-"
    owner = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s"))), -1)
    while (
        len(words) > 1
        and not _TITLE_PREFIX.match(" ".join(words) + " ")  # the title itself stays ("Prime Minister")
        and (
            words[0].lower() in _FUNCTION_WORDS | _SENTENCE_ADVERBS
            or (opens and words[0].lower() in near.common)
            or (owner > 0 and words[0][:1].islower())
        )
    ):
        words, owner, opens = words[1:], owner - 1, False
    return " ".join(words), True


def _occupation_framed(near: _Near) -> _Role | None:
    """An occupation before the name set off by commas ("Luna's lawyer, Jim Berry, said")."""
    framed = _OCCUPATION_FRAMED.search(near.before)
    if framed and near.after.startswith(","):
        # "the judgment of another witness, X," → "another witness": the role starts after the last small word.
        words = _after_last_stop(framed.group(1).split())
        return _LEADING_DET.sub("", " ".join(words)), True
    return None


def _after_last_stop(words: list[str]) -> list[str]:
    """The words after the last function word, preposition or verb that may come before a role ("after his
    daughter" → "daughter", "O'Neill hopes jockey" → "jockey")."""
    cut = [i for i, w in enumerate(words) if w.lower() in _STOPS_BEFORE_ROLE]
    return words[cut[-1] + 1 :] if cut else words


def _occupation_opening_sentence(near: _Near) -> _Role | None:
    """ "Witness Louie Solano told…": the occupation opens the sentence; does not vouch."""
    opener = near.before.strip()
    if opener.lower() in _OCCUPATION_SET and opener[:1].isupper():
        return opener, False
    return None


def _occupation_before(near: _Near) -> _Role | None:
    """A lower-case occupation just before the name ("military historian X"): does not vouch."""
    occupation = _occupation_before_match(near.before)
    if not occupation:
        return None
    words = _after_last_stop(occupation.group(1).split())
    # A capitalized word that the text also writes in lower case opens the sentence ("Yesterday
    # respected analyst X"); it is not part of the role as a team or place name would be.
    while len(words) > 1 and words[0][:1].isupper() and words[0].lower() in near.common:
        words = words[1:]
    title = _LEADING_DET.sub("", " ".join(words))
    return (title, False) if title else None


# The two searches above end at the end of the text before a name, and the regex engine tries every start
# before it: a quick test of what any match must hold spares the search where none can be (4 in 5 mentions).
_TITLE_FIRST_WORDS = frozenset(
    m.group().lower() for t in _TITLE_WORDS.split("|") if (m := re.match(r"[A-Za-z]+", t))
)
_TITLE_ANYWHERE = re.compile(rf"\b(?:{_TITLE_WORDS})", re.IGNORECASE)
_OCCUPATION_ENDINGS = tuple(_OCCUPATION_SET)


def _role_before(before: str) -> re.Match[str] | None:
    """`_ROLE_BEFORE.search(before)`, spared where no title word is written (a match holds one)."""
    # In ASCII text a title word's first letters are a word of the text, in any case, as the search ignores it;
    # elsewhere case folds in ways a lower-cased word does not show, so the title words are searched for.
    if before.isascii():
        if _TITLE_FIRST_WORDS.isdisjoint(re.findall(r"[a-z]+", before.lower())):
            return None
    elif not _TITLE_ANYWHERE.search(before):
        return None
    return _ROLE_BEFORE.search(before)


def _occupation_before_match(before: str) -> re.Match[str] | None:
    """`_OCCUPATION_BEFORE.search(before)`, spared unless an occupation ends the text before its last spaces."""
    if not before[-1:].isspace() or not before.rstrip().endswith(_OCCUPATION_ENDINGS):
        return None
    return _OCCUPATION_BEFORE.search(before)


# Tried in turn at a person's name; the first that finds a title wins.
_TITLE_FINDERS: tuple[Callable[[_Near], _Role | None], ...] = (
    _occupation_opening_name,
    _title_inside,
    _title_before,
    _occupation_framed,
    _occupation_opening_sentence,
    _occupation_before,
)


def _place_after(after: str) -> str | None:
    """The place of an "of <Place>" right after the name, if there is one."""
    of_place = _OF_PLACE.match(after)
    # "President Macron of France. Charles praised…": the place ends at the sentence's full stop.
    return re.split(r"\.\s", of_place.group(1))[0] if of_place else None


def _title_of_place(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """A title and the place it is of ("President Macron of France")."""
    place = _place_after(near.after)
    if title and place is not None:
        return f"{title} of {place}", True
    return None


def _appositive(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """An appositive that names an office, a relation or a body (", the chief executive of Acme,")."""
    appositive = _APPOSITIVE.match(near.after)
    if appositive:
        phrase = appositive.group(1).strip()
        if not _a_noun_phrase(phrase):
            return None
        phrase = _LEADING_DET.sub("", phrase)
        if _ROLE_NOUN.search(phrase) and len(phrase.split()) <= 10:
            return phrase, True
    return None


def _a_noun_phrase(phrase: str) -> bool:
    """Whether what follows a name's comma says what it is, not what happens: no relative pronoun or conjunction
    first (", who sits on the committee", ", and her boyfriend,"), no verb of its own before a relative clause
    (", the news agency said", ", the famous chef has filed for divorce", ", the zoo's director told Fox 8")."""
    words = [w.lower() for w in phrase.split()]
    if not words or words[0] in _OPENS_A_CLAUSE | _PREPOSITIONS | {"according"}:
        return False  # ", according to the Reuters news agency," says where it is from
    own = itertools.takewhile(lambda w: w not in _OPENS_A_CLAUSE, words)
    return not any(w in _VERBS_OF_A_CLAUSE for w in own)


def _vouching_title(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """The title found, when it vouches on its own."""
    return (title, True) if title and vouches else None


def _predicate(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """A role the sentence gives after the name ("Roe is the chief executive of Acme", "X as the club's coach")."""
    predicate = _PREDICATE_ROLE.match(near.after)
    if predicate and re.match(r"\s+as\b", near.after) and not _APPOINTS.search(near.before):
        return None  # "on Snapgram as the striker took a break": "as" opens a clause about someone else
    if predicate:
        return _LEADING_DET.sub("", (predicate.group(1) or predicate.group(2)).strip()), True
    return None


def _occupation(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """A title or occupation that does not vouch on its own."""
    return (title, False) if title else None


def _country_of(near: _Near, title: str | None, vouches: bool) -> _Role | None:
    """The country a person is "of", when the text gives no other role."""
    place = _place_after(near.after)
    if near.mention.label == "PERSON" and place is not None and place in _countries()[0]:
        return place, True
    return None


# Tried in turn with the title found (if any); the first that finds a role wins.
_ROLE_FINDERS: tuple[Callable[[_Near, str | None, bool], _Role | None], ...] = (
    _title_of_place,
    _appositive,
    _vouching_title,
    _predicate,
    _occupation,
    _country_of,
)


def _best_role(pool: Sequence[str]) -> str:
    """The role the text gives most often, a fuller one counting the shorter ones it ends with ("Coronation
    Street actress" over "actress" said twice); ties go to the one given first, as a story introduces people."""
    counts = Counter(pool)

    def fuller(r: str, q: str) -> bool:
        # Only a name or a number makes a role fuller ("Seinfeld star", "26-year-old student"), not any word
        # a pattern caught ("billion firm's CEO").
        return r.lower().endswith(" " + q.lower()) and (r[:1].isupper() or r[:1].isdigit())

    support = {r: sum(n for q, n in counts.items() if q.lower() == r.lower() or fuller(r, q)) for r in counts}
    return max(counts, key=lambda r: support[r])  # max keeps the first of equals: Counter keeps text order


def _clean_role(role: str) -> str:
    role = _ABBREVIATED_TITLE.sub(lambda m: _TITLE_IN_FULL[m.group(0)], role)
    role = role.strip(" ,.'’\"”")
    # A quote the cut left open ("self-styled 'King of Instagram"): drop its opening mark.
    role = re.sub(r"(^|\s)['‘\"“](?=\w)(?![^'’\"”]*['’\"”])", r"\1", role)
    return role[:1].upper() + role[1:]
