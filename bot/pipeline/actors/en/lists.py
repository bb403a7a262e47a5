"""Lists of names ("Waitrose, Sainsbury's and the Co-op agreed"): the members spaCy left untagged, their
other occurrences, and the acting the members share."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.vocabulary import _NAME_TAGS, _PREPOSITIONS

_LIST_DETS = {"a", "an", "the"}


def _list_members(doc: Any, spans: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Capitalized names spaCy left untagged beside a tagged one in a list ("a Waitrose, a Sainsbury's and a
    Co-op", "the Texas Rangers and Atlanta Braves"): a list joins things of one kind, so they take its label
    (or the label spaCy gives the same name elsewhere). A lone comma is an appositive ("Roe, Director, Acme"),
    so a list needs an "and"/"or"/"&" somewhere along it."""
    taken = {k for ent in doc.ents for k in range(ent.start, ent.end)}
    tagged: dict[str, Counter[str]] = defaultdict(Counter)
    for ent, label in spans:
        if label in {"PERSON", "ORG"}:
            tagged[ent.text][label] += 1
    n = len(doc)
    found: list[tuple[Any, str]] = []

    def gap(k: int, step: int) -> tuple[int, bool] | None:
        """Past a list separator (",", "and", ", and", "or") from token k: where the next member starts and
        whether the separator had a conjunction."""
        if 0 <= k < n and doc[k].text in {"'s", "’s"} and step > 0:
            k += step
        if 0 <= k < n and doc[k].lower_ in _LIST_DETS and step < 0:
            k += step  # "a Waitrose, a Sainsbury's": the article before the tagged name
        seps: list[str] = []
        while 0 <= k < n and doc[k].lower_ in {",", "and", "or", "&"} and len(seps) < 2:
            seps.append(doc[k].lower_)
            k += step
        if not seps:
            return None
        if 0 <= k < n and doc[k].lower_ in _LIST_DETS:
            k += step
        return k, any(sep != "," for sep in seps)

    def member(k: int, step: int) -> tuple[int, int] | None:
        """A run of 1–3 untagged proper nouns from token k, which ends there (does not run on into a name)."""
        first = k
        while 0 <= k < n and abs(k - first) < 3 and doc[k].tag_ in _NAME_TAGS and k not in taken:
            k += step
        if k == first or (0 <= k < n and doc[k].tag_ in _NAME_TAGS):
            return None
        lo, hi = (first, k) if step > 0 else (k + 1, first + 1)
        return (lo, hi) if all(doc[j].text[:1].isupper() for j in range(lo, hi)) else None

    for ent, label in spans:
        if label not in {"PERSON", "ORG"}:
            continue
        sides = {-1: gap(ent.start - 1, -1), 1: gap(ent.end, 1)}
        for step, side in sides.items():
            if side is None:
                continue
            bounds = member(side[0], step)
            if bounds is None:
                continue
            # The conjunction may sit on this gap, on the entity's other side, or past the new member.
            beyond = gap(bounds[1] if step > 0 else bounds[0] - 1, step)
            other = sides[-step]
            if not (side[1] or (other and other[1]) or (beyond and beyond[1])):
                continue
            span = doc[bounds[0] : bounds[1]]
            taken.update(range(*bounds))
            elsewhere = tagged.get(span.text)
            found.append((span, elsewhere.most_common(1)[0][0] if elsewhere else label))
    return found


def _other_occurrences(text: str, doc: Any, spans: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Other occurrences of names found by `_list_members` ("Waitrose has…" after "a Waitrose, a Sainsbury's
    and a Co-op"), which spaCy leaves untagged throughout. (Doing this for every tagged name too lifts names
    spaCy rightly tags once, in passing, over the mention thresholds.)"""
    taken = {k for ent in doc.ents for k in range(ent.start, ent.end)}
    for ent, _ in spans:
        taken.update(range(ent.start, ent.end))
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ent, label in spans:
        if label in {"PERSON", "ORG"} and ent.text[:1].isupper():
            labels[ent.text][label] += 1
    if not labels:
        return []
    names = sorted(labels, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    found: list[tuple[Any, str]] = []
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None or any(k in taken for k in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        found.append((span, labels[m.group(0)].most_common(1)[0][0]))
    return found


# Between two members of a list: "X, Y", "X and Y", "X, Y, and Z", "X & Y", "X's and Y's".
_LIST_GAP = re.compile(r"^(?:'s|’s)?(?:\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&)\s+)(?:(?:the|an?)\s+)?$")


def _share_acts(text: str, mentions: list[Mention]) -> list[Mention]:
    """In a list ("Waitrose, Sainsbury's and Marks & Spencer were…", "Leeds and Hull agreed") every member
    acts when one does, and is marked `listed`. A list needs an "and"/"&" link, and its members one kind."""
    out = list(mentions)
    i = 0
    while i < len(out):
        j = i
        linked = False
        while j + 1 < len(out) and (gap := _LIST_GAP.match(text[out[j].end : out[j + 1].start])):
            if _kind_group(out[j + 1].label) != _kind_group(out[i].label):
                break
            linked = linked or any(w in gap.group(0) for w in (" and ", " or ", "&"))
            j += 1
        before = text[max(0, out[i].start - 12) : out[i].start].split()
        governed = (
            bool(before) and before[-1].lower() in _PREPOSITIONS
        )  # "with X and Y": objects, not subjects
        if j > i and linked and not governed and (out[i].acts or out[j].acts):
            # Three or more parties named together and acting are what the story compares or reports on.
            for k in range(i, j + 1):
                out[k] = replace(out[k], acts=True, listed=j - i >= 2)
        i = j + 1
    return out


def _kind_group(label: str) -> str:
    # spaCy tags one list's clubs or firms now ORG, now GPE: bodies and places count as one kind here.
    return "person" if label == "PERSON" else "body"
