"""Roles: what the text says a person or organization is, read right at one mention (a title, an office,
an appositive, an occupation, a predicate), and the role shown for an actor."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

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
    _PREDICATE_ROLE,
    _PREPOSITIONS,
    _ROLE_BEFORE,
    _ROLE_NOUN,
    _SENTENCE_ADVERBS,
    _SENTENCE_END,
    _TITLE_IN_FULL,
    _TITLE_PREFIX,
    _VERBS_BEFORE_ROLE,
)
from bot.pipeline.actors.gazetteer import _countries


def _role_near(text: str, m: Mention, common: frozenset[str] = frozenset()) -> tuple[str, bool] | None:
    """The role the text gives a person or organization right at this mention, and whether it vouches for an
    actor: a title, office or appositive does; an occupation before a name ("Arsenal boss X") is also how
    people named in passing are introduced, so it does not on its own."""
    before = text[max(0, m.start - 80) : m.start]
    boundaries = list(_SENTENCE_END.finditer(before))
    before = before[boundaries[-1].end() :] if boundaries else before
    after = text[m.end : m.end + 120]
    after = re.sub(r"^\s*\([^()]{1,20}\)", "", after)  # "Tom Pike (R-Va.), ranking member of …"
    title = None
    vouches = True
    if m.label == "PERSON":
        # The title may be inside the entity ("President Vladimir V. Putin") or just before it.
        inner = _TITLE_PREFIX.match(" ".join(m.raw.split()))
        found = _ROLE_BEFORE.search(before)
        occupation = _OCCUPATION_BEFORE.search(before)
        first_word = m.raw.split()[0] if m.raw.split() else ""
        if first_word.lower() in _OCCUPATION_SET and len(m.raw.split()) >= 2:
            title, vouches = first_word, False
        elif inner:
            title = inner.group(0).strip()
            # "First Lady Jill Roe" tagged "Lady Jill Roe": the title may start before the entity.
            longer = _ROLE_BEFORE.search(before + title)
            if longer and len(longer.group(1)) > len(title) and longer.group(1).split()[0][:1].isupper():
                title = longer.group(1).strip()
        elif found:
            words = found.group(1).split()
            # A capitalized word that opens the sentence ("Yesterday Tottenham manager X", "The acting…") or that
            # the text also writes in lower case is not what the title is of.
            while len(words) > 1 and (
                words[0].lower() in _FUNCTION_WORDS | _SENTENCE_ADVERBS or words[0].lower() in common
            ):
                words = words[1:]
            title = " ".join(words)
        elif (framed := _OCCUPATION_FRAMED.search(before)) and after.startswith(","):
            title = _LEADING_DET.sub("", framed.group(1))
        elif (opener := before.strip()).lower() in _OCCUPATION_SET and opener[:1].isupper():
            title, vouches = opener, False  # "Witness Louie Solano told…": the occupation opens the sentence
        elif occupation:
            words = occupation.group(1).split()
            # "after his daughter X" → "daughter"; "O'Neill hopes jockey X" → "jockey".
            stops = _FUNCTION_WORDS | _PREPOSITIONS | _VERBS_BEFORE_ROLE | {"despite", "turn"}
            cut = [i for i, w in enumerate(words) if w.lower() in stops]
            words = words[cut[-1] + 1 :] if cut else words
            # A capitalized word that the text also writes in lower case opens the sentence ("Yesterday
            # respected analyst X"); it is not part of the role as a team or place name would be.
            while len(words) > 1 and words[0][:1].isupper() and words[0].lower() in common:
                words = words[1:]
            title, vouches = _LEADING_DET.sub("", " ".join(words)) or None, False
        if title and title.lower().rstrip(".") in {"mr", "mrs", "ms", "dr", "prof"}:
            title = None
    of_place = _OF_PLACE.match(after)
    # "President Macron of France. Charles praised…": the place ends at the sentence's full stop.
    place = re.split(r"\.\s", of_place.group(1))[0] if of_place else ""
    if title and of_place:
        return f"{title} of {place}", True
    appositive = _APPOSITIVE.match(after)
    if appositive:
        phrase = appositive.group(1).strip()
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        if _ROLE_NOUN.search(phrase) and len(phrase.split()) <= 10:
            return phrase, True
    if title and vouches:
        return title, True
    predicate = _PREDICATE_ROLE.match(after)
    if predicate and re.match(r"\s+as\b", after) and not _APPOINTS.search(before):
        predicate = None  # "on Snapgram as the striker took a break": "as" opens a clause about someone else
    if predicate:
        return _LEADING_DET.sub("", (predicate.group(1) or predicate.group(2)).strip()), True
    if title:
        return title, False
    if m.label == "PERSON" and of_place and place in _countries()[0]:
        return place, True
    return None


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
